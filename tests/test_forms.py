"""The forms of issue 11 — a report read at a meeting (会议报告), a bulletin with an issue number (简报), the
副标题 of any genre, em-dash lists — as printed by both writers, refused when misused, read back by import;
and the shape: a form is one record in forms.py, one template and one scaffold."""
from __future__ import annotations

import re
import textwrap

import docx
import pytest
import yaml

from reportgen import compose, forms, schema, starter, style
from reportgen.errors import InputError
from reportgen.importer import import_file
from reportgen.lint import fix_text, lint_text
from reportgen.loader import load_text
from reportgen.model import ZH
from tests.conftest import ROOT
from tests.measure import PT, Measured, coverage, docx_text, pdf_text
from tests.test_elements import build, rules

P = style.PAGE
LEFT, RIGHT, CENTRE = P.left.mm, P.left.mm + P.text_width.mm, P.left.mm + P.text_width.mm / 2
ADDRESS, BULLETIN, PLAN = "sample-audit-address", "sample-supervision-bulletin", "sample-audit-rectification-plan"
REFERENCES = ROOT / "tests" / "data" / "reference"
DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")


def load(text: str):
    return load_text(textwrap.dedent(text), "t.yaml")


def refusals(text: str) -> list[tuple[str, str]]:
    with pytest.raises(InputError) as caught:
        load(text)
    return [(p.path, p.message) for p in caught.value.problems]


def measured(built, office_pdfs, sample: str, renderer: int) -> Measured:
    return Measured((built, office_pdfs)[renderer] / f"{sample}.pdf")


def centred(line) -> bool:
    return (line.left + line.right) / 2 == pytest.approx(CENTRE, abs=0.8)


def test_a_form_is_one_record_one_template_and_one_scaffold():
    for form in forms.FORMS:
        assert (compose.TEMPLATES / form.template).is_file(), form.template
        assert (starter.SCAFFOLDS / form.scaffold).is_file(), form.scaffold
        kind = forms.KIND_WORDS[form.word]
        assert kind.form is form and forms.KIND_WORDS[form.english] is kind
        assert all(forms.KIND_WORDS[alias] is kind for alias in form.aliases)
        assert form.word in forms.kind_list()
    owners = [name for form in forms.FORMS for name in form.own]
    assert len(owners) == len(set(owners)), "a field is one form's own"


# 会议报告 ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("renderer", [0, 1], ids=["pdf", "office"])
def test_address_prints_subtitle_speaker_and_salutation_and_no_signature(built, office_pdfs, renderer):
    pdf = measured(built, office_pdfs, ADDRESS, renderer)
    page = pdf.pages[0]
    title = [ln for ln in page if abs(ln.size - 22) < 0.3]
    assert "".join(ln.text for ln in title) == "关于2024年度××区本级预算执行和其他财政收支审计查出问题整改情况的报告"
    after = page[page.index(title[-1]) + 1:]
    subtitle, speaker, salutation = after[:2], after[2], after[3]
    assert "".join(ln.text for ln in subtitle) == "——2025年6月24日在××区第八届人民代表大会常务委员会第三十九次会议上"
    for line in (*subtitle, speaker):
        assert line.size == pytest.approx(16, abs=0.3) and centred(line)
        assert all("Kai" in font for font in line.fonts), "副标题 and 报告人 in 楷体"
    assert subtitle[0].baseline - title[-1].baseline < 1.2 * P.line_pitch.mm, \
        "the 副标题 stands right under the title, no blank line between"
    assert speaker.text == "××区审计局局长×××"
    assert salutation.text == "主任、各位副主任、秘书长、各位委员："
    assert salutation.left == pytest.approx(LEFT, abs=0.3), "the 称呼 flush left"
    assert salutation.baseline - speaker.baseline == pytest.approx(2 * P.line_pitch.mm, abs=0.6), "a blank line"
    assert all("Fang" in font for font in salutation.fonts)
    last = [ln for ln in pdf.pages[-1] if ln.baseline < 262]
    assert last[-1].text.endswith("推动全区经济社会高质量发展。"), "no 署名, no 成文日期, no 版记 after the text"
    assert not any(DATE.match(ln.text) for page in pdf.pages for ln in page)


