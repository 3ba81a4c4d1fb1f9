"""Statistics computed from the ledger, and the placeholders through which text uses them (rules about them
are in ``rules``).

Placeholders are ``{名称}`` (or the English name) inside any text; ``{{`` and ``}}`` write literal braces.
Only the names below are known, and nothing else in YAML text is ever evaluated:

- ``措施总数`` / ``measures_total``, ``问题总数`` / ``problems_total``, ``类别总数`` / ``categories_total``;
- for each 进展 (``已完成`` / ``done`` …): the count, and ``已完成占比`` / ``done_pct`` as a percentage;
- 截至, 上期截至, the campaign's facts, 逾期未完成, 本期完成 and counts by 责任单位 or category
  (``{办公室的已完成}``), from ``progress``;
- every figure declared under ``统计.数据`` by its own name.

Counts come from the itemised ledger when its measures carry a 进展, otherwise from ``统计.汇总``.
Percentages are ``percentages.percent``: one decimal, rounded half up, never an untrue 100% or 0%.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from . import progress
from .model import STATUS_WORDS, Document, Status
from .percentages import percent

PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}\n]{1,40})\}")


def _number(value: int | float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def status_counts(doc: Document) -> dict[Status, int] | None:
    """Measures per 进展: from the itemised ledger when its measures carry one, else declared, else None."""
    measures = doc.ledger.all_measures() if doc.ledger else []
    if measures and all(m.status for m in measures):
        return {s: sum(1 for m in measures if m.status is s) for s in Status}
    declared = {STATUS_WORDS[k]: v for k, v in doc.statistics.summary.items() if k in STATUS_WORDS}
    if declared:
        return {s: declared.get(s, 0) for s in Status}
    return None


def figures(doc: Document) -> dict[str, str]:
    """Every placeholder name this document knows, with the text it stands for."""
    values: dict[str, str] = {}
    counts = status_counts(doc)
    measures = doc.ledger.all_measures() if doc.ledger else []
    total = sum(counts.values()) if counts else len(measures)
    if total or counts:  # a 汇总 of zeros states that there are none
        values["measures_total"] = values["措施总数"] = str(total)
    if doc.ledger:
        values["categories_total"] = values["类别总数"] = str(len(doc.ledger.categories))
        problems = sum(len(c.problems) for c in doc.ledger.categories)
        if problems:
            values["problems_total"] = values["问题总数"] = str(problems)
    for status, n in (counts or {}).items():
        values[status.value] = values[status.english] = str(n)
        if total:
            values[f"{status.value}占比"] = values[f"{status.english}_pct"] = percent(n, total)
    values |= progress.figures(doc, percent)
    for name, value in doc.statistics.figures.items():
        values[name] = _number(value)
    return values


def fill(text: str, values: dict[str, str]) -> str:
    def replace(m: re.Match) -> str:
        if m.group(0) in ("{{", "}}"):
            return m.group(0)[0]
        return values[m.group(1).strip()]
    return PLACEHOLDER.sub(replace, text)


def walk_strings(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every editor-written string of a model, with its path (English field names)."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from walk_strings(getattr(value, name), (*path, name))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from walk_strings(item, (*path, i))
    elif type(value) is str:
        yield path, value


def _map_strings(value: Any, fn) -> Any:
    if isinstance(value, BaseModel):
        return type(value).model_construct(**{n: _map_strings(getattr(value, n), fn) for n in type(value).model_fields})
    if isinstance(value, list):
        return [_map_strings(v, fn) for v in value]
    return fn(value) if type(value) is str else value


def filled(doc: Document) -> Document:
    """The document with every placeholder replaced by its figure."""
    values = figures(doc)
    return _map_strings(doc, lambda s: fill(s, values))
