"""Fonts: characters outside the 仿宋 face fall back without breaking the grid; none is silently lost."""
from __future__ import annotations

import pytest

from reportgen import fonts, style
from reportgen.loader import load_text
from reportgen.pipeline import Builder
from tests.measure import Measured

RARE = "䶮"  # in Noto CJK, not in FandolFang (outside GB 2312)
NONE = "\U00013000"  # an Egyptian hieroglyph: no installed face has it
LINE = "根据中央统一部署，中央第八巡视组对中央网信办开展了“机动式”巡视。" * 4


def build(tmp_path, text: str):
    doc = load_text(f"文种: 通报\n标题: 字体测试\n正文: ['{text}', '{LINE}']\n", "t.yaml")
    files, warnings = Builder(tmp_path, ("pdf",)).render(doc)
    (tmp_path / "t.pdf").write_bytes(files[1])
    return Measured(tmp_path / "t.pdf"), warnings


def test_a_character_outside_the_body_face_keeps_the_line_grid(tmp_path):
    measured, warnings = build(tmp_path, LINE[:40] + RARE + LINE[40:])
    assert not warnings
    lines = measured.body_lines(1)
    steps = [b.baseline - a.baseline for a, b in zip(lines, lines[1:]) if b.baseline - a.baseline < 15]
    assert len(steps) >= 5 and all(abs(s - style.PAGE.line_pitch.mm) < 0.1 for s in steps)
    rare = [c for ln in lines for c in ln.chars if c["text"] == RARE]
    assert rare and "Fang" not in rare[0]["fontname"]


def test_a_character_no_font_has_is_a_warning_naming_it(tmp_path):
    _, warnings = build(tmp_path, "古埃及文字" + NONE)
    assert len(warnings) == 1 and "U+13000" in warnings[0] and NONE in warnings[0]


def test_every_role_resolves_to_a_face_of_its_family():
    for face in style.FACES:
        resolved = fonts.match(face.families)
        assert resolved is not None and set(resolved.families) & set(face.families), face.key


def test_alias_file_is_installed_and_current():
    assert (fonts.conf_dir() / fonts.CONF_NAME).read_text(encoding="utf-8") == fonts.fontconfig_conf()


@pytest.mark.parametrize("face", style.FACES, ids=lambda f: f.key)
def test_official_name_alone_resolves_for_word_processors(face):
    """LibreOffice asks fontconfig for the name written in the DOCX, nothing else."""
    resolved = fonts.match((face.official,))
    assert resolved is not None and set(resolved.families) & set(face.free)
