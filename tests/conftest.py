from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from reportgen.pipeline import Builder, sources

ROOT = Path(__file__).parent.parent
INPUTS = ROOT / "inputs"
SAMPLES = [p.stem for p in sources([INPUTS])]


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """Every sample in inputs/ built to PDF and DOCX, once per test session."""
    out = tmp_path_factory.mktemp("build")
    builder = Builder(out, force=True)
    for source in sources([INPUTS]):
        outcome = builder.build(source)
        assert outcome.ok, outcome.problems
    return out


@pytest.fixture(scope="session")
def office_pdfs(built, tmp_path_factory) -> Path:
    """The DOCX samples laid out by LibreOffice, as Word-like readers would see them."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.fail("LibreOffice is needed to lay out the DOCX: `make test` installs it")
    out = tmp_path_factory.mktemp("office")
    profile = tmp_path_factory.mktemp("profile")
    docs = sorted(str(p) for p in built.glob("*.docx"))
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), *docs], check=True, capture_output=True, timeout=600)
    return out
