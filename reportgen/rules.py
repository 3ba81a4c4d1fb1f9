"""Every rule of how values fit together — within a document, across ledger files, across documents.

The model checks each value's type and shape.  These rules check the rest: a title or its subject, the
fields a 文种 prints, the 版头's elements, declared statistics against the ledger, placeholders and inserts,
histories and dates, ledger files that merge, documents that share a ledger, and fields printed nowhere.
The loader runs ``check`` and ``advise`` once per document and ``ledger_parts`` once per set of ledger
files; ``validate`` and ``build`` run ``across`` once per set of documents.  Rules yield paths in English
field names; the loader locates them (in the document, or in the ledger file a value came from).
``stats`` and ``progress`` only compute.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import outline, progress, stats
from .percentages import MAX_DECIMALS, Share
from .errors import Problem, did_you_mean
from .ledger_files import FACTS
from .model import (INSERTS, NUMBER_HEADING, STATUS_WORDS, ZH, Document, Insert, Kind, Measure, Section, Status,
                    TableBlock, cn_date)

Finding = tuple[tuple, str]  # (path, message)
PERIOD_WORDS = ("本期完成", "completed_this_period")
# Which measure fields each insert prints (the narrative prints texts and 说明 only).
PRINTS = {"ledger_table": {"leader", "unit", "deadline"}, "task_list": {"deadline"},
          "responsibility_list": {"leader", "unit"}, "overdue": {"unit", "deadline"}, "completed_list": {"unit"}}
NEEDS_STATUS = {"chart": "统计图按进展画出", "overdue": "逾期未完成事项按进展判断", "completed_list": "本期完成事项按进展判断"}


def _label(name: str) -> str:
    return f"{name}（{ZH[name]}）"


# ---- one document --------------------------------------------------------------------------------------

def check(doc: Document, shown: Document, ledger_names: tuple[str, ...] = ()) -> Iterator[Finding]:
    """Errors of one document: ``doc`` as written (with its ledger's histories), ``shown`` with its ledger as
    of its 截至; ``ledger_names`` are the ledger files it names, if any."""
    yield from _title(doc)
    yield from _fields_of_the_kind(doc)
    yield from _header_elements(doc)
    yield from _summary(shown, ledger_names)
    yield from _inserts(shown, bool(ledger_names))
    yield from _control_characters(doc)
    yield from _placeholders(shown)
    yield from _histories(doc)
    yield from _dates(doc, shown)
    yield from _tables(doc)
    yield from outline.check(doc)


def _title(doc: Document) -> Iterator[Finding]:
    word = doc.kind.form.composed_title_word
    if not (doc.title or doc.subject):
        yield (), "缺少标题：写 title（标题），或写 subject（事由）由程序组成“关于……的" + word + "”"
    elif doc.title and doc.subject:
        yield ("subject",), (f"写了 title（标题）时，subject（事由）不会印出：删去事由，或删去标题、由事由组成"
                             f"“关于{doc.subject}的{word}”")


def _written(doc: Document, path: str) -> bool:
    """Whether the field at ``path`` (“header.org_mark”) holds something."""
    value = doc
    for name in path.split("."):
        value = getattr(value, name, None)
    return value not in (None, "", [])


def _fields_of_the_kind(doc: Document) -> Iterator[Finding]:
    """Fields that would print nowhere in this form: another form's own, or one this form leaves out; and
    what a form cannot print without."""
    form = doc.kind.form
    owners = {name: kind for kind in Kind for name in kind.form.own}
    stray = [name for name, kind in owners.items() if kind is not doc.kind and _written(doc, name)]
    if stray:
        kinds = "、".join(sorted({owners[name].value for name in stray}))
        yield (stray[0],), (f"{'、'.join(map(_label, stray))} 只用于{kinds}：本文种是{doc.kind.value}，"
                            f"这些内容不会印出")
    left_out = [path for path in form.omits if _written(doc, path)]
    if left_out:
        names = "、".join(_label(path.split(".")[-1]) for path in left_out)
        yield tuple(left_out[0].split(".")), f"{names} 在{doc.kind.value}中不会印出（{form.omitted_why}）：请删去"
    missing = [name for name in form.required if not _written(doc, name)]
    if missing:
        yield (), f"{doc.kind.value}要写 {'、'.join(map(_label, missing))}：{form.required_why}"


def _header_elements(doc: Document) -> Iterator[Finding]:
    if "header" in doc.kind.form.omits:
        return  # said with the fields the form leaves out
    if doc.header is None:
        lost = [name for name in ("doc_number", "signer") if getattr(doc, name) and name not in doc.kind.form.omits]
        if lost:
            yield (lost[0],), f"{'、'.join(map(_label, lost))} 只印在版头里：请加上 header（版头），否则这些内容不会出现在文件中"
        return
    if doc.kind.upward and not doc.signer:
        yield ("header",), "上行文（报告）的版头必须标注签发人：请写 signer（签发人）"
    if not (doc.header.org_mark or doc.issuer):
        yield ("header",), "版头需要发文机关标志：写 header.org_mark（发文机关标志），或写 issuer（发文机关）"


def measures_with_paths(doc: Document) -> list[tuple[tuple, Measure]]:
    """Every measure of the document's ledger with its path."""
    out: list[tuple[tuple, Measure]] = []
    if doc.ledger:
        for ci, cat in enumerate(doc.ledger.categories):
            out += [(("ledger", "categories", ci, "measures", mi), m) for mi, m in enumerate(cat.measures)]
            for pi, prob in enumerate(cat.problems):
                out += [(("ledger", "categories", ci, "problems", pi, "measures", mi), m)
                        for mi, m in enumerate(prob.measures)]
    return out


def _ledger_named(doc: Document, ledger_names: tuple[str, ...]) -> str:
    """How a message names the ledger: “整改台账（台账/甲.yaml，截至2025年8月20日）”."""
    where = "、".join(ledger_names)
    if ledger_names and doc.status_date:
        where += f"，截至{cn_date(doc.status_date)}"
    return f"整改台账（{where}）" if where else "整改台账"


def _summary(doc: Document, ledger_names: tuple[str, ...]) -> Iterator[Finding]:
    summary = doc.statistics.summary
    for key in summary:
        if key not in STATUS_WORDS and key not in stats.TOTAL_WORDS and key not in stats.PROBLEMS_WORDS:
            options = [s.value for s in Status] + ["总数", "问题总数"]
            yield (("statistics", "summary", key),
                   f"统计.汇总 里不认识“{key}”{did_you_mean(key, options) or '。'}可写：{' / '.join(options)}")
    declared = {STATUS_WORDS[k]: v for k, v in summary.items() if k in STATUS_WORDS}
    declared_key = {STATUS_WORDS[k]: k for k in summary if k in STATUS_WORDS}
    total_key = next((k for k in summary if k in stats.TOTAL_WORDS), None)
    if total_key and len(declared) > 1 and sum(declared.values()) != summary[total_key]:
        yield (("statistics", "summary", total_key),
               f"统计.汇总 的总数写的是 {summary[total_key]}，但各项进展相加是 {sum(declared.values())}"
               f"（只写总数和一项进展时，其余不计；写了几项进展，就要加起来等于总数）")
    elif total_key and declared and sum(declared.values()) > summary[total_key]:
        [(status, n)] = declared.items()
        yield (("statistics", "summary", declared_key[status]),
               f"统计.汇总 声明“{status.value}”{n} 项，多于总数 {summary[total_key]}")

    measures = measures_with_paths(doc)
    with_status = [m for _, m in measures if m.status]
    ledger = _ledger_named(doc, ledger_names)
    problems_key = next((k for k in summary if k in stats.PROBLEMS_WORDS), None)
    listed = sum(len(c.problems) for c in doc.ledger.categories) if doc.ledger else 0
    if problems_key and listed and summary[problems_key] != listed:
        yield (("statistics", "summary", problems_key),
               f"统计.汇总 的问题总数写的是 {summary[problems_key]}，但{ledger}列出了 {listed} 个问题："
               f"两处必须一致（可删去汇总的问题总数，由台账计算）")
    if with_status and len(with_status) < len(measures):
        for path, m in measures:
            if not m.status and not m.history:  # a history with no date to read it at is said in ``_dates``
                yield ((*path, "status"),
                       f"缺少 status（进展）：台账中已有 {len(with_status)} 项措施写了进展，统计要求每一项都写")
    elif with_status:
        computed = stats.status_counts(doc) or {}
        for status, n in declared.items():
            if computed.get(status, 0) != n:
                yield (("statistics", "summary", declared_key[status]),
                       f"统计.汇总 声明“{status.value}”{n} 项，但{ledger}中进展为“{status.value}”的措施有 "
                       f"{computed.get(status, 0)} 项：两处必须一致（可删去汇总，由台账计算）")
        if total_key and summary[total_key] != len(measures):
            yield (("statistics", "summary", total_key),
                   f"统计.汇总 的总数写的是 {summary[total_key]}，但{ledger}共有 {len(measures)} 项措施")


def _blocks_of(doc: Document, kind: type) -> list[tuple[tuple, Any]]:
    """Every block of type ``kind`` in the body and the attachments, with its path."""
    def walk(blocks, path):
        for i, block in enumerate(blocks):
            if isinstance(block, kind):
                yield (*path, i), block
            elif isinstance(block, Section):
                yield from walk(block.body, (*path, i, "body"))

    bodies = [(("body",), doc.body)] + [(("attachments", i, "body"), a.body) for i, a in enumerate(doc.attachments)
                                         if not isinstance(a, str)]
    return [found for base, blocks in bodies for found in walk(blocks, base)]


def _insert_blocks(doc: Document) -> list[tuple[tuple, Insert]]:
    """Every insert of the body and the attachments, with its path."""
    return _blocks_of(doc, Insert)


def inserts(doc: Document) -> list[tuple[tuple, str]]:
    """Every insert of the body and the attachments: (path, what it inserts)."""
    return [(path, block.insert) for path, block in _insert_blocks(doc)]


def placeholders(doc: Document) -> Iterator[tuple[tuple, str]]:
    """Every placeholder written in the document's text: (path, name)."""
    for path, text in stats.walk_strings(doc):
        for m in stats.PLACEHOLDER.finditer(text):
            if m.group(1) is not None:
                yield path, m.group(1).strip()


def _inserts(doc: Document, shared: bool) -> Iterator[Finding]:
    placed = inserts(doc)
    measures = doc.ledger.all_measures() if doc.ledger else []
    all_status = bool(measures) and all(m.status for m in measures)
    if doc.ledger is not None and not placed and not (shared and any(placeholders(doc))):
        if shared:
            yield ("ledger",), ("本文档引用了台账文件，但既没有插入台账内容，也没有用到 {占位符}：写 插入: 整改情况 等，"
                                "或在文字中用 {已完成} 等统计数字；用不到就删去 整改台账")
        else:
            yield ("ledger",), ("整改台账里的问题和措施没有印在任何地方：在正文或附件中写 插入: 整改情况（叙述）"
                                "或 插入: 整改台账（表格）；只要统计数字时，改写 统计.汇总")
    for path, block in _insert_blocks(doc):
        if block.level is not None and block.insert != "ledger":
            yield (*path, "level"), (f"level（层级）只用于 插入: {INSERTS['ledger']}（它的类别标题按层级编号）："
                                     f"{INSERTS[block.insert]}不分层级，请删去")
    for path, kind in placed:
        if doc.ledger is None:
            yield (*path, "insert"), "插入的内容来自整改台账，但本文档没有写 ledger（整改台账）"
        elif kind in NEEDS_STATUS and not all_status:
            yield (*path, "insert"), f"{NEEDS_STATUS[kind]}：请给整改台账的每项措施写 status（进展）或 history（进展记录）"
        elif kind == "completed_list" and doc.previous_as_of is None:
            yield (*path, "insert"), _needs_previous("本期完成事项")


def _needs_previous(what: str) -> str:
    return (f"{what}从上期截至的次日算起：写 previous_as_of（上期截至），或把上一期使用同一台账的文档放在同一文件夹中"
            f"（取截至日期在本文之前的最后一份）")


def _unprintable(ch: str) -> bool:
    """Characters XML 1.0 (and so the DOCX) cannot hold: C0/C1 controls but tab and newline, lone
    surrogates, U+FFFE and U+FFFF."""
    code = ord(ch)
    return (code < 0x20 and ch not in "\t\n") or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF \
        or code in (0xFFFE, 0xFFFF)


def _tables(doc: Document) -> Iterator[Finding]:
    """A 表格's rows hold one cell per column head; 合并 and 短列 name its columns; 序号 is generated or written,
    not both."""
    for path, block in _blocks_of(doc, TableBlock):
        table, path = block.table, (*path, "table")
        heads = "、".join(table.columns)
        if len(set(table.columns)) < len(table.columns):
            yield (*path, "columns"), f"表头里有重复的列名（{heads}）：合并、短列按列名找列，列名不能重复"
        if table.numbered and NUMBER_HEADING in table.columns:
            yield (*path, "numbered"), (f"{_label('numbered')}写了 true，表头里又有“{NUMBER_HEADING}”："
                                        "自动编号时删去表头和各行里的序号；自己写序号时删去“序号: true”")
        for field in ("merged", "short"):
            for i, name in enumerate(getattr(table, field) or ()):
                if name not in table.columns:
                    yield (*path, field, i), (f"{_label(field)}里的“{name}”不是表头里的列名{did_you_mean(name, table.columns) or '。'}"
                                              f"表头：{heads}")
        for r, row in enumerate(table.rows):
            if not isinstance(row, str) and len(row) != len(table.columns):
                yield (*path, "rows", r), (f"这一行有 {len(row)} 格，表头有 {len(table.columns)} 列（{heads}）："
                                           "每行一列写一格，没有内容的格写 \"\"；只写一段文字（不是列表）的行是跨整个表格的分组行")


def _control_characters(doc: Document) -> Iterator[Finding]:
    for path, text in stats.walk_strings(doc):
        if bad := next((ch for ch in text if _unprintable(ch)), None):
            yield path, (f"文字中有不可见的控制字符 U+{ord(bad):04X}（第 {text.index(bad) + 1} 个字符）："
                         f"它印不出来，也会损坏 DOCX。请删去（从别处粘贴的文字常带有这种字符）")


def _placeholders(doc: Document) -> Iterator[Finding]:
    values = stats.figures(doc)
    for path, written in placeholders(doc):
        name, decimals = stats.placeholder(written)
        if name in values:
            if decimals is not None and not isinstance(values[name], Share):
                yield path, f"占位符“{{{written}}}”：“:{decimals}”是占比的小数位，“{name}”不是占比：请删去“:{decimals}”"
            elif decimals is not None and decimals > MAX_DECIMALS:
                yield path, f"占位符“{{{written}}}”：占比最多保留 {MAX_DECIMALS} 位小数"
            continue
        if name in PERIOD_WORDS or name.endswith(progress.SCOPE_SEPARATOR + PERIOD_WORDS[0]):
            yield path, _needs_previous(f"占位符“{{{name}}}”")
            continue
        yield path, (f"占位符“{{{name}}}”不是本文档的统计名称{did_you_mean(name, list(values)) or '。'}"
                     f"{_known_placeholders(doc, values)}（要写花括号本身，请写 {{{{ 或 }}}}）")


def _known_placeholders(doc: Document, values: dict[str, str]) -> str:
    """The placeholders this document may use, by their Chinese names, with examples of the scoped ones."""
    plain = [n for n in values if (re.search(r"[\u4e00-\u9fff]", n) and progress.SCOPE_SEPARATOR not in n)
             or n in doc.statistics.figures]
    none = "" if "措施总数" in values or doc.statistics.figures else \
        "本文档没有可用的统计数字：请写整改台账，或在 统计.汇总 / 统计.数据 中声明"
    if not plain:
        return none
    unit = next((u for m in (doc.ledger.all_measures() if doc.ledger else []) for u in progress.units(m)), None)
    examples = [n for n in (f"{unit}的已完成", "类别1的措施总数", "类别1的问题总数") if n in values]
    scoped_note = f"；按责任单位、类别：{'、'.join(f'{{{n}}}' for n in examples)}……" if examples else ""
    return f"本文档可用：{'、'.join(f'{{{n}}}' for n in plain)}{scoped_note}" + (f"；{none}" if none else "")


def _histories(doc: Document) -> Iterator[Finding]:
    feedback = doc.ledger.feedback_date if doc.ledger else None
    for path, m in measures_with_paths(doc):
        if m.history and m.status:
            yield ((*path, "status"), "写了 history（进展记录）就不再写 status（进展）：文档按其截至日期从记录中取进展")
        for i, (before, entry) in enumerate(zip(m.history, m.history[1:]), 1):
            if entry.dated < before.dated:
                yield ((*path, "history", i, "dated"),
                       f"进展记录的日期倒退了：{cn_date(entry.dated)}早于上一条的{cn_date(before.dated)}。请按日期先后写")
        for i, entry in enumerate(m.history):
            if feedback and entry.dated < feedback:
                yield ((*path, "history", i, "dated"),
                       f"进展记录的日期{cn_date(entry.dated)}早于反馈日期{cn_date(feedback)}：请检查年份和月份")
        if m.completed is None:
            continue
        if feedback and m.completed < feedback:
            yield ((*path, "completed"), f"完成日期{cn_date(m.completed)}早于反馈日期{cn_date(feedback)}：请检查年份和月份")
        done = [e.dated for e in m.history if e.status is Status.DONE]
        if not m.history and m.status and m.status is not Status.DONE:
            yield ((*path, "completed"),
                   f"写了 completed（完成日期），进展应为“已完成”，这里是“{m.status.value}”：请改正其一")
        elif done and done[0] != m.completed:
            yield ((*path, "completed"), f"完成日期{cn_date(m.completed)}与进展记录中“已完成”的日期{cn_date(done[0])}不一致")
        elif m.history and not done and m.completed < m.history[-1].dated:
            yield ((*path, "completed"),
                   f"完成日期{cn_date(m.completed)}早于进展记录的最后一条（{cn_date(m.history[-1].dated)}）：请把完成写进进展记录")


def _dates(doc: Document, shown: Document) -> Iterator[Finding]:
    day = doc.status_date
    at = ("as_of",) if doc.as_of else ("date",)
    measures = measures_with_paths(doc)
    if day is None:
        if any(m.history for _, m in measures):
            yield ("ledger",), "整改台账有进展记录，需要知道按哪一天统计：写 as_of（截至）或 date（成文日期）"
        if doc.previous_as_of:
            yield ("previous_as_of",), "写了上期截至，也要写 as_of（截至）或 date（成文日期）"
        return
    if doc.as_of and doc.date and doc.as_of > doc.date:
        yield ("as_of",), f"截至日期{cn_date(doc.as_of)}晚于成文日期{cn_date(doc.date)}：文件不能报告成文以后的进展"
    if doc.previous_as_of and doc.previous_as_of >= day:
        yield ("previous_as_of",), f"上期截至{cn_date(doc.previous_as_of)}应早于本期截至{cn_date(day)}"
    feedback = doc.ledger.feedback_date if doc.ledger else None
    if feedback and day < feedback:
        yield at, f"截至日期{cn_date(day)}早于台账的反馈日期{cn_date(feedback)}：请检查日期"
    for path, m in measures:
        if m.completed and m.completed > day and progress.status_at(m, day) is Status.DONE:
            yield ((*path, "completed"),
                   f"这项措施在本文档中显示为已完成，但完成日期{cn_date(m.completed)}晚于截至日期{cn_date(day)}："
                   f"改用 history（进展记录）写出各期的进展，或改正完成日期")
    if doc.previous_as_of and uses_period(doc):
        undated = [path for path, m in measures_with_paths(shown) if m.status is Status.DONE and m.completed is None]
        if undated:
            yield undated[0], (f"{len(undated)} 项已完成的措施没有完成日期，无法判断是否本期完成："
                               f"给它们写 completed（完成日期），或用 history（进展记录）")


def uses_period(doc: Document) -> bool:
    """Whether the document tells this period's completions (and so needs 上期截至)."""
    return (any(kind == "completed_list" for _, kind in inserts(doc))
            or any(name in PERIOD_WORDS or name.endswith(progress.SCOPE_SEPARATOR + PERIOD_WORDS[0])
                   for _, name in placeholders(doc)))


def advise(doc: Document, shared: bool) -> Iterator[Finding]:
    """Warnings: what a document holds but prints nowhere (an inline ledger's 责任领导, 责任单位, 完成时限
    when only the narrative is inserted).  A ledger file's fields are checked across documents (``across``)."""
    if doc.ledger is None or shared:
        return
    if missing := unprinted([doc]):
        yield ("ledger",), _unprinted_message(missing, "本文档")


def unprinted(docs: list[Document]) -> list[str]:
    """Measure fields the ledger of ``docs`` holds that none of them prints."""
    ledger = docs[0].ledger
    held = {name for m in ledger.all_measures() for name in ("leader", "unit", "deadline") if getattr(m, name)}
    printed = {name for doc in docs for _, kind in inserts(doc) for name in PRINTS.get(kind, ())}
    return [name for name in ("leader", "unit", "deadline") if name in held - printed]


def _unprinted_message(missing: list[str], where: str) -> str:
    return (f"整改台账中的 {'、'.join(map(_label, missing))} 在{where}中没有印出：插入 整改台账（表格），"
            f"或 责任清单、任务清单（可作附件）即可印出；用不到就删去")


# ---- ledger files ----------------------------------------------------------------------------------------

def ledger_parts(parts) -> Iterator[Problem]:
    """Ledger files that do not merge: a campaign fact given differently, a problem or a measure in two files."""
    first: dict[str, tuple[Any, Any]] = {}
    for part in parts:
        for name in FACTS:
            if name not in part.ledger.model_fields_set:
                continue
            value = getattr(part.ledger, name)
            if name in first and first[name][1] != value:
                other, given = first[name]
                yield part.source.problem((name,), f"{_label(name)} 与 {other.name} 中写的不同（{_shown(given)} / "
                                                   f"{_shown(value)}）：合并的台账文件只能写一种，或只在一个文件中写")
            first.setdefault(name, (part.source, value))
    seen: dict[tuple[str, str], tuple[Any, tuple]] = {}
    for part in parts:
        for path, kind, text in _texts(part.ledger):
            key = (kind, text)
            if key in seen and seen[key][0] is not part.source:
                other, other_path = seen[key]
                line, col = other.at(other_path)
                noun = "问题" if kind == "problem" else "整改措施"
                yield part.source.problem(path, f"这项{noun}在 {other.name}:{line}:{col} 已经写过：合并后会重复计入统计。"
                                                f"每项{noun}只写在一个台账文件里")
            seen.setdefault(key, (part.source, path))


def _shown(value: Any) -> str:
    return cn_date(value) if isinstance(value, dt.date) else f"“{value}”" if isinstance(value, str) else "另一组"


def _texts(ledger) -> Iterator[tuple[tuple, str, str]]:
    for ci, cat in enumerate(ledger.categories):
        for mi, m in enumerate(cat.measures):
            yield ("categories", ci, "measures", mi, "text"), "measure", m.text
        for pi, prob in enumerate(cat.problems):
            yield ("categories", ci, "problems", pi, "text"), "problem", prob.text
            for mi, m in enumerate(prob.measures):
                yield ("categories", ci, "problems", pi, "measures", mi, "text"), "measure", m.text


# ---- documents that share a ledger -----------------------------------------------------------------------

def across(docs: list[Document]) -> tuple[list[Problem], list[Problem]]:
    """Errors and warnings between documents that name the same ledger files: figures declared under the same
    name and 截至 that differ, a 上期截至 that is no document's 截至, ledger fields no document prints."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    groups: dict[tuple[str, ...], list[Document]] = {}
    for doc in docs:
        if doc._loaded is not None and doc._loaded.ledger_files:
            groups.setdefault(tuple(sorted(doc._loaded.ledger_files)), []).append(doc)
    for files, group in groups.items():
        errors += _same_figures(group)
        dates = {doc.status_date for doc in group} | {group[0].ledger.feedback_date}  # the feedback: a first period
        for doc in group:
            if doc.previous_as_of and doc.previous_as_of not in dates and not doc._loaded.implied_previous:
                known = "、".join(f"{_file(d)} 截至{cn_date(d.status_date)}" for d in group if d.status_date and d is not doc)
                warnings.append(doc._loaded.source.problem(
                    ("previous_as_of",), f"上期截至{cn_date(doc.previous_as_of)}不是使用同一台账的其他文档的截至日期"
                                         f"（{known or '没有其他文档'}）：请核对"))
        if missing := unprinted(group):
            names = "、".join(Path(f).name for f in files)
            warnings.append(Problem(files[0], 1, 1, "", _unprinted_message(missing, f"使用台账 {names} 的文档")))
    return errors, warnings


def _file(doc: Document) -> str:
    return Path(doc._loaded.source.name).name


def _same_figures(group: list[Document]) -> list[Problem]:
    """统计.数据 figures of the same name, in documents as of the same day, must be equal."""
    out = []
    first: dict[tuple, Document] = {}
    for doc in group:
        for name, value in doc.statistics.figures.items():
            key = (doc.status_date, name)
            if key not in first:
                first[key] = doc
                continue
            other = first[key]
            if other.statistics.figures[name] != value:
                day = f"截至{cn_date(doc.status_date)}" if doc.status_date else "同一日期"
                for this, that in ((doc, other), (other, doc)):
                    out.append(this._loaded.source.problem(
                        ("statistics", "figures", name),
                        f"“{name}”在本文档是 {this.statistics.figures[name]}，在 {_file(that)} 是 "
                        f"{that.statistics.figures[name]}：两份文档使用同一台账、{day}，数字必须一致"))
    return out
