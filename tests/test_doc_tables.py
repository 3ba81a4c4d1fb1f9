"""表格: tables of the document's own columns — what they print in both writers (heads, generated 序号 and
cell numbers, merged cells, the head row on every page, landscape pages), the rules about their shape, and
the sample 进展表 against the text written with it."""
from __future__ import annotations

import docx
import pytest
from docx.oxml.ns import qn

from reportgen import doc_tables, style, tables
from reportgen.errors import InputError
from reportgen.lint import lint_text
from reportgen.loader import load_text
from reportgen.pipeline import Builder
from tests.conftest import INPUTS, ROOT
from tests.measure import Measured, coverage, docx_text, pdf_text

SAMPLE = "sample-key-work-progress"
REFERENCE = ROOT / "tests" / "data" / "reference" / f"{SAMPLE}.txt"
HEAD = "文种: 通报\n发文机关: ××局\n标题: 关于重点工作推进情况的通报\n主送机关: 各处室\n成文日期: 2025-10-10\n"
WIDE = """\
正文:
  - 现将重点工作推进情况通报如下：
  - 表格:
      表头: [重点工作, 牵头单位, 责任领导, 配合单位, 推进情况, 存在问题, 下一步打算, 完成时限, 进展]
      序号: true
      行:
        - [建设市一体化政务数据平台, 数据资源处, 张××, 信息中心、各区数据局, 完成平台总体设计和一期工程招标。, 部分部门数据更新不及时。, 开展数据质量专项治理。, 2025年12月, 推进中]
        - [推进“一网通办”事项标准化, 政务服务管理处, 李××, 各区政务服务中心, 完成事项标准化。, 个别事项办理流程仍不统一。, 推动同一事项同标准办理。, 2025年6月, 已完成]
  - 各单位要对照上表抓好落实。
"""


def table_of(body: str):
    """The first 表格 of a document with ``body``, as the templates get it."""
    doc = load_text(HEAD + body, "t.yaml")
    block = next(b for b in doc.body if hasattr(b, "table"))
    return doc_tables.view(block.table, turned=False, in_attachment=False)


