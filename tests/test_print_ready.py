"""What a tough office reviewer checks on every page, in the PDF and in the DOCX as LibreOffice lays it out:
pages that break alike, headings kept with their text, no 署名 page without text, a seal that leaves the text
legible, tables whose words and dates stay whole, titles that never cut a quotation or an organ's name."""
from __future__ import annotations

import difflib
import io
import re
import xml.etree.ElementTree as ET

import docx
import pdfplumber
import pypdfium2
import pytest
from docx.oxml.ns import qn

from reportgen import charts, compose, intermediate, style, tables, titles
from reportgen.errors import BuildError
from reportgen.loader import load, load_text
from reportgen.pipeline import Builder
from reportgen.writers.docx import DocxWriter
from tests.conftest import INPUTS, ROOT, SAMPLES, office_convert
from tests.test_elements import SEALED
from tests.measure import PT, Measured

P = style.PAGE
LEFT, TOP, BOTTOM = P.left.mm, P.top.mm, P.top.mm + P.text_height.mm
HEADING = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")


def _rules(page, across: bool) -> list[float]:
    """Where a page's table rules stand: the horizontal ones' tops, or the vertical ones' left edges."""
    start, end, thick, thin = ("x0", "x1", "top", "bottom") if across else ("top", "bottom", "x0", "x1")
    edges = sorted(e[thick] for e in page.rects + page.lines if e[end] - e[start] > 10 and e[thin] - e[thick] < 2)
    return [t for i, t in enumerate(edges) if i == 0 or t - edges[i - 1] > 2]


def _first_row(page) -> str | None:
    """On a page that begins with a table (its head row repeated), what the first column of the first row
    under the head holds (the 序号, or a group row's first words); else None."""
    rows, columns = _rules(page, across=True), _rules(page, across=False)
    if len(rows) < 3 or len(columns) < 2 or any(c["bottom"] < rows[0] for c in page.chars if c["text"].strip()):
        return None
    return "".join(c["text"] for c in sorted(page.chars, key=lambda c: (round(c["top"]), c["x0"]))
                   if rows[1] < (c["top"] + c["bottom"]) / 2 < rows[2] and c["x0"] < columns[1] and c["text"].strip())


def openings(path) -> list[str]:
    """The first ten characters of each page, page numbers and white space left out; on a page that begins
    with a table, its first row under the repeated head."""
    with pdfplumber.open(path) as pdf:
        return [_first_row(page) or re.sub(r"\s+", "", re.sub(r"[—-]\s*\d+\s*[—-]", "", page.extract_text() or ""))[:10]
                for page in pdf.pages]


@pytest.mark.parametrize("sample", SAMPLES)
def test_the_docx_breaks_pages_where_the_pdf_does(sample, built, office_pdfs):
    ours, theirs = openings(built / f"{sample}.pdf"), openings(office_pdfs / f"{sample}.pdf")
    assert len(theirs) == len(ours), "as many pages in LibreOffice as in the PDF"
    assert theirs == ours, "every page begins with the same text"


CYCLE = INPUTS / "cycle-2025-巡察"


@pytest.fixture(scope="module")
def cycle_built(tmp_path_factory):
    """The sample cycle's documents as PDF and as LibreOffice lays out their DOCX."""
    out = tmp_path_factory.mktemp("cycle")
    builder = Builder(out, force=True)
    for source in sorted(CYCLE.glob("*.yaml")):
        outcome = builder.build(source)
        assert outcome.ok, outcome.problems
    office_convert(sorted(out.glob("*.docx")), out / "office", tmp_path_factory.mktemp("profile"))
    return out


def test_the_cycle_breaks_pages_alike(cycle_built):
    for pdf in sorted(cycle_built.glob("*.pdf")):
        ours, theirs = openings(pdf), openings(cycle_built / "office" / pdf.name)
        # a chart is text in the PDF and a picture in the DOCX: compare what precedes it on its page
        assert [o[:len(t)] for o, t in zip(ours, theirs)] == theirs and len(ours) == len(theirs), pdf.name


