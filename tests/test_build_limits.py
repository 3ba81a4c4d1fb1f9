"""The build half of hardening: outputs that never overwrite each other, builds that end in a message whatever
the output folder holds, templates that run within a budget, workers that die with their coordinator."""
from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
import zipfile

import docx
import pytest

from reportgen import budget, compose, discover
from reportgen.errors import BuildError, InputError
from reportgen.loader import load_text
from reportgen.pipeline import Builder
from tests.conftest import INPUTS, ROOT

DOC = "文种: 通报\n标题: {title}\n正文: [{text}]\n"


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "reportgen", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, env=env)


def write(path, title="测试", text="正文一段。"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(DOC.format(title=title, text=text), encoding="utf-8")
    return path


def words(path) -> str:
    return "".join(p.text for p in docx.Document(path).paragraphs)


# ---- item 1: one output name, two inputs -------------------------------------------------------------

def test_two_inputs_with_one_name_get_their_own_outputs(tmp_path):
    write(tmp_path / "a" / "x.yaml", text="甲单位的正文。")
    write(tmp_path / "b" / "x.yaml", text="乙单位的正文。")
    done = run("build", tmp_path / "a" / "x.yaml", tmp_path / "b" / "x.yaml", "--out", tmp_path / "out",
               "--format", "docx")
    assert done.returncode == 0, done.stderr
    assert "甲单位" in words(tmp_path / "out" / "a" / "x.docx")
    assert "乙单位" in words(tmp_path / "out" / "b" / "x.docx")


def test_a_folder_of_inputs_keeps_flat_names():
    builder = Builder(ROOT / "build", root=discover.root([INPUTS]))
    source = INPUTS / "seed-000-cac-inspection-notice.yaml"
    assert builder.targets(source)[1] == ROOT / "build" / "seed-000-cac-inspection-notice.pdf"
    assert discover.root([source]) == INPUTS


def test_two_files_that_would_share_their_outputs_are_refused_naming_each_other(tmp_path):
    write(tmp_path / "x.yaml")
    write(tmp_path / "x.yml")
    done = run("build", tmp_path, "--out", tmp_path / "out", "--format", "docx")
    assert done.returncode == 1 and "失败 2" in done.stdout
    assert "x.yml 的输出同名" in done.stderr and "x.yaml 的输出同名" in done.stderr
    assert not (tmp_path / "out" / "x.docx").exists()


def test_an_output_another_input_overwrote_or_that_was_damaged_is_rebuilt(tmp_path):
    a, b = write(tmp_path / "a" / "x.yaml", text="甲单位的正文。"), write(tmp_path / "b" / "x.yaml", text="乙单位的正文。")
    out = tmp_path / "out"
    for source in (a, b):
        assert "生成 1" in run("build", source, "--out", out, "--format", "docx").stdout
    assert "乙单位" in words(out / "x.docx")
    assert "生成 1" in run("build", a, "--out", out, "--format", "docx").stdout, "b's output is not a's"
    assert "甲单位" in words(out / "x.docx")
    assert "跳过 1" in run("build", a, "--out", out, "--format", "docx").stdout
    (out / "x.docx").write_bytes(b"PK damaged")
    assert "生成 1" in run("build", a, "--out", out, "--format", "docx").stdout
    (out / "x.html").unlink()
    assert "生成 1" in run("build", a, "--out", out, "--format", "docx").stdout
    assert "甲单位" in words(out / "x.docx")


# ---- item 10: whatever the output folder holds, a message --------------------------------------------

@pytest.mark.parametrize("arrange, message", [
    (lambda out: out.write_text("a file"), "是一个文件，不是文件夹"),
    (lambda out: (out / "d.html").mkdir(parents=True), "这是一个文件夹，不是文件"),
    (lambda out: (out / ".reportgen-state.json").mkdir(parents=True), "状态文件"),
])
def test_an_output_folder_in_the_way_ends_in_a_message(tmp_path, arrange, message):
    arrange(tmp_path / "out")
    done = run("build", write(tmp_path / "d.yaml"), "--out", tmp_path / "out", "--format", "docx")
    assert done.returncode == 1 and message in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def test_an_output_folder_that_cannot_be_written_ends_in_a_message(tmp_path):
    # /sys refuses new entries even to root, where a read-only folder would not stop a test run as root
    done = run("build", write(tmp_path / "d.yaml"), "--out", "/sys/reportgen-out", "--format", "docx")
    assert done.returncode == 1 and "无法写入 /sys/reportgen-out/d.html：没有权限" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("state", ["[]", "null", "{\"x\": 1", "\"text\""])
def test_a_state_file_that_holds_no_records_rebuilds_everything(tmp_path, state):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / ".reportgen-state.json").write_text(state)
    done = run("build", write(tmp_path / "d.yaml"), "--out", tmp_path / "out", "--format", "docx")
    assert done.returncode == 0 and "生成 1" in done.stdout, done.stderr
    assert isinstance(json.loads((tmp_path / "out" / ".reportgen-state.json").read_text()), dict)


