"""The HTML intermediate's vocabulary: what the templates write and both writers read.

compose renders the Jinja templates — ours, or an office's own under ``--templates`` — into semantic HTML:
one class per paragraph role (``style.ROLES`` and its sibling tables), the element classes below, and
``data-*`` attributes carrying what compose computed (the 标志's size, the 署名's indents, the seal's place,
a table's column widths).  The PDF writer lays it out with the house CSS; the DOCX writer maps it onto Word
styles.  Both read attributes through the typed readers here, so a custom template that drops or garbles one
fails with a message naming the element and the attribute, not with a traceback.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from docx.shared import Length, Mm, Pt

from .errors import BuildError

# Elements with a meaning of their own (their first class).
BANNER = "banner"  # 版头: 份号 … 发文机关标志, 发文字号, red rule
ORG_MARK = "org-mark"  # the red 发文机关标志 (with "joint": several issuers stacked)
SIGNER_LINE = "signer-line"  # 上行文: 发文字号 left, 签发人 right
COMPILER_LINE = "compiler-line"  # 简报: the compiling office left, the date right
RED_RULE = "red-rule"
LETTERHEAD = "letterhead"  # 信函格式's head
SIGNATURE = "signature"  # 署名 and 成文日期, with the seal: on the page of the text before it
ATTACHMENT_NOTES = "attachment-notes"  # 附件说明: never split, on the page of the text before it
IMPRINT = "imprint"  # 版记
ATTACHMENT = "attachment"  # an attachment printed after the body ("landscape": on landscape pages)
TABLE = "ledger-table"  # a table generated from the ledger
DOC_TABLE = "doc-table"  # a table of the document's own columns (表格)
CELL_LINE = "cell-line"  # <div> in a cell written as a list: one paragraph each
KEPT_TABLE = "kept"  # on a doc-table with a 注: its last row stays on the page of the 注
TURNED = "turned"  # <section> around a 表格 of a portrait body that needs landscape pages of its own
CHART = "chart"  # <figure class="chart"><img …/></figure>
LANDSCAPE = "landscape"  # on <body> (a 台账) or an attachment: landscape pages

# What pagination adds to a merged cell a page break cuts, after its text (or the text's first lines) again
# on the next page; the importer reads such a cell as the one above it.
CONTINUED = "（续）"
SHORTENED = "……"  # before it, when the repeated text is cut short

# Inline classes the writers give a face or a meaning (besides the character styles of docx_styles).
NUMBER = "num"  # generated numbering: 一、 （一） 1.
TIGHT = "tight"  # a line's characters set tighter (data-tracking-pt) so a number keeps the character after it
DOC_NUMBER = "doc-number"
SIGNER = "signer"
COMPILER, ISSUED_DATE = "compiler", "issued-date"
PRINTED_BY, PRINTED_DATE = "printed-by", "printed-date"
GROUP_ROW = "group"  # a category's row in a table
CENTRED_CELL = "align-center"


@dataclass(frozen=True)
class Attribute:
    """A ``data-*`` attribute: its name, what it holds, in which unit."""

    name: str
    meaning: str
    unit: str = ""  # "pt", "mm", "lines", "chars", "" (a plain number), "flag", "word"


ATTRIBUTES = {a.name: a for a in (
    Attribute("data-size-pt", "发文机关标志的字号", "pt"),
    Attribute("data-scale", "发文机关标志的横向压缩比例"),
    Attribute("data-margin-pt", "发文机关标志上方的距离", "pt"),
    Attribute("data-space-after-lines", "发文机关标志下空的行数（简报名称下少一行）", "lines"),
    Attribute("data-space-after-pt", "红色分隔线到标题的距离（至少空二行，标题落在版心的行格上）", "pt"),
    Attribute("data-gap-lines", "署名上空的行数", "lines"),
    Attribute("data-after-lines", "成文日期下为印章留空的行数", "lines"),
    Attribute("data-right-chars", "署名或日期右空的字数", "chars"),
    Attribute("data-diameter-mm", "印章直径", "mm"),
    Attribute("data-left-pt", "印章距版心左边的距离", "pt"),
    Attribute("data-top-pt", "印章距署名行顶的距离", "pt"),
    Attribute("data-even-page", "版记是否放在偶数页", "flag"),
    Attribute("data-ruled", "版记是否有分隔线", "flag"),
    Attribute("data-width-mm", "宽度", "mm"),
    Attribute("data-height-mm", "高度", "mm"),
    Attribute("data-tracking-pt", "收紧的字距（标题或段落少占一行、数字不与其后的字分行）", "pt"),
    Attribute("data-keep", "分页时与下文的关系：lead 为接排标题不落在页末", "word"),
)}


def _describe(element: ET.Element) -> str:
    cls = element.get("class")
    return f"<{element.tag}{f' class=“{cls}”' if cls else ''}>"


def _raw(element: ET.Element, name: str, default: str | None) -> str:
    value = element.get(name, default)
    if value is None:
        attribute = ATTRIBUTES[name]
        raise BuildError(f"中间文件的 {_describe(element)} 缺少 {name}（{attribute.meaning}）："
                         f"自定义模板请照 templates/ 里同名元素的写法写出它")
    return value


def number(element: ET.Element, name: str, default: float | None = None) -> float:
    """A plain number, or a count of lines or characters."""
    raw = _raw(element, name, None if default is None else str(default))
    try:
        return float(raw)
    except ValueError:
        raise BuildError(f"中间文件的 {_describe(element)} 的 {name}=“{raw}” 不是数字"
                         f"（{ATTRIBUTES[name].meaning}）") from None


def length(element: ET.Element, name: str, default: Length | None = None) -> Length:
    """A length in the unit the attribute's name ends with (pt or mm)."""
    unit = ATTRIBUTES[name].unit
    value = number(element, name, None if default is None else (default.pt if unit == "pt" else default.mm))
    return Pt(value) if unit == "pt" else Mm(value)


def flag(element: ET.Element, name: str, default: bool) -> bool:
    raw = _raw(element, name, "true" if default else "false")
    if raw not in ("true", "false"):
        raise BuildError(f"中间文件的 {_describe(element)} 的 {name} 只能是 true 或 false，不是“{raw}”")
    return raw == "true"


def classes(element: ET.Element) -> list[str]:
    return (element.get("class") or "").split()


def cell_places(rows: list[ET.Element]) -> list[tuple[int, int, int, int, ET.Element]]:
    """(row, column, rows spanned, columns spanned, cell) of each cell of a table's ``rows``, in order: a
    cell stands in the first column the cells spanning down from the rows above leave free."""
    places, taken = [], set()
    for r, tr in enumerate(rows):
        column = 0
        for td in (cell for cell in tr if cell.tag in ("td", "th")):
            while (r, column) in taken:
                column += 1
            down = max(int(td.get("rowspan", "1") or 1), 1)
            across = max(int(td.get("colspan", "1") or 1), 1)
            taken |= {(r + i, column + j) for i in range(down) for j in range(across)}
            places.append((r, column, down, across, td))
            column += across
    return places


@dataclass(frozen=True)
class Placement:
    """Where the 版记 goes (7.4), decided by the PDF layout and followed by the DOCX: on a new page or not,
    after a blank page (neither of them numbered) or not, and ``gap`` between what precedes it and its
    first rule."""

    new_page: bool
    blank_page: bool
    gap: Length
