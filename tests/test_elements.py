"""GB/T 9704 elements measured on the output: 版头 and 版记, in the PDF and in LibreOffice's layout of the DOCX."""
from __future__ import annotations

import docx
import pdfplumber
import pytest
from docx.oxml.ns import qn

from reportgen import style
from reportgen.errors import InputError
from reportgen.loader import load_text
from reportgen.pipeline import Builder
from tests.conftest import ROOT, office_convert
from tests.measure import PT, Measured

P = style.PAGE
TOP, BOTTOM = P.top.mm, P.top.mm + P.text_height.mm
PITCH = P.line_pitch.mm
BANNER = """\
文种: {kind}
发文机关: 中共××市数据局党组
发文字号: ×数党[2025]第012号
{signer}
标题: 关于巡察整改情况的{kind}
版头:
  份号: 000123
  密级: 机密 1年
  紧急程度: 特急
  发文机关标志: 中共××市数据局党组
正文:
  - 根据市委统一部署，市委第三巡察组对市数据局党组开展了常规巡察。
成文日期: 2025-09-05
"""
PARAGRAPH = "整改" * 27  # exactly two lines: 26 characters after the indent, then 28


def build(tmp_path, text: str, name: str = "doc") -> tuple[Measured, Measured]:
    """The document as WeasyPrint writes it and as LibreOffice lays out its DOCX."""
    doc = load_text(text, f"{name}.yaml")
    html, pdf, docx = Builder(tmp_path).render(doc)[0]
    (tmp_path / f"{name}.pdf").write_bytes(pdf)
    (tmp_path / f"{name}.docx").write_bytes(docx)
    office = tmp_path / "office"
    office_convert([tmp_path / f"{name}.docx"], office, tmp_path / "profile")
    return Measured(tmp_path / f"{name}.pdf"), Measured(office / f"{name}.pdf")


def rules(path, page: int) -> list[tuple[float, float, float, tuple]]:
    """(top, bottom, width) in mm and colour of the visible horizontal rules on a page."""
    p = pdfplumber.open(path).pages[page - 1]
    out = []
    for r in p.rects + p.lines:
        colour = tuple(r.get("stroking_color") or r.get("non_stroking_color") or ())
        out.append((round(r["top"] * PT, 2), round(r["bottom"] * PT, 2), round((r["x1"] - r["x0"]) * PT, 1), colour))
    return sorted(set(out))


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("banner")
    return build(tmp, BANNER.format(kind="报告", signer="签发人: [王××, 李××, 赵×]"))


@pytest.mark.parametrize("renderer", [0, 1], ids=["pdf", "office"])
def test_banner_lines_mark_number_and_red_rule(report, renderer):
    measured = report[renderer]
    lines = measured.pages[0]
    assert [ln.text for ln in lines[:3]] == ["000123", "机密★1年", "特急"]
    for k, line in enumerate(lines[:3]):  # 份号, 密级, 紧急程度 on grid lines 1–3, flush left
        assert line.left == pytest.approx(P.left.mm, abs=0.3)
        assert line.baseline == pytest.approx(lines[0].baseline + k * PITCH, abs=0.3)
    assert any("Hei" in f for f in lines[1].fonts)
    mark = next(ln for ln in lines if measured.is_red(ln))
    assert mark.text == "中共××市数据局党组文件"
    assert mark.chars[0]["non_stroking_color"][:3] == pytest.approx((1, 0, 0), abs=0.01)
    ink_top = mark.baseline - 0.86 * mark.size * PT
    assert ink_top == pytest.approx(TOP + style.BANNER.mark_top.mm, abs=1.5)
    assert P.left.mm - 0.5 <= mark.left and mark.right <= P.left.mm + P.text_width.mm + 0.5
    assert any("Song" in f for f in mark.fonts)


