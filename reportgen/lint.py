"""House writing the model can't check: punctuation, quotes, dates, numbers, typed numbering, duplicates.

Findings carry a position and, where the right text is certain, a fix.  Fixes are made in the file's own
text, inside the span of the value they change, so comments, quoting, indentation and line breaks stay as
the editor left them (a YAML round-trip re-indents lists and re-flows long lines).
"""
from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import InputError
from . import progress, stats, style
from .percentages import Share, percent
from .loader import (TEXT_AS_FIELD, colon_message, colon_mistakes, decode, english_path, parse, read, validate,
                     yaml_problem)
from .model import EN
from .patterns import (DASH, DATE_IN_WORDS, DATE_PARTS, ENUMERATION, HEADING_NUMBERS, figures_date, normalise_doc_number,
                       normalise_issue_no, recogniser)

CJK_CHARS = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’"  # CJK punctuation, ideographs, full-width forms
CJK = f"[{CJK_CHARS}]"
ASCII_PUNCT = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
PUNCT = re.compile(rf"(?<={CJK})[,;:?!]+|[,;:?!]+(?={CJK})")  # a run at once: “,,,。” settles in one fix
PAREN = re.compile(r"\(([^()]*)\)")
# 一、 （一） 1. （1） 一是 typed at the start; not “一、二季度” (a range) nor “（2025）年度” (a year).
TYPED_NUMBER = re.compile(r"^\s*((?:" + "|".join(recogniser(p) for p in (*HEADING_NUMBERS, ENUMERATION)) + "))")
# The house's written forms a value must take: field → (its normaliser, the rule's name, what the fix says).
NORMAL_FORMS = {"doc_number": (normalise_doc_number, "发文字号", "六角括号〔〕、不加“第”、序号不编虚位"),
                "issue_no": (normalise_issue_no, "期号", "第N期，数字用阿拉伯数字")}
SENTENCE = re.compile(r"[^。；;！？]+")
# A sentence about rectification progress: it names 整改 or 措施, or cites a ledger count (“已完成{已完成}项”);
# not “全年目标完成率达到95%”.
PROGRESS = re.compile(r"整改|措施|\{[^{}]*(?:完成|成果|坚持|推进|启动|总数)[^{}]*\}")
PERCENT = re.compile(r"(?<![\d.{])(\d+(?:\.\d+)?)%")
BLOCK_FIELDS = {"lead", "text", "items", "title", "level", "run_in", "body", "insert"}  # what a body item may hold
CJK_NAME = re.compile(r"[\u4e00-\u9fff]")  # a placeholder's Chinese name (each figure has an English twin)
IGNORE = re.compile(r"#\s*lint:\s*ignore(?:\[([^\]]+)\])?")
# Fields whose text is prose (where house punctuation applies); codes and names are left alone.
PROSE = {"title", "subject", "body", "lead", "text", "items", "name", "problems", "measures", "note", "to",
         "signature", "cc", "remark", "subtitle", "salutation", "reported_to", "sent_to", "distributed_to",
         "columns", "rows", "footnote"}
NUMBERED = {"title", "lead", "text", "items", "body", "problems", "measures"}


@dataclass(frozen=True)
class Finding:
    line: int
    col: int
    path: str
    rule: str
    message: str
    fix: tuple[int, int, str] | None = None  # (start, end, replacement) in the file's text

    def __str__(self) -> str:
        mark = "（可自动修正）" if self.fix else ""
        return f"{self.line}:{self.col}  {self.path or '(文档)'}  [{self.rule}] {self.message}{mark}"


def _scalars(node, parts: tuple = ()) -> Iterator[tuple[tuple, yaml.ScalarNode]]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _scalars(value, (*parts, EN.get(key.value, key.value)))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from _scalars(item, (*parts, i))
    elif isinstance(node, yaml.ScalarNode) and node.tag.endswith(":str"):
        yield parts, node


def _field(parts: tuple) -> str:
    return next((p for p in reversed(parts) if isinstance(p, str)), "")


