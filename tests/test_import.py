"""reportgen import: old reports (text or DOCX) become YAML that validates and renders the same text."""
from __future__ import annotations

import re

import docx
import pytest
import yaml

from reportgen.importer import import_file
from reportgen.lint import lint_text
from reportgen.loader import load_text
from reportgen.pipeline import Builder
from tests.conftest import ROOT, SAMPLES
from tests.measure import coverage, docx_text
from tests.test_cli import run
from tests.measure import pdf_text

SEEDS = ROOT / "tests" / "data" / "import"


@pytest.fixture(scope="module")
def builder(tmp_path_factory):
    return Builder(tmp_path_factory.mktemp("out"), force=True)


def imported(source, tmp_path) -> tuple[str, dict]:
    out = tmp_path / f"{source.stem}.yaml"
    result = import_file(source, out)
    assert result.problems == [], result.problems
    out.write_text(result.text, encoding="utf-8")
    return result.text, yaml.safe_load(result.text)


@pytest.mark.parametrize("seed", ["seed-000", "seed-001", "seed-002", "seed-003", "seed-004"])
def test_each_seed_imports_validates_and_renders_its_text(seed, tmp_path, builder):
    reference = (SEEDS / f"{seed}.txt").read_text(encoding="utf-8")
    text, _ = imported(SEEDS / f"{seed}.txt", tmp_path)
    outcome = builder.build(tmp_path / f"{seed}.yaml")
    assert outcome.ok, outcome.problems
    html, pdf, docx_file = outcome.outputs
    assert coverage(pdf_text(pdf), reference) >= 0.98
    assert coverage(docx_text(docx.Document(str(docx_file))), reference) >= 0.98
    assert not [f for f in lint_text(text) if f.rule in ("序号", "标点", "引号")], "numbering is structure now"


def test_headings_enumerations_and_front_matter_become_fields(tmp_path):
    _, doc = imported(SEEDS / "seed-002.txt", tmp_path)
    assert doc["文种"] == "汇报" and doc["成文日期"] == "2016年11月21日"
    assert doc["标题"] == "关于中央、省委相关会议精神及我市贯彻落实意见的汇报"  # the stray space is gone
    first = doc["正文"][0]
    assert first["标题"] == "中央、省委相关会议精神" and first["正文"][0]["标题"] == "中央网络安全和信息化工作座谈会精神"
    _, article = imported(SEEDS / "seed-001.txt", tmp_path)
    assert (article["文种"], article["发布时间"], article["来源"], article["编辑"]) == (
        "信息", "2024年03月23日", "中国网信网", "索朗次仁")
    assert article["标题"] == "聚焦网信职责使命\u3000深化模范机关建设"


def test_problems_and_measures_become_the_ledger_told_in_place(tmp_path):
    _, doc = imported(SEEDS / "seed-003.txt", tmp_path)
    assert doc["主送机关"] == "网信办" and doc["文种"] == "报告"
    assert doc["正文"][2]["正文"] == [{"插入": "整改情况"}]
    categories = doc["整改台账"]["类别"]
    assert [c["名称"] for c in categories] == ["意识形态工作责任落实不够到位方面", "理论学习不够系统全面和及时有效方面",
                                             "防范化解意识形态领域风险能力有待提高"]
    assert [len(c["问题"]) for c in categories] == [2, 3, 1]
    assert categories[1]["问题"][1] == "未传达学习全国全区全市宣传部长会议精神。"
    assert all(len(c["整改措施"]) >= 2 for c in categories)
    assert doc["正文"][1]["正文"][0]["列举"][0].startswith("迅速安排部署")


def test_statistics_sentences_become_declared_counts_and_placeholders(tmp_path, builder):
    text, doc = imported(SEEDS / "seed-000.txt", tmp_path)
    assert doc["统计"] == {"汇总": {"已完成": 69, "阶段性成果": 31, "长期坚持": 7}}
    assert "《方案》中明确的{措施总数}项整改任务" in text and "共有{已完成}项，占全部整改任务的{已完成占比}" in text
    assert (doc["署名"], doc["成文日期"]) == ("中央网络安全和信息化领导小组办公室", "2017年8月30日")
    assert doc["正文"][-1].startswith("欢迎广大干部群众"), "the closing appeal belongs to the document, not to 四、"
    pdf = builder.build(tmp_path / "seed-000.yaml").outputs[1]
    assert "占全部整改任务的64.5%" in pdf_text(pdf)