@pytest.mark.parametrize("renderer", [0, 1], ids=["pdf", "office"])
def test_report_number_left_signers_right_rule_and_title_spacing(report, renderer, tmp_path):
    measured = report[renderer]
    lines = measured.pages[0]
    signer_lines = [ln for ln in lines if "签发人" in ln.text or "赵" in ln.text]
    number = next(ln for ln in lines if "〔2025〕12号" in ln.text)
    assert number is signer_lines[-1], "发文字号 stands on the last 签发人 line"
    one = P.char_pitch.mm
    assert number.left == pytest.approx(P.left.mm + one, abs=0.5)
    assert signer_lines[0].right == pytest.approx(P.left.mm + P.text_width.mm - one, abs=1.0)
    first_names = [next(c["x0"] * PT for c in ln.chars if c["text"] in "王赵") for ln in signer_lines]
    assert first_names[0] == pytest.approx(first_names[1], abs=0.5), "names align in columns"
    assert any("Kai" in c["fontname"] for c in signer_lines[0].chars if c["text"] == "王")
    path = measured.pdf.stream.name
    red = [r for r in rules(path, 1) if r[3][:3] == pytest.approx((1, 0, 0), abs=0.01)]
    assert red and red[0][2] == pytest.approx(P.text_width.mm, abs=0.5)
    glyph_bottom = number.baseline + 0.12 * 16 * PT
    assert red[0][0] - glyph_bottom == pytest.approx(style.BANNER.rule_below_number.mm, abs=0.8)
    title = next(ln for ln in lines if abs(ln.size - 22) < 0.3)
    # Two blank lines at least, then down to the next line of the 版心's grid (so that page 1's body lines
    # stand where every other page's do); word processors set text ~1 mm lower in an exactly spaced line.
    below = title.baseline - red[0][1] - 0.8 * 22 * PT
    assert 2 * PITCH - 2.0 < below < 3 * PITCH + 1.5
    body = next(ln for ln in lines if "根据" in ln.text)
    on_grid = (body.baseline - TOP) / PITCH % 1
    assert on_grid == pytest.approx(0.71, abs=0.1), "the body's first line stands on the 版心's grid"


def test_notice_number_is_centred(tmp_path):
    pdf, _ = build(tmp_path, BANNER.format(kind="通报", signer=""))
    number = next(ln for ln in pdf.pages[0] if "〔2025〕12号" in ln.text)
    assert (number.left + number.right) / 2 == pytest.approx(P.left.mm + P.text_width.mm / 2, abs=0.5)


@pytest.mark.parametrize("text, message", [
    (BANNER.format(kind="报告", signer=""), "签发人"),
    (BANNER.format(kind="报告", signer="签发人: 王").replace("×数党[2025]第012号", "×数党2025-12"), "发文字号"),
    (BANNER.format(kind="报告", signer="签发人: 王").replace("机密 1年", "内部"), "密级"),
    (BANNER.format(kind="报告", signer="签发人: 王").replace("000123", "12345"), "copy_no"),
    ("文种: 通报\n标题: t\n发文字号: 国发〔2025〕1号\n正文: [a]\n", "版头"),
])
def test_banner_mistakes(text, message):
    with pytest.raises(InputError) as caught:
        load_text(text, "t.yaml")
    assert any(message in f"{p.path} {p.message}" for p in caught.value.problems)


IMPRINT = """\
文种: 通报
标题: 测试
正文: {body}
署名: 中共××市数据局党组
成文日期: 2025-09-05
抄送: [市纪委监委第三派驻纪检监察组, 市委组织部]
印发机关: ××市数据局办公室
印发日期: 2025-09-05
"""


@pytest.mark.parametrize("paragraphs, pages, imprint_page, numbered", [
    (2, 2, 2, True),     # the body ends on page 1 (odd): the 版记 takes page 2, numbered
    (14, 2, 2, True),    # the body ends on page 2 (even) with room: at its bottom
    (19, 4, 4, False),   # the body fills page 2 (even): blank page 3, 版记 on page 4, neither numbered
])
def test_imprint_lands_at_the_bottom_of_an_even_page(tmp_path, paragraphs, pages, imprint_page, numbered):
    text = IMPRINT.format(body="[" + ", ".join([PARAGRAPH] * paragraphs) + "]")
    pdf, office = build(tmp_path, text)
    assert len(pdf.pages) == pages
    cc = [ln for ln in pdf.lines() if ln.text.startswith("抄送：")]
    assert cc and cc[0].page == imprint_page and cc[0].size == pytest.approx(14, abs=0.3)
    assert cc[0].text.endswith("。")
    black = [r for r in rules(pdf.pdf.stream.name, imprint_page) if r[2] == pytest.approx(P.text_width.mm, abs=0.5)]
    assert max(r[1] for r in black) == pytest.approx(BOTTOM, abs=0.3), "the last rule is the 版心's bottom edge"
    assert (imprint_page in pdf.folios()) is numbered
    if imprint_page - 1 > 1 and not numbered:
        assert not pdf.pages[imprint_page - 2], "a blank page precedes the 版记"
    office_cc = [ln for ln in office.lines() if ln.text.startswith("抄送：")]
    assert office_cc and office_cc[0].page % 2 == 0
    assert (office_cc[0].page in office.folios()) is numbered


