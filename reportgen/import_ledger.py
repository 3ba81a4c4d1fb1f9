"""The 整改台账 and 统计 an old report tells in words: sections of 存在问题 / 整改情况 blocks (as reportgen's own
narrative writes them, or typed) become the ledger, with ``插入: 整改情况`` in their place; a sentence
counting measures by progress becomes 统计.汇总 with placeholders in its text.
"""
from __future__ import annotations

import re

from .model import ZH

CN = "一二三四五六七八九十"
PROBLEM_WORDS, MEASURE_WORDS = "存在问题|主要问题|问题表现|反馈问题", "整改情况|整改措施|整改落实情况|整改进展"
PROBLEM_LABEL = re.compile(rf"^({PROBLEM_WORDS})[:：]?\s*(.*)$")
MEASURE_LABEL = re.compile(rf"^({MEASURE_WORDS})[:：]?\s*(.*)$")
LABEL_ONLY = re.compile(rf"(?:{PROBLEM_WORDS}|{MEASURE_WORDS})[:：]?")
NUMBERED_ITEM = re.compile(r"[（(]\s*\d{1,2}\s*[）)]")
PROBLEM_OWN_NUMBER = re.compile(r"^[（(]\s*\d{1,2}\s*[）)]\s*[:：]\s*")  # 存在问题（1）：……
# Progress words in a sentence that states how many measures reached it, and the 统计.汇总 name.
PROGRESS_WORDS = (("已完成", "已完成"), ("阶段性成果", "阶段性成果"), ("长期", "长期坚持"))
CLAUSE = re.compile(r"[^。；]+[。；]?")
BEFORE_ENUMERATION = "。；：:，,…！？!?”"  # what may stand before 二是: the end of the item before it
INSERT_LEDGER = {"插入": "整改情况"}


def split_enumeration(text: str) -> tuple[str, list[str]]:
    """“总述。一是……二是……” → the text before 一是 and the items, when there are two or more in order."""
    marks, start = [], 0
    for n in range(len(CN)):
        found = next((m.start() for m in re.finditer(f"{CN[n]}是", text[start:])
                      if m.start() + start == 0 or text[m.start() + start - 1] in BEFORE_ENUMERATION), None)
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


def _flat(block) -> str:
    """A paragraph block as the text it prints (要点, 文本, then 一是…二是…)."""
    if isinstance(block, str):
        return block
    return "".join([block.get("要点", ""), block.get("文本", "")]) + "".join(
        f"{CN[i]}是{item}" for i, item in enumerate(block.get("列举", [])))


def _items(text: str) -> list[str] | None:
    """The measures after a 整改情况 label: 一是……二是……, or one measure; None when text stands before 一是."""
    head, items = split_enumeration(text)
    if items:
        return None if head else items
    return [text] if text else []


def _ledger_category(section: dict) -> dict | None:
    """A section told as the narrative tells a category (``compose``): 存在问题（1）：… with its 整改情况：一是…,
    or 存在问题：（1）…（2）… with the category's 整改情况 → the category (English keys); otherwise None."""
    if "层级" in section:
        return None
    category: dict = {"name": section["标题"], "problems": [], "measures": []}
    measures_to, adding = None, None  # where 整改情况 goes; what a plain paragraph continues
    for block in section.get("正文", []):
        if isinstance(block, dict) and ("标题" in block or "插入" in block):
            return None
        text = _flat(block)
        if m := PROBLEM_LABEL.match(text):
            if n := PROBLEM_OWN_NUMBER.match(m[2]):  # one problem, answered by its own measures
                problem = {"text": m[2][n.end():], "measures": []}
                category["problems"].append(problem)
                measures_to, adding = problem["measures"], None
            else:
                category["problems"] += [{"text": p} for p in (split_numbered(m[2]) if m[2] else [])]
                measures_to, adding = category["measures"], "problems"
        elif (m := MEASURE_LABEL.match(text)) and measures_to is not None and (items := _items(m[2])) is not None:
            if adding is measures_to:  # a second 整改情况 after a problem's own: the category's
                measures_to = category["measures"]
            measures_to += items
            adding = measures_to
        elif adding == "problems":
            category["problems"] += [{"text": p} for p in split_numbered(text)]
        elif isinstance(adding, list) and (items := _items(text)) is not None:
            adding += items
        else:
            return None
    if not category["problems"] or not any([category["measures"], *(p.get("measures") for p in category["problems"])]):
        return None
    return category


def find_narrative(blocks: list) -> tuple[list, int, list[dict]] | None:
    """The ledger told in a body: a list whose paragraphs are followed only by sections that each tell a
    category.  Returns that list, where the categories start, and them."""
    sections = [n for n, b in enumerate(blocks) if isinstance(b, dict) and "标题" in b]
    if sections and sections == list(range(sections[0], len(blocks))):
        categories = [_ledger_category(blocks[n]) for n in sections]
        if all(categories):
            return blocks, sections[0], categories
    for n in sections:
        if found := find_narrative(blocks[n]["正文"]):
            return found
    return None


def _texts(categories: list[dict]) -> list:
    """What a ledger says in words (names, problems, measures), to compare two readings of one ledger."""
    def measures(owner: dict) -> list[str]:
        return [m if isinstance(m, str) else m["text"] for m in owner.get("measures", [])]
    return [(c["name"], [(p["text"], measures(p)) for p in c.get("problems", [])], measures(c)) for c in categories]


def chinese(value):
    """English field names → the Chinese ones the YAML is written in; empty lists left out, a problem or a
    measure that is only text written as that text."""
    if isinstance(value, dict) and set(value) - {"measures"} == {"text"} and not value.get("measures"):
        return value["text"]
    if isinstance(value, dict):
        return {ZH.get(k, k): chinese(v) for k, v in value.items() if v != []}
    if isinstance(value, list):
        return [chinese(v) for v in value]
    return value


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


def ledger(body: list, tables: dict | None, notes: list[str]) -> dict | None:
    """The 整改台账: from its tables, from its narrative in the body (which then becomes ``插入: 整改情况``), or
    both when they tell the same ledger."""
    found = find_narrative(body)
    if found and (tables is None or _texts(found[2]) == _texts(tables["categories"])):
        holder, start, categories = found
        holder[start:] = [INSERT_LEDGER]
        if tables is None:
            notes.append("“存在问题”“整改情况”已转为整改台账；可为每项措施补充 责任领导、责任单位、完成时限、进展。")
        return tables or {"categories": categories}
    return tables
