"""CBS StatLine importer: population tables for a gemeente (or its wijken) from StatLine CSV exports.

What a user downloads from StatLine ("Downloaden" -> CSV) looks like this::

    \\ufeff"Wijken en buurten";"Regioaanduiding/Gemeentenaam (naam)";...;"Bevolking/Aantal inwoners (aantal)"
    "Amsterdam";"Amsterdam                               ";"Gemeente  ";"GM0363    ";...;931298

`;`-separated, UTF-8 with a byte-order mark, quoted ``Group/Subgroup/Name (unit)`` headers, names and codes
padded with spaces, decimal commas, empty cells for missing values. :func:`read_statline` turns such a file
into a clean DataFrame; :func:`import_cbs` writes the canonical population table (dimension, category,
count) that :mod:`cocreatie_analysis.reach` compares participants with.

Supported exports (recognised by their headers, in any order on the command line):

* **Kerncijfers wijken en buurten** with region codes (``Regioaanduiding/Codering``): inhabitants, men/women
  (``gender``: man, vrouw) and age bands (``age_group``).
* Further Kerncijfers wijken en buurten exports **without** a code column, e.g. inhabitants by herkomstland
  (``origin``: Nederland, Europa [= Europe excluding the Netherlands], buiten Europa). StatLine exports of the
  same table and regions come in the same row order, so they are joined by row number; every row's region name
  and gemeente name must match, otherwise the import stops and names the first row that differs.
* **Regionale kerncijfers Nederland** (``Perioden``, ``Regio's``): finer age bands per gemeente (0-4, 5-9, …,
  65-79, 80+), used for age groups the wijken-en-buurten bands cannot form (gemeente level only). The gemeente
  is found by name (the name comes from the wijken-en-buurten file or from a gemeenten list such as
  ``gemeenten_2023.csv``); of several periods the latest with figures is used.

Age groups: CBS bands are half-open ("15 tot 25 jaar" = 15-24). A requested group ``"a-b"`` (inclusive) or
``"a+"`` must start and end on band boundaries; it then gets the sum of the bands it covers (``"15-44"`` =
15-24 + 25-44). Groups that do not align (``"18-24"``) are an error that lists the available boundaries. Without
``age_groups`` every CBS band is written (0-14 included: leave it out with ``age_groups`` when the process was
for residents aged 15 and over). Ages outside the requested groups are simply not counted, so the age_group
margin may total less than gender and origin; :mod:`reach` compares shares within each dimension.

Wijken (``wijken=True``): ``district`` per wijk of the gemeente with joint dimensions ``age_group | district``,
``gender | district`` and ``origin | district``; the single-dimension margins come from the gemeente row (CBS
rounds wijk figures). Wijk names lose CBS' "Wijk 03 " prefix ("Wijk 03 Gasteren" -> "Gasteren") unless that would
make two names equal within the gemeente; names that are still equal get their code appended. Wijken with an
empty (secret) figure are left out of that dimension with a warning; wijken with 0 inhabitants are kept.

CBS symbols in numeric cells: empty, ``.`` (figure unknown) and ``x`` (secret) become NaN, ``-`` (nil) becomes 0.
Numbers have a decimal comma (`io.values.parse_decimal_comma`); a number of inhabitants that is not whole
("44,949") stops the import with its file, row and column.

Why one module of ~500 lines: every function reads one shape of StatLine export, and they share its quirks
(headers, padded codes, row joins, age bands); split, each part would import the others' private helpers.
"""

from __future__ import annotations

import math
import os
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..atomic import write_atomic
from ..values import parse_age_band
from .statline import CBSImportError, CBSImportWarning, read_statline

__all__ = ["CBSImportError", "CBSImportWarning", "import_cbs", "population_from_cbs", "read_statline"]


# --------------------------------------------------------------------------------------------- recognising files
@dataclass
class _Band:
    lo: int
    hi: float  # exclusive; inf for "... of ouder"
    column: str

    @property
    def label(self) -> str:
        return f"{self.lo}+" if math.isinf(self.hi) else f"{self.lo}-{int(self.hi) - 1}"


