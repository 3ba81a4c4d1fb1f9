"""reportgen import: an existing report (plain text or DOCX) → our YAML, for the editor to review.

The stages: ``import_read`` (and ``import_docx``) read the paragraphs and tables; ``import_roles`` files those
whose Word style names a field; this module reads the rest — the typed numbering as structure (一、 （一） 1.
（1） become section levels, 一是……二是…… a 列举) — with ``import_ledger`` finding the 整改台账 and 统计 told in
words; ``import_check`` then composes the YAML and compares its text with what was read.  Nothing is dropped: a line the importer does not recognise stays a paragraph, and
any character the conversion changed is named in the file's head comments and on the terminal.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import import_check, import_ledger, import_roles
from .forms import TITLE_ENDINGS, Kind
from .import_ledger import LABEL_ONLY, split_enumeration
from .import_roles import COMPILER_LINE, EDITOR, IMPRINT_TO, PUBLISHED, UNDER_TITLE
from .import_read import Line, read, unspaced
from .lint import CJK_CHARS
from .model import ZH
from .patterns import DASH, DATE, DOC_NUMBER_TEXT, HEADING_NUMBERS, ISSUE_NO, recogniser

# level, pattern: 一、 （一） 1. （1） typed with ASCII or full-width brackets and stray spaces (not “一、二季度”)
HEADINGS = tuple((level, re.compile(rf"^{recogniser(p)}\s*(.+)$")) for level, p in enumerate(HEADING_NUMBERS, 1))
DATE_LINE = re.compile(rf"^{DATE}$")
DOC_NUMBER = re.compile(rf"^({DOC_NUMBER_TEXT})(?:\s+签发人[:：]\s*(.+))?$")
CONTACT = re.compile(r"^[（(]\s*(联系人[:：].+?)\s*[）)]$")  # printed as 附注 under the date
SIGNER = re.compile(r"^签发人[:：]\s*(.+)$")
TYPED_NUMBER = re.compile(r"^(?:" + "|".join(recogniser(p) for p in HEADING_NUMBERS) + r")\s*")  # of a styled heading
ENDS = "。！？；：:!?;”’）)…"  # a line ending otherwise is a paragraph broken in two
CLOSING = re.compile(r"^(特此|欢迎|以上报告|妥否)")
# A report read at a meeting: the 副标题 naming it (——……会议上), the 报告人 (职务 and name apart), the 称呼.
SUBTITLE = re.compile(r"^(?:——|—|[（(](?!\s*(?:截至)?\s*" + DATE + r"\s*[）)]).+[）)]$)")
SPEAKER = re.compile(r"^[^。，；：:,;]{2,30}?\s+[^\s。，；：:,;]{2,4}$")
SALUTATION = re.compile(r"^[^。；]{0,40}(?:主任|委员|代表|同志们|各位|朋友们|女士们|先生们)[^。；]{0,20}[：:]$")
# A 简报's head: its name, 第N期 (or both on one line: 督察通报第十七期), the compiling office beside the date.
ISSUE_LINE = re.compile(rf"^(.*?)\s*({ISSUE_NO.pattern})$")


def heading(text: str) -> tuple[int, str] | None:
    for level, pattern in HEADINGS:
        if m := pattern.match(text):
            return level, m[2].strip()
    return None


def paragraph(line: Line):
    text = line.text
    if line.lead and text.startswith(line.lead):
        rest = text[len(line.lead):].strip()
        head, items = split_enumeration(rest)
        block = {"要点": line.lead}
        if head:
            block["文本"] = head
        return block | ({"列举": items} if items else {})
    head, items = split_enumeration(text)
    if not items:
        return text
    return ({"文本": head} if head else {}) | {"列举": items}


def _rejoin(items: list) -> list:
    """Joins a paragraph broken across lines (text copied from a PDF, a page break on a web page): a line that
    does not end a sentence continues on the next, unless it is a heading (one with text run in after it
    may continue) or a 存在问题/整改情况 label, or the next line is, or an em-dash item.  A table's ``插入``
    stands between."""
    def starts_anew(line: Line) -> bool:
        return bool(_heading(line) or LABEL_ONLY.fullmatch(line.text) or line.text.startswith(DASH))

    def may_continue(line: Line) -> bool:
        if line.text[-1] in ENDS or LABEL_ONLY.fullmatch(line.text):
            return False
        found = _heading(line)
        return not found or bool(_run_in(found[1])[1])

    out: list = []
    for item in items:
        if out and isinstance(item, Line) and isinstance(out[-1], Line) and may_continue(out[-1]) \
                and not starts_anew(item):
            out[-1] = Line(out[-1].text + item.text, out[-1].lead, out[-1].role)
        else:
            out.append(item)
    return out


def _run_in(title: str) -> tuple[str, str]:
    """A heading that is a sentence followed by text on the same line: “加强组织领导。巡视反馈后……”."""
    end = title.find("。")
    if 0 < end < len(title) - 1 and end <= 60:
        return title[:end + 1], title[end + 1:].strip()
    return title, ""


class Body:
    """Builds nested sections from lines, keeping the levels the numbering gave them."""

    def __init__(self):
        self.blocks: list = []
        self.stack: list[tuple[int, list]] = [(0, self.blocks)]

    def add_heading(self, level: int, title: str) -> None:
        while self.stack[-1][0] >= level:
            self.stack.pop()
        parent_level, parent = self.stack[-1]
        title, rest = _run_in(title) if level >= 2 else (title, "")
        section = {"标题": title}
        if level != parent_level + 1:
            section["层级"] = level
        section["正文"] = [paragraph(Line(rest))] if rest else []
        parent.append(section)
        if not rest:
            self.stack.append((level, section["正文"]))

    def add(self, block, closing: bool = False) -> None:
        """A paragraph (a ``Line``) or an ``插入``.  ``closing``: a paragraph such as “特此报告。” after the last
        heading, which belongs to the document."""
        if closing:
            self.stack = self.stack[:1]
        self.stack[-1][1].append(paragraph(block) if isinstance(block, Line) else block)


def _heading(line: Line) -> tuple[int, str] | None:
    """The level and title of a heading: by its typed number, or by its style (Word's Heading 1–4 numbered
    automatically, the number not in the text)."""
    if found := heading(line.text):
        return found
    if line.role.startswith("heading-"):
        return int(line.role[-1]), TYPED_NUMBER.sub("", line.text, count=1)
    return None


def _dash_lists(items: list) -> list:
    """Runs of em-dash paragraphs (——坚持问题导向……) → one 列举 of 列举方式 破折号, with the paragraph before
    them as its 文本 when it leads into them (……原则：)."""
    out: list = []
    for item in items:
        if not (isinstance(item, Line) and item.text.startswith(DASH) and len(item.text) > len(DASH)):
            out.append(item)
            continue
        text = item.text[len(DASH):].lstrip("—").strip()
        if out and isinstance(out[-1], dict) and out[-1].get("列举方式") == "破折号":
            out[-1]["列举"].append(text)
            continue
        block: dict = {}
        if out and isinstance(out[-1], Line) and out[-1].text[-1] in "：:" and not _heading(out[-1]):
            before = paragraph(out[-1])
            block = {"文本": before} if isinstance(before, str) else before if "列举" not in before else {}
            if block:
                out.pop()
        out.append(block | {"列举方式": "破折号", "列举": [text]})
    return out


def structure(items: list) -> list:
    """Lines (and ``插入``) → the YAML body: sections by their numbering, paragraphs, enumerations."""
    body = Body()
    paragraphs = _dash_lists(_rejoin(items))
    headings = [n for n, item in enumerate(paragraphs) if isinstance(item, Line) and _heading(item)]
    last_heading = max(headings, default=-1)
    closed = False
    for n, item in enumerate(paragraphs):
        if n in headings:
            body.add_heading(*_heading(item))
        else:
            closed = closed or (n > last_heading and isinstance(item, Line) and bool(CLOSING.match(item.text)))
            body.add(item, closed)
    return body.blocks


def _title(lines: list[str]) -> str:
    """The title lines joined.  A space between two phrases of a slogan title (“聚焦网信职责使命 深化模范机关
    建设”) is kept as a full-width space; in a “关于……的报告” title it was a stray and goes."""
    title = "".join(lines)
    if title.startswith("关于") or title.endswith(tuple(TITLE_ENDINGS)):
        return unspaced(title)
    return re.sub(rf"(?<=[{CJK_CHARS}]) (?=[{CJK_CHARS}])", "\u3000", title)


def guess_kind(title: str, meta: dict, text: str) -> Kind:
    """The form the fields read say (a field one form alone prints: a 称呼 or 报告人 read at a meeting, a
    期号 of a 简报, a 信息's 发布时间), else the title's ending, else the wording."""
    for kind in Kind:
        if any(ZH[name] in meta for name in kind.form.own):
            return kind
    for ending, kind in TITLE_ENDINGS.items():
        if title.endswith(ending):
            return kind
    for ending, kind in (("报告如下", Kind.REPORT), ("汇报如下", Kind.BRIEFING), ("通报如下", Kind.NOTICE),
                         ("予以公布", Kind.NOTICE)):
        if ending in text:
            return kind
    return Kind.REPORT if "主送机关" in meta else Kind.INFO


def _front(lines: list, typed: list, meta: dict) -> tuple[list[str], int]:
    """The title's lines (as ``typed``, spaces and all) and the fields above the body (版头 lines, a 简报's
    head, dates, 副标题, 报告人, 称呼 or 主送), guessed from the text; returns the title lines and where the
    body starts."""
    front, i = [], 0
    while i < len(lines) and isinstance(lines[i], Line):
        text = lines[i].text
        if "期号" not in meta and (m := ISSUE_LINE.match(text)) and (m[1] or len(front) == 1 == i):
            meta["简报名称"], meta["期号"] = m[1] or lines[0].text, m[2]  # its name on this line or the one above
            front = []
        elif "期号" in meta and "发文机关" not in meta and not front and (m := COMPILER_LINE.match(text)):
            meta["发文机关"], meta["成文日期"] = m[1], re.sub(r"\s", "", m[2])
        elif m := DOC_NUMBER.match(text):
            meta["发文字号"] = m[1]
            if m[2]:
                meta["签发人"] = m[2]
        elif m := SIGNER.match(text):
            meta["签发人"] = m[1]
        elif text.endswith("文件") and len(text) <= 30 and i == 0:
            meta["版头"] = {"发文机关标志": text}
        elif (m := UNDER_TITLE.match(text)) or (front and DATE_LINE.match(text)):
            meta["成文日期"] = re.sub(r"\s", "", m[1] if m else text)
        elif m := PUBLISHED.match(text):
            meta["发布时间"], meta["来源"] = m[1], m[2].strip()
        elif front and "副标题" not in meta and SUBTITLE.match(text) and text[-1] not in "。！？；：:，":
            meta["副标题"] = text
        elif "副标题" in meta and "报告人" not in meta and SPEAKER.match(text):
            meta["报告人"] = import_roles.speaker(text)
        elif SALUTATION.match(text):
            meta["称呼"] = text
            return front, i + 1
        elif text[-1] in "：:" and len(text) <= 50 and not re.search(r"。|如下|以下", text) and not heading(text):
            meta["主送机关"] = text[:-1]
            return front, i + 1
        elif "副标题" in meta and "报告人" not in meta and len(text) <= 30 and not re.search(r"[。，；：:,;]", text):
            meta["副标题"] += text  # its second line
        elif (not heading(text) and text[-1] not in "。；：:，" and len(text) <= 60 and "主送机关" not in meta
              and "发布时间" not in meta and ("成文日期" not in meta or "期号" in meta) and "副标题" not in meta):
            front.append(typed[i].text)
        else:
            break
        i += 1
    return front, i


def _tail(lines: list, start: int, tail: dict) -> int:
    """The 署名, 成文日期, 附注 and 编辑 at the end, guessed from the text; returns where the body ends."""
    end = len(lines)
    while end > start and isinstance(lines[end - 1], Line):
        text = lines[end - 1].text
        if m := EDITOR.match(text):
            tail["编辑"] = m[1]
        elif (m := CONTACT.match(text)) and "成文日期" not in tail:
            tail["附注"] = m[1]
        elif DATE_LINE.match(text) and "成文日期" not in tail:
            tail["成文日期"] = re.sub(r"\s", "", text)
        elif ("成文日期" in tail and "署名" not in tail and len(text) <= 30 and not heading(text)
              and not re.search(r"[。，；：:,]", text) and not CLOSING.match(text)):
            tail["署名"] = text
        elif (m := IMPRINT_TO.match(text)) and m[1] not in tail:  # a 简报's 报：…… 送：…… 发：……
            tail[m[1]] = import_roles.names(m[2])
        else:
            break
        end -= 1
    return end


def _mark(roles: import_roles.Roles, kind: Kind) -> dict:
    """The 发文机关标志 read by style, with the suffix beside it written only when it is not the genre's."""
    names, suffix, usual = list(roles.mark), roles.mark_suffix, kind.form.mark_suffix
    if suffix is None:  # one line: the suffix, if any, ends it
        suffix = usual if usual and names[0].endswith(usual) and len(names[0]) > len(usual) else ""
        names[0] = names[0][:len(names[0]) - len(suffix)]
    return {"发文机关标志": names if len(names) > 1 else names[0]} | ({} if suffix == usual else {"标志后缀": suffix})


