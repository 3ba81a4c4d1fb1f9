"""The raw WordprocessingML python-docx has no API for; the only module of reportgen that writes XML."""
from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime, timezone

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length

FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
THEME_SLOTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


# Child order of w:pPr and w:rPr (ECMA-376 §17.3.1.26, §17.3.2.28): Word refuses a file that breaks it.
PPR_ORDER = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
             "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
             "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
             "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
             "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
             "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
RPR_ORDER = ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
             "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
             "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs",
             "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs",
             "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")


TBLPR_ORDER = ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
               "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd",
               "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")


TCPR_ORDER = ("w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap",
              "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")


def _child(parent, tag: str, order: tuple[str, ...]):
    """The ``tag`` child of ``parent``, created in its schema position when missing."""
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        parent.insert_element_before(element, *order[order.index(tag) + 1:])
    return element


def set_fonts(rpr, name: str) -> None:
    """Names ``name`` for every script, East Asian included, and drops theme fonts (they would win)."""
    fonts = rpr.get_or_add_rFonts()
    for slot in THEME_SLOTS:
        fonts.attrib.pop(qn(slot), None)
    for slot in FONT_SLOTS:
        fonts.set(qn(slot), name)
    fonts.set(qn("w:hint"), "eastAsia")  # “ ” — … in the East Asian face, not the Latin one


def set_tracking(rpr, spacing: Length) -> None:
    """Character spacing (w:spacing, in twips) that sets 28 characters a line."""
    _child(rpr, "w:spacing", RPR_ORDER).set(qn("w:val"), str(spacing.twips))


def set_line_grid(section, line_pitch: Length) -> None:
    """A line-only document grid (w:docGrid type="lines").

    Word's usual ``linesAndChars`` grid made LibreOffice 7.4 set characters two cells apart (14 a line);
    characters are fitted by tracking instead."""
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    for attribute in list(grid.attrib):
        del grid.attrib[attribute]
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(line_pitch.twips))


def even_and_odd_footers(settings) -> None:
    if settings.element.find(qn("w:evenAndOddHeaders")) is None:
        settings.element.append(OxmlElement("w:evenAndOddHeaders"))


def add_page_field(paragraph, make_run) -> None:
    """A PAGE field as begin / instruction / separate / result / end runs, each formatted by ``make_run``."""
    def char(kind: str):
        run = make_run("")
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)

    char("begin")
    instruction = make_run("")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = " PAGE "
    instruction._r.append(text)
    char("separate")
    make_run("1")
    char("end")


def chinese_grid_text(ppr) -> None:
    """Punctuation never hangs past the right margin; a little space between Chinese and Latin letters or
    digits, as the PDF has (``style.AUTOSPACE_EM``).

    Word's defaults hang ，。、 into the margin (w:overflowPunct) and space Chinese from Western characters
    (w:autoSpaceDE, w:autoSpaceDN); LibreOffice ignores the latter two and always spaces."""
    _child(ppr, "w:overflowPunct", PPR_ORDER).set(qn("w:val"), "0")
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        _child(ppr, tag, PPR_ORDER).set(qn("w:val"), "1")


def no_snap_to_grid(ppr) -> None:
    """Lets a paragraph ignore the line grid (the 四号 page number in its footer)."""
    _child(ppr, "w:snapToGrid", PPR_ORDER).set(qn("w:val"), "0")


def rgb(hex_colour: str):
    from docx.shared import RGBColor

    return RGBColor.from_string(hex_colour)


def set_scale(rpr, scale: float) -> None:
    """Horizontal compression of the characters (w:w, percent): how Word fits a long 标志 on one line."""
    _child(rpr, "w:w", RPR_ORDER).set(qn("w:val"), str(round(scale * 100)))


def bottom_border(ppr, colour: str, width: Length, space: Length) -> None:
    """A rule under the paragraph, ``space`` below its last line (w:pBdr/w:bottom)."""
    borders = _child(ppr, "w:pBdr", PPR_ORDER)
    bottom = borders.find(qn("w:bottom"))
    if bottom is None:
        bottom = OxmlElement("w:bottom")
        borders.append(bottom)
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), str(round(width.pt * 8)))  # eighths of a point
    bottom.set(qn("w:space"), str(round(space.pt)))  # whole points
    bottom.set(qn("w:color"), colour)


