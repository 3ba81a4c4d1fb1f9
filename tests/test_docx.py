"""The DOCX as Word and WPS read it: named styles from the house table, East Asian fonts, grid, footers."""
from __future__ import annotations

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt

from reportgen import style
from reportgen.writers import docx_xml
from tests.conftest import SAMPLES

TWIP = 635  # EMU: Word stores lengths in twips


@pytest.fixture(scope="module", params=SAMPLES)
def document(request, built):
    return docx.Document(built / f"{request.param}.docx")


def east_asian_font(word_style) -> str:
    return word_style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def test_page_setup_and_line_grid(document):
    """A4 with the 版心's margins; a 台账, which is a table, on landscape pages with the 版心 turned."""
    section = document.sections[0]
    page, turned = style.PAGE, style.LANDSCAPE
    landscape = section.page_width > section.page_height
    want = ((page.height, page.width, turned.top, turned.left, turned.bottom, turned.right) if landscape else
            (page.width, page.height, page.top, page.left, page.bottom, page.right))
    got = (section.page_width, section.page_height, section.top_margin, section.left_margin,
           section.bottom_margin, section.right_margin)
    assert got == pytest.approx(want, abs=TWIP)
    assert landscape == document.core_properties.title.endswith("整改台账"), "only the 台账 is landscape"
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"
    assert int(grid.get(qn("w:linePitch"))) == page.line_pitch.twips == 579
    height = section.page_height - section.top_margin - section.bottom_margin
    assert height % page.line_pitch < Pt(1), "whole lines: LibreOffice centres the lines that fit, lowering the text by the rest"
    folio = style.FOLIO  # the page number 7 mm under the 版心 on pages of either orientation, not in it
    assert section.different_first_page_header_footer or section.footer_distance == pytest.approx(
        section.bottom_margin - folio.baseline_below_block - folio.size * (1 - folio.ascent_em), abs=TWIP)


def test_every_role_is_a_named_style_with_its_official_face(document):
    for role in style.ROLES.values():
        word = document.styles[role.word_style]
        assert east_asian_font(word) == role.face.official
        fonts = word.element.rPr.find(qn("w:rFonts"))
        assert not any(k.endswith("Theme") for k in fonts.attrib), "theme fonts would override the names"
        assert word.font.size == role.size
        fmt = word.paragraph_format
        assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY and fmt.line_spacing == style.PAGE.line_pitch
        assert fmt.first_line_indent == pytest.approx(role.indent_chars * style.PAGE.char_pitch, abs=TWIP)
        assert fmt.keep_with_next is fmt.keep_together is role.keep_with_next, "headings stay with their text"
        assert fmt.widow_control is False


def test_body_paragraphs_use_the_body_style_and_tracking(document):
    body = document.styles[style.BODY.word_style]
    spacing = body.element.rPr.find(qn("w:spacing"))
    assert int(spacing.get(qn("w:val"))) == style.PAGE.tracking.twips
    used = {p.style.name for p in document.paragraphs if p.text.strip()}
    assert style.ROLES["title"].word_style in used
    if not document.tables or len(used) > 2:  # a document that is a single table has no body paragraph
        assert style.BODY.word_style in used


def test_punctuation_does_not_hang_and_chinese_is_spaced_from_digits_as_in_the_pdf(document):
    ppr = document.styles[style.BODY.word_style].element.pPr
    assert ppr.find(qn("w:overflowPunct")).get(qn("w:val")) == "0"
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        assert ppr.find(qn(tag)).get(qn("w:val")) == "1"


def test_no_template_leftovers_japanese_theme_fonts_or_theme_language(document):
    parts = {str(p.partname): p for p in document.part.package.iter_parts()}
    theme = parts["/word/theme/theme1.xml"].blob.decode()
    assert "ＭＳ" not in theme and 'script="Jpan"' not in theme
    assert f'<a:ea typeface="{style.BODY.face.official}"/>' in theme
    assert "ＭＳ" not in parts["/word/fontTable.xml"].blob.decode()
    assert document.settings.element.find(qn("w:themeFontLang")).get(qn("w:eastAsia")) == "zh-CN"
    from lxml import etree

    defaults = etree.tostring(document.styles.element.find(qn("w:docDefaults")), encoding="unicode")
    assert "Theme" not in defaults and style.BODY.face.official in defaults


def test_property_elements_keep_schema_order(document):
    """Word rejects a file whose w:pPr / w:rPr children are out of order."""
    for word in document.styles:
        for parent, order in ((word.element.pPr, docx_xml.PPR_ORDER), (word.element.rPr, docx_xml.RPR_ORDER)):
            if parent is None:
                continue
            tags = [child.tag.replace(f"{{{docx.oxml.ns.nsmap['w']}}}", "w:") for child in parent]
            positions = [order.index(t) for t in tags if t in order]
            assert positions == sorted(positions), (word.name, tags)


def test_footers_hold_a_page_field_between_dashes_odd_right_even_left(document):
    assert document.settings.element.find(qn("w:evenAndOddHeaders")) is not None
    section = document.sections[0]
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        [paragraph] = footer.paragraphs
        assert paragraph.alignment == align
        xml = paragraph._p.xml
        assert "PAGE" in xml and xml.count("<w:fldChar ") == 3
        assert paragraph.text.startswith(style.FOLIO.dash) and paragraph.text.endswith(style.FOLIO.dash)
        assert {r.font.size for r in paragraph.runs} == {style.FOLIO.size}
        assert east_asian_font(document.styles[style.FOLIO_STYLE]) == style.FOLIO.face.official


def test_numbers_are_text_not_word_list_numbering(document):
    assert "w:numPr" not in document.element.body.xml
    headings = [p for p in document.paragraphs if p.style.name == style.ROLES["heading-1"].word_style]
    assert all(p.text.startswith(("一、", "二、", "三、", "四、", "五、", "六、")) for p in headings)
