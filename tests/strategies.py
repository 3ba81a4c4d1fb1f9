"""Hypothesis strategies for documents: well-formed ones with ordinary text (to check nothing is lost), and
hostile ones (to check everything ends in a document or a clean error).  Shared by the tests and
``scripts/fuzz.py``."""
from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from tests import hostile_files

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


# DOCX for `reportgen import`: well-formed WordprocessingML (our role styles, the heads of the ledger tables,
# merged cells, revisions, symbols, content controls) with hostile text; the same pieces in any order (rarely
# well-formed); either perhaps with bytes changed or cut off; and the known hostile files.
ROLES = ["公文标题", "主送机关", "公文正文", "一级标题", "二级标题", "发文字号", "发文机关标志", "份号", "发文机关署名",
         "成文日期", "附注", "附件标识", "附件标题", "附件说明", "抄送机关", "印发机关和日期", "表头", "表格文字", "Heading 1"]
HEADS = ["序号", "问题", "整改措施", "责任领导", "责任单位", "完成时限", "进展", "问题类别", "存在问题"]
INLINE = ["<w:br/>", "<w:tab/>", '<w:sym w:char="F0FC"/>', '<w:sym w:char="zz"/>', '<w:sym w:char="D800"/>', "<w:drawing/>",
          "<w:del><w:r><w:delText>删</w:delText></w:r></w:del>", "<w:r><w:t>&amp;</w:t></w:r>",
          '<w:r><w:rPr><w:b/></w:rPr><w:t>要点。</w:t></w:r>', "<w:footnoteReference/>"]
_escaped = st.one_of(plain, plain, plain, hostile, st.sampled_from(HEADS)).map(
    lambda t: t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
_run = st.one_of(_escaped.map(lambda t: f"<w:r><w:t>{t}</w:t></w:r>"), st.sampled_from(INLINE))
_style = st.one_of(st.just(""), st.integers(0, len(ROLES) - 1).map(lambda i: f'<w:pPr><w:pStyle w:val="s{i}"/></w:pPr>'))
_paragraph = st.builds(lambda style, runs: f"<w:p>{style}{''.join(runs)}</w:p>", _style, st.lists(_run, max_size=4))
_cell_props = st.sampled_from(["", "", "<w:tcPr><w:vMerge/></w:tcPr>", '<w:tcPr><w:vMerge w:val="restart"/></w:tcPr>',
                               '<w:tcPr><w:gridSpan w:val="7"/></w:tcPr>', '<w:tcPr><w:gridSpan w:val="x"/></w:tcPr>'])
_cell = st.builds(lambda props, paragraphs: f"<w:tc>{props}{''.join(paragraphs)}</w:tc>", _cell_props,
                  st.lists(_paragraph, min_size=1, max_size=2))
_table = st.lists(st.lists(_cell, min_size=1, max_size=7).map(lambda cells: f"<w:tr>{''.join(cells)}</w:tr>"),
                  min_size=1, max_size=5).map(lambda rows: f"<w:tbl>{''.join(rows)}</w:tbl>")
_block = st.one_of(_paragraph, _paragraph, _table,
                   _paragraph.map(lambda p: f"<w:sdt><w:sdtContent>{p}</w:sdtContent></w:sdt>"))
_soup = st.lists(st.one_of(st.sampled_from(["<w:p>", "</w:p>", "<w:r>", "</w:r>", "<w:t>", "</w:t>", "<w:tbl>", "</w:tbl>",
                                            "<w:tr>", "</w:tr>", "<w:tc>", "</w:tc>", "&bogus;", "<!-- c -->",
                                            "<![CDATA[<w:p>]]>", *INLINE]), _escaped), max_size=30)


def _docx(body: str, styled: bool) -> bytes:
    return hostile_files.docx(hostile_files.wrap(body), hostile_files.styles(ROLES) if styled else None)


def _damaged(data: bytes, changes: list[tuple[int, bytes]], cut: int | None) -> bytes:
    for at, piece in changes:
        at %= max(1, len(data))
        data = data[:at] + piece + data[at + len(piece):]
    return data[:cut] if cut is not None else data


def docx_files():
    """Bytes that call themselves a DOCX: the known hostile cases, generated documents, and damaged ones."""
    made = st.builds(_docx, st.one_of(st.lists(_block, max_size=12), _soup).map("".join), st.booleans())
    return st.one_of(st.sampled_from(sorted(hostile_files.CASES.values(), key=len)), made, made, made,
                     st.builds(_damaged, made, st.lists(st.tuples(st.integers(0, 5000), st.binary(min_size=1, max_size=8)),
                                                        min_size=1, max_size=3), st.one_of(st.none(), st.integers(0, 3000))))


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