def test_address_refuses_what_it_does_not_print():
    found = refusals("""\
        文种: 会议报告
        标题: 关于审计查出问题整改情况的报告
        报告人: 副市长　×××
        主送机关: 市人大常委会
        成文日期: 2025-06-24
        正文: [报告如下。]
        """)
    [(path, message)] = found
    assert path == "to" and "主送机关" in message and "成文日期" in message and "副标题" in message


def test_address_composes_its_title_as_a_report_and_closes_its_salutation():
    doc = load("文种: 讲话\n事由: 审计查出问题整改情况\n称呼: 各位委员\n正文: [现在报告。]\n")
    assert doc.kind is forms.Kind.ADDRESS and doc.full_title == "关于审计查出问题整改情况的报告"
    assert compose.page(doc).salutation == "各位委员："
    markup = compose.html(doc)
    assert '<p class="salutation">各位委员：</p>' in markup and 'class="signature"' not in markup


# 简报 ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("renderer", [0, 1], ids=["pdf", "office"])
def test_bulletin_head_name_issue_office_date_and_red_rule(built, office_pdfs, renderer):
    pdf = measured(built, office_pdfs, BULLETIN, renderer)
    page = pdf.pages[0]
    name = next(ln for ln in page if pdf.is_red(ln))
    assert name.text == "督查通报" and centred(name)
    issue = page[page.index(name) + 1]
    assert issue.text == "第17期" and centred(issue)
    name_bottom, issue_top = name.baseline + 0.14 * name.size * PT, issue.baseline - 0.86 * issue.size * PT
    assert issue_top - name_bottom > 0.9 * P.line_pitch.mm, "a blank line under the red name"
    office = page[page.index(issue) + 1]
    assert office.text == "××市人民政府督查室2025年7月15日"
    assert office.baseline - issue.baseline == pytest.approx(P.line_pitch.mm, abs=0.6)
    assert office.left == pytest.approx(LEFT, abs=0.3), "the compiling office flush left"
    assert office.right == pytest.approx(RIGHT, abs=1.5), "its date flush right"
    red = [r for r in rules(pdf.pdf.stream.name, 1) if r[3][:3] == pytest.approx((1, 0, 0), abs=0.01)]
    assert red and red[0][2] == pytest.approx(P.text_width.mm, abs=0.5), "the red rule spans the 版心"
    assert office.baseline < red[0][0] < pdf.title_baseline
    body = next(ln for ln in page if ln.text.startswith("为推动"))
    on_grid = (body.baseline - P.top.mm) / P.line_pitch.mm % 1
    assert on_grid == pytest.approx(0.71, abs=0.1), "under the head, the body's first line stands on the 版心's grid"


@pytest.mark.parametrize("renderer", [0, 1], ids=["pdf", "office"])
def test_bulletin_ends_with_bao_song_fa_between_rules_on_its_last_page(built, office_pdfs, renderer):
    pdf = measured(built, office_pdfs, BULLETIN, renderer)
    last = len(pdf.pages)
    assert last % 2 == 1, "the sample ends on an odd page: a 简报's lines stay on it"
    lines = [ln for ln in pdf.pages[-1] if ln.text[:2] in ("报：", "送：", "发：")]
    assert [ln.text for ln in lines] == ["报：市委、市人大常委会、市政协主要领导，市政府领导。", "送：市委办公室，市纪委监委。",
                                         "发：各区县人民政府，市政府各部门。"]
    for line in lines:
        assert line.size == pytest.approx(14, abs=0.3), "四号"
        assert line.left == pytest.approx(LEFT + style.IMPRINT.side.mm, abs=0.5)
    black = [r for r in rules(pdf.pdf.stream.name, last) if r[2] == pytest.approx(P.text_width.mm, abs=0.5)
             and not r[3][:3] == pytest.approx((1, 0, 0), abs=0.01)]
    edges = sorted({r[0] for r in black} | {r[1] for r in black})  # a rule, or a bordered box's top and bottom
    bounds = [lines[0].baseline - P.line_pitch.mm, *(ln.baseline for ln in lines), lines[-1].baseline + 5]
    assert all(any(a < edge < b for edge in edges) for a, b in zip(bounds, bounds[1:])), \
        "a rule above, between and under the lines"


