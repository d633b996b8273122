"""Plotly figure factories for the reports: one style, colour-blind-safe colours, Dutch (or English) labels.

`show(fig, name)` is how notebooks display a figure. Inside a papermill kernel plotly's default renderer
emits only its own JSON mimetype, which nbconvert's HTML export silently drops; `show` emits an HTML div as
well (plotly.js itself is put into the page once by `reporting`), so charts survive export and work offline.
"""

from __future__ import annotations

import html
import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..wording.numbers import format_cell, format_number, format_pct, format_times
from ..wording.report import text

# Okabe-Ito: distinguishable with every common form of colour blindness.
COLORS = {
    "negative": "#D55E00",
    "neutral": "#BBBBBB",
    "positive": "#0072B2",
    "accent": "#E69F00",
    "weighted": "#009E73",
    "raw": "#56B4E9",
    "grey": "#666666",
    "reference": "#000000",
}
SEQUENCE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
TITLE_WIDTH = 62  # characters on a title line: fits an A4 page at the title's font size
TALL_FOR_A4 = 900  # px: a chart this tall is printed smaller, so it fits on one A4 page
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"


def label(key: str, language: str = "nl") -> str:
    """A chart label from the wording catalogue ("participants", "support", …)."""
    return text("plot." + key, language)


def _template(fig: go.Figure, name: str = "plotly_white") -> None:
    """A registered template, set as plotly sets its default one: without validating it again (validation
    copies the whole template, ~0.1 s a figure, a third of a report's time in a batch)."""
    import plotly.io as pio

    layout = fig.layout
    layout._validate = False
    try:
        layout.template = pio.templates[name]
    finally:
        layout._validate = fig._validate


def _style(fig: go.Figure, title: str, height: int | None, alt: str, language: str) -> go.Figure:
    """One look for every chart; `alt` is its text alternative (kept in the layout's meta for `show`).

    The title may take two lines and the legend sits under it, left-aligned, so neither covers the other
    on a narrow (A4) page. `title` must already be markup-safe."""
    lines = _lines(title.split(" "), TITLE_WIDTH)
    _template(fig)
    fig.update_layout(
        meta={"alt": alt, "language": language},
        title={"text": "<br>".join(lines[:2]), "x": 0, "xanchor": "left", "y": 0.99, "yanchor": "top",
               "yref": "container", "font": {"size": 16}},
        font={"family": FONT, "size": 13, "color": "#222"},
        margin={"l": 10, "r": 20, "t": 60 + 22 * min(len(lines), 2), "b": 40},
        height=None if height is None else height + 22 * min(len(lines), 2),
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "left", "x": 0},
        hoverlabel={"font": {"family": FONT}},
    )  # fmt: skip
    fig.update_yaxes(automargin=True)
    fig.update_xaxes(automargin=True)
    return fig


def _lines(words: list[str], width: int) -> list[str]:
    lines, line = [], ""
    for word in words:
        if len(line) + len(word) + 1 > width and line:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return lines


def markup_safe(value) -> str:
    """Text from the data (an opgave, a statement, a group name) made inert for plotly's label markup.

    Plotly renders a small HTML subset in labels, hover texts and titles (`<a href>`, `<br>`, `<b>`): resident
    text must show those characters, not act on them (a live link, a broken label). Entities are shown as
    the character they stand for."""
    return html.escape(str(value), quote=True)


def _short(text: str, width: int = 48) -> str:
    """A long label from the data on one line, cut at a word with "…" (the full text is in the table next
    to the chart), made markup-safe."""
    text = " ".join(str(text).split())
    if len(text) > width:
        text = text[: width - 1].rsplit(" ", 1)[0] + "…"
    return markup_safe(text)


def _names(values) -> list[str]:
    return [markup_safe(v) for v in values]