def body_line_texts(path) -> list[str]:
    measured = Measured(path)
    return [re.sub(r"\s+", "", ln.text) for page in range(1, len(measured.pages) + 1)
            for ln in measured.body_lines(page)]


def test_seed_000_lines_break_as_in_the_pdf(built, office_pdfs):
    """LibreOffice sets the same characters on each line (the space between Chinese and digits included)."""
    name = "seed-000-cac-inspection-notice.pdf"
    ours, theirs = body_line_texts(built / name), body_line_texts(office_pdfs / name)
    same = sum(b.size for b in difflib.SequenceMatcher(None, ours, theirs, autojunk=False).get_matching_blocks())
    assert same / len(ours) >= 0.95


def heading_line(line) -> bool:
    faces = {f for c in line.chars if c["text"].strip() for f in [c["fontname"]]}
    return all("Hei" in f or "Kai" in f for f in faces) or bool(HEADING.match(line.text) and len(line.text) < 26)


@pytest.mark.parametrize("renderer", ["pdf", "office"])
@pytest.mark.parametrize("sample", SAMPLES)
def test_no_page_ends_on_a_heading(sample, renderer, built, office_pdfs):
    measured = Measured((built if renderer == "pdf" else office_pdfs) / f"{sample}.pdf")
    pages = measured.text_pages()
    stranded = [(n, lines[-1].text) for n in pages if n < len(measured.pages)
                and (lines := measured.body_lines(n)) and heading_line(lines[-1])]
    assert not stranded, "a heading stands on the page of its first line of text"


NUMBER_AT_LINE_END = """文种: 汇报
标题: 关于重点工作的汇报
成文日期: 2025-09-05
正文:
  - 为推动全市重点工作落地见效局办公室对照年初确定的14项任务已经全部完成，其余事项正在按计划推进，总体进度符合预期。
"""


def _parted(lines: list[str]) -> list[tuple[str, str]]:
    return [(a[-3:], b[:2]) for a, b in zip(lines, lines[1:]) if a and b and a[-1].isdigit() and "\u4e00" <= b[0] <= "\u9fff"]


def test_a_number_keeps_the_character_after_it_on_its_line(tmp_path):
    """As composed, the first line ends in “14” and the next begins with “项”: the line is set a little
    tighter or looser, and neither the PDF nor LibreOffice parts them."""
    from reportgen.writers import number_breaks
    from reportgen.writers.pdf import PdfWriter

    doc = load_text(NUMBER_AT_LINE_END, "t.yaml")
    html = compose.html(doc)
    writer = PdfWriter(compose.css(), str(compose.TEMPLATES))
    assert [_parted(texts) for _, texts, _ in number_breaks._lines(writer.layout(html)).values()] == [[("的14", "项任")]]
    paged = writer.paginate(html)[1]
    tracking = float(re.search(r'class="tight" data-tracking-pt="([-.\d]+)"', paged).group(1))
    assert abs(tracking - P.tracking.pt) <= style.NUMBER_SPACING_LIMIT.pt
    (tmp_path / "t.yaml").write_text(NUMBER_AT_LINE_END, "utf-8")
    assert Builder(tmp_path / "out").build(tmp_path / "t.yaml").ok
    office_convert([tmp_path / "out" / "t.docx"], tmp_path / "office", tmp_path / "profile")
    for path in (tmp_path / "out" / "t.pdf", tmp_path / "office" / "t.pdf"):
        lines = [ln.text.replace(" ", "") for ln in Measured(path).lines()]
        assert not _parted(lines) and any("14项" in ln for ln in lines), path


def test_a_last_page_of_two_lines_is_saved_by_setting_paragraphs_tighter(built, office_pdfs):
    """Seed 002 ended with two lines on page 11: a few paragraphs ending in a short line are set tighter,
    within the heading rule's limit, and the text ends on page 10 in the PDF and in LibreOffice alike."""
    from reportgen.writers.pdf import PdfWriter

    html = compose.html(load(INPUTS / "seed-002-luoyang-briefing.yaml"))
    document, paged = PdfWriter(compose.css(), str(compose.TEMPLATES)).paginate(html)
    assert len(document.pages) == 10
    tightened = [float(t) for t in re.findall(r'<p class="body" data-tracking-pt="([-.\d]+)"', paged)]
    assert 0 < len(tightened) <= 5
    assert all(P.tracking.pt - style.TIGHTEN_LIMIT.pt <= t < P.tracking.pt for t in tightened)
    for path in (built / "seed-002-luoyang-briefing.pdf", office_pdfs / "seed-002-luoyang-briefing.pdf"):
        assert len(Measured(path).pages) == 10