_BAND_PATTERNS = [
    (re.compile(r"^(\d+) tot (\d+) jaar$", re.I), lambda m: (int(m.group(1)), float(m.group(2)))),
    (re.compile(r"^jonger dan (\d+) jaar$", re.I), lambda m: (0, float(m.group(1)))),
    (re.compile(r"^(\d+) jaar of ouder$", re.I), lambda m: (int(m.group(1)), math.inf)),
]
_ORIGINS = {
    "nederland": "Nederland",
    "europa (exclusief nederland)": "Europa",
    "europa": "Europa",
    "buiten europa": "buiten Europa",
}
_GENDERS = {"mannen": "man", "vrouwen": "vrouw"}


def _meta(frame: pd.DataFrame) -> dict:
    return frame.attrs.get("statline", {}).get("columns", {})


def _file(frame: pd.DataFrame) -> str:
    return Path(frame.attrs.get("statline", {}).get("file", "?")).name


def _row(frame: pd.DataFrame, position: int) -> int:
    rows = frame.attrs.get("statline", {}).get("rows")
    return rows[position] if rows else position + 2


def _find(frame: pd.DataFrame, last: str, within: str | None = None, unit: str | None = None) -> str | None:
    for column, info in _meta(frame).items():
        path = [p.lower() for p in info["path"]]
        if (
            path[-1] == last.lower()
            and (within is None or within.lower() in path[:-1])
            and (unit is None or (info["unit"] or "").lower() == unit)
        ):
            return column
    return None


def _age_bands(frame: pd.DataFrame) -> list[_Band]:
    bands = []
    for column, info in _meta(frame).items():
        if (info["unit"] or "").lower() != "aantal" or "leeftijdsgroepen" not in [p.lower() for p in info["path"]]:
            continue
        for pattern, parse in _BAND_PATTERNS:
            m = pattern.match(info["path"][-1])
            if m:
                lo, hi = parse(m)
                bands.append(_Band(lo, hi, column))
                break
    bands.sort(key=lambda b: b.lo)
    return bands


def _measures(frame: pd.DataFrame) -> dict[str, list[tuple[str, str]]]:
    """dimension -> [(category, column)] for the population figures this file holds."""
    out: dict[str, list[tuple[str, str]]] = {}
    for column, info in _meta(frame).items():
        if (info["unit"] or "").lower() != "aantal":
            continue
        path = [p.lower() for p in info["path"]]
        if "geslacht" in path[:-1] and path[-1] in _GENDERS:
            out.setdefault("gender", []).append((_GENDERS[path[-1]], column))
        elif "herkomstland" in path[:-1] and path[-1] in _ORIGINS:
            out.setdefault("origin", []).append((_ORIGINS[path[-1]], column))
    return out


def _kind(frame: pd.DataFrame) -> str | None:
    columns = {c.lower() for c in frame.columns}
    if "perioden" in columns and "regio's" in columns:
        return "regional"
    if "gemeentecodegm" in columns and "gemeentenaam" in columns:
        return "gemeenten"
    if frame.columns[0].lower() == "wijken en buurten" and _find(frame, "Gemeentenaam") is not None:
        return "kwb" if _find(frame, "Codering") is not None else "kwb_joined"
    return None


# --------------------------------------------------------------------------------------------- age groups
def _parse_group(label: str) -> tuple[int, float]:
    """An age group as CBS' half-open band: "15-24" -> (15, 25), "65+" -> (65, inf)."""
    band = parse_age_band(str(label))
    if band is not None:
        return band[0], math.inf if band[1] is None else float(band[1] + 1)
    raise CBSImportError(f"age group {label!r} is not of the form 'a-b' (from a up to and including b) or 'a+'")


