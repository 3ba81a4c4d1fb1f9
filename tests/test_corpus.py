"""The nastiest inputs found so far, kept as regression tests: each ends in a document or a clean error —
through the command line too, where no traceback may show."""
from __future__ import annotations

import subprocess
import sys

import pytest

from reportgen.errors import BuildError, InputError
from reportgen.loader import load
from reportgen.pipeline import Builder
from tests.conftest import ROOT
from tests.test_input_files import import_outcome

CORPUS = sorted((ROOT / "tests" / "fuzz_corpus").glob("*.yaml"))
IMPORTS = sorted((ROOT / "tests" / "fuzz_corpus" / "import").iterdir())  # files for `reportgen import`


@pytest.mark.parametrize("case", CORPUS, ids=lambda p: p.stem)
def test_corpus_case_renders_or_is_refused_cleanly(case, tmp_path):
    try:
        Builder(tmp_path).render(load(case))
    except (InputError, BuildError) as e:
        assert str(e).strip(), "a refusal says why"


@pytest.mark.parametrize("case", IMPORTS, ids=lambda p: p.name)
def test_import_corpus_case_ends_in_yaml_or_a_clean_refusal(case, tmp_path):
    assert import_outcome(case.read_bytes(), tmp_path, case.suffix) in ("imported", "to review", "empty", "refused")


def test_the_command_line_never_shows_a_traceback(tmp_path):
    done = subprocess.run([sys.executable, "-m", "reportgen", "build", *map(str, CORPUS), "--out", str(tmp_path),
                           "--format", "docx"], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    for case in CORPUS:
        assert case.name in done.stderr or (tmp_path / f"{case.stem}.docx").exists(), case.name


def test_a_hundred_kilobyte_paragraph_renders(tmp_path):
    text = "巡察整改落实情况，" * 11_000
    (tmp_path / "huge.yaml").write_text(f"文种: 通报\n标题: 十万字节的段落\n正文: ['{text}']\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "reportgen", "build", str(tmp_path / "huge.yaml"), "--out",
                           str(tmp_path)], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "huge.pdf").stat().st_size > 100_000
