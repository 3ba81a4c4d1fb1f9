"""Files that are not what their names say, and packages built to exhaust a reader: every command reads
regular files only and within its limits; import refuses each hostile DOCX or text by name, exit 1, in
bounded memory; outputs named where a folder is end in a message."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from reportgen.errors import InputError
from reportgen.importer import import_file
from reportgen.pipeline import Builder
from reportgen.unpack import LIMITS, Limits, Package
from tests import hostile_files
from tests.conftest import INPUTS, ROOT
from tests.strategies import docx_files
from tests.test_cli import run
from tests.test_properties import time_box

SPECIAL = {
    "fifo": (os.mkfifo, "命名管道"),
    "zero": (lambda path: path.symlink_to("/dev/zero"), "字符设备"),
    "urandom": (lambda path: path.symlink_to("/dev/urandom"), "字符设备"),
}


@pytest.mark.parametrize("special", SPECIAL)
@pytest.mark.parametrize("command", ["validate", "lint", "build", "import"])
def test_a_fifo_or_a_device_named_like_a_document_is_refused_not_read(command, special, tmp_path):
    make, kind = SPECIAL[special]
    path = tmp_path / ("old.txt" if command == "import" else "x.yaml")
    make(path)
    options = {"build": ["--out", tmp_path / "out"], "lint": ["--check"]}.get(command, [])
    done = run(command, path, *options, cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{path.name}:1:1" in done.stderr and kind in done.stderr, done.stderr


def test_a_folder_of_documents_names_the_special_file_it_holds(tmp_path):
    (tmp_path / "ok.yaml").write_bytes((INPUTS / "sample-letter.yaml").read_bytes())
    os.mkfifo(tmp_path / "stuck.yaml")
    done = run("validate", tmp_path, cwd=tmp_path)
    assert done.returncode == 1 and "ok.yaml: 没有问题" in done.stdout and "stuck.yaml:1:1" in done.stderr


def test_watch_and_build_read_through_the_same_guard(tmp_path):
    (tmp_path / "x.yaml").symlink_to("/dev/zero")
    outcome = Builder(tmp_path / "out").build(tmp_path / "x.yaml")  # what each round of `watch` calls
    assert not outcome.ok and "字符设备" in outcome.problems[0].message


def test_a_folder_given_to_import_is_named(tmp_path):
    (tmp_path / "old.docx").mkdir()
    done = run("import", tmp_path / "old.docx", cwd=tmp_path)
    assert done.returncode == 1 and "文件夹" in done.stderr


EXPECTED = {  # corpus file → what the message says
    "empty.docx": "文件不完整", "truncated.docx": "文件不完整", "not-a-docx.docx": "缺少 word/document.xml",
    "no-document-xml.docx": "缺少 word/document.xml", "malformed-xml.docx": "不是完好的 XML",
    "unknown-entity.docx": "不是完好的 XML", "entity-amplification.docx": "含有 DTD", "external-entity.docx": "含有 DTD",
    "deep-xml.docx": f"嵌套超过 {LIMITS.max_depth} 层", "old-word-or-password.docx": "旧版 Office 格式",
    "encrypted-zip.docx": "已加密", "gbk-mixed-with-utf8.txt": "混用了两种编码", "binary.txt": "不是文本文件",
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_broken_or_hostile_file_is_refused_with_its_cause(name, tmp_path):
    source = tmp_path / name
    source.write_bytes(hostile_files.CASES[name])
    done = run("import", source, "-o", tmp_path / "new.yaml", cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{source}:1:1" in done.stderr and EXPECTED[name] in done.stderr, done.stderr
    assert not (tmp_path / "new.yaml").exists()


@pytest.mark.parametrize("name", ["utf16-bom.txt", "utf16-no-bom.txt"])
def test_utf16_text_from_notepad_is_read_with_or_without_its_bom(name, tmp_path):
    source = tmp_path / name
    source.write_bytes(hostile_files.CASES[name])
    done = run("import", source, "-o", tmp_path / "new.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    doc = yaml.safe_load((tmp_path / "new.yaml").read_text(encoding="utf-8"))
    assert doc["标题"] == "关于整改情况的报告" and doc["正文"][0]["正文"] == [{"列举": ["加强学习……", "完善制度……"]}]


def peak(*args) -> tuple[subprocess.CompletedProcess, float]:
    """The command's result and its peak memory in MB, measured by the kernel for a process of its own."""
    probe = ("import resource, subprocess, sys; done = subprocess.run(sys.argv[1:], capture_output=True, text=True);"
             "sys.stderr.write(done.stderr); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss);"
             "sys.exit(done.returncode)")
    done = subprocess.run([sys.executable, "-c", probe, sys.executable, "-m", "reportgen", *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    return done, int(done.stdout.split()[-1]) / 1024


BOMBS = {  # what to make, what the message names
    "inflates-to-200-MB": (lambda path: hostile_files.bomb(path, 200), f"{LIMITS.max_part // 1_000_000} MB"),
    "one-text-of-200-MB": (lambda path: hostile_files.bomb(path, 200, "整" * 1000), "10 MB"),
    "two-million-empty-paragraphs": (lambda path: hostile_files.bomb(path, 14, "<w:p/>"), f"{LIMITS.max_elements} 个 XML 元素"),
    "a-row-of-a-million-cells": (lambda path: hostile_files.bomb(path, 8, "<w:tbl><w:tr>" + "<w:tc/>" * 1_000_000 + "</w:tr></w:tbl>"),
                                 f"{LIMITS.max_held} 个 XML 元素"),
    "a-hundred-thousand-entries": (lambda path: hostile_files.many_entries(path, 100_000), f"上限 {LIMITS.max_entries}"),
}


@pytest.mark.parametrize("name", BOMBS)
def test_a_bomb_is_refused_by_its_limit_within_300_mb(name, tmp_path):
    make, limit = BOMBS[name]
    source = make(tmp_path / f"{name}.docx")
    assert source.stat().st_size < 10_000_000
    done, megabytes = peak("import", source, "-o", tmp_path / "new.yaml")
    assert done.returncode == 1 and limit in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert megabytes <= 300, f"{megabytes:.0f} MB"


@pytest.mark.parametrize("limit, value, message", [
    ("max_entries", 2, "个条目"), ("max_part", 100, "解压后超过"), ("max_total", 100, "合计超过"),
    ("max_depth", 3, "嵌套超过 3 层"), ("max_elements", 5, "超过 5 个 XML 元素"),
])
def test_each_package_limit_names_itself(limit, value, message, tmp_path):
    (tmp_path / "x.docx").write_bytes(hostile_files.VALID)
    with pytest.raises(InputError) as caught:
        with Package(tmp_path / "x.docx", "Word 文档", Limits(**{limit: value})) as package:
            for _ in package.events("word/document.xml"):
                pass
    assert message in caught.value.problems[0].message


def test_an_output_named_where_a_folder_is_or_a_schema_folder_that_is_a_file(tmp_path):
    (tmp_path / "old.txt").write_text("关于整改情况的报告\n市委：\n按要求完成整改。\n", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    (tmp_path / "file").write_text("", encoding="utf-8")
    for args in (("import", "old.txt", "-o", "folder"), ("import", "old.txt", "-o", "folder", "--force"),
                 ("new", "报告", "folder", "--force"), ("schema", "--out", "file")):
        done = run(*args, cwd=tmp_path)
        assert done.returncode == 1 and "Traceback" not in done.stderr, (args, done.stderr)
        assert ("是一个文件夹" if "folder" in args else "是一个文件，不是文件夹") in done.stderr


def import_outcome(data: bytes, folder: Path, suffix: str = ".docx", seconds: int = 60) -> str:
    """How importing ``data`` as a DOCX (or a ``suffix`` file) ends: 'imported' (YAML that validates), 'to
    review' (YAML with the problems validation found), 'empty', or 'refused' with a message — anything else
    raises."""
    source = folder / f"case{suffix}"
    source.write_bytes(data)
    with time_box(seconds):
        try:
            result = import_file(source, folder / "case.yaml")
        except InputError as e:
            assert str(source) in str(e) and e.problems[0].message
            return "refused"
    if result is None:
        return "empty"
    yaml.safe_load(result.text)
    return "to review" if result.problems else "imported"


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
@given(docx_files())
def test_a_hostile_docx_ends_in_yaml_or_a_clean_refusal(tmp_path_factory, data):
    assert import_outcome(data, tmp_path_factory.mktemp("docx")) in ("imported", "to review", "empty", "refused")
