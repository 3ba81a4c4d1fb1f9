"""Tables generated from the 整改台账: the ledger itself, and the 问题清单 / 任务清单 / 责任清单 of a 整改方案.

Each is rows of cells with row and column spans, ready for a template: a category opens a group row, a
problem's cell spans the rows of the measures that answer it, and measures are numbered through the table.

Column widths come from the content.  A short field (序号, 责任领导, 责任单位, 完成时限, 进展) gets the width of its
longest cell when every cell is at most ``Table.one_line_chars`` wide, else of its longest word — a name between
、，；, a date's "2025年" or "12月31日" — and its cells are broken between words here, so no word processor
breaks "责任领导" or "12月31日" in two.  The free-text columns (问题, 整改措施) share what is left, in proportion
to how much they hold.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from docx.shared import Length

from . import style
from .model import Ledger, Measure

HAIR_CHARS = 0.05  # what ``Table.width`` adds for rounding
WORD_ENDS = re.compile(r"(?<=[、，,；;/／\s])|(?<=\d年)")


@dataclass(frozen=True)
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    align: str = "left"
    lines: tuple[str, ...] = ()  # a short field broken between its words; empty: the text wraps freely
    items: tuple[tuple[str, str], ...] = ()  # (number, text) of a cell written as a list: one paragraph each

    @property
    def shown_lines(self) -> tuple[str, ...]:
        return self.lines or tuple(self.text.split("\n"))  # a line break typed in a cell prints in both writers


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    group: bool = False  # a category's heading row


@dataclass(frozen=True)
class ColumnView:
    heading: str
    width: Length
    align: str


@dataclass(frozen=True)
class TableView:
    kind: str
    columns: tuple[ColumnView, ...]
    rows: tuple[Row, ...]
    node = "table"

    @property
    def landscape(self) -> bool:
        return is_landscape(len(self.columns))


def is_landscape(columns: int) -> bool:
    return columns >= style.TABLE.landscape_from_columns


def words(text: str) -> list[str]:
    """The pieces of a short field that stay on one line: split after 、，；/ and after a date's 年; a piece
    wider than ``whole_word_chars`` (a phrase, not a word) is split into its characters."""
    out = []
    for word in filter(None, WORD_ENDS.split(text)):
        if style.set_width_chars(word) <= style.TABLE.whole_word_chars:
            out.append(word)
        else:
            out.extend(word)
    return out


def is_short(text: str) -> bool:
    """Whether ``text`` reads as a short field: at most ``one_line_chars`` wide, or made of words (names between
    、，；, a date's parts) none wider than ``whole_word_chars`` — not a phrase."""
    table = style.TABLE
    return style.set_width_chars(text) <= table.one_line_chars or all(
        style.set_width_chars(word) <= table.whole_word_chars for word in filter(None, WORD_ENDS.split(text)))


def _short_width(texts: list[str]) -> float:
    """The width (in characters) a short field's column needs: its longest cell when every cell fits
    ``one_line_chars``, else its widest word (the cells then break between words, all alike)."""
    whole = max((style.set_width_chars(t) for t in texts), default=1.0)
    if whole <= style.TABLE.one_line_chars:
        return whole
    return max(style.set_width_chars(w) for t in texts for w in words(t))


def _lines(text: str, room: float) -> tuple[str, ...]:
    """``text`` broken between its words into lines at most ``room`` characters wide (greedily)."""
    if style.set_width_chars(text) <= room:
        return ()
    lines, line = [], ""
    for word in words(text):
        if line and style.set_width_chars(line + word) > room:
            lines.append(line)
            line = ""
        line += word
    return (*lines, line) if line else tuple(lines)


def _natural(columns: tuple[style.Column, ...], cells: list[list[str]]) -> tuple[list[Length | None], dict]:
    """Short fields' widths (None for free text) and each free-text column's volume (its cells' mean width
    in characters, at least ``min_text_chars``)."""
    table = style.TABLE
    out: list[Length | None] = []
    volume = {}
    for i, column in enumerate(columns):
        texts = [row[i] for row in cells if i < len(row) and row[i]]
        if column.wraps:
            out.append(None)
            volume[i] = max(sum(style.set_width_chars(t) for t in texts) / max(len(texts), 1), table.min_text_chars)
        else:
            out.append(table.width(_short_width([column.heading, *texts])))
    return out, volume


def free_room(columns: tuple[style.Column, ...], cells: list[list[str]], block: Length) -> Length:
    """What ``block`` leaves the free-text columns once the short fields have their width (below zero: the
    short fields alone are wider)."""
    return Length(block - sum(w for w in _natural(columns, cells)[0] if w is not None))


def widths(columns: tuple[style.Column, ...], cells: list[list[str]], block: Length) -> list[Length]:
    """Each column's width: short fields as narrow as their words allow, free text sharing the rest of
    ``block`` in proportion to the text it holds (at least ``min_text_chars``)."""
    table = style.TABLE
    out, volume = _natural(columns, cells)
    rest = block - sum(w for w in out if w is not None)
    total = sum(volume.values())
    floor = table.width(table.min_text_chars)
    if rest < floor * len(volume) or not volume:  # too many columns even for their floors, or no free text:
        # every column narrowed (widened) alike
        natural = [w if w is not None else floor for w in out]
        sizes = [Length(int(w * block / sum(natural))) for w in natural]
        widest = sizes.index(max(sizes))
        sizes[widest] = Length(sizes[widest] + block - sum(sizes))
        return sizes
    shares = {i: max(floor, Length(int(rest * v / total))) for i, v in volume.items()} if total else {}
    if shares:  # rounding and floors: the widest free column absorbs the difference
        widest = max(shares, key=shares.get)
        shares[widest] = Length(shares[widest] + rest - sum(shares.values()))
    return _half_characters([w if w is not None else shares[i] for i, w in enumerate(out)], set(shares))


def _half_characters(sizes: list[Length], free: set[int]) -> list[Length]:
    """Free-text columns within a hair of a whole number of characters set clear of it: a line that just
    fits (or just does not) in one renderer then does the same in the other (a column 12.97 characters wide
    held 13 in LibreOffice, which leaves the rule out, and 12 in the PDF; its rows, then the pages, came out
    differently).  Such a column is widened to hold ``close_fit_chars`` more than the whole number when
    another free column can give that and keep as many characters a line; else narrowed to hold as much less,
    what that frees going to the short fields (centred text)."""
    table = style.TABLE
    out = list(sizes)
    chars = lambda i: table.chars(out[i])  # noqa: E731
    for i in sorted(free, key=lambda i: -out[i]):
        whole = round(chars(i))
        if abs(chars(i) - whole) >= table.close_fit_chars or whole < 2:
            continue
        need = table.width(whole + table.close_fit_chars) - out[i]
        donors = [j for j in free if j != i
                  and chars(j) - need / table.size >= int(chars(j)) + table.close_fit_chars - HAIR_CHARS]
        if donors:
            donor = max(donors, key=lambda j: chars(j) - int(chars(j)))
            out[i], out[donor] = Length(out[i] + need), Length(out[donor] - need)
        else:
            out[i] = table.width(whole - table.close_fit_chars - 2 * HAIR_CHARS)
    short = [i for i in range(len(out)) if i not in free]
    if not short:  # every column free text: nowhere to put what a narrowed one frees
        return list(sizes) if sum(out) != sum(sizes) else out
    spare, among = sum(sizes) - sum(out), sum(out[i] for i in short)
    for i in short:
        out[i] += int(spare * out[i] / among)
    out[short[-1]] += sum(sizes) - sum(out)  # what rounding left
    return [Length(w) for w in out]


@dataclass(frozen=True)
class _Block:
    """Problems (numbered when several) and the measures that answer them together."""

    problems: tuple[str, ...]
    measures: tuple[Measure, ...]


def _blocks(category) -> list[_Block]:
    blocks = [_Block((p.text,), tuple(p.measures)) for p in category.problems if p.measures]
    rest = tuple(p.text for p in category.problems if not p.measures)
    if category.measures or rest:
        blocks.append(_Block(rest or (category.name,), tuple(category.measures)))
    return blocks


def _problem_text(problems: tuple[str, ...]) -> str:
    if len(problems) == 1:
        return problems[0]
    return "".join(style.numbered(style.PROBLEM_NUMBER, i) + p for i, p in enumerate(problems, 1))


def _measure_value(measure: Measure | None, field: str) -> str:
    if measure is None:
        return ""
    value = {"measure": measure.text, "leader": measure.leader, "unit": measure.unit,
             "deadline": measure.deadline, "status": measure.status.value if measure.status else None,
             "completed": measure.completed}[field]
    if value is None:
        return ""
    return value if isinstance(value, str) else style.cn_date(value)


def _rows(kind: str, columns: tuple[style.Column, ...], ledger: Ledger) -> list[Row]:
    fields = [c.field for c in columns]
    rows: list[Row] = []
    number = 0
    for ci, category in enumerate(ledger.categories, 1):
        group = style.numbered(style.HEADING_NUMBERS[0], ci) + category.name
        if "category" not in fields:
            rows.append(Row((Cell(group, colspan=len(columns)),), group=True))
        if kind == "problem_list":
            for pi, problem in enumerate(category.problems):
                number += 1
                cells = [Cell(str(number), align="center")]
                if pi == 0:
                    cells.append(Cell(category.name, rowspan=len(category.problems)))
                cells.append(Cell(problem.text))
                rows.append(Row(tuple(cells)))
            continue
        for block in _blocks(category):
            measures = block.measures or (None,)
            for mi, measure in enumerate(measures):
                number += 1 if measure is not None else 0
                cells = []
                for column in columns:
                    if column.field == "number":
                        cells.append(Cell(str(number) if measure is not None else "", align=column.align))
                    elif column.field == "problem":
                        if mi == 0:
                            cells.append(Cell(_problem_text(block.problems), rowspan=len(measures)))
                    else:
                        cells.append(Cell(_measure_value(measure, column.field), align=column.align))
                rows.append(Row(tuple(cells)))
    return rows


def grid(rows: list[Row], count: int) -> list[list[str]]:
    """Each row's cell texts by column (a spanned cell counted where it starts, group rows left out)."""
    grid, taken = [], set()
    for r, row in enumerate(rows):
        texts = [""] * count
        c = 0
        for cell in row.cells:
            while (r, c) in taken:
                c += 1
            taken |= {(r + i, c) for i in range(1, cell.rowspan)}
            if not row.group and c < count:
                texts[c] = cell.text
            c += cell.colspan
        grid.append(texts)
    return grid


def _break_short_fields(rows: list[Row], columns: tuple[style.Column, ...], sizes: list[Length]) -> list[Row]:
    out, taken = [], set()
    for r, row in enumerate(rows):
        cells, c = [], 0
        for cell in row.cells:
            while (r, c) in taken:
                c += 1
            taken |= {(r + i, c) for i in range(1, cell.rowspan)}
            if not row.group and not columns[c].wraps and not cell.items:
                cell = Cell(cell.text, cell.rowspan, cell.colspan, cell.align,
                            _lines(cell.text, style.TABLE.chars(sizes[c])))
            cells.append(cell)
            c += cell.colspan
        out.append(Row(tuple(cells), row.group))
    return out


def table(kind: str, ledger: Ledger) -> TableView:
    columns = style.TABLE.columns[kind]
    block = style.LANDSCAPE.text_width if is_landscape(len(columns)) else style.PAGE.text_width
    return laid_out(kind, columns, _rows(kind, columns, ledger), block)


def laid_out(kind: str, columns: tuple[style.Column, ...], rows: list[Row], block: Length) -> TableView:
    """Rows of cells on ``block``'s width: each column as wide as its content asks, short fields broken between
    their words."""
    sizes = widths(columns, grid(rows, len(columns)), block)
    views = tuple(ColumnView(c.heading, w, c.align) for c, w in zip(columns, sizes))
    return TableView(kind, views, tuple(_break_short_fields(rows, columns, sizes)))
