"""Progress over time: the ledger as it stood on a day, and what only dates can tell.

A measure's 进展 is timeless: every document shows it.  Its 进展记录 gives its status from each entry's day
on (before the first entry, 未启动).  Its 完成日期 dates its completion; with a history it may stand in for
the 已完成 entry.  A document tells the ledger as of its 截至 (default its 成文日期): ``at`` gives that
ledger, with plain statuses, so every table, narrative, chart and figure made from it agrees.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from .model import ZH, Category, Document, Ledger, Measure, Progress, Status, cn_date

SETTLED = (Status.DONE, Status.ONGOING)  # never overdue: done, or meant to go on for good
SCOPE_SEPARATOR = "的"  # {办公室的已完成}: a figure of one 责任单位 or one category
NOT_DONE = "未完成"  # measures of any 进展 but 已完成
UNIT_SEPARATORS = str.maketrans({"，": "、", ",": "、", "；": "、", ";": "、", "/": "、"})


def entries(measure: Measure) -> list[Progress]:
    """The measure's 进展记录 with the completion its 完成日期 implies when no entry says 已完成."""
    history = list(measure.history)
    if measure.completed and history and not any(e.status is Status.DONE for e in history):
        history.append(Progress.model_construct(dated=measure.completed, status=Status.DONE, remark=None))
    return history


def status_at(measure: Measure, day: dt.date | None) -> Status | None:
    history = entries(measure)
    if not history or day is None:
        return measure.status or (Status.DONE if measure.completed else None)
    past = [e for e in history if e.dated <= day]
    return past[-1].status if past else Status.NOT_STARTED


def completed_on(measure: Measure, day: dt.date | None) -> dt.date | None:
    """When a measure done as of ``day`` became done: the first entry of its last run of 已完成 (it may have
    been reopened), else its 完成日期; None when nothing says."""
    history = [e for e in entries(measure) if day is None or e.dated <= day]
    start = None
    for entry in reversed(history):
        if entry.status is not Status.DONE:
            break
        start = entry.dated
    return start or measure.completed


def _measure_at(measure: Measure, day: dt.date) -> Measure:
    if not (measure.history or measure.completed):
        return measure
    status = status_at(measure, day)
    return measure.model_copy(update={
        "status": status, "history": [e for e in entries(measure) if e.dated <= day],
        "completed": completed_on(measure, day) if status is Status.DONE else None})


def _each_measure(ledger: Ledger, change: Callable[[Measure], Measure | None]) -> Ledger:
    """The ledger with every measure passed through ``change``; a measure changed to None is left out, and so
    is a problem or a category left with no measure."""
    def measures(items) -> list[Measure]:
        return [m for m in map(change, items) if m is not None]

    categories = []
    for category in ledger.categories:
        problems = [p.model_copy(update={"measures": kept}) for p in category.problems
                    if (kept := measures(p.measures)) or not p.measures]
        categories.append(category.model_copy(update={"problems": problems, "measures": measures(category.measures)}))
    return ledger.model_copy(update={"categories": categories})


def at(ledger: Ledger, day: dt.date | None) -> Ledger:
    """The ledger as it stood on ``day``: each measure with its status then, its entries up to that day and,
    when done, the day it was completed."""
    if day is None:
        return ledger
    return _each_measure(ledger, lambda m: _measure_at(m, day))


def only(ledger: Ledger, keep: Callable[[Measure], bool]) -> Ledger:
    """The measures ``keep`` accepts, under their problems and categories (the rest left out)."""
    def change(measure: Measure) -> Measure | None:
        return measure if keep(measure) else None

    narrowed = _each_measure(ledger, change)
    categories = [c.model_copy(update={"problems": [p for p in c.problems if p.measures]})
                  for c in narrowed.categories]
    return narrowed.model_copy(update={"categories": [c for c in categories if c.problems or c.measures]})


def remark(measure: Measure) -> str | None:
    """What was last said of a measure (in the ledger as of a day): its last entry's 说明."""
    return measure.history[-1].remark if measure.history else None


def is_overdue(measure: Measure, day: dt.date | None) -> bool:
    """Past a dated 完成时限 on ``day`` and neither done nor ongoing for good."""
    return (day is not None and isinstance(measure.deadline, dt.date) and measure.deadline < day
            and measure.status is not None and measure.status not in SETTLED)


