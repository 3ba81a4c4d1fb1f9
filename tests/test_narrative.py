"""The ledger told as a narrative (``插入: 整改情况``): the level its category headings take, their numbers
beside the sections around the insert, and labels that never double a colon."""
from __future__ import annotations

import textwrap

import pytest

from reportgen import compose
from reportgen.errors import InputError
from reportgen.loader import load_text
from tests.test_compose import paragraphs

LEDGER = """\
整改台账:
  提示语: {问题: "存在问题：", 整改措施: "整改措施:"}
  类别:
    - 名称: 甲方面
      问题:
        - 文本: 问题一。
          整改措施: [措施一。]
    - 名称: 乙方面
      问题:
        - 文本: 问题二。
          整改措施: [措施二。]
"""


def narrative(body: str) -> list[tuple[str, str]]:
    text = "文种: 通报\n标题: 标题\n正文:\n" + textwrap.indent(textwrap.dedent(body), "  ") + LEDGER
    return paragraphs(compose.html(load_text(text, "t.yaml")))[1:]


def test_at_the_top_of_the_body_the_categories_are_numbered_as_asked():
    assert [p for p in narrative("- 插入: 整改情况\n") if p[0].startswith("heading")] == [
        ("heading-1", "一、甲方面"), ("heading-1", "二、乙方面")]
    assert [p for p in narrative("- {插入: 整改情况, 层级: 2}\n") if p[0].startswith("heading")] == [
        ("heading-2", "（一）甲方面"), ("heading-2", "（二）乙方面")]


def test_the_categories_number_on_from_the_sections_beside_them():
    found = narrative("""\
        - 标题: 总体情况
          正文: [整改工作总体顺利。]
        - 插入: 整改情况
        - 标题: 下一步打算
          正文: [持续抓好整改。]
        """)
    assert [text for role, text in found if role == "heading-1"] == ["一、总体情况", "二、甲方面", "三、乙方面", "四、下一步打算"]


def test_labels_written_with_a_colon_get_one_colon():
    found = [text for _, text in narrative("- 插入: 整改情况\n")]
    assert "存在问题（1）：问题一。" in found and "整改措施：措施一。" in found
    assert not any("：：" in text or ":：" in text for text in found)


def test_a_level_on_another_insert_is_refused():
    text = "文种: 通报\n标题: 标题\n正文:\n  - {插入: 整改情况, 层级: 1}\n  - {插入: 问题清单, 层级: 2}\n" + LEDGER
    with pytest.raises(InputError, match=r"body\[1\]\.level.*只用于 插入: 整改情况"):
        load_text(text, "t.yaml")


def test_a_fifth_level_from_the_insert_is_refused():
    text = "文种: 通报\n标题: 标题\n正文:\n  - {插入: 整改情况, 层级: 5}\n" + LEDGER
    with pytest.raises(InputError, match="1–4"):
        load_text(text, "t.yaml")
