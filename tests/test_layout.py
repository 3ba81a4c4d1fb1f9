"""The printed page, measured: every sample, as WeasyPrint writes it and as LibreOffice lays out the DOCX.

Expected numbers come from the house-style table; tolerances are the standard's (±1 mm) or tighter.
"""
from __future__ import annotations

import re
import statistics
from collections import Counter

import docx
import pytest

from reportgen import style
from tests.conftest import SAMPLES
from tests.measure import Measured, docx_text, is_wide

P = style.PAGE
LEFT, TOP = P.left.mm, P.top.mm
RIGHT, BOTTOM = LEFT + P.text_width.mm, TOP + P.text_height.mm
PITCH = P.line_pitch.mm
EDGE = 0.6  # mm: how far a line end may sit from the 版心 edge
HEADING_1 = re.compile(r"^[一二三四五六七八九十]+、")
HEADING_2 = re.compile(r"^（[一二三四五六七八九十]+）")


@pytest.fixture(scope="module", params=[(s, r) for s in SAMPLES for r in ("pdf", "office")],
                ids=lambda p: f"{p[0]}-{p[1]}")
def measured(request, built, office_pdfs) -> Measured:
    sample, renderer = request.param
    return Measured((built if renderer == "pdf" else office_pdfs) / f"{sample}.pdf")


def test_every_page_is_a4(measured):
    assert set(measured.sizes_mm) <= {(P.width.mm, P.height.mm), (P.height.mm, P.width.mm)}


def text_lines(measured):
    return [ln for n in measured.text_pages() for ln in measured.body_lines(n)]


def test_body_text_fills_the_type_area_edge_to_edge(measured):
    lines = text_lines(measured)
    if not lines:
        pytest.skip("no page of running text (a table document)")
    assert min(ln.left for ln in lines) == pytest.approx(LEFT, abs=EDGE)
    assert max(ln.right for ln in lines) == pytest.approx(RIGHT, abs=EDGE)


def test_running_lines_are_justified_to_the_right_edge(measured):
    short = [(ln.page, ln.text[-6:], round(ln.right, 1)) for ln in measured.running_lines()
             if abs(ln.right - RIGHT) > EDGE]
    assert not short


def _on_the_grid(line) -> bool:
    """A line whose characters step at the 版心's pitch (or wider, justified), not set tighter on purpose
    (a heading or a paragraph tightened by a line, a number kept with its unit)."""
    chars = line.chars
    return len(chars) < 2 or (chars[-1]["x0"] - chars[0]["x0"]) / (len(chars) - 1) >= P.char_pitch.pt - 0.1


def test_a_full_line_holds_28_characters(measured):
    """Lines of Chinese characters only hold 28; 27 where the next character may not begin a line."""
    full = [ln for ln in measured.running_lines()
            if ln.left < LEFT + 1 and all(is_wide(c["text"]) for c in ln.chars) and _on_the_grid(ln)]
    if len(full) < 3:
        pytest.skip("too few lines of Chinese characters only")
    counts = [len(ln.chars) for ln in full]
    assert max(counts) == P.chars
    assert counts.count(P.chars) / len(counts) > 0.75


def test_lines_step_on_the_28_95_pt_grid(measured):
    steps = [b.baseline - a.baseline for n in measured.text_pages()
             for a, b in zip(measured.body_lines(n), measured.body_lines(n)[1:])]
    single = [s for s in steps if s < 1.5 * PITCH]
    if not single:
        pytest.skip("no page of running text")
    # 225 mm / 22 lines = 10.23 mm is LibreOffice's reading of the 579-twip grid; both give 22 lines.
    assert statistics.median(single) == pytest.approx(PITCH, abs=0.03)
    assert all(abs(s / PITCH - round(s / PITCH)) < 0.05 for s in steps)


DATE_LINE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")


def test_every_page_but_the_last_is_full(measured):
    """22 lines a page: nothing more fits under the last line of any page but the last, unless the next
    page opens with what may not be split from the lines after it: the 署名 block, a heading (kept with its
    first line of text), or the paragraph that comes whole with the 署名 (7.3.5.4)."""
    pages = measured.text_pages()
    rises = [measured.body_lines(n)[0].baseline - TOP for n in pages if n > 1]
    rise = statistics.median(rises) if rises else PITCH * 0.7
    for number in pages:
        lines = measured.body_lines(number)
        if number == len(measured.pages) or number + 1 not in pages:
            continue  # the last page, or one followed by a table, an attachment page or the 版记
        next_line_bottom = lines[-1].baseline + PITCH + (PITCH - rise)
        following = measured.body_lines(number + 1)
        opens_with_signature = following and following[0].left > LEFT + 4 * P.char_pitch.mm
        opens_attachment = measured.pages[number][0].text.replace(" ", "").startswith("附件")
        opens_with_heading = following and (any("Hei" in f or "Kai" in f for f in following[0].fonts)
                                            or HEADING_1.match(following[0].text) or HEADING_2.match(following[0].text))
        holds_signature = any(DATE_LINE.match(ln.text.replace(" ", "")) and ln.left > LEFT + 8 * P.char_pitch.mm
                              for ln in following)
        assert (next_line_bottom > BOTTOM + 0.3 or opens_with_signature or opens_attachment or opens_with_heading
                or holds_signature), f"page {number} ends at {lines[-1].baseline}"


