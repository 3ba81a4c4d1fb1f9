"""The HTML intermediate: generated numbering, inline enumerations, the ledger narrative, golden files."""
from __future__ import annotations

import os
import textwrap
import xml.etree.ElementTree as ET

import pytest

from reportgen import compose, signing, style
from reportgen.loader import load, load_text
from tests.conftest import INPUTS, ROOT, SAMPLES

GOLDEN = ROOT / "tests" / "golden"


def html(yaml_text: str) -> str:
    return compose.html(load_text(textwrap.dedent(yaml_text), "t.yaml"))


def paragraphs(markup: str) -> list[tuple[str, str]]:
    body = ET.fromstring(markup).find("body")
    return [(el.get("class"), "".join(el.itertext())) for el in body.iter() if el.tag in ("p", "h1", "h2", "h3", "h4", "h5")]


def test_numbering_is_generated_per_level_and_levels_may_be_skipped():
    found = paragraphs(html("""\
        文种: 通报
        标题: 标题
        正文:
          - 标题: 甲
            正文:
              - {标题: 乙。, 层级: 3, 正文: 乙的正文。}
              - {标题: 丙。, 层级: 3, 正文: [丙的正文。]}
          - 标题: 丁
            正文:
              - 标题: 戊
                正文:
                  - 标题: 己。
                    接排: false
                  - 标题: 庚
                    正文:
                      - {标题: 辛。, 正文: 辛的正文。}
              - {标题: 壬。, 正文: 壬的正文。}
        """))
    assert found == [
        ("title", "标题"),
        ("heading-1", "一、甲"), ("body", "1.乙。乙的正文。"), ("body", "2.丙。丙的正文。"),
        ("heading-1", "二、丁"), ("heading-2", "（一）戊"), ("heading-3", "1.己。"), ("heading-3", "2.庚"),
        ("body", "（1）辛。辛的正文。"), ("body", "（二）壬。壬的正文。"),
    ]


def test_a_sentence_heading_of_level_2_runs_in_with_its_lead_in_kai():
    markup = html("文种: 汇报\n标题: t\n正文:\n  - 标题: 一\n    正文:\n      - {标题: 抓正面宣传，创新求进。, 正文: 大力开展……}\n")
    assert '<p class="body"><span class="lead-kai"><span class="num">（一）</span>抓正面宣传，创新求进。</span>大力开展……</p>' in markup


def test_run_in_heading_is_bold_and_followed_by_its_text():
    markup = html("""\
        文种: 通报
        标题: t
        正文:
          - 标题: 一
            正文:
              - {标题: 加强组织领导，落实主体责任。, 层级: 3, 正文: 巡视反馈意见后……}
        """)
    assert '<p class="body"><b class="lead"><span class="num">1.</span>加强组织领导，落实主体责任。</b>巡视反馈意见后……</p>' in markup


def test_items_are_enumerated_inline_and_closed_with_a_full_stop():
    found = paragraphs(html("""\
        文种: 通报
        标题: t
        正文:
          - {文本: 实现“五个明显提高”。, 列举: [在政治站位上有明显提高。, 在履行职责上有明显提高, 第三项；]}
          - {要点: 单项。, 列举: [只有一项]}
          - {列举: [前一项说到这里，, 后一项接着说。]}
        """))
    assert found[1:] == [("body", "实现“五个明显提高”。一是在政治站位上有明显提高。二是在履行职责上有明显提高。三是第三项；"),
                         ("body", "单项。只有一项"),  # a lone item prints as written: no 一是, no 。 added
                         ("body", "一是前一项说到这里，二是后一项接着说。")]  # no 。 after a closing ，


def test_em_dash_items_stand_one_a_paragraph():
    found = paragraphs(html("""\
        文种: 方案
        标题: t
        正文:
          - {文本: 整改工作坚持以下原则：, 列举方式: 破折号, 列举: [坚持问题导向、全面整改。, 坚持标本兼治]}
          - 标题: 加强组织领导。
            层级: 3
            正文:
              - {列举方式: 破折号, 列举: [成立领导小组。]}
        """))
    assert found[1:] == [("body", "整改工作坚持以下原则："), ("body", "——坚持问题导向、全面整改。"),
                         ("body", "——坚持标本兼治。"), ("body", "1.加强组织领导。"), ("body", "——成立领导小组。")]


