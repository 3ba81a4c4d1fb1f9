"""Hypothesis strategies for documents: well-formed ones with ordinary text (to check nothing is lost), and
hostile ones (to check everything ends in a document or a clean error).  Shared by the tests and
``scripts/fuzz.py``."""
from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)  # the common block, all in the house faces
PUNCTUATION = st.sampled_from(list("，。、；：？！“”‘’（）《》—…·"))
LATIN = st.sampled_from(list("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-+%./"))

# Ordinary text: what an editor types (no braces: those are placeholders).
plain = st.text(st.one_of(CJK, CJK, CJK, PUNCTUATION, LATIN), min_size=1, max_size=120).map(str.strip).filter(bool)

HOSTILE_PIECES = [
    "\u200f", "\u202e", "\u200b", "\ufeff",  # direction marks, zero width, BOM
    "😀", "🇨🇳", "𠀀", "\U00013000",  # emoji, a flag, CJK Extension B, a hieroglyph
    "{{ 7*7 }}", "{% for x in y %}", "{#", "<script>alert(1)</script>", "<b>", "&amp;", "]]>", "<!--",
    "\\", "'", '"', "%s", "$(rm -rf /)", "\t",
    "\x00", "\x07", "\x1b", "\x85",  # controls: must be refused by name
    "\ud800",  # a lone surrogate: refused
    "a" * 5000,  # a 5,000-letter word
    "字" * 3000,
]
hostile = st.lists(st.one_of(plain, st.sampled_from(HOSTILE_PIECES)), min_size=1, max_size=6).map("".join)
huge = st.just("巡察整改落实情况，" * 11_000)  # a paragraph of ~100 kB


def _section(text, depth: int):
    blocks = _blocks(text, depth + 1) if depth < 3 else st.lists(text, min_size=1, max_size=2)
    return st.fixed_dictionaries({"标题": text}, optional={"层级": st.integers(1, 4), "正文": blocks,
                                                         "接排": st.booleans()})


def _blocks(text, depth: int = 0):
    paragraph = st.fixed_dictionaries({}, optional={"要点": text, "文本": text,
                                                    "列举": st.lists(text, min_size=1, max_size=4)}).filter(bool)
    choices = [text, paragraph] + ([st.deferred(lambda: _section(text, depth))] if depth < 3 else [])
    return st.lists(st.one_of(*choices), min_size=1, max_size=5)


def _ledger(text):
    measure = st.fixed_dictionaries({"文本": text}, optional={
        "责任领导": text, "责任单位": text, "完成时限": st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31)).map(str)})
    problem = st.one_of(text, st.fixed_dictionaries({"文本": text, "整改措施": st.lists(measure, min_size=1,
                                                                                        max_size=3)}))
    category = st.fixed_dictionaries({"名称": text}, optional={"问题": st.lists(problem, min_size=1, max_size=3),
                                                              "整改措施": st.lists(measure, min_size=1, max_size=3)})
    return st.fixed_dictionaries({"类别": st.lists(category, min_size=1, max_size=3)})


@st.composite
def documents(draw, text=plain, kinds=("通报", "报告", "汇报", "方案")):
    """A well-formed document as plain data (dump it with ``yaml.safe_dump``)."""
    doc = {"文种": draw(st.sampled_from(kinds)), "标题": draw(text), "正文": draw(_blocks(text))}
    if draw(st.booleans()):
        doc["主送机关"] = draw(st.lists(text, min_size=1, max_size=2))
    if draw(st.booleans()):
        doc["整改台账"] = draw(_ledger(text))
        doc["正文"].append({"插入": "整改情况"})
    if draw(st.booleans()):
        doc["署名"] = draw(text)
        doc["成文日期"] = str(draw(st.dates(dt.date(2000, 1, 1), dt.date(2035, 12, 31))))
    if draw(st.booleans()):
        doc["附注"] = draw(text)
    if draw(st.booleans()):
        doc["附件"] = draw(st.lists(text, min_size=1, max_size=3))
    return doc


