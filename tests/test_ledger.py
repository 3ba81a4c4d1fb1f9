"""Ledger files, progress over time and the rules about them: each case through the loader, located."""
from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from reportgen import compose, progress, rules, stats
from reportgen.errors import InputError
from reportgen.loader import load, load_text
from reportgen.model import Measure, Status
from tests.conftest import INPUTS

D = dt.date


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


LEDGER = """\
    反馈机关: 市委第一巡察组
    反馈日期: 2025-06-01
    类别:
      - 名称: 甲方面
        问题:
          - 文本: 问题一
            整改措施:
              - 文本: 措施一
                责任单位: 办公室
                完成时限: 2025-07-31
                进展记录:
                  - {日期: 2025-07-01, 进展: 推进中, 说明: 已起草。}
                  - {日期: 2025-08-20, 进展: 已完成, 说明: 已印发。}
              - 文本: 措施二
                责任单位: 财务处、办公室
                完成时限: 长期坚持
                进展: 长期坚持
"""
DOCUMENT = """\
    文种: 通报
    标题: 测试
    成文日期: 2025-09-01
    截至: {as_of}
    正文:
      - "截至{{截至}}，{{措施总数}}项已完成{{已完成}}项，逾期{{逾期未完成}}项，办公室{{办公室的措施总数}}项。"
      - 插入: 整改情况
    整改台账: 台账/甲.yaml
"""


def cycle(tmp_path: Path, as_of: str = "2025-08-10", ledger: str = LEDGER) -> Path:
    write(tmp_path, "台账/甲.yaml", ledger)
    return write(tmp_path, "doc.yaml", DOCUMENT.format(as_of=as_of))


def problems(path: Path) -> list:
    with pytest.raises(InputError) as caught:
        load(path)
    return caught.value.problems


@pytest.mark.parametrize("as_of, told", [
    ("2025-06-20", "截至2025年6月20日，2项已完成0项，逾期0项，办公室2项。"),  # before the first entry: 未启动
    ("2025-08-10", "截至2025年8月10日，2项已完成0项，逾期1项，办公室2项。"),  # 推进中, past its 完成时限
    ("2025-08-20", "截至2025年8月20日，2项已完成1项，逾期0项，办公室2项。"),  # done that day
])
def test_a_document_tells_the_ledger_as_of_its_date(tmp_path, as_of, told):
    doc = load(cycle(tmp_path, as_of))
    assert stats.filled(doc).body[0] == told


def test_the_narrative_says_what_was_last_done_as_of_its_date(tmp_path):
    early = compose.html(load(cycle(tmp_path, "2025-08-10")))
    late = compose.html(load(cycle(tmp_path, "2025-08-31")))
    assert "措施一。已起草。" in early and "已印发" not in early
    assert "措施一。已印发。" in late


def test_status_over_time():
    measure = Measure.model_validate({"text": "甲", "history": [{"dated": D(2025, 7, 1), "status": "推进中"}],
                                      "completed": D(2025, 8, 1)})
    assert progress.status_at(measure, D(2025, 6, 30)) is Status.NOT_STARTED
    assert progress.status_at(measure, D(2025, 7, 31)) is Status.IN_PROGRESS
    assert progress.status_at(measure, D(2025, 8, 1)) is Status.DONE, "完成日期 stands in for the 已完成 entry"
    assert progress.completed_on(measure, D(2025, 9, 1)) == D(2025, 8, 1)
    timeless = Measure.model_validate({"text": "乙", "status": "推进中"})
    assert progress.status_at(timeless, D(2020, 1, 1)) is Status.IN_PROGRESS


def test_an_inline_ledger_moved_into_a_file_gives_the_same_document(tmp_path):
    text = (INPUTS / "sample-ledger.yaml").read_text(encoding="utf-8")
    head, _, ledger = text.partition("整改台账:\n")
    write(tmp_path, "台账/数据局.yaml", textwrap.dedent(ledger))
    moved = write(tmp_path, "moved.yaml", head + "整改台账: 台账/数据局.yaml\n")
    assert compose.html(load(moved)) == compose.html(load(INPUTS / "sample-ledger.yaml"))


