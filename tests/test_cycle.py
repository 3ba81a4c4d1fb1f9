"""The sample 整改 cycle: five documents around one ledger kept in two units' files, built for real and read
back from the PDFs; a change to one 进展记录 entry rebuilds the documents that use it, with new figures."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reportgen.discover import sources
from reportgen.pipeline import Builder, run
from tests.conftest import INPUTS, ROOT
from tests.measure import pdf_text as pdf_pages_text

CYCLE = INPUTS / "cycle-2025-巡察"
DOCUMENTS = ["1-整改方案", "2-整改进展情况报告", "3-整改台账", "3-整改情况报告", "3-整改情况通报"]
# What each document must say, at its own 截至 (8月10日 for the progress report, 9月20日 for month 3).
STATED = {
    "1-整改方案": ["对照反馈的3个方面7个问题，制定整改措施11项", "办公室牵头7项，运输管理处牵头5项",
                "确保2025年9月20日前全面完成整改任务"],
    "2-整改进展情况报告": ["截至2025年8月10日，11项整改措施中，已完成3项，占27.3%；取得阶段性成果1项，需长期坚持2项，"
                    "正在推进5项", "有1项措施已过完成时限", "办法修订稿已完成征求意见"],
    "3-整改台账": ["（截至2025年9月20日）"],
    "3-整改情况报告": ["截至2025年9月20日，已完成整改措施7项，占63.6%；取得阶段性成果2项，需长期坚持2项",
                  "办公室牵头的7项已完成4项，运输管理处牵头的5项已完成3项",
                  "上次报告（截至2025年8月10日）以来，新完成整改措施4项", "修订后的办法已印发实施"],
    "3-整改情况通报": ["截至2025年9月20日，已完成7项，占63.6%；取得阶段性成果2项"],
}


def pdf_text(path: Path) -> str:
    """The PDF's text with the page numbers taken out (a sentence may run across a page)."""
    return re.sub(r"— \d+ —", "", pdf_pages_text(path))


def build(folder: Path, out: Path) -> dict[str, bool]:
    """Builds the folder's documents as PDF; whether each was made (not skipped), by name."""
    outcomes = run(Builder(out, ("pdf",)), sources([folder]), jobs=1)
    assert all(o.ok for o in outcomes), [p for o in outcomes for p in o.problems]
    return {o.source.stem: not o.skipped for o in outcomes}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("cycle")
    build(CYCLE, out)
    return out


def test_the_cycle_is_found_in_its_folder_and_its_ledger_files_are_not_documents():
    found = sources([INPUTS])
    assert [p.stem for p in found if p.parent == CYCLE] == DOCUMENTS
    assert not [p for p in found if "台账" in p.parent.name]


