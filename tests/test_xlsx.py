"""The 整改台账 in Excel: an office's workbook imported cell for cell, our workbook written from the HTML
intermediate (laid out by LibreOffice Calc and measured), the round trip, and hostile workbooks refused."""
from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import zipfile

import openpyxl
import pdfplumber
import pytest
import yaml

from reportgen import style
from reportgen.import_xlsx import import_workbook
from reportgen.lint import lint_text
from reportgen.loader import load_text
from reportgen.model import Kind, Ledger
from reportgen.pipeline import Builder
from tests.conftest import INPUTS, ROOT, office_convert
from tests.measure import Measured
from tests.test_cli import run

CALC_PDF = "pdf:calc_pdf_Export"
TITLE = "××市××局巡察反馈问题整改台账"
# As an office sends it: a title and a 截至 line, a category row across the table and one numbered in the
# 序号 column, problems and a 责任领导 merged over rows, a 备注 column, a note under the table; a second sheet
# with a 类别 column, a problem repeated then left blank, deadlines typed as text.
OFFICE = INPUTS / "excel" / "巡察整改台账（单位报送）.xlsx"
HEAD_ROWS = {"总表": 3, "专项整改": 1}


@pytest.fixture()
def office(tmp_path):
    path = tmp_path / "office.xlsx"
    path.write_bytes(OFFICE.read_bytes())
    return path


def imported(path, out, kind=None) -> tuple[str, dict, list[str]]:
    text, problems, told = import_workbook(path, out, kind)
    assert problems == [], problems
    out.write_text(text, encoding="utf-8")
    return text, yaml.safe_load(text), told


def cells(path) -> dict:
    """Every sheet's cell texts and merged ranges."""
    book = openpyxl.load_workbook(path)
    return {ws.title: ({c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None},
                       sorted(map(str, ws.merged_cells.ranges))) for ws in book.worksheets}


def test_an_office_workbook_imports_cell_for_cell(office, tmp_path):
    text, ledger, told = imported(office, tmp_path / "台账.yaml")
    categories = ledger["类别"]
    assert [c["名称"] for c in categories] == ["政治建设方面", "队伍建设方面", "作风建设方面"]
    politics, team, style_ = categories
    assert [p["文本"] for p in politics["问题"]] == ["学习贯彻党的创新理论不够深入。", "议事决策制度执行不严格。",
                                                    "意识形态责任制落实有差距。"]  # the second sheet's row joins its category
    first, second = politics["问题"][0]["整改措施"]
    assert first == {"文本": "修订党组理论学习中心组学习制度。", "责任领导": "王××", "责任单位": "办公室",
                     "完成时限": dt.date(2025, 7, 31), "进展": "已完成"}
    assert second == {"文本": "建立学习情况季度通报机制。", "责任领导": "王××", "责任单位": "办公室、人事处",
                      "完成时限": "长期坚持", "进展": "长期坚持"}, "the merged 责任领导 answers both rows"
    assert [m["文本"] for m in team["问题"][0]["整改措施"]] == ["制定年度干部教育培训计划。", "举办数据治理专题培训班。",
                                                            "建立培训效果评估制度。"]
    assert [m["进展"] for m in team["问题"][0]["整改措施"]] == ["阶段性成果", "推进中", "未启动"]
    # The second sheet: a category column, the problem repeated then left blank, dates typed as text.
    (problem,) = style_["问题"]
    assert problem["文本"] == "会议文件多、督查检查多。"
    assert [(m["文本"], m["责任单位"], m["完成时限"]) for m in problem["整改措施"]] == [
        ("精简会议文件。", "办公室", dt.date(2025, 10, 31)), ("统筹督查检查事项。", "办公室", dt.date(2025, 11, 30)),
        ("建立基层减负监测点。", "财务审计处", "2025年12月底前")]
    assert politics["问题"][2]["整改措施"][0]["完成时限"] == dt.date(2025, 9, 1)
    # What the ledger has no field for stays beside its measure, and the editor is told what was not placed.
    assert "# 备注：每季度通报一次" in text and "# 完成情况（原表）：已完成。已印发《党组工作规则》" in text
    assert any("A13“制表人：张××" in line for line in told)
    assert f"# 原表表头上方：{TITLE}" in text
    assert not [f for f in lint_text(text) if f.fix], "the output has gone through lint --fix"