def test_bulletin_issue_number_is_its_own_field_and_refused_as_a_doc_number():
    base = ("文种: 简报\n简报名称: 督查通报\n发文机关: 市政府督查室\n成文日期: 2025-07-15\n"
            "标题: 关于重点工作的督查通报\n正文: [通报如下。]\n")
    for written, printed in ((17, "第17期"), ("第十七期", "第17期"), ("2025年第三期", "2025年第3期"),
                             ("第 17 期（总第二百三十五期）", "第17期（总第235期）")):
        assert load(base + f"期号: {written}\n").issue_no == printed
    [(path, message)] = refusals(base.replace("发文机关: 市政府督查室\n成文日期: 2025-07-15\n", ""))
    assert all(word in message for word in ("期号", "发文机关", "成文日期")), "the head cannot print without them"
    for wrong in ("0", "-1", "1.5", "第0期"):
        [(path, message)] = refusals(base + f"期号: {wrong}\n")
        assert path == "issue_no" and "期号" in message and "17" in message, message
    base += "期号: 17\n"
    [(path, message)] = refusals(base + "发文字号: ×办〔2025〕1号\n")
    assert path == "doc_number" and "简报" in message, "one reason, not a second one asking for a 版头"
    [(path, message)] = refusals(base + "发文字号: 督察通报第十七期\n")
    assert path == "doc_number" and "期号" in message and "简报" in message
    [(path, message)] = refusals(base.replace("简报名称: 督查通报\n", ""))
    assert "简报名称" in message
    found = dict(refusals(base + "抄送: 市委办公室\n来源: 市政府网站\n"))
    assert "报、送、发" in found["cc"] and "只用于信息" in found["source"], "nothing vanishes silently"


def test_lint_says_when_a_long_name_would_shrink_below_the_title():
    head = "文种: 简报\n期号: 1\n发文机关: 办公室\n成文日期: 2025-07-15\n标题: 测试\n正文: [正文。]\n"
    long = "中共××市委全面深化改革委员会办公室关于重点改革任务推进情况的督查工作简报"
    [finding] = [f for f in lint_text(head + f"简报名称: {long}\n", "t.yaml") if f.rule == "标志"]
    assert long in finding.message and "简称" in finding.message
    assert not [f for f in lint_text(head + "简报名称: 督查通报\n", "t.yaml") if f.rule == "标志"]


def test_lint_writes_the_issue_number_in_figures_and_drops_typed_dashes():
    text = textwrap.dedent("""\
        文种: 简报
        简报名称: 督查通报
        期号: 第十七期
        发文机关: 市政府督查室
        成文日期: 2025-07-15
        标题: 关于重点工作的督查通报
        正文:
          - {文本: 坚持以下原则：, 列举方式: 破折号, 列举: [——坚持问题导向。]}
        """)
    found = {(f.rule, f.message) for f in lint_text(text, "t.yaml")}
    assert any(rule == "期号" and "第17期" in message for rule, message in found), found
    assert any(rule == "序号" and "——" in message for rule, message in found), found
    fixed = fix_text(text, "t.yaml")
    assert "期号: 第17期" in fixed and "[坚持问题导向。]" in fixed


# 副标题 for any genre ------------------------------------------------------------------------------------------