def test_the_cycle_validates_and_its_documents_agree():
    done = subprocess.run([sys.executable, "-m", "reportgen", "validate", str(CYCLE)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert done.returncode == 0 and not done.stderr, done.stderr
    assert done.stdout.count("没有问题") == len(DOCUMENTS)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_document_states_the_figures_of_its_date(built, name):
    text = pdf_text(built / f"{name}.pdf")
    for stated in STATED[name]:
        assert stated in text, stated


def test_documents_as_of_one_day_agree_and_tell_the_ledger_as_it_stood(built):
    ledger = pdf_text(built / "3-整改台账.pdf")
    assert ledger.count("已完成") == 7, "seven measures done by 9月20日, as the report and the notice say"
    progress = pdf_text(built / "2-整改进展情况报告.pdf")
    assert "已印发实施" not in progress.split("二、")[1].split("三、")[0].replace("学习制度经党组会议审议通过，已印发实施", ""), \
        "the progress report tells no progress recorded after its 截至"


def test_a_changed_entry_rebuilds_the_documents_using_it_with_new_figures(tmp_path):
    folder = tmp_path / "cycle"
    shutil.copytree(CYCLE, folder)
    # a document using only the other unit's file: the change must leave it alone
    (folder / "4-运输管理处台账.yaml").write_text(
        "文种: 台账\n标题: 运输管理处整改台账\n成文日期: 2025-09-22\n截至: 2025-09-20\n正文:\n  - 插入: 整改台账\n"
        "整改台账: 台账/运输管理处.yaml\n", encoding="utf-8")
    out = tmp_path / "out"
    assert all(build(folder, out).values())

    office = folder / "台账" / "办公室.yaml"
    office.write_text(office.read_text(encoding="utf-8").replace(
        "{日期: 2025-09-10, 进展: 阶段性成果, 说明: 电子派车系统已试运行，10月底前全面启用。}",
        "{日期: 2025-09-10, 进展: 已完成, 说明: 电子派车系统已全面启用。}"), encoding="utf-8")
    made = build(folder, out)
    assert made == {**{name: True for name in DOCUMENTS}, "4-运输管理处台账": False}

    report = pdf_text(out / "3-整改情况报告.pdf")
    assert "已完成整改措施8项，占72.7%" in report and "新完成整改措施5项" in report
    assert "截至2025年9月20日，没有逾期未完成的整改措施。" in report
    assert "已完成8项，占72.7%" in pdf_text(out / "3-整改情况通报.pdf")
    assert "已完成3项，占27.3%" in pdf_text(out / "2-整改进展情况报告.pdf"), "August is unchanged"
    assert not any(build(folder, out).values()), "nothing changed since: nothing rebuilt"


def test_a_declared_total_that_disagrees_fails_naming_both_files(tmp_path):
    folder = tmp_path / "cycle"
    shutil.copytree(CYCLE, folder)
    notice = folder / "3-整改情况通报.yaml"
    notice.write_text(notice.read_text(encoding="utf-8") + "统计:\n  汇总: {已完成: 5}\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "reportgen", "build", str(notice), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 1
    [line] = [ln for ln in done.stderr.splitlines() if "统计.汇总" in ln]
    assert line.startswith(f"{notice}:") and "台账/办公室.yaml、台账/运输管理处.yaml" in line
    assert "截至2025年9月20日" in line and "“已完成”5 项" in line and "有 7 项" in line


def test_the_previous_date_is_found_beside_the_document(tmp_path):
    folder = tmp_path / "cycle"
    shutil.copytree(CYCLE, folder)
    report = folder / "3-整改情况报告.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("上期截至: 2025-08-10\n", ""), encoding="utf-8")
    out = tmp_path / "out"
    build(folder, out)
    assert "上次报告（截至2025年8月10日）以来，新完成整改措施4项" in pdf_text(out / "3-整改情况报告.pdf")
    progress = folder / "2-整改进展情况报告.yaml"
    progress.write_text(progress.read_text(encoding="utf-8").replace(
        "成文日期: 2025-08-15\n截至: 2025-08-10", "成文日期: 2025-08-22\n截至: 2025-08-21"),
                        encoding="utf-8")
    made = build(folder, out)
    assert made["3-整改情况报告"] and not made["3-整改台账"], "the report depends on the document it took its date from"
    assert "上次报告（截至2025年8月21日）以来，新完成整改措施3项" in pdf_text(out / "3-整改情况报告.pdf")


def test_new_writes_a_document_wired_to_the_ledger(tmp_path):
    for kind in ("方案", "台账", "通报", "报告"):
        done = subprocess.run([sys.executable, "-m", "reportgen", "new", kind, f"{kind}.yaml", "--ledger", "台账/台账.yaml"],
                              capture_output=True, text=True, cwd=tmp_path, timeout=60)
        assert done.returncode == 0, done.stderr
    assert "整改台账: 台账/台账.yaml" in (tmp_path / "报告.yaml").read_text(encoding="utf-8")
    assert (tmp_path / "台账" / "台账.yaml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../schema/reportgen-ledger.schema.json\n")
    built = build(tmp_path, tmp_path / "out")
    assert set(built) == {"方案", "台账", "通报", "报告"}
    assert "新完成1项" in pdf_text(tmp_path / "out" / "报告.pdf")

    folder = tmp_path / "existing"
    shutil.copytree(CYCLE, folder)
    done = subprocess.run([sys.executable, "-m", "reportgen", "new", "报告", "5-报告.yaml", "--ledger", "台账/办公室.yaml",
                           "--ledger", "台账/运输管理处.yaml"], capture_output=True, text=True, cwd=folder, timeout=60)
    assert done.returncode == 0, done.stderr
    text = (folder / "5-报告.yaml").read_text(encoding="utf-8")
    assert "截至: 2025-09-10\n" in text and "上期截至: 2025-06-20\n" in text, "dates from the ledger"
    done = subprocess.run([sys.executable, "-m", "reportgen", "validate", "5-报告.yaml"], capture_output=True,
                          text=True, cwd=folder, timeout=60)
    assert done.returncode == 0, done.stderr
    refused = subprocess.run([sys.executable, "-m", "reportgen", "new", "函", "x.yaml", "--ledger", "台账/办公室.yaml"],
                             capture_output=True, text=True, cwd=folder, timeout=60)
    assert refused.returncode == 2 and "--ledger 只用于" in refused.stderr
