"""`reports/index.html`: every municipality with a finished report set, its key figures, and those that failed
and why.

Each report folder holds `rapport.json` (its `Outcome`, with the key figures as numbers and codes), which the
index reads back, so `cocreatie report` and `cocreatie batch` keep one index current. Links are relative file
links only, so the folder can be moved, zipped or opened from a share.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from ..io.atomic import write_atomic
from ..wording.numbers import format_cell
from ..wording.summary import N_TOP

__all__ = ["OUTCOME_FILE", "Outcome", "key_figures", "reported", "write_index"]


OUTCOME_FILE = "rapport.json"  # what a report folder holds, read back by the index page


@dataclass
class Outcome:
    """What happened to one municipality in a report run or batch."""

    gemeente: str
    name: str
    ok: bool
    fictional: bool = False
    files: tuple[str, ...] = ()
    error: str = ""
    seconds: float = 0.0
    fingerprint: str = ""  # input, code and options it was made from (`report.resume`)
    skipped: bool = False  # a batch found it finished with this fingerprint and left it as it was
    figures: dict = field(default_factory=dict)  # `key_figures`: what the index shows besides the links


SUPPORTED = ("broad_support", "support")  # verdicts counted as draagvlak on the index


def key_figures(tables: dict) -> dict:
    """The figures the index shows for a municipality, as numbers and codes: participants, inputs, how many
    groups were reached clearly less often (None: not checked, no population figures), the top opgaven by
    participants, and the statements with (broad) support among those voted on."""
    summary = tables["summary"].iloc[0]
    kompas = tables.get("kompas")  # ranked by participants already, as the summary reads it
    top = [] if kompas is None else [str(o) for o in kompas.loc[kompas["n_participants"] > 0, "opgave"].head(N_TOP)]
    suspects = tables.get("reach_unusual_suspects")
    statements = tables.get("draagvlak_statements")
    return {
        "n_participants": int(summary["n_participants"]),
        "n_inputs": int(summary["n_inputs"]),
        "groups_reached_less": None
        if tables.get("reach_representation") is None
        else (0 if suspects is None else int(len(suspects))),
        "top_opgaven": top,
        "n_statements": 0 if statements is None else int(len(statements)),
        "n_supported": 0 if statements is None else int(statements["verdict_code"].isin(SUPPORTED).sum()),
    }


_LINK_LABELS = {
    "kompas.html": "Kompas",
    "draagvlak.html": "Draagvlak",
    "kompas.pdf": "Kompas (PDF)",
    "draagvlak.pdf": "Draagvlak (PDF)",
    "tabellen.xlsx": "Tabellen (Excel)",
}


def reported(reports_root: str | Path) -> list[Outcome]:
    """The municipalities that have a finished report set under `reports_root`."""
    outcomes = []
    for path in sorted(Path(reports_root).glob(f"*/{OUTCOME_FILE}")):
        data = json.loads(path.read_text("utf-8"))
        known = {k: v for k, v in data.items() if k in Outcome.__dataclass_fields__}  # older rapport.json too
        outcomes.append(Outcome(**{**known, "files": tuple(known.get("files", ()))}))
    return outcomes


def write_index(reports_root: str | Path, failures: list[Outcome] = ()) -> Path:
    """`reports/index.html`: every municipality with a report set, and those that failed in this run and why."""
    reports_root = Path(reports_root)
    failed = {o.gemeente for o in failures}
    outcomes = sorted(
        [o for o in reported(reports_root) if o.gemeente not in failed] + list(failures), key=lambda o: o.gemeente
    )
    rows = []
    for o in outcomes:
        name = html.escape(o.name) + (' <span class="tag">fictief</span>' if o.fictional else "")
        if o.ok:
            links = " · ".join(
                f'<a href="{html.escape(quote(f"{o.gemeente}/{f}"))}">{html.escape(_LINK_LABELS.get(f, f))}</a>'
                for f in o.files
            )
            rows.append(f"<tr><td>{name}</td>{_figure_cells(o.figures)}<td>{links}</td></tr>")
        else:
            failed_cell = f"<td colspan='5' class='failed'>mislukt: {html.escape(o.error[:500])}</td>"
            rows.append(f"<tr><td>{name}</td>{failed_cell}<td></td></tr>")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    page = f"""<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rapporten cocreatie-analysis</title>
<style>body{{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;max-width:960px;margin:0 auto;
padding:24px;color:#1d1d1f}}table{{border-collapse:collapse;width:100%}}td,th{{border-bottom:1px solid #dadce0;
padding:8px;text-align:left;vertical-align:top}}.num{{text-align:right}}.muted{{color:#5f6368}}.ok{{color:#00695c}}.failed{{color:#D55E00}}
.tag{{background:#fff4e5;border:1px solid #E69F00;border-radius:4px;padding:0 6px;font-size:.8em}}
footer{{color:#5f6368;font-size:.85em;margin-top:32px}}</style></head>
<body><h1>Rapporten per gemeente</h1>
<p>Kompas (waar willen inwoners heen en wat willen ze zelf bijdragen) en draagvlak (is er steun, bij wie, en
zijn ook de <em>unusual suspects</em> bereikt) per gemeente. <em>Bereik</em>: hoeveel groepen inwoners duidelijk
minder meededen dan hun aandeel in de bevolking. <em>Belangrijkste opgaven</em>: de drie met de meeste
deelnemers. <em>Draagvlak</em>: stellingen met (brede) steun van alle stellingen waarover is gestemd. Gemeenten
met het label <em>fictief</em> zijn verzonnen voorbeelden.</p>
<table><thead><tr><th>Gemeente</th><th class="num">Deelnemers</th><th class="num">Reacties</th>
<th>Bereik</th><th>Belangrijkste opgaven</th><th>Draagvlak</th><th>Rapporten</th></tr></thead><tbody>
{"".join(rows)}
</tbody></table>
<footer>Gemaakt met cocreatie-analysis {__version__} · {stamp}</footer>
</body></html>
"""
    path = reports_root / "index.html"
    write_atomic(path, page)
    return path


def _figure_cells(figures: dict) -> str:
    """The key figures as table cells, in Dutch (empty cells for a report set made before they were kept)."""
    if not figures:
        return "<td></td>" * 5

    reach = figures.get("groups_reached_less")
    if reach is None:
        reach_text = '<span class="muted">niet getoetst</span>'
    elif reach == 0:
        reach_text = "afspiegeling: geen groep duidelijk minder bereikt"
    else:
        reach_text = f"{reach} {'groep' if reach == 1 else 'groepen'} duidelijk minder bereikt"
    top = ", ".join(html.escape(o) for o in figures.get("top_opgaven", [])) or '<span class="muted">—</span>'
    n_statements = figures.get("n_statements", 0)
    support = (
        f"{figures.get('n_supported', 0)} van {n_statements} stellingen met (brede) steun"
        if n_statements
        else '<span class="muted">geen stemming</span>'
    )
    return (
        f"<td class='num'>{format_cell(figures.get('n_participants', 0), 'int')}</td>"
        f"<td class='num'>{format_cell(figures.get('n_inputs', 0), 'int')}</td>"
        f"<td>{reach_text}</td><td>{top}</td><td>{support}</td>"
    )
