"""reportgen import 台账.xlsx: a ledger workbook as offices keep it → the ledger's categories, problems and
measures, with what could not be placed.

Each sheet's head row is found by its words (序号, 问题, 整改措施, 责任领导, 责任单位, 完成时限, 进展, 类别 and
their usual variants).  A problem merged over several rows (or repeated, or left blank below) is answered by
each of those rows' measures; a row holding one text across the table, or numbered 一、, opens a category;
dates may be Excel dates or text.  Every cell with a value is accounted for: placed in the ledger, kept as
a comment on its measure (a column the ledger has no field for, a 进展 cell that says more than a status
word), or listed as not placed.  序号 is not read: the ledger is numbered when it is printed.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from openpyxl.utils import get_column_letter

from . import ledger_yaml, xlsx_read
from .errors import InputError
from .import_ledger import split_numbered
from .import_read import tidy, unspaced
from .loader import MAX_BYTES
from .model import Kind, Status
from .xlsx_read import Sheet

# Words of a head cell → the field; the longest word found in a cell decides (问题类别 is a category).
HEAD_WORDS = {
    "number": ("序号", "编号"),
    "category": ("类别", "方面", "问题类别", "问题类型", "问题分类", "领域"),
    "problem": ("问题", "存在问题", "反馈问题", "主要问题", "问题表现", "问题描述", "具体问题"),
    "measure": ("措施", "整改措施", "整改任务", "具体措施"),
    "leader": ("责任领导", "牵头领导", "分管领导", "责任人"),
    "unit": ("责任单位", "牵头单位", "责任部门", "牵头部门", "责任处室"),  # not 配合单位
    "deadline": ("时限", "完成时限", "整改时限", "完成时间", "整改期限"),
    "status": ("进展", "完成情况", "进展情况", "整改进展", "整改情况", "落实情况"),
}
HEAD_FIELDS = {word: name for name, words in HEAD_WORDS.items() for word in words}
MEASURE_KEYS = {"leader": "责任领导", "unit": "责任单位", "deadline": "完成时限", "status": "进展"}
# Words a 进展 cell may open with; a word of three characters or more may run on into a remark.
STATUS_WORDS = {
    Status.DONE: ("已完成", "已整改", "整改完成", "已办结", "已落实", "完成"),
    Status.PARTIAL: ("阶段性成果", "取得阶段性成果", "基本完成", "部分完成"),
    Status.ONGOING: ("长期坚持", "持续推进", "持续整改", "长期推进", "常态化推进"),
    Status.IN_PROGRESS: ("推进中", "正在推进", "正在整改", "整改中", "进行中", "正在进行"),
    Status.NOT_STARTED: ("未启动", "尚未启动", "未开始"),
}
STATUS_FIRST = sorted(((w, s) for s, words in STATUS_WORDS.items() for w in words), key=lambda p: -len(p[0]))
PUNCTUATION = "，。；：:、,;.！!（）() "
TEXT_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
AS_OF = re.compile(r"(?:截至|截止)\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
CATEGORY_NUMBER = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[)）])\s*")
SERIAL = re.compile(r"^(\d+|[一二三四五六七八九十]+)[、.．]?$")  # what a 序号 cell holds: not read
CN_NUMERAL = re.compile(r"^[一二三四五六七八九十]+[、.．]?$")
DEFAULT_SHEET = re.compile(r"^(Sheet|工作表|表)\s*\d*$", re.IGNORECASE)
UNNAMED = "（未分类）"
HEAD_SEARCH_ROWS = 30
EXCEL_SERIAL_DATES = range(20_000, 80_000)  # 1954–2119: a number in a deadline column that is a date


def text(value: Any) -> str:
    """A cell's value as text: lines typed with Alt+Enter joined, whole numbers without “.0”, dates in Chinese."""
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        value = value.date()
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unspaced(tidy(str(value)))