def kompas_ranking(kompas: pd.DataFrame, language: str = "nl") -> go.Figure:
    """Opgaven ranked by participants; each bar is the opgave's inputs split into concern / neutral / appreciation."""
    frame = kompas[kompas["n_inputs"] > 0].iloc[::-1]
    fig = go.Figure()
    for tone in ("negative", "neutral", "positive"):
        counts = (frame[f"share_{tone}"] * frame["n_inputs"]).round()
        fig.add_bar(
            y=_names(frame["opgave"]),
            x=counts,
            orientation="h",
            name=label(tone, language),
            marker_color=COLORS[tone],
            customdata=np.round(frame[f"share_{tone}"] * 100),
            hovertemplate="%{y}: %{x} (%{customdata:.0f}%)<extra>" + label(tone, language) + "</extra>",
        )
    fig.update_layout(barmode="stack", xaxis_title=label("inputs", language), yaxis_title=label("issue", language))
    alt = text(
        "alt.kompas_ranking",
        language,
        items=_items(frame.iloc[::-1], "opgave", "n_inputs", language),
    )
    return _style(fig, label("kompas_ranking", language), height=120 + 34 * len(frame), alt=alt, language=language)


def offers_bar(kompas: pd.DataFrame, language: str = "nl") -> go.Figure:
    frame = kompas.sort_values("n_offers", kind="stable").query("n_offers > 0")
    fig = go.Figure(
        go.Bar(
            y=_names(frame["opgave"]),
            x=frame["n_offers"],
            orientation="h",
            marker_color=COLORS["accent"],
            name=label("offers", language),
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    fig.update_layout(xaxis_title=label("participants", language), yaxis_title=label("issue", language))
    alt = text("alt.offers", language, items=_items(frame.iloc[::-1], "opgave", "n_offers", language))
    return _style(
        fig, label("offers_title", language), height=120 + 34 * max(len(frame), 1), alt=alt, language=language
    )


def channel_bar(counts: pd.DataFrame, language: str = "nl") -> go.Figure:
    frame = counts[(counts["dimension"] == "channel") & counts["n_inputs"].notna()].sort_values("n_inputs")
    fig = go.Figure(
        go.Bar(
            y=_names(frame["category"]),
            x=frame["n_inputs"],
            orientation="h",
            marker_color=COLORS["positive"],
            name=label("inputs", language),
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    fig.update_layout(xaxis_title=label("inputs", language), yaxis_title=label("channel", language))
    alt = text("alt.channels", language, items=_items(frame.iloc[::-1], "category", "n_inputs", language))
    return _style(
        fig, label("channels_title", language), height=120 + 40 * max(len(frame), 1), alt=alt, language=language
    )


RATIO_TICKS = (0.1, 0.2, 0.25, 1 / 3, 0.5, 2 / 3, 1, 1.5, 2, 3, 4, 5, 10)


def ratio_axis(low: float, high: float, language: str) -> dict:
    """A log axis for representation ratios labelled with plain numbers (0,25 … 1 … 4), never plotly's
    bare mantissas ("3 4 5 … 1 2"), in the report's number format."""
    low, high = max(min(low, 1.0), 0.05), max(high, 1.0)
    ticks = [t for t in RATIO_TICKS if low / 1.15 <= t <= high * 1.15] or [1]
    names = [format_times(t, language) if t >= 1 else format_number(t, 2, language).rstrip("0") for t in ticks]
    return {
        "type": "log",
        "tickvals": ticks,
        "ticktext": names,
        "range": [np.log10(low / 1.3), np.log10(high * 1.3)],
    }


def representation_dots(table: pd.DataFrame, dimension_labels: dict | None = None, language: str = "nl") -> go.Figure:
    """Representation ratio per group with its 95% interval; the line at 1 means proportional."""
    frame = table.dropna(subset=["ratio"]).iloc[::-1]
    names = [
        markup_safe(f"{(dimension_labels or {}).get(d, d)}: {c}") for d, c in zip(frame["dimension"], frame["category"])
    ]
    under = frame["under_represented"].astype(bool).to_numpy()
    fig = go.Figure(
        go.Scatter(
            x=frame["ratio"],
            y=names,
            mode="markers",
            marker={
                "size": 10,
                "color": np.where(under, COLORS["negative"], COLORS["positive"]),
                "symbol": np.where(under, "diamond", "circle"),
            },
            error_x={
                "type": "data",
                "symmetric": False,
                "array": frame["ratio_high"] - frame["ratio"],
                "arrayminus": frame["ratio"] - frame["ratio_low"],
                "color": COLORS["grey"],
            },
            customdata=[format_number(r, 2, language) for r in frame["ratio"]],
            hovertemplate="%{y}: %{customdata}<extra></extra>",
            showlegend=False,
        )
    )
    fig.add_vline(x=1, line_dash="dash", line_color=COLORS["reference"])
    low = float(np.nanmin(frame["ratio_low"])) if len(frame) else 1.0
    high = float(np.nanmax(frame["ratio_high"])) if len(frame) else 1.0
    fig.update_xaxes(title=label("ratio", language), **ratio_axis(low, high, language))
    fig.update_yaxes(title=label("group", language))
    under_names = [markup_safe(n) for n, u in zip(names[::-1], under[::-1]) if u]
    alt = text("alt.reach", language, n=len(frame), under=", ".join(under_names) or text("none_short", language))
    return _style(fig, label("reach_title", language), height=140 + 26 * len(frame), alt=alt, language=language)


def support_dots(statements: pd.DataFrame, language: str = "nl") -> go.Figure:
    """Support per statement, unweighted and weighted to the population, with intervals; in table order."""
    frame = statements.reset_index(drop=True)
    names = [f"{markup_safe(sid)}: {_short(t)}" for sid, t in zip(frame["statement_id"], frame["text"])]
    fig = go.Figure()
    for kind, column, low, high in (
        ("raw", "support", "support_low", "support_high"),
        ("weighted", "support_weighted", "weighted_low", "weighted_high"),
    ):
        if column not in frame or frame[column].isna().all():
            continue
        fig.add_scatter(
            x=frame[column],
            y=names,
            mode="markers",
            name=label(kind, language),
            marker={"size": 9, "color": COLORS[kind], "symbol": "circle" if kind == "raw" else "diamond"},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": frame[high] - frame[column],
                "arrayminus": frame[column] - frame[low],
                "color": COLORS[kind],
            },
            hovertemplate="%{x:.0%}<extra>" + label(kind, language) + "</extra>",
        )
    fig.add_vline(x=0.5, line_dash="dot", line_color=COLORS["grey"])
    fig.update_xaxes(range=[0, 1], tickformat=".0%", title=label("support", language))
    fig.update_yaxes(autorange="reversed", title=label("statement", language))
    alt = text("alt.support", language, n=len(frame))
    return _style(fig, label("support_title", language), height=140 + 26 * len(frame), alt=alt, language=language)


def group_heatmap(
    group_support: pd.DataFrame,
    statements: pd.DataFrame,
    dimension: str,
    language: str = "nl",
    dimension_label: str | None = None,
    categories: list | None = None,
) -> go.Figure:
    """Support per statement (rows, in table order) and category (columns, in `categories`' order, else as
    they come), the share and the group size printed in every cell so it reads on paper; suppressed cells
    stay empty."""
    frame = group_support[group_support["dimension"] == dimension]
    order = list(dict.fromkeys([*(categories or []), *frame["category"]]))
    order = [c for c in order if c in set(frame["category"])]
    ids = [s for s in statements["statement_id"] if s in set(frame["statement_id"])]
    support = frame.pivot_table(index="statement_id", columns="category", values="support", aggfunc="first")
    sizes = frame.pivot_table(index="statement_id", columns="category", values="n", aggfunc="first")
    support = support.reindex(index=ids, columns=order)
    sizes = sizes.reindex(index=ids, columns=order)
    cells = [
        [
            "" if pd.isna(p) else f"{format_pct(p, language)}<br>n={format_cell(n, 'int', language)}"
            for p, n in zip(support.loc[i], sizes.loc[i])
        ]
        for i in ids
    ]
    texts = statements.set_index("statement_id")["text"]
    rows = [f"{markup_safe(sid)}: {_short(texts.get(sid, ''), 34)}" for sid in ids]
    name = dimension_label or dimension
    fig = go.Figure(
        go.Heatmap(
            z=support.to_numpy(dtype=float),
            x=_names(order),
            y=rows,
            text=cells,
            texttemplate="%{text}",
            textfont={"size": 11},
            zmin=0,
            zmax=1,
            colorscale=[[0, COLORS["negative"]], [0.5, "#F7F7F7"], [1, COLORS["positive"]]],
            showscale=False,  # every cell prints its value
            hovertemplate="%{y}<br>%{x}: %{text}<extra></extra>",
            xgap=1,
            ygap=1,
        )
    )
    fig.update_xaxes(side="top", title=markup_safe(name))
    fig.update_yaxes(autorange="reversed", title=label("statement", language))
    alt = text("alt.heatmap", language, name=name, n=len(rows), k=len(order))
    title = text("plot.group_title", language, name=markup_safe(name))
    return _style(fig, title, height=200 + 36 * len(rows), alt=alt, language=language)


def share_comparison(table: pd.DataFrame, dimension: str, language: str = "nl") -> go.Figure:
    """Sample share next to population share for the categories of one dimension."""
    frame = table[table["dimension"] == dimension]
    fig = go.Figure()
    for kind, column, color in (
        ("sample", "sample_share", COLORS["positive"]),
        ("population", "population_share", COLORS["grey"]),
    ):
        fig.add_bar(
            x=_names(frame["category"]),
            y=frame[column],
            name=label(kind, language),
            marker_color=color,
            hovertemplate="%{x}: %{y:.0%}<extra>" + label(kind, language) + "</extra>",
        )
    fig.update_layout(barmode="group")
    fig.update_yaxes(tickformat=".0%", title=label("share", language))
    fig.update_xaxes(title=markup_safe(dimension))
    alt = text("alt.shares", language, name=dimension)
    return _style(fig, markup_safe(dimension), height=340, alt=alt, language=language)


def _items(frame: pd.DataFrame, name: str, value: str, language: str, n: int = 8) -> str:
    """ "jeugd 88, wonen 84, …" for a chart's text alternative."""
    items = [f"{v} {format_cell(x, 'int', language)}" for v, x in zip(frame[name], frame[value])]
    return ", ".join(items[:n]) + (", …" if len(items) > n else "")


def figure_table(fig: go.Figure, language: str = "nl") -> pd.DataFrame:
    """The numbers a chart draws, as a table (rows: the categories on the y axis; columns: the traces, or the
    heatmap's columns), so every chart's data is also available as text."""
    percent = "%" in str(fig.layout.xaxis.tickformat or "")

    def plain(value) -> str:
        return html.unescape(str(value).replace("<br>", " "))

    def number(value) -> str:
        if value is None or (isinstance(value, float) and np.isnan(value)):
            return ""
        if percent:
            return format_pct(float(value), language)
        value = float(value)
        return format_cell(value, "int" if value == round(value) else "num", language)

    columns: dict[str, list[str]] = {}
    index: list[str] = []
    for trace in fig.data:
        if trace.type == "heatmap":
            index = [plain(y) for y in trace.y]
            for j, x in enumerate(trace.x):
                columns[plain(x)] = [plain(row[j]) for row in trace.text]
            continue
        names = [plain(y) for y in trace.y]
        index = index or names
        values = dict(zip(names, trace.x))
        columns[plain(trace.name or label("share", language))] = [number(values.get(n)) for n in index]
    return pd.DataFrame(columns, index=pd.Index(index, name=""))


def chart_html(fig: go.Figure, div_id: str) -> str:
    """The chart's div inside a <figure> with its text alternative and its data table (collapsed), so the
    chart can be read without seeing it, and its numbers are on the page as text."""
    meta = fig.layout.meta or {}
    language = meta.get("language", "nl")
    div = fig.to_html(
        full_html=False, include_plotlyjs=False, div_id=div_id, config={"displaylogo": False, "responsive": True}
    )
    table = figure_table(fig, language)
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in ["", *table.columns])
    body = "".join(
        "<tr>"
        + f"<th>{html.escape(str(i))}</th>"
        + "".join(f'<td class="num">{html.escape(str(v))}</td>' for v in row)
        + "</tr>"
        for i, row in zip(table.index, table.itertuples(index=False))
    )
    alt = html.escape(str(meta.get("alt", "")))
    height = fig.layout.height or 0
    tall = f' tall" style="--print-zoom: {TALL_FOR_A4 / height:.2f}' if height > TALL_FOR_A4 else ""
    return (
        f'<figure class="chart{tall}" role="group" aria-label="{alt}">{div}'
        f'<figcaption class="chart-alt">{alt}</figcaption>'
        f'<details class="chart-table"><summary>{html.escape(text("chart.table", language))}</summary>'
        f'<table class="data"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></details></figure>'
    )


def show(fig: go.Figure, name: str) -> None:
    """Display a figure so it works both in JupyterLab and in the exported offline HTML report.

    The div id is derived from `name`, never random nor counted (a warm kernel runs many notebooks), so reports
    are reproducible byte for byte.
    """
    from IPython.display import display

    div_id = f"fig-{name}"
    display(
        {"application/vnd.plotly.v1+json": json.loads(fig.to_json()), "text/html": chart_html(fig, div_id)}, raw=True
    )