def _full_width_punctuation(m: re.Match) -> str:
    return "".join(ASCII_PUNCT[ch] for ch in m.group())


def _cell_line(parts: tuple) -> bool:
    """A line of a 表格 cell written as a list (rows → row → cell → line), which the renderer numbers; a cell
    written as one text prints as written, numbers and all."""
    return "rows" in parts and len(parts) - parts.index("rows") == 4


def _full_width_parentheses(m: re.Match) -> str:
    return f"（{m[1]}）" if re.search(CJK, m[1]) else m[0]


class _Linter:
    def __init__(self, text: str):
        self.text = text
        self.found: list[Finding] = []

    def add(self, node, parts, rule, message, fix=None):
        self.found.append(Finding(node.start_mark.line + 1, node.start_mark.column + 1, english_path(parts), rule,
                                  message, fix))

    def rewrite(self, node, change) -> tuple[int, int, str] | None:
        """The node's source span passed through ``change``.  A double-quoted value with escapes is changed as
        a value and written back as a JSON string, which YAML reads as the same double-quoted scalar."""
        start, end = node.start_mark.index, node.end_mark.index
        source = self.text[start:end]
        if node.style == '"' and "\\" in source:
            value = change(node.value)
            start = self.text.index('"', start, end)  # after an anchor (&name) or a tag
            return (start, end, json.dumps(value, ensure_ascii=False)) if value != node.value else None
        fixed = change(source)
        if fixed == source or _reads_as(fixed) != change(node.value):
            return None  # e.g. a plain value that would start with “- ” or read as a number: no safe fix
        return start, end, fixed

    def substitute(self, node, pattern: re.Pattern, replace) -> tuple[int, int, str] | None:
        return self.rewrite(node, lambda source: pattern.sub(replace, source))

    def scalar(self, parts, node) -> None:
        value, field = node.value, _field(parts)
        if field in NORMAL_FORMS:
            normalise, rule, how = NORMAL_FORMS[field]
            try:
                normal = normalise(value)
            except ValueError:
                return
            if normal != value:
                self.add(node, parts, rule, f"应写作“{normal}”（{how}）",
                         self.substitute(node, re.compile(re.escape(value)), lambda m: normal))
            return
        if field not in PROSE:
            return
        if PUNCT.search(value) or any(re.search(CJK, m[1]) for m in PAREN.finditer(value)):
            fix = self.rewrite(node, lambda source: PAREN.sub(_full_width_parentheses,
                                                              PUNCT.sub(_full_width_punctuation, source)))
            self.add(node, parts, "标点", "中文里的标点应为全角（GB/T 15834）：， ； ： ？ ！ （ ）", fix)
        if ('"' in value or "'" in value) and re.search(CJK, value):
            self.add(node, parts, "引号", "中文引号用“”和‘’，不用英文引号", self._quote_fix(node))
        elif value.count("“") != value.count("”"):
            self.add(node, parts, "引号", f"前引号“有 {value.count('“')} 个、后引号”有 {value.count('”')} 个：请配对")
        if m := DATE_PARTS.search(value):
            if re.search(r"年\s*0\d\s*月|月\s*0\d\s*日", m.group()):
                self.add(node, parts, "日期", f"“{m.group()}”的月、日不编虚位：写作“{int(m[1])}年{int(m[2])}月{int(m[3])}日”",
                         self.substitute(node, DATE_PARTS, lambda d: f"{d[1]}年{int(d[2])}月{int(d[3])}日"))
        if m := DATE_IN_WORDS.search(value):
            self.add(node, parts, "数字", f"年份用阿拉伯数字（GB/T 15835）：“{m.group()}”写作“{figures_date(m)}”",
                     self.substitute(node, DATE_IN_WORDS, figures_date))
        if (field in NUMBERED or _cell_line(parts)) and (m := TYPED_NUMBER.match(value)):
            where = "表格里写成列表的格，各行编 1. 2. 3." if _cell_line(parts) else "成组的事项写在 列举 下"
            self.add(node, parts, "序号", f"“{m.group(1)}”是手打的序号：序号由程序生成，请删去（{where}）",
                     self._unnumbered(node, m.group(1)))
        elif field == "items" and value.startswith(DASH):
            self.add(node, parts, "序号", f"“{DASH}”是手打的列举符号：写 列举方式: 破折号，由程序在每项前加上",
                     self._unnumbered(node, DASH))

    def _unnumbered(self, node, typed: str) -> tuple[int, int, str] | None:
        """The fix that removes a number (or an em-dash) typed at the start of the value."""
        return self.substitute(node, re.compile(r"^([\"']?\s*)" + re.escape(typed) + r"\s*"), lambda q: q[1])

    def _quote_fix(self, node):
        count = [0]

        def pair(m):
            count[0] += 1
            return "“" if count[0] % 2 else "”"
        return self.substitute(node, re.compile('"'), pair) if node.value.count('"') % 2 == 0 else None