def deadline(value: Any) -> dt.date | str:
    """A deadline: an Excel date, a date serial in a General cell, a date typed as text, or text (长期坚持)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and int(value) == value and int(value) in EXCEL_SERIAL_DATES:
        from openpyxl.utils.datetime import from_excel

        return from_excel(value).date()
    typed = text(value)
    if m := TEXT_DATE.match(typed):
        try:
            return dt.date(*map(int, m.groups()))
        except ValueError:
            pass  # “2025.13.1” stays as typed; validation does not check text deadlines
    return typed


def status(typed: str) -> Status | None:
    for word, found in STATUS_FIRST:
        if typed.startswith(word):
            rest = typed[len(word):]
            if not rest or rest[0] in PUNCTUATION or len(word) >= 3:
                return found
    return None


def head_field(cell: str) -> str | None:
    """The field a head cell names: its longest head word, the first of equals (整改措施及完成情况: measures)."""
    cell = re.sub(r"\s", "", cell)
    found = [(len(w), -cell.index(w), f) for f, words in HEAD_WORDS.items() for w in words if w in cell]
    return max(found)[2] if found else None


def names(value: Any) -> str:
    """责任领导 / 责任单位: names on lines of their own (Alt+Enter) are a list, written with 、."""
    return "、".join(filter(None, (text(line) for line in str(value).splitlines())))


def ref(r: int, c: int) -> str:
    return f"{get_column_letter(c)}{r}"


@dataclass
class Measure:
    fields: dict[str, Any]
    comments: list[str] = field(default_factory=list)


@dataclass
class Problem:
    text: str | None  # None: the measures of the whole category
    measures: list[Measure] = field(default_factory=list)


@dataclass
class Category:
    name: str
    problems: list[Problem] = field(default_factory=list)

    def problem(self, typed: str | None) -> Problem:
        found = next((p for p in self.problems if p.text == typed), None)
        if found is None:
            found = Problem(typed)
            self.problems.append(found)
        return found


@dataclass
class Ledger:
    """What the workbook held: the ledger, its title and 截至 date, and notes for the editor."""

    categories: list[Category] = field(default_factory=list)
    title: str = ""
    as_of: dt.date | None = None
    above: list[str] = field(default_factory=list)  # the lines above the head row, as typed
    notes: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    seen: dict[tuple, Measure] = field(default_factory=dict)
    numbered: bool = False  # a sheet had a 序号 column

    def category(self, name: str) -> Category:
        found = next((c for c in self.categories if c.name == name), None)
        if found is None:
            found = Category(name)
            self.categories.append(found)
        return found


def convert(sheets: list[Sheet]) -> Ledger:
    ledger = Ledger()
    for sheet in sheets:
        _SheetReader(sheet, ledger).read()
    empty = [c for c in ledger.categories if not any(p.measures or p.text for p in c.problems)]
    ledger.unplaced += [f"“{c.name}”看似类别行，下面却没有问题和措施：没有导入。" for c in empty]
    ledger.categories = [c for c in ledger.categories if c not in empty]
    return ledger


class _SheetReader:
    """One sheet: its head row, then row by row; the cells it uses are marked, the rest reported."""

    def __init__(self, sheet: Sheet, out: Ledger):
        self.sheet, self.out = sheet, out
        self.used: set[tuple[int, int]] = set()
        self.columns: dict[int, str] = {}  # column → field
        self.heads: dict[int, str] = {}  # column → its head text
        self.head_end = 0  # the head's last row (heads may take two)
        self.repeated = 0

    def held(self, r: int, c: int) -> tuple[tuple[int, int], str] | None:
        """The cell at (r, c) — the top-left one of its merged range — and its text, when it holds one."""
        at = self.sheet.merged.get((r, c), (r, c))
        value = self.sheet.values.get(at)
        return None if value is None else (at, text(value))

    def column(self, name: str) -> int | None:
        return next((c for c, f in self.columns.items() if f == name), None)

    def row_text(self, r: int) -> dict[int, str]:
        return {c: v for (row, c), v in self.sheet.values.items() if row == r and isinstance(v, str)}

    def find_head(self) -> int | None:
        """The head's first row: the first row naming 整改措施 and another field."""
        for r in sorted({r for r, _ in self.sheet.values})[:HEAD_SEARCH_ROWS]:
            found: dict[int, str] = {}
            for c, value in sorted(self.row_text(r).items()):
                if (name := head_field(value)) and name not in found.values():
                    found[c] = name
            if "measure" in found.values() and len(found) >= 2:
                self.columns, self.heads = found, {c: text(v) for c, v in self.row_text(r).items()}
                self.out.numbered |= "number" in found.values()
                self.used |= {(r, c) for c in self.heads}
                self.head_end = self._second_head_row(r + 1) or r
                return r
        return None

    def _second_head_row(self, r: int) -> int | None:
        """Heads over two rows (“责任” over 责任领导 | 责任单位): the row below may name more fields, each
        cell a head word and nothing else, under a column the first row left unnamed."""
        more = {c: HEAD_FIELDS.get(re.sub(r"\s", "", v)) for c, v in self.row_text(r).items()}
        if not more or not all(more.values()) or set(more) & set(self.columns) \
                or set(more.values()) & set(self.columns.values()):
            return None
        self.columns |= more
        self.heads |= {c: text(self.sheet.values[(r, c)]) for c in more}
        self.used |= {(r, c) for c in more}
        return r

    def read(self) -> None:
        head = self.find_head()
        if head is None:
            cells = [f"{ref(r, c)}“{text(v)}”" for (r, c), v in sorted(self.sheet.values.items())]
            if cells:
                self.out.unplaced.append(f"工作表“{self.sheet.title}”没有找到表头（序号、问题、整改措施……），"
                                         f"这些单元格没有导入：{'；'.join(cells)}")
            return
        self._above(head)
        category = problem = None
        problem_at = measure_at = None
        columns = sorted({c for _, c in self.sheet.values} | set(self.columns))
        for r in sorted({r for r, _ in self.sheet.values} | {r for r, _ in self.sheet.merged}):
            if r <= self.head_end:
                continue
            held = {c: found for c in columns if (found := self.held(r, c))}
            if not held:
                continue
            if name := self._category_row(r, held):
                category, problem = self.out.category(name), None
                continue
            if found := held.get(self.column("category")):
                self.used.add(found[0])
                name = CATEGORY_NUMBER.sub("", found[1]) or found[1]
                if category is None or category.name != name:
                    category, problem = self.out.category(name), None
            if category is None:
                category = self.out.category(self._default_category())
            if (found := held.get(self.column("problem"))) and (found[0] != problem_at or problem is None):
                problem_at = found[0]
                problem = self._problem(category, found[1])
                self.used.add(problem_at)
            elif problem is None:
                problem = category.problem(None)
            found = held.get(self.column("measure"))
            if found and found[0] != measure_at:  # a measure merged over several rows is read once
                measure_at = found[0]
                self.used.add(measure_at)
                self._measure(r, problem, found[1], held)
        if self.repeated:
            self.out.notes.append(f"工作表“{self.sheet.title}”有 {self.repeated} 项措施与前面工作表的相同，没有重复导入。")
        left = [f"{ref(r, c)}“{text(v)}”" for (r, c), v in sorted(self.sheet.values.items())
                if (r, c) not in self.used and not (self.columns.get(c) == "number" and SERIAL.match(text(v)))]
        if left:
            self.out.unplaced.append(f"工作表“{self.sheet.title}”中没有放进台账的单元格：{'；'.join(left)}")

    def _default_category(self) -> str:
        if not DEFAULT_SHEET.match(self.sheet.title):
            return self.sheet.title
        self.out.notes.append(f"工作表“{self.sheet.title}”没有类别行或类别列：类别名暂写“{UNNAMED}”，请改写。")
        return UNNAMED

    def _above(self, head: int) -> None:
        """Rows above the head, kept for the editor (each sheet may repeat them): the first is the title,
        and a “截至…” date is the date the ledger stands at."""
        for (r, c), value in sorted(self.sheet.values.items()):
            if r >= head:
                break
            typed = text(value)
            self.used.add((r, c))
            if typed not in self.out.above:
                self.out.above.append(typed)
            if m := AS_OF.search(typed):
                self.out.as_of = self.out.as_of or dt.date(*map(int, m.groups()))
            else:
                self.out.title = self.out.title or typed

    def _category_row(self, r: int, held: dict) -> str | None:
        """A row with one text spread across the table, or numbered 一、, or ending 方面: a category's name."""
        number = self.column("number")
        origins = {at for c, (at, _) in held.items() if c != number}
        if len(origins) != 1:
            return None
        at = origins.pop()
        name = text(self.sheet.values[at])
        spread = sum(1 for c in self.columns if self.sheet.merged.get((r, c), (r, c)) == at) > 1
        numeral = number in held and CN_NUMERAL.match(held[number][1])
        named = at[1] != self.column("measure") and (CATEGORY_NUMBER.match(name) or name.endswith("方面"))
        if not (spread or numeral or named):
            return None
        self.used.add(at)
        return CATEGORY_NUMBER.sub("", name) or name

    @staticmethod
    def _problem(category: Category, typed: str) -> Problem:
        """A problem cell; “（1）……（2）……” is problems answered together by the category's measures, and
        a cell that repeats the category's name holds the category's own measures."""
        if typed == category.name:
            return category.problem(None)
        parts = split_numbered(typed)
        for part in parts if len(parts) > 1 else ():
            category.problem(part)
        return category.problem(None if len(parts) > 1 else typed)

    def _measure(self, r: int, problem: Problem, typed: str, held: dict) -> None:
        measure = Measure({"文本": typed})
        for c, (at, value) in held.items():
            name = self.columns.get(c)
            if name in ("number", "category", "problem", "measure"):
                continue
            self.used.add(at)
            if name == "deadline":
                measure.fields[MEASURE_KEYS[name]] = deadline(self.sheet.values[at])
            elif name == "status":
                self._status(measure, value, self.heads[c], ref(r, c))
            elif name:
                measure.fields[MEASURE_KEYS[name]] = names(self.sheet.values[at])
            else:
                measure.comments.append(f"{self.heads.get(c) or get_column_letter(c) + '列'}：{value}")
        key = (problem.text, typed)
        if key in self.out.seen:  # the same measure on another sheet (a sheet per unit, say)
            first = self.out.seen[key]
            first.comments += [f"工作表“{self.sheet.title}”第 {r} 行的{k}：{v}" for k, v in measure.fields.items()
                               if k != "文本" and first.fields.get(k) != v]
            self.repeated += 1
            return
        self.out.seen[key] = measure
        problem.measures.append(measure)

    def _status(self, measure: Measure, typed: str, head: str, where: str) -> None:
        found = status(typed)
        if found:
            measure.fields["进展"] = found.value
        if found is None or typed != found.value:
            measure.comments.append(f"{head}（原表）：{typed}")
        if found is None:
            self.out.notes.append(f"工作表“{self.sheet.title}”{where} 的“{typed}”认不出是哪种进展：已作为注释留在该措施下，"
                                  f"请补写 进展（{' / '.join(s.value for s in Status)}）。")


