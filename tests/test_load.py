"""Loading YAML: every mistake located (file:line:col), explained in Chinese, all at once."""
from __future__ import annotations

import textwrap

import pytest

from reportgen.errors import InputError
from reportgen.loader import load, load_text
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data"


def problems(text: str) -> list:
    with pytest.raises(InputError) as caught:
        load_text(textwrap.dedent(text), "t.yaml")
    return caught.value.problems


def test_ten_mistakes_give_ten_located_messages():
    with pytest.raises(InputError) as caught:
        load(DATA / "ten-mistakes.yaml")
    found = [(p.line, p.col, p.path) for p in caught.value.problems]
    assert found == [
        (1, 5, "kind"),                                             # 通知 is not a kind here
        (3, 1, "titel"),                                            # unknown key
        (4, 7, "date"),                                             # no 13th month
        (8, 9, "body[1].level"),                                    # level 7
        (13, 9, "body[1].body[0].body"),                            # duplicate key
        (16, 13, "body[1].body[1].items"),                          # a string, not a list
        (17, 5, "body[2]"),                                         # empty paragraph
        (18, 9, "body[3].title"),                                   # empty title
        (25, 15, "ledger.categories[0].measures[0].status"),        # misspelt status
        (27, 11, "ledger.categories[0].measures[1].完成时间"),       # unknown key
    ]
    messages = [p.message for p in caught.value.problems]
    assert "是不是想写“通报”" in messages[0]
    assert "是不是想写“title”" in messages[1]
    assert "第 12 行已经写过" in messages[4]
    assert "是不是想写“已完成”" in messages[8]
    assert "是不是想写“完成时限”" in messages[9]
    text = str(caught.value)
    assert text.splitlines()[0].startswith(f"{DATA / 'ten-mistakes.yaml'}:1:5  kind  ")


def test_english_and_chinese_keys_are_the_same_field():
    doc = load_text("kind: 报告\ntitle: T\n正文: [段落。]\n", "t.yaml")
    assert doc.title == "T" and doc.body == ["段落。"]
    [p] = problems("文种: 报告\ntitle: T\n标题: U\n正文: [段落。]\n")
    assert (p.line, p.path) == (3, "title") and "“title”与“标题”是同一个字段" in p.message


def test_missing_fields_point_at_the_mapping_that_lacks_them():
    found = problems("""\
        文种: 报告
        正文:
          - 标题: 一
            正文:
              - 层级: 3
        """)
    assert [(p.line, p.col, p.path, p.message) for p in found] == [
        (5, 9, "body[0].body[0].title", "缺少必填字段 title（标题）")]
    [p] = problems("文种: 报告\n正文: [段落]\n")
    assert (p.line, p.path) == (1, "") and "subject（事由）" in p.message


def test_syntax_errors_are_explained():
    [p] = problems("文种: 报告\n标题: a\n\t正文: []\n")
    assert (p.line, p.col) == (3, 1) and "Tab" in p.message
    [p] = problems("文种：报告\n")
    assert "中文冒号" in p.message


def test_yaml_tags_that_run_code_are_refused():
    found = problems("文种: !!python/object/apply:os.system ['echo hi']\n标题: a\n正文: [b]\n")
    assert any("不支持的 YAML 标签" in p.message for p in found)


def test_alias_bombs_and_deep_nesting_are_refused():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8))
    [p] = problems(bomb)
    assert "拒绝处理" in p.message
    [p] = problems("a: " + "[" * 200 + "]" * 200 + "\n")
    assert "拒绝处理" in p.message


def test_gbk_file_is_explained_not_misread(tmp_path):
    path = tmp_path / "gbk.yaml"
    path.write_bytes("文种: 报告\n标题: 测试\n正文: [段落]\n".encode("gbk"))
    with pytest.raises(InputError) as caught:
        load(path)
    assert "GBK" in caught.value.problems[0].message and "UTF-8" in caught.value.problems[0].message


def test_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes("文种: 报告\n标题: 测试\n正文: [段落]\n".encode("utf-8-sig"))
    assert load(path).title == "测试"


def test_every_sample_validates():
    for path in sorted((ROOT / "inputs").glob("*.yaml")):
        assert load(path).body


def test_placeholder_braces_inside_a_flow_list_get_a_hint():
    [p] = problems("文种: 通报\n标题: t\n正文: [共{措施总数}项]\n")
    assert "“- ”开头的多行列表" in p.message


def test_a_wrong_type_says_what_was_expected_with_an_example():
    found = {p.path: p.message for p in problems("""\
        文种: 通报
        标题: 关于整改情况的通报
        正文: 12
        署名:
          名称: ×局
        统计:
          汇总: 5
        整改台账:
          类别:
            - 问题
        """)}
    assert found["body"] == "body（正文） 应为列表（每项以“- ”开头），实际写的是 12。例如：“正文:”换行后每项写“  - ……”"
    assert found["signature"].endswith("实际写的是一组“字段: 值”（名称）。例如：“署名: ……”，文字直接写在冒号后")
    assert found["statistics.summary"].endswith("例如：“汇总:”换行后缩进写“  名称: 值”")
    assert found["ledger.categories[0]"].endswith("实际写的是“问题”。例如：“类别:”下每项写“  - 名称: ……”")


@pytest.mark.parametrize("text, line, col, words", [
    ("文种: 报告\n发文机关：××局\n标题: x\n", 2, 5, "“发文机关：”用了中文冒号"),
    ("文种: 报告\n标题: x\n正文:\n  - x\n发文机关：××局\n", 5, 5, "“发文机关：”用了中文冒号"),
    ("文种: 报告\n标题: x\n主送机关:××委\n正文:\n  - x\n", 3, 5, "“主送机关:”后面缺少空格"),
    ("文种: 报告\n标题: x\n正文:\n  - {问题总数}个问题已全部整改。\n", 4, 5, "以 { 开头的文字"),
])
def test_a_syntax_error_names_its_usual_cause_on_its_own_line(text, line, col, words):
    [found] = problems(text)
    assert (found.line, found.col) == (line, col) and words in found.message


def test_text_made_a_field_by_a_colon_says_so():
    [found] = problems("文种: 通报\n标题: x\n正文:\n  - 这是一段话: 中间有英文冒号\n")
    assert found.line == 4 and "英文冒号加空格使它变成了字段“这是一段话”" in found.message
