"""reportgen watch, run as an editor runs it: save, see the new PDF or the error, fix, save again."""
from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import threading
import time
import pdfplumber
import pytest

from tests.conftest import INPUTS, ROOT
from tests.measure import pdf_text

SAMPLE = INPUTS / "seed-003-ideology-inspection-report.yaml"


def page_count(path) -> int:
    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


class Watcher:
    """`reportgen watch` in its own process; its output collected line by line."""

    def __init__(self, *args):
        self.process = subprocess.Popen([sys.executable, "-m", "reportgen", "watch", *map(str, args)], cwd=ROOT,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, text: str, after: int = 0, timeout: float = 60) -> int:
        """Waits until a line from ``after`` on contains ``text``; returns the index past it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for i, line in enumerate(self.lines[after:], after):
                if text in line:
                    return i + 1
            time.sleep(0.02)
        raise AssertionError(f"no line with {text!r} after line {after}:\n" + "\n".join(self.lines))

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=30)


@pytest.fixture
def folder(tmp_path):
    shutil.copy(SAMPLE, tmp_path / "doc.yaml")
    return tmp_path


def test_a_saved_edit_is_rebuilt_an_error_is_shown_in_place_and_its_fix_clears_it(folder):
    watcher = Watcher(folder, "--out", folder / "out")
    try:
        seen = watcher.wait_for("全部就绪")
        pdf = folder / "out" / "doc.pdf"
        assert "X党组" in pdf_text(pdf)

        doc = folder / "doc.yaml"
        doc.write_text(doc.read_text(encoding="utf-8").replace("X党组", "Y党组"), encoding="utf-8")
        seen = watcher.wait_for("全部就绪", watcher.wait_for("doc.yaml → ", seen))
        assert "Y党组" in pdf_text(pdf) and "X党组" not in pdf_text(pdf)

        good = doc.read_text(encoding="utf-8")
        doc.write_text(good.replace("文种: 报告", "文种: 报表"), encoding="utf-8")
        seen = watcher.wait_for("1 个文档有错误", watcher.wait_for(f"{doc}:4:5  kind", seen))
        assert "Y党组" in pdf_text(pdf), "a failed rebuild leaves the last good PDF"

        doc.write_text(good, encoding="utf-8")
        seen = watcher.wait_for("全部就绪", watcher.wait_for("doc.yaml：错误已改正", seen))
        doc.write_text(good.replace("Y党组", "Z党组"), encoding="utf-8")
        watcher.wait_for("全部就绪", watcher.wait_for("doc.yaml → ", seen))
        assert "Z党组" in pdf_text(pdf)
    finally:
        assert watcher.stop() == 0
    assert watcher.lines[-1] == "已停止监视"
    assert not any("Traceback" in line for line in watcher.lines)


def test_a_changed_house_css_is_read_again(folder):
    templates = folder / "templates"
    shutil.copytree(ROOT / "templates", templates)
    watcher = Watcher(folder / "doc.yaml", "--out", folder / "out", "--templates", templates, "--format", "pdf")
    try:
        seen = watcher.wait_for("全部就绪")
        before = page_count(folder / "out" / "doc.pdf")
        css = templates / "gbt9704.css.j2"
        css.write_text(css.read_text(encoding="utf-8") + "\np { margin-bottom: 2em; }\n", encoding="utf-8")
        watcher.wait_for("全部就绪", watcher.wait_for("doc.yaml → ", seen))
        assert page_count(folder / "out" / "doc.pdf") > before
    finally:
        watcher.stop()


def test_files_it_writes_and_other_documents_do_not_trigger_a_round(folder):
    watcher = Watcher(folder / "doc.yaml", "--out", folder / "out", "--format", "docx")
    try:
        seen = watcher.wait_for("全部就绪")
        (folder / "other.yaml").write_text("文种: 报告\n", encoding="utf-8")
        (folder / ".doc.yaml.swp").write_text("x", encoding="utf-8")
        (folder / "sed4gvumv").write_text("x", encoding="utf-8")  # sed -i's temporary file
        time.sleep(1.5)
        assert len(watcher.lines) == seen, watcher.lines[seen:]
    finally:
        watcher.stop()


def test_watch_refuses_a_missing_folder(tmp_path):
    done = subprocess.run([sys.executable, "-m", "reportgen", "watch", str(tmp_path / "nowhere")], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "找不到" in done.stderr


def test_a_replaced_seal_image_in_a_subfolder_is_rebuilt(tmp_path):
    from PIL import Image

    sealed = INPUTS / "sample-data-bureau-inspection-report.yaml"
    (tmp_path / "seals").mkdir()
    shutil.copy(INPUTS / "seal-sample.png", tmp_path / "seals" / "seal.png")
    (tmp_path / "doc.yaml").write_text(sealed.read_text(encoding="utf-8").replace("seal-sample.png", "seals/seal.png"),
                                       encoding="utf-8")
    watcher = Watcher(tmp_path / "doc.yaml", "--out", tmp_path / "out", "--format", "docx")
    try:
        seen = watcher.wait_for("全部就绪")
        with Image.open(tmp_path / "seals" / "seal.png") as image:
            image.rotate(90).save(tmp_path / "seals" / "seal.png")
        watcher.wait_for("全部就绪", watcher.wait_for("doc.yaml → ", seen))
    finally:
        watcher.stop()


def test_a_saved_ledger_file_rebuilds_the_documents_naming_it(tmp_path):
    shutil.copytree(INPUTS / "cycle-2025-巡察", tmp_path / "cycle")
    ledger = tmp_path / "cycle" / "台账" / "运输管理处.yaml"
    watcher = Watcher(tmp_path / "cycle" / "3-整改情况通报.yaml", "--out", tmp_path / "out", "--format", "pdf")
    try:
        seen = watcher.wait_for("全部就绪")
        time.sleep(1)  # it watches once the first round is shown
        ledger.write_text(ledger.read_text(encoding="utf-8").replace(
            "已开展联合执法3次", "已开展联合执法5次"), encoding="utf-8")
        watcher.wait_for("全部就绪", watcher.wait_for("3-整改情况通报.yaml → ", seen))
        assert "已开展联合执法5次" in pdf_text(tmp_path / "out" / "3-整改情况通报.pdf")
    finally:
        watcher.stop()