def anything(text=hostile, large: bool = True):
    """Well-formed documents with hostile text, and structures that are not documents at all; ``large``
    adds documents made of ~100 kB paragraphs (each costs a second to parse)."""
    junk = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), text),
                        lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                st.dictionaries(st.one_of(text, st.sampled_from(
                                                    ["文种", "标题", "正文", "整改台账", "层级", "插入", "统计"])),
                                                    inner, max_size=4)),
                        max_leaves=20)
    return st.one_of(documents(text), *([documents(st.one_of(text, huge))] if large else []), junk)


@st.composite
def edges(draw):
    """Documents whose shape, not their text, is at the edge of what validate accepts: sections nested
    deep or given any 层级, the 整改情况 inserted at any depth, dates from 1900 to 9999, a declared 汇总
    of zeros."""
    leaf = st.sampled_from(["一段文字。", {"插入": "整改情况"}, {"要点": "要点。", "列举": ["一", "二"]}])
    section = lambda body: st.fixed_dictionaries(  # noqa: E731
        {"标题": st.sampled_from(["加强组织领导", "落实主体责任。"]), "正文": st.lists(body, min_size=1, max_size=3)},
        optional={"层级": st.integers(1, 4), "接排": st.booleans()})
    doc = {"文种": draw(st.sampled_from(["通报", "报告", "汇报", "方案", "信息", "纪要"])), "标题": "边界",
           "正文": draw(st.lists(st.recursive(leaf, section, max_leaves=10), min_size=1, max_size=3)),
           "整改台账": {"类别": [{"名称": "类别", "问题": ["问题一", {"文本": "问题二", "整改措施": ["措施"]}]}]}}
    if draw(st.booleans()):
        doc["成文日期"] = str(draw(st.dates(dt.date(1900, 1, 1), dt.date(9999, 12, 31))))
    if draw(st.booleans()):
        doc["统计"] = {"汇总": {"已完成": 0, "推进中": draw(st.sampled_from([0, 1, 1999]))}}
        doc["正文"].append("已完成{已完成}项，共{措施总数}项。")
    return doc


# What an office's customised template might hold, runaway and hostile pieces among ordinary ones.
TEMPLATE_PIECES = [
    "{{ 'x' * 1000000000 }}", "{{ [0] * 100000000 }}", "{{ (1,) * 10000000 }}", "{{ 9 ** 999999 }}",
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
    "{{ lipsum(10000000) }}", "{{ lipsum(n='x') }}", "{{ lipsum(2) }}", "{{ range(1000000)|list }}",
    "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "{% include 'notice.html.j2' %}",
    "{{ 'x'|center(1000000000) }}", "{{ 'x'|indent(1000000000) }}", "{{ '%999999999s' % 1 }}",
    "{{ '{:>999999999}'.format(1) }}", "{{ '%s'|format(page) }}", "{{ 1 / 0 }}", "{{ page.nothing.deeper }}",
    "<p><b>", "</div>", "<p class=\"nothing-known\">x</p>", "<br>", "&nbsp;", "<![CDATA[x]]>",
    '<link rel="attachment" href="file:///etc/passwd"/>', "<style>@import url('file:///etc/passwd');</style>",
    '<img src="http://example.com/x.png"/>', '<img src="../../../../etc/passwd"/>',
    "{{ ''.__class__.__mro__ }}", "{{ page.doc.__init__.__globals__ }}", "{{ undefined_name }}",
    "{{ cycler(1, 2).next() }}", "{% extends 'missing.html.j2' %}", "{{ page.doc.kind.value }}",
    "{{ roles|length }}", "<b>加粗</b>", "{{ page.title_lines|join('') }}", "{% raw %}{{ x }}{% endraw %}",
]


def template_payloads():
    """Snippets for a customised template's title block: runaway, hostile, malformed and ordinary pieces."""
    return st.lists(st.one_of(st.sampled_from(TEMPLATE_PIECES), st.integers().map(str), plain),
                    min_size=1, max_size=4).map("".join)