def _map_age_groups(bands: list[_Band], age_groups, source: str) -> list[tuple[str, list[str]]]:
    """(label, columns to add up) per requested age group; CBSImportError when a group does not align."""
    if not bands:
        raise CBSImportError(f"{source}: no age bands (Leeftijdsgroepen) in this file")
    if age_groups is None:
        return [(b.label, [b.column]) for b in bands]
    boundaries = sorted({b.lo for b in bands} | {b.hi for b in bands if not math.isinf(b.hi)})
    band_text = ", ".join(b.label for b in bands)
    out, taken = [], []
    for label in age_groups:
        lo, hi = _parse_group(label)
        problems = []
        if lo not in boundaries:
            problems.append(f"{lo} is not a band boundary")
        if not math.isinf(hi) and hi not in boundaries:
            problems.append(f"{int(hi) - 1} is not the last age of a band")
        if math.isinf(hi) and not any(math.isinf(b.hi) for b in bands):
            problems.append("the bands have no open upper band")
        if problems:
            raise CBSImportError(
                f"age group '{label}' does not align with the CBS age bands of {source} ({band_text}): "
                f"{' and '.join(problems)}; groups must start at one of {', '.join(map(str, boundaries))}"
            )
        for other_label, other_lo, other_hi in taken:
            if lo < other_hi and other_lo < hi:
                raise CBSImportError(f"age groups '{other_label}' and '{label}' overlap")
        taken.append((label, lo, hi))
        out.append((str(label).strip(), [b.column for b in bands if b.lo >= lo and b.hi <= hi]))
    return out


# --------------------------------------------------------------------------------------------- import
def _gemeente_code(gemeente) -> str:
    text = str(gemeente).strip().upper()
    if re.fullmatch(r"\d{1,4}", text):
        text = f"GM{int(text):04d}"
    if not re.fullmatch(r"GM\d{4}", text):
        raise CBSImportError(f"'{gemeente}' is not a CBS gemeente code like GM0363")
    return text


def _value(frame: pd.DataFrame, position: int, column: str) -> float:
    value = frame[column].iloc[position]
    if pd.isna(value):
        raise CBSImportError(
            f"{_file(frame)}, row {_row(frame, position)}, column '{column}': empty, but this figure is needed"
        )
    return _count(frame, position, column)


def _count(frame: pd.DataFrame, position: int, column: str) -> float:
    """A number of inhabitants: a whole number (StatLine writes decimals with a comma, so '44,949' is no count)."""
    value = float(frame[column].iloc[position])
    if not value.is_integer() or value < 0:
        shown = f"{value:g}".replace(".", ",")  # as StatLine wrote it
        raise CBSImportError(
            f"{_file(frame)}, row {_row(frame, position)}, column '{column}': '{shown}' is not a whole number of "
            "inhabitants (StatLine writes decimals with a comma and no thousands separator)"
        )
    return value


def _check_joined(main: pd.DataFrame, other: pd.DataFrame) -> None:
    name_main, name_other = _file(main), _file(other)
    if len(main) != len(other):
        raise CBSImportError(
            f"{name_other} has {len(other):,} regions but {name_main} has {len(main):,}: the files must be exports "
            "of the same regions in the same order to be joined row by row"
        )
    gm_main, gm_other = _find(main, "Gemeentenaam"), _find(other, "Gemeentenaam")
    region_main, region_other = main.columns[0], other.columns[0]
    for a, b in ((region_main, region_other), (gm_main, gm_other)):
        left = main[a].fillna("").to_numpy(dtype=object)
        right = other[b].fillna("").to_numpy(dtype=object)
        differ = np.flatnonzero(left != right)
        if len(differ):
            i = int(differ[0])
            raise CBSImportError(
                f"{name_other}, row {_row(other, i)}, column '{b}': '{right[i]}' does not match '{left[i]}' in row "
                f"{_row(main, i)} of {name_main}; the files must list the same regions in the same order"
            )


def _wijk_names(names: list[str], codes: list[str]) -> list[str]:
    stripped = [re.sub(r"^Wijk \d+\s+(?=\S)", "", n) for n in names]
    chosen = stripped if len(set(stripped)) == len(stripped) else list(names)
    counts: dict[str, int] = {}
    for n in chosen:
        counts[n] = counts.get(n, 0) + 1
    return [f"{n} ({c})" if counts[n] > 1 else n for n, c in zip(chosen, codes)]