def test_several_files_merge_category_by_category(tmp_path):
    write(tmp_path, "台账/甲.yaml", LEDGER)
    write(tmp_path, "台账/乙.yaml", """\
        类别:
          - 名称: 乙方面
            问题: [{文本: 问题三, 整改措施: [{文本: 措施四, 进展: 推进中}]}]
          - 名称: 甲方面
            问题: [{文本: 问题二, 整改措施: [{文本: 措施三, 进展: 已完成}]}]
        """)
    doc = load(write(tmp_path, "doc.yaml", DOCUMENT.format(as_of="2025-08-31").replace(
        "整改台账: 台账/甲.yaml", "整改台账: [台账/甲.yaml, 台账/乙.yaml]")))
    assert [c.name for c in doc.ledger.categories] == ["甲方面", "乙方面"]
    assert [p.text for p in doc.ledger.categories[0].problems] == ["问题一", "问题二"]
    assert stats.figures(doc)["已完成"] == "2" and stats.figures(doc)["类别1的措施总数"] == "3"


def test_a_mistake_in_a_ledger_file_is_located_in_that_file(tmp_path):
    bad = LEDGER.replace("- {日期: 2025-08-20, 进展: 已完成", "- {日期: 2025-06-20, 进展: 已完城")
    found = problems(cycle(tmp_path, ledger=bad))
    assert [(Path(p.file).name, p.line, p.path) for p in found] == [
        ("甲.yaml", 13, "categories[0].problems[0].measures[0].history[1].status")]
    assert "是不是想写“已完成”" in found[0].message


def test_a_history_that_goes_back_in_time_is_refused_in_the_ledger_file(tmp_path):
    found = problems(cycle(tmp_path, ledger=LEDGER.replace("2025-08-20", "2025-06-20")))
    assert [(Path(p.file).name, p.line, p.col) for p in found] == [("甲.yaml", 13, 22)]
    assert "倒退" in found[0].message and "2025年6月20日" in found[0].message


@pytest.mark.parametrize("change, words", [
    # a measure shown as done (a timeless 进展) whose 完成日期 is after the document's 截至
    (("进展: 长期坚持\n", "进展: 已完成\n                完成日期: 2025-08-15\n"), ["晚于截至日期2025年8月10日"]),
    (("                进展: 长期坚持\n", "                进展: 长期坚持\n                进展记录: [{日期: 2025-07-01, 进展: 推进中}]\n"),
     ["不再写 status"]),
    (("进展: 长期坚持\n", "进展: 推进中\n                完成日期: 2025-07-15\n"), ["进展应为“已完成”"]),
    (("{日期: 2025-07-01, 进展: 推进中", "{日期: 2025-05-01, 进展: 推进中"), ["早于反馈日期"]),
])
def test_histories_and_dates_that_contradict_are_refused(tmp_path, change, words):
    found = problems(cycle(tmp_path, ledger=LEDGER.replace(*change)))
    assert all(Path(p.file).name == "甲.yaml" for p in found)
    assert all(any(w in p.message for p in found) for w in words), found


@pytest.mark.parametrize("change, field, words", [
    ("截至: 2025-08-10\n", "as_of", "截至: 2025-09-10\n"),
    ("截至: 2025-08-10\n", "previous_as_of", "截至: 2025-08-10\n上期截至: 2025-08-10\n"),
    ("截至: 2025-08-10\n", "as_of", "截至: 2025-05-10\n"),
])
def test_document_dates_that_contradict_are_refused(tmp_path, change, field, words):
    path = cycle(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace(change, words), encoding="utf-8")
    assert [p.path for p in problems(path)] == [field]


def test_this_period_needs_a_previous_date(tmp_path):
    path = cycle(tmp_path, "2025-08-31")
    text = path.read_text(encoding="utf-8").replace("逾期{逾期未完成}项", "本期完成{本期完成}项")
    path.write_text(text, encoding="utf-8")
    [problem] = problems(path)
    assert "上期截至" in problem.message and problem.path == "body[0]"
    path.write_text(text.replace("截至: 2025-08-31\n", "截至: 2025-08-31\n上期截至: 2025-08-10\n"), encoding="utf-8")
    assert "本期完成1项" in stats.filled(load(path)).body[0]


def test_duplicates_across_merged_files_name_both_places(tmp_path):
    write(tmp_path, "台账/甲.yaml", LEDGER)
    write(tmp_path, "台账/乙.yaml", "反馈机关: 市委第二巡察组\n类别:\n  - 名称: 甲方面\n    问题:\n"
                                   "      - 文本: 问题一\n        整改措施: [{文本: 措施五, 进展: 推进中}]\n")
    path = write(tmp_path, "doc.yaml", DOCUMENT.format(as_of="2025-08-10").replace(
        "台账/甲.yaml", "[台账/甲.yaml, 台账/乙.yaml]"))
    found = {(Path(p.file).name, p.line): p.message for p in problems(path)}
    assert "台账/甲.yaml:6:13" in found[("乙.yaml", 5)] and "已经写过" in found[("乙.yaml", 5)]
    assert "与 " in found[("乙.yaml", 1)] and "市委第一巡察组" in found[("乙.yaml", 1)]