def _reads_as(source: str):
    try:
        return yaml.safe_load(source)
    except yaml.YAMLError:
        return None


def _key_colons(text: str, error_line: int) -> Iterator[Finding]:
    """In a file YAML refused: “标题：……” (a full-width colon) or “标题:……” (no space) where a key belongs."""
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    for number, m in colon_mistakes(lines, error_line):
        colon = offsets[number] + m.start(3)
        fix = (colon, colon + 1, ": ") if m[3] == "：" else (colon + 1, colon + 1, " ")
        yield Finding(number + 1, m.start(3) + 1, "", "冒号", colon_message(m), fix)


def lint_text(text: str, name: str = "<yaml>", base: Path | None = None) -> list[Finding]:
    """Every finding for one file (a file that does not parse gives its syntax error as one finding);
    ``base`` is the folder that relative image paths are read from."""
    found: list[Finding] = []
    if text.startswith("\ufeff"):
        found.append(Finding(1, 1, "", "BOM", "文件开头有 BOM（Windows 记事本加的不可见字符）：可以删去", (0, 1, "")))
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        colons = list(_key_colons(text, mark.line if mark else 0))
        problem = yaml_problem(e, name)
        explained = any(f.line == problem.line for f in colons)
        return found + colons + ([] if explained else [Finding(problem.line, problem.col, "", "语法", problem.message)])
    except (yaml.YAMLError, RecursionError):
        root = None  # the loader below says what it is (control characters, nesting too deep)
    try:
        parsed = parse(text.lstrip("\ufeff"), name, root)  # refuses alias bombs, self-references and deep nesting first
    except InputError as e:
        return found + [Finding(p.line, p.col, "", "语法", p.message) for p in e.problems]
    if root is None:
        return found
    linter = _Linter(text)
    for parts, node in _scalars(root):
        linter.scalar(parts, node)
    found += linter.found
    found += _empty_sections(root)
    found += _text_read_as_field(root)
    found += _repeated_measures(root)
    found += _with_model(root, parsed, base)
    return sorted(_unsuppressed(found, text), key=lambda f: (f.line, f.col))


def _unsuppressed(found: list[Finding], text: str) -> list[Finding]:
    """Drops findings on lines that say ``# lint: ignore`` (every rule) or ``# lint: ignore[规则,…]``."""
    ignored: dict[int, set[str] | None] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if m := IGNORE.search(line):
            ignored[number] = {r.strip() for r in re.split(r"[,，、]", m[1])} if m[1] else None
    return [f for f in found
            if f.line not in ignored or (ignored[f.line] is not None and f.rule not in ignored[f.line])]