def test_a_docx_with_bold_lead_sentences_and_broken_lines(tmp_path):
    source = docx.Document()
    for text in ("××局关于巡察整改情况的报告", "市委巡察办：", "一、总体情况"):
        source.add_paragraph(text)
    lead = source.add_paragraph()
    lead.add_run("加强组织领导。").bold = True
    lead.add_run("成立整改工作领导小组，一是定期调度；二是督促落实。")
    source.add_paragraph("（一）问题整改")
    source.add_paragraph("截至目前，各项整改任务按")  # a paragraph broken in two
    source.add_paragraph("计划推进。")
    source.add_paragraph("特此报告。")
    source.add_paragraph("××局")
    source.add_paragraph("2025年9月5日")
    source.add_paragraph("（联系人：张××，电话：12345678）")
    source.save(tmp_path / "old.docx")
    _, doc = imported(tmp_path / "old.docx", tmp_path)
    assert doc["标题"] == "××局关于巡察整改情况的报告" and doc["主送机关"] == "市委巡察办"
    section = doc["正文"][0]
    assert section["标题"] == "总体情况"
    assert section["正文"][0] == {"要点": "加强组织领导。", "文本": "成立整改工作领导小组，", "列举": ["定期调度；", "督促落实。"]}
    assert section["正文"][1] == {"标题": "问题整改", "正文": ["截至目前，各项整改任务按计划推进。"]}
    assert doc["正文"][-1] == "特此报告。"
    assert (doc["署名"], doc["成文日期"], doc["附注"]) == ("××局", "2025年9月5日", "联系人：张××，电话：12345678")


@pytest.mark.parametrize("sample", SAMPLES)
def test_our_own_docx_comes_back_field_by_field_with_the_same_text(sample, built, tmp_path):
    result = import_file(built / f"{sample}.docx", tmp_path / f"{sample}.yaml")
    assert result.problems == [] and result.changes == [], (result.problems, result.changes)
    (tmp_path / f"{sample}.yaml").write_text(result.text, encoding="utf-8")
    again = Builder(tmp_path / "out", formats=("docx",)).build(tmp_path / f"{sample}.yaml")
    assert again.ok, again.problems
    words = [re.sub(r"\s", "", docx_text(docx.Document(str(path)))) for path in (built / f"{sample}.docx", again.outputs[1])]
    assert words[0] == words[1]


def test_our_own_docx_keeps_its_fields_ledger_and_tables(built, tmp_path):
    _, report = imported(built / "sample-data-bureau-inspection-report.docx", tmp_path)
    assert (report["版头"]["份号"], report["发文字号"], report["签发人"]) == ("000128", "×数党〔2025〕12号", ["王××"])
    assert report["标题"] == "关于市委第三巡察组反馈意见整改情况的报告" and report["印章"] is True
    assert report["正文"][2]["正文"][1] == {"插入": "整改情况"}
    assert (report["抄送"], report["印发机关"]) == (["市纪委监委第三派驻纪检监察组", "市委组织部"], "××市数据局办公室")
    _, plan = imported(built / "sample-rectification-plan.docx", tmp_path)
    assert [a["正文"] for a in plan["附件"]] == [[{"插入": "问题清单"}], [{"插入": "任务清单"}], [{"插入": "责任清单"}]]
    measure = plan["整改台账"]["类别"][0]["问题"][0]["整改措施"][0]
    assert (measure["责任领导"], measure["责任单位"], measure["完成时限"]) == ("王××", "办公室", "2025年7月31日")
    _, ledger = imported(built / "sample-ledger.docx", tmp_path)
    assert ledger["正文"] == [{"插入": "整改台账"}] and ledger["成文日期"] == "2025年9月5日"


def test_a_gbk_text_file_from_windows(tmp_path):
    source = tmp_path / "old.txt"
    source.write_bytes("关于整改情况的通报\n各处室：\n一、总体情况\n按要求完成整改。\n".encode("gb18030"))
    text, doc = imported(source, tmp_path)
    assert doc["文种"] == "通报" and doc["正文"][0]["标题"] == "总体情况"
    load_text(text, "x.yaml")


