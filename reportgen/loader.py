"""YAML file → validated ``Document``, or an ``InputError`` listing every problem with its position.

The YAML is composed into nodes with PyYAML's safe loader and converted by hand so that each value keeps
its line and column, duplicate keys are caught (PyYAML silently keeps the last), and alias bombs or deep
nesting are refused.  Ledger files the document names are read and merged (``ledger_files``).  Pydantic
then validates; its errors are mapped back to positions and explained in Chinese, naming the English field.
The rules across fields (``rules``) run last, and the document comes out with its ledger as of its 截至.
"""
from __future__ import annotations

import datetime
import re
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from . import assets, model, reading, written
from .errors import InputError, Problem, did_you_mean
from .model import EN, ZH, Document, Kind, Status

MAX_BYTES = 2_000_000
MAX_NODES = 200_000
MAX_DEPTH = 50
LEADING_ZERO = re.compile(r"^0\d+$")
PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
FAST_LOADER = getattr(yaml, "CSafeLoader", None)  # PyYAML built with libyaml

Key = str | int
Path_ = tuple[Key, ...]


class Source:
    """Positions of every value and key of one YAML file, by path."""

    def __init__(self, name: str):
        self.name = name
        self.values: dict[Path_, tuple[int, int]] = {}
        self.keys: dict[Path_, tuple[int, int]] = {}

    def at(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Position of the deepest known prefix of ``path`` (a missing field points at its parent)."""
        table = self.keys if key else self.values
        for end in range(len(path), -1, -1):
            if path[:end] in table:
                return table[path[:end]]
            if path[:end] in self.values:
                return self.values[path[:end]]
        return (1, 1)

    def problem(self, path: Path_, message: str, *, key: bool = False) -> Problem:
        line, col = self.at(path, key=key)
        return Problem(self.name, line, col, english_path(path), message)


def english_path(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + part
    return out


def canonical(path: tuple) -> Path_:
    """A path with every Chinese field name replaced by its English name: positions are kept this way."""
    return tuple(EN.get(p, p) if isinstance(p, str) else p for p in path)


def _in_table_rows(path: Path_) -> bool:
    """Is this value inside a 表格's 行 (rows)?"""
    keys = [part for part in canonical(path) if isinstance(part, str)]
    return "table" in keys and "rows" in keys[keys.index("table"):]


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Converter:
    """Nodes → plain Python values, recording positions and collecting problems."""

    def __init__(self, source: Source):
        self.source = source
        self.problems: list[Problem] = []
        self.constructor = yaml.SafeLoader("")
        self.count = 0

    def convert(self, node: yaml.Node, path: Path_, depth: int = 0) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _Refused(node, f"YAML 展开后超过 {MAX_NODES} 个值（可能是锚点/别名反复引用）：拒绝处理")
        if depth > MAX_DEPTH:
            raise _Refused(node, f"嵌套超过 {MAX_DEPTH} 层：拒绝处理")
        self.source.values[path] = _mark(node)
        if not isinstance(node, yaml.ScalarNode) and node.tag not in PLAIN_TAGS:
            self.problems.append(self.source.problem(path, f"不支持的 YAML 标签 {node.tag}：只能写普通的文字、数字和日期"))
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.flow_style:
                self._split_numbers(node, path)
            return [self.convert(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        if node.tag == "tag:yaml.org,2002:int" and LEADING_ZERO.match(node.value):
            return node.value  # 份号 000123 would otherwise be read as the octal number 83
        try:
            value = self.constructor.construct_object(node, deep=True)
            if _in_table_rows(path) and node.value:
                return node.value  # a cell prints as written: 12:30, 0x1F, 2025-06-30, .5, yes (YAML reads numbers, dates, yes/no)
            return written.keep(value, node.value)
        except yaml.constructor.ConstructorError as e:
            self.problems.append(self.source.problem(path, f"不支持的 YAML 标签 {node.tag}：只能写普通的文字、数字和日期（{e.problem}）"))
            return None
        except ValueError:  # a timestamp that is no date: 2025-02-30
            self.problems.append(self.source.problem(path, f"日期“{node.value}”不存在：请检查年、月、日"))
            return None

    def _split_numbers(self, node: yaml.SequenceNode, path: Path_) -> None:
        """In ``[ ]`` a comma separates items, also in 1,234: two plain items that a bare comma joins between
        digits were one number with a thousands separator."""
        for i, (before, after) in enumerate(zip(node.value, node.value[1:])):
            if (isinstance(before, yaml.ScalarNode) and isinstance(after, yaml.ScalarNode)
                    and not before.style and not after.style  # plain: libyaml says "", PyYAML None
                    and (after.start_mark.line, after.start_mark.column) == (before.end_mark.line, before.end_mark.column + 1)
                    and before.value[-1:].isdigit() and re.match(r"\d{3}(?!\d)", after.value)):
                number = f"{before.value.split()[-1]},{after.value[:3]}"
                self.problems.append(Problem(
                    self.source.name, *_mark(before), english_path((*path, i)),
                    f"方括号 [ ] 里的逗号分隔各项，“{number}”被拆成了两项：含千分位逗号的数字，"
                    "请给这一项加引号，或改用以“- ”开头的多行列表"))

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict:
        self.constructor.flatten_mapping(node)
        out: dict[str, Any] = {}
        seen: dict[str, tuple[str, int]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(Problem(self.source.name, *_mark(key_node), english_path(path),
                                             "字段名必须是文字"))
                continue
            key = str(key_node.value)
            line = _mark(key_node)[0]
            field_name = EN.get(key, key)
            if field_name in seen:
                first, first_line = seen[field_name]
                same = "重复的字段" if first == key else f"“{first}”与“{key}”是同一个字段"
                self.problems.append(Problem(
                    self.source.name, *_mark(key_node), english_path((*path, field_name)),
                    f"{same}（第 {first_line} 行已经写过）：YAML 只会保留后一个，前面的内容会丢失。请合并为一个"))
                continue
            seen[field_name] = (key, line)
            self.source.keys[(*path, field_name)] = _mark(key_node)
            out[key] = self.convert(value_node, (*path, field_name), depth + 1)
        return out


class _Refused(Exception):
    def __init__(self, node: yaml.Node, message: str):
        self.node, self.message = node, message


def read(path: Path) -> bytes:
    """A YAML file's bytes: a regular file of at most ``MAX_BYTES`` (``InputError`` otherwise)."""
    return reading.read_bytes(path, MAX_BYTES)


def decode(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        try:
            raw.decode("gb18030")
            hint = "看起来是 GBK/GB18030 编码（Windows 记事本的“ANSI”）"
        except UnicodeDecodeError:
            hint = "无法识别其编码"
        raise InputError([Problem(name, line, 1, "", f"文件不是 UTF-8 编码，{hint}：请在编辑器中“另存为 UTF-8”后再试")]) from None


YAML_HINTS = (
    ("but got '{'", "方括号 [ ] 或花括号 { } 里的文字含有 { }（如统计占位符）：请改用以“- ”开头的多行列表，或给这段文字加引号"),
    ("expected ',' or ']'", "方括号 [ ] 里的文字含有 { }（如统计占位符）或逗号以外的符号：请改用以“- ”开头的多行列表，或给这段文字加引号"),
    ("found character '\\t'", "用了制表符（Tab）缩进：YAML 只能用空格缩进，请把 Tab 换成空格"),
    ("mapping values are not allowed here", "这里不能出现“冒号+空格”：若文字中有英文冒号，请给整段文字加引号，或改用中文冒号“：”"),
    ("could not find expected ':'", "缺少“:”：字段名后要写英文冒号和一个空格，如 “标题: ……”"),
    ("found undefined alias", "引用了未定义的锚点（*名称）"),
    ("expected a single document", "一个文件只能有一个文档：删去多余的 “---”"),
    ("expected <block end>", "缩进不齐：这一行与上面同一层的行没有对齐（同一层左边对齐，每级缩进 2 个空格）"),
    ("did not find expected key", "缩进不齐或缺少“- ”：同一层的字段要对齐"),
    ("found unexpected end of stream", "引号没有闭合"),
    ("while scanning a quoted scalar", "引号没有闭合"),
    ("did not find expected '-' indicator", "列表项缩进不齐：同一列表的“- ”要对齐"),
    ("found a tab character", "用了制表符（Tab）：YAML 只能用空格，请把 Tab 换成空格"),
)


FIELD_NAMES = "|".join(sorted(map(re.escape, [*ZH, *ZH.values()]), key=len, reverse=True))
KEY_COLON = re.compile(rf"^(\s*)({FIELD_NAMES})(：|:(?=\S))")
PLACEHOLDER_FIRST = re.compile(r"^(\s*(?:-\s+|[^\s:#]+:\s+))\{[^{}:\s]+(?:[:：]\d)?\}[^\s,}]")
TEXT_AS_FIELD = "这段文字里的英文冒号加空格使它变成了字段“{}”：正文里的冒号用中文“：”"


def colon_mistakes(lines: list[str], error_line: int) -> Iterator[tuple[int, re.Match]]:
    """Lines of a file YAML refused (at 0-based ``error_line``) where a field name's colon is full-width or
    lacks its space: at the left margin, where a line is always a key, or within two lines above the error.
    (Elsewhere “问题：……” is ordinary text.)"""
    for number, line in enumerate(lines):
        m = KEY_COLON.match(line)
        if m and (not m[1] or error_line - 2 <= number <= error_line):
            yield number, m


def colon_message(m: re.Match) -> str:
    if m[3] == "：":
        return f"“{m[2]}：”用了中文冒号：字段名后要用英文冒号加空格，写作“{m[2]}: ”"
    return f"“{m[2]}:”后面缺少空格：写作“{m[2]}: ……”"


def _line_problem(lines: list[str], error_line: int, name: str) -> Problem | None:
    """The cause a YAML error usually hides, on the line where it is rather than where YAML noticed it: a
    key typed with a full-width colon or without its space, a text starting with a placeholder's brace."""
    near = [(n, m) for n, m in colon_mistakes(lines, error_line) if n >= error_line - 2]
    if near:
        number, m = near[-1]
        return Problem(name, number + 1, len(m[1]) + len(m[2]) + 1, "",
                       colon_message(m) + "（reportgen lint --fix 可自动改正）")
    for number in range(min(error_line, len(lines) - 1), max(-1, error_line - 3), -1):
        if m := PLACEHOLDER_FIRST.match(lines[number]):
            return Problem(name, number + 1, len(m[1]) + 1, "",
                           "以 { 开头的文字（如占位符 {问题总数}）会被当作“字段: 值”的映射：请给整段文字加引号")
    return None


def yaml_problem(e: yaml.MarkedYAMLError, name: str) -> Problem:
    quoted = "quoted scalar" in (e.context or "")
    mark = (e.context_mark if quoted else None) or e.problem_mark or e.context_mark  # an open quote: where it opens
    if mark is not None and isinstance(mark.buffer, str) and not quoted:
        if found := _line_problem(mark.buffer.rstrip("\0").splitlines(), mark.line, name):
            return found
    text = f"{e.context or ''} {e.problem or ''}"
    message = next((zh for en, zh in YAML_HINTS if en in text), None) or f"YAML 语法错误：{(e.problem or e.context or '').strip()}"
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(name, line, col, "", message)


def _compose(text: str) -> yaml.Node | None:
    """The YAML's nodes, by libyaml when it is there (ten times faster on a large ledger; it refuses nesting
    deeper than 1,000 itself); what it refuses is composed again by the pure-Python parser, whose errors and
    marks the hints above read."""
    if FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def parse(text: str, name: str, node: yaml.Node | None = None) -> tuple[Any, Source, list[Problem]]:
    """YAML text → plain data, the positions of its values, and problems found on the way (duplicate keys).
    ``node``: the text already composed (lint has it), which is the slow part of a long file.

    Syntax errors, which leave nothing to validate, raise ``InputError``."""
    source = Source(name)
    try:
        node = node if node is not None else _compose(text)
    except RecursionError:
        raise InputError([Problem(name, 1, 1, "", f"嵌套太深（超过 {MAX_DEPTH} 层）：拒绝处理")]) from None
    except yaml.MarkedYAMLError as e:
        raise InputError([yaml_problem(e, name)]) from None
    except yaml.YAMLError as e:
        raise InputError([Problem(name, 1, 1, "", f"YAML 语法错误：{e}")]) from None
    if node is None:
        raise InputError([Problem(name, 1, 1, "", "文件是空的：至少要写 kind（文种）、title（标题）和 body（正文）")])
    converter = _Converter(source)
    try:
        data = converter.convert(node, ())
    except _Refused as e:
        raise InputError([Problem(name, *_mark(e.node), "", e.message)]) from None
    except RecursionError:
        raise InputError([Problem(name, 1, 1, "", "锚点/别名引用了自身：拒绝处理")]) from None
    if not isinstance(data, dict):
        hint = "（看起来用了中文冒号“：”，字段名后要用英文冒号加空格）" if isinstance(data, str) and "：" in data else ""
        raise InputError([Problem(name, 1, 1, "", f"文档顶层应是“字段: 值”的形式{hint}")])
    return data, source, converter.problems


# ---- pydantic errors → Chinese, located -------------------------------------------------------------

BLOCK_TAGS = {"text", "paragraph", "section", "insert", "doc_table"}


def _field_label(name: str) -> str:
    return f"{name}（{ZH[name]}）" if name in ZH else name


def _unwrap(tp: Any) -> list[Any]:
    """The model classes (or other leaf types) an annotation may hold."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(tp) for t in _unwrap(arg)]
    if origin in (list, dict):
        return _unwrap(typing.get_args(tp)[-1])
    if isinstance(tp, typing.ForwardRef):
        from . import model
        return [getattr(model, tp.__forward_arg__)]
    if isinstance(tp, str):
        from . import model
        return [getattr(model, tp)]
    return [tp]


def _model_at(loc: tuple) -> type[BaseModel] | None:
    """The model class that validated the mapping at ``loc`` (a pydantic error location)."""
    current: list[Any] = [Document]
    for part in loc:
        if isinstance(part, int):
            continue
        if part in BLOCK_TAGS:
            from . import model
            current = [{"section": model.Section, "paragraph": model.Paragraph, "insert": model.Insert,
                        "doc_table": model.TableBlock}.get(part, str)]
            continue
        name = EN.get(part, part)
        nxt = []
        for tp in current:
            if isinstance(tp, type) and issubclass(tp, BaseModel) and name in tp.model_fields:
                nxt.extend(_unwrap(tp.model_fields[name].annotation))
        if not nxt:
            return None
        current = nxt
    models = [tp for tp in current if isinstance(tp, type) and issubclass(tp, BaseModel)]
    return models[0] if models else None


EXPECTED = {
    "string_type": "文字", "int_type": "整数", "int_parsing": "整数", "float_type": "数字", "float_parsing": "数字",
    "bool_type": "true 或 false", "bool_parsing": "true 或 false", "list_type": "列表（每项以“- ”开头）",
    "dict_type": "“字段: 值”的映射", "model_type": "“字段: 值”的映射", "model_attributes_type": "“字段: 值”的映射",
    "date_type": "日期，如 2025-07-03 或 2025年7月3日", "date_parsing": "日期，如 2025-07-03 或 2025年7月3日",
    "date_from_datetime_parsing": "日期，如 2025-07-03 或 2025年7月3日",
    "date_from_datetime_inexact": "日期，如 2025-07-03 或 2025年7月3日", "int_from_float": "整数",
}
BOUNDS = {"greater_than": ("gt", "大于"), "greater_than_equal": ("ge", "不小于"), "less_than": ("lt", "小于"),
          "less_than_equal": ("le", "不大于")}
# What pydantic puts in an error's location for the member of a union that failed: not a field
UNION_MEMBERS = {"str", "int", "float", "bool"} | {name for name, value in vars(model).items()
                                                  if isinstance(value, type) and issubclass(value, BaseModel)}


def _member(part: Any) -> bool:
    return isinstance(part, str) and ("[" in part or part.startswith(("constrained-", "function-"))
                                      or part in UNION_MEMBERS)


def _union_errors(errors: list[dict]) -> list[dict]:
    """A value that fits no member of a union gets one error per member.  Those of the member it was meant
    for are kept (a mapping meant as an 附件: its missing 正文); when it was meant for none, one error says
    what it may be (an 完成时限 written as a list: a date or a text)."""
    groups: dict[tuple, list[dict]] = {}
    for i, err in enumerate(errors):
        cut = next((j for j, part in enumerate(err["loc"]) if _member(part)), None)
        groups.setdefault(err["loc"][:cut] if cut is not None else (i,), []).append(err)
    out = []
    for at, group in groups.items():
        deeper = [err for err in group if len(err["loc"]) > len(at) + 1]
        if len(group) == 1 or deeper:
            out += deeper or group
            continue
        specific = [err for err in group if err["type"] not in EXPECTED]  # .nan for a number: not a type error
        expected = "或".join(dict.fromkeys(EXPECTED[err["type"]].split("，")[0] for err in group
                                          if err["type"] in EXPECTED))
        out.append(specific[0] if specific else
                   {"type": "union_type", "loc": at, "input": group[0].get("input"), "ctx": {"expected": expected}})
    return out


def _message(err: dict, loc: tuple) -> tuple[str, bool]:
    """Chinese message for one pydantic error, and whether it points at a key rather than a value."""
    kind, ctx = err["type"], err.get("ctx") or {}
    field = next((p for p in reversed(loc) if isinstance(p, str) and p not in BLOCK_TAGS and not _member(p)), "")
    label = _field_label(EN.get(field, field))
    if kind == "missing":
        return f"缺少必填字段 {label}", False
    if kind == "extra_forbidden":
        parent = _model_at(loc[:-1])
        names = [n for n in (parent.model_fields if parent else {})]
        candidates = names + [ZH[n] for n in names if n in ZH]
        allowed = "、".join(_field_label(n) for n in names)
        guess = did_you_mean(field, candidates)
        if parent is not None and parent.__name__ == "Paragraph" and not guess and re.search(r"[\u4e00-\u9fff]", field):
            return TEXT_AS_FIELD.format(field) + "，或给整段文字加引号（reportgen lint --fix 可自动改正）", True
        return f"未知字段“{field}”{guess or '。'}这里可以写：{allowed}", True
    if kind == "enum" and isinstance(err.get("input"), bool):
        return f"{label} 应为文字，实际写的是{_shown(err['input'])}", False
    if kind == "enum":
        word = str(err.get("input"))
        if field in ("status", ZH["status"]):
            options = [s.value for s in Status]
            return f"{label} 不认识“{word}”{did_you_mean(word, options) or '。'}可选：{' / '.join(options)}", False
        options = [k.value for k in Kind]
        return f"{label} 不认识“{word}”{did_you_mean(word, options) or '。'}可选：{' / '.join(options)}", False
    if kind == "literal_error" and EN.get(field, field) == "item_style":
        from .model import ITEM_STYLES
        word, options = str(err.get("input")), list(ITEM_STYLES.values())
        return (f"{label} 不认识“{word}”{did_you_mean(word, options) or '。'}可选：{' / '.join(options)}"
                f"（或英文 {' / '.join(ITEM_STYLES)}）"), False
    if kind == "literal_error":
        return f"{label} 应为 {ctx.get('expected')}", False
    if kind in ("too_short",):
        return f"{label} 不能为空", False
    if kind in ("string_too_short",):
        return f"{label} 不能是空文字", False
    if kind in BOUNDS and EN.get(field, field) == "level":
        return f"{label} 应在 1–4 之间（1 为“一、”，2 为“（一）”，3 为“1.”，4 为“（1）”）", False
    if kind in BOUNDS:
        bound, relation = BOUNDS[kind]
        limit = ctx.get(bound)
        limit = int(limit) if isinstance(limit, float) and limit.is_integer() else limit
        return f"{label} 应{relation} {limit}，实际写的是{_shown(err.get('input'))}", False
    if kind == "finite_number":
        return f"{label} 应为一个数，实际写的是{_shown(err.get('input'))}（.nan、.inf 不是数）", False
    if kind in ("string_pattern_mismatch", "string_type") and EN.get(field, field) == "copy_no":
        return f"{label} 应为 6 位数字，如“000123”（写在引号里），实际写的是{_shown(err.get('input'))}", False
    if kind == "union_type":
        return f"{label} 应为{ctx['expected']}，实际写的是{_shown(err.get('input'))}", False
    if kind == "string_unicode":
        return f"{label} 里有无效的 Unicode 字符（孤立的代理项，常见于损坏的复制粘贴）：请删去", False
    if kind == "value_error":
        return str(ctx.get("error", err["msg"])), False
    if kind in EXPECTED:
        return f"{label} 应为{EXPECTED[kind]}，实际写的是{_shown(err.get('input'))}{_example(kind, field, loc)}", False
    return f"{label} 的写法不符合要求：实际写的是{_shown(err.get('input'))}（说明见 reportgen new 写出的样稿）", False


def _shown(value: Any) -> str:
    if value is None:
        return "空值（冒号后什么也没写）"
    if isinstance(value, bool):
        return f"是非值 {str(value).lower()}（YAML 把 yes、no、on、off、true、false 读作是非值，要当文字请加引号）"
    if isinstance(value, dict):
        return f"一组“字段: 值”（{'、'.join(map(str, list(value)[:3]))}）"
    if isinstance(value, list):
        return f"一个 {len(value)} 项的列表"
    return f"“{value}”" if isinstance(value, str) else f" {value}"


def _sample(annotation: Any) -> str:
    leaves = _unwrap(annotation)
    if int in leaves:
        return "12"
    if datetime.date in leaves:
        return "2025-07-03"
    return "……"


def _example(kind: str, field: str, loc: tuple) -> str:
    """How the value is written, shown with the field's Chinese key: ``正文:`` then ``  - ……`` on the next line."""
    key = ZH.get(EN.get(field, field), field)
    if kind == "list_type":
        return f"。例如：“{key}:”换行后每项写“  - ……”"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        model = _model_at(loc)
        if model is None:
            return f"。例如：“{key}:”换行后缩进写“  名称: 值”"
        name, info = next(((n, f) for n, f in model.model_fields.items() if f.is_required()),
                          next(iter(model.model_fields.items())))
        entry = f"{ZH.get(name, name)}: {_sample(info.annotation)}"
        if loc and isinstance(loc[-1], int):
            return f"。例如：“{key}:”下每项写“  - {entry}”"
        return f"。例如：“{key}:”换行后缩进写“  {entry}”"
    if kind in ("int_type", "int_parsing"):
        return f"。例如：“{key}: 12”"
    if kind == "string_type":
        return f"。例如：“{key}: ……”，文字直接写在冒号后"
    return ""


def _clean_loc(loc: tuple) -> tuple:
    """Drops union tags and validator names from a pydantic location, leaving the YAML path."""
    out = []
    for i, part in enumerate(loc):
        if part in BLOCK_TAGS and i and isinstance(loc[i - 1], int):
            continue
        if _member(part):
            continue
        out.append(part)
    return canonical(tuple(out))


def model_problems(error: ValidationError, source: Source, within: tuple = ()) -> list[Problem]:
    """Pydantic's errors, explained and located in ``source``; ``within`` is where the validated model sits
    in a document (``("ledger",)`` for a ledger file)."""
    problems = []
    for err in _union_errors(error.errors()):
        message, on_key = _message(err, (*within, *err["loc"]))
        problems.append(source.problem(_clean_loc(err["loc"]), message, key=on_key))
    return problems


@dataclass
class Loaded:
    """Where a document came from besides its YAML: the positions of its values (its own, or its ledger
    files'), the ledger files it names, the other files it was made from (path → digest, for incremental
    builds) and the warnings validate gives."""

    source: Any
    ledger_files: tuple[str, ...] = ()
    read: dict[str, str] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    implied_previous: bool = False  # 上期截至 taken from the documents beside it


LEDGER_FILE = ("这是一个整改台账文件（有 类别，没有 文种）：它不单独生成，由引用它的文档使用"
               "（在文档中写 整改台账: 本文件的路径）；检查它用 reportgen validate")


def validate(data: dict, source: Source, problems: list[Problem] = (), base: Path | None = None) -> Document:
    """Plain data → ``Document``; raises ``InputError`` with ``problems`` and every new one found.

    Files the document names are looked for in ``base`` (the YAML's folder): the seal image is replaced by
    its checked absolute path, ledger files by the ledger they hold.  The document returned tells its
    ledger as of its 截至 (``progress.shown``)."""
    from . import cycle, ledger_files, progress, rules

    problems = list(problems)
    base = base or Path.cwd()
    keys = {EN.get(k, k): k for k in data}
    if "kind" not in keys and "categories" in keys:
        raise InputError([Problem(source.name, 1, 1, "", LEDGER_FILE)])
    loaded = Loaded(source)
    failed_files = False
    named = ledger_files.references(data.get(keys.get("ledger")))
    if named is not None:
        parts, found, loaded.read = ledger_files.load(data[keys["ledger"]], base, source)
        found += rules.ledger_parts(parts)
        ledger, loaded.source = ledger_files.merge(parts, source)
        loaded.ledger_files = tuple(str(part.path) for part in parts)
        data = {**data, keys["ledger"]: ledger}
        problems += found
        failed_files = bool(found) or not parts
    try:
        doc = Document.model_validate(data)
    except ValidationError as e:
        raise InputError(_dedupe(problems + model_problems(e, source))) from None
    if failed_files:
        raise InputError(problems)
    if named is not None and doc.previous_as_of is None and rules.uses_period(doc):
        previous, consulted = cycle.previous_as_of(Path(source.name), loaded.ledger_files, doc.status_date)
        loaded.read |= consulted
        loaded.implied_previous = previous is not None
        doc = doc.model_copy(update={"previous_as_of": previous})
    shown = progress.shown(doc)
    problems += [loaded.source.problem(path, message) for path, message in rules.check(doc, shown, tuple(named or ()))]
    loaded.warnings = [loaded.source.problem(path, message) for path, message in rules.advise(shown, named is not None)]
    if doc.seal is not None and doc.seal.image:
        found, message = assets.check_image(doc.seal.image, base)
        if message:
            problems.append(source.problem(("seal", "image"), message))
        else:
            shown = shown.model_copy(update={"seal": doc.seal.model_copy(update={"image": str(found)})})
    if problems:
        raise InputError(problems)
    shown._loaded = loaded
    return shown


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen, out = set(), []
    for p in problems:
        if (p.line, p.col, p.message) not in seen:
            seen.add((p.line, p.col, p.message))
            out.append(p)
    return out


def load_text(text: str, name: str, base: Path | None = None) -> Document:
    return validate(*parse(text, name), base=base)


def load(path: str | Path) -> Document:
    """Read and validate one YAML document; raises ``InputError`` with every problem found."""
    path = Path(path)
    return load_text(decode(read(path), str(path)), str(path), base=path.parent)