def _with_model(root, parsed: tuple, base: Path | None) -> list[Finding]:
    """Rules that need the validated model: 签发人 of a 报告, percentages typed in sentences about progress
    checked against the ledger's (skipped when the model does not load: `reportgen validate` says why)."""
    out = []
    try:
        doc = validate(*parsed, base=base)
    except InputError:
        return out  # `reportgen validate` reports those
    kind = next((node for parts, node in _scalars(root) if parts == ("kind",)), root)  # root: via a merge key

    def at_kind(rule: str, message: str) -> None:
        out.append(Finding(kind.start_mark.line + 1, kind.start_mark.column + 1, "kind", rule, message))

    if doc.kind.upward and not doc.signer:
        at_kind("签发人", "报告是上行文：正式报送时应有版头并标注签发人（写 版头 和 签发人）")
    form = doc.kind.form
    if form.dated and not doc.date:
        where = "在署名下" if form.date_at == "signature" else "在报头"
        at_kind("成文日期", f"{doc.kind.value}要{where}标注成文日期：写 成文日期，如 2025-09-05")
    if doc.header is not None and not doc.doc_number and form.numbered:
        at_kind("发文字号", "有版头的公文要有发文字号：写 发文字号，如 ×发〔2025〕3号")
    if doc.mark is not None and None not in doc.mark[0]:
        size = style.BANNER.mark_fit(list(doc.mark[0]), doc.mark[1])[0]
        if size < style.ROLES["title"].size:  # smaller than the title's 二号 under it
            field, remedy = (("简报名称", "请用简称") if form.mark_field else
                             ("发文机关标志", "请用规范简称；联合行文时每个机关写成列表的一项，分行印出"))
            at_kind("标志", f"{field}“{max(doc.mark[0], key=len)}{doc.mark[1]}”一行印不下，要缩到 {size.pt:.0f} 磅，"
                            f"比标题的二号字还小：{remedy}")
    shares = {name: v for name, v in stats.figures(doc).items() if isinstance(v, Share) and CJK_NAME.search(name)}
    if shares:
        for parts, node in _scalars(root):
            typed = (m for sentence in SENTENCE.findall(node.value) if PROGRESS.search(sentence)
                     for m in PERCENT.finditer(sentence))
            for m in typed:
                out.append(Finding(node.start_mark.line + 1, node.start_mark.column + 1, english_path(parts), "数字",
                                   _typed_share(m[0], shares, doc.percent_decimals)))
    return out


def _typed_share(typed: str, shares: dict, decimals: int | None) -> str:
    """What to say of a percentage typed where the ledger computes one: the placeholder that prints it, at the
    document's precision (``{已完成占比}``) or at the typed figure's own (``{已完成占比:0}``), or that no
    computed share is that figure."""
    own = len(typed.rstrip("%").partition(".")[2])
    same = [f"{{{name}}}" for name, v in shares.items() if v == typed and progress.SCOPE_SEPARATOR not in name]
    same = same or [f"{{{name}:{own}}}" for name, v in shares.items()
                    if progress.SCOPE_SEPARATOR not in name and percent(v.part, v.whole, own) == typed]
    if same:
        return f"“{typed}”与台账算出的占比相同：请改用占位符 {' 或 '.join(same)}，台账变了数字随之变"
    computed = sorted({v for name, v in shares.items() if progress.SCOPE_SEPARATOR not in name})
    return (f"文中写的“{typed}”与台账算出的占比（{'、'.join(computed)}，按{'本文档的' if decimals is not None else ''}"
            f"小数位）都不符：请用占位符，如 {{已完成占比}}")


def _repeated_measures(root) -> Iterator[Finding]:
    """A measure written twice (usually pasted under a second problem) counts twice in every figure."""
    first: dict[str, yaml.ScalarNode] = {}
    for parts, node in _scalars(root):
        is_measure = (len(parts) >= 2 and parts[-2] == "measures") or \
                     (len(parts) >= 3 and parts[-3] == "measures" and parts[-1] == "text")
        if not is_measure or not node.value.strip():
            continue
        if node.value in first:
            yield Finding(node.start_mark.line + 1, node.start_mark.column + 1, english_path(parts), "重复",
                          f"这项整改措施与第 {first[node.value].start_mark.line + 1} 行的相同：每项措施都计入统计，"
                          f"同一措施对应几个问题时只写一次")
        else:
            first[node.value] = node


