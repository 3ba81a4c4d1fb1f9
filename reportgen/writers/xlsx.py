"""HTML intermediate → the 整改台账 as an Excel workbook (openpyxl), the way offices exchange it.

The writer reads the ledger table the PDF and DOCX writers print (``table.kind-ledger_table``: its head row,
row spans and category rows), so the three outputs carry the same cells.  A title row and the 截至 date
above it; landscape A4 with the head row printed on every page and frozen on screen; merged problem cells,
wrapped text, column widths and row heights from the content.  ``by_unit`` adds a sheet per 责任单位 with
its own rows (a measure of two units is on both sheets; 序号 stays that of the whole ledger).
"""
from __future__ import annotations

import io
import math
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone

from docx.shared import Length, Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break
from openpyxl.writer.excel import ExcelWriter

from .. import intermediate, style
from ..errors import BuildError
from .docx_xml import ZIP_EPOCH, stable_zip

# A column's width is counted in digits of the workbook's default font (Calibri 11: 7 px at 96 dpi).
MM_PER_WIDTH_UNIT = 7 * 25.4 / 96
MAX_ROW_HEIGHT = Pt(409)  # Excel's limit
GB2312 = 134  # the font charset Excel and WPS expect for Chinese faces
UNIT_SEPARATORS = re.compile(r"[、，,；;/\s]+")
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_LIMIT = 31
THIN = Side(style="thin")
RULED = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


@dataclass(frozen=True)
class Cell:
    """A cell of the table where its spans put it on the grid (row 0 is the head row)."""

    text: str
    row: int
    col: int
    down: int = 1
    across: int = 1
    align: str = "left"
    role: str = "cell"  # head | group | cell


@dataclass(frozen=True)
class Table:
    cells: tuple[Cell, ...]
    at: tuple[tuple[int, ...], ...]  # grid row → column → index in ``cells``
    widths_mm: tuple[float, ...]  # as the house style sets them: the weights of the columns

    @property
    def headings(self) -> list[str]:
        return [self.cells[i].text for i in self.at[0]]

    def measure_rows(self, column: int, unit: str) -> list[int]:
        """The rows whose cell in ``column`` names ``unit`` (alone or among others)."""
        return [r for r in range(1, len(self.at))
                if unit in UNIT_SEPARATORS.split(self.cells[self.at[r][column]].text)]


def _table(element: ET.Element) -> Table:
    try:
        return _grid(element)
    except (TypeError, ValueError, IndexError) as e:  # an office's own template wrote another table
        raise BuildError(f"整改台账表格读不出（{type(e).__name__}: {e}）：表格应有 thead 的一行表头、每列一个带 "
                         "data-width-mm 的 col、合法的 rowspan/colspan") from None


def _grid(element: ET.Element) -> Table:
    rows = [element.find("thead/tr"), *element.findall("tbody/tr")]
    widths = tuple(intermediate.number(col, "data-width-mm") for col in element.iter("col"))
    cells: list[Cell] = []
    at = [[-1] * len(widths) for _ in rows]
    for r, c, down, across, td in intermediate.cell_places(rows):
        role = "head" if r == 0 else "group" if "group" in (rows[r].get("class") or "").split() else "cell"
        align = "center" if role == "head" or "align-center" in (td.get("class") or "") else "left"
        for i in range(down):
            for j in range(across):
                at[r + i][c + j] = len(cells)
        cells.append(Cell("".join(td.itertext()), r, c, down, across, align, role))
    return Table(tuple(cells), tuple(map(tuple, at)), widths)


def _ledger_table(root: ET.Element) -> ET.Element:
    for element in root.iter("table"):
        if "kind-ledger_table" in (element.get("class") or "").split():
            return element
    raise BuildError("文中没有整改台账表格：--format xlsx 只用于插入了整改台账（正文或附件中写“插入: 整改台账”）的文档")


def _heading_above(root: ET.Element, table: ET.Element) -> str:
    """The title the table stands under: its attachment's, or the document's."""
    within = next((s for s in root.iter("section") if any(e is table for e in s.iter("table"))), root)
    title = within.find(".//h1")
    return "".join(title.itertext()) if title is not None else ""


def _as_of(root: ET.Element) -> str | None:
    """（截至…）: the line under a 台账's title, else the document's date."""
    for p in root.iter("p"):
        text = "".join(p.itertext())
        if "subtitle" in (p.get("class") or "").split() and "截至" in text:
            return text
    date = next((p for p in root.iter("p") if (p.get("class") or "").split() == ["date"]), None)
    return f"（截至{''.join(date.itertext())}）" if date is not None else None