def test_a_last_page_is_left_alone_when_it_holds_more_than_a_few_lines_or_more_than_text():
    from reportgen.writers.pdf import PdfWriter

    writer = PdfWriter(compose.css(), str(compose.TEMPLATES))
    for sample in ("seed-003-ideology-inspection-report", "sample-data-bureau-inspection-report"):
        html = compose.html(load(INPUTS / f"{sample}.yaml"))
        assert writer.paginate(html)[1] == html, sample


@pytest.mark.parametrize("renderer", ["pdf", "office"])
@pytest.mark.parametrize("sample", SAMPLES)
def test_the_signature_shares_its_page_with_text_and_the_attachment_note_is_whole(sample, renderer, built,
                                                                                  office_pdfs):
    measured = Measured((built if renderer == "pdf" else office_pdfs) / f"{sample}.pdf")
    for number in range(1, len(measured.pages) + 1):
        lines = measured.body_lines(number)
        dates = [k for k, ln in enumerate(lines) if DATE.match(ln.text.replace(" ", "")) and ln.left > LEFT + 40]
        if dates:
            text = [ln for ln in lines[:dates[0]] if ln.left < LEFT + 2 * P.char_pitch.mm + 1.5
                    and not ln.text.startswith("附件")]
            assert number == 1 or text, f"page {number}: 署名 and date without text"
        if lines and re.match(r"^\d+\.", lines[0].text) and lines[0].left > LEFT + 2 * P.char_pitch.mm + 1.5:
            previous = measured.body_lines(number - 1)
            assert not previous[-1].text.startswith("附件"), "the 附件说明 is not split"


