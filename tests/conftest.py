from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from reportgen.discover import sources
from reportgen.pipeline import Builder

ROOT = Path(__file__).parent.parent
INPUTS = ROOT / "inputs"
# The samples at the top of inputs/; the 整改 cycle in its subfolder has tests of its own (test_cycle.py).
TOP_SAMPLES = [p for p in sources([INPUTS]) if p.parent == INPUTS]
SAMPLES = [p.stem for p in TOP_SAMPLES]


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """Every sample in inputs/ built to PDF and DOCX, once per test session."""
    out = tmp_path_factory.mktemp("build")
    builder = Builder(out, force=True)
    for source in TOP_SAMPLES:
        outcome = builder.build(source)
        assert outcome.ok, outcome.problems
    return out


# LibreOffice's PDF export drops the blank page Word inserts before an even-page section (the 版记 after a
# body ending on an even page) unless told to keep it, as printing does.
OFFICE_PDF = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'


def office_convert(docs: list, out: Path, profile: Path, export: str = OFFICE_PDF) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.fail("LibreOffice is needed to lay out the DOCX: `make test` installs it")
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", export,
                    "--outdir", str(out), *map(str, docs)], check=True, capture_output=True, timeout=600)


@pytest.fixture(scope="session")
def office_pdfs(built, tmp_path_factory) -> Path:
    """The DOCX samples laid out by LibreOffice, as Word-like readers would see them."""
    out = tmp_path_factory.mktemp("office")
    office_convert(sorted(built.glob("*.docx")), out, tmp_path_factory.mktemp("profile"))
    return out
