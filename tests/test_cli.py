"""The command line, run as editors and CI run it: exit codes, messages, incremental builds."""
from __future__ import annotations

import shutil
import subprocess
import sys

from tests.conftest import INPUTS, ROOT

SAMPLE = INPUTS / "seed-003-ideology-inspection-report.yaml"


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "reportgen", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=300)


def test_validate_reports_every_mistake_and_exits_1():
    done = run("validate", ROOT / "tests" / "data" / "ten-mistakes.yaml", SAMPLE)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 10 and all("ten-mistakes.yaml:" in line for line in lines)
    assert "Traceback" not in done.stderr
    assert "没有问题" in done.stdout  # the good file is still checked


def test_build_writes_both_formats_then_skips_what_did_not_change(tmp_path):
    source = tmp_path / "doc.yaml"
    shutil.copy(SAMPLE, source)
    first = run("build", source, "--out", tmp_path / "out")
    assert first.returncode == 0, first.stderr
    pdf, docx = tmp_path / "out" / "doc.pdf", tmp_path / "out" / "doc.docx"
    assert pdf.read_bytes().startswith(b"%PDF") and docx.read_bytes().startswith(b"PK")
    second = run("build", source, "--out", tmp_path / "out")
    assert "跳过 1" in second.stdout
    source.write_text(source.read_text(encoding="utf-8").replace("X党组", "Y党组"), encoding="utf-8")
    third = run("build", source, "--out", tmp_path / "out", "--format", "docx")
    assert "生成 1" in third.stdout


def test_a_bad_file_fails_the_build_but_not_the_others(tmp_path):
    shutil.copy(SAMPLE, tmp_path / "good.yaml")
    (tmp_path / "bad.yaml").write_text("文种: 报告\n正文: []\n", encoding="utf-8")
    done = run("build", tmp_path, "--out", tmp_path / "out", "--format", "docx")
    assert done.returncode == 1
    assert (tmp_path / "out" / "good.docx").exists() and not (tmp_path / "out" / "bad.docx").exists()
    assert "bad.yaml:2:5  body" in done.stderr and "失败 1" in done.stdout


def test_usage_errors_exit_2():
    assert run("build", SAMPLE, "--format", "odt").returncode == 2
    assert run("no-such-command").returncode == 2


def test_doctor_names_the_face_each_role_uses():
    done = run("doctor")
    assert done.returncode == 0, done.stdout
    for name in ("仿宋_GB2312", "FandolFang", "黑体", "楷体_GB2312", "HarfBuzz"):
        assert name in done.stdout


def test_new_writes_a_valid_commented_start_for_every_kind(tmp_path):
    from reportgen.loader import load
    from reportgen.model import Kind

    for kind in Kind:
        target = tmp_path / f"{kind.english}.yaml"
        done = run("new", kind.value, target)
        assert done.returncode == 0, done.stderr
        text = target.read_text(encoding="utf-8")
        assert text.startswith("#") and f"文种: {kind.value}" in text
        assert load(target).kind is kind
    assert run("new", "通报", tmp_path / "notice.yaml").returncode == 1, "never overwrites silently"
    assert run("new", "请示", tmp_path / "x.yaml").returncode == 2


def test_the_same_yaml_gives_byte_identical_pdf_and_docx(tmp_path):
    sample = INPUTS / "sample-data-bureau-inspection-report.yaml"
    for out in ("one", "two"):
        assert run("build", sample, "--out", tmp_path / out, "--force", "-q").returncode == 0
    for suffix in (".pdf", ".docx", ".html"):
        name = sample.stem + suffix
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), suffix


def test_source_date_epoch_dates_a_document_without_a_date(tmp_path):
    import os

    (tmp_path / "d.yaml").write_text("文种: 信息\n标题: t\n正文: [a]\n", encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    subprocess.run([sys.executable, "-m", "reportgen", "build", str(tmp_path / "d.yaml"), "--out", str(tmp_path)],
                   check=True, capture_output=True, env=env, cwd=ROOT)
    assert 'content="2023-11-14T22:13:20+00:00"' in (tmp_path / "d.html").read_text(encoding="utf-8")


def test_a_changed_template_rebuilds_and_an_unchanged_tree_is_skipped(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    args = ("build", SAMPLE, "--out", tmp_path / "out", "--templates", templates, "--format", "docx")
    assert "生成 1" in run(*args).stdout
    assert "跳过 1" in run(*args).stdout
    (templates / "report.html.j2").write_text((templates / "report.html.j2").read_text("utf-8") + "\n", "utf-8")
    assert "生成 1" in run(*args).stdout, "a template change rebuilds"
    assert run("build", SAMPLE, "--templates", tmp_path).returncode == 2


def test_a_changed_seal_image_rebuilds_the_document_that_names_it(tmp_path):
    from PIL import Image

    sealed = INPUTS / "sample-data-bureau-inspection-report.yaml"
    shutil.copy(sealed, tmp_path / sealed.name)
    shutil.copy(INPUTS / "seal-sample.png", tmp_path / "seal-sample.png")
    args = ("build", tmp_path / sealed.name, "--out", tmp_path / "out", "--format", "docx")
    assert "生成 1" in run(*args).stdout
    assert "跳过 1" in run(*args).stdout
    with Image.open(tmp_path / "seal-sample.png") as image:
        image.rotate(90).save(tmp_path / "seal-sample.png")
    assert "生成 1" in run(*args).stdout, "the image is part of the document"


def test_batch_on_two_workers_isolates_failures_and_matches_a_serial_build(tmp_path):
    for name in ("a", "b", "c"):
        shutil.copy(SAMPLE, tmp_path / f"{name}.yaml")
    (tmp_path / "bad.yaml").write_text("文种: 报告\n正文: [a]\n", encoding="utf-8")
    parallel = run("build", tmp_path, "--out", tmp_path / "p", "--jobs", "2", "--format", "docx")
    serial = run("build", tmp_path, "--out", tmp_path / "s", "--jobs", "1", "--format", "docx")
    assert parallel.returncode == serial.returncode == 1
    assert "生成 3，跳过 0，失败 1" in parallel.stdout
    for name in ("a", "b", "c"):
        assert (tmp_path / "p" / f"{name}.docx").read_bytes() == (tmp_path / "s" / f"{name}.docx").read_bytes()


def test_shards_split_the_inputs_stably_and_completely():
    from reportgen.discover import shard, sources

    files = sources([INPUTS])
    parts = [shard(files, f"{k}/3") for k in (1, 2, 3)]
    assert sorted(f for part in parts for f in part) == sorted(files)
    assert set(parts[1]) <= set(shard(files + [INPUTS / "new.yaml"], "2/3")), "adding a file moves no other"
    assert run("build", INPUTS, "--shard", "4/3").returncode == 2


def test_validate_does_not_load_the_renderers():
    code = ("import sys, runpy; sys.argv = ['reportgen', 'validate', %r]\n"
            "try:\n    runpy.run_module('reportgen', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('weasyprint', 'docx', 'jinja2', 'jieba') if m in sys.modules))") % str(SAMPLE)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.stdout.strip().splitlines()[-1] == "[]"