def _text_read_as_field(node, parts: tuple = ()) -> Iterator[Finding]:
    """“- 情况如下: 一是……”: a colon and a space in a paragraph made it a field named “情况如下”."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            known = EN.get(key.value, key.value) in BLOCK_FIELDS
            if (not known and len(node.value) == 1 and parts and isinstance(parts[-1], int) and len(parts) > 1 and parts[-2] == "body"
                    and re.search(CJK, key.value) and not key.style and isinstance(value, yaml.ScalarNode)
                    and not value.style):
                fix = (key.end_mark.index, value.start_mark.index, "：")
                yield Finding(key.start_mark.line + 1, key.start_mark.column + 1, english_path(parts), "冒号",
                              TEXT_AS_FIELD.format(key.value), fix)
            yield from _text_read_as_field(value, (*parts, EN.get(key.value, key.value)))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from _text_read_as_field(item, (*parts, i))


def _empty_sections(node, parts: tuple = ()) -> Iterator[Finding]:
    if isinstance(node, yaml.MappingNode):
        keys = {EN.get(k.value, k.value): v for k, v in node.value}
        if "title" in keys and parts and isinstance(parts[-1], int):
            body = keys.get("body")
            if body is None or (isinstance(body, yaml.SequenceNode) and not body.value):
                yield Finding(node.start_mark.line + 1, node.start_mark.column + 1, english_path(parts), "空节",
                              "这一节只有标题，没有内容")
        for key, value in node.value:
            yield from _empty_sections(value, (*parts, EN.get(key.value, key.value)))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            yield from _empty_sections(item, (*parts, i))


def apply(text: str, findings: list[Finding]) -> str:
    """The text with every fix applied (later spans first; a span overlapping an applied one waits)."""
    done_start = len(text) + 1
    for finding in sorted((f for f in findings if f.fix), key=lambda f: f.fix[0], reverse=True):
        start, end, replacement = finding.fix
        if end <= done_start:
            text = text[:start] + replacement + text[end:]
            done_start = start
    return text


def _shape(text: str):
    """The document's structure without its words (None when it does not parse)."""
    def shape(value):
        if isinstance(value, dict):
            return {str(k): shape(v) for k, v in value.items()}
        if isinstance(value, list):
            return [shape(v) for v in value]
        return type(value).__name__
    try:
        return shape(yaml.safe_load(text))
    except yaml.YAMLError:
        return None


def fix_text(text: str, name: str = "<yaml>", base: Path | None = None, keep: tuple[str, ...] = ()) -> str:
    """The text with every fix applied, round after round until none is left (one fix may uncover another).
    Only the colon fix may change the document's structure (that is its point); a round of fixes that
    changes it otherwise is not applied.  The fixes of the rules in ``keep`` are not applied."""
    for _ in range(5):
        findings = [f for f in lint_text(text, name, base) if f.rule not in keep]
        fixed = apply(text, findings)
        if fixed == text:
            break
        restructures = any(f.rule == "冒号" and f.fix for f in findings)
        before = _shape(text.lstrip("\ufeff"))
        if not restructures and before is not None and _shape(fixed.lstrip("\ufeff")) != before:
            break
        text = fixed
    return text


def _read(path: Path) -> str:
    """The file's text, its BOM kept for the BOM rule; raises ``InputError`` (in Chinese) for a GBK file."""
    raw = read(path)
    text = decode(raw, str(path))
    return "\ufeff" + text if raw.startswith(codecs.BOM_UTF8) else text


def lint_file(path: Path) -> list[Finding]:
    return lint_text(_read(path), str(path), path.parent)


def fix_file(path: Path) -> tuple[list[Finding], bool]:
    """Fixes the file in place; returns what remains and whether the file changed."""
    original = _read(path)
    text = fix_text(original, str(path), path.parent)
    if text != original:
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_bytes(text.encode("utf-8"))  # as read: CRLF stays CRLF on Windows too
        tmp.replace(path)
    return lint_text(text, str(path), path.parent), text != original