def table_rules(tbl, outer: Length | None, inner: Length | None) -> None:
    """Horizontal rules only: ``outer`` above and below the table, ``inner`` between rows (None: no rule);
    no cell margins."""
    borders = _child(tbl.tblPr, "w:tblBorders", TBLPR_ORDER)
    for side, width in (("top", outer), ("left", None), ("bottom", outer), ("right", None),
                        ("insideH", inner), ("insideV", None)):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single" if width else "nil")
        if width:
            edge.set(qn("w:sz"), str(round(width.pt * 8)))
            edge.set(qn("w:space"), "0")
            edge.set(qn("w:color"), "000000")
        borders.append(edge)
    margins = _child(tbl.tblPr, "w:tblCellMar", TBLPR_ORDER)
    for side in ("left", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), "0")
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)


def float_on_page(tbl, left: Length, top: Length, below: Length) -> None:
    """A floating table ``left`` and ``top`` from the paper's edges; the text flows ``below`` under it."""
    _float(tbl, ("w:vertAnchor", "page"), ("w:horzAnchor", "page"), ("w:tblpX", str(left.twips)),
           ("w:tblpY", str(top.twips)), ("w:bottomFromText", str(below.twips)))


def _float(tbl, *position) -> None:
    """A floating table (w:tblpPr), by default with no space around it, and no other floating object over it."""
    element = _child(tbl.tblPr, "w:tblpPr", TBLPR_ORDER)
    for name, value in (("w:leftFromText", "0"), ("w:rightFromText", "0"), ("w:topFromText", "0"),
                        ("w:bottomFromText", "0"), *position):
        element.set(qn(name), value)
    _child(tbl.tblPr, "w:tblOverlap", TBLPR_ORDER).set(qn("w:val"), "never")


def float_at_bottom(tbl, left: Length) -> None:
    """A floating table whose bottom edge stands on the bottom margin (the 版心's bottom edge), ``left`` from
    the paper's left edge.  (LibreOffice 7.4 floats a table as wide as the text only when it is placed
    relative to the page horizontally; Word floats it either way.)"""
    _float(tbl, ("w:vertAnchor", "margin"), ("w:horzAnchor", "page"), ("w:tblpX", str(left.twips)),
           ("w:tblpYSpec", "bottom"))


def table_grid(tbl, width: Length, padding: Length) -> None:
    """Every cell ruled with ``width`` lines, ``padding`` inside each cell on every side."""
    borders = _child(tbl.tblPr, "w:tblBorders", TBLPR_ORDER)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), str(round(width.pt * 8)))
        edge.set(qn("w:space"), "0")
        edge.set(qn("w:color"), "000000")
        borders.append(edge)
    margins = _child(tbl.tblPr, "w:tblCellMar", TBLPR_ORDER)
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(padding.twips))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)


def keep_row_whole(tr, header: bool) -> None:
    """w:cantSplit (a row never breaks across pages); w:tblHeader repeats the head row on every page."""
    trpr = tr.get_or_add_trPr()
    for tag in (("w:cantSplit", "w:tblHeader") if header else ("w:cantSplit",)):
        if trpr.find(qn(tag)) is None:
            trpr.append(OxmlElement(tag))


def float_picture(r, left: Length, top: Length) -> None:
    """Turns the run's inline picture into one floating behind the text (wp:anchor), ``left`` from the text
    column's left edge and ``top`` from the top of its paragraph (LibreOffice clamps negative offsets from a
    line to zero)."""
    drawing = r.find(qn("w:drawing"))
    inline = drawing[0]
    anchor = OxmlElement("wp:anchor")
    for name, value in (("distT", "0"), ("distB", "0"), ("distL", "0"), ("distR", "0"), ("simplePos", "0"),
                        ("relativeHeight", "251659264"), ("behindDoc", "1"), ("locked", "0"),
                        ("layoutInCell", "1"), ("allowOverlap", "1")):
        anchor.set(name, value)
    simple = OxmlElement("wp:simplePos")
    simple.set("x", "0")
    simple.set("y", "0")
    anchor.append(simple)
    for axis, relative, offset in (("wp:positionH", "column", left), ("wp:positionV", "paragraph", top)):
        position = OxmlElement(axis)
        position.set("relativeFrom", relative)
        value = OxmlElement("wp:posOffset")
        value.text = str(int(offset))
        position.append(value)
        anchor.append(position)
    anchor.append(inline.find(qn("wp:extent")))
    effect = inline.find(qn("wp:effectExtent"))
    if effect is not None:
        anchor.append(effect)
    anchor.append(OxmlElement("wp:wrapNone"))
    for tag in ("wp:docPr", "wp:cNvGraphicFramePr", "a:graphic"):
        child = inline.find(qn(tag))
        if child is not None:
            anchor.append(child)
    drawing.replace(inline, anchor)


