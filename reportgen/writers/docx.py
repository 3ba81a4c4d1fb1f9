"""HTML intermediate → DOCX bytes, with python-docx.

Each paragraph class of the intermediate becomes a named Word style (公文正文, 一级标题 …) defined from the
house-style table, so the file stays editable in Word and WPS; inline ``<b class="lead">`` becomes the
character style 要点.  Numbers are literal text, never Word list numbering (WPS renders that unreliably).
"""
from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from datetime import datetime, timezone

import docx
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Length, Pt

from .. import style
from . import docx_xml

ALIGN = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT}
BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6"}


def _chars(n: float) -> Length:
    return Length(int(n * style.PAGE.char_pitch))


class DocxWriter:
    def __init__(self, house: style.HouseStyle = style.HOUSE):
        self.house = house

    def render(self, html: str, *, title: str = "", author: str = "", created: datetime | None = None) -> bytes:
        document = docx.Document()
        self._page_setup(document)
        self._styles(document)
        body = ET.fromstring(html).find("body")
        for element in body:
            self._block(document, element)
        self._footers(document)
        self._properties(document, title, author, created)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()

    # ---- page and styles ------------------------------------------------------------------------

    def _page_setup(self, document) -> None:
        page = self.house.page
        section = document.sections[0]
        section.start_type = WD_SECTION_START.NEW_PAGE
        section.page_width, section.page_height = page.width, page.height
        section.top_margin, section.bottom_margin = page.top, page.bottom
        section.left_margin, section.right_margin = page.left, page.right
        section.header_distance = Length(page.top // 2)
        folio = self.house.folio
        baseline = page.top + page.text_height + folio.baseline_below_block
        section.footer_distance = Length(int(page.height - baseline - folio.size * (1 - folio.ascent_em)))
        docx_xml.set_line_grid(section, page.line_pitch)

    def _styles(self, document) -> None:
        # The default East Asian language stays python-docx's en-US: with zh-CN (or none, or ja-JP)
        # LibreOffice 7.4 hangs ，。 past the right margin whatever w:overflowPunct says.
        styles = document.styles
        normal = styles["Normal"]
        self._character(normal, style.BODY.face, style.BODY.size)
        self._paragraph_format(normal, style.BODY)
        for role in style.ROLES.values():
            if role.word_style in [s.name for s in styles]:
                continue
            word = styles.add_style(role.word_style, WD_STYLE_TYPE.PARAGRAPH)
            word.base_style = normal
            word.quick_style = True
            self._character(word, role.face, role.size, role.bold)
            self._paragraph_format(word, role)
        lead = styles.add_style(style.LEAD_STYLE, WD_STYLE_TYPE.CHARACTER)
        lead.font.bold = True
        folio = styles.add_style(style.FOLIO_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        folio.base_style = normal
        self._character(folio, self.house.folio.face, self.house.folio.size)
        folio.paragraph_format.first_line_indent = Pt(0)
        folio.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        docx_xml.no_snap_to_grid(folio.element.get_or_add_pPr())

    def _character(self, word_style, face: style.Face, size: Length, bold: bool = False) -> None:
        word_style.font.size = size
        word_style.font.bold = bold
        rpr = word_style.element.get_or_add_rPr()
        docx_xml.set_fonts(rpr, face.official)
        docx_xml.set_tracking(rpr, self.house.page.tracking if size == style.BODY.size else Length(0))

    def _paragraph_format(self, word_style, role: style.Role) -> None:
        fmt = word_style.paragraph_format
        line = self.house.page.line_pitch
        fmt.alignment = ALIGN[role.align]
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = line
        fmt.first_line_indent = _chars(role.indent_chars)
        fmt.left_indent = _chars(role.left_chars)
        fmt.space_before = Length(line * role.space_before_lines)
        fmt.space_after = Length(line * role.space_after_lines)
        fmt.widow_control = False
        fmt.keep_with_next = False
        docx_xml.chinese_grid_text(word_style.element.get_or_add_pPr())

    # ---- content --------------------------------------------------------------------------------

    def _block(self, document, element: ET.Element) -> None:
        cls = element.get("class", "")
        if element.tag == "div" and cls == "signature":
            self._signature(document, element)
        elif element.tag in BLOCK_TAGS and cls in style.ROLES:
            paragraph = document.add_paragraph(style=style.ROLES[cls].word_style)
            self._inline(paragraph, element, bold=False)

    def _inline(self, paragraph, element: ET.Element, bold: bool) -> None:
        if element.text:
            self._run(paragraph, element.text, bold)
        for child in element:
            if child.tag == "br":
                paragraph.add_run().add_break()
            else:
                self._inline(paragraph, child, bold or child.tag == "b")
            if child.tail:
                self._run(paragraph, child.tail, bold)

    @staticmethod
    def _run(paragraph, text: str, bold: bool):
        run = paragraph.add_run(text)
        if bold:
            run.style = style.LEAD_STYLE
        return run

    def _signature(self, document, element: ET.Element) -> None:
        """署名 and 成文日期: right-aligned, indented as composed (the space before belongs to the block)."""
        for i, line in enumerate(element):
            paragraph = document.add_paragraph(style=style.ROLES[line.get("class")].word_style)
            self._inline(paragraph, line, bold=False)
            paragraph.paragraph_format.right_indent = _chars(float(line.get("data-right-chars")))
            if i:
                paragraph.paragraph_format.space_before = Pt(0)

    def _footers(self, document) -> None:
        """— N —: odd pages right, even pages left, one 四号 character in from the 版心."""
        docx_xml.even_and_odd_footers(document.settings)
        section = document.sections[0]
        folio = self.house.folio
        for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                              (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
            footer.is_linked_to_previous = False
            paragraph = footer.paragraphs[0]
            paragraph.style = document.styles[style.FOLIO_STYLE]
            paragraph.alignment = align
            if align == WD_ALIGN_PARAGRAPH.RIGHT:
                paragraph.paragraph_format.right_indent = folio.inset
            else:
                paragraph.paragraph_format.left_indent = folio.inset

            def run(text: str, paragraph=paragraph):
                made = paragraph.add_run(text)
                made.font.size = folio.size
                return made

            run(f"{folio.dash} ")
            docx_xml.add_page_field(paragraph, run)
            run(f" {folio.dash}")

    @staticmethod
    def _properties(document, title: str, author: str, created: datetime | None) -> None:
        props = document.core_properties
        props.title = title
        props.author = author
        props.last_modified_by = author
        props.comments = ""
        props.revision = 1
        stamp = created or datetime(2000, 1, 1, tzinfo=timezone.utc)
        props.created = stamp
        props.modified = stamp
