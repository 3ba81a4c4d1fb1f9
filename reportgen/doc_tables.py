"""表格 → what the templates print: a table of the document's own columns, laid out as the ledger's are.

The editor writes the column heads and the rows; this adds what is generated — the 序号 column, the 一、二、 of
a group row, the 1. 2. 3. of a cell written as a list — and merges equal neighbours down the columns named in
合并.  It decides which columns are short fields (names, dates, amounts: every cell short, as
``tables.is_short`` says, unless 短列 names them) and whether the table needs landscape pages (its free
text would get less than ``Table.portrait_text_chars`` a line on portrait ones, unless 横向 says).  Widths
and word breaks are ``tables.laid_out``'s, as for the tables made from the ledger.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from docx.shared import Length

from . import style, tables
from .model import NUMBER_HEADING, Table

TYPED_LABEL = re.compile(rf"^\s*{style.TABLE_NOTE_LABEL[:-1]}\s*[：:]\s*")  # “注：” typed before the 注's text


@dataclass(frozen=True)
class DocTableView:
    title: str
    table: tables.TableView
    note: str
    landscape: bool  # on landscape pages: an attachment holding it turns, a portrait body gives it pages of its own
    own_pages: bool  # landscape pages of its own, between the portrait pages of the body
    node = "doc_table"


def _text(cell: str | list[str]) -> str:
    return cell if isinstance(cell, str) else "".join(cell)


def _items(cell: str | list[str]) -> tuple[tuple[str, str], ...]:
    """A cell written as a list: its lines, numbered 1. 2. 3. when there are several."""
    if isinstance(cell, str):
        return ()
    if len(cell) == 1:
        return (("", cell[0]),)
    return tuple((style.numbered(style.CELL_LINE_NUMBER, n), text) for n, text in enumerate(cell, 1))


def _spans(rows: list, column: int) -> dict[int, int]:
    """Row index → how many rows its cell in ``column`` covers, for runs of equal, non-empty neighbours (a group
    row ends a run); rows covered by the cell above are left out."""
    spans: dict[int, int] = {}
    start = None
    for r, row in enumerate(rows):
        text = None if isinstance(row, str) else _text(row[column])
        if start is not None and text and text == _text(rows[start][column]):
            spans[start] += 1
        elif text is not None:
            start, spans[r] = r, 1
        else:
            start = None
    return spans


def _numbers(rows: list, spans: dict[int, int] | None) -> dict[int, tuple[str, int]]:
    """Row index → (序号, rows it spans): one number a row, or one for each merged cell of the first column."""
    out, n = {}, 0
    for r, row in enumerate(rows):
        if isinstance(row, str) or (spans is not None and r not in spans):
            continue
        n += 1
        out[r] = (str(n), spans[r] if spans is not None else 1)
    return out


def _short(spec: Table, heading: str, cells: list) -> bool:
    if heading == NUMBER_HEADING and spec.numbered:
        return True
    if spec.short is not None:
        return heading in spec.short
    return all(isinstance(c, str) and tables.is_short(c) for c in cells)


def _needs_landscape(columns: tuple[style.Column, ...], grid: list[list[str]]) -> bool:
    """Whether the free text would get fewer than ``portrait_text_chars`` characters a line on portrait pages
    (or, without free text, the short fields would not fit)."""
    rest = tables.free_room(columns, grid, style.PAGE.text_width)
    free = sum(1 for c in columns if c.wraps)
    return rest < free * style.TABLE.width(style.TABLE.portrait_text_chars) if free else rest < 0


def view(spec: Table, turned: bool, in_attachment: bool) -> DocTableView:
    """``turned``: the pages are landscape already (a 台账); ``in_attachment``: an attachment, which turns
    its pages for a landscape table."""
    rows = list(spec.rows)
    data = [row for row in rows if not isinstance(row, str)]
    headings = ([NUMBER_HEADING] if spec.numbered else []) + list(spec.columns)
    offset = 1 if spec.numbered else 0
    merged = {i: _spans(rows, i) for i, heading in enumerate(spec.columns) if heading in spec.merged}
    numbers = _numbers(rows, merged.get(0)) if spec.numbered else {}
    columns = tuple(style.Column(h, f"column{i}", "center" if short else "left", wraps=not short)
                    for i, h in enumerate(headings)
                    for short in [_short(spec, h, [] if i < offset else [row[i - offset] for row in data])])
    out: list[tables.Row] = []
    groups = 0
    for r, row in enumerate(rows):
        if isinstance(row, str):
            groups += 1
            out.append(tables.Row((tables.Cell(style.numbered(style.HEADING_NUMBERS[0], groups) + row,
                                               colspan=len(columns)),), group=True))
            continue
        cells = []
        if r in numbers:
            number, down = numbers[r]
            cells.append(tables.Cell(number, rowspan=down, align="center"))
        for i, cell in enumerate(row):
            spans = merged.get(i)
            if spans is not None and r not in spans:
                continue  # covered by the merged cell above
            cells.append(tables.Cell(_text(cell), rowspan=spans[r] if spans else 1, align=columns[i + offset].align,
                                     items=_items(cell)))
        out.append(tables.Row(tuple(cells)))
    grid = tables.grid(out, len(columns))
    landscape = spec.landscape if spec.landscape is not None else _needs_landscape(columns, grid)
    block = style.LANDSCAPE.text_width if landscape or turned else style.PAGE.text_width
    return DocTableView(spec.title or "", tables.laid_out("table", columns, out, Length(block)),
                        style.TABLE_NOTE_LABEL + TYPED_LABEL.sub("", spec.footnote) if spec.footnote else "", landscape,
                        landscape and not turned and not in_attachment)
