"""reports/index.html: key figures per municipality, escaped, with relative file links only."""

from __future__ import annotations

import json
import re

from cocreatie_analysis.pipeline import load_results
from cocreatie_analysis.report.index import OUTCOME_FILE, Outcome, key_figures, write_index


def test_key_figures_come_from_the_results(processed_root):
    tables = load_results(processed_root / "havenstede").tables
    figures = key_figures(tables)
    summary = tables["summary"].iloc[0]
    kompas = tables["kompas"].sort_values("n_participants", ascending=False, kind="stable")
    statements = tables["draagvlak_statements"]
    assert figures["n_participants"] == summary["n_participants"] and figures["n_inputs"] == summary["n_inputs"]
    assert figures["top_opgaven"] == list(kompas["opgave"].head(3))
    assert figures["groups_reached_less"] == len(tables["reach_unusual_suspects"]) > 0
    assert figures["n_statements"] == len(statements)
    assert figures["n_supported"] == statements["verdict_code"].isin(["broad_support", "support"]).sum()
    json.dumps(figures)  # kept in rapport.json


def test_index_shows_key_figures_escaped_with_relative_links(tmp_path):
    folder = tmp_path / "gemeente x"
    folder.mkdir()
    figures = {
        "n_participants": 1120,
        "n_inputs": 391,
        "groups_reached_less": 2,
        "top_opgaven": ["jeugd", '<img src=x onerror="alert(1)">', "wonen"],
        "n_statements": 25,
        "n_supported": 12,
    }
    outcome = Outcome("gemeente x", "Gemeente <X>", True, files=("kompas.html", "tabellen.xlsx"), figures=figures)
    (folder / OUTCOME_FILE).write_text(json.dumps(outcome.__dict__), "utf-8")
    old = tmp_path / "oud"  # a rapport.json written before key figures were kept
    old.mkdir()
    (old / OUTCOME_FILE).write_text(json.dumps({"gemeente": "oud", "name": "Oud", "ok": True, "files": []}), "utf-8")
    failed = Outcome("kapot", "Kapot", False, error="reacties.csv: <script>")
    page = write_index(tmp_path, [failed]).read_text("utf-8")

    row = re.search(r"<tr><td>Gemeente &lt;X&gt;</td>(.*?)</tr>", page).group(1)
    assert "1.120" in row and "391" in row and "2 groepen duidelijk minder bereikt" in row
    assert "12 van 25 stellingen" in row
    assert "&lt;img src=x" in row and "<img" not in page
    assert "<script>" not in page and "mislukt: reacties.csv: &lt;script&gt;" in page
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert hrefs == ["gemeente%20x/kompas.html", "gemeente%20x/tabellen.xlsx"]
    assert "<tr><td>Oud</td>" in page  # read back without figures: empty cells, no error


def test_index_says_when_reach_was_not_checked(tmp_path):
    folder = tmp_path / "a"
    folder.mkdir()
    figures = {"n_participants": 5, "n_inputs": 7, "groups_reached_less": None, "top_opgaven": [], "n_statements": 0}
    (folder / OUTCOME_FILE).write_text(json.dumps(Outcome("a", "A", True, figures=figures).__dict__), "utf-8")
    page = write_index(tmp_path).read_text("utf-8")
    assert "niet getoetst" in page and "geen stemming" in page