def problems(text: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_text(text, "t.yaml")
    return [f"{p.path} {p.message}" for p in caught.value.problems]


@pytest.fixture(scope="module")
def wide(tmp_path_factory):
    folder = tmp_path_factory.mktemp("wide")
    (folder / "wide.yaml").write_text(HEAD + WIDE, encoding="utf-8")
    outcome = Builder(folder / "out", force=True).build(folder / "wide.yaml")
    assert outcome.ok, outcome.problems
    return outcome.outputs  # html, pdf, docx


# ---- what is generated ------------------------------------------------------------------------------

def test_numbers_group_rows_and_cell_lines_are_generated():
    view = table_of("""\
正文:
  - 表格:
      表头: [事项, 推进情况]
      序号: true
      行:
        - 第一组
        - [甲, [完成设计。, 上线试运行。]]
        - [乙, [只有一项。]]
        - 第二组
        - [丙, 写成一段的格。]
""")
    rows = view.table.rows
    assert [c.heading for c in view.table.columns] == ["序号", "事项", "推进情况"]
    assert rows[0].group and rows[0].cells[0].text == "一、第一组" and rows[0].cells[0].colspan == 3
    assert rows[3].cells[0].text == "二、第二组"
    assert [c.text for c in rows[1].cells][:2] == ["1", "甲"] and [c.text for c in rows[4].cells][:2] == ["3", "丙"]
    assert rows[1].cells[2].items == (("1.", "完成设计。"), ("2.", "上线试运行。"))
    assert rows[2].cells[2].items == (("", "只有一项。"),)  # one line: not numbered
    assert rows[4].cells[2].items == ()  # as written


def test_merged_cells_span_equal_neighbours_and_the_first_column_is_numbered_once():
    view = table_of("""\
正文:
  - 表格:
      表头: [牵头单位, 事项]
      序号: true
      合并: [牵头单位]
      行:
        - [数据资源处, 甲]
        - [数据资源处, 乙]
        - [信息中心, 丙]
        - 分组
        - [信息中心, 丁]
""")
    rows = view.table.rows
    assert [(c.text, c.rowspan) for c in rows[0].cells] == [("1", 2), ("数据资源处", 2), ("甲", 1)]
    assert [c.text for c in rows[1].cells] == ["乙"]
    assert [(c.text, c.rowspan) for c in rows[2].cells][:2] == [("2", 1), ("信息中心", 1)]
    assert [c.text for c in rows[4].cells][:2] == ["3", "信息中心"]  # a group row ends a merge


def test_a_written_number_column_and_numbers_print_as_written():
    view = table_of("""\
正文:
  - 表格:
      表头: [序号, 项目, 金额（万元）]
      行:
        - [1, 甲, 35435.70]
        - [2, 乙, "1,234"]
        - [3, "{已完成}项", ""]
统计:
  汇总: {总数: 3, 已完成: 1}
""")
    assert [[c.text for c in row.cells] for row in view.table.rows] == [
        ["1", "甲", "35435.70"], ["2", "乙", "1,234"], ["3", "{已完成}项", ""]]
    assert "<td class=\"align-center\">1项</td>" in _html(HEAD + """\
正文:
  - 表格:
      表头: [项目]
      行: [["{已完成}项"]]
统计:
  汇总: {总数: 3, 已完成: 1}
""")


def test_every_cell_prints_as_written_whatever_yaml_reads_into_it():
    """YAML reads 12:30 as 750, 0x1F as 31, .5 as 0.5, dates as dates and yes as true: a cell keeps the text."""
    view = table_of("""\
正文:
  - 表格:
      表头: [事项, 数, 时间, 其他]
      行:
        - [四, 007, 12:30, yes]
        - [六, -0, 0x1F, .5]
        - [一, 0.10, 2025-06-30, [1e3, 甲]]
""")
    assert [[c.text for c in row.cells] for row in view.table.rows] == [
        ["四", "007", "12:30", "yes"], ["六", "-0", "0x1F", ".5"], ["一", "0.10", "2025-06-30", "1e3甲"]]
    assert [text for _, text in view.table.rows[2].cells[3].items] == ["1e3", "甲"]
    assert table_of("""\
正文:
  - 表格:
      表头: [事项]
      行: [[甲]]
      注: 注：已写了“注”字。
""").note == "注：已写了“注”字。", "a 注 label typed again is not printed twice"


def test_a_line_break_typed_in_a_cell_prints_in_both_writers():
    cell = table_of('正文:\n  - 表格:\n      表头: [事项, 说明]\n      行: [[甲, "多行\\n第二行"]]\n').table.rows[0].cells[1]
    assert cell.shown_lines == ("多行", "第二行")


def test_a_misspelt_item_style_is_named_with_the_chinese_words():
    [message] = problems(HEAD + "正文:\n  - {文本: 原则：, 列举方式: 破则号, 列举: [甲。, 乙。]}\n")
    assert "破则号" in message and "破折号" in message and "一是" in message


def _html(text: str) -> str:
    from reportgen import compose
    return compose.html(load_text(text, "t.yaml"))


def test_columns_share_the_width_and_never_go_below_nothing():
    view = table_of(WIDE)
    widths = [c.width for c in view.table.columns]
    assert view.landscape and view.own_pages
    assert all(w > 0 for w in widths)
    assert abs(sum(widths) - style.LANDSCAPE.text_width) < 10
    # a table of two short columns stays on portrait pages, as wide as the type area
    narrow = table_of("正文:\n  - 表格:\n      表头: [单位, 时限]\n      行: [[数据资源处, 2025年9月]]\n")
    assert not narrow.landscape and abs(sum(c.width for c in narrow.table.columns) - style.PAGE.text_width) < 10
    # short fields alone wider than a portrait page turn it too
    heads = ", ".join(f"单位{n}" for n in range(1, 10))
    many = table_of(f"正文:\n  - 表格:\n      表头: [{heads}]\n      行: [[{', '.join(['政务服务管理处'] * 9)}]]\n")
    assert many.landscape and all(c.align == "center" for c in many.table.columns)  # short fields, all of them


def test_too_many_columns_for_their_floors_are_narrowed_alike():
    columns = tuple(style.Column(str(i), f"c{i}", wraps=True) for i in range(12))
    sizes = tables.widths(columns, [["很长的一段文字" * 3] * 12], style.PAGE.text_width)
    assert all(s > 0 for s in sizes) and sum(sizes) == style.PAGE.text_width


# ---- both writers ---------------------------------------------------------------------------------

def test_a_wide_table_in_a_portrait_body_gets_landscape_pages_of_its_own(wide):
    _, pdf, docx_file = wide
    measured = Measured(pdf)
    assert [measured.is_landscape(n) for n in range(1, len(measured.pages) + 1)] == [False, True, False]
    sections = docx.Document(str(docx_file)).sections
    assert [s.page_width > s.page_height for s in sections] == [False, True, False]
    assert "各单位要对照上表抓好落实" in "".join(ln.text for ln in measured.pages[2])


def test_the_sample_table_prints_in_both_writers(built):
    pdf, document = built / f"{SAMPLE}.pdf", docx.Document(str(built / f"{SAMPLE}.docx"))
    text = pdf_text(pdf)
    for shown in ("一、数字政府建设", "四、安全保障和队伍建设", "1.完成平台总体设计和一期工程招标。",
                  "3.已接入部门数据目录2,316个。", "注:推进情况截至2025年9月30日", "35435.70万元"):
        assert shown in text.replace("：", ":"), shown
    lines = [ln.text.replace(" ", "") for ln in Measured(pdf).lines()]
    assert sum("政务服务管理处" in line for line in lines) == 1  # merged down rows 2 and 3: printed once
    attachment = next(t for t in document.tables if "重点工作" in t.rows[0].cells[1].text)
    lines = [p.text for p in attachment.rows[2].cells[4].paragraphs]
    assert lines == ["1.完成平台总体设计和一期工程招标。", "2.一期工程于8月上线试运行。", "3.已接入部门数据目录2,316个。"]
    merges = [tc.tcPr.find(qn("w:vMerge")) for tc in (row._tr.tc_lst[2] for row in attachment.rows[3:5])]
    assert merges[0].get(qn("w:val")) == "restart" and merges[1] is not None and merges[1].get(qn("w:val")) in (None, "continue")
    assert attachment.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    group, last = attachment.rows[1].cells[0], attachment.rows[-1].cells[-1]  # kept with the row / 注 after them
    assert group.paragraphs[0].paragraph_format.keep_with_next and last.paragraphs[0].paragraph_format.keep_with_next
    assert [s.page_width > s.page_height for s in document.sections][:2] == [False, True]  # the attachment turns


def test_the_head_row_repeats_and_no_group_row_ends_a_page(built):
    measured = Measured(built / f"{SAMPLE}.pdf")
    table_pages = [n for n in range(1, len(measured.pages) + 1) if measured.is_landscape(n)]
    assert len(table_pages) >= 2
    for n in table_pages:
        lines = [ln.text.replace(" ", "") for ln in measured.pages[n - 1]]
        head = next(i for i, t in enumerate(lines) if t.startswith("序号重点工作"))
        rows = [t for t in lines[head + 1:] if not t.startswith("—")]
        assert not rows[-1][:2] in {"一、", "二、", "三、", "四、"}, (n, rows[-1])


def test_the_sample_carries_the_text_written_with_it(built):
    reference = REFERENCE.read_text(encoding="utf-8")
    assert coverage(pdf_text(built / f"{SAMPLE}.pdf"), reference) >= 0.995
    assert coverage(docx_text(docx.Document(str(built / f"{SAMPLE}.docx"))), reference) >= 0.995


# ---- rules ---------------------------------------------------------------------------------------

def test_a_table_of_the_wrong_shape_is_refused_with_every_reason():
    found = problems(HEAD + """\
正文:
  - 表格:
      表头: [事项, 单位, 序号]
      序号: true
      合并: [单为]
      短列: [时间]
      行:
        - [甲, 乙]
""")
    assert any("body[0].table.numbered" in p and "表头里又有“序号”" in p for p in found)
    assert any("body[0].table.merged[0]" in p and "是不是想写“单位”" in p for p in found)
    assert any("body[0].table.short[0]" in p and "不是表头里的列名" in p for p in found)
    assert any("body[0].table.rows[0]" in p and "这一行有 2 格，表头有 3 列" in p for p in found)


def test_a_thousands_comma_inside_brackets_is_named():
    found = problems(HEAD + "正文:\n  - 表格:\n      表头: [项目, 数量]\n      行:\n        - [甲, 1,234]\n")
    assert any("“1,234”被拆成了两项" in p for p in found)


def test_lint_numbers_only_what_the_renderer_numbers():
    text = HEAD + """\
正文:
  - 表格:
      表头: [事项, 推进情况]
      行:
        - - 甲
          - "1.完成设计。2.上线试运行。"
        - - 乙
          - - 1.梳理事项。
            - 2.完成标准化。
"""
    found = [f for f in lint_text(text) if f.rule == "序号"]
    assert [f.line for f in found] == [13, 14]  # the list's lines, not the cell written as one text
    assert not lint_text((INPUTS / f"{SAMPLE}.yaml").read_text(encoding="utf-8"))


def test_import_reads_a_table_of_own_columns_back_as_a_table(built, tmp_path):
    import yaml

    from reportgen.importer import import_file

    result = import_file(built / f"{SAMPLE}.docx", tmp_path / "back.yaml")
    assert result.problems == [] and result.changes == []
    table = yaml.safe_load(result.text)["附件"][0]["正文"][0]["表格"]
    assert table["表头"][:3] == ["序号", "重点工作", "牵头单位"] and table["合并"] == ["牵头单位", "责任领导"]
    assert table["行"][0] == "数字政府建设"  # its 一、 is generated again
    assert table["行"][1][4] == ["完成平台总体设计和一期工程招标。", "一期工程于8月上线试运行。", "已接入部门数据目录2,316个。"]
