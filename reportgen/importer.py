"""reportgen import: an existing report (plain text or DOCX) → our YAML, for the editor to review.

The typed numbering is read as structure and dropped (一、 （一） 1. （1） become section levels, 一是……二是……
becomes a 列举); 存在问题 / 整改情况 blocks become the 整改台账; counts of measures by progress become 统计
with placeholders in the text.  Nothing is dropped: a line the importer does not recognise stays a paragraph.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .lint import CJK_CHARS
from .model import Kind

CN = "一二三四五六七八九十"
HEADINGS = (  # level, pattern; typed with ASCII or full-width brackets and stray spaces
    (1, re.compile(rf"^([{CN}]+)、\s*(?![{CN}\d])(.+)$")),  # not “一、二季度”
    (2, re.compile(rf"^[（(]\s*([{CN}]+)\s*[）)]\s*(.+)$")),
    (3, re.compile(r"^(\d{1,2})\s*[.．、](?!\d)\s*(.+)$")),
    (4, re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]\s*(.+)$")),
)
DATE = r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
DATE_LINE = re.compile(rf"^{DATE}$")
DATE_UNDER_TITLE = re.compile(rf"^[（(]\s*({DATE})\s*[）)]$")
PUBLISHED = re.compile(r"^发布时间[:：]\s*(\S+?日)\s*(?:文章)?来源[:：]\s*(.+)$")
EDITOR = re.compile(r"^[（(]\s*(?:责任)?编辑[:：]\s*(.+?)\s*[）)]$")
DOC_NUMBER = re.compile(r"^(.{1,20}[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*第?\d+号)(?:\s+签发人[:：]\s*(.+))?$")
CONTACT = re.compile(r"^[（(]\s*(联系人[:：].+?)\s*[）)]$")  # printed as 附注 under the date
SIGNER = re.compile(r"^签发人[:：]\s*(.+)$")
PROBLEM_WORDS, MEASURE_WORDS = "存在问题|主要问题|问题表现|反馈问题", "整改情况|整改措施|整改落实情况|整改进展"
PROBLEM_LABEL = re.compile(rf"^({PROBLEM_WORDS})[:：]?\s*(.*)$")
MEASURE_LABEL = re.compile(rf"^({MEASURE_WORDS})[:：]?\s*(.*)$")
LABEL_ONLY = re.compile(rf"(?:{PROBLEM_WORDS}|{MEASURE_WORDS})[:：]?")
NUMBERED_ITEM = re.compile(r"[（(]\s*\d{1,2}\s*[）)]")
KIND_ENDINGS = {"通报": Kind.NOTICE, "报告": Kind.REPORT, "汇报": Kind.BRIEFING, "方案": Kind.PLAN,
                "台账": Kind.LEDGER, "函": Kind.LETTER, "纪要": Kind.MINUTES}
# Progress words in a sentence that states how many measures reached it, and the 统计.汇总 name.
PROGRESS_WORDS = (("已完成", "已完成"), ("阶段性成果", "阶段性成果"), ("长期", "长期坚持"))
CLAUSE = re.compile(r"[^。；]+[。；]?")
ENDS = "。！？；：:!?;”’）)…"  # a line ending otherwise is a paragraph broken in two
CLOSING = re.compile(r"^(特此|欢迎|以上报告|妥否)")


@dataclass(frozen=True)
class Line:
    text: str
    lead: str = ""  # a bold run that opens a DOCX paragraph


def _tidy(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u3000", " ")).strip()


def _close(text: str) -> str:
    """Drops the spaces typed around Chinese (“2016 年 11 月”, “意见 的汇报”); keeps those between words."""
    return re.sub(rf"(?<=[{CJK_CHARS}\d]) (?=[{CJK_CHARS}])|(?<=[{CJK_CHARS}]) (?=[\d{CJK_CHARS}])", "", text)


@dataclass
class Source:
    """What was read: the lines, and notes for the editor on what could not be converted."""
    lines: list[Line]
    notes: list[str]


def _docx_line(paragraph) -> Line | None:
    text = _tidy(paragraph.text)
    if not text:
        return None
    bold = ""
    for run in paragraph.runs:
        if not run.bold:
            break
        bold += run.text
    bold = _tidy(bold)
    return Line(text, bold if bold and bold != text and bold[-1] in "。：:" else "")


def read(path: Path) -> Source:
    if path.suffix.lower() == ".docx":
        import docx
        from docx.table import Table

        source, tables = Source([], []), 0
        for block in docx.Document(str(path)).iter_inner_content():
            if isinstance(block, Table):  # kept as comments, so nothing is lost: the editor moves it into the ledger
                tables += 1
                source.notes.append(f"原文第 {tables} 个表格没有转换，各行如下：请整理进 整改台账 或正文，再删去这些注释。")
                source.notes += ["  " + " | ".join(_tidy(cell.text) for cell in row.cells) for row in block.rows]
            elif line := _docx_line(block):
                source.lines.append(line)
        return source
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")  # Windows Notepad's “ANSI” for Chinese
    return Source([Line(t) for t in map(_tidy, text.splitlines()) if t], [])


def heading(text: str) -> tuple[int, str] | None:
    for level, pattern in HEADINGS:
        if m := pattern.match(text):
            return level, m[2].strip()
    return None


def split_enumeration(text: str) -> tuple[str, list[str]]:
    """“总述。一是……二是……” → the text before 一是 and the items, when there are two or more in order."""
    marks, start = [], 0
    for n in range(len(CN)):
        found = next((m.start() for m in re.finditer(f"{CN[n]}是", text[start:])
                      if m.start() + start == 0 or text[m.start() + start - 1] in "。；：:，"), None)
        if found is None:
            break
        marks.append(start + found)
        start += found + 2
    if len(marks) < 2:
        return text, []
    return text[:marks[0]], [text[a + 2:b] for a, b in zip(marks, marks[1:] + [len(text)])]


def split_numbered(text: str) -> list[str]:
    """“（1）……（2）……” → the items; text without such marks is one item."""
    parts = [p.strip() for p in NUMBERED_ITEM.split(text)]
    return [p for p in parts if p] if len(parts) > 2 else [text]


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


def _rejoin(lines: list[Line]) -> list[Line]:
    """Joins a paragraph broken across lines (text copied from a PDF, a page break on a web page): a line that
    does not end a sentence continues on the next, unless it is a heading (one with text run in after it
    may continue) or a 存在问题/整改情况 label, or the next line is."""
    def starts_anew(text: str) -> bool:
        return bool(heading(text) or LABEL_ONLY.fullmatch(text))

    def may_continue(text: str) -> bool:
        if text[-1] in ENDS or LABEL_ONLY.fullmatch(text):
            return False
        found = heading(text)
        return not found or bool(_run_in(found[1])[1])

    out: list[Line] = []
    for line in lines:
        if out and may_continue(out[-1].text) and not starts_anew(line.text):
            out[-1] = Line(out[-1].text + line.text, out[-1].lead)
        else:
            out.append(line)
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

    def add(self, line: Line, closing: bool = False) -> None:
        """``closing``: a paragraph such as “特此报告。” after the last heading, which belongs to the document."""
        if closing:
            self.stack = self.stack[:1]
        self.stack[-1][1].append(paragraph(line))


def _ledger_category(section: dict) -> dict | None:
    """A section made of 存在问题 and 整改情况 blocks → a ledger category; otherwise None."""
    problems: list[str] = []
    measures: list[str] = []
    current = None
    for block in section.get("正文", []):
        if not isinstance(block, str):
            block = "".join([block.get("要点", ""), block.get("文本", "")]) + "".join(
                f"{CN[i]}是{item}" for i, item in enumerate(block.get("列举", [])))
        if m := PROBLEM_LABEL.match(block):
            current, text = problems, m[2]
            problems += split_numbered(text) if text else []
        elif m := MEASURE_LABEL.match(block):
            current, text = measures, m[2]
            if text:
                measures += split_enumeration(text)[1] or [text]
        elif current is problems:
            problems += split_numbered(block)
        elif current is measures:
            measures += split_enumeration(block)[1] or [block]
        else:
            return None
    if not problems or not measures:
        return None
    return {"名称": section["标题"], "问题": problems, "整改措施": measures}


def extract_ledger(blocks: list) -> dict | None:
    """The first run of 存在问题/整改情况 sections under one heading becomes the 整改台账, told in its place."""
    for block in blocks:
        if not isinstance(block, dict) or "标题" not in block:
            continue
        children = block.get("正文", [])
        categories = [_ledger_category(c) if isinstance(c, dict) and "标题" in c else None for c in children]
        if categories and all(categories):
            block["正文"] = [{"插入": "整改情况"}]
            return {"类别": categories}
        if found := extract_ledger(children):
            return found
    return None


def _strings(blocks: list):
    """Every paragraph text in the body, with a setter to rewrite it."""
    for i, block in enumerate(blocks):
        if isinstance(block, str):
            yield block, lambda text, i=i: blocks.__setitem__(i, text)
        elif isinstance(block, dict):
            for key in ("文本", "要点"):
                if key in block:
                    yield block[key], lambda text, b=block, k=key: b.__setitem__(k, text)
            items = block.get("列举", [])
            for j, item in enumerate(items):
                yield item, lambda text, items=items, j=j: items.__setitem__(j, text)
            if isinstance(block.get("正文"), list):
                yield from _strings(block["正文"])


def extract_statistics(blocks: list) -> dict | None:
    """“…107项整改任务…已完成…69项，占…64.5%；…阶段性成果…31项…；7项长期性工作…” → 统计.汇总, with the
    figures replaced by placeholders, when the counts add up to the total the text states."""
    from .stats import percent

    for text, replace in _strings(blocks):
        total = re.search(r"(\d+)项整改(?:任务|措施)", text)
        if not total:
            continue
        counts: dict[str, tuple[int, str]] = {}
        for sentence in CLAUSE.findall(text[total.end():]):
            found = sorted((sentence.find(word), name) for word, name in PROGRESS_WORDS if word in sentence)
            count = re.search(r"(\d+)项", sentence)
            if found and count and found[0][1] not in counts:
                counts[found[0][1]] = (int(count[1]), sentence)
        whole = int(total[1])
        if len(counts) < 2 or sum(n for n, _ in counts.values()) != whole:
            continue
        rewritten = text[:total.start()] + "{措施总数}" + text[total.start() + len(total[1]):total.end()]
        rest = text[total.end():]
        for name, (n, sentence) in counts.items():
            new = re.sub(rf"(?<!\d){n}项", f"{{{name}}}项", sentence, count=1)
            new = new.replace(percent(n, whole), f"{{{name}占比}}", 1)
            rest = rest.replace(sentence, new, 1)
        replace(rewritten + rest)
        return {"汇总": {name: n for name, (n, _) in counts.items()}}
    return None


def _title(lines: list[str]) -> str:
    """The title lines joined.  A space between two phrases of a slogan title (“聚焦网信职责使命 深化模范机关
    建设”) is kept as a full-width space; in a “关于……的报告” title it was a stray and goes."""
    title = "".join(lines)
    if title.startswith("关于") or title.endswith(tuple(KIND_ENDINGS)):
        return _close(title)
    return re.sub(rf"(?<=[{CJK_CHARS}]) (?=[{CJK_CHARS}])", "\u3000", title)


def guess_kind(title: str, to: str, text: str, published: bool) -> Kind:
    for ending, kind in KIND_ENDINGS.items():
        if title.endswith(ending):
            return kind
    if published:
        return Kind.INFO
    for ending, kind in (("报告如下", Kind.REPORT), ("汇报如下", Kind.BRIEFING), ("通报如下", Kind.NOTICE),
                         ("予以公布", Kind.NOTICE)):
        if ending in text:
            return kind
    return Kind.REPORT if to else Kind.INFO


def convert(lines: list[Line], kind: Kind | None = None, notes: list[str] | None = None) -> dict:
    """The lines of a report → the YAML document (a dict in the order an editor reads it); what the editor
    should check is added to ``notes``."""
    notes = [] if notes is None else notes
    typed, lines = lines, [Line(_close(line.text), _close(line.lead)) for line in lines]
    meta: dict = {}
    front, i = [], 0
    while i < len(lines):
        text = lines[i].text
        if m := DOC_NUMBER.match(text):
            meta["发文字号"] = m[1]
            if m[2]:
                meta["签发人"] = m[2]
        elif m := SIGNER.match(text):
            meta["签发人"] = m[1]
        elif text.endswith("文件") and len(text) <= 30 and i == 0:
            meta["版头"] = {"发文机关标志": text}
        elif (m := DATE_UNDER_TITLE.match(text)) or (front and DATE_LINE.match(text)):
            meta["成文日期"] = re.sub(r"\s", "", m[1] if m else text)
        elif m := PUBLISHED.match(text):
            meta["发布时间"], meta["来源"] = m[1], m[2].strip()
        elif text[-1] in "：:" and len(text) <= 50 and not re.search(r"。|如下|以下", text) and not heading(text):
            meta["主送机关"] = text[:-1]
            i += 1
            break
        elif (not heading(text) and text[-1] not in "。；：:，" and len(text) <= 60 and "主送机关" not in meta
              and not any(k in meta for k in ("发布时间", "成文日期"))):
            front.append(typed[i].text)
        else:
            break
        i += 1
    end = len(lines)
    tail: dict = {}
    while end > i:
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
        else:
            break
        end -= 1
    body = Body()
    paragraphs = _rejoin(lines[i:end])
    last_heading = max((n for n, line in enumerate(paragraphs) if heading(line.text)), default=-1)
    closed = False
    for n, line in enumerate(paragraphs):
        if found := heading(line.text):
            body.add_heading(*found)
        else:
            closed = closed or (n > last_heading and bool(CLOSING.match(line.text)))
            body.add(line, closed)
    title = _title(front)
    kind = kind or guess_kind(title, meta.get("主送机关", ""), " ".join(l.text for l in lines), "发布时间" in meta)
    doc = {"文种": kind.value}
    if "版头" in meta:
        doc["版头"] = meta.pop("版头")
    doc |= {k: meta.pop(k) for k in ("发文字号", "签发人") if k in meta}
    if not title:
        notes.append("原文没有标题：下面的标题是占位的，请改写。")
    doc["标题"] = title or f"关于整改情况的{kind.value}"
    doc |= meta
    doc["正文"] = body.blocks
    ledger = extract_ledger(body.blocks)
    statistics = None if ledger else extract_statistics(body.blocks)
    doc |= {k: tail[k] for k in ("署名", "成文日期", "附注", "编辑") if k in tail}
    if ledger:
        doc["整改台账"] = ledger
        notes.append("“存在问题”“整改情况”已转为整改台账；可为每项措施补充 责任领导、责任单位、完成时限、进展。")
    if statistics:
        doc["统计"] = statistics
    return doc


def dump(doc: dict, source: Path, notes: list[str]) -> str:
    """The YAML text, with first comments saying where it came from and what to check."""
    head = [f"由 reportgen import 从 {source.name} 转换：请核对标题、层级、台账和统计，再运行 reportgen lint --fix。", *notes]
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10**6, indent=2)
    return "".join(f"# {note}\n" for note in head) + text


def import_file(path: Path, out: Path, kind: Kind | None = None) -> tuple[str, list]:
    """The YAML text for ``path`` (to be written at ``out``) and the problems validation still finds."""
    from . import lint, schema
    from .errors import InputError
    from .loader import load_text

    source = read(path)
    if not source.lines:
        return "", []
    doc = convert(source.lines, kind, source.notes)
    text = schema.modeline(out) + dump(doc, path, source.notes)
    text = lint.fix_text(text, str(out), out.parent)
    try:
        load_text(text, str(out), base=out.parent)
    except InputError as e:
        return text, e.problems
    return text, []