def test_a_subtitle_is_kept_out_of_the_title_s_shape():
    title = "关于2025年第三季度市委巡察反馈意见整改落实进展情况和下一步工作打算的报告"
    plain = compose.page(load(f"文种: 汇报\n标题: {title}\n正文: [汇报如下。]\n"))
    with_subtitle = compose.page(load(f"文种: 汇报\n标题: {title}\n副标题: （2025年第3季度）\n正文: [汇报如下。]\n"))
    assert with_subtitle.title_lines == plain.title_lines and len(plain.title_lines) == 2
    assert with_subtitle.subtitle_lines == ["（2025年第3季度）"]
    markup = compose.html(load(f"文种: 通报\n标题: {title}\n副标题: ——关于巡察整改的情况通报\n正文: [通报如下。]\n"))
    assert '</h1>\n<p class="second-title">——关于巡察整改的情况通报</p>' in markup


def test_a_report_with_a_subtitle_in_both_writers(tmp_path):
    text = textwrap.dedent("""\
        文种: 汇报
        标题: 关于巡察整改进展情况的汇报
        副标题: （2025年第3季度）
        成文日期: 2025-10-08
        正文: [现将整改进展情况汇报如下。]
        """)
    for pdf in build(tmp_path, text, "subtitled"):
        page = pdf.pages[0]
        title = next(ln for ln in page if abs(ln.size - 22) < 0.3)
        subtitle = page[page.index(title) + 1]
        assert subtitle.text == "（2025年第3季度）" and centred(subtitle)
        assert all("Kai" in font for font in subtitle.fonts)
        assert subtitle.baseline - title.baseline < 1.2 * P.line_pitch.mm, "no blank line between"
        date = page[page.index(subtitle) + 1]
        assert date.text == "（2025年10月8日）", "a 汇报's date under its 副标题"
        text_line = next(ln for ln in page if ln.text.startswith("现将"))
        assert text_line.baseline - date.baseline == pytest.approx(2 * P.line_pitch.mm, abs=0.6)


# 列举 ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("renderer", [0, 1], ids=["pdf", "office"])
def test_em_dash_items_are_paragraphs_indented_two_characters(built, office_pdfs, renderer):
    pdf = measured(built, office_pdfs, PLAN, renderer)
    items = [ln for ln in pdf.lines(size=16) if ln.text.startswith("——")]
    assert len(items) >= 3
    for line in items:
        assert line.left == pytest.approx(LEFT + 2 * P.char_pitch.mm, abs=0.6)
    assert {ln.text[:8] for ln in items} >= {"——坚持问题导向", "——坚持标本兼治"}


def test_a_lone_item_prints_as_written_in_both_styles():
    doc = load("""\
        文种: 方案
        标题: t
        正文:
          - {文本: 目标是：, 列举: [按期完成整改]}
          - {文本: 原则：, 列举方式: 破折号, 列举: [依法依规，]}
        """)
    body = compose.page(doc).body
    assert [(item.mark, item.text) for para in body for item in para.items] == [("", "按期完成整改"),
                                                                                  ("——", "依法依规，")]


# import --------------------------------------------------------------------------------------------------------

ADDRESS_TEXT = """\
关于2024年度××区本级预算执行和其他财政收支
审计查出问题整改情况的报告
——2025年6月24日在××区第八届人民代表大会常务委员会
第三十九次会议上
××区审计局局长　×××

主任、各位副主任、秘书长、各位委员：
我受区人民政府委托，向区人大常委会报告审计查出问题的整改情况，请予审议。
一、整改工作部署推进情况
区政府坚持以下原则：
——坚持问题导向、全面整改。
——坚持标本兼治、长效常治。
二、下一步工作安排
下一步，区政府将持续抓好审计查出问题整改工作。
"""
BULLETIN_TEXT = """\
督查通报
第十七期
××市人民政府督查室　　　　　　2025年7月15日

关于上半年全市重点工作推进情况的督查通报
为推动重点工作落地见效，开展了专项督查。现将有关情况通报如下。
一、总体情况
各地各部门认真落实市政府部署要求，重点工作总体推进有序。

报：市委、市人大常委会主要领导，市政府领导。
送：市委办公室。
发：各区县人民政府，市政府各部门。
"""


