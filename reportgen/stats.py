"""Statistics computed from the ledger, and the placeholders through which text uses them.

Placeholders are ``{名称}`` (or the English name) inside any text; ``{{`` and ``}}`` write literal braces.
Only the names below are known, and nothing else in YAML text is ever evaluated:

- ``措施总数`` / ``measures_total``, ``问题总数`` / ``problems_total``, ``类别总数`` / ``categories_total``;
- for each 进展 (``已完成`` / ``done`` …): the count, and ``已完成占比`` / ``done_pct`` as a percentage;
- every figure declared under ``统计.数据`` by its own name.

Counts come from the itemised ledger when its measures carry a 进展, otherwise from ``统计.汇总``.
Percentages are ``percentages.percent``: one decimal, rounded half up, never an untrue 100% or 0%.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from .errors import did_you_mean
from .model import STATUS_WORDS, ZH, Document, Insert, Section, Status
from .percentages import percent

PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}\n]{1,40})\}")
TOTAL_WORDS = ("total", ZH["total"])


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
    for name, value in doc.statistics.figures.items():
        values[name] = _number(value)
    return values


def fill(text: str, values: dict[str, str]) -> str:
    def replace(m: re.Match) -> str:
        if m.group(0) in ("{{", "}}"):
            return m.group(0)[0]
        return values[m.group(1).strip()]
    return PLACEHOLDER.sub(replace, text)


def _unprintable(ch: str) -> bool:
    """Characters XML 1.0 (and so the DOCX) cannot hold: C0/C1 controls but tab and newline, lone
    surrogates, U+FFFE and U+FFFF."""
    code = ord(ch)
    return (code < 0x20 and ch not in "\t\n") or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF \
        or code in (0xFFFE, 0xFFFF)


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


def check(doc: Document) -> Iterator[tuple[tuple, str]]:
    """Rules across fields: (path, message) for each broken one."""
    summary = doc.statistics.summary
    for key in summary:
        if key not in STATUS_WORDS and key not in TOTAL_WORDS:
            options = [s.value for s in Status] + ["总数"]
            yield (("statistics", "summary", key),
                   f"统计.汇总 里不认识“{key}”{did_you_mean(key, options) or '。'}可写：{' / '.join(options)}")
    declared = {STATUS_WORDS[k]: v for k, v in summary.items() if k in STATUS_WORDS}
    declared_key = {STATUS_WORDS[k]: k for k in summary if k in STATUS_WORDS}
    total_key = next((k for k in summary if k in TOTAL_WORDS), None)
    if total_key and declared and sum(declared.values()) != summary[total_key]:
        yield (("statistics", "summary", total_key),
               f"统计.汇总 的总数写的是 {summary[total_key]}，但各项进展相加是 {sum(declared.values())}")

    measures = []
    if doc.ledger:
        for ci, cat in enumerate(doc.ledger.categories):
            measures += [(("ledger", "categories", ci, "measures", mi), m) for mi, m in enumerate(cat.measures)]
            for pi, prob in enumerate(cat.problems):
                measures += [(("ledger", "categories", ci, "problems", pi, "measures", mi), m)
                             for mi, m in enumerate(prob.measures)]
    with_status = [m for _, m in measures if m.status]
    if with_status and len(with_status) < len(measures):
        for path, m in measures:
            if not m.status:
                yield ((*path, "status"),
                       f"缺少 status（进展）：台账中已有 {len(with_status)} 项措施写了进展，统计要求每一项都写")
    elif with_status:
        computed = status_counts(doc) or {}
        for status, n in declared.items():
            if computed.get(status, 0) != n:
                yield (("statistics", "summary", declared_key[status]),
                       f"统计.汇总 声明“{status.value}”{n} 项，但整改台账中进展为“{status.value}”的措施有 "
                       f"{computed.get(status, 0)} 项：两处必须一致（可删去汇总，由台账计算）")
        if total_key and summary[total_key] != len(measures):
            yield (("statistics", "summary", total_key),
                   f"统计.汇总 的总数写的是 {summary[total_key]}，但整改台账共有 {len(measures)} 项措施")

    def inserts(blocks, path):
        for i, block in enumerate(blocks):
            if isinstance(block, Insert):
                yield (*path, i), block.insert
            elif isinstance(block, Section):
                yield from inserts(block.body, (*path, i, "body"))

    bodies = [(("body",), doc.body)] + [(("attachments", i, "body"), a.body) for i, a in enumerate(doc.attachments)
                                         if not isinstance(a, str)]
    placed = [(path, kind) for base, blocks in bodies for path, kind in inserts(blocks, base)]
    if doc.ledger is not None and not placed:
        yield ("ledger",), ("整改台账里的问题和措施没有印在任何地方：在正文或附件中写 插入: 整改情况（叙述）"
                            "或 插入: 整改台账（表格）；只要统计数字时，改写 统计.汇总")
    for base, blocks in bodies:
        for path, kind in inserts(blocks, base):
            if doc.ledger is None:
                yield (*path, "insert"), "插入的内容来自整改台账，但本文档没有写 ledger（整改台账）"
            elif kind == "chart" and not (with_status and len(with_status) == len(measures)):
                yield (*path, "insert"), "统计图按进展画出：请给整改台账的每项措施写 status（进展）"

    for path, text in walk_strings(doc):
        if bad := next((ch for ch in text if _unprintable(ch)), None):
            yield path, (f"文字中有不可见的控制字符 U+{ord(bad):04X}（第 {text.index(bad) + 1} 个字符）："
                         f"它印不出来，也会损坏 DOCX。请删去（从别处粘贴的文字常带有这种字符）")

    values = figures(doc)
    for path, text in walk_strings(doc):
        for m in PLACEHOLDER.finditer(text):
            name = (m.group(1) or "").strip()
            if m.group(1) is not None and name not in values:
                known = sorted(values)
                hint = did_you_mean(name, known) or (f"。可用：{'、'.join(known)}" if known else
                                                     "。本文档没有可用的统计数字：请写整改台账，或在 统计.汇总 / 统计.数据 中声明")
                yield path, f"占位符“{{{name}}}”不是已知的统计名称{hint}（要写花括号本身，请写 {{{{ 或 }}}}）"
