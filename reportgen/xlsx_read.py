"""Reading an .xlsx workbook for ``reportgen import``: every cell that holds a value, and the merged ranges,
from a file checked first so that a hostile one is refused with a message instead of exhausting the machine.

The package is checked before openpyxl opens it: its size on disk, its number of parts, what they inflate
to.  Each sheet's XML is then streamed through defusedxml (which refuses entity bombs) for its merged
ranges, which openpyxl's read-only mode does not keep, counting cells and merged cells on the way.  Values
come from openpyxl's read-only mode, rows counted as they come: memory stays bounded whatever the file says
(a full read makes an object of every cell of a merged range — one over a whole sheet is seventeen billion).
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from defusedxml.ElementTree import fromstring, iterparse
from openpyxl.utils.cell import range_boundaries

from .errors import InputError, Problem


@dataclass(frozen=True)
class Limits:
    max_file: int = 20_000_000  # bytes on disk
    max_parts: int = 2_000  # entries in the package
    max_inflated: int = 100_000_000  # bytes all parts inflate to, as stated (zipfile holds each part to it)
    max_ratio: int = 200  # inflated ÷ compressed, for a part over a megabyte
    max_cells: int = 500_000  # cells written in the sheets, empty or not, and cells of merged ranges
    max_rows: int = 20_000  # rows holding a value (the YAML of 20,000 measures would pass the loader's 2 MB)
    max_columns: int = 256


LIMITS = Limits()
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an .xls, or a workbook encrypted with a password
EXCEL_ROWS = 1_048_576
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATION = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WORKBOOK, RELATIONS = "xl/workbook.xml", "xl/_rels/workbook.xml.rels"


@dataclass
class Sheet:
    title: str
    values: dict[tuple[int, int], Any] = field(default_factory=dict)  # (row, column) → a value
    merged: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)  # covered cell → top-left cell


def refusal(path: Path, message: str) -> InputError:
    return InputError([Problem(str(path), 1, 1, "", message)])


def check_package(path: Path, limits: Limits = LIMITS) -> None:
    """Refuses what is no workbook, or one that would inflate past the limits."""
    size = path.stat().st_size
    if size > limits.max_file:
        raise refusal(path, f"文件有 {size / 1e6:.1f} MB，超过 {limits.max_file // 1_000_000} MB 的上限")
    with path.open("rb") as f:
        if f.read(len(OLE)) == OLE:
            raise refusal(path, "这是旧的 .xls，或设了打开密码的工作簿：请在 Excel/WPS 中取消密码、另存为 .xlsx 后再导入")
    if not zipfile.is_zipfile(path):
        raise refusal(path, "不是 .xlsx 工作簿（文件已损坏，或只是改了扩展名）：请在 Excel/WPS 中另存为 .xlsx")
    with zipfile.ZipFile(path) as package:
        parts = package.infolist()
    if len(parts) > limits.max_parts:
        raise refusal(path, f"工作簿含 {len(parts)} 个部件，超过 {limits.max_parts} 个的上限")
    inflated = sum(p.file_size for p in parts)
    if inflated > limits.max_inflated:
        raise refusal(path, f"工作簿解压后有 {inflated // 1_000_000} MB，超过 {limits.max_inflated // 1_000_000} MB "
                            "的上限（可能是压缩炸弹）")
    for part in parts:
        if part.file_size > 1_000_000 and part.file_size > limits.max_ratio * max(part.compress_size, 1):
            raise refusal(path, f"部件 {part.filename} 的压缩比超过 {limits.max_ratio}:1（可能是压缩炸弹）")


def _sheet_parts(package: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet title → the part holding it, from the workbook and its relationships."""
    relations = {r.get("Id"): r.get("Target", "") for r in fromstring(package.read(RELATIONS), forbid_dtd=True)}
    sheets = fromstring(package.read(WORKBOOK), forbid_dtd=True).iter(f"{{{MAIN}}}sheet")
    targets = {s.get("name"): relations.get(s.get(f"{{{RELATION}}}id"), "") for s in sheets}
    return {name: target.lstrip("/") if target.startswith("/") else f"xl/{target}" for name, target in targets.items()}


def merged_ranges(path: Path, limits: Limits = LIMITS) -> dict[str, list[tuple[int, int, int, int]]]:
    """Each worksheet's merged ranges (left, top, right, bottom), streamed through each sheet's XML, whose
    cells and merged cells are counted on the way: more than the limit is refused."""
    cells = merged = 0
    out: dict[str, list] = {}
    with zipfile.ZipFile(path) as package:
        for title, part in _sheet_parts(package).items():
            spans = out.setdefault(title, [])
            with package.open(part) as xml:
                for _, element in iterparse(xml, forbid_dtd=True):
                    name = element.tag.rpartition("}")[2]
                    if name == "c":
                        cells += 1
                    elif name == "mergeCell":
                        spans.append(range_boundaries(element.get("ref", "A1")))
                        left, top, right, bottom = spans[-1]
                        merged += (right - left + 1) * (bottom - top + 1)
                    if name in ("c", "row", "mergeCell"):
                        element.clear()
                    if cells > limits.max_cells or merged > limits.max_cells:
                        raise refusal(path, f"工作簿的单元格或合并单元格超过 {limits.max_cells} 个的上限")
    return out


def read(path: Path, limits: Limits = LIMITS) -> list[Sheet]:
    """The worksheets' cells with values and their merged ranges; an ``InputError`` for a file refused."""
    from openpyxl import load_workbook

    check_package(path, limits)
    sheets: list[Sheet] = []
    try:
        merged = merged_ranges(path, limits)
        book = load_workbook(path, read_only=True, data_only=True)
        rows = 0
        for ws in book.worksheets:
            ws.reset_dimensions()  # the dimension a file states may lie: rows are read as they come
            sheet = Sheet(ws.title)
            for r, row in enumerate(ws.iter_rows(), 1):
                if r > EXCEL_ROWS or len(row) > limits.max_columns:
                    raise refusal(path, f"工作表“{ws.title}”超过 {limits.max_columns} 列或 {EXCEL_ROWS} 行：不像一份台账")
                held = {(r, c): cell.value for c, cell in enumerate(row, 1)
                        if cell.value is not None and (not isinstance(cell.value, str) or cell.value.strip())}
                rows += bool(held)
                if rows > limits.max_rows:
                    raise refusal(path, f"工作簿有内容的行超过 {limits.max_rows} 行的上限")
                sheet.values |= held
            for left, top, right, bottom in merged.get(ws.title, ()):
                sheet.merged |= {(r, c): (top, left) for r in range(top, bottom + 1) for c in range(left, right + 1)}
            sheets.append(sheet)
        book.close()
    except InputError:
        raise
    except Exception as e:  # a part missing, XML that is broken or that defusedxml refuses, …
        raise refusal(path, f"无法读取这个工作簿（{type(e).__name__}: {e}）：请在 Excel/WPS 中打开并另存为 .xlsx") from None
    return sheets
