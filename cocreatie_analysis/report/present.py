"""What a report shows: headings, key figures, escaped tables and quotes, in Dutch or English.

Notebooks stay thin: they load a municipality's processed results with `Report.load` and call the methods
here and the figure factories in `plots`. The words come from the `wording` catalogue. All resident text
passes through `html.escape` on its way out (it is untrusted: it may hold `<script>`), and quotes were already
PII-redacted by the pipeline.
"""

from __future__ import annotations

import html
from pathlib import Path

import numpy as np
import pandas as pd

from ..kompas import CONCERN_SHARE_FOR_LISTENING, OFFER_SHARE_FOR_COPRODUCTION
from ..pipeline import Results, load_results
from ..wording.labels import dimension_label
from ..wording.methods import MethodSettings, draagvlak_methods, kompas_methods
from ..wording.numbers import format_cell
from ..wording.report import text
from ..wording.tables import readable, table_context
from . import plots

__all__ = ["Report", "esc"]


def _display(html_text: str) -> None:
    from IPython.display import HTML, display

    display(HTML(html_text))


def esc(value) -> str:
    """Any value as HTML-safe text (resident text is untrusted)."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return html.escape(str(value), quote=True)


class Report:
    """One municipality's processed results plus the language and the wording for showing them."""

    def __init__(self, results: Results):
        self.results = results
        self.summary = results["summary"].iloc[0]
        self.language = "en" if self.summary["language"] == "en" else "nl"
        self.min_cell_size = int(self.summary["min_cell_size"])
        self.context = table_context(results)
        s = self.summary
        self.settings = MethodSettings(
            min_cell_size=self.min_cell_size,
            ratio_threshold=self.context.ratio_threshold,
            opinion_min_votes=int(s["opinion_min_votes"]) if "opinion_min_votes" in s else 7,
            offer_share_for_coproduction=OFFER_SHARE_FOR_COPRODUCTION,
            concern_share_for_listening=CONCERN_SHARE_FOR_LISTENING,
        )

    @classmethod
    def load(cls, processed_dir: str | Path, gemeente: str) -> Report:
        return cls(load_results(Path(processed_dir) / gemeente))

    def text(self, key: str, **params) -> str:
        """A text of the wording catalogue in the report's language, with `params` filled in."""
        return text(key, self.language, **params)

    word = text  # the short words of the catalogue ("inputs", "none", …)

    def table(self, name: str) -> pd.DataFrame | None:
        """A processed table as readers see it: codes in words of the report's language (`wording.tables`)."""
        return readable(name, self.results.get(name), self.context)

    def has(self, name: str) -> bool:
        table = self.results.get(name)
        return table is not None and not table.empty

    # ---- output helpers -------------------------------------------------------------------------------
    def heading(self, text: str, level: int = 2) -> None:
        _display(f"<h{level}>{esc(text)}</h{level}>")

    def paragraph(self, text: str, css: str = "") -> None:
        """A paragraph of plain text (escaped); use for sentences that contain data or resident words."""
        _display(f'<p class="{esc(css)}">{esc(text)}</p>' if css else f"<p>{esc(text)}</p>")

    def bullets(self, items, css: str = "") -> None:
        items = [i for i in items if isinstance(i, str) and i.strip()]
        if not items:
            self.paragraph(self.word("none"), "muted")
            return
        body = "".join(f"<li>{esc(i)}</li>" for i in items)
        _display(f'<ul class="{esc(css)}">{body}</ul>')

    def quotes(self, items) -> None:
        """Resident quotes (already PII-redacted by the pipeline), escaped."""
        items = [i for i in (items if items is not None else []) if isinstance(i, str) and i.strip()]
        if items:
            _display("".join(f'<blockquote class="quote">{esc(q)}</blockquote>' for q in items))

    def show_table(
        self, frame: pd.DataFrame | None, columns: dict[str, tuple[str, str]], max_rows: int | None = None
    ) -> None:
        """An escaped HTML table; `columns` maps column -> (header, kind) with kind as in `format_cell`."""
        if frame is None or frame.empty:
            self.paragraph(self.word("none"), "muted")
            return
        frame = frame if max_rows is None else frame.head(max_rows)
        present = [c for c in columns if c in frame.columns]
        head = "".join(f"<th>{esc(columns[c][0])}</th>" for c in present)
        body = []
        for _, row in frame.iterrows():
            cells = []
            for c in present:
                kind = columns[c][1]
                align = ' class="num"' if kind in ("pct", "ratio", "int", "num", "p") else ""
                cells.append(f"<td{align}>{esc(format_cell(row[c], kind, self.language))}</td>")
            body.append("<tr>" + "".join(cells) + "</tr>")
        _display(f'<table class="data"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>')

    def key_figures(self, items: list[tuple[str, object]]) -> None:
        cells = "".join(
            f'<div class="figure"><div class="value">{esc(format_cell(v, "int", self.language))}</div>'
            f'<div class="label">{esc(k)}</div></div>'
            for k, v in items
        )
        _display(f'<div class="key-figures">{cells}</div>')

    def title(self, kind: str) -> None:
        """Report title, fictional-data banner and the process it is about."""
        s = self.summary
        parts = [f"<h1>{esc(self.word(kind + '_title'))}: {esc(s['name'])}</h1>"]
        if bool(s["fictional"]):
            parts.append(f'<div class="banner fictional">{esc(self.word("fictional"))}</div>')
        if s["title"]:
            period = ""
            if s["period_start"]:
                period = f" · {esc(self.word('period'))} {esc(s['period_start'])} – {esc(s['period_end'])}"
            parts.append(f'<p class="subtitle">{esc(s["title"])}{period}</p>')
        _display("".join(parts))

    def dimension_label(self, dimension: str) -> str:
        return dimension_label(dimension, self.language)

    def dimension_labels(self) -> dict[str, str]:
        """Readable names of the dimensions in the reach results (empty without them)."""
        table = self.table("reach_representation")
        dims = [] if table is None else table["dimension"].unique()
        return {d: dimension_label(d, self.language) for d in dims}

    # ---- kompas -----------------------------------------------------------------------------------------
    def opgave_cards(self) -> None:
        """Every opgave of the kompas as a card, in the kompas' order."""
        for _, row in self.table("kompas").iterrows():
            self.opgave_card(row)

    def has_offers(self) -> bool:
        """Did anyone offer to contribute to an opgave?"""
        kompas = self.results.get("kompas")
        return kompas is not None and bool(kompas["n_offers"].sum() > 0)

    def opgave_card(self, row) -> None:
        """One opgave of the kompas: figures, advice, typical words, and residents' own words."""
        lang = self.language
        level = row["participation_level"] + ("" if row.get("level_chosen", True) else self.text("card.default_level"))
        figures = self.text(
            "card.figures",
            n_participants=format_cell(row["n_participants"], "int", lang),
            share_participants=format_cell(row["share_participants"], "pct", lang),
            n_inputs=format_cell(row["n_inputs"], "int", lang),
            share_negative=format_cell(row["share_negative"], "pct", lang),
            share_neutral=format_cell(row["share_neutral"], "pct", lang),
            share_positive=format_cell(row["share_positive"], "pct", lang),
            n_offers=format_cell(row["n_offers"], "int", lang),
            level=level,
        )
        parts = [
            f'<div class="opgave"><h3>{esc(row["opgave"])}</h3><p class="muted">{esc(figures)}</p>',
            f"<p><strong>{esc(self.text('card.advice'))}:</strong> {esc(row['advice'])}</p>",
            f"<p><strong>{esc(self.text('card.typical_words'))}:</strong> "
            f"{esc(format_cell(row['top_terms'], 'list', lang))}</p>",
        ]
        for key in ("concerns", "appreciation", "offers"):
            quotes = [q for q in (row[key] if row[key] is not None else []) if isinstance(q, str)]
            if len(quotes):
                parts.append(f"<h4>{esc(self.text('card.' + key))}</h4>")
                parts.extend(f'<blockquote class="quote">{esc(q)}</blockquote>' for q in quotes)
        parts.append("</div>")
        _display("".join(parts))

    def methods(self, kind: str) -> None:
        """The methods section of the kompas or draagvlak report, with the parameters the analysis used."""
        items = (kompas_methods if kind == "kompas" else draagvlak_methods)(self.language, self.settings)
        body = "".join(f"<li>{esc(i)}</li>" for i in items)
        _display(f'<div class="methods"><ul>{body}</ul></div>')

    def data_notes(self) -> None:
        """How many input rows the validation flagged (warnings), so readers know what was left out."""
        self.paragraph(self.text("data_notes", n=int(self.summary["n_warnings"])), "muted")

    # ---- draagvlak --------------------------------------------------------------------------------------
    def verdict_counts(self, statements: pd.DataFrame) -> None:
        counts = statements["verdict"].value_counts()
        items = [f"{verdict}: {n}" for verdict, n in counts.items()]
        self.paragraph(self.text("verdict_counts") + "; ".join(items))

    def verdict_cards(self, statements: pd.DataFrame) -> None:
        """Per statement: its text, the verdict, and the reasons in plain language."""
        parts = []
        for row in statements.itertuples(index=False):
            css = "verdict verdict-" + esc(str(row.verdict).replace(" ", "-"))
            parts.append(
                f'<div class="opgave"><h3>{esc(row.statement_id)}: {esc(row.text)}</h3>'
                f'<p><span class="{css}">{esc(row.verdict)}</span> · '
                f"{esc(self.text('card.level'))}: {esc(row.level)}</p><p>{esc(row.reasons)}</p></div>"
            )
        _display("".join(parts))

    def statements_by(self, column: str) -> pd.DataFrame:
        """The statements, highest `column` first (consensus, divisiveness)."""
        return self.table("draagvlak_statements").sort_values(column, ascending=False)

    def group_heatmaps(self) -> None:
        """Support per statement and group, one heatmap per dimension (opinion groups last)."""
        group_support = self.table("draagvlak_group_support")
        statements = self.table("draagvlak_statements")
        for dimension in group_support["dimension"].unique():
            figure = plots.group_heatmap(
                group_support, statements, dimension, self.language, self.dimension_label(dimension)
            )
            plots.show(figure, f"groups-{dimension}")

    def sentences(self, table_name: str, column: str) -> None:
        """Bullet list of a generated sentence column (e.g. unusual suspects, channel advice)."""
        table = self.table(table_name)
        self.bullets([] if table is None or column not in table.columns else table[column].tolist())

    def rules_table(self, rules: pd.DataFrame) -> None:
        """The verdict rules in force per participation level, with readable names."""
        kinds = {
            c: (
                "text"
                if c == "level"
                else "int"
                if c == "min_votes"
                else "text"
                if c == "require_reach"
                else "pct"
                if c != "max_divisiveness"
                else "num"
            )
            for c in rules.columns
        }
        self.show_table(rules, {c: (self.text("rule." + c), kinds[c]) for c in rules.columns})
