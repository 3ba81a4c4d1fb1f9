"""The house-style table: its numbers hold together, and the CSS says exactly what it says."""
from __future__ import annotations

import re

from docx.shared import Mm, Pt

from reportgen import compose, fonts, style

P = style.PAGE


def test_type_area_and_margins():
    assert (P.right, P.bottom) == (Mm(26), Mm(35))
    assert P.line_pitch == Pt(28.95) and P.line_pitch.twips == 579


def test_22_lines_and_28_characters_fit_the_type_area():
    assert P.lines * P.line_pitch <= P.text_height < (P.lines + 1) * P.line_pitch
    assert P.chars * (style.SANHAO + P.tracking) <= P.text_width < (P.chars + 1) * (style.SANHAO + P.tracking)
    assert P.tracking.twips == -5


def test_css_is_generated_from_the_table():
    css = compose.css()
    assert f"margin: {P.top.mm}mm {P.right.mm}mm {P.bottom.mm}mm {P.left.mm}mm" in css
    assert f"line-height: {P.line_pitch.pt}pt" in css and f"letter-spacing: {P.tracking.pt}pt" in css
    for role in style.ROLES.values():
        rule = re.search(rf"\.{role.css_class} \{{([^}}]*)\}}", css).group(1)
        assert role.face.css in rule and f"font-size: {role.size.pt}pt" in rule
    assert '"— " counter(page) " —"' in css


def test_official_face_first_then_free_faces():
    assert style.FANGSONG.css.startswith('"仿宋_GB2312"') and '"FandolFang"' in style.FANGSONG.css
    conf = fonts.fontconfig_conf()
    for face in style.FACES:
        assert f"<family>{face.official}</family><accept>" in conf


def test_numbering_patterns():
    assert [style.numbered(p, 12) for p in style.HEADING_NUMBERS] == ["十二、", "（十二）", "12.", "（12）"]
    assert style.numbered(style.ENUMERATION, 21) == "二十一是"
    assert [style.cn_number(n) for n in (100, 101, 110, 1005)] == ["一百", "一百零一", "一百一十", "一千零五"]
    assert style.text_width_chars("2017年8月30日") == 6.5