def test_no_cell_vanishes(office, tmp_path):
    """Each cell of the workbook (but 序号 and the head rows) is in the YAML, white space aside: a value, or
    a comment."""
    text, _, _ = imported(office, tmp_path / "台账.yaml")
    text = re.sub(r"\s", "", text)
    for ws in openpyxl.load_workbook(office).worksheets:
        for cell in (c for row in ws.iter_rows() for c in row if c.value is not None):
            value = cell.value
            if cell.row == HEAD_ROWS[ws.title] or cell.column == 1 and not isinstance(value, str):
                continue
            if isinstance(value, dt.datetime):
                value = value.date().isoformat()
            elif m := re.fullmatch(r"(\d{4})[./](\d{1,2})[./](\d{1,2})|(\d{4})年(\d{1,2})月(\d{1,2})日", value):
                value = dt.date(*map(int, filter(None, m.groups()))).isoformat()
            value = re.sub(r"^[一二三四五六七八九十]+、|\s", "", value)
            if value != "二":  # a 序号 numeral opening a category row
                assert value in text, (ws.title, cell.coordinate, value)


def test_a_ledger_file_is_the_inline_ledger(office, tmp_path):
    """The contract with ledger files: the top level is what 整改台账: holds in a document."""
    text, ledger, _ = imported(office, tmp_path / "台账.yaml")
    assert not text.startswith("# yaml-language-server"), "the document schema does not describe ledger files"
    Ledger.model_validate(ledger)
    inline = "文种: 台账\n标题: 整改台账\n正文:\n  - 插入: 整改台账\n整改台账:\n" + re.sub(r"(?m)^", "  ", text)
    doc = load_text(inline, "inline.yaml")
    assert len(doc.ledger.all_measures()) == 10


def test_our_workbook_comes_back_cell_for_cell(tmp_path):
    """xlsx → YAML → xlsx: every cell of every sheet (the sheets per 责任单位 too), and the merged ranges."""
    first = Builder(tmp_path / "first", ("xlsx",), force=True, by_unit=True).build(INPUTS / "sample-ledger.yaml")
    assert first.ok, first.problems
    workbook = first.outputs[1]
    _, doc, _ = imported(workbook, tmp_path / "back.yaml", Kind.LEDGER)
    assert doc["标题"] == "中共××市数据局党组巡察整改台账" and doc["成文日期"] == dt.date(2025, 9, 5)
    again = Builder(tmp_path / "again", ("xlsx",), force=True, by_unit=True).build(tmp_path / "back.yaml")
    assert again.ok, again.problems
    assert cells(again.outputs[1]) == cells(workbook)


def test_an_office_workbook_round_trips_through_ours(office, tmp_path):
    _, ledger, _ = imported(office, tmp_path / "one.yaml", Kind.LEDGER)
    built = Builder(tmp_path / "out", ("xlsx",), force=True).build(tmp_path / "one.yaml")
    assert built.ok, built.problems
    _, back, _ = imported(built.outputs[1], tmp_path / "two.yaml", Kind.LEDGER)
    assert back["整改台账"] == ledger["整改台账"]