@pytest.mark.parametrize("sample", SAMPLES)
def test_docx_tables_fit_their_section(sample, built):
    document = docx.Document(built / f"{sample}.docx")
    room = max(s.page_width - s.left_margin - s.right_margin for s in document.sections)
    for table in document.tables:
        width = sum(int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol")))
        assert width * 635 <= room + 635 * 20


def test_the_ledger_is_landscape_in_the_docx_too(built):
    section = docx.Document(built / "sample-ledger.docx").sections[0]
    assert section.page_width > section.page_height
    assert Measured(built / "sample-ledger.pdf").is_landscape(1)


# ---- the seal --------------------------------------------------------------------------------------

def sealed_text(seal: str) -> str:
    return SEALED.format(body="整改工作开展以来，党组坚持问题导向，逐项研究整改措施，明确责任分工和完成时限。", seal=seal)


@pytest.fixture(scope="module")
def sealed_pair(tmp_path_factory):
    """The same document with the seal image and with the sealed layout alone (``印章: true``), as PDF and
    as LibreOffice lays out a DOCX that carries the seal."""
    tmp = tmp_path_factory.mktemp("seal")
    (tmp / "seal.png").write_bytes((INPUTS / "seal-sample.png").read_bytes())
    out = {}
    for name, seal in (("image", "seal.png"), ("bare", "true")):
        doc = load_text(sealed_text(seal), f"{name}.yaml", base=tmp)
        _, pdf, word = Builder(tmp, docx_seal=True).render(doc)[0]
        (tmp / f"{name}.pdf").write_bytes(pdf)
        (tmp / f"{name}.docx").write_bytes(word)
    office_convert([tmp / "image.docx", tmp / "bare.docx"], tmp / "office", tmp / "profile")
    return tmp


def dark_pixels(path, box_mm) -> int:
    """Near-black pixels (the text's ink) inside a box of page 1, at 150 dpi."""
    document = pypdfium2.PdfDocument(str(path))
    image = document[0].render(scale=150 / 72).to_pil().convert("L")
    document.close()
    scale = 150 / 25.4
    left, top, right, bottom = (round(v * scale) for v in box_mm)
    return sum(image.crop((left, top, right, bottom)).histogram()[:90])


@pytest.mark.parametrize("renderer", ["pdf", "office"])
def test_the_seal_leaves_the_issuer_and_the_date_legible(sealed_pair, renderer):
    folder = sealed_pair if renderer == "pdf" else sealed_pair / "office"
    lines = Measured(folder / "bare.pdf").pages[0]
    for text in ("中共××市数据局党组", "2025年9月5日"):
        line = next(ln for ln in lines if ln.text.replace(" ", "") == text)
        box = (line.left, line.baseline - 5.5, line.right, line.baseline + 1.5)
        bare, inked = dark_pixels(folder / "bare.pdf", box), dark_pixels(folder / "image.pdf", box)
        assert bare > 100 and inked >= 0.9 * bare, f"{text}: the seal covers the text"


def test_the_docx_carries_the_seal_only_when_asked(sealed_pair):
    tmp = sealed_pair
    doc = load_text(sealed_text("seal.png"), "image.yaml", base=tmp)
    plain = docx.Document(io.BytesIO(Builder(tmp).render(doc)[0][2]))
    asked = docx.Document(io.BytesIO(Builder(tmp, docx_seal=True).render(doc)[0][2]))
    assert not plain.inline_shapes and "<wp:anchor" not in plain.element.body.xml
    assert 'behindDoc="1"' in asked.element.body.xml, "the seal sits behind the text"
    sign = [p for p in plain.paragraphs if p.text == "中共××市数据局党组"]
    assert sign and sign[0].paragraph_format.space_before > P.line_pitch, "the sealed layout stays without it"


# ---- tables, titles, charts ---------------------------------------------------------------------------


LONG_PROBLEM = ROOT / "tests" / "data" / "long-problem-ledger.yaml"


@pytest.fixture(scope="module")
def long_problem(tmp_path_factory):
    """A ledger whose second problem's measures run over three pages: PDF, DOCX, and LibreOffice's layout."""
    out = tmp_path_factory.mktemp("continued")
    outcome = Builder(out, force=True).build(LONG_PROBLEM)
    assert outcome.ok, outcome.problems
    office_convert([out / "long-problem-ledger.docx"], out / "office", tmp_path_factory.mktemp("profile"))
    return out


def _problem_column(page) -> str:
    """What the 问题 column holds between the head row and the first rule under the first body row."""
    rows, columns = _rules(page, across=True), _rules(page, across=False)
    return "".join(c["text"] for c in sorted(page.chars, key=lambda c: (round(c["top"]), c["x0"]))
                   if columns[1] < c["x0"] < columns[2] and c["top"] > rows[1])


@pytest.mark.parametrize("renderer", ["pdf", "office"])
def test_a_problem_whose_measures_run_onto_the_next_page_is_continued_there(long_problem, renderer):
    path = long_problem / ("long-problem-ledger.pdf" if renderer == "pdf" else "office/long-problem-ledger.pdf")
    problem = "落实意识形态工作责任制不够有力，阵地管理存在薄弱环节，制度执行不到位。"
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == 3
        for page in pdf.pages[1:]:  # its first two lines of the column, cut short, then （续）
            shown = _problem_column(page)
            cut = shown.index(intermediate.SHORTENED + intermediate.CONTINUED)
            assert 10 < cut and problem.startswith(shown[:cut]), "never an empty cell"
    assert openings(path) == openings(long_problem / "long-problem-ledger.pdf")


def test_a_continued_cell_is_read_back_as_the_cell_it_continues(long_problem, tmp_path):
    from reportgen import importer

    imported = importer.import_file(long_problem / "long-problem-ledger.docx", tmp_path / "back.yaml")
    assert not imported.problems and not imported.changes
    assert intermediate.CONTINUED not in imported.text
    assert load_text(imported.text, "back.yaml").ledger == load(LONG_PROBLEM).ledger


def test_the_intermediate_is_written_back_as_html_reads_it_or_left_alone():
    from reportgen.writers import rewrite

    html = ('<!DOCTYPE html>\n<html><head><style>p > span { color: red }</style></head>'
            '<body><p class="body">甲&amp;乙<br/><span class="num"></span></p><table><tr><td></td></tr></table></body></html>')
    prefix, root = rewrite.parse(html)
    assert rewrite.serialize(prefix, root) == html
    assert rewrite.parse("<!-- <html> -->" + html) is None
    assert rewrite.parse(html.replace("<body>", '<body><svg xmlns="http://www.w3.org/2000/svg"></svg>')) is None


def test_a_number_split_is_mended_in_the_paragraphs_own_text_or_whole_inline_elements():
    from reportgen.writers import number_breaks

    paragraph = ET.fromstring('<p class="body">甲乙<span class="enum">一是</span>丙丁</p>')
    assert number_breaks._wrap(paragraph, 2, 2, P.tracking)  # exactly the 一是: it gets the spacing
    assert paragraph[0].get("data-tracking-pt") == f"{P.tracking.pt:.2f}" and "".join(paragraph.itertext()) == "甲乙一是丙丁"
    assert not number_breaks._wrap(paragraph, 3, 2, P.tracking), "a range through an inline element is left alone"
    assert number_breaks._wrap(paragraph, 0, 3, P.tracking) is False  # 甲乙 + half of 一是
    assert number_breaks._wrap(paragraph, 4, 2, P.tracking)
    assert [(c.tag, c.get("class"), c.text) for c in paragraph][-1] == ("span", intermediate.TIGHT, "丙丁")


def test_a_continued_short_field_written_as_a_list_marks_its_last_item():
    from reportgen.writers import continuation

    td = ET.fromstring('<td class="align-center"><div class="cell-line">张××</div><div class="cell-line">李××</div></td>')
    continuation._mark(td, 4)
    assert "".join(td[-1].itertext()) == "李××" + intermediate.CONTINUED and len(td) == 2


def test_a_docx_built_alone_continues_its_cells_too(tmp_path):
    html, word = Builder(tmp_path, formats=("docx",)).render(load(LONG_PROBLEM))[0]
    cells = {cell._tc: "".join(t.text for t in cell._tc.iter(qn("w:t")))
             for cell in docx.Document(io.BytesIO(word)).tables[0].columns[1].cells}
    assert sum(text.endswith(intermediate.CONTINUED) for text in cells.values()) == 2, "one on each page after"
    assert intermediate.CONTINUED not in html.decode(), "the .html keeps the intermediate as composed"


def test_cells_are_cut_at_the_breaks_inside_them_and_placed_in_their_column():
    from reportgen.writers import continuation

    merged = '<td rowspan="5">问题<br/>甲</td>'
    rows = "".join(f"<tr><td>{i}</td>{merged if i == 0 else ''}<td>措施{i}</td></tr>" for i in range(5))
    html = ('<!DOCTYPE html>\n<html><body><table class="ledger-table"><colgroup>' + '<col data-width-mm="30"/>' * 3 +
            f"</colgroup><thead><tr><th>序号</th></tr></thead><tbody>{rows}</tbody></table></body></html>")
    assert continuation.continued(html, {0: frozenset({0})}) == html, "a break before the cell cuts nothing"
    cut = continuation.continued(html, {0: frozenset({2, 4})})
    assert cut.startswith("<!DOCTYPE html>\n<html>") and "<br/>" in cut and '<col data-width-mm="30"/>' in cut
    body = ET.fromstring(cut[cut.index("<html"):]).find("body/table/tbody")
    cells = [[(td.get("rowspan"), "".join(td.itertext())) for td in tr] for tr in body]
    assert cells[0] == [(None, "0"), ("2", "问题甲"), (None, "措施0")]
    assert cells[2] == [(None, "2"), ("2", "问题甲（续）"), (None, "措施2")]
    assert cells[4] == [(None, "4"), (None, "问题甲（续）"), (None, "措施4")]
    assert cells[3] == [(None, "3"), (None, "措施3")]


def test_short_fields_break_between_words_and_dates_stay_whole(built, office_pdfs):
    ledger = load(INPUTS / "sample-ledger.yaml").ledger
    view = tables.table("ledger_table", ledger)
    short = {c.heading for c, spec in zip(view.columns, style.TABLE.columns["ledger_table"]) if not spec.wraps}
    assert short == {"序号", "责任领导", "责任单位", "完成时限", "进展"}
    words = {w for row in view.rows for cell in row.cells if cell.lines for line in cell.lines
             for w in tables.words(line) if len(w) >= 2}
    assert {"2025年", "信息中心"} <= words
    for folder in (built, office_pdfs):
        measured = Measured(folder / "sample-ledger.pdf")
        lines = {re.sub(r"\s+", "", ln.text) for page in measured.pages for ln in page}
        for word in words | {"责任领导", "完成时限", "长期坚持", "阶段性成果"}:
            assert any(word in line for line in lines), f"“{word}” broken in {folder.name}"


def test_column_widths_come_from_the_content():
    columns = style.TABLE.columns["ledger_table"]
    cells = [["1", "问题" * 20, "措施" * 40, "王××", "数据资源处、信息中心", "2025年12月31日", "阶段性成果"]]
    widths = tables.widths(columns, cells, style.LANDSCAPE.text_width)
    assert sum(widths) == pytest.approx(style.LANDSCAPE.text_width, abs=2)
    chars = [style.TABLE.chars(w) for w in widths]
    assert chars[3] >= 4 and chars[4] >= style.set_width_chars("数据资源处、") and chars[6] >= 5
    assert chars[5] >= style.set_width_chars("12月31日")
    assert chars[2] > chars[1] > chars[4], "the free text takes the rest, the longer text more of it"


def test_a_free_text_column_is_never_within_a_hair_of_whole_characters():
    """12.97 characters held 13 a line in LibreOffice and 12 in the PDF: such a column is widened past 13 by a
    free column that can spare it, else narrowed to 12.7."""
    table, width = style.TABLE, style.TABLE.width
    wide = [width(2), width(12.9), width(14.7), width(5)]
    out = tables._half_characters(wide, {1, 2})
    assert sum(out) == sum(wide)
    assert [round(table.chars(w), 2) for w in out[1:3]] == [13.3, 14.4], "widened by the other free column"
    alone = [width(2), width(12.9), width(5)]
    assert round(table.chars(tables._half_characters(alone, {1})[1]), 2) == 12.7, "else narrowed"
    for got in (out, tables._half_characters(alone, {1})):
        assert all(abs(table.chars(w) - round(table.chars(w))) >= table.close_fit_chars - tables.HAIR_CHARS for w in got[1:-1])


@pytest.mark.parametrize("title, names, whole", [
    ("中央网信办召开“不忘初心、牢记使命”主题教育动员大会", (), "“不忘初心、牢记使命”"),
    ("关于中央第三环境保护督察组反馈意见整改落实情况的报告", (), "中央第三环境保护督察组"),
    ("中共××市数据局党组关于市委第三巡察组反馈意见的整改方案", (), "市委第三巡察组"),
    ("关于中央网络安全和信息化领导小组办公室“机动式”巡视整改情况的通报",
     ("中央网络安全和信息化领导小组办公室",), "中央网络安全和信息化领导小组办公室"),
    ("关于贯彻落实《中国共产党巡视工作条例》情况的报告", (), "《中国共产党巡视工作条例》"),
])
def test_titles_never_break_inside_a_quotation_or_an_organs_name(title, names, whole):
    lines = titles.break_title(title, compose.TITLE_CHARS, names)
    assert len(lines) > 1 and "".join(lines) == title
    assert any(whole in line for line in lines)


def test_the_chart_never_cuts_a_label():
    ledger = load(INPUTS / "sample-data-bureau-inspection-report.yaml").ledger
    chart = charts.progress(ledger)
    svg = ET.fromstring(chart.svg)
    shown = ["".join(span.text for span in text) for text in svg.iter("{http://www.w3.org/2000/svg}text")
             if len(text)]
    assert [c.name for c in ledger.categories] == shown
    assert not any("…" in label for label in chart.labels)
    room = int((charts.LABEL_WIDTH - 2) / charts.TEXT)
    for name in shown:
        lines = charts.label_lines(name)
        assert all(style.set_width_chars(line) <= room for line in lines) and min(map(len, lines)) > 1


# ---- the intermediate ----------------------------------------------------------------------------------


def test_the_intermediate_uses_only_declared_attributes():
    declared = set(intermediate.ATTRIBUTES)
    for golden in (ROOT / "tests" / "golden").glob("*.html"):
        used = set(re.findall(r'\b(data-[a-z-]+)=', golden.read_text("utf-8")))
        assert used <= declared, golden.name


def test_a_template_that_drops_an_attribute_fails_with_a_message_not_a_traceback():
    html = compose.html(load(INPUTS / "sample-data-bureau-inspection-report.yaml"))
    broken = re.sub(r' data-size-pt="[^"]*"', "", html)
    with pytest.raises(BuildError, match="data-size-pt.*发文机关标志的字号"):
        DocxWriter().render(broken)
    with pytest.raises(BuildError, match="不是数字"):
        DocxWriter().render(html.replace('data-scale="', 'data-scale="x', 1))


def test_a_docx_alone_lays_the_document_out_once(tmp_path):
    builder = Builder(tmp_path, formats=("docx",))
    writer = builder.pdf_writer()
    calls = []
    layout = writer.layout
    writer.layout = lambda *args, **kwargs: calls.append(args) or layout(*args, **kwargs)
    builder.render(load(INPUTS / "sample-data-bureau-inspection-report.yaml"))  # it has a 版记
    assert len(calls) == 1
    builder.render(load(INPUTS / "seed-003-ideology-inspection-report.yaml"))  # no 版记: no layout at all
    assert len(calls) == 1


# ---- headings, tightening, the letter -----------------------------------------------------------------


def test_every_heading_level_has_one_rule():
    """一、 黑体, （一） 楷体, 1. and （1） 仿宋 bold — standing alone or run in with their text."""
    assert [(r.face, r.bold) for r in (style.ROLES[f"heading-{n}"] for n in range(1, 5))] == [
        (style.HEI, False), (style.KAI, False), (style.FANGSONG, True), (style.FANGSONG, True)]
    css = compose.css()
    assert re.search(r"\.heading-3 \{[^}]*font-weight: bold", css) and "b.lead { font-weight: bold; }" in css


def test_a_heading_that_would_leave_a_character_alone_is_set_tighter():
    role = style.ROLES["heading-1"]
    text = "一、深入学习贯彻习近平总书记系列重要讲话精神，切实把全办党员干部的思想和行动统一到中央精神和中央巡视组要求上来"
    assert [len(line) for line in style.set_lines(text, role, P.tracking)][-1] <= style.TIGHTEN_CHARS
    tight = style.tightened(text, role)
    assert P.tracking - style.TIGHTEN_LIMIT <= tight < P.tracking
    assert len(style.set_lines(text, role, tight)) == 2
    assert style.tightened("一、总体要求", role) == P.tracking


def test_the_letter_is_one_page_in_libreoffice_with_its_rules_the_right_way_up(built, office_pdfs):
    path = office_pdfs / "sample-letter.pdf"
    assert len(Measured(path).pages) == len(Measured(built / "sample-letter.pdf").pages) == 1
    page = pdfplumber.open(path).pages[0]
    red = sorted((r["top"] * PT, r.get("linewidth", 0) or (r["bottom"] - r["top"])) for r in page.rects + page.lines
                 if (r["x1"] - r["x0"]) * PT > 160)
    upper, lower = [w for y, w in red if y < 100], [w for y, w in red if y > 200]
    assert upper[0] > upper[-1], "上粗下细 under the organ's name"
    assert lower[0] < lower[-1], "上细下粗 at the foot"
    secrecy = next(c for c in page.chars if c["text"] == "秘")
    assert "Hei" in secrecy["fontname"], "密级 in 黑体"
