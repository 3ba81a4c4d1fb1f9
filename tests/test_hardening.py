"""Hostile and broken input, customised templates, interrupted builds: nothing runs, leaks, hangs or half-writes."""
from __future__ import annotations

import os
import shutil
import signal
import struct
import subprocess
import sys
import time
import zlib

import pytest

from reportgen.errors import InputError
from reportgen.loader import load, load_text
from tests.conftest import INPUTS, ROOT
from tests.measure import Measured

SAMPLE = INPUTS / "seed-004-cac-theme-education-meeting.yaml"


def run(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "reportgen", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, **kwargs)


def problems_of(text: str, **kwargs) -> list:
    with pytest.raises(InputError) as caught:
        load_text(text, "t.yaml", **kwargs)
    return caught.value.problems


@pytest.mark.parametrize("text", [
    "a: &a [" + ", ".join(["x"] * 10) + "]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(9)),
    "a: " + "[" * 5000 + "]" * 5000 + "\n",
    "a: " + "{b: " * 300 + "1" + "}" * 300 + "\n",
])
def test_bombs_and_deep_nesting_are_refused_quickly(text):
    started = time.perf_counter()
    [problem] = problems_of(text)
    assert "拒绝" in problem.message or "语法" in problem.message
    assert time.perf_counter() - started < 5  # a guard against hanging, not a benchmark


def test_a_file_too_large_is_refused_with_its_size(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text("文种: 通报\n标题: t\n正文:\n" + "  - 段落。\n" * 300_000, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load(path)
    assert "文件太大" in caught.value.problems[0].message


@pytest.mark.parametrize("text, code", [("\\x07", "U+0007"), ("\\x1b[31m", "U+001B"), ("\\x85", "U+0085")])
def test_control_characters_are_named_not_passed_to_the_writers(text, code):
    [problem] = problems_of(f'文种: 通报\n标题: t\n正文: ["前{text}后"]\n')
    assert code in problem.message and problem.path == "body[0]"


def test_a_lone_surrogate_is_a_clean_error():
    [problem] = problems_of('文种: 通报\n标题: t\n正文: ["前\\ud800后"]\n')
    assert "Unicode" in problem.message


@pytest.mark.parametrize("payload, message", [
    ('{{ "".__class__.__mro__ }}', "沙箱"),
    ("{{ page.doc.__init__.__globals__ }}", "沙箱"),
    ("{{ style.os }}", "no attribute"),
    ("{{ undefined_name }}", "undefined"),
    ('<img src="http://example.com/x.png"/>', "不联网"),
    ('<img src="file:///etc/passwd"/>', "只能读取模板目录"),
    ('<img src="../../../../etc/passwd"/>', "只能读取模板目录"),
    ('<link rel="stylesheet" href="https://example.com/x.css"/>', "不联网"),
])
def test_a_customised_template_can_neither_run_code_nor_reach_out(tmp_path, payload, message):
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    (templates / "info.html.j2").write_text(
        '{% extends "base.html.j2" %}\n{% block title %}' + payload + "{{ super() }}{% endblock %}\n", "utf-8")
    done = run("build", SAMPLE, "--templates", templates, "--out", tmp_path / "out", "--format", "pdf")
    assert done.returncode == 1 and message in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert not list((tmp_path / "out").glob("*.pdf"))


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims huge dimensions (a decompression bomb's header) with one tiny row of data."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))  # noqa: E731
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 4)) + chunk(b"IEND", b"")


def test_an_image_bomb_is_refused_before_anything_decodes_it(tmp_path):
    (tmp_path / "seal.png").write_bytes(png_header(100_000, 100_000))
    [problem] = problems_of("文种: 通报\n标题: t\n正文: [a]\n署名: 甲\n成文日期: 2025-01-01\n印章: seal.png\n",
                            base=tmp_path)
    assert "超过上限" in problem.message


def test_markup_and_template_syntax_in_yaml_come_out_literally(tmp_path):
    text = "<b>不加粗</b> {{ 7*7 }} {% raw %} &amp; <script>alert(1)</script>"
    (tmp_path / "d.yaml").write_text(f"文种: 通报\n标题: t\n正文: ['{text.replace('{', '{{').replace('}', '}}')}']\n",
                                     encoding="utf-8")
    assert run("build", tmp_path / "d.yaml", "--out", tmp_path).returncode == 0
    printed = Measured(tmp_path / "d.pdf").text().replace(" ", "")
    assert text.replace(" ", "") in printed


def test_strict_turns_a_missing_glyph_into_a_failure(tmp_path):
    (tmp_path / "d.yaml").write_text("文种: 通报\n标题: t\n正文: ['古埃及文字\U00013000']\n", encoding="utf-8")
    loose = run("build", tmp_path / "d.yaml", "--out", tmp_path / "a", "--format", "pdf")
    assert loose.returncode == 0 and "U+13000" in loose.stderr
    strict = run("build", tmp_path / "d.yaml", "--out", tmp_path / "b", "--format", "pdf", "--strict")
    assert strict.returncode == 1 and "U+13000" in strict.stderr and not (tmp_path / "b" / "d.pdf").exists()


def test_sigterm_leaves_previous_outputs_whole_and_no_partial_file(tmp_path):
    for i in range(6):
        shutil.copy(INPUTS / "seed-000-cac-inspection-notice.yaml", tmp_path / f"d{i}.yaml")
    out = tmp_path / "out"
    assert run("build", tmp_path / "d0.yaml", "--out", out).returncode == 0
    process = subprocess.Popen([sys.executable, "-m", "reportgen", "build", str(tmp_path), "--out", str(out),
                                "--force"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(2.0)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=120)
    assert process.returncode in (130, 0), err.decode()
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")], "no half-written file"
    assert (out / "d0.pdf").exists(), "the previous output is still there"
    for pdf in out.glob("*.pdf"):  # every PDF there, old or new, is whole
        assert pdf.read_bytes().startswith(b"%PDF") and pdf.read_bytes().rstrip().endswith(b"%%EOF")


def test_two_builds_of_the_same_document_at_once_do_not_corrupt_it(tmp_path):
    shutil.copy(SAMPLE, tmp_path / "d.yaml")
    command = [sys.executable, "-m", "reportgen", "build", str(tmp_path / "d.yaml"), "--out", str(tmp_path / "out"),
               "--force", "-q"]
    first, second = (subprocess.Popen(command, cwd=ROOT) for _ in range(2))
    assert first.wait(timeout=120) == 0 and second.wait(timeout=120) == 0
    assert run("build", tmp_path / "d.yaml", "--out", tmp_path / "alone", "--force", "-q").returncode == 0
    for suffix in (".pdf", ".docx"):
        assert (tmp_path / "out" / f"d{suffix}").read_bytes() == (tmp_path / "alone" / f"d{suffix}").read_bytes()
    assert os.path.getsize(tmp_path / "out" / ".reportgen-state.json") > 0
