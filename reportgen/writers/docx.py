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

from .. import style
from ..errors import BuildError
from . import docx_xml
from .docx_styles import CHARACTER_STYLES, chars, define_styles, orient, page_setup

PARAGRAPH_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6"}
SLACK = Pt(6)
CORE_PROPERTY_LIMIT = 255
FACE_OF_CHARACTER_STYLE = {name: face for name, face, _ in CHARACTER_STYLES.values() if face is not None}
ROLES = {**style.ROLES, **style.BANNER_ROLES, **style.IMPRINT_ROLES, **style.TABLE_ROLES}


class DocxWriter:
    def __init__(self, house: style.HouseStyle = style.HOUSE):
        self.house = house

    def render(self, html: str, *, imprint=None) -> bytes:
        """``imprint``: where the PDF layout put the 版记 (``writers.pdf.ImprintPlacement``), or None."""
        root = ET.fromstring(html)
        document = docx.Document()
        page_setup(document, self.house)
        define_styles(document, self.house)
        walk = _Walk(document, self.house, imprint)
        walk.blocks(root.find("body"))
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

    def __init__(self, document, house: style.HouseStyle, imprint_placement=None):
        self.document, self.house, self.imprint_placement = document, house, imprint_placement
        self.space_before_next = 0  # lines the next paragraph starts below, after a rule
        self.page_break_next = False  # the next paragraph opens a page (an attachment)
        self.last = None
        self.landscape = False  # inside a landscape section (a wide table's attachment)
        self.bare_sections: list[int] = []  # sections without page numbers
        self.footer_raise = Length(0)  # page numbers lifted when page 1's footer is lower (信函格式)

    def blocks(self, parent: ET.Element) -> None:
        for element in parent:
            self.block(element)

    def block(self, element: ET.Element) -> None:
        cls = element.get("class", "")
        handler = {"banner": self.blocks, "signature": self.signature, "red-rule": self.rule,
                   "signer-line": self.signer_line, "org-mark": self.org_mark,
                   "imprint": self.imprint, "attachment": self.attachment, "letterhead": self.letterhead,
                   "ledger-table": self.table}.get(cls.split()[0] if cls else "")
        if handler is not None:
            handler(element)
        elif element.tag == "figure" and cls == "chart":
            self.chart(element.find("img"))
        elif element.tag in PARAGRAPH_TAGS and cls in ROLES:
            if cls == "subtitle" and self.last is not None:  # right under the title, no blank line between
                self.last.paragraph_format.space_after = Pt(0)
            self.inline(self.paragraph(cls), element)
        else:
            raise BuildError(f"DOCX writer: no rule for <{element.tag} class=\"{cls}\"> in the intermediate")

    def paragraph(self, role: str, text: str | None = None, container=None):
        paragraph = (container or self.document).add_paragraph(text, style=ROLES[role].word_style)
        if self.space_before_next:
            paragraph.paragraph_format.space_before = Length(self.space_before_next * self.house.page.line_pitch)
            self.space_before_next = 0
        if self.page_break_next:
            paragraph.paragraph_format.page_break_before = True
            self.page_break_next = False
        self.last = paragraph
        return paragraph

    def inline(self, paragraph, element: ET.Element, character: str | None = None) -> None:
        if element.text:
            self.run(paragraph, element.text, character)
        for child in element:
            if child.tag == "br":
                paragraph.add_run().add_break()
            else:
                own = CHARACTER_STYLES.get(child.get("class", ""))
                self.inline(paragraph, child, own[0] if own else character)
            if child.tail:
                self.run(paragraph, child.tail, character)

    @staticmethod
    def run(paragraph, text: str, character: str | None):
        made = paragraph.add_run(text)
        if character:
            made.style = character
            face = FACE_OF_CHARACTER_STYLE.get(character)
            if face is not None:  # also on the run: readers that skip character styles still get the face
                docx_xml.set_fonts(made._r.get_or_add_rPr(), face.official)
        return made

    # ---- 版头 -------------------------------------------------------------------------------------

    def org_mark(self, element: ET.Element) -> None:
        """The red 标志: its size, compression and distance from the line above come from compose.  Joint
        issuers: their names stacked and spread to one width in a borderless table, 文件 beside them,
        centred on the stack."""
        size = Pt(float(element.get("data-size-pt")))
        scale = float(element.get("data-scale"))
        margin = Pt(float(element.get("data-margin-pt")))
        if "joint" not in element.get("class"):
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
        self.space_before_next = self.house.banner.number_lines_below_mark

    def mark_line(self, paragraph, element: ET.Element, size: Length, scale: float, space_before: Length) -> None:
        fmt = paragraph.paragraph_format
        fmt.line_spacing, fmt.space_before = size, space_before
        self.inline(paragraph, element)
        for run in paragraph.runs:
            run.font.size = size
            docx_xml.set_scale(run._r.get_or_add_rPr(), scale)

    def signer_line(self, element: ET.Element) -> None:
        """上行文: 发文字号 one character from the left, 签发人 one from the right, on the same line."""
        paragraph = self.paragraph("doc-number")
        fmt = paragraph.paragraph_format
        side = chars(self.house.banner.side_chars)
        fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
        fmt.left_indent = fmt.right_indent = side
        fmt.tab_stops.add_tab_stop(Length(self.house.page.text_width - side), WD_TAB_ALIGNMENT.RIGHT)
        number = element.find("span[@class='doc-number']")
        if number is not None:
            self.run(paragraph, number.text, None)
        self.run(paragraph, "\t", None)
        self.inline(paragraph, element.find("span[@class='signer']"))

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
        self.space_before_next = int(element.get("data-space-after-lines", "0"))

    def letterhead(self, element: ET.Element) -> None:
        """信函格式: the organ's name and the upper double rule in page 1's own header, 30 mm from the top;
        the lower double rule in page 1's own footer, 20 mm from the bottom (the other footers, with the
        page numbers, are raised to keep them where they were); 份号 and 发文字号 open the body."""
        letter, banner = self.house.letterhead, self.house.banner
        section = self.document.sections[0]
        section.different_first_page_header_footer = True
        section.header_distance = letter.mark_top
        mark = element.find("p[@class='org-mark letter-mark']")
        paragraph = section.first_page_header.paragraphs[0]
        paragraph.style = self.document.styles[ROLES["org-mark"].word_style]
        fmt = paragraph.paragraph_format
        size = Pt(float(mark.get("data-size-pt")))
        fmt.line_spacing, fmt.space_before = size, Pt(0)
        fmt.left_indent = fmt.right_indent = Length(-letter.overhang)
        self.inline(paragraph, mark)
        for run in paragraph.runs:
            run.font.size = size
            docx_xml.set_scale(run._r.get_or_add_rPr(), float(mark.get("data-scale")))
        docx_xml.double_border(paragraph._p.get_or_add_pPr(), "bottom", banner.red, letter, letter.rule_gap)
        footer = section.first_page_footer.paragraphs[0]
        footer.style = self.document.styles[style.FOLIO_STYLE]
        footer.paragraph_format.left_indent = footer.paragraph_format.right_indent = Length(-letter.overhang)
        footer.paragraph_format.line_spacing = Pt(1)
        docx_xml.double_border(footer._p.get_or_add_pPr(), "top", banner.red, letter, Pt(0))
        self.footer_raise = Length(section.footer_distance - letter.bottom_rule)
        section.footer_distance = letter.bottom_rule
        # 份号 … and 发文字号 belong to the letterhead: they go in page 1's header too, under the rule.
        drop = Length(int(letter.meta_drop_em * style.SANHAO))
        for i, meta in enumerate(element.findall("p[@class='letter-meta']")):
            line = section.first_page_header.add_paragraph(style=ROLES["doc-number"].word_style)
            line.alignment = WD_ALIGN_PARAGRAPH.LEFT
            line.paragraph_format.space_before = drop if i == 0 else Pt(0)
            line.paragraph_format.tab_stops.add_tab_stop(self.house.page.text_width, WD_TAB_ALIGNMENT.RIGHT)
            for span in meta:
                if span.get("class") == "doc-number":
                    self.run(line, "\t", None)
                self.run(line, span.text or "", None)
        self.space_before_next = banner.title_lines_below_rule

    # ---- 署名 ------------------------------------------------------------------------------------

    def signature(self, element: ET.Element) -> None:
        """署名 and 成文日期: right-aligned, indented as composed, the gap above them on the first; the
        seal floats over them, anchored to the 署名's line."""
        gap = Length(int(element.get("data-gap-lines", "1")) * self.house.page.line_pitch)
        lines = [e for e in element if e.tag == "p"]
        for i, line in enumerate(lines):
            paragraph = self.paragraph(line.get("class"))
            self.inline(paragraph, line)
            paragraph.paragraph_format.right_indent = chars(float(line.get("data-right-chars")))
            paragraph.paragraph_format.space_before = gap if i == 0 else Pt(0)
            if i == 0 and (seal := element.find("img")) is not None:
                diameter = Mm(float(seal.get("data-diameter-mm")))
                run = paragraph.add_run()
                png = base64.b64decode(seal.get("src").split(",", 1)[1])
                run.add_picture(io.BytesIO(png), width=diameter, height=diameter)
                top = Length(gap + Pt(float(seal.get("data-top-pt"))))  # from the paragraph's top, gap included
                docx_xml.float_picture(run._r, Pt(float(seal.get("data-left-pt"))), top)

    # ---- 版记 ------------------------------------------------------------------------------------

    def imprint(self, element: ET.Element) -> None:
        """A one-column table ruled thick / thin / thick, where the PDF layout put it: after a page break,
        or an even-page section break (Word and LibreOffice insert the blank page), then a spacer that
        brings its last rule down to the 版心's bottom edge, less ``SLACK`` for the line-pitch rounding of
        word processors and the one-point paragraph Word needs after a table."""
        imprint = self.house.imprint
        placement = self.imprint_placement
        if placement is not None:
            if placement.blank_page:
                # An explicit blank page, then a section that starts on an even page: the 版记 lands on an
                # even page even if Word breaks pages differently, and the blank page survives LibreOffice's
                # PDF export, which drops the blank pages it inserts itself.
                self.section(WD_SECTION.NEW_PAGE, landscape=False, bare=True)
                self.document.add_paragraph(style=ROLES["imprint-print"].word_style)
                self.section(WD_SECTION.EVEN_PAGE, landscape=False, bare=True)
            elif self.landscape:
                self.section(WD_SECTION.NEW_PAGE, landscape=False)
            spacer = self.paragraph("imprint-print")
            fmt = spacer.paragraph_format
            fmt.line_spacing = Pt(max(1.0, placement.gap - SLACK.pt))
            fmt.space_before = fmt.space_after = Pt(0)
            fmt.page_break_before = placement.new_page and not placement.blank_page and not self.landscape
            docx_xml.no_snap_to_grid(spacer._p.get_or_add_pPr())
        self.landscape = False
        rows = list(element)
        table = self.document.add_table(rows=len(rows), cols=1)
        table.autofit = False
        if element.get("data-ruled") != "false":
            docx_xml.table_rules(table._tbl, imprint.thick, imprint.thin)
        else:
            docx_xml.table_rules(table._tbl, None, None)
        for row, line in zip(table.rows, rows):
            cell = row.cells[0]
            cell.width = self.house.page.text_width
            paragraph = cell.paragraphs[0]
            paragraph.style = self.document.styles[ROLES[line.get("class")].word_style]
            fmt = paragraph.paragraph_format
            fmt.left_indent = fmt.right_indent = imprint.side
            if line.get("class") == "imprint-cc":
                label = Length(len(imprint.cc_label) * imprint.size)
                fmt.left_indent, fmt.first_line_indent = Length(imprint.side + label), Length(-label)
                self.inline(paragraph, line)
            else:
                fmt.tab_stops.add_tab_stop(Length(self.house.page.text_width - 2 * imprint.side),
                                           WD_TAB_ALIGNMENT.RIGHT)
                by, date = line.find("span[@class='printed-by']"), line.find("span[@class='printed-date']")
                self.run(paragraph, by.text or "", None)
                if date is not None:
                    self.run(paragraph, "\t" + date.text, None)
        # Word wants a paragraph after a table at the end of the body: one point high.
        anchor = self.document.add_paragraph(style=ROLES["imprint-print"].word_style)
        anchor.paragraph_format.line_spacing = Pt(1)
        anchor.paragraph_format.space_before = anchor.paragraph_format.space_after = Pt(0)
        docx_xml.no_snap_to_grid(anchor._p.get_or_add_pPr())

    # ---- 附件, tables and charts ------------------------------------------------------------------

    def chart(self, image: ET.Element) -> None:
        """The chart as a picture (Word has no SVG before 2016 and WPS draws it unevenly), centred."""
        from .raster import svg_to_png

        width, height = float(image.get("data-width-mm")), float(image.get("data-height-mm"))
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
        self.landscape = landscape
        if bare:
            self.bare_sections.append(len(self.document.sections) - 1)

    def attachment(self, element: ET.Element) -> None:
        """A new page (a landscape section for a wide table); back to portrait for what follows."""
        landscape = "landscape" in element.get("class", "").split()
        if landscape or self.landscape:
            self.section(WD_SECTION.NEW_PAGE, landscape)
        else:
            self.page_break_next = True
        self.blocks(element)

    def table(self, element: ET.Element) -> None:
        """Cells placed on the grid their row and column spans make; the head row repeats on every page
        and no row splits across pages.  Spans are written straight into the rows (python-docx's
        ``cell()`` walks the whole grid each time: a 1,500-row ledger took minutes)."""
        widths = [Mm(float(col.get("data-width-mm"))) for col in element.iter("col")]
        rows = [element.find("thead/tr"), *element.findall("tbody/tr")]
        table = self.document.add_table(rows=len(rows), cols=len(widths))
        table.autofit = False
        docx_xml.table_grid(table._tbl, self.house.table.rule)
        for column, width in zip(table.columns, widths):
            column.width = width
        placed, taken = [], set()
        for r, tr in enumerate(rows):
            c = 0
            for td in tr:
                while (r, c) in taken:
                    c += 1
                down, across = int(td.get("rowspan", 1)), int(td.get("colspan", 1))
                taken |= {(r + i, c + j) for i in range(down) for j in range(across)}
                placed.append((r, c, down, across, td))
                c += across
        origins = docx_xml.span_cells(table._tbl, [(r, c, down, across) for r, c, down, across, _ in placed],
                                      [int(w) for w in widths])
        # Style ids looked up once: python-docx's style setter searches every style of the document each time
        style_ids = {role: self.document.part.get_style_id(self.document.styles[ROLES[role].word_style],
                                                           WD_STYLE_TYPE.PARAGRAPH)
                     for role in ("table-head", "table-cell")}
        for (r, c, down, across, td), tc in zip(placed, origins):
            paragraph = _Cell(tc, table).paragraphs[0]
            paragraph._p.style = style_ids["table-head" if td.tag == "th" else "table-cell"]
            if "align-center" in td.get("class", "") or td.tag == "th":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if "group" in (rows[r].get("class") or ""):
                self.run(paragraph, td.text or "", CHARACTER_STYLES["table-group"][0])
            else:
                self.inline(paragraph, td)
        for r, tr in enumerate(table._tbl.tr_lst):
            docx_xml.keep_row_whole(tr, header=r == 0)
