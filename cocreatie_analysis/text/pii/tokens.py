"""Word tokens of one text with their character positions, and the few facts the redaction rules ask of them.

Both the name rules and the street rules look at words and what stands between them (a space, a full stop, a
line break), so a text is tokenised once per redaction and shared. Letters in any script count ("Zoë",
"Yılmaz", "Çetin"); a hyphen or an apostrophe inside a word keeps it one token ("Jan-Willem", "O'Brien"),
but a possessive 's does not ("Fatima's" is "Fatima" + "s"); "'t" is a token of its own.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*(?:['’](?!s\b)[^\W\d_]+(?:-[^\W\d_]+)*)*|['’]t\b")
_WS = re.compile(r"\s+")
_SENTENCE_BREAK = re.compile(r"[!?\n:;(\"“‘«•*]")
# Abbreviations after which a full stop does not end the sentence.
ABBREVIATIONS = frozenset(
    {
        "dhr",
        "mevr",
        "mw",
        "mr",
        "mrs",
        "ms",
        "dr",
        "drs",
        "ir",
        "ing",
        "prof",
        "fam",
        "st",
        "nr",
        "ca",
        "bijv",
        "evt",
        "enz",
        "etc",
        "vs",
        "jr",
        "sr",
        "gr",
        "mvg",
        "hr",
        "wed",
        "burg",
        "mgr",
        "ds",
        "zr",
        "vr",
        "hgr",
    }
)


def normalise(phrase: str) -> str:
    """Lower case with runs of white space folded: how phrases are compared with a keep list."""
    return _WS.sub(" ", phrase.strip().lower())


class Tokens:
    """The word tokens of `text`: parallel lists `starts`, `ends`, `words`."""

    __slots__ = ("text", "starts", "ends", "words", "n", "_lower")

    def __init__(self, text: str):
        self.text = text
        spans = [m.span() for m in _TOKEN.finditer(text)]
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]
        self.words = [text[s:e] for s, e in spans]
        self.n = len(spans)
        self._lower = None

    @property
    def lower(self) -> list[str]:
        """The words in lower case (made once, on first use)."""
        if self._lower is None:
            self._lower = [w.lower() for w in self.words]
        return self._lower

    def gap(self, i: int) -> str:
        """Text between token i-1 and token i (before the first token for i == 0)."""
        return self.text[self.ends[i - 1] : self.starts[i]] if i > 0 else self.text[: self.starts[i]]

    def is_initial(self, i: int) -> bool:
        """A single capital followed by a full stop ("J." in "J. de Boer")."""
        w = self.words[i]
        return len(w) == 1 and w.isupper() and self.text[self.ends[i] : self.ends[i] + 1] == "."

    def joined(self, i: int) -> bool:
        """True if token i continues the phrase of token i-1: only spaces between, or an initial's dot."""
        if i <= 0 or i >= self.n:
            return False
        g = self.text[self.ends[i - 1] : self.starts[i]]
        if not g.strip(" \t"):
            return bool(g)
        return g.strip(" \t") == "." and self.is_initial(i - 1)

    def sentence_start(self, i: int) -> bool:
        """True if token i starts a sentence, a line, a bracketed or quoted part, or follows a colon."""
        if i == 0:
            return True
        g = self.text[self.ends[i - 1] : self.starts[i]]
        if _SENTENCE_BREAK.search(g):
            return True
        if "." in g:
            return not (self.is_initial(i - 1) or self.words[i - 1].lower() in ABBREVIATIONS)
        return False

    def at_end(self, j: int) -> bool:
        """True if token j-1 ends its sentence (end of text, a line break, or . ! ? after it)."""
        if j >= self.n:
            return True
        g = self.text[self.ends[j - 1] : self.starts[j]]
        return "\n" in g or ("." in g or "!" in g or "?" in g) and not self.is_initial(j - 1)

    def phrase(self, a: int, b: int) -> str:
        """Tokens a..b-1 with what stands between them, normalised."""
        return normalise(self.text[self.starts[a] : self.ends[b - 1]])
