"""Any other table of a DOCX → a ``表格`` block, so its text comes back in the document's own columns.

The head row gives 表头; a row of one cell across the table is a group row (the 一、 that ``doc_tables``
generates for it dropped); a cell merged down takes the text above it and names its column in 合并; a cell of
lines numbered 1. 2. 3. (as ``doc_tables`` prints a cell written as a list) becomes that list without its
numbers.  A table of another shape (cells spanning some columns, rows of other lengths) is left to the
caller, which keeps it as comments.
"""
from __future__ import annotations

import re

from . import style
from .import_read import Table

LINE_NUMBER = re.compile(r"(\d+)[.．]")


def _cell(text: str) -> str | list[str]:
    lines = [line for line in text.split("\n") if line]
    numbers = [LINE_NUMBER.match(line) for line in lines]
    if len(lines) > 1 and all(m and int(m[1]) == n for n, m in enumerate(numbers, 1)):
        return [line[m.end():] for line, m in zip(lines, numbers)]
    return "".join(lines)


def _group(text: str, n: int) -> str:
    """A group row's text without the number generated for the ``n``-th group (kept when it differs)."""
    number = style.numbered(style.HEADING_NUMBERS[0], n)
    return text[len(number):] if text.startswith(number) else text


def block(table: Table) -> dict | None:
    """The ``{表格: …}`` block ``table`` reads as, or None when its shape is not one a 表格 prints."""
    if len(table.rows) < 2 or any(c is None or c.span != 1 for c in table.rows[0]):
        return None
    columns = [c.text for c in table.rows[0]]
    width = len(columns)
    if len(set(columns)) < width or not all(columns):
        return None
    rows: list = []
    merged: set[int] = set()
    above: list = [None] * width
    groups = 0
    for row in table.rows[1:]:
        if len(row) == 1 and row[0] is not None and row[0].span == width:
            groups += 1
            rows.append(_group(row[0].text, groups))
            above = [None] * width  # a group row ends a merged run
            continue
        if len(row) != width or any(c is not None and c.span != 1 for c in row):
            return None
        cells = []
        for i, cell in enumerate(row):
            if cell is None:
                if above[i] is None:
                    return None
                merged.add(i)
                cells.append(above[i])
            else:
                cells.append(_cell(cell.text))
        above = cells
        rows.append(cells)
    spec: dict = {"表头": columns}
    if merged:
        spec["合并"] = [columns[i] for i in sorted(merged)]
    spec["行"] = rows
    return {"表格": spec}