def test_the_workbook_is_set_up_for_print_and_screen(tmp_path):
    built = Builder(tmp_path, ("xlsx",), force=True, by_unit=True).build(INPUTS / "sample-ledger.yaml")
    book = openpyxl.load_workbook(built.outputs[1])
    ws = book.worksheets[0]
    assert ws.title == "整改台账"
    assert [ws.cell(3, c).value for c in range(1, 8)] == [c.heading for c in style.TABLE.columns["ledger_table"]]
    assert ws["A1"].value == "中共××市数据局党组巡察整改台账" and ws["A2"].value == "（截至2025年9月5日）"
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
    assert ws.print_title_rows == "$3:$3" and ws.freeze_panes == "A4"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert "B5:B6" in map(str, ws.merged_cells.ranges), "a problem merged over the rows of its measures"
    assert "A4:G4" in map(str, ws.merged_cells.ranges), "a category's row spans the table"
    assert ws["A3"].font.name == style.HEI.official and ws["C5"].font.name == style.FANGSONG.official
    assert ws["A1"].font.name == style.XIAOBIAOSONG.official
    assert ws["C5"].alignment.wrap_text and ws["C5"].border.left.style == "thin"
    widths = [ws.column_dimensions[chr(65 + c)].width for c in range(7)]
    assert sum(widths) * 7 * 25.4 / 96 == pytest.approx(style.WORKBOOK.width.mm, abs=0.5)
    assert min(widths[1], widths[2]) > widths[4] > widths[0], "text columns wide, short ones as their content"
    assert [s.title for s in book.worksheets[1:]] == ["办公室", "数据资源处", "信息中心", "机关党委", "财务审计处", "人事处"]
    unit = book["信息中心"]  # its measures (of two units each) under their categories, numbered as in the whole
    rows = [(unit.cell(r, 1).value, unit.cell(r, 3).value) for r in range(4, unit.max_row + 1)]
    assert rows == [("一、贯彻落实党中央决策部署和市委工作要求方面", None), ("5", "上线公共数据开放平台二期，新增开放数据集。"),
                    ("二、落实全面从严治党责任方面", None), ("10", "建立项目验收专家库，重大项目验收实行专家评审。")]
    assert unit["A2"].value == "责任单位：信息中心\u3000（截至2025年9月5日）"
    same = Builder(tmp_path / "again", ("xlsx",), force=True, by_unit=True).build(INPUTS / "sample-ledger.yaml")
    assert same.outputs[1].read_bytes() == built.outputs[1].read_bytes(), "reproducible"


def long_ledger(tmp_path) -> tuple:
    measures = []
    categories = []
    for c in range(4):
        problems = []
        for p in range(5):
            ms = [{"文本": f"第{c + 1}类第{p + 1}个问题的第{m + 1}项措施：建立健全长效机制，压实责任，逐项对账销号。",
                   "责任领导": "王××", "责任单位": "办公室", "完成时限": "2025-12-31", "进展": "推进中"} for m in range(3)]
            measures += [m["文本"] for m in ms]
            problems.append({"文本": f"第{c + 1}类第{p + 1}个问题：制度执行不够严格，监督检查不够到位。", "整改措施": ms})
        categories.append({"名称": f"第{c + 1}类问题方面", "问题": problems})
    source = tmp_path / "long.yaml"
    source.write_text(yaml.safe_dump({"文种": "台账", "标题": "整改台账", "成文日期": "2025-09-05",
                                      "正文": [{"插入": "整改台账"}], "整改台账": {"类别": categories}},
                                     allow_unicode=True), encoding="utf-8")
    return source, measures


def test_calc_prints_it_landscape_with_the_head_row_on_every_page(tmp_path):
    source, measures = long_ledger(tmp_path)
    built = Builder(tmp_path / "out", ("xlsx",), force=True).build(source)
    assert built.ok, built.problems
    office_convert([built.outputs[1]], tmp_path / "calc", tmp_path / "profile", CALC_PDF)
    pdf = tmp_path / "calc" / "long.pdf"
    measured = Measured(pdf)
    pages = measured.pages
    assert len(pages) >= 3
    head = [c.heading for c in style.TABLE.columns["ledger_table"]]
    for number, lines in enumerate(pages, 1):
        assert measured.is_landscape(number)
        top = next(line for line in lines if "序号" in line.text)
        assert all(word in top.text for word in head), (number, top.text)
        assert lines.index(top) <= 2, "the head row comes first on every page (the title rows on page 1 above it)"
        assert any("FandolHei" in font for font in top.fonts), top.fonts  # 黑体
    body = next(line for line in pages[0] if "第1类第1个问题的" in line.text)
    assert any("FandolFang" in font for font in body.fonts), body.fonts  # 仿宋_GB2312
    printed = column_text(pdf, "整改措施")
    assert all(m in printed for m in measures), "every measure printed whole, in its column"