def double_border(ppr, side: str, colour: str, letter, space: Length) -> None:
    """A red double rule above or below a paragraph: thick over thin under the 标志 of a 函, thin over
    thick at its foot (w:thickThinLargeGap / w:thinThickLargeGap)."""
    borders = _child(ppr, "w:pBdr", PPR_ORDER)
    edge = OxmlElement(f"w:{side}")
    edge.set(qn("w:val"), "thickThinLargeGap")  # the thick line nearer the text: thin outside, both ways
    edge.set(qn("w:sz"), str(round(letter.rule_height.pt * 8)))
    edge.set(qn("w:space"), str(round(space.pt)))
    edge.set(qn("w:color"), colour)
    borders.append(edge)


THEME_FONT = re.compile(r'(<a:(?:major|minor)Font>\s*<a:latin typeface=")[^"]*("/>\s*<a:ea typeface=")[^"]*(")')


def house_defaults(document, body_face: str, heading_face: str) -> None:
    """Replaces what python-docx's template says about fonts and languages with the house's: document
    defaults in the body face (no theme fonts), theme fonts for a Chinese document (the template's are
    Japanese: ＭＳ 明朝, ＭＳ ゴシック), and the font table naming the house faces."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    set_fonts(rpr, body_face)
    document.settings.element.find(qn("w:themeFontLang")).set(qn("w:eastAsia"), "zh-CN")
    for part in document.part.package.iter_parts():
        name = str(part.partname)
        if name.endswith("/theme/theme1.xml"):
            xml = part.blob.decode("utf-8")
            xml = re.sub(r'\s*<a:font script="Jpan" typeface="[^"]*"/>', "", xml)
            faces = iter((heading_face, body_face))
            part._blob = THEME_FONT.sub(lambda m: (face := next(faces)) and f"{m[1]}{face}{m[2]}{face}{m[3]}",
                                        xml).encode("utf-8")
        elif name.endswith("/fontTable.xml"):
            part._blob = re.sub(r'\s*<w:font w:name="ＭＳ [^"]*">.*?</w:font>', "", part.blob.decode("utf-8"),
                                flags=re.S).encode("utf-8")


ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=timezone.utc)  # the earliest time a ZIP entry can carry
ZIP_LAST = (2107, 12, 31, 23, 59, 58)  # and the latest (DOS dates count years from 1980 in 7 bits)


def stable_zip(package: bytes, when: datetime | None) -> bytes:
    """The DOCX package with every entry stamped ``when`` (or 1980-01-01), in the order python-docx wrote
    them: the same document gives the same bytes.  A date the ZIP format cannot hold is clamped to its
    range, as reproducible-build tools do; the document's own properties keep the real date."""
    stamp = min((when or ZIP_EPOCH).timetuple()[:6], ZIP_LAST)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            entry = zipfile.ZipInfo(item.filename, date_time=max(stamp, (1980, 1, 1, 0, 0, 0)))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(item.filename))
    return out.getvalue()


def span_cells(tbl, spans: list[tuple[int, int, int, int]], widths: list[int]) -> list:
    """Applies (row, column, rows down, columns across) spans to a table of plain rows and returns each
    span's first cell: gridSpan across, vMerge restart / continue down, covered cells removed."""
    rows = [list(tr.tc_lst) for tr in tbl.tr_lst]
    origin_of = {}
    for index, (r, c, down, across) in enumerate(spans):
        for i in range(down):
            origin_of[(r + i, c)] = (index, i)
            for j in range(1, across):
                origin_of[(r + i, c + j)] = None  # swallowed by the gridSpan of the cell to its left
    origins = [None] * len(spans)
    for r, cells in enumerate(rows):
        for c, tc in enumerate(cells):
            where = origin_of.get((r, c), "free")
            if where is None:
                tc.getparent().remove(tc)
                continue
            if where == "free":
                continue
            index, depth = where
            _, _, down, across = spans[index]
            pr = tc.get_or_add_tcPr()
            _child(pr, "w:tcW", TCPR_ORDER).set(qn("w:w"), str(sum(widths[c:c + across]) // 635))
            pr.find(qn("w:tcW")).set(qn("w:type"), "dxa")
            if across > 1:
                _child(pr, "w:gridSpan", TCPR_ORDER).set(qn("w:val"), str(across))
            if down > 1:
                merge = _child(pr, "w:vMerge", TCPR_ORDER)
                if depth == 0:
                    merge.set(qn("w:val"), "restart")
            if depth == 0:
                origins[index] = tc
    return origins