def test_ledger_narrative_numbers_categories_problems_and_measures():
    found = paragraphs(html("""\
        文种: 报告
        标题: t
        正文:
          - 标题: 聚焦问题
            正文: [{插入: 整改情况}]
        整改台账:
          类别:
            - 名称: 甲方面
              问题: [问题一。, 问题二。]
              整改措施: [措施一。, 措施二。]
            - 名称: 乙方面
              问题:
                - 文本: 问题三。
                  整改措施: [措施三。]
        """))
    assert found[1:] == [
        ("heading-1", "一、聚焦问题"),
        ("heading-2", "（一）甲方面"), ("body", "存在问题：（1）问题一。（2）问题二。"), ("body", "整改情况：一是措施一。二是措施二。"),
        ("heading-2", "（二）乙方面"), ("body", "存在问题（1）：问题三。"), ("body", "整改情况：措施三。"),
    ]


def test_markup_in_yaml_text_comes_out_literally():
    markup = html("文种: 通报\n标题: t\n正文: ['<script>alert(1)</script> & {{{{ x }}}}']\n")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; {{ x }}" in markup
    ET.fromstring(markup)  # still well-formed for the DOCX writer


def test_title_composed_from_subject_and_forced_breaks():
    assert paragraphs(html("文种: 报告\n事由: 巡察整改情况\n正文: [a]\n"))[0] == ("title", "关于巡察整改情况的报告")
    assert "<h1 class=\"title\">甲<br/>乙</h1>" in html("文种: 报告\n标题: \"甲\\n乙\"\n正文: [a]\n")


def test_unsealed_signature_keeps_the_date_two_characters_right_of_the_issuer():
    short = signing.unsealed("X党组", "2023年12月15日").lines
    long_ = signing.unsealed("中央网络安全和信息化领导小组办公室", "2017年8月30日").lines
    date_width = style.set_width_chars("2023年12月15日")  # the space set between Chinese and digits included
    assert [(s.role, s.right_chars) for s in short] == [
        ("sign", pytest.approx(2 + 2 + date_width - style.set_width_chars("X党组"))), ("date", 2)]
    assert [(s.role, s.right_chars) for s in long_] == [
        ("sign", 2), ("date", pytest.approx(2 + 17 - 2 - style.set_width_chars("2017年8月30日")))]


def test_sealed_signature_centres_the_issuer_over_a_date_four_characters_in():
    signature = signing.sealed("×市数据局党组", "2025年9月5日", None, 42)
    sign, date = signature.lines
    assert date.right_chars == 4
    assert sign.right_chars + style.set_width_chars(sign.text) / 2 == pytest.approx(
        date.right_chars + style.set_width_chars(date.text) / 2)
    assert signature.gap_lines == 2 and signature.seal is None and signature.after_lines == 0


@pytest.mark.parametrize("sample", SAMPLES)
def test_golden_intermediate(sample):
    """The intermediate of each sample, diffed against the committed one (REPORTGEN_UPDATE_GOLDEN=1 rewrites)."""
    markup = compose.html(load(INPUTS / f"{sample}.yaml"))
    golden = GOLDEN / f"{sample}.html"
    if os.environ.get("REPORTGEN_UPDATE_GOLDEN"):
        golden.write_text(markup, encoding="utf-8")
    assert markup == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("title, lines", [
    ("中央网络安全和信息化领导小组办公室关于“机动式”巡视整改情况的通报",
     ["中央网络安全和信息化领导小组办公室", "关于“机动式”巡视整改情况的通报"]),
    ("中共××市数据局党组关于市委第三巡察组反馈意见整改情况的报告",
     ["中共××市数据局党组", "关于市委第三巡察组反馈意见整改情况的报告"]),
    ("关于中央、省委相关会议精神及我市贯彻落实意见的汇报", ["关于中央、省委相关会议精神", "及我市贯彻落实意见的汇报"]),
    ("关于市委第三巡察组反馈意见整改情况的报告", ["关于市委第三巡察组反馈意见整改情况的报告"]),
    ("甲\n乙", ["甲", "乙"]),
])
def test_long_titles_break_between_words_into_a_trapezoid(title, lines):
    from reportgen import titles

    assert titles.break_title(title, style.PAGE.text_width / style.ROLES["title"].size) == lines


def test_three_line_titles_are_never_an_hourglass():
    from reportgen import titles

    title = "国务院办公厅关于印发《全国一体化政务服务平台移动端建设指南》及进一步加强政务服务平台建设工作的通知"
    widths = [style.text_width_chars(line) for line in titles.break_title(title, 20)]
    assert len(widths) == 3 and not (widths[1] < widths[0] and widths[1] < widths[2])
    assert all(w <= 20 for w in widths)