def column_text(path, heading: str) -> str:
    """The text printed in one column of a table, page after page: the characters between the rules on either
    side of its heading, line by line."""
    out = ""
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            words = page.search(heading)
            middle = (words[0]["x0"] + words[0]["x1"]) / 2
            rules = [e["x0"] for e in page.edges if e["orientation"] == "v"]
            left, right = max(x for x in rules if x < middle), min(x for x in rules if x > middle)
            chars = [c for c in page.chars if left < c["x0"] < right and c["top"] > words[0]["bottom"]]
            out += "".join(c["text"] for c in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])))
    return out.replace(" ", "")


def test_a_document_without_the_ledger_table_is_told_so(tmp_path):
    done = run("build", INPUTS / "seed-003-ideology-inspection-report.yaml", "--format", "xlsx", "--out", tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "文中没有整改台账表格" in done.stderr and "插入: 整改台账" in done.stderr
    assert not list(tmp_path.glob("*.xlsx"))
    assert run("build", INPUTS / "sample-ledger.yaml", "--format", "xls", "--out", tmp_path).returncode == 2
    assert run("build", INPUTS / "sample-ledger.yaml", "--by-unit", "--out", tmp_path).returncode == 2, "xlsx only"


def test_an_office_template_that_writes_another_table_is_told_so(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    blocks = templates / "_blocks.html.j2"
    blocks.write_text(re.sub(r' data-width-mm="[^"]*"', "", blocks.read_text(encoding="utf-8")), encoding="utf-8")
    done = run("build", INPUTS / "sample-ledger.yaml", "--format", "xlsx", "--templates", templates, "--out", tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "缺少 data-width-mm" in done.stderr, "the intermediate's reader names the attribute the template left out"


def test_cli_import_of_a_workbook(office, tmp_path):
    out = tmp_path / "台账.yaml"
    done = run("import", office, "-o", out, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "制表人" in done.stderr, "what was not placed is said on the terminal too"
    assert "这是台账文件" in done.stdout and "整改台账: 台账.yaml" in done.stdout
    assert run("import", office, "-o", out, cwd=tmp_path).returncode == 1, "refuses to overwrite"
    assert run("import", office, "-o", out, "--force", cwd=tmp_path).returncode == 0
    assert run("import", office, "-o", tmp_path / "x.yaml", "--kind", "报告", cwd=tmp_path).returncode == 2
    as_document = run("import", office, "-o", tmp_path / "doc.yaml", "--kind", "台账", cwd=tmp_path)
    assert as_document.returncode == 0, as_document.stderr
    assert run("validate", tmp_path / "doc.yaml", cwd=tmp_path).returncode == 0


def test_an_unknown_progress_word_is_kept_told_and_located(tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "学习方面"
    ws.append(["问题", "整改措施", "进展"])
    ws.append(["学习不深入。", "修订学习制度。", "按计划推进，已完成60%"])
    ws.append(["学习不深入。", "建立通报机制。", "已完成"])
    book.save(tmp_path / "x.xlsx")
    text, problems, told = import_workbook(tmp_path / "x.xlsx", tmp_path / "x.yaml")
    assert "      # 进展（原表）：按计划推进，已完成60%\n" in text
    assert any("C2 的“按计划推进，已完成60%”认不出是哪种进展" in line for line in told)
    assert yaml.safe_load(text)["类别"][0]["名称"] == "学习方面", "a sheet's name names its category"
    (problem,) = problems  # one measure with a 进展 and one without: the statistics would be wrong
    assert (problem.line, problem.col) == (text.splitlines().index("    - 文本: 修订学习制度。") + 1, 7)
    assert "进展" in problem.message


def test_heads_and_cells_as_offices_type_them(tmp_path):
    """Heads over two rows or broken with Alt+Enter, a 配合单位 column, units on lines of their own, a cell
    holding only spaces, a deadline as a date serial in a General cell."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Sheet1"
    ws.append(["存在问题", "整改措施及完成情况", "责任", None, "完成\n时限", "配合单位"])
    ws.append([None, None, "责任领导", "责任单位", None, None])
    ws.append(["学习不深入。", "修订学习制度。", "王××", "办公室\n人事处", 45930, "机关党委"])
    ws.append(["学习不深入。", "建立通报机制。", " ", "办公室", "长期坚持", None])
    ws.merge_cells("C1:D1")
    book.save(tmp_path / "x.xlsx")
    text, problems, told = import_workbook(tmp_path / "x.xlsx", tmp_path / "x.yaml")
    assert problems == [], problems
    (category,) = yaml.safe_load(text)["类别"]
    assert category["名称"] == "（未分类）" and any("（未分类）" in line for line in told)
    first, second = category["问题"][0]["整改措施"]
    assert first == {"文本": "修订学习制度。", "责任领导": "王××", "责任单位": "办公室、人事处",
                     "完成时限": dt.date(2025, 9, 30)}
    assert second == {"文本": "建立通报机制。", "责任单位": "办公室", "完成时限": "长期坚持"}
    assert "# 配合单位：机关党委" in text
    assert "原表表头上方" not in text, "the head's first row is the head, not a title"


# ---- hostile workbooks ------------------------------------------------------------------------------------


def tampered(path, parts: dict[str, bytes]) -> bytes:
    """The workbook at ``path`` with some parts replaced or added."""
    out = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            target.writestr(name, parts.pop(name, None) or source.read(name))
        for name, data in parts.items():
            target.writestr(name, data)
    return out.getvalue()


SHEET = "xl/worksheets/sheet1.xml"
XMLNS = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
ENTITIES = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i else "&lol;" * 10}">' for i in range(9)) + "]>")


def _rows(n: int, cells: int = 1) -> bytes:
    rows = "".join(f'<row r="{r}">' + "".join(f'<c r="{chr(65 + c)}{r}"><v>{r}</v></c>' for c in range(cells))
                   + "</row>" for r in range(1, n + 1))
    return f"{XMLNS}<sheetData>{rows}</sheetData></worksheet>".encode()


HOSTILE = {
    "zip-bomb": (lambda p: tampered(p, {"xl/media/image1.bin": b"\0" * 5_000_000}), "压缩炸弹"),
    "merged-everything": (lambda p: tampered(p, {SHEET: (XMLNS + '<sheetData/><mergeCells count="1"><mergeCell '
                                                         'ref="A1:XFD1048576"/></mergeCells></worksheet>').encode()}),
                          "合并单元格"),
    "too-many-cells": (lambda p: tampered(p, {SHEET: _rows(105_000, 5)}), "单元格"),
    "too-many-rows": (lambda p: tampered(p, {SHEET: _rows(25_000)}), "行的上限"),
    "row-past-excel": (lambda p: tampered(p, {SHEET: (XMLNS + '<sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
                                                      '<row r="2000000"><c r="A2000000"><v>1</v></c></row>'
                                                      '</sheetData></worksheet>').encode()}), "1048576 行"),
    "entity-bomb": (lambda p: tampered(p, {SHEET: (ENTITIES + XMLNS + '<sheetData><row r="1"><c r="A1" '
                                                   't="inlineStr"><is><t>&lol8;</t></is></c></row></sheetData>'
                                                   '</worksheet>').encode()}), "无法读取"),
    "parts-missing": (lambda p: tampered(p, {}) and _only_content_types(p), "无法读取"),
    "xls": (lambda p: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, ".xls"),
    "not-a-zip": (lambda p: b"PK but not really a workbook", "不是 .xlsx"),
}


def _only_content_types(path) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as target:
        target.writestr("[Content_Types].xml", source.read("[Content_Types].xml"))
    return out.getvalue()


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_workbook_is_refused_with_a_message(case, office, tmp_path):
    make, said = HOSTILE[case]
    bad = tmp_path / f"{case}.xlsx"
    bad.write_bytes(make(office))
    done = run("import", bad, "-o", tmp_path / "out.yaml", cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert f"{case}.xlsx:1:1" in done.stderr and said in done.stderr, done.stderr
    assert not (tmp_path / "out.yaml").exists()
