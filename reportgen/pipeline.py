"""The pipeline: YAML → Document → HTML intermediate → PDF and DOCX, written atomically into the build folder.

Everything for one document is made in memory first; files are written last, each through a temporary
file and a rename, so a failed build leaves the previous outputs intact.  A document whose inputs have not
changed (its YAML, the templates, reportgen's code, the fonts resolved) is skipped.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__, compose, fonts, loader
from .errors import BuildError, InputError, Problem

FORMATS = ("pdf", "docx")
STATE_FILE = ".reportgen-state.json"
PACKAGE = Path(__file__).parent


@dataclass
class Outcome:
    source: Path
    outputs: list[Path] = field(default_factory=list)
    skipped: bool = False
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems


def sources(paths: list[Path]) -> list[Path]:
    """YAML files named, or found (not recursively) in folders named, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
        else:
            found.append(path)
    return found


def write_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _digest_files(files) -> str:
    h = hashlib.sha256()
    for f in sorted(files):
        h.update(f.name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


class Builder:
    """Builds documents into ``out``; keeps the writers (and WeasyPrint's font cache) warm between them."""

    def __init__(self, out: Path, formats: tuple[str, ...] = FORMATS, templates: Path = compose.TEMPLATES,
                 force: bool = False, previews: bool = False):
        self.out, self.formats, self.templates, self.force = out, formats, templates, force
        self.previews = previews and "pdf" in formats
        self._pdf = self._docx = None
        self._state_path = out / STATE_FILE
        try:
            self._state = json.loads(self._state_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self._state = {}
        self._environment_key = None

    def environment_key(self) -> str:
        """Everything but the YAML that can change an output."""
        if self._environment_key is None:
            parts = [__version__, ",".join(self.formats), _digest_files(self.templates.iterdir()),
                     _digest_files(PACKAGE.rglob("*.py")), fonts.fingerprint()]
            self._environment_key = hashlib.sha256("\n".join(parts).encode()).hexdigest()
        return self._environment_key

    def targets(self, source: Path) -> list[Path]:
        files = [self.out / f"{source.stem}.{fmt}" for fmt in ("html", *self.formats)]
        if self.previews:
            files.append(self.out / "previews" / f"{source.stem}-p1.png")
        return files

    def build(self, source: Path) -> Outcome:
        started = time.perf_counter()
        outcome = Outcome(source, self.targets(source))
        try:
            raw = source.read_bytes()
        except OSError as e:
            outcome.problems = [Problem(str(source), 1, 1, "", f"无法读取文件：{e.strerror}")]
            return outcome
        key = hashlib.sha256(raw + self.environment_key().encode()).hexdigest()
        if not self.force and self._state.get(str(source)) == key and all(t.exists() for t in outcome.outputs):
            outcome.skipped = True
            return outcome
        try:
            doc = loader.load_text(loader.decode(raw, str(source)), str(source), base=source.parent)
        except InputError as e:
            outcome.problems = e.problems
            return outcome
        try:
            files, outcome.warnings = self.render(doc)
        except BuildError as e:
            outcome.problems = [Problem(str(source), 1, 1, "", f"生成失败：{e}")]
            return outcome
        for target, data in zip(outcome.outputs, files):
            write_atomic(target, data)
        if self.previews:
            from . import previews

            for name, png in previews.pages(files[1 + self.formats.index("pdf")]):
                write_atomic(self.out / "previews" / f"{source.stem}-{name}.png", png)
        self._state[str(source)] = key
        write_atomic(self._state_path, json.dumps(self._state, ensure_ascii=False, indent=1).encode())
        outcome.seconds = time.perf_counter() - started
        return outcome

    def render(self, doc) -> tuple[list[bytes], list[str]]:
        """One document → its files (HTML, then the formats asked for) and warnings, all in memory."""
        html = compose.html(doc, self.templates)
        files: list[bytes] = [html.encode()]
        warnings: list[str] = []
        # The PDF layout decides where the 版记 goes; the DOCX follows it, so it is laid out for DOCX too.
        placement = None
        if "pdf" in self.formats or doc.cc or doc.printed_by:
            pdf, missing, placement = self.pdf_writer().render(html)
            warnings += [f"字符“{chr(c)}”（U+{c:04X}）没有任何已安装的字体可以显示，PDF 中会是空框：请换用常用字，"
                         f"或安装含该字的字体" for c in missing]
        for fmt in self.formats:
            if fmt == "pdf":
                files.append(pdf)
            else:
                files.append(self.docx_writer().render(html, imprint=placement))
        return files, warnings

    def pdf_writer(self):
        if self._pdf is None:
            from .writers.pdf import PdfWriter
            self._pdf = PdfWriter(compose.css(self.templates), base_url=str(self.templates))
        return self._pdf

    def docx_writer(self):
        if self._docx is None:
            from .writers.docx import DocxWriter
            self._docx = DocxWriter()
        return self._docx


def build(paths: list[Path | str], out: Path | str = "build", formats: tuple[str, ...] = FORMATS,
          force: bool = False, previews: bool = False) -> list[Outcome]:
    """Builds every YAML document in ``paths`` into ``out``; the library entry point."""
    builder = Builder(Path(out), formats, force=force, previews=previews)
    return [builder.build(source) for source in sources([Path(p) for p in paths])]