def test_cli_import_writes_once_and_points_vs_code_at_the_schema(tmp_path):
    source = tmp_path / "old.txt"
    source.write_text("关于整改情况的通报\n各处室：\n按要求完成整改。\n", encoding="utf-8")
    done = run("import", source, "-o", tmp_path / "new.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    written = (tmp_path / "new.yaml").read_text(encoding="utf-8")
    assert written.startswith("# yaml-language-server: $schema=schema/reportgen.schema.json")
    assert (tmp_path / "schema" / "reportgen.schema.json").is_file()
    again = run("import", source, "-o", tmp_path / "new.yaml", cwd=tmp_path)
    assert again.returncode == 1 and "已存在" in again.stderr
    assert run("import", tmp_path / "old.doc", cwd=tmp_path).returncode == 2
    as_report = run("import", source, "-o", tmp_path / "r.yaml", "--kind", "报告", cwd=tmp_path)
    assert "文种: 报告" in (tmp_path / "r.yaml").read_text(encoding="utf-8"), as_report.stderr


def test_lines_that_only_look_like_structure_stay_text(tmp_path):
    source = tmp_path / "old.txt"
    source.write_text("关于整改情况的报告\n2025年9月5日\n主要做法如下：\n一、二季度，全市完成投资增长。\n"
                      "1.5万元资金已经到位。\n一、总体情况\n设立举报电话。\n欢迎群众监督。\n各单位要认真落实。\n"
                      "二、下步打算\n继续推进。\n特此报告\n", encoding="utf-8")
    _, doc = imported(source, tmp_path)
    assert doc["标题"] == "关于整改情况的报告" and doc["成文日期"] == "2025年9月5日" and "主送机关" not in doc
    assert doc["正文"][:3] == ["主要做法如下：", "一、二季度，全市完成投资增长。", "1.5万元资金已经到位。"]
    assert doc["正文"][3]["正文"] == ["设立举报电话。", "欢迎群众监督。", "各单位要认真落实。"]
    assert doc["正文"][-1] == "特此报告" and "署名" not in doc


def _docx_with_table(path, rows: list[tuple[str, ...]], span: bool = False):
    source = docx.Document()
    source.add_paragraph("关于整改情况的报告")
    source.add_paragraph("市委：")
    table = source.add_table(rows=len(rows), cols=len(rows[0]))
    for row, cells in zip(table.rows, rows):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    if span:  # a cell across two of three columns: no shape a 表格 prints
        table.rows[1].cells[0].merge(table.rows[1].cells[1])
    source.add_paragraph("特此报告。")
    source.save(path)


def test_a_docx_table_of_its_own_columns_comes_back_as_a_table(tmp_path):
    _docx_with_table(tmp_path / "old.docx", [("问题", "措施"), ("学习不深入", "修订学习制度")])
    text, doc = imported(tmp_path / "old.docx", tmp_path)
    assert {"表格": {"表头": ["问题", "措施"], "行": [["学习不深入", "修订学习制度"]]}} in doc["正文"]
    assert "没有转换" not in text


def test_a_docx_table_of_another_shape_is_kept_as_comments_for_the_editor(tmp_path):
    _docx_with_table(tmp_path / "old.docx", [("问题", "措施", "单位"), ("学习不深入", "", "办公室")], span=True)
    text, doc = imported(tmp_path / "old.docx", tmp_path)
    assert "# 原文第 1 个表格没有转换" in text and "#   学习不深入 | 办公室" in text
    assert "占位" not in text, "the title is the original's"


def test_an_enumeration_after_an_ellipsis_keeps_every_marker(tmp_path):
    source = tmp_path / "old.txt"
    source.write_text("关于整改情况的报告\n市委：\n一是加强学习……二是完善制度……\n特此报告。\n", encoding="utf-8")
    result = import_file(source, tmp_path / "new.yaml")
    assert yaml.safe_load(result.text)["正文"][0] == {"列举": ["加强学习……", "完善制度……"]}
    assert result.changes == []


def test_text_inside_a_content_control_or_a_revision_is_kept_and_deleted_text_is_not(tmp_path):
    from tests.hostile_files import docx as package, wrap

    body = (f'<w:sdt><w:sdtContent><w:p><w:r><w:t>关于整改情况的报告</w:t></w:r></w:p></w:sdtContent></w:sdt>'
            f'<w:p><w:r><w:t>市委：</w:t></w:r></w:p><w:p><w:ins><w:r><w:t>按要求</w:t></w:r></w:ins>'
            f'<w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del><w:hyperlink><w:r><w:t>完成整改。</w:t></w:r>'
            f'</w:hyperlink></w:p>')
    (tmp_path / "old.docx").write_bytes(package(wrap(body)))
    _, doc = imported(tmp_path / "old.docx", tmp_path)
    assert doc["标题"] == "关于整改情况的报告" and doc["正文"] == ["按要求完成整改。"]


def test_every_character_the_conversion_changes_is_named(tmp_path):
    source = tmp_path / "old.txt"
    source.write_text("聚焦网信职责使命\n发布时间:2024年3月23日 文章来源:中国网信网\n按要求,完成整改。\n", encoding="utf-8")
    result = import_file(source, tmp_path / "new.yaml")
    assert any("“文章”没有了" in change for change in result.changes), result.changes
    assert any("“,”改成了“，”" in change for change in result.changes), result.changes
    assert "# 转换改动了原文的以下文字" in result.text
    done = run("import", source, "-o", tmp_path / "cli.yaml", cwd=tmp_path)
    assert done.returncode == 0 and "注意：转换改动了原文的" in done.stderr


def test_the_text_check_aligns_what_it_can_and_pairs_the_rest_in_order():
    from reportgen.import_check import _differing

    assert list(_differing(["甲", "乙", "丙", "丁"], ["甲", "乙丙", "丁"])) == []  # joined, not changed
    assert list(_differing(["甲", "乙", "丁"], ["甲", "丙", "丁"])) == [("乙", "丙")]
    assert list(_differing(["甲", "乙"], ["甲", "乙", "丙"])) == [("", "丙")]
    # a file built to make difflib quadratic: 100,000 alternating paragraphs, each printed shifted by one
    pairs = list(_differing(["甲", "乙"] * 50_000, ["乙", "甲"] * 50_000))
    assert len(pairs) == 100_000 and pairs[0] == ("甲", "乙")