def convert(roles: import_roles.Roles, notes: list[str], kind: Kind | None = None) -> dict:
    """What was read, filed by style → the YAML document (a dict in the order an editor reads it); what the
    editor should check is added to ``notes``."""
    items = [Line(unspaced(b.text), unspaced(b.lead), b.role) if isinstance(b, Line) else b for b in roles.body]
    meta, tail = dict(roles.fields), {}
    start, end = 0, len(items)
    if not roles.styled:  # the front and the end guessed from the text
        front, start = _front(items, roles.body, meta)
        end = _tail(items, start, tail)
    else:
        front = roles.title
    body = structure(items[start:end])
    title = _title(front)
    text = " ".join(b.text for b in roles.body if isinstance(b, Line))
    kind = kind or guess_kind(title, meta, text)
    doc = {"文种": kind.value}
    if kind.form.mark_field and roles.mark:  # a 简报's name stands where a 标志 would
        meta.setdefault(ZH[kind.form.mark_field], roles.mark[0])
        roles.mark = []
    header = roles.header | (_mark(roles, kind) if roles.mark else {}) | meta.pop("版头", {})
    if header:
        doc["版头"] = header
    doc |= {k: meta.pop(k) for k in ("简报名称", "期号", "发文机关", "发文字号", "签发人") if k in meta}
    if kind.form.date_at in ("title", "head") and "成文日期" in meta:  # printed above the body
        doc["成文日期"] = meta.pop("成文日期")
    if not title:
        notes.append("原文没有标题：下面的标题是占位的，请改写。")
    doc["标题"] = title or f"关于整改情况的{kind.form.composed_title_word}"
    if "副标题" in meta:
        doc["副标题"] = unspaced(meta.pop("副标题"))
    doc |= {k: meta.pop(k) for k in ("报告人", "称呼", "发布时间", "来源", "主送机关") if k in meta}
    doc["正文"] = body
    attachments = [{"名称": a.name, "正文": structure(a.blocks)} for a in roles.attachments]
    printed = {a["名称"] for a in attachments}
    if roles.attachment_names or attachments:
        doc["附件"] = [name for name in roles.attachment_names if name not in printed] + attachments
    ledger = import_ledger.ledger(body, roles.ledger, notes)
    statistics = None if ledger else import_ledger.extract_statistics(body)
    doc |= meta | {k: tail[k] for k in ("署名", "成文日期", "附注", "编辑", "报", "送", "发") if k in tail}
    if ledger:
        doc["整改台账"] = import_ledger.chinese(ledger)
    if statistics:
        doc["统计"] = statistics
    if roles.charts:
        notes.append(f"原文有 {roles.charts} 张图片按统计图转换（插入: 统计图，由整改台账的进展画出）：请核对。")
    if roles.pictures:
        notes.append(f"原文有 {roles.pictures} 张图片没有转换（YAML 里只写文字）。")
    if doc.get("印章") is True:
        notes.append("原文的印章是图片：这里写了 印章: true（按盖章版式排版，不印图片）；要印出印章，把图片放在"
                     " YAML 旁，写 印章: 图片文件名。")
    return doc


