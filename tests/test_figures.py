"""Figures as the document writes them: the decimals of its percentages, amounts as written, totals stated
without the itemised ledger, and messages that name the placeholders this document has."""
from __future__ import annotations

import pytest

from reportgen import stats
from reportgen.errors import InputError
from reportgen.lint import lint_text
from reportgen.loader import load_text
from reportgen.percentages import percent

HEAD = "文种: 通报\n标题: t\n成文日期: 2025-09-05\n"
ELEVEN = """\
整改台账:
  类别:
    - 名称: 甲方面
      问题:
        - 文本: 问题一。
          整改措施:
""" + "".join(f"            - {{文本: 措施{n}。, 责任单位: {'办公室' if n < 4 else '财务处'}, 进展: {'已完成' if n < 9 else '推进中'}}}\n"
              for n in range(1, 12)) + """\
    - 名称: 乙方面
      问题: [问题二。, 问题三。]
"""  # 8 of 11 done: 72.7%; 3 of 11 in progress: 27.3%


def filled(text: str) -> list[str]:
    return stats.filled(load_text(text, "t.yaml")).body


def problems(text: str) -> list:
    with pytest.raises(InputError) as caught:
        load_text(text, "t.yaml")
    return caught.value.problems


# ---- precision -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("part, whole, decimals, text", [
    (3, 11, 0, "27%"), (8, 11, 0, "73%"), (3, 11, 1, "27.3%"), (3, 11, 2, "27.27%"), (1, 4, 1, "25.0%"),
    (1999, 2000, 0, "99%"), (1, 1000, 0, "0.1%"), (1, 100000, 2, "0.001%"), (2000, 2000, 2, "100.00%"),
    (0, 7, 0, "0%"), (3, 11, None, "27.3%"), (1, 4, None, "25%"),
])
def test_a_share_has_the_decimals_asked_and_stays_truthful(part, whole, decimals, text):
    assert percent(part, whole, decimals) == text


def test_the_document_chooses_the_decimals_and_a_placeholder_may_choose_its_own():
    body = "正文:\n  - 插入: 整改情况\n  - 已完成{已完成占比}，推进中{推进中占比}，另记{已完成占比:2}。\n"
    assert filled(HEAD + body + ELEVEN)[1] == "已完成72.7%，推进中27.3%，另记72.73%。"
    assert filled(HEAD + "占比小数位: 0\n" + body + ELEVEN)[1] == "已完成73%，推进中27%，另记72.73%。"
    assert filled(HEAD + "占比小数位: 0\n" + body.replace("已完成{已完成占比}", "办公室{办公室的已完成占比}")
                  + ELEVEN)[1].startswith("办公室100%"), "counts by unit and category take the document's decimals"


@pytest.mark.parametrize("body, path, expected", [
    ("正文: ['共{措施总数:1}项。']", "body[0]", "“措施总数”不是占比"),
    ("正文: ['已完成{已完成占比:5}。']", "body[0]", "最多保留 3 位小数"),
    ("占比小数位: 5\n正文: ['已完成{已完成占比}。']", "percent_decimals", "应不大于 3"),
])
def test_decimals_where_they_mean_nothing_are_refused(body, path, expected):
    found = problems(HEAD + body + "\n" + ELEVEN.replace("问题: [问题二。, 问题三。]", "问题: [问题二。]"))
    assert any(p.path == path and expected in p.message for p in found), found


def test_lint_suggests_the_placeholder_for_a_typed_share_that_agrees():
    body = "正文:\n  - 插入: 整改情况\n  - 整改措施已完成{已完成}项，占72.7%，推进中的占27%。\n"
    findings = [f for f in lint_text(HEAD + body + ELEVEN) if f.rule == "数字"]
    assert len(findings) == 2
    assert "{已完成占比}" in findings[0].message and "请改用占位符" in findings[0].message
    assert "{推进中占比:0}" in findings[1].message, "27% is the share at the figure's own (no) decimals"
    at_zero = [f for f in lint_text(HEAD + "占比小数位: 0\n" + body.replace("72.7%", "73%") + ELEVEN) if f.rule == "数字"]
    assert "{已完成占比}" in at_zero[0].message and "{推进中占比}" in at_zero[1].message
    wrong = [f for f in lint_text(HEAD + body.replace("72.7%", "75%") + ELEVEN) if f.rule == "数字"]
    assert "都不符" in wrong[0].message and "72.7%" in wrong[0].message


# ---- amounts as written ----------------------------------------------------------------------------------

