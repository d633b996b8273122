"""Property-based tests (hypothesis) over the readers, gemeente.yaml and the pipeline: whatever a municipality
exports, every case either works or ends in one clear message naming the file (and row and column where they
apply), never another exception; raw files stay byte-identical; a failed run leaves the previous results.

Inputs are drawn from what real exports hold and what attackers try: five encodings, three delimiters, quoted
and unquoted values, missing, extra and repeated columns, empty and header-only files, words for "no value",
and text with right-to-left marks, zero-width characters, combining accents, emoji and NUL bytes. Examples
are small and few (a few hundred in all) so the suite stays fast.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import string
import warnings
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from cocreatie_analysis.cli import main
from cocreatie_analysis.config import load_config
from cocreatie_analysis.errors import InputError, Problem
from cocreatie_analysis.io import fingerprint, load_dataset, read_file, validate
from cocreatie_analysis.pipeline import load_results

from .test_faults import snapshot
from .test_io import CONFIG, GOOD, make_folder

# About 250 cases in all, a few seconds each test; COCREATIE_HYPOTHESIS_EXAMPLES=2000 hunts for new cases.
EXAMPLES = int(os.environ.get("COCREATIE_HYPOTHESIS_EXAMPLES", "50"))


def cases(share: float = 1.0) -> settings:
    """Few, small examples without a deadline (machines under load are slow, not wrong)."""
    return settings(
        max_examples=max(10, int(EXAMPLES * share)),
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )


ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1")
DELIMITERS = (",", ";", "\t")
EDGE_CHARACTERS = (
    "\u202e",  # right-to-left override
    "\u200f",  # right-to-left mark
    "مرحبا",  # Arabic
    "שלום",  # Hebrew
    "\u200b",  # zero-width space
    "\u200d",  # zero-width joiner
    "\ufeff",  # a byte-order mark inside the text
    "e\u0301",  # e + combining acute accent
    "👩🏽‍🌾",  # emoji with skin tone and joiner
    "🚲",
    "\u00a0",  # non-breaking space
    "\x00",  # NUL
    "’",
    "é",
    "ë",
    "€",
)
NO_VALUE_WORDS = ("NA", "NaN", "null", "-", "n.v.t.", "#N/A", "None", "")
LEGACY = set(bytes(range(0x20, 0x7F)).decode("ascii")) | set("éëèïöüçàáÉ€’“”–")  # in cp1252 and (mostly) latin-1


def _text(encoding: str, edge: bool = True) -> st.SearchStrategy[str]:
    """Cell text an export in `encoding` can hold: letters, punctuation, delimiters, quotes, line breaks, and
    (in the Unicode encodings) the edge cases above."""
    plain = st.text(string.ascii_letters + string.digits + " .,;'\"\t\n-", max_size=12)
    if encoding.startswith("utf"):
        pieces = st.one_of(plain, st.sampled_from(EDGE_CHARACTERS + NO_VALUE_WORDS)) if edge else plain
    else:
        legacy = "".join(sorted(c for c in LEGACY if _encodable(c, encoding)))
        pieces = st.one_of(plain, st.text(legacy, max_size=8), st.sampled_from(NO_VALUE_WORDS))
    return st.lists(pieces, max_size=3).map("".join)


def _encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
        return True
    except UnicodeEncodeError:
        return False


HEADERS = ("input_id", "text", "participant_id", "Nummer", "Reactie", "Deelnemer", "date", "Datum", "", " x ")


@st.composite
def exports(draw) -> tuple[bytes, list[list[str]], dict]:
    """A table as some tool exports it: (bytes, the rows written, how they were written)."""
    encoding = draw(st.sampled_from(ENCODINGS))
    sep = draw(st.sampled_from(DELIMITERS))
    quoting = draw(st.sampled_from(["minimal", "minimal", "all", "none"]))
    width = draw(st.integers(1, 4))
    plain_names = st.lists(st.sampled_from(HEADERS[:8]), min_size=width, max_size=width, unique=True)
    any_names = st.lists(st.one_of(st.sampled_from(HEADERS), _text(encoding, edge=False)), min_size=width,
                         max_size=width)  # fmt: skip
    header = draw(st.one_of(plain_names, plain_names, any_names))
    cells = st.lists(_text(encoding), min_size=width, max_size=width)
    ragged = st.lists(_text(encoding), min_size=max(0, width - 1), max_size=width + 1)  # missing and extra cells
    rows = draw(st.lists(st.one_of(cells, cells, cells, ragged), max_size=6))
    table = [header, *rows]
    out = io.StringIO()
    if quoting == "none":  # a tool that writes values as they are, delimiters and quotes included
        out.write("\n".join(sep.join(row) for row in table) + draw(st.sampled_from(["", "\n", "\r\n"])))
    else:
        style = csv.QUOTE_ALL if quoting == "all" else csv.QUOTE_MINIMAL
        csv.writer(out, delimiter=sep, quoting=style, lineterminator=draw(st.sampled_from(["\n", "\r\n"]))).writerows(
            table
        )
    text = out.getvalue()
    assume(_encodable(text, encoding))
    return text.encode(encoding), table, {"encoding": encoding, "sep": sep, "quoting": quoting}


def _is_clear(problem: Problem, path: Path) -> None:
    """A clear message: it names the file, and a row (if any) that exists, in words (no repr, no traceback)."""
    assert problem.file == str(path), problem
    assert problem.message and "Traceback" not in problem.message and "\n" not in problem.message, problem
    assert problem.row is None or problem.row >= 1, problem


def _expected(table: list[list[str]], how: dict) -> list[list[str | None]] | str | None:
    """What reading must give: the rows (values stripped, empty ones None, short rows padded, all-empty rows
    left out), "refused" when a row has values beyond the header's columns, or None when the outcome is not
    determined (headers a reader may rename, values an unquoted export cannot keep apart)."""
    header = table[0]
    cells = [c for row in table for c in row]
    if any("\x00" in c for c in cells):
        return "refused"
    names = [h.strip() for h in header]
    unquoted_safe = not any(ch in c for c in cells for ch in (*DELIMITERS, '"', "\n", "\r"))
    plain_header = (
        not any(d in h for h in header for d in DELIMITERS)  # else the header cannot tell the delimiter
        and all(names)
        and len(set(names)) == len(names)
        and all(n == h and not n.startswith("Unnamed") for n, h in zip(names, header))
    )
    if not plain_header or not (how["quoting"] != "none" or unquoted_safe) or any("\ufeff" in c for c in cells):
        return None
    if any("\r" in c for c in cells) or (len(header) == 1 and how["quoting"] == "all"):
        return None
    width = len(header)
    if width == 1 and any(len(row) != 1 for row in table[1:]):
        return None  # one column: "a,b" in it can be one value or two cells, the file cannot tell
    if any(any(c.strip() for c in row[width:]) for row in table[1:]):
        return "refused"
    rows = [[c.strip() or None for c in row[:width]] + [None] * (width - len(row)) for row in table[1:]]
    return [row for row in rows if any(row)]


@cases(1.6)
@given(export=exports())
def test_reading_any_export_works_or_names_the_file(tmp_path_factory, export):
    """Promise: Every problem is named with its file, row and column. Promise: Raw files are never changed."""
    data, table, how = export
    path = tmp_path_factory.mktemp("export") / "reacties.csv"
    path.write_bytes(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a warning from pandas or csv would be a case we do not handle
            raw = read_file(path)
    except InputError as exc:
        assert exc.problems
        for problem in exc.problems:
            _is_clear(problem, path)
        event(f"refused: {exc.problems[0].message[:30]}")
        return
    finally:
        assert path.read_bytes() == data, "raw files are never modified"
    for problem in raw.warnings:
        _is_clear(problem, path)
    assert raw.sha256 == hashlib.sha256(data).hexdigest()
    expected = _expected(table, how)
    event(f"read, values compared: {isinstance(expected, list)}")
    assert expected != "refused", "values beyond the header's columns were dropped or shifted"
    if isinstance(expected, list):
        got = raw.frame.astype(object).where(raw.frame.notna(), None).values.tolist()
        assert list(raw.frame.columns) == table[0] and got == expected


@cases()
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".csv", ".txt", ".tsv", ".xlsx"]))
def test_any_bytes_are_read_or_refused_with_the_file_named(tmp_path_factory, data, suffix):
    """Promise: Every problem is named with its file, row and column."""
    path = tmp_path_factory.mktemp("bytes") / f"reacties{suffix}"
    path.write_bytes(data)
    try:
        read_file(path)
    except InputError as exc:
        for problem in exc.problems:
            _is_clear(problem, path)
    assert path.read_bytes() == data


@st.composite
def folders(draw) -> dict[str, bytes]:
    """A municipality folder's data files: the good sample in some encoding, with resident texts drawn from the
    edge cases, and (mostly) one file replaced by an export, an empty or header-only file, or nothing."""
    texts = draw(st.lists(_text("utf-8"), min_size=2, max_size=2))
    inputs = "Nummer;Reactie;Deelnemer\n" + "".join(
        f'{i};"{t.replace(chr(34), chr(34) * 2)} park";p{i}\n' for i, t in enumerate(texts, start=1)
    )
    files = {name: good for name, good in GOOD.items()}
    files["reacties.csv"] = inputs
    encoded = {}
    for name, text in files.items():
        encoding = draw(st.sampled_from(ENCODINGS))
        encoded[name] = text.encode(encoding) if _encodable(text, encoding) else text.encode("utf-8")
    broken = draw(st.sampled_from([None, *GOOD]))
    if broken is not None:
        how = draw(st.sampled_from(["export", "export", "empty", "header", "missing"]))
        encoded[broken] = {
            "export": lambda: draw(exports())[0],
            "empty": lambda: b"",
            "header": lambda: GOOD[broken].splitlines()[0].encode() + b"\n",
            "missing": lambda: None,
        }[how]()
    return encoded


@cases(0.8)
@given(files=folders())
def test_a_folder_of_anything_validates_to_clear_problems(tmp_path_factory, files):
    """Promise: Every problem is named with its file, row and column. Promise: Raw files are never changed."""
    folder = make_folder(tmp_path_factory.mktemp("folder"), files)
    before = snapshot(folder)
    problems = validate(folder)
    names = {str(folder / n) for n in [*GOOD, "gemeente.yaml"]}
    for problem in problems:
        assert problem.file in names, problem
        assert problem.message and "Traceback" not in problem.message, problem
        assert problem.row is None or problem.row >= 1
    event(f"{sum(p.severity == 'error' for p in problems) > 0} errors")
    try:
        dataset = load_dataset(folder)
    except InputError as exc:
        assert [p for p in problems if p.severity == "error"] == exc.problems
    else:
        assert not [p for p in problems if p.severity == "error"]
        assert len(dataset.fingerprint) == 64 and dataset.inputs["text"].notna().all()
    assert snapshot(folder) == before, "raw files are never modified"


YAML_VALUES = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(-5, 10**6), st.floats(allow_nan=True), st.text(max_size=20),
        st.sampled_from(["ja", "nee", "yes", "GM0363", "2026-02-30", "2026-03-01", "auto", "nl", "fr", "../x.csv",
                         "/etc/passwd", "reacties.csv", "raadplegen", "input_id", "text"]),
    ),
    lambda children: st.one_of(st.lists(children, max_size=3), st.dictionaries(st.text(max_size=8), children,
                                                                               max_size=3)),
    max_leaves=8,
)  # fmt: skip
PATHS = ["name", "fictional", "cbs_code", "language", "places", "dimensions", "process.title", "process.period.start",
         "process.participation_levels.wonen", "files.inputs", "files.votes", "columns.inputs.Reactie",
         "columns.inputs", "values.votes.vote", "themes.n_themes", "themes.seeds.groen", "reach.ratio_threshold",
         "draagvlak", "privacy.min_cell_size", "privacy.min_cel_size", "themes.n_theme"]  # fmt: skip
KEYS = ["name", "fictional", "cbs_code", "language", "places", "dimensions", "process", "files", "columns",
        "values", "themes", "sentiment", "reach", "draagvlak", "privacy", "naam", "colums", "min_cel_size"]  # fmt: skip


def _set(document: dict, path: list[str], value) -> dict:
    node = document
    for key in path[:-1]:
        node = node.setdefault(key, {}) if isinstance(node.get(key, {}), dict) else node
    node[path[-1]] = value
    return document


@st.composite
def configs(draw) -> str:
    """gemeente.yaml as someone might write it: the good one with a key or two changed (known or misspelt,
    at any depth, values of any shape), a mapping of anything, or text that is not YAML at all."""
    kind = draw(st.sampled_from(["changed", "changed", "mapping", "text"]))
    if kind == "text":
        return draw(st.text(max_size=60))
    if kind == "mapping":
        return yaml.safe_dump(draw(st.dictionaries(st.sampled_from(KEYS), YAML_VALUES, max_size=6)), allow_unicode=True)
    document = json.loads(json.dumps(CONFIG))
    for _ in range(draw(st.integers(1, 2))):
        path = draw(st.sampled_from(PATHS)).split(".")
        _set(document, path, draw(YAML_VALUES))
    return yaml.safe_dump(document, allow_unicode=True)


@cases()
@given(text=configs())
def test_any_gemeente_yaml_gives_a_config_or_problems_naming_it(tmp_path_factory, text):
    folder = make_folder(tmp_path_factory.mktemp("config"))
    path = folder / "gemeente.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        config = load_config(folder)
    except InputError as exc:
        event("refused")
        assert exc.problems
        for problem in exc.problems:
            assert problem.file == str(path) and problem.message, problem
            assert len(problem.message) < 600, "values are never expanded in messages"
    else:
        assert config.name and config.slug == "testdorp"
        for name in config.files.values():  # every file it names lies inside the folder
            assert (folder / name).resolve().is_relative_to(folder.resolve())
    assert path.read_bytes() == text.encode("utf-8", "surrogatepass")


# ---------------------------------------------------------------- the pipeline: a failed run changes nothing
@pytest.fixture(scope="module")
def previous(tmp_path_factory):
    """A folder analysed once: the previous processed results every later run starts from."""
    root = tmp_path_factory.mktemp("pipeline")
    folder = make_folder(root)
    processed = root / "processed"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert main(["analyse", str(folder), "--processed-dir", str(processed)]) == 0
    return folder, processed


TEXTS = st.lists(_text("utf-8"), min_size=1, max_size=4)


@cases(0.24)
@given(
    texts=TEXTS,
    ids=st.one_of(st.none(), st.lists(st.sampled_from(["1", "2", "3", "NA", "", "1.0"]), min_size=1, max_size=4)),
)
def test_a_run_on_any_input_writes_whole_results_or_changes_nothing(previous, capsys, texts, ids):
    """Promise: A failed run changes nothing."""
    folder, processed = previous
    ids = ids or [str(i) for i in range(1, len(texts) + 1)]
    before = snapshot(processed)
    rows = [f'{i};"{t.replace(chr(34), chr(34) * 2)}";p1' for i, t in zip(ids, texts)]
    original = (folder / "reacties.csv").read_bytes()
    (folder / "reacties.csv").write_text("Nummer;Reactie;Deelnemer\n" + "\n".join(rows) + "\n", "utf-8")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            code = main(["analyse", str(folder), "--processed-dir", str(processed)])
        err = capsys.readouterr().err
        assert "Traceback" not in err
        event(f"exit {code}")
        if code == 0:  # whole results of exactly this input
            results = load_results(processed / "testdorp")
            assert results.manifest["input_sha256"] == fingerprint(load_config(folder))
            assert len(results["inputs"]) == sum(bool(t.strip()) for t in texts[: len(ids)])
        else:
            assert code == 1 and err.strip(), "a failed run says why"
            assert snapshot(processed) == before, "a failed run leaves the previous results"
    finally:
        (folder / "reacties.csv").write_bytes(original)
