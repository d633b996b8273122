"""Plotly figure factories for the reports: one style, colour-blind-safe colours, Dutch (or English) labels.

`show(fig, name)` is how notebooks display a figure. Inside a papermill kernel plotly's default renderer
emits only its own JSON mimetype, which nbconvert's HTML export silently drops; `show` emits an HTML div as
well (plotly.js itself is put into the page once by `reporting`), so charts survive export and work offline.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import plotly.graph_objects as go

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


def _style(fig: go.Figure, title: str, height: int | None = None) -> go.Figure:
    _template(fig)
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 17}},
        font={"family": FONT, "size": 13, "color": "#222"},
        margin={"l": 10, "r": 20, "t": 60, "b": 40},
        height=height,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "right", "x": 1},
        hoverlabel={"font": {"family": FONT}},
    )
    fig.update_yaxes(automargin=True)
    return fig


def _wrap(text: str, width: int = 60) -> str:
    """Long category labels (statements) wrapped with <br> so they fit next to a bar."""
    words, lines, line = str(text).split(), [], ""
    for word in words:
        if len(line) + len(word) + 1 > width and line:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(lines[:3]) + ("…" if len(lines) > 3 else "")


def kompas_ranking(kompas: pd.DataFrame, language: str = "nl") -> go.Figure:
    """Opgaven ranked by participants; each bar is the opgave's inputs split into concern / neutral / appreciation."""
    frame = kompas.iloc[::-1]
    fig = go.Figure()
    for tone in ("negative", "neutral", "positive"):
        counts = (frame[f"share_{tone}"] * frame["n_inputs"]).round()
        fig.add_bar(
            y=frame["opgave"],
            x=counts,
            orientation="h",
            name=label(tone, language),
            marker_color=COLORS[tone],
            customdata=np.round(frame[f"share_{tone}"] * 100),
            hovertemplate="%{y}: %{customdata:.0f}%<extra>" + label(tone, language) + "</extra>",
        )
    fig.update_layout(barmode="stack", xaxis_title=label("inputs", language))
    return _style(fig, label("kompas_ranking", language), height=120 + 34 * len(frame))


def offers_bar(kompas: pd.DataFrame, language: str = "nl") -> go.Figure:
    frame = kompas.sort_values("n_offers").query("n_offers > 0")
    fig = go.Figure(
        go.Bar(
            y=frame["opgave"],
            x=frame["n_offers"],
            orientation="h",
            marker_color=COLORS["accent"],
            name=label("offers", language),
        )
    )
    fig.update_layout(xaxis_title=label("participants", language))
    return _style(fig, label("offers_title", language), height=120 + 34 * max(len(frame), 1))


def channel_bar(counts: pd.DataFrame, language: str = "nl") -> go.Figure:
    frame = counts[counts["dimension"] == "channel"].sort_values("n_inputs")
    fig = go.Figure(
        go.Bar(
            y=frame["category"],
            x=frame["n_inputs"],
            orientation="h",
            marker_color=COLORS["positive"],
            name=label("inputs", language),
        )
    )
    fig.update_layout(xaxis_title=label("inputs", language))
    return _style(fig, label("channels_title", language), height=120 + 40 * max(len(frame), 1))


def representation_dots(table: pd.DataFrame, dimension_labels: dict | None = None, language: str = "nl") -> go.Figure:
    """Representation ratio per group with its 95% interval; the line at 1 means proportional."""
    frame = table.dropna(subset=["ratio"]).iloc[::-1]
    names = [f"{(dimension_labels or {}).get(d, d)}: {c}" for d, c in zip(frame["dimension"], frame["category"])]
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
            hovertemplate="%{y}: %{x:.2f}<extra></extra>",
            showlegend=False,
        )
    )
    fig.add_vline(x=1, line_dash="dash", line_color=COLORS["reference"])
    fig.update_xaxes(type="log", title=label("ratio", language))
    return _style(fig, label("reach_title", language), height=140 + 26 * len(frame))


def support_dots(statements: pd.DataFrame, language: str = "nl") -> go.Figure:
    """Support per statement, unweighted and weighted to the population, with intervals."""
    frame = statements.sort_values("support").reset_index(drop=True)
    names = [f"{sid}: {_wrap(text, 55)}" for sid, text in zip(frame["statement_id"], frame["text"])]
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
    return _style(fig, label("support_title", language), height=160 + 46 * len(frame))


def group_heatmap(
    group_support: pd.DataFrame,
    statements: pd.DataFrame,
    dimension: str,
    language: str = "nl",
    dimension_label: str | None = None,
) -> go.Figure:
    """Support per statement (rows) and category of one dimension (columns); suppressed cells stay empty."""
    frame = group_support[group_support["dimension"] == dimension]
    matrix = frame.pivot_table(index="statement_id", columns="category", values="support", aggfunc="first")
    order = statements.set_index("statement_id").reindex(matrix.index)
    rows = [f"{sid}: {_wrap(t, 45)}" for sid, t in zip(matrix.index, order["text"])]
    fig = go.Figure(
        go.Heatmap(
            z=matrix.to_numpy(),
            x=[str(c) for c in matrix.columns],
            y=rows,
            zmin=0,
            zmax=1,
            colorscale=[[0, COLORS["negative"]], [0.5, "#F7F7F7"], [1, COLORS["positive"]]],
            colorbar={"tickformat": ".0%", "title": label("support", language)},
            hovertemplate="%{y}<br>%{x}: %{z:.0%}<extra></extra>",
        )
    )
    name = dimension_label or dimension
    return _style(fig, text("plot.group_title", language, name=name), height=160 + 40 * len(rows))


def share_comparison(table: pd.DataFrame, dimension: str, language: str = "nl") -> go.Figure:
    """Sample share next to population share for the categories of one dimension."""
    frame = table[table["dimension"] == dimension]
    fig = go.Figure()
    for kind, column, color in (
        ("sample", "sample_share", COLORS["positive"]),
        ("population", "population_share", COLORS["grey"]),
    ):
        fig.add_bar(
            x=frame["category"].astype(str),
            y=frame[column],
            name=label(kind, language),
            marker_color=color,
            hovertemplate="%{x}: %{y:.0%}<extra>" + label(kind, language) + "</extra>",
        )
    fig.update_layout(barmode="group")
    fig.update_yaxes(tickformat=".0%", title=label("share", language))
    return _style(fig, dimension, height=340)


def show(fig: go.Figure, name: str) -> None:
    """Display a figure so it works both in JupyterLab and in the exported offline HTML report.

    The div id is derived from `name`, never random nor counted (a warm kernel runs many notebooks), so reports
    are reproducible byte for byte.
    """
    from IPython.display import display

    div_id = f"fig-{name}"
    html = fig.to_html(
        full_html=False, include_plotlyjs=False, div_id=div_id, config={"displaylogo": False, "responsive": True}
    )
    display({"application/vnd.plotly.v1+json": json.loads(fig.to_json()), "text/html": html}, raw=True)
