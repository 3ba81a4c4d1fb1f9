"""Statistics computed from the ledger, and the placeholders through which text uses them (rules about them
are in ``rules``).

Placeholders are ``{名称}`` (or the English name) inside any text; ``{{`` and ``}}`` write literal braces.
Only the names below are known, and nothing else in YAML text is ever evaluated:

- ``措施总数`` / ``measures_total`` (also ``总数`` / ``total``), ``问题总数`` / ``problems_total``,
  ``类别总数`` / ``categories_total``;
- for each 进展 (``已完成`` / ``done`` …): the count, and ``已完成占比`` / ``done_pct`` as a percentage;
  ``未完成`` / ``not_done``: the total less those done, and its share;
- 截至, 上期截至, the campaign's facts, 逾期未完成, 本期完成 and counts by 责任单位 or category
  (``{办公室的已完成}``, ``{类别1的问题总数}``), from ``progress``;
- every figure declared under ``统计.数据`` by its own name, printed as written.

Counts come from the itemised ledger when its measures carry a 进展, otherwise from ``统计.汇总``: its 进展
add up to its 总数 (a 进展 not written is 0), or it gives the 总数 and one 进展 alone (the others are then
not known; ``{未完成}`` is the rest when that one is 已完成).  ``问题总数`` is declared there too when the
problems are not listed.  Percentages are ``percentages.percent`` at the document's ``占比小数位``; a
placeholder may ask for its own: ``{已完成占比:0}``.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import partial
from typing import Any

from pydantic import BaseModel

from . import progress, written
from .model import STATUS_WORDS, ZH, Document, Status
from .percentages import percent

PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}\n]{1,40})\}")
DECIMALS = re.compile(r"^(.*?)\s*[:：]\s*(\d+)$")  # {已完成占比:0}: a share with its own decimals
TOTAL_WORDS = ("total", ZH["total"])  # the 汇总's total of measures
PROBLEMS_WORDS = ("problems_total", "问题总数")  # the 汇总's count of problems, when they are not listed
NOT_DONE = ("not_done", progress.NOT_DONE)


def placeholder(written: str) -> tuple[str, int | None]:
    """A placeholder's name and the decimals it asks for (None: the document's)."""
    if m := DECIMALS.match(written.strip()):
        return m[1], int(m[2])
    return written.strip(), None


def _number(value: int | float) -> str:
    if isinstance(value, written.Written):
        return str(value)  # as written: 35435.70, 1,234
    return str(int(value)) if float(value).is_integer() else str(value)


def declared(doc: Document, words: tuple[str, ...]) -> int | None:
    """A count the 汇总 declares under one of ``words``, or None."""
    return next((v for k, v in doc.statistics.summary.items() if k in words), None)


def status_counts(doc: Document) -> dict[Status, int] | None:
    """Measures per 进展: from the itemised ledger when its measures carry one, else as declared (a 进展 not
    declared is 0, unless a single 进展 stands beside a larger 总数: then only that one is known), else None."""
    measures = doc.ledger.all_measures() if doc.ledger else []
    if measures and all(m.status for m in measures):
        return {s: sum(1 for m in measures if m.status is s) for s in Status}
    given = {STATUS_WORDS[k]: v for k, v in doc.statistics.summary.items() if k in STATUS_WORDS}
    if not given:
        return None
    total = declared(doc, TOTAL_WORDS)
    if total is not None and len(given) == 1 and sum(given.values()) < total:
        return given
    return {s: given.get(s, 0) for s in Status}


def figures(doc: Document) -> dict[str, str]:
    """Every placeholder name this document knows, with the text it stands for (a percentage as a ``Share``)."""
    share = partial(percent, decimals=doc.percent_decimals)
    values: dict[str, str] = {}
    counts = status_counts(doc) or {}
    measures = doc.ledger.all_measures() if doc.ledger else []
    total = declared(doc, TOTAL_WORDS)
    if total is None:
        total = sum(counts.values()) if counts else len(measures)
    if total or counts or declared(doc, TOTAL_WORDS) is not None:  # a 汇总 of zeros states that there are none
        values["measures_total"] = values["措施总数"] = values["total"] = values["总数"] = str(total)
    problems = declared(doc, PROBLEMS_WORDS)
    if doc.ledger:
        values["categories_total"] = values["类别总数"] = str(len(doc.ledger.categories))
        listed = sum(len(c.problems) for c in doc.ledger.categories)
        problems = listed if problems is None and listed else problems
    if problems is not None:
        values["problems_total"] = values["问题总数"] = str(problems)
    for status, n in counts.items():
        values[status.value] = values[status.english] = str(n)
        if total:
            values[f"{status.value}占比"] = values[f"{status.english}_pct"] = share(n, total)
    if Status.DONE in counts:
        rest = total - counts[Status.DONE]
        values[NOT_DONE[1]] = values[NOT_DONE[0]] = str(rest)
        if total:
            values[f"{NOT_DONE[1]}占比"] = values[f"{NOT_DONE[0]}_pct"] = share(rest, total)
    values |= progress.figures(doc, share)
    for name, value in doc.statistics.figures.items():
        values[name] = _number(value)
    return values


def fill(text: str, values: dict[str, str]) -> str:
    def replace(m: re.Match) -> str:
        if m.group(0) in ("{{", "}}"):
            return m.group(0)[0]
        name, decimals = placeholder(m.group(1))
        value = values[name]
        return percent(value.part, value.whole, decimals) if decimals is not None else value
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
