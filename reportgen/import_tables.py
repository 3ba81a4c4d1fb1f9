"""Tables reportgen made from a 整改台账 (the ledger table, 问题清单, 任务清单, 责任清单) → the ledger again.

A table is known by its head row (the headings in ``style.TABLE``).  Its rows are read back into categories,
problems and measures; when several tables come from one ledger (a 整改方案's three 清单) they are merged.
Each table is then generated again from the ledger read (``tables.table``): only a table that comes out
cell for cell as it was becomes an ``插入``; any other stays with the editor as comments, so a table is never
replaced by something that prints differently.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import ValidationError

from . import style, tables
from .import_read import Table
from .model import Ledger

KINDS = {tuple(c.heading for c in columns): kind for kind, columns in style.TABLE.columns.items()}
CATEGORY_NUMBER = re.compile(r"^[一二三四五六七八九十百]+、")
PROBLEMS = re.compile(r"[（(]\d+[）)]")
MEASURE_FIELDS = ("leader", "unit", "deadline", "status")


def kind_of(table: Table) -> str | None:
    """The ledger table or list ``table`` is, by its head row; None for any other table."""
    if not table.rows:
        return None
    return KINDS.get(tuple(cell.text for cell in table.rows[0] if cell is not None))


@dataclass
class _Block:
    problem: str | None  # the problem cell's text; None in a list without a problem column
    measures: list[dict]


def _category_blocks(table: Table, kind: str) -> list[tuple[str, list[_Block]]]:
    """(category, blocks of a problem cell and the measures beside it), as the rows show them."""
    fields = [c.field for c in style.TABLE.columns[kind]]
    out: list[tuple[str, list[_Block]]] = []
    for row in table.rows[1:]:
        if len(row) == 1 and row[0] is not None and row[0].span == len(fields):
            out.append((CATEGORY_NUMBER.sub("", row[0].text, count=1), []))
            continue
        if len(row) != len(fields) or not out:
            raise ValueError("not a row of this table")
        values = dict(zip(fields, row))
        if values.get("problem") is not None or not out[-1][1]:
            out[-1][1].append(_Block(values["problem"].text if "problem" in values else None, []))
        if values["number"] is not None and values["number"].text:
            measure = {"text": values["measure"].text}
            measure |= {f: values[f].text for f in MEASURE_FIELDS if f in values and values[f].text}
            out[-1][1][-1].measures.append(measure)
    return out


def _problem_list(table: Table) -> list[dict]:
    categories: list[dict] = []
    for row in table.rows[1:]:
        if len(row) != 3:
            raise ValueError("not a row of the 问题清单")
        number, category, problem = row
        if category is not None:
            categories.append({"name": category.text, "problems": []})
        if not categories:
            raise ValueError("a problem before its category")
        categories[-1]["problems"].append({"text": problem.text})
    return categories


def _category(name: str, blocks: list[_Block]) -> dict:
    """A category from its blocks, as ``tables._blocks`` made them: each problem with its measures, then the
    problems without measures (numbered （1）（2） in one cell, or the category's name) with the category's."""
    category: dict = {"name": name, "problems": []}
    for block in blocks:
        if block.problem is None or block.problem == name:
            category["measures"] = block.measures
        elif block.measures and len(parts := [p for p in PROBLEMS.split(block.problem) if p]) > 1 \
                and block.problem.startswith(("（1）", "(1)")):
            category["problems"] += [{"text": p} for p in parts]
            category["measures"] = block.measures
        else:
            category["problems"].append({"text": block.problem, "measures": block.measures})
    return category


def _merge(found: dict[str, list]) -> list[dict] | None:
    """One ledger from the tables found: the ledger table alone has every field; otherwise the 任务清单 gives
    problems, measures and deadlines, the 责任清单 adds leaders and units in order, the 问题清单 the problems."""
    if "ledger_table" in found:
        return [_category(name, blocks) for name, blocks in found["ledger_table"]]
    if "task_list" in found:
        categories = [_category(name, blocks) for name, blocks in found["task_list"]]
    elif "problem_list" in found:
        categories = found["problem_list"]
    elif "responsibility_list" in found:
        categories = [{"name": name, "measures": [m for b in blocks for m in b.measures]}
                      for name, blocks in found["responsibility_list"]]
        return categories
    else:
        return None
    if "responsibility_list" in found:
        listed = [m for _, blocks in found["responsibility_list"] for b in blocks for m in b.measures]
        ours = measures({"categories": categories})
        if len(listed) != len(ours):
            return None
        for measure, extra in zip(ours, listed):
            measure |= {k: v for k, v in extra.items() if k != "text"}
    return categories


def measures(ledger: dict) -> list[dict]:
    """Every measure of a ledger read (English keys), in the order the tables list them."""
    return [m for c in ledger["categories"]
            for m in (*(m for p in c.get("problems", []) for m in p.get("measures", [])), *c.get("measures", []))]


def _cells(table: Table) -> list[list[str | None]]:
    return [[cell.text if cell is not None else None for cell in row] for row in table.rows]


def _generated(kind: str, ledger: Ledger) -> list[list[str | None]]:
    """The table ``tables.table`` makes, with the cells a row span covers left as None (as read from a DOCX)."""
    view = tables.table(kind, ledger)
    rows: list[list[str | None]] = [[c.heading for c in view.columns]]
    covered: dict[tuple[int, int], bool] = {}
    for r, row in enumerate(view.rows):
        out, column = [], 0
        for cell in row.cells:
            while covered.get((r, column)):
                out.append(None)
                column += 1
            out.append(cell.text)
            for below in range(1, cell.rowspan):
                covered[(r + below, column)] = True
            column += cell.colspan
        while covered.get((r, column)):
            out.append(None)
            column += 1
        rows.append(out)
    return rows


def ledger_of(found: list[tuple[Table, str]]) -> tuple[dict | None, list[Table]]:
    """The ledger the tables were made from (English keys) and the tables it makes again exactly."""
    read: dict[str, list] = {}
    for table, kind in found:
        try:
            read.setdefault(kind, _problem_list(table) if kind == "problem_list" else _category_blocks(table, kind))
        except ValueError:
            continue
    categories = _merge(read)
    if not categories:
        return None, []
    try:
        ledger = Ledger.model_validate({"categories": categories})
    except ValidationError:
        return None, []
    exact = [table for table, kind in found if _generated(kind, ledger) == _cells(table)]
    for measure in measures({"categories": categories}):  # in the order the YAML lists them
        ordered = {k: measure.pop(k) for k in ("text", *MEASURE_FIELDS) if k in measure}
        measure.update(ordered)
    return ({"categories": categories} if exact else None), exact
