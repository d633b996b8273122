"""Reading gemeente.yaml strictly: YAML as people write it by hand, without the surprises YAML allows.

* A key written twice in one mapping is an error (YAML would silently keep the last).
* Anchors and aliases (``&x``, ``*x``) are refused: a configuration needs none, and a few lines of them can
  expand to gigabytes ("billion laughs").
* Only YAML's own ``true``/``false`` are booleans; ``yes``/``no``/``on``/``off`` stay text, so the parser can
  decide ("ja"/"nee" are accepted for booleans there, other words are named as errors).
* Explicit tags (``!!int``, ``!!binary``), nesting deeper than `MAX_DEPTH` and escaped half characters are
  refused with the line, so no value can make the reader fail with anything but a message.
* Dates stay text: the parser reads them and names an impossible one ("2026-02-30") in words, where YAML's
  own date reading would stop with an exception.
"""

from __future__ import annotations

import re

import yaml

__all__ = ["ConfigYAMLError", "read_yaml"]


class ConfigYAMLError(Exception):
    """gemeente.yaml is not YAML we accept; `line` is 1-based when known."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_DEPTH = 20  # a configuration is a few levels deep; hundreds of levels are an attack on the parser


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader without aliases, with duplicate-key detection and with only true/false as booleans."""

    _depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            raise ConfigYAMLError("anchors and aliases (& and *) are not supported in gemeente.yaml", line)
        if getattr(event, "tag", None) is not None:  # an explicit !!int, !!binary, … would construct anything
            tag = _short(event.tag.replace("tag:yaml.org,2002:", "!!"))
            raise ConfigYAMLError(f"tags ('{tag}') are not supported in gemeente.yaml", line)
        if isinstance(event, yaml.ScalarEvent) and _SURROGATE.search(event.value):
            raise ConfigYAMLError("a value holds an escaped half of a character (\\ud800-\\udfff)", line)
        if self._depth >= MAX_DEPTH:
            raise ConfigYAMLError(f"nested more than {MAX_DEPTH} levels deep", line)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node, deep=False):
        seen: dict = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, list | dict):
                raise ConfigYAMLError("a key must be a word, not a list or mapping", key_node.start_mark.line + 1)
            if key in seen:
                raise ConfigYAMLError(
                    f"key '{_short(key)}' appears twice in the same section (lines {seen[key]} and "
                    f"{key_node.start_mark.line + 1}); keep one",
                    key_node.start_mark.line + 1,
                )
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


# YAML 1.1 reads yes/no/on/off as booleans; here only true/false are. Dates are left to the parser.
_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in ("tag:yaml.org,2002:bool", _TIMESTAMP)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _short(value, limit: int = 60) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_yaml(text: str):
    """The document in `text`; ConfigYAMLError with the line for anything we do not accept."""
    try:
        return yaml.load(text, Loader=_StrictLoader)  # a SafeLoader subclass: no Python objects
    except ConfigYAMLError:
        raise
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ConfigYAMLError(
            f"not valid YAML: {getattr(exc, 'problem', exc)}", mark.line + 1 if mark is not None else None
        ) from None