def dump(doc: dict, source: Path, notes: list[str]) -> str:
    """The YAML text, with first comments saying where it came from and what to check."""
    head = [f"由 reportgen import 从 {source.name} 转换：请核对标题、层级、台账和统计，再运行 reportgen lint --fix。", *notes]
    return comments(head) + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10**6, indent=2)


def comments(notes: list[str]) -> str:
    """Notes as YAML comments, a line break inside one (a table cell's text) continuing the comment."""
    return "".join(f"# {line}\n" for note in notes for line in note.splitlines() or [""])


@dataclass
class Imported:
    """The YAML text, the problems validation still finds, and what the conversion changed in the text."""
    text: str
    problems: list
    changes: list[str]


def import_file(path: Path, out: Path, kind: Kind | None = None) -> Imported | None:
    """The YAML for ``path`` (to be written at ``out``); None when the file holds no text."""
    from . import lint, schema
    from .errors import InputError
    from .loader import load_text

    source = read(path)
    if not source.lines:
        return None
    roles = import_roles.by_role(source.blocks, source.notes)
    doc = convert(roles, source.notes, kind)
    head = schema.modeline(out)
    text = lint.fix_text(head + dump(doc, path, source.notes), str(out), out.parent, keep=("序号",))
    try:
        document = load_text(text, str(out), base=out.parent)
    except InputError as e:
        return Imported(text, e.problems, [])
    changes = import_check.changes([b for b in source.blocks if not any(b is t for t in roles.kept)], document)
    if changes:
        text = head + comments(["转换改动了原文的以下文字，请逐条核对：", *changes]) + text[len(head):]
    return Imported(text, [], changes)
