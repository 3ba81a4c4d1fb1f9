"""A merged cell cut by a page break is continued on the next page: its text again, marked （续）.

A table cell spanning several rows (a problem beside its measures, a category beside its problems) prints its
text once, in its first row.  When the rows run onto another page, that page would begin with an empty cell
beside the rest of the measures.  From a first layout we know which body rows open a page; the cell is then
cut there, and the rows below the break get a cell of their own holding the same text with
``intermediate.CONTINUED``.
Both writers read the intermediate so rewritten, so the DOCX carries the same cells as the PDF.

The rewrite always starts from the intermediate as composed, with the page openers of the latest layout, and
stops when a layout gives the openers it was cut for (a longer continued cell may push rows down).
"""
from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as ET
from typing import NamedTuple

from .. import intermediate, style
from . import rewrite

TABLES = (intermediate.TABLE, intermediate.DOC_TABLE)

Openers = dict[int, frozenset[int]]  # a table's place among the document's tables → its body rows opening a page


SPANNING = re.compile(r'rowspan="0*([2-9]|[1-9]\d+)"')


def spans_rows(html: str) -> bool:
    """Whether the intermediate has a cell spanning rows at all (else no layout is needed for this)."""
    return SPANNING.search(html) is not None


def _tables(root) -> list:
    return [t for t in root.iter("table") if set(intermediate.classes(t)) & set(TABLES)]


def _body_rows(table) -> list:
    """The table's rows outside its head, in order (html5lib puts bare rows in a tbody, ElementTree doesn't)."""
    head = {id(tr) for thead in table.iter("thead") for tr in thead.iter("tr")}
    return [tr for tr in table.iter("tr") if id(tr) not in head]


class Breaks(NamedTuple):
    rows: Openers
    shape: tuple[int, ...]  # each table's body rows, as WeasyPrint's parser read them


def _shape(root) -> tuple[int, ...]:
    return tuple(len(_body_rows(table)) for table in _tables(root))


def openers(document) -> Breaks:
    """For each table, the body rows that begin a page other than the table's first, in a WeasyPrint layout."""
    from weasyprint.formatting_structure.boxes import TableRowBox

    root = rewrite.root_element(document)
    places = {}
    for t, table in enumerate(_tables(root)):
        for r, tr in enumerate(_body_rows(table)):
            places[id(tr)] = (t, r)
    first_page: dict[tuple[int, int], int] = {}
    for number, page in enumerate(document.pages):
        for box in page._page_box.descendants():
            if isinstance(box, TableRowBox) and id(box.element) in places:
                first_page.setdefault(places[id(box.element)], number)
    found: dict[int, set[int]] = {}
    for (t, r), number in first_page.items():
        if r and first_page.get((t, r - 1), number) < number:
            found.setdefault(t, set()).add(r)
    return Breaks({t: frozenset(rows) for t, rows in found.items()}, _shape(root))


def _mark(td, chars: float) -> None:
    """``intermediate.CONTINUED`` after the cell's text; on a line of its own in a short field's cell (centred:
    a name or a date whose column is only as wide as its words).  A long text is cut to its first
    ``style.TABLE.continued_lines`` lines of the column (``chars`` a line), with “……”: repeated whole, a
    problem longer than the measures beside it would make their rows, and the ledger, longer."""
    if intermediate.CENTRED_CELL in intermediate.classes(td):
        last = td[-1] if len(td) and td[-1].tag == "div" else td  # a list's last item, as the DOCX writes it
        ET.SubElement(last, "br").tail = intermediate.CONTINUED
        return
    keep = max(int(chars) * style.TABLE.continued_lines - len(intermediate.SHORTENED + intermediate.CONTINUED), 1)
    if not len(td) and len(td.text or "") > keep + len(intermediate.SHORTENED):
        td.text = td.text[:keep] + intermediate.SHORTENED
    _append(td, intermediate.CONTINUED)


def _append(element, text: str) -> None:
    """``text`` after the last character ``element`` holds (in its last line or list item)."""
    if not len(element):
        element.text = (element.text or "") + text
    elif element[-1].tag == "div":
        _append(element[-1], text)
    else:
        element[-1].tail = (element[-1].tail or "") + text


def _span(td, rows: int) -> None:
    if rows > 1:
        td.set("rowspan", str(rows))
    else:
        td.attrib.pop("rowspan", None)


def _continue_cells(table, breaks: frozenset[int]) -> bool:
    """Cuts each cell spanning rows at the breaks inside it; True when something was cut."""
    rows = _body_rows(table)
    places = intermediate.cell_places(rows)
    placed: dict[int, list[tuple[int, object]]] = {r: [] for r in range(len(rows))}  # row → (column, td)
    for r, column, _, _, td in places:
        placed[r].append((column, td))
    widths = [style.TABLE.chars(intermediate.length(col, "data-width-mm")) for col in table.iter("col")]
    cut = False
    for start, column, down, across, td in places:
        inside = sorted(b for b in breaks if start < b < start + down)
        for at, until in zip(inside, [*inside[1:], start + down]):
            part = copy.deepcopy(td)
            _mark(part, sum(widths[column:column + across]))
            _span(part, until - at)
            placed[at].append((column, part))
            cut = True
        if inside:
            _span(td, inside[0] - start)
    if cut:
        for r, tr in enumerate(rows):
            cells = sorted(placed[r], key=lambda pair: pair[0])
            tail = [c for c in tr if c.tag not in ("td", "th")]
            tr[:] = [td for _, td in cells] + tail
    return cut


def continued(html: str, breaks: Openers, shape: tuple[int, ...] | None = None) -> str:
    """``html`` with the cells spanning rows cut at ``breaks`` and continued below them; ``html`` itself
    when no cell is cut, or when its tables do not have the ``shape`` the layout read."""
    parsed = rewrite.parse(html) if breaks else None
    if parsed is None or shape is not None and _shape(parsed[1]) != shape:
        return html
    prefix, root = parsed
    tables = _tables(root)
    cut = [_continue_cells(tables[t], rows) for t, rows in breaks.items() if t < len(tables)]
    return rewrite.serialize(prefix, root) if any(cut) else html
