"""`make bench`: whole-process timings on this machine, printed and written to bench/results.md.

Each figure is the median of RUNS whole-process runs after a warm-up run (font caches and LibreOffice's
profile exist), side by side in one run with LibreOffice converting the same DOCX.
"""
from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import generate  # noqa: E402

SEED = ROOT / "inputs" / "seed-000-cac-inspection-notice.yaml"
RUNS = 5
REPORTGEN = [sys.executable, "-m", "reportgen"]


def timed(command: list[str]) -> tuple[float, int]:
    """Seconds and peak resident memory (bytes) of one run of ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0,):
        raise SystemExit(f"failed: {' '.join(map(str, command))}")
    return time.perf_counter() - start, usage.ru_maxrss * 1024


def median_of(command: list[str], runs: int = RUNS, before=None) -> float:
    if before:
        before()
    timed(command)  # warm-up
    samples = []
    for _ in range(runs):
        if before:
            before()
        samples.append(timed(command)[0])
    return statistics.median(samples)


def stages() -> dict[str, float]:
    """Where the time of one build goes, measured inside one process."""
    out: dict[str, float] = {}
    start = time.perf_counter()
    import weasyprint  # noqa: F401  (imported here so its cost is counted with the imports)

    from reportgen import compose, loader
    from reportgen.writers.docx import DocxWriter
    from reportgen.writers.pdf import PdfWriter
    out["import (Python, WeasyPrint, python-docx)"] = time.perf_counter() - start

    t = time.perf_counter()
    html = compose.html(loader.load(SEED))
    out["load YAML + compose HTML"] = time.perf_counter() - t

    t = time.perf_counter()
    writer = PdfWriter(compose.css(), str(compose.TEMPLATES))
    out["PDF writer set-up (CSS, fonts)"] = time.perf_counter() - t

    t = time.perf_counter()
    document = writer.layout(html)
    out[f"PDF layout ({len(document.pages)} pages)"] = time.perf_counter() - t

    t = time.perf_counter()
    document.write_pdf()
    out["PDF writing (drawing, font subsetting, compression)"] = time.perf_counter() - t

    t = time.perf_counter()
    DocxWriter().render(html)
    out["DOCX writing"] = time.perf_counter() - t
    return out


def watch_latency(source: Path, folder: Path, edits: int = 5) -> float:
    """Median seconds from saving an edit to both outputs rewritten, with `reportgen watch` running."""
    folder.mkdir(parents=True)
    doc = folder / source.name
    shutil.copy(source, doc)
    outputs = [folder / "out" / f"{doc.stem}.{fmt}" for fmt in ("pdf", "docx")]
    watcher = subprocess.Popen([*REPORTGEN, "watch", str(doc), "--out", str(folder / "out")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not all(p.exists() for p in outputs):
            time.sleep(0.01)
        seconds = []
        for i in range(edits):
            time.sleep(0.5)
            before = [p.stat().st_mtime_ns for p in outputs]
            started = time.perf_counter()
            doc.write_text(doc.read_text(encoding="utf-8") + f"\n# edit {i}\n", encoding="utf-8")
            while any(p.stat().st_mtime_ns == b for p, b in zip(outputs, before)):
                time.sleep(0.002)
            seconds.append(time.perf_counter() - started)
        return statistics.median(seconds)
    finally:
        watcher.terminate()
        watcher.wait()


def cycle_row(tmp: Path) -> tuple[str, str, str]:
    """The five documents of a 整改 cycle over a 300-measure ledger, built around ledger files and with the
    same ledger inline in each: the fastest of two batch builds each, taken in turn (the machine is shared)."""
    seconds = {"files": [], "inline": []}
    for _ in range(2):
        for variant in seconds:
            command = [*REPORTGEN, "build", str(tmp / "in" / "cycle" / variant), "--out", str(tmp / f"cycle-{variant}"),
                       "--force", "-q"]
            seconds[variant].append(timed(command)[0])
    files, inline = min(seconds["files"]), min(seconds["inline"])
    return ("a 整改 cycle of 5 documents over a 300-measure ledger in 2 files (inline ledgers)",
            f"{files:.1f} s ({inline:.1f} s)", f"≤ 1.5× inline: {files / inline:.2f}×")


def scaling(folder: Path, out: Path) -> list[tuple[str, str, str]]:
    """One long paragraph at growing lengths, and the 10,000-measure ledger: time and peak memory grow
    linearly (they grew quadratically: 50k characters 2.3 s, 100k 10 s, 600k 139 s)."""
    rows = []
    for characters in generate.PARAGRAPHS:
        source = folder / f"paragraph-{characters // 1000}k.yaml"
        seconds, peak = timed([*REPORTGEN, "build", str(source), "--out", str(out), "--force", "-q"])
        rows.append((f"one paragraph of {characters:,} characters → PDF + DOCX", f"{seconds:.1f} s",
                     f"{seconds * 1e6 / characters:.0f} µs a character; peak {peak / 2**20:.0f} MB"
                     + ("; target ≤ 10 s" if characters == 600_000 else "")))
    seconds, peak = timed([*REPORTGEN, "build", str(folder / "ledger-10000.yaml"), "--out", str(out), "--force", "-q"])
    rows.append(("ledger of 10,000 measures → PDF + DOCX", f"{seconds:.0f} s",
                 f"peak {peak / 2**20:.0f} MB; target ≤ 60 s, ≤ 1 GB"))
    return rows


def main() -> int:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        generate.main(str(tmp / "in"))
        out = tmp / "out"

        single = median_of([*REPORTGEN, "build", str(SEED), "--out", str(out), "--force", "-q"])
        rows.append(("seed 000 (20 pages) → PDF + DOCX, whole process, cold", f"{single:.2f} s", "≤ 2.0 s"))
        pdf_only = median_of([*REPORTGEN, "build", str(SEED), "--out", str(out), "--force", "-q", "--format", "pdf"])
        rows.append(("seed 000 → PDF only", f"{pdf_only:.2f} s", ""))
        if soffice:
            docx = out / f"{SEED.stem}.docx"
            office = median_of([soffice, f"-env:UserInstallation=file://{tmp / 'profile'}", "--headless",
                                "--convert-to", "pdf", "--outdir", str(tmp / "office"), str(docx)])
            rows.append(("LibreOffice `soffice --convert-to pdf` of the same DOCX", f"{office:.2f} s",
                         f"reportgen is {office / single:.2f}× its speed"))

        batch = tmp / "in" / "batch"
        clean = lambda: shutil.rmtree(tmp / "batch-out", ignore_errors=True)  # noqa: E731
        hundred = median_of([*REPORTGEN, "build", str(batch), "--out", str(tmp / "batch-out"), "-q"], runs=3,
                            before=clean)
        rows.append(("100 documents of ~3 pages, one batch on 2 cores", f"{hundred:.1f} s",
                     f"≤ 30 s ({hundred * 10:.0f} ms a document)"))
        noop = median_of([*REPORTGEN, "build", str(batch), "--out", str(tmp / "batch-out"), "-q"])
        rows.append(("no-op rebuild of those 100", f"{noop:.2f} s", "≤ 1 s"))
        for name, source in (("seed 000 (20 pages)", SEED), ("seed 003 (4 pages)", SEED.with_name(
                "seed-003-ideology-inspection-report.yaml"))):
            latency = watch_latency(source, tmp / f"watch-{name.split()[1]}")
            rows.append((f"`reportgen watch`: save → {name} PDF + DOCX rewritten", f"{latency:.2f} s", "well under 1 s"))
        validate = median_of([*REPORTGEN, "validate", str(SEED)])
        rows.append(("`reportgen validate` of one file", f"{validate:.2f} s", "≤ 0.3 s"))

        rows.append(cycle_row(tmp))
        imported = median_of([*REPORTGEN, "import", str(tmp / "in" / "台账.xlsx"), "-o", str(tmp / "台账.yaml"),
                              "--force"])
        rows.append(("`reportgen import` of a 台账 workbook, 1,000 measure rows → ledger YAML", f"{imported:.2f} s",
                     "≤ 2 s"))

        ledger = tmp / "in" / "ledger.yaml"
        seconds, peak = timed([*REPORTGEN, "build", str(ledger), "--out", str(out), "--force", "-q"])
        import pypdfium2

        pages = len(pypdfium2.PdfDocument(str(out / "ledger.pdf")))
        rows.append((f"ledger of 500 problems, 1,500 measures ({pages} pages) → PDF + DOCX", f"{seconds:.1f} s",
                     f"≤ 60 s; peak {peak / 2**20:.0f} MB (≤ 1.5 GB)"))
        rows += scaling(tmp / "in", out)
    parts = stages()

    lines = [
        "# Benchmarks",
        "",
        f"`make bench` on {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}: "
        f"whole-process runs, the median of {RUNS} after a warm-up (3 for the batch), one run for the ledger.",
        "",
        "| what | measured | target / note |",
        "| --- | ---: | --- |",
        *(f"| {a} | {b} | {c} |" for a, b, c in rows),
        "",
        "Where one build of seed 000 goes (inside one process):",
        "",
        "| stage | seconds |",
        "| --- | ---: |",
        *(f"| {name} | {value:.3f} |" for name, value in parts.items()),
    ]
    text = "\n".join(lines) + "\n"
    (ROOT / "bench" / "results.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["scaling"]:  # only the curve: `python bench/bench.py scaling`
        with tempfile.TemporaryDirectory() as folder:
            generate.main(folder)
            for row in scaling(Path(folder), Path(folder) / "out"):
                print(" | ".join(row), flush=True)
        sys.exit(0)
    sys.exit(main())