def _warn(message: str) -> None:
    warnings.warn(message, CBSImportWarning, stacklevel=3)


def _check_total(frame: pd.DataFrame, position: int, columns: list[str], total_column: str | None, what: str) -> None:
    if total_column is None:
        return
    total = frame[total_column].iloc[position]
    parts = frame[columns].iloc[position].sum()
    if pd.notna(total) and total > 0 and abs(parts - total) > 0.01 * total:
        _warn(
            f"{_file(frame)}, row {_row(frame, position)}: {what} add up to {parts:,.0f}, not to the "
            f"{total:,.0f} inhabitants"
        )


def population_from_cbs(csv_paths, gemeente, wijken: bool = False, age_groups=None) -> pd.DataFrame:
    """The canonical population table (dimension, category, count) from CBS StatLine exports.

    See :func:`import_cbs` (which writes it) and the module docstring for the rules.
    """
    if isinstance(csv_paths, str | os.PathLike):
        csv_paths = [csv_paths]
    paths = [Path(p) for p in csv_paths]
    if not paths:
        raise CBSImportError("no CBS files given")
    try:
        code, code_error = _gemeente_code(gemeente), None
    except CBSImportError as exc:  # maybe a name: say which code it has once the files are read
        code, code_error = None, exc
    by_kind: dict[str, list[pd.DataFrame]] = {}
    for path in paths:
        frame = read_statline(path)
        kind = _kind(frame)
        if kind is None:
            shown = ", ".join(list(frame.columns)[:6])
            raise CBSImportError(
                f"{path.name}: not a recognised CBS StatLine export (expected Kerncijfers wijken en buurten, with "
                f"'Wijken en buurten' and 'Regioaanduiding' columns, or Regionale kerncijfers Nederland, with "
                f"'Perioden' and 'Regio's'); its columns are: {shown}"
            )
        by_kind.setdefault(kind, []).append(frame)
    if len(by_kind.get("kwb", [])) > 1:
        names = ", ".join(_file(f) for f in by_kind["kwb"])
        raise CBSImportError(
            f"{names}: give one wijken-en-buurten export with region codes (Codering); the "
            "others must be exports without codes, joined by row order"
        )
    main = by_kind.get("kwb", [None])[0]
    joined = by_kind.get("kwb_joined", [])
    regional = by_kind.get("regional", [])
    if joined and main is None:
        raise CBSImportError(
            f"{_file(joined[0])} has no region codes; add the wijken-en-buurten export with "
            "codes (Regioaanduiding/Codering) of the same regions to join it with"
        )
    if wijken and main is None:
        raise CBSImportError("--wijken needs the wijken-en-buurten export with region codes (Codering)")

    rows: list[tuple[str, str, float]] = []
    name = None
    position = None
    if code_error is not None:
        raise CBSImportError(f"{code_error}{_suggest(main, gemeente) if main is not None else ''}")
    if main is not None:
        for other in joined:
            _check_joined(main, other)
        codes = main[_find(main, "Codering")].fillna("").str.upper()
        names = main[_find(main, "Gemeentenaam")]
        hits = np.flatnonzero(codes.to_numpy(dtype=object) == code)
        if not len(hits):
            raise CBSImportError(
                f"{_file(main)}, column 'Codering': gemeente code {code} not found{_suggest(main, gemeente)}"
            )
        position = int(hits[0])
        name = main[main.columns[0]].iloc[position]
    elif regional:
        lists = by_kind.get("gemeenten", [])
        for frame in lists:
            hit = frame[frame["GemeentecodeGM"].str.upper() == code]
            if len(hit):
                name = hit["Gemeentenaam"].iloc[0]
                break
        if name is None:
            where = (
                f"in {_file(lists[0])}"
                if lists
                else "(the Regionale kerncijfers file has no codes; also "
                "give the wijken-en-buurten export or a gemeenten list such as gemeenten_2023.csv)"
            )
            raise CBSImportError(f"gemeente code {code} not found {where}")
    else:
        raise CBSImportError(
            "no population figures: give a Kerncijfers wijken en buurten export (with codes) or "
            "Regionale kerncijfers Nederland"
        )

    # Which file provides which figures: the main file first, then the joined ones in the order given.
    sources = ([main] if main is not None else []) + joined
    measures: dict[str, list[tuple[str, str]]] = {}
    owner: dict[str, pd.DataFrame] = {}
    for frame in sources:
        for dim, items in _measures(frame).items():
            if dim in measures:
                _warn(f"{_file(frame)}: {dim} figures also come from {_file(owner[dim])}; those are used")
                continue
            measures[dim], owner[dim] = items, frame

    # Age: wijken-en-buurten bands when the requested groups fit them, else the regional key figures.
    age_source, age_map, errors = None, None, []
    candidates = ([main] if main is not None else []) + ([] if wijken else regional)
    for frame in candidates:
        bands = _age_bands(frame)
        if not bands:
            continue
        try:
            pos = position if frame is main else _regional_row(frame, name)
            age_map, age_source = _map_age_groups(bands, age_groups, _file(frame)), (frame, pos)
            break
        except CBSImportError as exc:
            errors.append(str(exc))
    if age_map is None:
        if errors:
            raise CBSImportError(
                "; ".join(errors)
                + (
                    " (the finer bands of Regionale kerncijfers are for a whole gemeente only, not with --wijken)"
                    if wijken and regional
                    else ""
                )
            )
        _warn("no age bands in the CBS files: the population table has no age_group")

    if age_map is not None:
        frame, pos = age_source
        if main is not None and frame is not main:
            _warn(
                f"age groups from {_file(frame)} (period {frame['Perioden'].iloc[pos]}), the other figures from "
                f"{_file(main)}: the CBS wijken-en-buurten bands cannot form {', '.join(map(str, age_groups))}"
            )
        for label, columns in age_map:
            rows.append(("age_group", label, sum(_value(frame, pos, c) for c in columns)))
        _check_total(frame, pos, [b.column for b in _age_bands(frame)], _total_column(frame), "the age bands")
    for dim in ("gender", "origin"):
        if dim in measures:
            frame = owner[dim]
            for category, column in measures[dim]:
                rows.append((dim, category, _value(frame, position, column)))
            _check_total(frame, position, [c for _, c in measures[dim]], _total_column(frame), f"the {dim} figures")
    for frame in joined:
        a, b = _total_column(main), _total_column(frame)
        if a and b and pd.notna(frame[b].iloc[position]) and main[a].iloc[position] != frame[b].iloc[position]:
            _warn(
                f"{_file(frame)}, row {_row(frame, position)}: {frame[b].iloc[position]:,.0f} inhabitants, but "
                f"{main[a].iloc[position]:,.0f} in {_file(main)}; are the files from the same year?"
            )

    if wijken:
        rows += _wijk_rows(main, code, age_map if age_source and age_source[0] is main else None, measures, owner)
    frame = pd.DataFrame(rows, columns=["dimension", "category", "count"])
    frame["count"] = frame["count"].round().astype(np.int64)
    return frame


