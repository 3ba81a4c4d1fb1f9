"""The pipeline: YAML → Document → HTML intermediate → PDF and DOCX, written atomically into the build folder.

Everything for one document is made in memory first; files are written last, each through a temporary
file and a rename, so a failed build leaves the previous outputs intact.  A document whose inputs have not
changed (its YAML, the templates, reportgen's code, the fonts resolved) is skipped.
"""
from __future__ import annotations

import ctypes
import dataclasses
import hashlib
import json
import os
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__, compose, cycle, fonts, loader
from .discover import root, sources
from .errors import BuildError, InputError, Problem, os_reason, unexpected
from .writers import continuation

FORMATS = ("pdf", "docx")
ON_REQUEST = ("xlsx",)  # the 整改台账 as a workbook: only documents that print the ledger table have one
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
    key: str = ""  # what the outputs were built from (see ``Builder.environment_key``)
    assets: dict[str, str] = field(default_factory=dict)  # files the YAML names (the seal image) → digest
    written: dict[str, str] = field(default_factory=dict)  # each file written → digest of what it holds

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Job:
    """A document to build: its bytes as read when it was planned, and its key."""

    source: Path
    raw: bytes
    key: str
    warnings: tuple[Problem, ...] = ()  # found across the documents sharing its ledger


def write_atomic(target: Path, data: bytes) -> None:
    """``data`` into ``target`` through a temporary file and a rename; a file that cannot be written is a
    ``BuildError`` naming it and the reason."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except FileExistsError as e:  # a file stands where a folder must be
        raise BuildError(f"无法写入 {target}：{e.filename} 是一个文件，不是文件夹") from None
    except OSError as e:
        raise BuildError(f"无法写入 {target}：{os_reason(e)}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, target)
    except BaseException as e:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(e, OSError):
            raise BuildError(f"无法写入 {target}：{os_reason(e)}") from None
        raise


def _digest(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""


def _state(path: Path) -> dict:
    """The state file's records, or none when it is missing or holds anything but records (``[]``, ``null``,
    a damaged file): every document is then rebuilt.  A folder in its place is a ``BuildError``."""
    if path.is_dir():
        raise BuildError(f"状态文件 {path} 是一个文件夹：请删去或改名，它的位置要留给 reportgen 写入")
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def _digest_files(files) -> str:
    h = hashlib.sha256()
    for f in sorted(files):
        h.update(f.name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def _state_key(source: Path) -> str:
    return str(source.absolute())


class Builder:
    """Builds documents into ``out``; keeps the writers (and WeasyPrint's font cache) warm between them."""

    def __init__(self, out: Path, formats: tuple[str, ...] = FORMATS, templates: Path = compose.TEMPLATES,
                 force: bool = False, previews: bool = False, strict: bool = False, docx_seal: bool = False,
                 by_unit: bool = False, root: Path | None = None):
        """``root``: outputs mirror each source's path below it (``a/x.yaml`` → ``out/a/x.pdf``); without
        one, they are named after the source file alone."""
        if out.exists() and not out.is_dir():
            raise BuildError(f"输出目录 {out} 是一个文件，不是文件夹：请用 --out 指定一个文件夹")
        self.out, self.formats, self.templates, self.force = out, formats, templates, force
        self.root = root
        self.by_unit = by_unit  # the workbook has a sheet per 责任单位 too
        self.strict = strict  # warnings (a character no font has) fail the document
        self.docx_seal = docx_seal  # the seal image goes into the DOCX too
        self.previews = previews and "pdf" in formats
        self._pdf = self._docx = self._xlsx = None
        self._state_path = out / STATE_FILE
        self._state = _state(self._state_path)
        self._environment_key = None

    def environment_key(self) -> str:
        """Everything but the YAML that can change an output."""
        if self._environment_key is None:
            templates = (p for p in self.templates.rglob("*") if p.is_file())  # a subfolder of images too
            formats = ",".join(self.formats) + (" by-unit" if self.by_unit else "")
            parts = [__version__, formats, f"docx-seal={self.docx_seal}", _digest_files(templates),
                     _digest_files(PACKAGE.rglob("*.py")), fonts.fingerprint()]
            self._environment_key = hashlib.sha256("\n".join(parts).encode()).hexdigest()
        return self._environment_key

    def refresh(self) -> None:
        """Reads the templates, reportgen's code and the fonts again for the key (a long-running watch); the
        PDF writer is rebuilt when they changed, since it holds the parsed house CSS."""
        before, self._environment_key = self._environment_key, None
        if before is not None and self.environment_key() != before:
            self._pdf = None

    def assets(self) -> set[Path]:
        """The files the built documents name (their seal images)."""
        return {Path(path) for built in self._state.values() if isinstance(built, dict) for path in built.get("assets", {})}

    def stem(self, source: Path) -> Path:
        """Where ``source``'s outputs go below ``out``, without suffix: its path below ``root``."""
        if self.root is None:
            return Path(source.stem)
        return Path(os.path.relpath(source.absolute(), self.root.absolute())).with_suffix("")

    def targets(self, source: Path) -> list[Path]:
        stem = self.stem(source)
        files = [self.out / stem.with_name(f"{stem.name}.{fmt}") for fmt in ("html", *self.formats)]
        if self.previews:
            files.append(self.preview(source, "p1"))
        return files

    def preview(self, source: Path, page: str) -> Path:
        stem = self.stem(source)
        return self.out / "previews" / stem.with_name(f"{stem.name}-{page}.png")

    def plan(self, source: Path) -> Outcome | Job:
        """What ``source`` needs: nothing (a skipped or unreadable outcome), or a job with its key."""
        outcome = Outcome(source, self.targets(source))
        try:
            raw = loader.read(source)
        except InputError as e:
            outcome.problems = e.problems
            return outcome
        key = hashlib.sha256(raw + self.environment_key().encode()).hexdigest()
        if not self.force and self._up_to_date(source, key):
            outcome.skipped = True
            return outcome
        return Job(source, raw, key)

    def _up_to_date(self, source: Path, key: str) -> bool:
        """Built from this key; the files the YAML names (the seal image) are unchanged since; and every
        output is still there holding what this source made (not damaged, not another input's)."""
        built = self._state.get(_state_key(source))
        if not (isinstance(built, dict) and built.get("key") == key):
            return False
        written = {self.out / name: digest for name, digest in built.get("written", {}).items()}
        return (all(_digest(path) == digest for path, digest in built.get("assets", {}).items())
                and set(self.targets(source)) <= set(written)
                and all(_digest(str(path)) == digest for path, digest in written.items()))

    def make(self, job: Job) -> Outcome:
        """Builds one document and writes its files; never raises for a bad document."""
        started = time.perf_counter()
        source = job.source
        outcome = Outcome(source, self.targets(source), key=job.key)
        try:
            doc = loader.load_text(loader.decode(job.raw, str(source)), str(source), base=source.parent)
            if doc.seal is not None and doc.seal.image:
                outcome.assets[doc.seal.image] = _digest(doc.seal.image)
            outcome.assets |= doc._loaded.read  # ledger files, and documents consulted for 上期截至
            files, outcome.warnings = self.render(doc)
            outcome.warnings = [str(w) for w in (*doc._loaded.warnings, *job.warnings)] + outcome.warnings
            if self.strict and outcome.warnings:
                outcome.problems = [Problem(str(source), 1, 1, "", f"--strict：{w}") for w in outcome.warnings]
                outcome.warnings = []
                return outcome
            written = list(zip(outcome.outputs, files))
            if self.previews:
                from . import previews

                written += [(self.preview(source, name), png)
                            for name, png in previews.pages(files[1 + self.formats.index("pdf")])]
            for target, data in written:
                write_atomic(target, data)
                outcome.written[target.relative_to(self.out).as_posix()] = hashlib.sha256(data).hexdigest()
        except InputError as e:
            outcome.problems = e.problems
            return outcome
        except Exception as e:  # a BuildError; or a bug, or the memory cap: this document fails, not the batch
            outcome.problems = [Problem(str(source), 1, 1, "", f"生成失败：{unexpected(e)}")]
            return outcome
        outcome.seconds = time.perf_counter() - started
        return outcome

    def record(self, outcome: Outcome) -> None:
        """Remembers a built document's key (the state file is written by this process only)."""
        if outcome.ok and outcome.key:
            self._state[_state_key(outcome.source)] = {"key": outcome.key, "assets": outcome.assets,
                                                       "written": outcome.written}
            write_atomic(self._state_path, json.dumps(self._state, ensure_ascii=False, indent=1).encode())

    def build(self, source: Path) -> Outcome:
        planned = self.plan(source)
        if isinstance(planned, Outcome):
            return planned
        outcome = self.make(planned)
        self.record(outcome)
        return outcome

    def render(self, doc) -> tuple[list[bytes], list[str]]:
        """One document → its files (HTML, then the formats asked for) and warnings, all in memory."""
        html = compose.html(doc, self.templates)
        files: list[bytes] = [html.encode()]
        warnings: list[str] = []
        # The PDF layout decides where the 版记 goes and which merged cells a page break cuts, and the DOCX
        # follows it: a DOCX built alone is still laid out (no PDF written) when it has a 版记 or merged cells.
        placement, missing, paged = None, [], html
        if "pdf" in self.formats:
            pdf, missing, placement, paged = self.pdf_writer().render(html)
        elif "docx" in self.formats and (doc.cc or doc.printed_by or continuation.spans_rows(html)):
            placement, missing, paged = self.pdf_writer().place(html)
        warnings += [f"字符“{chr(c)}”（U+{c:04X}）没有任何已安装的字体可以显示，PDF 中会是空框：请换用常用字，"
                     f"或安装含该字的字体" for c in missing]
        for fmt in self.formats:
            if fmt == "pdf":
                files.append(pdf)
            elif fmt == "xlsx":
                files.append(self.xlsx_writer().render(html))
            else:
                files.append(self.docx_writer().render(paged, imprint=placement, seal=self.docx_seal))
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

    def xlsx_writer(self):
        if self._xlsx is None:
            from .writers.xlsx import XlsxWriter
            self._xlsx = XlsxWriter(by_unit=self.by_unit)
        return self._xlsx


# ---- many documents, on every core ------------------------------------------------------------------

_worker: Builder | None = None


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _start_worker(options: dict, coordinator: int) -> None:
    global _worker
    _die_with(coordinator)
    _worker = Builder(**options)
    _worker.pdf_writer()  # warm once: imports, fonts, house CSS


def _die_with(coordinator: int) -> None:
    """A worker ends when its coordinator does, even a coordinator killed by SIGKILL that could not stop
    it: Linux sends the worker SIGTERM then (the parent-death signal), which unwinds the job at hand —
    its temporary files removed — and exits."""
    signal.signal(signal.SIGTERM, _orphaned)
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != coordinator:  # it died before the signal was asked for
        os._exit(1)


def _orphaned(signum, frame):
    raise SystemExit(1)


def _work(job: Job) -> Outcome:
    try:
        return _worker.make(job)
    except SystemExit:  # orphaned mid-job: the executor would wait forever for a new one
        os._exit(1)


def _clashes(builder: Builder, files: list[Path]) -> dict[Path, Outcome]:
    """Sources whose outputs would bear one name (``x.yaml`` and ``x.yml``): each is refused, naming the
    other, rather than one silently overwriting the other."""
    by_stem: dict[Path, list[Path]] = {}
    for source in files:
        by_stem.setdefault(builder.stem(source), []).append(source)
    refused = {}
    for stem, same in by_stem.items():
        for source in same if len(same) > 1 else ():
            others = "、".join(str(other) for other in same if other is not source)
            refused[source] = Outcome(source, problems=[Problem(
                str(source), 1, 1, "", f"与 {others} 的输出同名（{builder.out / stem}.*），会互相覆盖：请给其中一个改名")])
    return refused


def _with_agreement(builder: Builder, planned: Outcome | Job, found) -> Outcome | Job:
    """A job with what the documents sharing its ledger say of it: failed for an error, else its warnings."""
    if not isinstance(planned, Job) or found is None:
        return planned
    errors, warnings = found
    if errors:
        return Outcome(planned.source, builder.targets(planned.source), problems=errors)
    return dataclasses.replace(planned, warnings=tuple(warnings))


def run(builder: Builder, files: list[Path], jobs: int = 0, progress=None) -> list[Outcome]:
    """Builds ``files`` with ``jobs`` worker processes (0: one per core), each one warm for all its
    documents; skips and records in this process.  ``progress(outcome)`` is called as each one ends."""
    clashes = _clashes(builder, files)
    planned = [clashes.get(source) or builder.plan(source) for source in files]
    across = cycle.agreement([p.source for p in planned if isinstance(p, Job)], files)
    planned = [_with_agreement(builder, p, across.get(p.source)) for p in planned]
    work = [p for p in planned if isinstance(p, Job)]
    jobs = min(jobs or os.cpu_count() or 1, len(work))
    made: dict[Path, Outcome] = {}
    report = progress or (lambda outcome: None)
    for outcome in planned:
        if isinstance(outcome, Outcome):
            report(outcome)
    if jobs <= 1:
        for job in work:
            made[job.source] = outcome = builder.make(job)
            builder.record(outcome)
            report(outcome)
    else:
        import concurrent.futures
        import multiprocessing

        options = dict(out=builder.out, formats=builder.formats, templates=builder.templates,
                       force=builder.force, previews=builder.previews, strict=builder.strict,
                       docx_seal=builder.docx_seal, by_unit=builder.by_unit, root=builder.root)
        context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
        with concurrent.futures.ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker,
                                                    initargs=(options, os.getpid())) as pool:
            for future in concurrent.futures.as_completed([pool.submit(_work, job) for job in work]):
                outcome = future.result()
                made[outcome.source] = outcome
                builder.record(outcome)
                report(outcome)
    return [made.get(p.source, p) if isinstance(p, Job) else p for p in planned]


def build(paths: list[Path | str], out: Path | str = "build", formats: tuple[str, ...] = FORMATS,
          force: bool = False, previews: bool = False, jobs: int = 0) -> list[Outcome]:
    """Builds every YAML document in ``paths`` into ``out``; the library entry point."""
    paths = [Path(p) for p in paths]
    builder = Builder(Path(out), formats, force=force, previews=previews, root=root(paths))
    return run(builder, sources(paths), jobs)