def test_figures_print_as_written():
    text = HEAD + """\
正文:
  - 完成投资{投资}万元，占年度计划的{计划占比}，新增就业{就业}人，带动{带动}户，{负债}。
统计:
  数据:
    投资: 35435.70
    计划占比: 68.50
    就业: 12,345
    带动: "1,234,567.0"
    负债: -0.50
"""
    assert filled(text) == ["完成投资35435.70万元，占年度计划的68.50，新增就业12,345人，带动1,234,567.0户，-0.50。"]


@pytest.mark.parametrize("value", ["十二", "1,23", "12万", "true"])
def test_a_figure_that_is_no_number_is_refused_with_how_to_write_one(value):
    [problem] = problems(HEAD + f"正文: [a]\n统计:\n  数据:\n    投资: {value}\n")
    assert problem.path == "statistics.figures.投资" and "应为一个数" in problem.message and "35435.70" in problem.message


def test_declared_counts_print_as_written_and_count_as_numbers():
    text = HEAD + "正文:\n  - 共{总数}项，已完成{已完成}项，占{已完成占比}。\n统计:\n  汇总:\n    总数: 1,200\n    已完成: 1,008\n"
    assert filled(text) == ["共1,200项，已完成1,008项，占84%。"]
    [problem] = problems(HEAD + "正文: [a]\n统计:\n  汇总: {已完成: 2.5}\n")
    assert problem.path == "statistics.summary.已完成" and "整数" in problem.message


# ---- totals as the document states them -------------------------------------------------------------------

def test_a_total_and_the_completed_count_give_the_rest():
    text = HEAD + """\
正文:
  - 反馈的{问题总数}个问题共{总数}项整改任务，已完成{已完成}项，占{已完成占比}；未完成{未完成}项，占{未完成占比}。
  - 措施总数{措施总数}。
统计:
  汇总: {问题总数: 120, 总数: 400, 已完成: 336}
"""
    assert filled(text) == ["反馈的120个问题共400项整改任务，已完成336项，占84%；未完成64项，占16%。", "措施总数400。"]


def test_the_statuses_a_lone_count_leaves_unknown_have_no_figure():
    [problem] = problems(HEAD + "正文: ['推进中{推进中}项。']\n统计:\n  汇总: {总数: 400, 已完成: 336}\n")
    assert "“{推进中}”不是本文档的统计名称" in problem.message
    assert "本文档可用：{措施总数}、{总数}、{已完成}、{已完成占比}、{未完成}、{未完成占比}" in problem.message


def test_statuses_beside_a_total_must_make_it_up():
    [problem] = problems(HEAD + "正文: [a]\n统计:\n  汇总: {总数: 400, 已完成: 336, 推进中: 60}\n")
    assert "相加是 396" in problem.message
    [problem] = problems(HEAD + "正文: [a]\n统计:\n  汇总: {总数: 400, 已完成: 436}\n")
    assert problem.path == "statistics.summary.已完成" and "多于总数 400" in problem.message


def test_a_total_alone_is_a_figure():
    assert filled(HEAD + "正文: ['共{措施总数}项。']\n统计:\n  汇总: {总数: 107}\n") == ["共107项。"]


def test_a_declared_problem_count_must_agree_with_the_problems_listed():
    [problem] = problems(HEAD + "正文:\n  - 插入: 整改情况\n统计:\n  汇总: {问题总数: 5}\n" + ELEVEN)
    assert problem.path == "statistics.summary.问题总数" and "列出了 3 个问题" in problem.message


def test_problems_are_counted_by_category_and_by_unit():
    body = "正文:\n  - 插入: 整改情况\n  - '{类别1的问题总数}、{类别2的问题总数}、{办公室的问题总数}、{财务处的未完成}、{甲方面的措施总数}'\n"
    assert filled(HEAD + body + ELEVEN)[1] == "1、2、1、3、11"


def test_an_unknown_placeholder_names_those_this_document_has():
    [problem] = problems(HEAD + "正文:\n  - 插入: 整改情况\n  - 完成率{完成率}。\n" + ELEVEN)
    message = problem.message
    assert "{措施总数}" in message and "{已完成占比}" in message and "{问题总数}" in message
    assert "{办公室的已完成}" in message and "{类别1的措施总数}" in message
    assert "{阶段性成果}" in message, "a ledger with every 进展 knows every status"
    [bare] = problems(HEAD + "正文: ['共{措施总数}项。']\n")
    assert "本文档没有可用的统计数字" in bare.message