def imported(tmp_path, name: str, text: str) -> dict:
    source = tmp_path / f"{name}.txt"
    source.write_text(text, encoding="utf-8")
    result = import_file(source, tmp_path / f"{name}.yaml")
    assert result.problems == [], result.problems
    load_text(result.text, f"{name}.yaml")  # it validates
    return yaml.safe_load(result.text)


def test_import_reads_subtitle_speaker_salutation_and_em_dash_lists(tmp_path):
    doc = imported(tmp_path, "address", ADDRESS_TEXT)
    assert doc["文种"] == "会议报告"
    assert doc["标题"] == "关于2024年度××区本级预算执行和其他财政收支审计查出问题整改情况的报告", "nothing glued in"
    assert doc["副标题"] == "——2025年6月24日在××区第八届人民代表大会常务委员会第三十九次会议上"
    assert doc["报告人"] == "××区审计局局长\u3000×××"
    assert doc["称呼"] == "主任、各位副主任、秘书长、各位委员："
    assert "主送机关" not in doc
    principles = doc["正文"][1]["正文"][0]
    assert principles == {"文本": "区政府坚持以下原则：", "列举方式": "破折号",
                          "列举": ["坚持问题导向、全面整改。", "坚持标本兼治、长效常治。"]}


def test_import_reads_a_bulletin_head_and_its_bao_song_fa(tmp_path):
    doc = imported(tmp_path, "bulletin", BULLETIN_TEXT)
    assert (doc["文种"], doc["简报名称"], doc["期号"], doc["发文机关"], doc["成文日期"]) == (
        "简报", "督查通报", "第17期", "××市人民政府督查室", "2025年7月15日")
    assert doc["标题"] == "关于上半年全市重点工作推进情况的督查通报"
    assert doc["报"] == ["市委、市人大常委会主要领导", "市政府领导"]
    assert doc["送"] == ["市委办公室"] and doc["发"] == ["各区县人民政府", "市政府各部门"]
    one_line = imported(tmp_path, "one-line", BULLETIN_TEXT.replace("督查通报\n第十七期\n", "督察通报第十七期\n"))
    assert (one_line["简报名称"], one_line["期号"]) == ("督察通报", "第17期"), "not lost as a 发文字号"


def test_import_reads_a_subtitle_under_any_title(tmp_path):
    doc = imported(tmp_path, "report", "关于巡察整改进展情况的报告\n（2025年第3季度）\n市委巡察工作领导小组：\n"
                                       "现将整改进展情况报告如下：\n一、总体情况\n整改工作总体推进有序。\n××市数据局党组\n2025年10月8日\n")
    assert (doc["文种"], doc["标题"], doc["副标题"], doc["主送机关"]) == (
        "报告", "关于巡察整改进展情况的报告", "（2025年第3季度）", "市委巡察工作领导小组")


# the samples ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("reference", sorted(REFERENCES.glob("*.txt")), ids=lambda p: p.stem)
def test_samples_print_their_reference_text(reference, built):
    text = reference.read_text(encoding="utf-8")
    assert coverage(pdf_text(built / f"{reference.stem}.pdf"), text) >= 0.995
    assert coverage(docx_text(docx.Document(str(built / f"{reference.stem}.docx"))), text) >= 0.995


def test_the_schema_names_the_new_fields_in_both_languages():
    document = schema.document_schema()["$defs"]
    fields = document["Document"]["properties"]
    for english in ("subtitle", "speaker", "salutation", "bulletin_name", "issue_no", "reported_to", "sent_to",
                    "distributed_to"):
        assert english in fields and ZH[english] in fields
        assert fields[ZH[english]]["title"] == f"{ZH[english]}（{english}）"
    assert {"破折号", "dash"} <= set(document["Paragraph"]["properties"]["列举方式"]["enum"])
    assert {"会议报告", "address", "简报", "bulletin", "讲话"} <= set(document["Kind"]["enum"])