def is_completed_between(measure: Measure, after: dt.date | None, day: dt.date | None) -> bool:
    """Completed after ``after`` and by ``day`` (in the ledger as of ``day``)."""
    return (after is not None and day is not None and measure.status is Status.DONE
            and measure.completed is not None and after < measure.completed <= day)


def measures_of(category: Category) -> list[Measure]:
    return [*category.measures, *(m for p in category.problems for m in p.measures)]


def units(measure: Measure) -> list[str]:
    """The 责任单位 a measure names: “数据资源处、信息中心” is two."""
    return [u.strip() for u in (measure.unit or "").translate(UNIT_SEPARATORS).split("、") if u.strip()]


def scopes(ledger: Ledger) -> Iterator[tuple[str, list[Measure], int]]:
    """Each 责任单位, each category by name and as 类别N, with the measures it answers for and how many
    problems those answer (a unit's: the problems one of its measures answers)."""
    by_unit: dict[str, list[Measure]] = {}
    for measure in ledger.all_measures():
        for unit in units(measure):
            by_unit.setdefault(unit, []).append(measure)
    problems_of_unit: dict[str, set[int]] = {}
    for category in ledger.categories:
        for problem in category.problems:
            for unit in {u for m in problem.measures for u in units(m)}:
                problems_of_unit.setdefault(unit, set()).add(id(problem))
    for unit, measures in by_unit.items():
        yield unit, measures, len(problems_of_unit.get(unit, ()))
    for n, category in enumerate(ledger.categories, 1):
        yield category.name, measures_of(category), len(category.problems)
        yield f"类别{n}", measures_of(category), len(category.problems)


def figures(doc: Document, percent: Callable[[int, int], str]) -> dict[str, str]:
    """The placeholders that dates and the campaign give: 截至, 上期截至, the campaign's facts, 逾期未完成,
    本期完成, and every count by 责任单位 and by category (``{办公室的已完成}``, ``{类别1的已完成占比}``)."""
    values: dict[str, str] = {}
    day, previous = doc.status_date, doc.previous_as_of
    for name, value in (("as_of", day), ("previous_as_of", previous)):
        if value:
            values[name] = values[ZH[name]] = cn_date(value)
    ledger = doc.ledger
    if ledger is None:
        return values
    for name in ("oversight", "inspector", "feedback_date", "due"):
        if (value := getattr(ledger, name)) is not None:
            values[name] = values[ZH[name]] = value if isinstance(value, str) else cn_date(value)
    measures = ledger.all_measures()
    if not measures or not all(m.status for m in measures):
        return values
    values |= _time_counts("", measures, day, previous)
    for scope, scoped, problems in scopes(ledger):
        prefix = scope + SCOPE_SEPARATOR
        values[f"{prefix}措施总数"] = str(len(scoped))
        values[f"{prefix}问题总数"] = str(problems)
        counts = {status.value: sum(1 for m in scoped if m.status is status) for status in Status}
        counts[NOT_DONE] = len(scoped) - counts[Status.DONE.value]
        for name, n in counts.items():
            values[f"{prefix}{name}"] = str(n)
            if scoped:  # a category of problems alone has no share of measures
                values[f"{prefix}{name}占比"] = percent(n, len(scoped))
        values |= _time_counts(prefix, scoped, day, previous)
    return values


def _time_counts(prefix: str, measures: list[Measure], day, previous) -> dict[str, str]:
    values = {}
    overdue = str(sum(1 for m in measures if is_overdue(m, day)))
    values[prefix + "逾期未完成"] = overdue
    if previous is not None:
        values[prefix + "本期完成"] = str(sum(1 for m in measures if is_completed_between(m, previous, day)))
    if not prefix:
        values["overdue"] = overdue
        if previous is not None:
            values["completed_this_period"] = values["本期完成"]
    return values


def shown(doc: Document) -> Document:
    """The document with its ledger as of its 截至."""
    if doc.ledger is None:
        return doc
    return doc.model_copy(update={"ledger": at(doc.ledger, doc.status_date)})
