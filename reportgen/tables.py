"""Tables generated from the 整改台账: the ledger itself, and the 问题清单 / 任务清单 / 责任清单 of a 整改方案.

Each is rows of cells with row and column spans, ready for a template: a category opens a group row, a
problem's cell spans the rows of the measures that answer it, and measures are numbered through the table.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import style
from .model import Ledger, Measure


@dataclass(frozen=True)
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    align: str = "left"


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    group: bool = False  # a category's heading row


@dataclass(frozen=True)
class TableView:
    kind: str
    columns: tuple[style.Column, ...]
    rows: tuple[Row, ...]
    node = "table"

    @property
    def landscape(self) -> bool:
        return len(self.columns) >= style.TABLE.landscape_from_columns


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


def table(kind: str, ledger: Ledger) -> TableView:
    columns = style.TABLE.columns[kind]
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
    return TableView(kind, columns, tuple(rows))
