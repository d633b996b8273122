"""`reports/index.html`: every municipality with a finished report set, and those that failed and why.

Each report folder holds `rapport.json` (its `Outcome`), which the index reads back, so `cocreatie report` and
`cocreatie batch` keep one index current.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..io.atomic import write_atomic

__all__ = ["OUTCOME_FILE", "Outcome", "reported", "write_index"]


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
        outcomes.append(Outcome(**{**data, "files": tuple(data["files"])}))
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
                f'<a href="{html.escape(o.gemeente)}/{html.escape(f)}">{html.escape(_LINK_LABELS.get(f, f))}</a>'
                for f in o.files
            )
            rows.append(f"<tr><td>{name}</td><td>{links}</td><td class='ok'>gereed</td></tr>")
        else:
            rows.append(
                f"<tr><td>{name}</td><td></td><td class='failed'>mislukt: {html.escape(o.error[:500])}</td></tr>"
            )
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    page = f"""<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rapporten cocreatie-analysis</title>
<style>body{{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;max-width:960px;margin:0 auto;
padding:24px;color:#1d1d1f}}table{{border-collapse:collapse;width:100%}}td,th{{border-bottom:1px solid #dadce0;
padding:8px;text-align:left;vertical-align:top}}.ok{{color:#00695c}}.failed{{color:#D55E00}}
.tag{{background:#fff4e5;border:1px solid #E69F00;border-radius:4px;padding:0 6px;font-size:.8em}}
footer{{color:#5f6368;font-size:.85em;margin-top:32px}}</style></head>
<body><h1>Rapporten per gemeente</h1>
<p>Kompas (waar willen inwoners heen en wat willen ze zelf bijdragen) en draagvlak (is er steun, bij wie, en
zijn ook de <em>unusual suspects</em> bereikt) per gemeente. Gemeenten met het label <em>fictief</em> zijn
verzonnen voorbeelden.</p>
<table><thead><tr><th>Gemeente</th><th>Rapporten</th><th>Status</th></tr></thead><tbody>
{"".join(rows)}
</tbody></table>
<footer>Gemaakt met cocreatie-analysis {__version__} · {stamp}</footer>
</body></html>
"""
    path = reports_root / "index.html"
    write_atomic(path, page)
    return path
