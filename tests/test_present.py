"""What the report notebooks call, run in this process: every section of `present.Report` and every chart.

The notebooks only call these methods; running them here keeps them covered and checks what they show: the
report's language, escaped resident text, suppressed cells left empty, numbers in Dutch format.
"""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
import pytest

from cocreatie_analysis.pipeline import load_results
from cocreatie_analysis.report import plots
from cocreatie_analysis.report import present as present_module
from cocreatie_analysis.report.present import Report

from .conftest import RAW


@pytest.fixture()
def shown(monkeypatch):
    """Collects the HTML a Report displays (and the figures plots.show displays)."""
    pages: list[str] = []
    monkeypatch.setattr(present_module, "_display", pages.append)
    figures: list[tuple[str, go.Figure]] = []
    monkeypatch.setattr(plots, "show", lambda fig, name=None: figures.append((name, fig)))
    return pages, figures


@pytest.fixture()
def report(processed_root):
    return Report.load(processed_root, "havenstede")


def in_english(results) -> None:
    """Make `results` those of a municipality with `language: en` (the language a report speaks is the summary's)."""
    summary = results["summary"].copy()
    summary.loc[0, "language"] = "en"
    results.tables["summary"] = summary


def test_kompas_sections(report, shown):
    pages, figures = shown
    report.title("kompas")
    report.key_figures([(report.word("inputs"), report.summary.n_inputs)])
    report.opgave_cards()
    report.methods("kompas")
    report.data_notes()
    html = "".join(pages)
    assert "<h1>Kompas: Havenstede</h1>" in html and "Fictief voorbeeld" in html
    kompas = report.table("kompas")
    assert html.count('<div class="opgave">') == len(kompas)
    for opgave in kompas["opgave"]:
        assert f"<h3>{present_module.esc(opgave)}</h3>" in html
    assert "Advies:" in html and "Kenmerkende woorden" in html
    # methods state the parameters the analysis ran with
    assert f"Groepen kleiner dan {report.min_cell_size} deelnemers" in html
    # Dutch number format in the key figures: a thousands dot
    n = int(report.summary.n_inputs)
    assert f"{n:,}".replace(",", ".") in html


def test_draagvlak_sections(report, shown):
    pages, figures = shown
    statements = report.table("draagvlak_statements")
    report.verdict_counts(statements)
    report.verdict_cards(statements)
    report.group_heatmaps()
    report.group_heatmaps(opinion_groups=True)
    report.rules_table(report.table("draagvlak_rules"))
    report.show_table(
        report.statements_by("consensus"),
        {"statement_id": ("#", "text"), "consensus": ("Consensus", "num")},
        max_rows=5,
    )
    report.methods("draagvlak")
    html = "".join(pages)
    assert html.count('class="verdict verdict-') == len(statements)
    assert "Oordeel bij participatieniveau" in html  # reasons from the wording catalogue
    assert "Minimaal aantal stemmen" in html  # the rules table's Dutch headers
    dimensions = report.table("draagvlak_group_support")["dimension"].unique()
    # the demographic heatmaps, then (after the section that explains the groups) the opinion groups' one
    assert [name for name, _ in figures] == [f"groups-{d}" for d in dimensions if d != "opinion_group"] + [
        "groups-opinion_group"
    ]
    consensus = report.statements_by("consensus")["consensus"].to_numpy()
    assert (consensus[:-1] >= consensus[1:]).all()
    assert re.search(r"<td class=\"num\">0,\d\d</td>", html), "decimal comma in the table"


