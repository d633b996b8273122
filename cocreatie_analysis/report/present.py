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

from ..draagvlak import OPINION_DIMENSION
from ..kompas import CONCERN_SHARE_FOR_LISTENING, OFFER_SHARE_FOR_COPRODUCTION
from ..pipeline import Results, load_results
from ..wording.labels import dimension_label, natural_order
from ..wording.methods import MethodSettings, draagvlak_methods, kompas_methods
from ..wording.numbers import format_cell
from ..wording.opinion_groups import (
    consensus_sentence,
    group_composition_sentence,
    group_name,
    group_size_sentence,
    group_statements_sentence,
    opinion_groups_intro,
)
from ..wording.report import text
from ..wording.summary import draagvlak_summary, kompas_summary
from ..wording.tables import readable, table_context
from . import plots

__all__ = ["CONSENSUS_MAJORITY", "Report", "esc"]

CONSENSUS_MAJORITY = 0.5  # "where all groups agree": more than this share agrees in every opinion group shown


def _display(html_text: str) -> None:
    from IPython.display import HTML, display

    display(HTML(html_text))


def _offer_examples(offers: pd.DataFrame | None, theme_id: int, n: int) -> list[str]:
    """Up to `n` quotes offering help with one opgave, each kind of help before a second of the same kind."""
    if offers is None or offers.empty:
        return []
    own = offers[offers["theme_id"] == theme_id]
    first = own.drop_duplicates("kind")
    ordered = pd.concat([first, own.drop(first.index)])
    quotes = []
    for quote in ordered["quote"]:
        quote = str(quote).strip()
        quote = quote if len(quote) <= 400 else quote[:397].rstrip() + "…"
        if quote and quote not in quotes:
            quotes.append(quote)
        if len(quotes) == n:
            break
    return quotes


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
            opinion_min_votes=int(s["opinion_min_votes"]),
            opinion_damping=float(s["opinion_damping"]),
            opinion_base_clusters=int(s["opinion_base_clusters"]),
            opinion_max_groups=int(s["opinion_max_groups"]),
            composition_difference=float(s["composition_difference"]),
            composition_alpha=float(s["composition_alpha"]),
            n_withdrawn=int(s["n_withdrawn"]),
            offer_share_for_coproduction=OFFER_SHARE_FOR_COPRODUCTION,
            cooperative_min_offers=int(s["cooperative_min_offers"]),
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

    def terms(self, keys) -> None:
        """One line per statistic a table above uses: its name as in the table's header and what it means."""
        rows = "".join(
            f"<div><dt>{esc(self.text('label.' + key))}</dt><dd>: {esc(self.text('term.' + key))}</dd></div>"
            for key in keys
        )
        _display(f'<dl class="legend-terms" aria-label="{esc(self.text("label.terms"))}">{rows}</dl>')

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

    def summary_section(self, kind: str) -> None:
        """The few sentences a council member reads first (`wording.summary`), each traceable to a figure
        further down the report."""
        sentences = (
            kompas_summary(self.results.tables, self.language, self.min_cell_size)
            if kind == "kompas"
            else draagvlak_summary(self.results.tables, self.language)
        )
        items = "".join(f"<li>{esc(s)}</li>" for s in sentences)
        _display(f'<section class="summary"><h2>{esc(self.text("label.summary"))}</h2><ul>{items}</ul></section>')

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

    def cooperative_candidates(self, n_examples: int = 3) -> None:
        """The coöperatie candidates: per opgave with enough offers, the number offering, the kinds of help,
        who they are (small groups hidden by the suppression rule) and example quotes, one kind at a time."""
        threshold = self.settings.cooperative_min_offers
        self.paragraph(self.text("kompas.cooperatives_intro", n=threshold, min_cell_size=self.min_cell_size))
        candidates = self.table("kompas_cooperatives")
        if candidates is None or candidates.empty:
            self.paragraph(self.text("kompas.no_cooperatives", n=threshold), "muted")
            return
        offers = self.results.get("kompas_offers")
        lang = self.language
        for row in candidates.itertuples():
            figures = self.text(
                "card.cooperative_figures",
                n_offers=format_cell(row.n_offers, "int", lang),
                share_offers=format_cell(row.share_offers, "pct", lang),
            )
            parts = [
                f'<div class="opgave cooperative"><h3>{esc(row.opgave)}</h3><p class="muted">{esc(figures)}</p>',
                f"<p>{esc(row.description)}</p>",
                f"<p><strong>{esc(self.text('card.kinds'))}:</strong> {esc(format_cell(row.kinds, 'list', lang))}</p>",
            ]
            if len(row.mix):
                parts.append(f"<p><strong>{esc(self.text('card.mix'))}:</strong></p><ul>")
                parts.extend(f"<li>{esc(line)}</li>" for line in row.mix)
                parts.append("</ul>")
            quotes = _offer_examples(offers, row.theme_id, n_examples)
            if quotes:
                parts.append(f"<h4>{esc(self.text('card.offer_examples'))}</h4>")
                parts.extend(f'<blockquote class="quote">{esc(q)}</blockquote>' for q in quotes)
            parts.append("</div>")
            _display("".join(parts))

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
        """How many input rows the validation flagged (warnings), so readers know what was left out, and every
        warning about the set-up itself (a misspelled header that drops a dimension, an opgave that matches no
        input), naming the header or setting and the closest match."""
        self.paragraph(self.text("data_notes", n=int(self.summary["n_warnings"])), "muted")
        warnings = self.results.get("warnings")
        if warnings is None or warnings.empty:
            return
        setup = warnings[warnings["n_rows"] == 0]
        if len(setup):
            self.paragraph(self.text("data_notes.setup"))
            self.bullets(
                [
                    f"{r.file}, {r.column}: {r.message}" if r.column else f"{r.file}: {r.message}"
                    for r in setup.itertuples()
                ]
            )

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

    def group_heatmaps(self, opinion_groups: bool = False) -> None:
        """Support per statement and group, one heatmap per demographic dimension; with ``opinion_groups`` the
        one heatmap of the opinion groups instead (shown after the section that explains the groups)."""
        group_support = self.table("draagvlak_group_support")
        statements = self.table("draagvlak_statements")
        for dimension in group_support["dimension"].unique():
            if (dimension == OPINION_DIMENSION) != opinion_groups:
                continue
            figure = plots.group_heatmap(
                group_support,
                statements,
                dimension,
                self.language,
                self.dimension_label(dimension),
                categories=self.category_order(dimension, group_support),
            )
            plots.show(figure, f"groups-{dimension}")

    def category_order(self, dimension: str, table: pd.DataFrame) -> list:
        """The categories of a dimension in `table` in their natural order (the population table's order where
        the reach analysis has it: age bands up, low to high, wijken as the municipality lists them)."""
        representation = self.results.get("reach_representation")
        reference = (
            []
            if representation is None
            else representation.loc[representation["dimension"] == dimension, "category"].tolist()
        )
        return natural_order(table.loc[table["dimension"] == dimension, "category"], reference)

    def has_demographic_support(self) -> bool:
        """Is support shown per demographic group (not only per opinion group)?"""
        table = self.results.get("draagvlak_group_support")
        return table is not None and bool((table["dimension"] != OPINION_DIMENSION).any())

    def has_opinion_groups(self) -> bool:
        """Was anybody placed in an opinion group?"""
        table = self.results.get("draagvlak_opinion_groups")
        return table is not None and bool((table["group"] >= 0).any())

    def group_sizes(self) -> pd.Series:
        """Voters per opinion group (group number -> count), the groups in order; people below the vote bar and
        their indicative groups are not counted."""
        groups = self.results["draagvlak_opinion_groups"]["group"]
        return groups[groups >= 0].value_counts().sort_index()

    def opinion_groups_intro(self) -> None:
        """How many voters the opinion groups hold and how many cast too few votes to be placed."""
        groups = self.results["draagvlak_opinion_groups"]["group"]
        sizes = self.group_sizes()
        min_votes = self.settings.opinion_min_votes
        self.paragraph(
            opinion_groups_intro(len(sizes), int(sizes.sum()), int((groups < 0).sum()), min_votes, self.language)
        )

    def opinion_group_cards(self) -> None:
        """Every opinion group in plain words: its size, how its make-up differs from all placed voters (only
        cells the composition shows), and the statements it agrees and disagrees with more than the others."""
        sizes = self.group_sizes()
        composition = self.results.get("draagvlak_group_composition")
        dimensions = [] if composition is None else list(dict.fromkeys(composition["dimension"]))
        parts = []
        for group, n in sizes.items():
            label = self._label(group)
            who = [group_size_sentence(label, int(n), n / sizes.sum(), self.min_cell_size, self.language)]
            what = ""
            if n >= self.min_cell_size:  # smaller groups are not described (the one suppression rule)
                differences = self._group_rows("draagvlak_group_differences", group)
                who.append(group_composition_sentence(differences, dimensions, self.language))
                if len(sizes) > 1:
                    what = group_statements_sentence(self._group_rows("draagvlak_group_profiles", group), self.language)
            paragraphs = "".join(f"<p>{esc(t)}</p>" for t in (" ".join(filter(None, who)), what) if t)
            parts.append(f'<div class="opgave"><h3>{esc(group_name(label, self.language))}</h3>{paragraphs}</div>')
        _display("".join(parts))

    def _group_rows(self, name: str, group: int) -> list:
        """The rows of one opinion group in a processed table, in their rank order."""
        table = self.results.get(name)
        if table is None or table.empty:
            return []
        return list(table[table["group"] == group].sort_values("rank", kind="stable").itertuples())

    def _label(self, group: int) -> str:
        table = self.results["draagvlak_opinion_groups"]
        return str(table.loc[table["group"] == group, "label"].iloc[0])

    def consensus_statements(self, max_statements: int = 3) -> pd.DataFrame:
        """The statements a majority of every opinion group agrees with, highest consensus first: the statements
        table's rows plus min_support (the support of the least agreeing group). Only statements on which every
        group's support is shown qualify: where a group is hidden, its agreement cannot be claimed."""
        statements = self.results["draagvlak_statements"]
        support = self.results["draagvlak_group_support"]
        shown = support[(support["dimension"] == OPINION_DIMENSION) & ~support["suppressed"].astype(bool)]
        by_statement = shown.groupby("statement_id")["support"].agg(["min", "size"])
        every = by_statement[by_statement["size"] == len(self.group_sizes())]
        table = statements.merge(every["min"].rename("min_support"), left_on="statement_id", right_index=True)
        table = table[table["min_support"] > CONSENSUS_MAJORITY]
        return table.sort_values("consensus", ascending=False, kind="stable").head(max_statements)

    def consensus_summary(self) -> None:
        """One sentence: the statements where all opinion groups agree (or that there are none)."""
        self.paragraph(consensus_sentence(list(self.consensus_statements().itertuples()), self.language))

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
