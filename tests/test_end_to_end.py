"""End to end: raw municipality folder -> CLI -> offline HTML reports, as a user runs it."""

from __future__ import annotations

import hashlib
import html
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from cocreatie_analysis.cli import main

from .browser import open_page, outside, require_chromium

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted(p.parent.name for p in (ROOT / "data" / "raw").glob("*/gemeente.yaml"))
PLOTLY_HEADER = re.compile(r"\* plotly\.js (?:\(cartesian - minified\) )?v\d")


def tree_hash(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def assert_offline_report(page: str, min_charts: int) -> None:
    assert len(PLOTLY_HEADER.findall(page)) == 1, "plotly.js must be inlined exactly once"
    assert page.count("Plotly.newPlot(") >= min_charts
    assert not re.search(r"<script[^>]+src=[\"']https?://", page), "no scripts from the internet"
    assert "from cocreatie_analysis" not in page, "code cells must not be in the report"


def without_plotly_js(page: str) -> str:
    """The page minus the inlined plotly.js library (its minified numbers look like phone numbers)."""
    header = PLOTLY_HEADER.search(page)
    start = page.rfind("<script", 0, header.start())
    return page[:start] + page[page.index("</script>", header.end()) + len("</script>") :]


def strip_stamp(page: str) -> str:
    return re.sub(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC", "", page)


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory):
    if not SAMPLES:
        pytest.skip("no sample municipalities in data/raw")
    gemeente = "havenstede" if "havenstede" in SAMPLES else SAMPLES[0]
    base = tmp_path_factory.mktemp("e2e")
    before = tree_hash(ROOT / "data" / "raw" / gemeente)
    code = main(
        [
            "report",
            str(ROOT / "data" / "raw" / gemeente),
            "--processed-dir",
            str(base / "processed"),
            "--reports-dir",
            str(base / "reports"),
        ]
    )
    assert code == 0
    assert tree_hash(ROOT / "data" / "raw" / gemeente) == before, "raw files must never be modified"
    return gemeente, base


def test_sample_reports_hold_sections_and_charts(sample_run):
    gemeente, base = sample_run
    kompas = (base / "reports" / gemeente / "kompas.html").read_text("utf-8")
    draagvlak = (base / "reports" / gemeente / "draagvlak.html").read_text("utf-8")
    assert_offline_report(kompas, min_charts=3)
    assert_offline_report(draagvlak, min_charts=3)
    for page in (kompas, draagvlak):  # plotly.js' cartesian bundle, not the full one (4.8 MB, maps included)
        assert len(page.encode("utf-8")) <= 2 * 2**20
    for heading in (
        "Waar gaat het inwoners om?",
        "De opgaven één voor één",
        "Wat willen inwoners zelf bijdragen?",
        "Coöperatiekandidaten",
        "Wie deden mee?",
        "Hoe is dit gemaakt?",
        "Fictief voorbeeld",
    ):
        assert heading in kompas, heading
    for heading in (
        "Oordeel per stelling",
        "Is iedereen bereikt?",
        "Steun per groep",
        "Opiniegroepen",
        "Indicatief draagvlak",
        "Hoe is dit gemaakt?",
    ):
        assert heading in draagvlak, heading
    # the opinion groups are described in words before the chart of their support
    assert "Groep A telt" in draagvlak and "Waar zijn alle groepen het over eens?" in draagvlak
    assert draagvlak.index("Groep A telt") < draagvlak.index('id="fig-groups-opinion_group"')
    assert draagvlak.index('id="fig-groups-district"') < draagvlak.index("Groep A telt")
    assert (base / "reports" / gemeente / "tabellen.xlsx").is_file()


def test_sample_reports_chart_data_matches_processed_results(sample_run):
    gemeente, base = sample_run
    kompas_table = pd.read_parquet(base / "processed" / gemeente / "kompas.parquet")
    page = (base / "reports" / gemeente / "kompas.html").read_text("utf-8")
    # every opgave of the processed kompas appears in the ranking chart's data
    for opgave in kompas_table["opgave"]:
        assert f'"{opgave}"' in page or opgave.encode("unicode_escape").decode() in page


def test_sample_reports_contain_no_personal_data(sample_run):
    gemeente, base = sample_run
    for name in ("kompas.html", "draagvlak.html"):
        page = without_plotly_js((base / "reports" / gemeente / name).read_text("utf-8"))
        assert not re.search(r"[\w.+-]+@(?:example|voorbeeld)\.nl", page)
        assert not re.search(r"\b06[- ]?\d{8}\b", page)
        assert "NL91ABNA0417164300" not in page


def test_no_labelled_personal_text_reaches_a_report_or_workbook(sample_run):
    """Promise: Personal data is taken out before any analysis. Every hand-labelled pii=1 sample text (names included)
    must not appear verbatim anywhere readers look."""
    gemeente, base = sample_run
    labelled = pd.read_csv(ROOT / "data" / "samples" / gemeente / "texts.csv", keep_default_na=False)
    personal = [t for t in labelled.loc[labelled["pii"].astype(int) == 1, "text"] if len(t) > 20]
    pages = " ".join(
        without_plotly_js((base / "reports" / gemeente / n).read_text("utf-8"))
        for n in ("kompas.html", "draagvlak.html")
    )
    sheets = pd.read_excel(base / "reports" / gemeente / "tabellen.xlsx", sheet_name=None)
    cells = " ".join(str(v) for sheet in sheets.values() for v in sheet.astype(str).to_numpy().ravel())
    for text in personal:
        assert html.escape(text) not in pages and text not in cells, text[:80]


def test_polis_export_imports_and_reports(tmp_path):
    export = ROOT.parent / "shared" / "data" / "polis" / "brexit-consensus"
    if not export.is_dir():
        pytest.skip("Pol.is reference export not available")
    folder = tmp_path / "raw" / "brexit"
    assert main(["import-polis", str(export), str(folder)]) == 0  # the language detected: English
    assert main(["validate", str(folder)]) == 0
    assert (
        main(["report", str(folder), "--processed-dir", str(tmp_path / "p"), "--reports-dir", str(tmp_path / "r")]) == 0
    )
    page = (tmp_path / "r" / "brexit" / "draagvlak.html").read_text("utf-8")
    assert "Verdict per statement" in page and "Opinion groups" in page  # an English conversation
    assert "Group A has" in page and "Group B has" in page
    assert_offline_report(page, min_charts=3)


def test_processed_results_have_manifest_and_no_raw_pii(sample_run):
    """Promise: Personal data is taken out before any analysis."""
    gemeente, base = sample_run
    processed = base / "processed" / gemeente
    manifest = yaml.safe_load((processed / "manifest.json").read_text("utf-8"))
    assert len(manifest["input_sha256"]) == 64 and manifest["cocreatie_analysis"]
    texts = " ".join(pd.read_parquet(processed / "inputs.parquet")["text"])
    assert "NL91ABNA0417164300" not in texts


# ---- a hostile municipality: script tags, PII, no votes, no population -----------------------------------
HOSTILE = [
    "<script>alert('xss')</script> Meer bomen in het park graag, het park is te kaal",
    "Mail me op piet.pietersen@example.nl of bel 06-12345678 over de speeltuin bij het park",
    "De speeltuin in het park is kapot, kinderen kunnen nergens spelen",
    "Parkeren in de straat is onmogelijk, er zijn te weinig parkeerplaatsen",
    "Ik wil best meehelpen met het onderhoud van de speeltuin",
    "Te hard rijden in de straat, gevaarlijk voor kinderen op de fiets",
]


def hostile_folder(root: Path) -> Path:
    folder = root / "raw" / "testwijk"
    folder.mkdir(parents=True)
    (folder / "gemeente.yaml").write_text("name: Testwijk <b>vet</b>\nfictional: true\n", "utf-8")
    rows = [{"input_id": i, "text": f"{text} ({i})"} for i, text in enumerate(HOSTILE * 8)]
    pd.DataFrame(rows).to_csv(folder / "inputs.csv", index=False)
    return folder


def test_hostile_text_is_escaped_and_pii_redacted(tmp_path):
    """Promise: Resident text is escaped wherever it is shown."""
    folder = hostile_folder(tmp_path)
    assert (
        main(["report", str(folder), "--processed-dir", str(tmp_path / "p"), "--reports-dir", str(tmp_path / "r")]) == 0
    )
    for name in ("kompas.html", "draagvlak.html"):
        page = (tmp_path / "r" / "testwijk" / name).read_text("utf-8")
        assert "<script>alert" not in page and "<b>vet</b>" not in page
        assert "piet.pietersen@example.nl" not in page and "06-12345678" not in page
    kompas = (tmp_path / "r" / "testwijk" / "kompas.html").read_text("utf-8")
    assert "&lt;b&gt;vet&lt;/b&gt;" in kompas
    # reproducible: the same input gives the same page, apart from the timestamp
    first = strip_stamp(kompas)
    assert (
        main(
            [
                "report",
                str(folder),
                "--processed-dir",
                str(tmp_path / "p"),
                "--reports-dir",
                str(tmp_path / "r"),
                "--force",
            ]
        )
        == 0
    )
    assert strip_stamp((tmp_path / "r" / "testwijk" / "kompas.html").read_text("utf-8")) == first


def test_batch_carries_on_past_a_broken_municipality(tmp_path):
    """Promise: One failing municipality does not stop a batch. Through the process pool (two workers), as `make demo`
    runs it."""
    hostile_folder(tmp_path)
    broken = tmp_path / "raw" / "kapot"
    broken.mkdir()
    (broken / "gemeente.yaml").write_text("name: Kapot\nfiles: {inputs: reacties.csv}\n", "utf-8")
    (broken / "reacties.csv").write_text("nummer,tekst\n1,hallo\n", "utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "cocreatie_analysis.cli",
            "batch",
            str(tmp_path / "raw"),
            "--processed-dir",
            str(tmp_path / "p"),
            "--reports-dir",
            str(tmp_path / "r"),
            "--workers",
            "2",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "kapot" in result.stderr and "reacties.csv" in result.stderr
    index = (tmp_path / "r" / "index.html").read_text("utf-8")
    assert 'href="testwijk/kompas.html"' in index and "mislukt" in index
    assert (tmp_path / "r" / "testwijk" / "draagvlak.html").is_file()
    assert not (tmp_path / "r" / "kapot").exists()


def test_validate_exit_codes(tmp_path):
    folder = hostile_folder(tmp_path)
    ok = subprocess.run(
        [sys.executable, "-m", "cocreatie_analysis.cli", "validate", str(folder)], capture_output=True, text=True
    )
    assert ok.returncode == 0 and "OK" in ok.stdout
    (folder / "inputs.csv").write_text("input_id,tekst\n1,a\n", "utf-8")
    bad = subprocess.run(
        [sys.executable, "-m", "cocreatie_analysis.cli", "validate", str(folder)], capture_output=True, text=True
    )
    assert bad.returncode == 1
    assert "inputs.csv" in bad.stderr and "column 'text'" in bad.stderr and "did you mean 'tekst'" in bad.stderr


def _text_runs(page):
    """(start x, estimated end x, y, text) of every text run on a PDF page, in points. The end assumes an
    average glyph of 0.45 em: a run that would end past the page's edge was cut off there."""
    runs = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            scale = (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append((x, x + 0.45 * size * scale * len(text.rstrip()), y, text))

    page.extract_text(visitor_text=visit)
    return runs


def test_sample_reports_draw_in_a_browser(sample_run):
    """Opened from disk in headless Chromium: every chart drawn, no console error, no request outside the file
    (the self-contained pages; the batch's tests open the others)."""
    require_chromium()
    gemeente, base = sample_run
    for name in ("kompas", "draagvlak"):
        page = base / "reports" / gemeente / f"{name}.html"
        load = open_page(page)
        assert load.charts >= 3 and load.drawn == load.charts, (name, load.charts, load.drawn)
        assert load.errors == [], (name, load.errors)
        assert outside(load.requests, page.parent) == [], name


def test_pdf_of_a_sample_report_is_a4_with_nothing_outside_the_page(sample_run, tmp_path):
    """The printed reports: A4 pages, no text run outside the page box (a cut-off column), a page count that
    fits the content, and the same file mode as the HTML."""
    from pypdf import PdfReader

    from cocreatie_analysis.report import to_pdf

    require_chromium()
    gemeente, base = sample_run
    for name, max_pages in (("kompas", 16), ("draagvlak", 30)):
        html_path = base / "reports" / gemeente / f"{name}.html"
        pdf = to_pdf(html_path, tmp_path / f"{name}.pdf")
        assert pdf.stat().st_mode & 0o777 == html_path.stat().st_mode & 0o777
        pages = PdfReader(pdf).pages
        assert 2 <= len(pages) <= max_pages, (name, len(pages))
        for number, page in enumerate(pages, start=1):
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2, (name, number, width, height)  # A4
            for start, end, y, text in _text_runs(page):
                assert start >= 0 and end <= width and 0 <= y <= height, (name, number, text)


def test_pdf_export_when_chromium_is_available(tmp_path):
    from cocreatie_analysis.report import find_chromium, to_pdf

    if find_chromium() is None:
        pytest.skip("Chromium is not installed (PDF export is optional)")
    page = tmp_path / "r.html"
    page.write_text("<html><body><h1>Kompas</h1><p>&lt;script&gt; blijft tekst</p></body></html>", "utf-8")
    pdf = to_pdf(page, tmp_path / "r.pdf")
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 500
