"""Figures come from the ledger; text reaches them only through known placeholders."""
from __future__ import annotations

import textwrap

import pytest

from reportgen import stats
from reportgen.errors import InputError
from reportgen.loader import load_text

LEDGER = """\
文种: 报告
标题: 测试
正文:
  - 共 {措施总数} 项，已完成 {已完成} 项（{已完成占比}），推进中 {in_progress} 项（{in_progress_pct}）。
  - 插入: 整改情况
整改台账:
  类别:
    - 名称: 甲
      问题:
        - 文本: 问题一
          整改措施:
            - {文本: 措施一, 进展: 已完成}
            - {文本: 措施二, 进展: done}
      整改措施:
        - {文本: 措施三, 进展: 推进中}
"""


@pytest.mark.parametrize("part, whole, text", [
    (69, 107, "64.5%"), (31, 107, "29%"), (7, 107, "6.5%"), (1, 3, "33.3%"), (2, 3, "66.7%"),
    (1, 8, "12.5%"), (1, 16, "6.3%"),  # 6.25 rounds half up, not to even
    (0, 5, "0%"), (5, 5, "100%"),
])
def test_percentages_have_one_decimal_rounded_half_up_without_trailing_zero(part, whole, text):
    assert stats.percent(part, whole) == text


def test_counts_come_from_the_itemised_ledger():
    doc = load_text(LEDGER, "t.yaml")
    assert stats.filled(doc).body[0] == "共 3 项，已完成 2 项（66.7%），推进中 1 项（33.3%）。"
    figures = stats.figures(doc)
    assert figures["问题总数"] == "1" and figures["类别总数"] == "1"


def test_declared_summary_that_contradicts_the_ledger_is_an_error_naming_both():
    text = LEDGER + "统计:\n  汇总: {已完成: 3, 总数: 4}\n"
    with pytest.raises(InputError) as caught:
        load_text(text, "t.yaml")
    messages = [p.message for p in caught.value.problems]
    assert any("声明“已完成”3 项" in m and "有 2 项" in m for m in messages)
    assert any("总数写的是 4" in m and "3 项措施" in m for m in messages)


def test_declared_summary_stands_alone_when_measures_are_not_itemised():
    doc = load_text(textwrap.dedent("""\
        文种: 通报
        标题: 测试
        正文: ["{措施总数}项中{已完成}项已完成，占{已完成占比}；{阶段性成果}项占{阶段性成果占比}；会议{会议}次。"]
        统计:
          汇总: {已完成: 69, 阶段性成果: 31, 长期坚持: 7}
          数据: {会议: 63}
        """), "t.yaml")
    assert stats.filled(doc).body == ["107项中69项已完成，占64.5%；31项占29%；会议63次。"]


def test_a_summary_whose_parts_do_not_add_up_is_an_error():
    with pytest.raises(InputError) as caught:
        load_text("文种: 通报\n标题: t\n正文: [a]\n统计:\n  汇总: {已完成: 1, 推进中: 1, 总数: 3}\n", "t.yaml")
    assert "相加是 2" in caught.value.problems[0].message


def test_unknown_placeholder_is_located_with_a_suggestion():
    with pytest.raises(InputError) as caught:
        load_text(LEDGER.replace("{措施总数}", "{措施总数目}"), "t.yaml")
    [problem] = caught.value.problems
    assert (problem.line, problem.path) == (4, "body[0]")
    assert "是不是想写“措施总数”" in problem.message


def test_text_is_never_run_as_a_template():
    doc = load_text("文种: 通报\n标题: t\n正文: ['{{ 7*7 }} {{%raw%}} <b>粗</b> {{{{已完成}}}}']\n", "t.yaml")
    assert stats.filled(doc).body == ["{ 7*7 } {%raw%} <b>粗</b> {{已完成}}"]


def test_some_measures_with_status_and_some_without_is_an_error():
    with pytest.raises(InputError) as caught:
        load_text(LEDGER.replace("{文本: 措施三, 进展: 推进中}", "措施三"), "t.yaml")
    paths = [p.path for p in caught.value.problems]
    assert "ledger.categories[0].measures[0].status" in paths


def test_a_ledger_printed_nowhere_is_an_error():
    with pytest.raises(InputError) as caught:
        load_text(LEDGER.replace("  - 插入: 整改情况\n", ""), "t.yaml")
    assert [p.path for p in caught.value.problems] == ["ledger"]
