"""Page set-up and named Word styles, defined from the house-style table."""
from __future__ import annotations

from docx.enum.section import WD_ORIENT, WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Length, Pt

from .. import style
from . import docx_xml

ALIGN = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT}
# Character styles for inline classes of the intermediate: class → (Word style, face or None, bold)
CHARACTER_STYLES = {
    "lead": (style.LEAD_STYLE, None, True),
    "lead-kai": ("二级标题接排", style.ROLES["heading-2"].face, False),
    "signer-name": ("签发人姓名", style.SIGNER_FACE, False),
    "table-group": ("表内分组", style.TABLE.head_face, False),
    "attendance-label": ("出席标签", style.HEI, False),
}


def chars(n: float) -> Length:
    """``n`` characters of the 版心 grid."""
    return Length(int(n * style.PAGE.char_pitch))


def page_setup(document, house: style.HouseStyle) -> None:
    section = document.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    orient(section, house, landscape=False)


def orient(section, house: style.HouseStyle, landscape: bool) -> None:
    """A section on portrait pages, or on landscape pages for a wide table (the 版心 turned with them)."""
    page, turned = house.page, house.landscape
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = page.height, page.width
        section.top_margin, section.right_margin = turned.top, turned.right
        section.bottom_margin, section.left_margin = turned.bottom, turned.left
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = page.width, page.height
        section.top_margin, section.bottom_margin = page.top, page.bottom
        section.left_margin, section.right_margin = page.left, page.right
    docx_xml.set_line_grid(section, page.line_pitch)
    section.header_distance = Length(section.top_margin // 2)  # an empty header that ends above the 版心
    # the page number's baseline 7 mm (and the dash's rise) below the 版心, as on the PDF's pages of either
    # orientation; a footer reaching into the 版心 would shorten every page in Word and LibreOffice
    folio = house.folio
    section.footer_distance = Length(int(section.bottom_margin - folio.baseline_below_block
                                         - folio.size * (1 - folio.ascent_em)))


def define_styles(document, house: style.HouseStyle) -> None:
    # The default East Asian language stays python-docx's en-US: with zh-CN (or none, or ja-JP)
    # LibreOffice 7.4 hangs ，。 past the right margin whatever w:overflowPunct says.
    styles = document.styles
    docx_xml.house_defaults(document, style.BODY.face.official, style.HEI.official)
    normal = styles["Normal"]
    _character(normal, style.BODY.face, style.BODY.size, house)
    _paragraph(normal, style.BODY, house)
    for role in (*style.ROLES.values(), *style.BANNER_ROLES.values(), *style.IMPRINT_ROLES.values(),
                 *style.TABLE_ROLES.values()):
        word = styles.add_style(role.word_style, WD_STYLE_TYPE.PARAGRAPH)
        word.base_style = normal
        word.quick_style = True
        _character(word, role.face, role.size, house, role.bold)
        _paragraph(word, role, house)
    mark = styles[style.BANNER_ROLES["org-mark"].word_style]
    mark.font.color.rgb = docx_xml.rgb(house.banner.red)
    docx_xml.no_snap_to_grid(mark.element.get_or_add_pPr())
    for name, face, bold in CHARACTER_STYLES.values():
        character = styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        character.font.bold = bold or None
        if face is not None:
            docx_xml.set_fonts(character.element.get_or_add_rPr(), face.official)
    folio = styles.add_style(style.FOLIO_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    folio.base_style = normal
    _character(folio, house.folio.face, house.folio.size, house)
    folio.paragraph_format.first_line_indent = Pt(0)
    folio.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    docx_xml.no_snap_to_grid(folio.element.get_or_add_pPr())


def _character(word_style, face: style.Face, size: Length, house: style.HouseStyle, bold: bool = False) -> None:
    word_style.font.size = size
    word_style.font.bold = bold
    rpr = word_style.element.get_or_add_rPr()
    docx_xml.set_fonts(rpr, face.official)
    docx_xml.set_tracking(rpr, house.page.tracking if size == style.BODY.size else Length(0))


def _paragraph(word_style, role: style.Role, house: style.HouseStyle) -> None:
    fmt = word_style.paragraph_format
    line = house.page.line_pitch
    fmt.alignment = ALIGN[role.align]
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = role.line or (line if role.size <= line else role.size)
    if role.line:  # off the 版心's grid: lines of their own height
        docx_xml.no_snap_to_grid(word_style.element.get_or_add_pPr())
    fmt.first_line_indent = chars(role.indent_chars)
    fmt.left_indent = chars(role.left_chars)
    fmt.space_before = Length(line * role.space_before_lines)
    fmt.space_after = Length(line * role.space_after_lines)
    fmt.widow_control = False
    fmt.keep_with_next = fmt.keep_together = role.keep_with_next
    docx_xml.chinese_grid_text(word_style.element.get_or_add_pPr())