def _total_column(frame: pd.DataFrame) -> str | None:
    return _find(frame, "Aantal inwoners", unit="aantal") or _find(frame, "Totale bevolking", unit="aantal")


def _suggest(main: pd.DataFrame, gemeente) -> str:
    """A hint when the code is unknown: the code of a gemeente with that name, or the form of a code."""
    soort = _find(main, "Soort regio")
    is_gm = main[soort].fillna("").str.lower().eq("gemeente") if soort else pd.Series(True, index=main.index)
    names = main[main.columns[0]].fillna("")
    wanted = str(gemeente).strip().lower()
    hit = np.flatnonzero((names.str.lower() == wanted).to_numpy() & is_gm.to_numpy())
    codes = main[_find(main, "Codering")]
    if len(hit):
        return f"; {names.iloc[hit[0]]} has code {codes.iloc[hit[0]]}"
    if not str(gemeente).strip().upper().startswith("GM"):
        return ""
    example = np.flatnonzero(is_gm.to_numpy() & codes.fillna("").str.startswith("GM").to_numpy())
    if len(example):
        return f" (codes look like {codes.iloc[example[0]]} for {names.iloc[example[0]]})"
    return ""


def _regional_row(frame: pd.DataFrame, name: str | None) -> int:
    regions = frame["Regio's"].fillna("")
    hits = np.flatnonzero(regions.str.lower().to_numpy() == str(name).lower()) if name else []
    if not len(hits):
        raise CBSImportError(f"{_file(frame)}, column 'Regio's': gemeente '{name}' not found")
    total = _total_column(frame)
    with_figures = [i for i in hits if total is None or pd.notna(frame[total].iloc[i])]
    if not with_figures:
        raise CBSImportError(f"{_file(frame)}, row {_row(frame, int(hits[0]))}: no figures for '{name}'")
    periods = frame["Perioden"].iloc[with_figures].astype(str).to_numpy()
    return int(with_figures[int(np.argmax(periods))])


