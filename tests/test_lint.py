"""reportgen lint: house writing rules, each with its exact fix, and fixes that leave everything else alone."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from reportgen.lint import apply, fix_file, lint_text
from tests.conftest import INPUTS, ROOT
from tests.test_cli import run

HEAD = "文种: 通报\n标题: 关于整改情况的通报\n主送机关: 各处室\n成文日期: 2025-09-05\n"


def fixed(text: str) -> str:
    """The text after every round of fixes (as `lint --fix` writes it)."""
    for _ in range(5):
        text, before = apply(text, lint_text(text)), text
        if text == before:
            break
    return text


def rules(text: str) -> list[str]:
    return [f.rule for f in lint_text(text)]


def test_the_inputs_follow_the_house_rules():
    for source in sorted(INPUTS.rglob("*.yaml")):  # the cycle's documents and ledger files too
        assert lint_text(source.read_text(encoding="utf-8"), str(source), source.parent) == [], source


def test_a_ledger_file_is_linted_and_its_remarks_are_prose():
    text = "类别:\n  - 名称: 甲\n    问题:\n      - 文本: 乙\n        整改措施:\n          - 文本: 丙\n" \
           "            进展记录: [{日期: 2025-07-01, 进展: 推进中, 说明: '已完成初稿,正在征求意见'}]\n"
    assert rules(text) == ["标点"]


def test_half_width_punctuation_and_parentheses_in_chinese_become_full_width():
    text = HEAD + "正文:\n  - 按照要求(见附件),我们进行了整改:一是立行立改;二是建章立制!\n"
    assert rules(text) == ["标点"]
    assert "按照要求（见附件），我们进行了整改：一是立行立改；二是建章立制！" in fixed(text)


def test_ascii_in_codes_and_english_is_left_alone():
    text = HEAD + "正文:\n  - 升级到 Python 3.11 (LTS), see https://example.org:8080/a?b=1.\n"
    assert rules(text) == []


def test_straight_quotes_become_chinese_quotes_even_inside_escaped_strings():
    text = HEAD + '正文:\n  - 整治"四风"问题\n  - "坚持\\"两个确立\\"不动摇"\n'
    assert rules(text) == ["引号", "引号"]
    out = fixed(text)
    assert "整治“四风”问题" in out and yaml.safe_load(out)["正文"][1] == "坚持“两个确立”不动摇"


def test_unpaired_chinese_quotes_are_reported_without_a_guess():
    findings = lint_text(HEAD + "正文:\n  - 整治“四风问题\n")
    assert [(f.rule, f.fix) for f in findings] == [("引号", None)]


def test_document_numbers_dates_and_years_follow_gbt_9704():
    text = HEAD.replace("文种: 通报\n", "文种: 通报\n版头:\n  发文机关标志: ×局文件\n发文字号: ×局发[2024]第05号\n") \
        + "正文:\n  - 截至二〇二四年06月05日，已全部完成。\n"
    out = fixed(text)
    assert "发文字号: ×局发〔2024〕5号" in out
    assert "截至2024年6月5日，已全部完成。" in out


def test_typed_numbering_is_removed_because_the_renderer_numbers():
    text = HEAD + "正文:\n  - 标题: 一、总体情况\n    正文:\n      - \"（二）工作措施\"\n      - 三是 建立机制。\n"
    assert rules(text) == ["序号", "序号", "序号"]
    data = yaml.safe_load(fixed(text))
    assert data["正文"][0]["标题"] == "总体情况"
    assert data["正文"][0]["正文"] == ["工作措施", "建立机制。"]


def test_a_field_typed_with_a_full_width_colon_becomes_a_field():
    text = HEAD + "正文:\n  - 内容。\n署名：×局\n"
    assert rules(text) == ["冒号"]  # it explains the syntax error, which is not repeated
    assert yaml.safe_load(fixed(text))["署名"] == "×局"


def test_byte_order_mark_is_dropped():
    assert fixed("\ufeff" + HEAD) == HEAD


def test_a_section_with_only_a_title_is_reported():
    findings = lint_text(HEAD + "正文:\n  - 标题: 总体情况\n  - 标题: 下步打算\n    正文:\n      - 继续推进。\n")
    assert [(f.rule, f.line, f.path) for f in findings] == [("空节", 6, "body[0]")]


def test_a_comment_silences_one_rule_on_its_line():
    text = HEAD + "正文:\n  - 标题: 总体情况  # lint: ignore[空节]\n  - 标题: 下步  # lint: ignore\n"
    assert lint_text(text) == []
    assert rules(HEAD + "正文:\n  - 标题: 一、总体情况  # lint: ignore[空节]\n") == ["序号"]


def test_a_typed_percentage_that_the_ledger_contradicts_is_reported():
    source = INPUTS / "sample-data-bureau-inspection-report.yaml"
    text = source.read_text(encoding="utf-8").replace("占{已完成占比}", "占99%")
    findings = lint_text(text, base=INPUTS)
    assert [f.rule for f in findings] == ["数字"] and "99%" in findings[0].message
    assert "{已完成占比}" in findings[0].message
    unrelated = source.read_text(encoding="utf-8").replace("截至8月31日，{类别总数}个方面", "全国90%的地市设有机构。截至8月31日，{类别总数}个方面")
    assert lint_text(unrelated, base=INPUTS) == []
    target = source.read_text(encoding="utf-8").replace("截至8月31日，{类别总数}个方面", "全年目标完成率达到95%。截至8月31日，{类别总数}个方面")
    assert lint_text(target, base=INPUTS) == []


def test_a_report_without_signer_date_or_document_number_is_reported_on_its_kind_line():
    undated = HEAD.replace("通报", "报告").replace("成文日期: 2025-09-05\n", "")
    findings = lint_text(undated + "正文:\n  - 内容。\n")
    assert [(f.rule, f.line) for f in findings] == [("签发人", 1), ("成文日期", 1)]
    headed = HEAD + "版头:\n  发文机关标志: ×局文件\n正文:\n  - 内容。\n"
    assert [f.rule for f in lint_text(headed)] == ["发文字号"]


def test_text_made_a_field_by_a_colon_and_space_becomes_text_again():
    text = HEAD + "正文:\n  - 情况如下: 一是完成了整改。\n"
    assert rules(text) == ["冒号"]
    assert yaml.safe_load(fixed(text))["正文"] == ["情况如下：一是完成了整改。"]


def test_a_key_without_its_space_gets_it():
    assert yaml.safe_load(fixed(HEAD + "署名:×局\n"))["署名"] == "×局"


def test_a_gbk_file_is_explained_not_a_traceback(tmp_path):
    source = tmp_path / "old.yaml"
    source.write_bytes((HEAD + "正文:\n  - 内容。\n").encode("gb18030"))
    done = run("lint", "--fix", "--check", source)
    assert done.returncode == 1 and "GBK" in done.stderr and "Traceback" not in done.stderr


def test_a_measure_written_twice_is_reported_where_it_repeats():
    source = INPUTS / "sample-ledger.yaml"
    measure = "将数据目录更新情况纳入部门年度考核。"
    text = source.read_text(encoding="utf-8").replace("上线公共数据开放平台二期，新增开放数据集。", measure)
    findings = lint_text(text, base=INPUTS)
    lines = [n for n, line in enumerate(text.splitlines(), 1) if line.endswith(f"- 文本: {measure}")]
    assert [(f.rule, f.line) for f in findings] == [("重复", lines[1])]
    assert f"第 {lines[0]} 行" in findings[0].message


def test_fixing_keeps_comments_layout_and_unrelated_text_byte_for_byte(tmp_path):
    text = ("# 说明：本文件由办公室维护\n" + HEAD +
            "正文:   # 正文\n  - |\n    第一段(草稿),保留换行\n    第二行不动。\n  - '单引号里(也改)'\n"
            "  - >-\n    折叠\n    文字\n")
    source = tmp_path / "doc.yaml"
    source.write_text(text, encoding="utf-8")
    findings, changed = fix_file(source)
    assert changed and findings == []
    out = source.read_text(encoding="utf-8")
    assert out == text.replace("第一段(草稿),保留换行", "第一段（草稿），保留换行").replace("单引号里(也改)", "单引号里（也改）")


CHUNKS = st.sampled_from(["整改", "问题", "(", ")", ",", ":", ";", '"', "'", "一、", "（1）", "2024", "06", "月",
                          "日", "年", "二〇二四", " ", "#", "\\", "%", "完成", "{x}", "a", "。"])


@settings(max_examples=150, deadline=None)
@given(values=st.lists(st.lists(CHUNKS, min_size=1, max_size=12).map("".join), min_size=1, max_size=4),
       style=st.sampled_from(["plain", "double", "single", "literal"]))
def test_fixes_change_only_words_and_settle(values, style):
    def emit(value: str) -> str:
        if style == "literal":
            return "|\n    " + value.strip()
        return yaml.safe_dump(value, allow_unicode=True, default_style={"plain": None, "double": '"',
                                                                         "single": "'"}[style], width=10**6).split("\n...")[0].strip()

    text = HEAD + "正文:\n" + "".join(f"  - {emit(v)}\n" for v in values)
    try:
        before = yaml.safe_load(text)
    except yaml.YAMLError:
        return  # a value plain YAML cannot hold this way is not a document
    out = fixed(text)
    after = yaml.safe_load(out)
    assert len(after["正文"]) == len(before["正文"]) and all(isinstance(v, str) for v in after["正文"])
    assert fixed(out) == out


def test_cli_lint_reports_with_positions_and_fix_writes(tmp_path):
    source = tmp_path / "doc.yaml"
    source.write_text(HEAD + "正文:\n  - 按照要求(见附件),进行了整改。\n", encoding="utf-8")
    advice = run("lint", source)
    assert advice.returncode == 0 and "[标点]" in advice.stderr  # for an editor, findings are advice
    checked = run("lint", "--check", source)
    assert checked.returncode == 1 and "Traceback" not in checked.stderr
    assert f"{source}:6:5  body[0]  [标点]" in checked.stderr and "lint --fix" in checked.stderr
    fixing = run("lint", "--fix", "--check", source)
    assert fixing.returncode == 1 and "已改正" in fixing.stdout  # changed: the commit is stopped for review
    assert "按照要求（见附件），进行了整改。" in source.read_text(encoding="utf-8")
    assert run("lint", "--fix", "--check", source).returncode == 0


def test_cli_lint_on_a_broken_file_names_the_line_in_chinese(tmp_path):
    source = tmp_path / "doc.yaml"
    source.write_text(HEAD + "正文:\n  - 内容\n 署名 ×局\n", encoding="utf-8")
    done = run("lint", "--check", source)
    assert done.returncode == 1 and "Traceback" not in done.stderr and "[语法]" in done.stderr


def test_the_pre_commit_hooks_install_and_run_from_this_repository(tmp_path):
    """pre-commit builds its own environment from this repository (from PyPI) and runs both hooks."""
    office = tmp_path / "office"
    (office / "inputs").mkdir(parents=True)
    (office / "inputs" / "notice.yaml").write_text(HEAD + "正文:\n  - 按照要求(见附件),进行了整改。\n", encoding="utf-8")
    (office / "inputs" / "broken.yaml").write_text(HEAD + "正文: 12\n", encoding="utf-8")
    (office / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")  # not a document: not checked
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    git = ["git", "-c", "user.email=ci@example.org", "-c", "user.name=ci"]
    subprocess.run([*git, "init", "-q"], cwd=office, check=True)
    subprocess.run([*git, "add", "."], cwd=office, check=True)

    def hook(name: str, *files: str):
        return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), name, "--files", *files],
                              cwd=office, capture_output=True, text=True, env=env, timeout=900)

    linted = hook("reportgen-lint", "inputs/notice.yaml")
    assert linted.returncode == 1 and "files were modified by this hook" in linted.stdout, linted.stdout
    assert "按照要求（见附件），进行了整改。" in (office / "inputs" / "notice.yaml").read_text(encoding="utf-8")
    validated = hook("reportgen-validate", "inputs/notice.yaml", "inputs/broken.yaml", "mkdocs.yml")
    assert validated.returncode == 1 and "mkdocs.yml" not in validated.stdout
    assert "broken.yaml:5:5" in validated.stdout and "notice.yaml: 没有问题" in validated.stdout


@pytest.mark.parametrize("body", [
    "  - 问题：部分干部作风不实。\n",                       # a field name in prose, with a full-width colon
    "  - 经研究决定，现将\n    附件：名单印发给你们。\n",        # … on a continuation line
    "  - |\n    标题：这是一段引文。\n",                        # … inside a block
    "  - 一、二季度，全市完成投资增长。\n",                     # 一、二 is a range, not numbering
    "  - （2025）年度工作安排如下。\n",                         # a year in brackets
])
def test_text_that_only_looks_like_a_mistake_is_left_alone(body):
    text = HEAD + "正文:\n" + body
    assert lint_text(text) == [] and fixed(text) == text


def test_an_anchor_before_an_escaped_string_survives_its_fix():
    text = HEAD.replace("标题: 关于整改情况的通报\n", '标题: &t "关于甲,乙的\\t通报"\n') + "正文:\n  - *t\n"
    out = fixed(text)
    assert '&t "关于甲，乙的\\t通报"' in out and yaml.safe_load(out)["正文"] == ["关于甲，乙的\t通报"]


@pytest.mark.parametrize("text", [
    HEAD + "正文:\n  - 测试\x07标题\n",                          # a control character
    HEAD + "正文: " + "[" * 3000 + "]" * 3000 + "\n",          # nesting too deep
    HEAD + "附注: &a [*a]\n",                                  # an alias of itself
    "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(f"{c}: &{c} [{','.join(['*' + p] * 9)}]\n"
                                              for p, c in zip("abcdefgh", "bcdefghi")),  # an alias bomb
])
def test_hostile_files_end_in_one_clean_finding(text):
    findings = lint_text(text)
    assert [f.rule for f in findings] == ["语法"]


def test_a_merge_key_has_no_kind_line_of_its_own():
    text = "<<: {文种: 报告, 成文日期: 2025-09-05}\n标题: 关于整改情况的报告\n正文:\n  - 内容。\n"
    assert [f.rule for f in lint_text(text)] == ["签发人"]


def test_a_date_in_chinese_numerals_becomes_arabic_whole():
    assert "2025年9月23日至2025年10月" in fixed(HEAD + "正文:\n  - 二〇二五年九月二十三日至二〇二五年十月，完成。\n")


def test_windows_line_endings_stay_as_they_were(tmp_path):
    source = tmp_path / "doc.yaml"
    source.write_bytes((HEAD + "正文:\n  - 按照要求(见附件)。\n").replace("\n", "\r\n").encode())
    fix_file(source)
    assert source.read_bytes() == (HEAD + "正文:\n  - 按照要求（见附件）。\n").replace("\n", "\r\n").encode()