def test_first_body_line_of_a_page_stands_on_the_first_grid_line(measured):
    for number in [n for n in measured.text_pages() if n > 1]:
        first = measured.body_lines(number)[0].baseline
        assert TOP + 6 < first < TOP + PITCH


def test_faces_per_role(measured):
    lines = text_lines(measured)
    heads_1 = [ln for ln in lines if HEADING_1.match(ln.text) and ln.left > LEFT + 1]
    heads_2 = [ln for ln in lines if HEADING_2.match(ln.text) and ln.left > LEFT + 1]
    assert all(any("Hei" in f for f in ln.fonts) for ln in heads_1)
    assert all(any("Kai" in f for f in ln.fonts) for ln in heads_2)
    body = [c for ln in lines if ln not in heads_1 + heads_2 for c in ln.chars]
    fang = sum(1 for c in body if "Fang" in c["fontname"])
    assert not body or fang / len(body) > 0.9
    title = measured.lines(size=style.ERHAO.pt)
    assert title and all(any("Song" in f for f in ln.fonts) for ln in title)
    turned = style.LANDSCAPE
    for page in {ln.page for ln in title}:  # the title, and an attachment's on its own (maybe landscape) page
        centre = (turned.left.mm + P.text_height.mm / 2) if measured.is_landscape(page) else (LEFT + RIGHT) / 2
        on_page = [ln for ln in title if ln.page == page]
        assert statistics.mean((ln.left + ln.right) / 2 for ln in on_page) == pytest.approx(centre, abs=1)
    if not any(measured.is_red(ln) for ln in measured.pages[0]) and not measured.is_landscape(1):
        assert title[0].page == 1 and TOP < title[0].baseline < TOP + PITCH  # no 版头: the title opens the 版心


def test_indent_is_two_characters(measured):
    starts = [ln.left for ln in text_lines(measured) if LEFT + 1 < ln.left < LEFT + 3 * P.char_pitch.mm]
    if not starts:
        pytest.skip("no indented paragraph")
    assert statistics.median(starts) == pytest.approx(LEFT + 2 * P.char_pitch.mm, abs=EDGE)


def test_page_numbers_outer_side_seven_mm_below_the_type_area(measured):
    folios = {n: line for n, line in measured.folios().items() if not measured.is_landscape(n)}
    inset = style.FOLIO.inset.mm
    # 信函格式: the 标志 stands above the 版心 and page 1 has no number
    letter = any(measured.is_red(ln) and ln.baseline - 0.86 * ln.size * 25.4 / 72 < TOP for ln in measured.pages[0])
    blank = [n for n, page in enumerate(measured.pages, 1) if not page]
    expected = [n for n in range(1, len(measured.pages) + 1) if n not in blank and not (n == 1 and letter)
                and not (n - 1 in blank) and not measured.is_landscape(n)]
    assert sorted(folios) == expected
    for number, line in folios.items():
        if measured.is_landscape(number):
            continue
        assert line.text.replace(" ", "") == f"—{number}—"
        assert line.size == pytest.approx(style.FOLIO.size.pt, abs=0.3)
        assert any("Song" in f for f in line.fonts)
        assert line.baseline == pytest.approx(BOTTOM + style.FOLIO.baseline_below_block.mm, abs=1.5)
        if number % 2:
            assert line.right == pytest.approx(RIGHT - inset, abs=1.0)
        else:
            assert line.left == pytest.approx(LEFT + inset, abs=1.0)


def _normalised(text: str) -> str:
    text = re.sub(r"—\s*\d+\s*—", "", text)
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("sample", SAMPLES)
def test_pdf_and_docx_carry_the_same_text(built, sample):
    measured = Measured(built / f"{sample}.pdf")
    pdf = _normalised(measured.text())
    word = _normalised(docx_text(docx.Document(built / f"{sample}.docx")))
    charts = re.findall(r'<figure class="chart"><img [^>]*alt="([^"]*)"', (built / f"{sample}.html").read_text("utf-8"))
    if not charts and not any(measured.is_table_page(n) for n in range(1, len(measured.pages) + 1)):
        assert pdf == word
        return
    # Tables read cell by cell in another order, and their head row repeats on every page of the PDF; a chart
    # is vectors (with text) in the PDF and a picture in the DOCX.
    extras = "".join(c.heading for columns in style.TABLE.columns.values() for c in columns) + "".join(charts)
    extras += "".join(re.findall(r"<th>([^<]*)</th>", (built / f"{sample}.html").read_text("utf-8")))  # 表格 heads
    assert not Counter(word) - Counter(pdf), "everything in the DOCX is in the PDF"
    assert set(Counter(pdf) - Counter(word)) <= set(_normalised(extras)), "the PDF adds only table heads and charts"