def test_the_error_boundary_names_the_files_and_the_cause_and_debug_shows_the_traceback(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from reportgen import cli, pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("坏了")

    monkeypatch.setattr(pipeline, "run", broken)
    monkeypatch.delenv("REPORTGEN_DEBUG", raising=False)
    source = write(tmp_path / "d.yaml")
    plain = CliRunner().invoke(cli.app, ["build", str(source), "--out", str(tmp_path / "out")])
    assert plain.exit_code == 1 and "Traceback" not in plain.output
    assert f"{source}：意外的错误（RuntimeError：坏了）" in plain.output and "--debug" in plain.output
    debug = CliRunner().invoke(cli.app, ["--debug", "build", str(source), "--out", str(tmp_path / "out")])
    assert debug.exit_code == 1 and "Traceback" in debug.output and "坏了" in debug.output


# ---- item 5 and 10: customised templates, within a budget -------------------------------------------

def custom(tmp_path, payload: str):
    templates = tmp_path / "templates"
    if not templates.exists():
        import shutil

        shutil.copytree(compose.TEMPLATES, templates)
    (templates / "notice.html.j2").write_text(
        '{% extends "base.html.j2" %}\n{% block title %}' + payload + "{{ super() }}{% endblock %}\n", "utf-8")
    return templates


SMALL = load_text(DOC.format(title="测试", text="正文一段。"), "d.yaml")


@pytest.mark.parametrize("payload, message", [
    ("{{ 'x' * 1000000000 }}", "超过上限 1,000,000"),
    ("{{ [0] * 100000000 }}", "超过上限 1,000,000"),
    ("{{ 7 ** 100000 }}", "二进制"),
    ("{{ 'x'|center(1000000000) }}", "数字 1,000,000,000 超过"),
    ("{{ 'x'.ljust(1000000000) }}", "数字 1,000,000,000 超过"),
    ("{{ '%1000000000s' % 'x' }}", "宽度超过上限"),
    ("{{ '{:>1000000000}'.format(1) }}", "宽度超过上限"),
    ("{{ lipsum(10000000) }}", "超过"),
    ("{{ range(1000000)|list }}", "range"),
    ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "递归太深"),
    ("{{ lipsum(n='x') }}", "TypeError"),
    ("<p><b>不闭合</p>", "HTML 不完整"),
])
def test_a_template_that_would_run_away_or_break_ends_in_a_located_message(tmp_path, payload, message):
    with pytest.raises(BuildError) as caught:
        compose.html(SMALL, custom(tmp_path, payload))
    assert message in str(caught.value) and "notice.html.j2" in str(caught.value)


def test_a_template_that_loops_for_ever_is_stopped_by_the_clock(tmp_path, monkeypatch):
    monkeypatch.setattr(budget, "RENDER_SECONDS", 1)
    templates = custom(tmp_path, "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}")
    started = time.perf_counter()
    with pytest.raises(BuildError, match="运行超过 1 秒"):
        compose.html(SMALL, templates)
    assert time.perf_counter() - started < 30  # a guard against hanging, not a benchmark