@pytest.fixture(scope="module")
def with_attachments(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("attachments")
    text = (ROOT / "tests" / "data" / "attachments.yaml").read_text(encoding="utf-8")
    pdf, office = build(tmp, text, "att")
    return pdf, office, docx.Document(tmp / "att.docx"), load_text(text, "att.yaml")


@pytest.mark.parametrize("renderer", [0, 1], ids=["pdf", "office"])
def test_attachment_pages_label_title_and_landscape_table(with_attachments, renderer):
    measured, doc = with_attachments[renderer], with_attachments[3]
    label = next(ln for ln in measured.lines() if ln.text.replace(" ", "") == "附件1")
    landscape = [n for n, size in enumerate(measured.sizes_mm, 1) if size[0] > size[1]]
    assert label.page == landscape[0], "附件1 opens the first landscape page"
    assert any("Hei" in f for f in label.fonts)
    title = next(ln for ln in measured.pages[label.page - 1] if abs(ln.size - 22) < 0.3)
    assert title.text == "整改台账"
    assert title.baseline - label.baseline == pytest.approx(2 * PITCH, abs=1.5), "title on line 3"
    for page in landscape:  # the head row on every page of the table
        assert any(ln.text.replace(" ", "").startswith("序号") or "序" in ln.text[:2] for ln in measured.pages[page - 1])
    measures = [m.text for m in doc.ledger.all_measures()]
    text_by_page = ["".join(ln.text for ln in page).replace(" ", "") for page in measured.pages]
    for measure in measures:  # no row split across pages: each measure whole on one page
        assert sum(measure[:8] in t for t in text_by_page) == 1
    assert measured.is_imprint_page(len(measured.pages)) and len(measured.pages) % 2 == 0


def test_ledger_table_in_the_docx_repeats_its_head_and_keeps_rows_whole(with_attachments):
    document = with_attachments[2]
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "序号" and len(t.columns) == 7)
    head = table.rows[0]._tr.trPr
    assert head.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    assert [c.text for c in table.rows[0].cells] == [c.heading for c in style.TABLE.columns["ledger_table"]]
    numbers = [row.cells[0].text for row in table.rows[1:] if row.cells[0].text.isdigit()]
    assert numbers == [str(n) for n in range(1, 15)]
    landscape = [s for s in document.sections if s.page_width > s.page_height]
    assert landscape and landscape[0].page_width == pytest.approx(P.height, abs=635)


def test_attachment_note_lists_every_attachment(with_attachments):
    pdf = with_attachments[0]
    text = pdf.text().replace(" ", "")
    assert "附件：1.整改台账2.另行报送的材料" in text


SEALED = """\
文种: 通报
标题: 测试
正文: ["{body}"]
署名: 中共××市数据局党组
成文日期: 2025-09-05
印章: {seal}
"""


@pytest.fixture(scope="module")
def sealed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sealed")
    (tmp / "seal.png").write_bytes((ROOT / "inputs" / "seal-sample.png").read_bytes())
    doc = load_text(SEALED.format(body=PARAGRAPH, seal="seal.png"), "doc.yaml", base=tmp)
    html, pdf, docx_bytes = Builder(tmp, docx_seal=True).render(doc)[0]
    (tmp / "doc.pdf").write_bytes(pdf)
    (tmp / "doc.docx").write_bytes(docx_bytes)
    office_convert([tmp / "doc.docx"], tmp / "office", tmp / "profile")
    return tmp / "doc.pdf", tmp / "office" / "doc.pdf"


