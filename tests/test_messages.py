"""Every refusal validate prints is Chinese and names the editor's field: no pydantic internals, no English."""
from __future__ import annotations

import re

import pytest

from reportgen import stats
from reportgen.errors import InputError
from reportgen.loader import load_text

INTERNAL = re.compile(r"function-|constrained-|Attachment|Paragraph|Input should|should have|[a-z]+-[a-z]+\[")


def problems(text: str) -> list:
    with pytest.raises(InputError) as caught:
        load_text(text, "t.yaml")
    return caught.value.problems


@pytest.mark.parametrize("yaml, path, expected", [
    ("印章: {直径: 10}", "seal.diameter", "diameter（直径） 应大于 20，实际写的是 10"),
    ("印章: {直径: 100}", "seal.diameter", "diameter（直径） 应不大于 60"),
    ("印发日期: 1.5", "printed_date", "应为日期"),
    ("版头: {份号: 12, 发文机关标志: 甲}", "header.copy_no", "应为 6 位数字"),
    ("版头: {份号: '12345', 发文机关标志: 甲}", "header.copy_no", "应为 6 位数字"),
    ("附件: [[列表]]", "attachments[0]", "应为文字或“字段: 值”的映射"),
    ("附件: [{名称: 附件一}]", "attachments[0].body", "缺少必填字段 body（正文）"),
    ("统计: {数据: {会议次数: .nan}}", "statistics.figures.会议次数", "应为一个数"),
    ("统计: {数据: {会议次数: .inf}}", "statistics.figures.会议次数", "应为一个数"),
    ("整改台账: {类别: [{名称: 类, 问题: [{文本: 问题, 整改措施: [{文本: 措施, 完成时限: [1]}]}]}]}",
     "ledger.categories[0].problems[0].measures[0].deadline", "deadline（完成时限） 应为日期或文字"),
])
def test_a_mistake_is_explained_in_chinese_at_the_editors_field(yaml, path, expected):
    found = problems(f"文种: 通报\n标题: t\n正文: [a]\n{yaml}\n")
    assert not [p for p in found if INTERNAL.search(f"{p.path} {p.message}")], found
    assert any(p.path == path and expected in p.message for p in found), found


def test_a_level_message_is_only_for_levels():
    [problem] = problems("文种: 通报\n标题: t\n正文: [a]\n印章: {直径: 10}\n")
    assert "一、" not in problem.message


def test_a_summary_of_zeros_is_a_statement():
    doc = load_text("文种: 通报\n标题: t\n正文:\n  - 共{措施总数}项，已完成{已完成}项。\n"
                    "统计:\n  汇总: {已完成: 0, 推进中: 0}\n", "t.yaml")
    assert stats.filled(doc).body[0] == "共0项，已完成0项。"