def test_opinion_groups_described_in_words(report, shown):
    pages, _ = shown
    assert report.has_opinion_groups() and report.has_demographic_support()
    report.opinion_groups_intro()
    report.opinion_group_cards()
    report.consensus_summary()
    html = "".join(pages)
    sizes = report.group_sizes()
    assert html.count("<h3>Groep ") == len(sizes) >= 2
    placed = report.results["draagvlak_opinion_groups"]
    assert f"De {int(sizes.sum())} stemmers met 7 of meer stemmen vallen in {len(sizes)} groepen." in html
    assert f"{int((placed['group'] < 0).sum())} stemmers gaven minder stemmen" in html
    for label, n in zip("ABC", sizes):
        assert f"Groep {label} telt {n} stemmers" in html
    # composition: only the differences the analysis found in shown cells, with both shares
    differences = report.results["draagvlak_group_differences"]
    assert len(differences), "the sample has a group that differs"
    for row in differences.itertuples():
        word = "vaker" if row.difference > 0 else "minder vaak"
        assert f"{word} " in html and f"({row.share:.0%} tegen {row.share_all:.0%}" in html
    assert "verschilt deze groep niet duidelijk van alle ingedeelde stemmers" in html
    # the statements each group agrees and disagrees with more than the others, quoted from the profiles
    profiles = report.results["draagvlak_group_profiles"]
    top = profiles[(profiles["rank"] == 1) & profiles["significant"]]
    for row in top.itertuples():
        assert present_module.esc(f"‘{row.text.removesuffix('.')}’") in html
    assert "meer dan de anderen eens met" in html and "meer dan de anderen oneens met" in html
    # where all groups agree: the highest consensus among statements every group supports by a majority
    consensus = report.consensus_statements()
    assert len(consensus) and (consensus["min_support"] > 0.5).all()
    assert "Alle opiniegroepen zijn het in meerderheid eens met" in html
    assert present_module.esc(consensus["text"].iloc[0].removesuffix(".")) in html


@pytest.mark.parametrize("gemeente", sorted(p.parent.name for p in RAW.glob("*/gemeente.yaml")))
def test_every_sample_describes_each_opinion_group(processed_root, gemeente, shown):
    pages, _ = shown
    report = Report.load(processed_root, gemeente)
    report.opinion_group_cards()
    html = "".join(pages)
    sizes = report.group_sizes()
    assert len(sizes) >= 2
    for group, n in sizes.items():
        label = report._label(group)
        card = html.split(f"<h3>Groep {label}</h3>", 1)[1].split("</div>", 1)[0]
        assert f"Groep {label} telt" in card
        if n >= report.min_cell_size:  # who is in it, and what it stands for
            assert "ingedeelde stemmers" in card, card
            assert "Deze groep is het" in card or "Geen stelling onderscheidt" in card, card


def test_opinion_groups_in_english(processed_root, shown):
    pages, _ = shown
    results = load_results(processed_root / "havenstede")
    in_english(results)
    report = Report(results)
    report.opinion_groups_intro()
    report.opinion_group_cards()
    report.consensus_summary()
    report.methods("draagvlak")
    html = "".join(pages)
    assert "<h3>Group A</h3>" in html and "Group A has " in html and "agrees more than the others with" in html
    assert "All opinion groups mostly agree with" in html
    assert "at most 100 small clusters" in html and "10 extra neutral votes" in html  # the parameters used
    assert "Groep" not in html


def test_every_chart_has_a_title_and_labelled_axes(report):
    kompas = report.table("kompas")
    counts = report.table("counts")
    representation = report.table("reach_representation")
    statements = report.table("draagvlak_statements")
    group_support = report.table("draagvlak_group_support")
    figures = [
        plots.kompas_ranking(kompas),
        plots.offers_bar(kompas),
        plots.channel_bar(counts),
        plots.representation_dots(representation, report.dimension_labels()),
        plots.support_dots(statements),
        plots.group_heatmap(group_support, statements, "district", dimension_label="wijk"),
        plots.share_comparison(representation, "age_group"),
    ]
    for figure in figures:
        assert figure.layout.title.text, figure
    assert figures[0].layout.xaxis.title.text == "Reacties"
    assert figures[3].layout.xaxis.title.text.startswith("Vertegenwoordiging")
    assert figures[5].layout.title.text == "Steun per wijk"
    english = plots.kompas_ranking(kompas, "en")
    assert english.layout.title.text.startswith("Issues") and english.data[0].name == "Concern"