def _wijk_rows(main: pd.DataFrame, code: str, age_map, measures, owner) -> list[tuple[str, str, float]]:
    soort = _find(main, "Soort regio")
    codes = main[_find(main, "Codering")].fillna("").str.upper()
    is_wijk = codes.str.startswith("WK" + code[2:]).to_numpy()
    if soort:
        is_wijk = is_wijk & main[soort].fillna("").str.lower().eq("wijk").to_numpy()
    positions = np.flatnonzero(is_wijk)
    if not len(positions):
        raise CBSImportError(f"{_file(main)}: no wijken of {code} (codes WK{code[2:]}..)")
    names = _wijk_names(list(main[main.columns[0]].iloc[positions]), list(codes.iloc[positions]))
    rows = []
    total = _total_column(main)
    specs = [("district", [("", total)])] if total else []
    if age_map is not None:
        specs.append(("age_group | district", [(label, cols) for label, cols in age_map]))
    for dim in ("gender", "origin"):
        if dim in measures:
            specs.append((f"{dim} | district", [(c, [col]) for c, col in measures[dim]]))
    for dimension, items in specs:
        skipped = []
        for pos, wijk in zip(positions, names):
            values = []
            for category, columns in items:
                columns = [columns] if isinstance(columns, str) else columns
                source = main if dimension in ("district", "age_group | district") else owner[dimension.split(" |")[0]]
                cell = [np.nan if pd.isna(source[c].iloc[pos]) else _count(source, pos, c) for c in columns]
                values.append((category, None if any(pd.isna(v) for v in cell) else float(sum(cell))))
            if any(v is None for _, v in values):
                skipped.append(wijk)
                continue
            for category, value in values:
                rows.append((dimension, f"{category} | {wijk}" if category else wijk, value))
        if skipped:
            _warn(f"{_file(main)}: wijk(en) {', '.join(skipped)} left out of {dimension}: empty (secret) figures")
    return rows


def import_cbs(csv_paths, gemeente, out_dir, wijken: bool = False, age_groups=None) -> Path:
    """Write ``out_dir/population.csv`` (dimension, category, count) for a gemeente from CBS StatLine exports.

    Parameters
    ----------
    csv_paths : the exported CSV files (see the module docstring for which; any order).
    gemeente : CBS gemeente code, e.g. "GM0363" (also "0363" or "363").
    out_dir : folder to write into (created if needed); an existing population.csv is replaced atomically.
    wijken : also write ``district`` per wijk with the joint dimensions ``age_group | district``,
        ``gender | district`` and ``origin | district``.
    age_groups : the municipality's age groups, e.g. ["15-24", "25-44", "45-64", "65+"]; None = the CBS bands.

    Returns the path written. Raises :class:`CBSImportError` (a ValueError) naming file, row and column for
    unknown codes, unrecognised files, files whose rows do not match, and age groups that do not align with
    the CBS bands.
    """
    table = population_from_cbs(csv_paths, gemeente, wijken=wijken, age_groups=age_groups)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / "population.csv"
    write_atomic(target, table.to_csv(index=False, lineterminator="\n"))
    return target