# ---- the import command's stage -----------------------------------------------------------------------


def import_workbook(path: Path, out: Path, kind: Kind | None = None) -> tuple[str, list, list[str]]:
    """The YAML for the workbook at ``path`` (to be written at ``out``): a ledger file, or with ``kind`` 台账 a
    document around it; the problems validation still finds; and what the editor should know, for the
    terminal (the same is on top of the file).  Raises ``InputError`` for a file refused."""
    from . import lint, schema

    ledger = convert(xlsx_read.read(path))
    if not ledger.categories:
        raise xlsx_read.refusal(path, "没有找到台账：每个工作表都没有含“整改措施”的表头行")
    told = ledger.notes + ledger.unplaced
    head = [f"由 reportgen import 从 {path.name} 转换：请核对类别、问题和措施，再运行 reportgen lint --fix。",
            *(["序号没有导入：生成时重新编号。"] if ledger.numbered else []), *told]
    if kind is Kind.LEDGER:
        text = schema.modeline(out) + ledger_yaml.ledger_document(ledger, head)
    else:  # no schema line: the schema describes documents
        text = ledger_yaml.ledger_file(ledger, head)
    if len(text.encode()) > MAX_BYTES:
        raise xlsx_read.refusal(path, f"导入的台账超过 YAML 文件 {MAX_BYTES // 1_000_000} MB 的上限：请把工作表分存为几个"
                                      "工作簿，分别导入为几个台账文件")
    text = lint.fix_text(text, str(out), out.parent)
    return text, _problems(text, out, kind), told


def _problems(text: str, out: Path, kind: Kind | None) -> list:
    """What validation finds.  A ledger file is checked as the ledger of a 台账 document, its positions
    those of the file.  The loader's reading, which locates every value, is slow on a long ledger: it runs
    only when a first validation, without positions, finds something."""
    from .loader import Source, parse, validate

    def check(data, source: Source, problems: list = ()) -> None:
        if kind is not Kind.LEDGER:
            data = {"kind": Kind.LEDGER.value, "title": "整改台账", "body": [{"insert": "ledger_table"}], "ledger": data}
            source.values = {("ledger", *path): at for path, at in source.values.items()}
            source.keys = {("ledger", *path): at for path, at in source.keys.items()}
        validate(data, source, problems, base=out.parent)

    try:
        check(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)), Source(str(out)))
        return []
    except InputError:
        pass
    try:
        check(*parse(text, str(out)))
    except InputError as e:
        return e.problems
    return []