@pytest.mark.parametrize("renderer", [0, 1], ids=["pdf", "office"])
def test_seal_presses_issuer_and_date_within_a_line_of_the_text(sealed, renderer):
    path = sealed[renderer]
    measured = Measured(path)
    page = measured.pages[0]
    date = next(ln for ln in page if ln.text.replace(" ", "") == "2025年9月5日")
    sign = next(ln for ln in page if ln.text.replace(" ", "") == "中共××市数据局党组")
    body = [ln for ln in page if ln.text.startswith("整改")]
    one = P.char_pitch.mm
    right = P.left.mm + P.text_width.mm
    assert date.right == pytest.approx(right - 4 * one, abs=1.0), "date 4 characters from the right edge"
    centring = 1.0
    assert (sign.left + sign.right) / 2 == pytest.approx((date.left + date.right) / 2, abs=centring), "署名 centred"
    [seal] = pdfplumber.open(path).pages[0].images
    top, bottom = seal["top"] * PT, seal["bottom"] * PT
    left, right_edge = seal["x0"] * PT, seal["x1"] * PT
    assert bottom - top == pytest.approx(42, abs=0.5)
    assert (left + right_edge) / 2 == pytest.approx((date.left + date.right) / 2, abs=centring + 0.5), "on the date"
    text_bottom = body[-1].baseline + 0.12 * 16 * PT
    assert 0 <= top - text_bottom <= PITCH, "the seal's top within one line of the text"
    centre = (top + bottom) / 2
    sign_top = sign.baseline - 0.88 * 16 * PT
    assert sign_top - PITCH / 2 <= centre <= sign_top, "the centre just above the 署名 (7.3.5.1: 居印章中心偏下)"
    assert date.baseline > sign.baseline > centre, "署名 and date both below the centre"