def test_a_template_that_fills_memory_meets_the_cap(tmp_path):
    """Doubling a text 40 times passes every bound but memory: the process cap stops it, with a message."""
    templates = custom(tmp_path, "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
                                 "{% endfor %}{{ ns.s|length }}")
    code = ("from reportgen import budget, compose\nfrom reportgen.loader import load_text\n"
            "from reportgen.errors import BuildError\nbudget.cap_memory(400 * 2**20)\n"
            f"doc = load_text({DOC.format(title='t', text='a')!r}, 'd.yaml')\n"
            f"try:\n    compose.html(doc, __import__('pathlib').Path({str(templates)!r}))\n"
            "except BuildError as e:\n    print(e)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert "用尽了内存" in done.stdout, done.stdout + done.stderr


@pytest.mark.parametrize("payload", ['<link rel="attachment" href="file:///etc/passwd"/>',
                                     '<style>@import url("file:///etc/passwd");</style>'])
def test_a_fetch_the_pdf_writer_refuses_ends_in_its_message(tmp_path, payload):
    with pytest.raises(BuildError, match="只能读取模板目录"):
        Builder(tmp_path / "out", ("pdf",), templates=custom(tmp_path, payload)).render(SMALL)


# ---- item 9: what validate accepts, build makes ------------------------------------------------------

def test_a_fifth_level_is_refused_by_validate():
    text = "文种: 通报\n标题: t\n正文:\n" + "".join(
        "  " * (2 * depth) + "- 标题: 第{}级\n".format(depth + 1) + "  " * (2 * depth + 1) + "正文:\n"
        for depth in range(5)) + "  " * 10 + "- 文字\n"
    with pytest.raises(InputError) as caught:
        load_text(text, "deep.yaml")
    [problem] = caught.value.problems
    assert "第 5 级" in problem.message and problem.path == "body[0].body[0].body[0].body[0].body[0]"


def test_far_dates_build_and_the_zip_holds_them_clamped(tmp_path):
    doc = load_text("文种: 通报\n标题: t\n正文: [a]\n署名: 甲\n成文日期: 9999-12-31\n", "d.yaml")
    word = Builder(tmp_path, ("docx",)).render(doc)[0][1]
    with zipfile.ZipFile(io.BytesIO(word)) as package:
        assert {info.date_time[0] for info in package.infolist()} == {2107}
    assert docx.Document(io.BytesIO(word)).core_properties.created.year == 9999


def test_a_far_future_source_date_epoch_is_clamped(tmp_path):
    source = write(tmp_path / "d.yaml")
    done = run("build", source, "--out", tmp_path, "--format", "docx",
               env={**os.environ, "SOURCE_DATE_EPOCH": "99999999999999"})
    assert done.returncode == 0, done.stderr
    assert 'content="9999-12-31T23:59:59+00:00"' in (tmp_path / "d.html").read_text(encoding="utf-8")


# ---- item 8: workers die with their coordinator ------------------------------------------------------

def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(sys.platform != "linux", reason="the parent-death signal is Linux's")
def test_workers_die_when_their_coordinator_is_killed(tmp_path):
    for i in range(6):
        write(tmp_path / f"d{i}.yaml", text="巡察整改落实情况。" * 3000)
    coordinator = subprocess.Popen([sys.executable, "-m", "reportgen", "build", str(tmp_path), "--out",
                                    str(tmp_path / "out"), "--jobs", "2", "-q"], cwd=ROOT,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    children = f"/proc/{coordinator.pid}/task/{coordinator.pid}/children"
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
        workers = [int(pid) for pid in open(children).read().split()]
    assert len(workers) == 2, "the coordinator started its workers"
    time.sleep(3)  # they are warm and at work
    coordinator.send_signal(signal.SIGKILL)
    coordinator.wait()
    deadline = time.monotonic() + 30
    while any(map(_alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(map(_alive, workers)), "no worker outlives its coordinator"
    assert not list((tmp_path / "out").glob(".*.tmp")), "they removed their temporary files"