@pytest.mark.parametrize("name, words", [
    ("../台账.yaml", "文件夹"), ("/etc/passwd", "文件夹"), ("https://example.org/a.yaml", "网址"), ("台账/无.yaml", "找不到"),
])
def test_ledger_files_are_confined_to_the_documents_folder(tmp_path, name, words):
    folder = tmp_path / "docs"
    write(tmp_path, "台账.yaml", LEDGER)
    path = write(folder, "doc.yaml", DOCUMENT.format(as_of="2025-08-10").replace("台账/甲.yaml", f'"{name}"'))
    [problem] = problems(path)
    assert words in problem.message and problem.path == "ledger" and problem.line == 8


def test_a_ledger_file_is_no_document(tmp_path):
    ledger = write(tmp_path, "台账/甲.yaml", LEDGER)
    [problem] = problems(ledger)
    assert "整改台账文件" in problem.message


def test_placeholders_by_unit_and_by_category(tmp_path):
    figures = stats.figures(load(cycle(tmp_path, "2025-08-31")))
    assert (figures["办公室的措施总数"], figures["财务处的措施总数"], figures["办公室的已完成"]) == ("2", "1", "1")
    assert figures["甲方面的已完成占比"] == figures["类别1的已完成占比"] == "50%"
    assert figures["反馈机关"] == "市委第一巡察组" and figures["反馈日期"] == "2025年6月1日"


def test_overdue_and_completed_lists(tmp_path):
    path = cycle(tmp_path, "2025-08-10")
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  - 插入: 整改情况\n", "  - 插入: 整改情况\n  - 插入: 逾期未完成事项\n  - 插入: 本期完成事项\n").replace(
        "截至: 2025-08-10\n", "截至: 2025-08-10\n上期截至: 2025-07-01\n"), encoding="utf-8")
    html = compose.html(load(path))
    assert 'kind-overdue' in html and "2025年7月31日" in html
    assert "2025年7月1日以来，没有新完成的整改措施。" in html
    path.write_text(path.read_text(encoding="utf-8").replace("截至: 2025-08-10", "截至: 2025-08-31"), encoding="utf-8")
    html = compose.html(load(path))
    assert "截至2025年8月31日，没有逾期未完成的整改措施。" in html and "kind-completed_list" in html
    assert "2025年8月20日" in html


def test_a_subject_beside_a_title_is_refused():
    with pytest.raises(InputError) as caught:
        load_text("文种: 报告\n标题: 甲\n事由: 乙\n正文: [丙]\n", "t.yaml")
    [problem] = caught.value.problems
    assert (problem.line, problem.path) == (3, "subject") and "不会印出" in problem.message


def test_ledger_fields_printed_nowhere_are_named_in_a_warning():
    text = ("文种: 报告\n标题: 甲\n正文: [{插入: 整改情况}]\n整改台账:\n  类别:\n    - 名称: 乙\n      问题:\n"
            "        - {文本: 丙, 整改措施: [{文本: 丁, 责任领导: 王, 责任单位: 办公室, 完成时限: 2025-07-01}]}\n")
    [warning] = load_text(text, "t.yaml")._loaded.warnings
    assert (warning.line, warning.path) == (5, "ledger")
    assert all(f in warning.message for f in ("责任领导", "责任单位", "完成时限"))
    with_list = text.replace("正文: [{插入: 整改情况}]", "正文: [{插入: 整改情况}, {插入: 责任清单}]")
    [warning] = load_text(with_list, "t.yaml")._loaded.warnings
    assert "完成时限" in warning.message and "责任领导" not in warning.message
    assert not load_text(with_list.replace(", 完成时限: 2025-07-01", ""), "t.yaml")._loaded.warnings


def test_documents_sharing_a_ledger_agree_on_the_figures_they_declare(tmp_path):
    first = cycle(tmp_path)
    first.write_text(first.read_text(encoding="utf-8") + "统计:\n  数据: {会议次数: 6}\n", encoding="utf-8")
    second = write(tmp_path, "other.yaml", first.read_text(encoding="utf-8").replace("会议次数: 6", "会议次数: 7"))
    errors, _ = rules.across([load(first), load(second)])
    assert {Path(p.file).name for p in errors} == {"doc.yaml", "other.yaml"}
    assert all("6" in p.message and "7" in p.message for p in errors)