@pytest.mark.parametrize("seal, message", [
    ("../seal.png", "YAML 文件所在的文件夹"), ("/etc/passwd", "YAML 文件所在的文件夹"),
    ("http://example.com/seal.png", "网址"), ("missing.png", "找不到"), ("fake.png", "无法读取"),
])
def test_seal_images_are_checked(tmp_path, seal, message):
    (tmp_path / "fake.png").write_text("not an image", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_text(SEALED.format(body="正文。", seal=seal), "doc.yaml", base=tmp_path)
    [problem] = caught.value.problems
    assert problem.path == "seal.image" and message in problem.message


@pytest.fixture(scope="module")
def letter(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("letter")
    return build(tmp, (ROOT / "inputs" / "sample-letter.yaml").read_text(encoding="utf-8"), "letter")


@pytest.mark.parametrize("renderer", [0, 1], ids=["pdf", "office"])
def test_letterhead(letter, renderer):
    measured = letter[renderer]
    head = style.LETTERHEAD
    page = measured.pages[0]
    mark = next(ln for ln in page if measured.is_red(ln))
    assert mark.baseline - 0.86 * mark.size * PT == pytest.approx(head.mark_top.mm, abs=1.5), "30 mm from the top"
    red = sorted(r for r in rules(measured.pdf.stream.name, 1) if r[3][:3] == pytest.approx((1, 0, 0), abs=0.01))
    assert all(r[2] == pytest.approx(head.rule_length.mm, abs=1) for r in red), "170 mm"
    upper = [r for r in red if r[0] < 100]
    lower = [r for r in red if r[0] > 200]
    assert upper and lower
    assert min(r[0] for r in upper) - (mark.baseline + 0.14 * mark.size * PT) == pytest.approx(head.rule_gap.mm, abs=2)
    assert max(r[1] for r in lower) == pytest.approx(P.height.mm - head.bottom_rule.mm, abs=1.0), "20 mm above the foot"
    meta = next(ln for ln in page if "〔2025〕8号" in ln.text)
    assert meta.left == pytest.approx(P.left.mm, abs=0.5) and meta.right == pytest.approx(P.left.mm + P.text_width.mm, abs=0.8)
    assert 1 not in measured.folios(), "no page number on page 1 of a 函"
    if renderer == 0:
        widths = [(r[1] - r[0]) for r in upper]
        assert widths[0] > widths[-1], "thick over thin under the 标志"


MINUTES_NAMES = "、".join(f"人员{i:02d}" for i in range(1, 16))


def test_minutes_attendance_lines(tmp_path):
    text = (ROOT / "inputs" / "sample-minutes.yaml").read_text(encoding="utf-8")
    text = text.replace("列席: [李××, 孙××, 办公室、人事处、财务审计处负责同志]", f"列席: [{MINUTES_NAMES}]")
    pdf, office = build(tmp_path, text, "minutes")
    for measured in (pdf, office):
        lines = measured.lines(size=16)
        present = next(ln for ln in lines if ln.text.startswith("出席："))
        assert present.left == pytest.approx(P.left.mm + 2 * P.char_pitch.mm, abs=0.6)
        assert any("Hei" in c["fontname"] for c in present.chars[:3])
        after_label = present.chars[3]["x0"] * PT
        attending = next(i for i, ln in enumerate(lines) if ln.text.startswith("列席："))
        wrapped = lines[attending + 1]
        assert wrapped.left == pytest.approx(after_label, abs=0.8), "names aligned after the colon"


def test_plan_lists_come_from_the_ledger(tmp_path):
    doc = load_text((ROOT / "inputs" / "sample-rectification-plan.yaml").read_text(encoding="utf-8"), "plan.yaml")
    from reportgen import tables

    problems = tables.table("problem_list", doc.ledger)
    assert [c.heading for c in problems.columns] == ["序号", "问题类别", "存在问题"]
    numbered = [row for row in problems.rows if row.cells[0].text.isdigit()]
    assert len(numbered) == sum(len(c.problems) for c in doc.ledger.categories)
    tasks = tables.table("task_list", doc.ledger)
    assert sum(1 for row in tasks.rows if row.cells[0].text.isdigit()) == len(doc.ledger.all_measures())
    duty = tables.table("responsibility_list", doc.ledger)
    leaders = {row.cells[2].text for row in duty.rows if not row.group}
    assert leaders == {m.leader for m in doc.ledger.all_measures()}
    assert not problems.landscape and tables.table("ledger_table", doc.ledger).landscape


def test_joint_issuers_stack_with_wenjian_beside_them(tmp_path):
    text = BANNER.format(kind="通报", signer="").replace("发文机关标志: 中共××市数据局党组",
                                                        "发文机关标志: [中共××市委办公室, ××市人民政府办公室]")
    for measured in build(tmp_path, text):
        red = [ln for ln in measured.pages[0] if measured.is_red(ln)]
        names = [ln for ln in red if "办公室" in ln.text]
        suffix = next(ln for ln in red if ln.text == "文件")
        assert len(names) == 2 and names[1].baseline > names[0].baseline
        assert suffix.left > max(n.right for n in names) - 1, "文件 to the right of the names"
        centre = (names[0].baseline + names[1].baseline) / 2
        assert suffix.baseline == pytest.approx(centre, abs=5), "文件 centred on the stack"
        assert P.left.mm - 0.5 <= min(n.left for n in names) and suffix.right <= P.left.mm + P.text_width.mm + 0.5


def test_a_seal_that_does_not_fit_brings_the_last_line_with_it(tmp_path):
    (tmp_path / "seal.png").write_bytes((ROOT / "inputs" / "seal-sample.png").read_bytes())
    body = "[" + ", ".join([PARAGRAPH] * 9) + "]"  # 18 lines: 2 left on page 1, the sealed block needs 4
    doc = load_text(SEALED.format(body=PARAGRAPH, seal="seal.png").replace(f'["{PARAGRAPH}"]', body),
                    "doc.yaml", base=tmp_path)
    pdf = Builder(tmp_path).render(doc)[0][1]
    (tmp_path / "doc.pdf").write_bytes(pdf)
    measured = Measured(tmp_path / "doc.pdf")
    assert len(measured.pages) == 2
    first = measured.pages[1][0]
    assert first.text.startswith("整改"), "page 2 opens with text, not with the seal alone"
    assert pdfplumber.open(tmp_path / "doc.pdf").pages[1].images, "the seal is on page 2"