def test_suppressed_heatmap_cells_stay_empty(report):
    group_support = report.table("draagvlak_group_support")
    statements = report.table("draagvlak_statements")
    hidden = group_support[group_support["suppressed"]]
    assert len(hidden), "the sample has small groups"
    dimension = hidden["dimension"].iloc[0]
    figure = plots.group_heatmap(group_support, statements, dimension)
    z = pd.DataFrame(
        figure.data[0].z, columns=figure.data[0].x, index=[label.split(":")[0] for label in figure.data[0].y]
    )
    for row in hidden[hidden["dimension"] == dimension].itertuples():
        # an empty cell, or no column at all when the group is too small on every statement
        assert str(row.category) not in z.columns or pd.isna(z.loc[str(row.statement_id), str(row.category)])


def test_resident_text_is_escaped(processed_root, shown):
    pages, _ = shown
    results = load_results(processed_root / "havenstede")
    kompas = results["kompas"].copy()
    kompas.at[0, "opgave"] = "<script>alert(1)</script>"
    kompas.at[0, "concerns"] = ['<img src=x onerror="alert(2)">']
    results.tables["kompas"] = kompas
    report = Report(results)
    report.opgave_cards()
    report.bullets(["<b>vet</b>"])
    report.show_table(kompas, {"opgave": ("Opgave", "text")})
    html = "".join(pages)
    assert "<script>" not in html and "<img" not in html and "<b>vet" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_english_report_words(processed_root, shown):
    pages, _ = shown
    results = load_results(processed_root / "havenstede")
    in_english(results)
    report = Report(results)
    report.title("kompas")
    report.opgave_cards()
    report.verdict_cards(report.table("draagvlak_statements"))
    html = "".join(pages)
    assert "<h1>Compass: Havenstede</h1>" in html and "Advice:" in html and "Verdict at participation level" in html
    assert "Advies" not in html


def test_resident_text_in_charts_is_inert_markup(report):
    """Plotly renders <a href>, <br> and <b> in labels and hover texts: resident text must show them as text."""
    hostile = '<a href="javascript:alert(1)">klik</a><br><b>vet</b>'
    kompas = report.table("kompas").copy()
    kompas.loc[0, "opgave"] = hostile
    statements = report.table("draagvlak_statements").copy()
    statements.loc[0, "text"] = hostile
    group_support = report.table("draagvlak_group_support").copy()
    group_support.loc[group_support["dimension"] == "district", "category"] = hostile
    figures = [
        plots.kompas_ranking(kompas),
        plots.offers_bar(kompas.assign(n_offers=1)),
        plots.support_dots(statements),
        plots.group_heatmap(group_support, statements, "district"),
    ]
    for figure in figures:
        labels = " ".join(
            str(v) for trace in figure.data for axis in (trace.x, trace.y) for v in ([] if axis is None else list(axis))
        )
        assert "<a " not in labels and "<b>" not in labels and "<br><b>" not in labels
        assert "&lt;a" in labels  # shown as text (a long label is cut at a word)
        page = plots.chart_html(figure, "fig-test")
        assert "<a href" not in page.replace('<a href="#', "")  # the data table escapes it too


def test_cooperative_candidates_escaped_and_in_english(processed_root, shown):
    """The Coöperatiekandidaten section: opgave, quotes and mix as inert text; English words for language: en."""
    pages, _ = shown
    results = load_results(processed_root / "havenstede")
    candidates = results["kompas_cooperatives"].copy()
    candidates.at[0, "opgave"] = "<script>alert(1)</script>"
    results.tables["kompas_cooperatives"] = candidates
    offers = results["kompas_offers"].copy()
    offers.loc[offers["theme_id"] == candidates.at[0, "theme_id"], "quote"] = '<img src=x onerror="alert(2)">'
    results.tables["kompas_offers"] = offers
    Report(results).cooperative_candidates()
    html = "".join(pages)
    assert "<script>" not in html and "<img" not in html and "&lt;img src=x" in html
    assert "Wat ze aanbieden" in html and "Wie het zijn" in html  # Dutch words for a Dutch report
    in_english(results)
    pages.clear()
    Report(results).cooperative_candidates()
    html = "".join(pages)
    assert "participants offer help" in html and "What they offer" in html and "Wat ze aanbieden" not in html
