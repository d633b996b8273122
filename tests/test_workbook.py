"""The Excel workbook: Dutch sheets and headers, real percentages, frozen header, fitted widths, every report
table, suppression as in the reports, resident text never a formula."""

from __future__ import annotations

import openpyxl
import pytest

from cocreatie_analysis.pipeline import load_results
from cocreatie_analysis.report.workbook import export_tables
from cocreatie_analysis.wording.workbook import SHEETS


@pytest.fixture(scope="module")
def workbook(processed_root, tmp_path_factory):
    path = tmp_path_factory.mktemp("wb") / "tabellen.xlsx"
    export_tables(load_results(processed_root / "havenstede"), path)
    return openpyxl.load_workbook(path)


def _rows(ws) -> list[dict]:
    header = [c.value for c in ws[1]]
    return [dict(zip(header, (c.value for c in row))) for row in ws.iter_rows(min_row=2)]


def test_sheets_are_the_report_tables_in_dutch(workbook):
    for name in ["Kompas", "Opgaven", "Bereik", "Minder bereikt", "Stellingen", "Steun per groep", "Opiniegroepen"]:
        assert name in workbook.sheetnames
    header = [c.value for c in workbook["Kompas"][1]]
    assert header[:3] == ["Opgave", "Deelnemers", "Aandeel van wie reageerde"]
    assert "Geadviseerd niveau" in header and not any("_" in str(h) for h in header)


def test_header_frozen_filtered_and_widths_fitted(workbook):
    for ws in workbook.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert all(c.font.bold for c in ws[1])
        widths = [ws.column_dimensions[openpyxl.utils.get_column_letter(j)].width for j in range(1, ws.max_column + 1)]
        assert all(8 <= w <= 62 for w in widths), (ws.title, widths)
        if ws.max_row > 1:
            assert ws.auto_filter.ref


def test_shares_are_percentages(workbook, processed_root):
    ws = workbook["Kompas"]
    column = [c.value for c in ws[1]].index("Zorg of klacht (% van reacties)") + 1
    cells = [ws.cell(r, column) for r in range(2, ws.max_row + 1)]
    assert all(c.number_format == "0%" for c in cells if c.value is not None)
    kompas = load_results(processed_root / "havenstede")["kompas"]
    assert [c.value for c in cells] == pytest.approx(kompas["share_negative"].tolist())


def test_hidden_groups_stay_hidden(workbook, processed_root):
    support = load_results(processed_root / "havenstede")["draagvlak_group_support"]
    rows = _rows(workbook["Steun per groep"])
    assert len(rows) == len(support)
    for row, (_, original) in zip(rows, support.iterrows()):
        if original["suppressed"]:
            assert row["Aantal"] is None and row["Steun (% eens)"] is None and row["Eens"] is None


def _export_changed(processed_root, tmp_path, table: str, column: str, value):
    """The workbook of havenstede with one cell of one processed table changed."""
    results = load_results(processed_root / "havenstede")
    changed = results[table].copy()
    changed.loc[0, column] = value
    results.tables[table] = changed
    export_tables(results, tmp_path / "t.xlsx")
    return openpyxl.load_workbook(tmp_path / "t.xlsx")


def test_resident_text_is_never_a_formula(processed_root, tmp_path):
    book = _export_changed(processed_root, tmp_path, "draagvlak_statements", "text", '=HYPERLINK("http://x","klik")')
    cell = book["Stellingen"]["B2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_english_workbook(processed_root, tmp_path):
    book = _export_changed(processed_root, tmp_path, "summary", "language", "en")
    assert "Compass" in book.sheetnames and "Statements" in book.sheetnames
    assert [c.value for c in book["Compass"][1]][0] == "Issue"


def test_every_sheet_names_existing_columns():
    from cocreatie_analysis.pipeline.schemas import SCHEMAS

    for sheet in SHEETS:
        if sheet.table in SCHEMAS:  # readable() adds word columns (advice, verdict, group, description)
            known = set(SCHEMAS[sheet.table].columns) | {"advice", "verdict", "reasons", "group", "description"}
            known |= {"kinds", "mix"}  # the coöperatie candidates' kinds of help and mix, in words
            known |= {"dimension_label", "effect_size"}
            assert {c for c, _, _ in sheet.columns} <= known, sheet.table
