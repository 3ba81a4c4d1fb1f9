"""HTML intermediate → DOCX bytes, with python-docx.

Each paragraph class of the intermediate becomes a named Word style (公文正文, 一级标题 …) defined from the
house-style table, so the file stays editable in Word and WPS; inline classes become character styles
(要点, 签发人姓名).  Numbers are literal text, never Word list numbering (WPS renders that unreliably).
An element the writer does not know is an error, never silently dropped.
"""
from __future__ import annotations

import base64
import io
import xml.etree.ElementTree as ET
from datetime import datetime

import docx
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.table import _Cell
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.shared import Length, Mm, Pt

from .. import intermediate, style
from ..errors import BuildError
from . import docx_xml
from .docx_styles import CHARACTER_STYLES, chars, define_styles, orient, page_setup

PARAGRAPH_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6"}
CORE_PROPERTY_LIMIT = 255
FACE_OF_CHARACTER_STYLE = {name: face for name, face, _ in CHARACTER_STYLES.values() if face is not None}
ROLES = {**style.ROLES, **style.BANNER_ROLES, **style.IMPRINT_ROLES, **style.TABLE_ROLES}


class DocxWriter:
    def __init__(self, house: style.HouseStyle = style.HOUSE):
        self.house = house

    def render(self, html: str, *, imprint: intermediate.Placement | None = None, seal: bool = False) -> bytes:
        """``imprint``: where the PDF layout put the 版记, or None; ``seal``: the seal image goes into the DOCX
        too (an office does not send a sealed editable file, so by default it does not)."""
        root = ET.fromstring(html)
        document = docx.Document()
        page_setup(document, self.house)
        define_styles(document, self.house)
        walk = _Walk(document, self.house, imprint, seal)
        body = root.find("body")
        if intermediate.LANDSCAPE in intermediate.classes(body):
            orient(document.sections[0], self.house, landscape=True)
            walk.landscape = True
        walk.blocks(body)
        self._footers(document, walk.bare_sections, walk.footer_raise)
        meta = {m.get("name"): m.get("content") for m in root.iter("meta") if m.get("name")}
        created = datetime.fromisoformat(meta["dcterms.created"]) if "dcterms.created" in meta else None
        self._properties(document, root.findtext("head/title") or "", meta.get("author", ""), created)
        out = io.BytesIO()
        document.save(out)
        return docx_xml.stable_zip(out.getvalue(), created)

    def _footers(self, document, bare_sections: list[int], raise_by: Length = Length(0)) -> None:
        """— N —: odd pages right, even pages left, one 四号 character in from the 版心.

        Bare sections (a blank page, and the 版记 page after it) have empty footers: they are not numbered."""
        docx_xml.even_and_odd_footers(document.settings)
        for index in bare_sections:
            bare = document.sections[index]
            for footer in (bare.footer, bare.even_page_footer):
                footer.is_linked_to_previous = False
        section = document.sections[0]
        folio = self.house.folio
        for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                              (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
            footer.is_linked_to_previous = False
            paragraph = footer.paragraphs[0]
            paragraph.style = document.styles[style.FOLIO_STYLE]
            paragraph.alignment = align
            paragraph.paragraph_format.space_after = raise_by
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
        limit = CORE_PROPERTY_LIMIT  # Word's limit for these fields; the text itself is in the body, whole
        props.title = title[:limit]
        props.author = author[:limit]
        props.last_modified_by = author[:limit]
        props.comments = ""
        props.revision = 1
        stamp = created or docx_xml.ZIP_EPOCH
        props.created = stamp
        props.modified = stamp


class _Walk:
    """One document's walk over the intermediate, element by element."""

    def __init__(self, document, house: style.HouseStyle, imprint_placement=None, seal: bool = False):
        self.document, self.house, self.imprint_placement, self.seal = document, house, imprint_placement, seal
        self.space_before_next = Length(0)  # how far below the next paragraph starts, after a rule
        self.page_break_next = False  # the next paragraph opens a page (an attachment)
        self.last = None
        self.landscape = False  # inside a landscape section (a wide table's attachment)
        self.portrait_next = False  # a 表格's landscape pages are over: what follows starts portrait pages
        self.bare_sections: list[int] = []  # sections without page numbers
        self.footer_raise = Length(0)  # page numbers lifted when page 1's footer is lower (信函格式)

    def blocks(self, parent: ET.Element) -> None:
        for element in parent:
            self.block(element)

    def block(self, element: ET.Element) -> None:
        cls = element.get("class", "")
        handler = {intermediate.BANNER: self.blocks, intermediate.SIGNATURE: self.signature,
                   intermediate.RED_RULE: self.rule, intermediate.SIGNER_LINE: self.signer_line,
                   intermediate.COMPILER_LINE: self.compiler_line,
                   intermediate.ORG_MARK: self.org_mark, intermediate.IMPRINT: self.imprint,
                   intermediate.ATTACHMENT: self.attachment, intermediate.LETTERHEAD: self.letterhead,
                   intermediate.TABLE: self.table, intermediate.DOC_TABLE: self.table,
                   intermediate.TURNED: self.turned,
                   intermediate.ATTACHMENT_NOTES: self.attachment_notes}.get(cls.split()[0] if cls else "")
        if self.portrait_next and handler not in (self.attachment, self.imprint, self.turned):
            self.section(WD_SECTION.NEW_PAGE, landscape=False)  # after a 表格's landscape pages
        if handler is not None:
            handler(element)
        elif element.tag == "figure" and cls == "chart":
            self.chart(element.find("img"))
        elif element.tag in PARAGRAPH_TAGS and cls in ROLES:
            if ROLES[cls].joins_above and self.last is not None:  # right under the title, no blank line between
                self.last.paragraph_format.space_after = Pt(0)
            paragraph = self.paragraph(cls)
            self.inline(paragraph, element)
            if element.get("data-keep") == "lead":
                paragraph.paragraph_format.widow_control = True
        else:
            raise BuildError(f"DOCX writer: no rule for <{element.tag} class=\"{cls}\"> in the intermediate")

    def paragraph(self, role: str, text: str | None = None, container=None):
        paragraph = (container or self.document).add_paragraph(text, style=ROLES[role].word_style)
        if self.space_before_next:
            paragraph.paragraph_format.space_before = self.space_before_next
            self.space_before_next = Length(0)
        if self.page_break_next:
            paragraph.paragraph_format.page_break_before = True
            self.page_break_next = False
        self.last = paragraph
        return paragraph

    def inline(self, paragraph, element: ET.Element, character: str | None = None,
               tracking: Length | None = None) -> None:
        """The element's text as runs; ``tracking``: the letter-spacing its own data-tracking-pt, or its
        parent's, sets (a heading or a paragraph set tighter, a number kept with its unit)."""
        if element.get("data-tracking-pt") is not None:
            tracking = intermediate.length(element, "data-tracking-pt")
        if element.text:
            self.run(paragraph, element.text, character, tracking)
        for child in element:
            if child.tag == "br":
                paragraph.add_run().add_break()
            else:
                own = CHARACTER_STYLES.get(child.get("class", ""))
                self.inline(paragraph, child, own[0] if own else character, tracking)
            if child.tail:
                self.run(paragraph, child.tail, character, tracking)

    @staticmethod
    def run(paragraph, text: str, character: str | None, tracking: Length | None = None):
        made = paragraph.add_run(text)
        if character:
            made.style = character
            face = FACE_OF_CHARACTER_STYLE.get(character)
            if face is not None:  # also on the run: readers that skip character styles still get the face
                docx_xml.set_fonts(made._r.get_or_add_rPr(), face.official)
        if tracking is not None:
            docx_xml.set_tracking(made._r.get_or_add_rPr(), tracking)
        return made

    # ---- 版头 -------------------------------------------------------------------------------------

    def org_mark(self, element: ET.Element) -> None:
        """The red 标志: its size, compression and distance from the line above come from compose.  Joint
        issuers: their names stacked and spread to one width in a borderless table, 文件 beside them,
        centred on the stack."""
        size = intermediate.length(element, "data-size-pt")
        scale = intermediate.number(element, "data-scale")
        margin = intermediate.length(element, "data-margin-pt")
        if "joint" not in intermediate.classes(element):
            self.mark_line(self.paragraph("org-mark"), element, size, scale, margin)
        else:
            names = element.findall("div[@class='names']/p")
            suffix = element.find("div[@class='suffix']/p")
            widest = max(style.text_width_chars("".join(n.itertext())) for n in names)
            table = self.document.add_table(rows=1, cols=2)
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            docx_xml.table_rules(table._tbl, None, None)
            table.autofit = False
            left, right = table.rows[0].cells
            for column, cell, width in ((table.columns[0], left, widest),
                                        (table.columns[1], right, style.text_width_chars(suffix.text or ""))):
                column.width = cell.width = Length(int(width * size * scale))
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            for i, name in enumerate(names):
                paragraph = left.paragraphs[0] if i == 0 else left.add_paragraph()
                paragraph.style = self.document.styles[ROLES["org-mark"].word_style]
                paragraph.alignment = WD_ALIGN_PARAGRAPH.DISTRIBUTE
                self.mark_line(paragraph, name, size, scale, margin if i == 0 else Pt(0))
            paragraph = right.paragraphs[0]
            paragraph.style = self.document.styles[ROLES["org-mark"].word_style]
            # centred on the stack by its own space above (LibreOffice ignores the cell's w:vAlign here)
            self.mark_line(paragraph, suffix, size, scale, Length(margin + (len(names) - 1) * size // 2))
        lines = intermediate.number(element, "data-space-after-lines", self.house.banner.number_lines_below_mark)
        self.space_before_next = Length(round(lines * self.house.page.line_pitch))

    def mark_line(self, paragraph, element: ET.Element, size: Length, scale: float, space_before: Length) -> None:
        fmt = paragraph.paragraph_format
        fmt.line_spacing, fmt.space_before = size, space_before
        self.inline(paragraph, element)
        for run in paragraph.runs:
            run.font.size = size
            docx_xml.set_scale(run._r.get_or_add_rPr(), scale)

    def signer_line(self, element: ET.Element) -> None:
        """上行文: 发文字号 one character from the left, 签发人 one from the right, on the same line."""
        self.two_sided("doc-number", element.find(f"span[@class='{intermediate.DOC_NUMBER}']"),
                       element.find(f"span[@class='{intermediate.SIGNER}']"), chars(self.house.banner.side_chars))

    def compiler_line(self, element: ET.Element) -> None:
        """简报: the compiling office flush left, the date flush right, on the line above the red rule."""
        self.two_sided(intermediate.COMPILER_LINE, element.find(f"span[@class='{intermediate.COMPILER}']"),
                       element.find(f"span[@class='{intermediate.ISSUED_DATE}']"), Length(0))

    def two_sided(self, role: str, left: ET.Element | None, right: ET.Element | None, side: Length) -> None:
        """A line of the 版头 with one part ``side`` from the left edge and one ``side`` from the right."""
        paragraph = self.paragraph(role)
        fmt = paragraph.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
        fmt.left_indent = fmt.right_indent = side
        fmt.tab_stops.add_tab_stop(Length(self.house.page.text_width - side), WD_TAB_ALIGNMENT.RIGHT)
        if left is not None:
            self.run(paragraph, left.text or "", None)
        self.run(paragraph, "\t", None)
        if right is not None:
            self.inline(paragraph, right)

    def rule(self, element: ET.Element) -> None:
        """The red rule under the 发文字号: the bottom border of an empty paragraph as tall as the gap, so
        the rule spans the 版心 whatever the indents of the 发文字号 line."""
        banner = self.house.banner
        carrier = self.document.add_paragraph(style=ROLES["doc-number"].word_style)
        fmt = carrier.paragraph_format
        fmt.line_spacing = banner.rule_margin
        fmt.space_before = fmt.space_after = Pt(0)
        ppr = carrier._p.get_or_add_pPr()
        docx_xml.no_snap_to_grid(ppr)
        docx_xml.bottom_border(ppr, banner.red, banner.rule_width, Pt(0))
        self.last = carrier
        self.space_before_next = intermediate.length(element, "data-space-after-pt", Length(0))

    def letterhead(self, element: ET.Element) -> None:
        """信函格式: the organ's name, the upper double rule (reaching 7 mm past the 版心 on each side) and the
        份号 / 发文字号 lines in a borderless table as wide as the 版心, floating 30 mm from the paper's top
        (the text flows below it, as under the PDF's letterhead); the lower double rule in page 1's own
        footer, 20 mm from the bottom (the other footers, with the page numbers, are raised to keep them
        where they were)."""
        letter, banner, page = self.house.letterhead, self.house.banner, self.house.page
        mark = element.find(f"p[@class='{intermediate.ORG_MARK} letter-mark']")
        metas = element.findall("p[@class='letter-meta']")
        table = self.document.add_table(rows=1 + len(metas), cols=1)
        table.autofit = False
        docx_xml.table_rules(table._tbl, None, None)
        docx_xml.float_on_page(table._tbl, page.left, letter.mark_top,
                               below=Length(banner.title_lines_below_rule * page.line_pitch))
        table.columns[0].width = page.text_width
        cells = [row.cells[0] for row in table.rows]
        for cell in cells:
            cell.width = page.text_width
        paragraph = cells[0].paragraphs[0]
        paragraph.style = self.document.styles[ROLES["org-mark"].word_style]
        fmt = paragraph.paragraph_format
        size = intermediate.length(mark, "data-size-pt")
        fmt.line_spacing, fmt.space_before = size, Pt(0)
        fmt.left_indent = fmt.right_indent = Length(-letter.overhang)  # the rule reaches past the 版心
        self.inline(paragraph, mark)
        for run in paragraph.runs:
            run.font.size = size
            docx_xml.set_scale(run._r.get_or_add_rPr(), intermediate.number(mark, "data-scale"))
        docx_xml.double_border(paragraph._p.get_or_add_pPr(), "bottom", banner.red, letter, letter.rule_gap)
        for i, (cell, meta) in enumerate(zip(cells[1:], metas)):
            line = cell.paragraphs[0]
            line.style = self.document.styles[ROLES[intermediate.DOC_NUMBER].word_style]
            line.alignment = WD_ALIGN_PARAGRAPH.LEFT
            fmt = line.paragraph_format
            fmt.space_before = letter.meta_space if i == 0 else Pt(0)
            fmt.tab_stops.add_tab_stop(page.text_width, WD_TAB_ALIGNMENT.RIGHT)
            for span in meta:
                role = span.get("class")
                if role == intermediate.DOC_NUMBER:
                    self.run(line, "\t", None)
                made = self.run(line, span.text or "", None)
                docx_xml.set_fonts(made._r.get_or_add_rPr(), ROLES[role].face.official)
        section = self.document.sections[0]
        section.different_first_page_header_footer = True
        footer = section.first_page_footer.paragraphs[0]
        footer.style = self.document.styles[style.FOLIO_STYLE]
        footer.paragraph_format.left_indent = footer.paragraph_format.right_indent = Length(-letter.overhang)
        footer.paragraph_format.line_spacing = Pt(1)
        docx_xml.double_border(footer._p.get_or_add_pPr(), "top", banner.red, letter, Pt(0))
        self.footer_raise = Length(section.footer_distance - letter.bottom_rule)
        section.footer_distance = letter.bottom_rule
        # The text under the letterhead stands where the letterhead ends, as in the PDF, not on the next
        # line of the page's grid.
        for word_style in self.document.styles:
            if word_style.type == WD_STYLE_TYPE.PARAGRAPH:
                docx_xml.no_snap_to_grid(word_style.element.get_or_add_pPr())

    # ---- 署名 ------------------------------------------------------------------------------------

    def signature(self, element: ET.Element) -> None:
        """署名 and 成文日期: right-aligned, indented as composed, the gap above them on the first, on the page
        of the text before them (7.3.5.4); the seal, when the DOCX is to carry it, behind them, anchored to
        the 署名's line.  Without it the sealed layout stays, for the seal stamped on the print."""
        line_pitch = self.house.page.line_pitch
        gap = Length(int(intermediate.number(element, "data-gap-lines", 1)) * line_pitch)
        after = Length(int(intermediate.number(element, "data-after-lines", 0)) * line_pitch)
        self.keep_last_with_next()
        lines = [e for e in element if e.tag == "p"]
        for i, line in enumerate(lines):
            paragraph = self.paragraph(line.get("class"))
            self.inline(paragraph, line)
            fmt = paragraph.paragraph_format
            fmt.right_indent = chars(intermediate.number(line, "data-right-chars"))
            fmt.space_before = gap if i == 0 else Pt(0)
            fmt.keep_with_next = i < len(lines) - 1
            if i == len(lines) - 1 and after:
                fmt.space_after = after
            if i == 0 and self.seal and (seal := element.find("img")) is not None:
                diameter = intermediate.length(seal, "data-diameter-mm")
                run = paragraph.add_run()
                png = base64.b64decode(seal.get("src").split(",", 1)[1])
                run.add_picture(io.BytesIO(png), width=diameter, height=diameter)
                top = Length(gap + intermediate.length(seal, "data-top-pt"))  # from the paragraph's top, gap included
                docx_xml.float_picture(run._r, intermediate.length(seal, "data-left-pt"), top)

    def keep_last_with_next(self) -> None:
        """The paragraph before comes whole with what follows (the PDF's break rules do the same)."""
        if self.last is not None:
            self.last.paragraph_format.keep_with_next = self.last.paragraph_format.keep_together = True

    def attachment_notes(self, element: ET.Element) -> None:
        """附件说明 (7.3.4): never split, and on the page of the text before it."""
        self.keep_last_with_next()
        items = list(element)
        for i, item in enumerate(items):
            self.block(item)
            self.last.paragraph_format.keep_together = True
            self.last.paragraph_format.keep_with_next = i < len(items) - 1

    # ---- 版记 ------------------------------------------------------------------------------------

    def imprint(self, element: ET.Element) -> None:
        """A one-column table ruled thick / thin / thick, floating with its last rule on the 版心's bottom
        edge (anchored to the bottom margin: no spacer depends on how a word processor fills the page before
        it), on the page where the PDF layout put the 版记: the body's last page, the next one after a page
        break, or an even page after a blank page and an even-page section break (Word and LibreOffice then
        number neither)."""
        imprint, page = self.house.imprint, self.house.page
        placement = self.imprint_placement
        if placement is not None and placement.blank_page:
            # An explicit blank page, then a section that starts on an even page: the 版记 lands on an even
            # page even if Word breaks pages differently, and the blank page survives LibreOffice's PDF
            # export, which drops the blank pages it inserts itself.
            self.section(WD_SECTION.NEW_PAGE, landscape=False, bare=True)
            self.document.add_paragraph(style=ROLES["imprint-print"].word_style)
            self.section(WD_SECTION.EVEN_PAGE, landscape=False, bare=True)
            self.hairline()  # LibreOffice puts a floating table that opens a section on the page before
        elif self.landscape:
            self.section(WD_SECTION.NEW_PAGE, landscape=False)
            self.hairline()
        elif placement is not None and placement.new_page:
            self.page_break_next = True  # on the paragraph after the table: a floating table belongs to it
        rows = list(element)
        table = self.document.add_table(rows=len(rows), cols=1)
        table.autofit = False
        if intermediate.flag(element, "data-ruled", True):
            docx_xml.table_rules(table._tbl, imprint.thick, imprint.thin)
        else:
            docx_xml.table_rules(table._tbl, None, None)
        docx_xml.float_at_bottom(table._tbl, page.left)
        for row, line in zip(table.rows, rows):
            cell = row.cells[0]
            cell.width = page.text_width
            paragraph = cell.paragraphs[0]
            paragraph.style = self.document.styles[ROLES[line.get("class")].word_style]
            fmt = paragraph.paragraph_format
            fmt.left_indent = fmt.right_indent = imprint.side
            if line.get("class") in imprint.label_chars:  # 抄送：…… (报：…… in a 简报), aligned after the colon
                label = Length(imprint.label_chars[line.get("class")] * imprint.size)
                fmt.left_indent, fmt.first_line_indent = Length(imprint.side + label), Length(-label)
                self.inline(paragraph, line)
            else:
                # 印发日期 ends one character from the block's right edge (tab stops are measured from the cell's
                # left edge, not from the indent)
                fmt.tab_stops.add_tab_stop(Length(page.text_width - imprint.side), WD_TAB_ALIGNMENT.RIGHT)
                by = line.find(f"span[@class='{intermediate.PRINTED_BY}']")
                date = line.find(f"span[@class='{intermediate.PRINTED_DATE}']")
                self.run(paragraph, by.text or "" if by is not None else "", None)
                if date is not None:
                    self.run(paragraph, "\t" + date.text, None)
        self.hairline()  # the paragraph the floating table is anchored to (and Word wants one after a table)

    def hairline(self) -> None:
        """An empty paragraph one point high, off the grid."""
        paragraph = self.paragraph("imprint-print")
        fmt = paragraph.paragraph_format
        fmt.line_spacing = Pt(1)
        fmt.space_before = fmt.space_after = Pt(0)
        docx_xml.no_snap_to_grid(paragraph._p.get_or_add_pPr())

    # ---- 附件, tables and charts ------------------------------------------------------------------

    def chart(self, image: ET.Element) -> None:
        """The chart as a picture (Word has no SVG before 2016 and WPS draws it unevenly), centred."""
        from .raster import svg_to_png

        width, height = intermediate.number(image, "data-width-mm"), intermediate.number(image, "data-height-mm")
        png = svg_to_png(image.get("src"), width, height)
        paragraph = self.paragraph("body")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        fmt = paragraph.paragraph_format
        fmt.first_line_indent, fmt.line_spacing_rule = Pt(0), WD_LINE_SPACING.SINGLE
        fmt.space_before = fmt.space_after = self.house.page.line_pitch
        docx_xml.no_snap_to_grid(paragraph._p.get_or_add_pPr())
        paragraph.add_run().add_picture(io.BytesIO(png), width=Mm(width), height=Mm(height))

    def section(self, start, landscape: bool, bare: bool = False) -> None:
        orient(self.document.add_section(start), self.house, landscape)
        self.landscape, self.portrait_next = landscape, False
        if bare:
            self.bare_sections.append(len(self.document.sections) - 1)

    def attachment(self, element: ET.Element) -> None:
        """A new page (a landscape section for a wide table); back to portrait for what follows."""
        landscape = intermediate.LANDSCAPE in intermediate.classes(element)
        if landscape or self.landscape:
            self.section(WD_SECTION.NEW_PAGE, landscape)
        else:
            self.page_break_next = True
        self.blocks(element)

    def turned(self, element: ET.Element) -> None:
        """A 表格 of a portrait body on landscape pages of its own: a landscape section, and portrait pages
        again for whatever follows (a landscape attachment or the 版记 make their own; the next 表格 of its own
        pages shares these, as the PDF's named page does)."""
        if not self.portrait_next:
            self.section(WD_SECTION.NEW_PAGE, landscape=True)
        self.portrait_next = False
        self.blocks(element)
        self.portrait_next = True

    def table(self, element: ET.Element) -> None:
        """Cells placed on the grid their row and column spans make; the head row repeats on every page
        and no row splits across pages.  Spans are written straight into the rows (python-docx's
        ``cell()`` walks the whole grid each time: a 1,500-row ledger took minutes)."""
        # a line's space above a ledger table, as the house CSS gives it (a 表格 sits right under its title)
        if self.last is not None and intermediate.TABLE in intermediate.classes(element):
            fmt = self.last.paragraph_format
            fmt.space_after = max(fmt.space_after or 0, self.house.page.line_pitch)
        widths = [intermediate.length(col, "data-width-mm") for col in element.iter("col")]
        rows = [element.find("thead/tr"), *element.findall("tbody/tr")]
        table = self.document.add_table(rows=len(rows), cols=len(widths))
        table.autofit = False
        docx_xml.table_grid(table._tbl, self.house.table.rule, self.house.table.padding)
        for column, width in zip(table.columns, widths):
            column.width = width
        placed = intermediate.cell_places(rows)
        origins = docx_xml.span_cells(table._tbl, [(r, c, down, across) for r, c, down, across, _ in placed],
                                      [int(w) for w in widths])
        # Style ids looked up once: python-docx's style setter searches every style of the document each time
        style_ids = {role: self.document.part.get_style_id(self.document.styles[ROLES[role].word_style],
                                                           WD_STYLE_TYPE.PARAGRAPH)
                     for role in ("table-head", "table-cell")}
        for (r, c, down, across, td), tc in zip(placed, origins):
            cell = _Cell(tc, table)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER  # as the house CSS: vertical-align: middle
            lines = td.findall(f"div[@class='{intermediate.CELL_LINE}']") or [td]  # a list: a paragraph each
            for i, line in enumerate(lines):
                paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
                paragraph._p.style = style_ids["table-head" if td.tag == "th" else "table-cell"]
                if intermediate.CENTRED_CELL in td.get("class", "") or td.tag == "th":
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                if intermediate.GROUP_ROW in (rows[r].get("class") or ""):
                    self.run(paragraph, td.text or "", CHARACTER_STYLES["table-group"][0])
                    paragraph.paragraph_format.keep_with_next = True  # a group row stays with its first row
                else:
                    self.inline(paragraph, line)
        for r, tr in enumerate(table._tbl.tr_lst):
            docx_xml.keep_row_whole(tr, header=r == 0)
        # the rows beside a merged cell stay on one page: where the PDF broke inside one, the intermediate has
        # already cut the cell there, so the word processor breaks between the two parts as the PDF does
        held = {r + i for r, _, down, _, _ in placed for i in range(down - 1)}
        if intermediate.KEPT_TABLE in intermediate.classes(element):  # its last row stays with its 注
            held.add(len(rows) - 1)
        for r in sorted(held):
            for tc in table._tbl.tr_lst[r].tc_lst:
                for paragraph in _Cell(tc, table).paragraphs:
                    paragraph.paragraph_format.keep_with_next = True