def _fit(naturals: list[float], weights: list[float], total: float) -> list[float]:
    """Widths that add up to ``total``: a column whose content needs less than its share (by weight) gets
    what it needs, the others share what is left (water-filling)."""
    widths = [0.0] * len(naturals)
    open_ = set(range(len(naturals)))
    left = total
    while open_:
        weight = sum(weights[i] for i in open_)
        fitting = {i for i in open_ if naturals[i] <= left * weights[i] / weight}
        if not fitting:
            for i in open_:
                widths[i] = left * weights[i] / weight
            break
        for i in fitting:
            widths[i] = naturals[i]
            left -= naturals[i]
        open_ -= fitting
    return widths


def _lines(text: str, width_mm: float, size: Length, margin: Length) -> int:
    """Lines ``text`` wraps to in a column ``width_mm`` wide (a little pessimistic: faces differ)."""
    per_line = max(1.0, (width_mm - margin.mm) / size.mm * 0.95)
    return max(1, math.ceil(style.text_width_chars(text) / math.floor(per_line)))


class XlsxWriter:
    def __init__(self, house: style.Workbook = style.WORKBOOK, by_unit: bool = False):
        self.house, self.by_unit = house, by_unit

    def render(self, html: str) -> bytes:
        root = ET.fromstring(html)
        element = _ledger_table(root)
        table = _table(element)
        title, as_of = _heading_above(root, element), _as_of(root)
        book = Workbook()
        rows = list(range(1, len(table.at)))
        self._sheet(book.active, self.house.sheet_name, table, rows, title, as_of)
        if self.by_unit:
            self._unit_sheets(book, table, title, as_of)
        meta = {m.get("name"): m.get("content") for m in root.iter("meta") if m.get("name")}
        created = datetime.fromisoformat(meta["dcterms.created"]) if "dcterms.created" in meta else None
        stamp = (created or ZIP_EPOCH).astimezone(timezone.utc).replace(tzinfo=None)
        book.properties.title, book.properties.creator = title, meta.get("author", "")
        book.properties.created = book.properties.modified = stamp
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            ExcelWriter(book, archive).save()  # not openpyxl.save_workbook: it stamps the clock's time
        return stable_zip(out.getvalue(), created)

    def _unit_sheets(self, book: Workbook, table: Table, title: str, as_of: str | None) -> None:
        unit_heading = next(c.heading for c in style.TABLE.columns["ledger_table"] if c.field == "unit")
        if unit_heading not in table.headings:
            raise BuildError(f"台账表格没有“{unit_heading}”列：无法按责任单位分页")
        column = table.headings.index(unit_heading)
        units = dict.fromkeys(unit for r in range(1, len(table.at)) if table.cells[table.at[r][0]].role == "cell"
                              for unit in UNIT_SEPARATORS.split(table.cells[table.at[r][column]].text) if unit)
        names = {self.house.sheet_name.casefold()}
        for unit in units:
            name = _sheet_name(unit, names)
            names.add(name.casefold())
            rows = _with_groups(table, table.measure_rows(column, unit))
            line = "\u3000".join(filter(None, (f"{unit_heading}：{unit}", as_of)))
            self._sheet(book.create_sheet(name), name, table, rows, title, line)

    def _sheet(self, ws, name: str, table: Table, rows: list[int], title: str, as_of: str | None) -> None:
        house = self.house
        ws.title = name
        columns = len(table.widths_mm)
        top = [(title, house.title_face, house.title_size)]
        top += [(as_of, house.date_face, house.date_size)] if as_of else []
        widths = self._widths(table, [0, *rows])
        for r, (text, face, size) in enumerate(top, 1):
            cell = ws.cell(r, 1, text)
            cell.font = Font(name=face.official, size=size.pt, charset=GB2312)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=columns)
            lines = _lines(text, sum(widths), size, house.cell_margin)
            ws.row_dimensions[r].height = lines * size.pt * house.title_line + house.padding.pt
        head = len(top) + 1
        sheet_row = {grid_row: head + i for i, grid_row in enumerate([0, *rows])}
        heights = {sheet_row[r]: 0.0 for r in sheet_row}  # pt
        spans = []
        for cell in table.cells:
            covered = [sheet_row[r] for r in range(cell.row, cell.row + cell.down) if r in sheet_row]
            if not covered:
                continue
            self._write(ws, cell, covered[0], covered[-1])
            width = sum(widths[cell.col:cell.col + cell.across])
            need = _lines(cell.text, width, house.size, house.cell_margin) * house.line.pt + house.padding.pt
            if len(covered) == 1:
                heights[covered[0]] = max(heights[covered[0]], need)
            else:
                spans.append((covered, need))
        for covered, need in spans:  # a merged problem cell: its rows share what they lack
            lacking = max(0.0, need - sum(heights[r] for r in covered))
            for r in covered:
                heights[r] += lacking / len(covered)
        for r, height in heights.items():
            ws.row_dimensions[r].height = round(min(height, MAX_ROW_HEIGHT.pt), 1)
        self._page_breaks(ws, heights, [covered for covered, _ in spans], head, table, sheet_row)
        for c, width in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(c)].width = round(width / MM_PER_WIDTH_UNIT, 2)
        ws.freeze_panes = ws.cell(head + 1, 1)
        ws.print_title_rows = f"{head}:{head}"
        self._print_setup(ws)

    @staticmethod
    def _page_breaks(ws, heights: dict[int, float], spans: list[list[int]], head: int, table: Table,
                     sheet_row: dict[int, int]) -> None:
        """Page breaks before a problem's rows (a merged cell) or a category's row with the rows after it
        when they would not fit on the page: spreadsheet programs split a merged cell across pages, its text
        on the first, the rest blank."""
        room = Length(style.PAGE.width - style.LANDSCAPE.top - style.LANDSCAPE.bottom).pt
        together: dict[int, int] = {}  # sheet row → the last row it must share a page with
        for covered in spans:
            for r in covered:
                together[r] = max(together.get(r, r), covered[-1])
        for grid_row, r in sheet_row.items():
            if grid_row and table.cells[table.at[grid_row][0]].role == "group":
                together[r] = max(together.get(r, r), r + 1)  # a category's row stays with what follows
        used = sum(ws.row_dimensions[r].height or 0 for r in range(1, head + 1))
        r, last = head + 1, max(heights)
        while r <= last:
            end = r
            while end < together.get(end, end):
                end = together[end]
            block = sum(heights.get(x, 0.0) for x in range(r, end + 1))
            if used + block > room and used > heights[head]:
                ws.row_breaks.append(Break(id=r - 1))
                used = heights[head]
            used += block
            r = end + 1

    def _write(self, ws, cell: Cell, first: int, last: int) -> None:
        face = self.house.cell_face if cell.role == "cell" else self.house.head_face
        font = Font(name=face.official, size=self.house.size.pt, charset=GB2312)
        alignment = Alignment(horizontal=cell.align, vertical="center", wrap_text=True)
        ws.cell(first, cell.col + 1, cell.text)
        for r in range(first, last + 1):
            for c in range(cell.col + 1, cell.col + cell.across + 1):
                target = ws.cell(r, c)  # borders on every cell of a merged range, or Excel draws them broken
                target.font, target.alignment, target.border = font, alignment, RULED
        if last > first or cell.across > 1:
            ws.merge_cells(start_row=first, start_column=cell.col + 1, end_row=last, end_column=cell.col + cell.across)

    def _widths(self, table: Table, rows: list[int]) -> list[float]:
        """Millimetres per column, adding up to the landscape 版心: a column of short centred values (序号,
        names, dates, 进展) as wide as its longest value, up to a few characters; the text columns share
        the rest by their house widths, each no wider than its longest line."""
        house = self.house
        naturals = [0.0] * len(table.widths_mm)
        short = set()
        kept = {0, *rows}
        for cell in table.cells:
            if cell.across == 1 and cell.row in kept:
                need = style.text_width_chars(cell.text) * house.size.mm + house.cell_margin.mm
                naturals[cell.col] = max(naturals[cell.col], need)
                if cell.role == "cell" and cell.align == "center":
                    short.add(cell.col)
        cap = house.short_column_chars * house.size.mm + house.cell_margin.mm
        widths = {c: min(naturals[c], cap) for c in short}
        text = [c for c in range(len(naturals)) if c not in short]
        shared = _fit([naturals[c] for c in text], [table.widths_mm[c] for c in text],
                      house.width.mm - sum(widths.values()))
        widths |= dict(zip(text, shared))
        return [widths[c] for c in range(len(naturals))]

    def _print_setup(self, ws) -> None:
        ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        margins, folio = style.LANDSCAPE, style.FOLIO
        inches = {name: round(getattr(margins, name).inches, 3) for name in ("top", "right", "bottom", "left")}
        footer = Length(margins.bottom - folio.below_block - folio.size)
        ws.page_margins = PageMargins(**inches, header=round(footer.inches, 3), footer=round(footer.inches, 3))
        ws.oddFooter.center.text = f"{folio.dash} &P {folio.dash}"
        ws.oddFooter.center.font = folio.face.official
        ws.oddFooter.center.size = int(folio.size.pt)


def _sheet_name(unit: str, taken: set[str]) -> str:
    """A sheet name Excel accepts: no []:*?/\\, at most 31 characters, unique whatever the case."""
    base = SHEET_NAME_FORBIDDEN.sub("_", unit).strip("'") or "_"
    name, n = base[:SHEET_NAME_LIMIT], 1
    while name.casefold() in taken:
        n += 1
        name = base[:SHEET_NAME_LIMIT - len(f"({n})")] + f"({n})"
    return name


def _with_groups(table: Table, rows: list[int]) -> list[int]:
    """``rows`` with the category rows above them (those of categories that keep a row)."""
    out, group = [], None
    wanted = set(rows)
    for r in range(1, len(table.at)):
        if table.cells[table.at[r][0]].role == "group":
            group = r
        elif r in wanted:
            if group is not None:
                out.append(group)
                group = None
            out.append(r)
    return out
