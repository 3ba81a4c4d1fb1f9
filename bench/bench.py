"""`make bench`: whole-process timings on this machine, printed and written to bench/results.md.

Each figure is the median of RUNS runs after one warm-up run (font caches and LibreOffice's profile exist).
"""
from __future__ import annotations

import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "inputs" / "seed-000-cac-inspection-notice.yaml"
RUNS = 5


def timed(command: list[str], **kwargs) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, timeout=300, **kwargs)
    return time.perf_counter() - start


def median_of(command: list[str], **kwargs) -> float:
    timed(command, **kwargs)  # warm-up
    return statistics.median(timed(command, **kwargs) for _ in range(RUNS))


def stages() -> dict[str, float]:
    """Where the time of one build goes, measured inside one process."""
    out: dict[str, float] = {}
    start = time.perf_counter()
    from reportgen import compose, loader
    from reportgen.writers.docx import DocxWriter
    from reportgen.writers.pdf import PdfWriter
    import weasyprint  # noqa: F401  (imported here so its cost is counted with the imports)
    out["import (Python, WeasyPrint, python-docx)"] = time.perf_counter() - start

    t = time.perf_counter()
    doc = loader.load(SEED)
    html = compose.html(doc)
    out["load YAML + compose HTML"] = time.perf_counter() - t

    t = time.perf_counter()
    writer = PdfWriter(compose.css(), str(compose.TEMPLATES))
    out["PDF writer set-up (CSS, fonts)"] = time.perf_counter() - t

    t = time.perf_counter()
    document = writer._weasyprint.HTML(string=html, base_url=writer.base_url).render(
        stylesheets=[writer.css], font_config=writer.fonts)
    out[f"PDF layout ({len(document.pages)} pages)"] = time.perf_counter() - t

    t = time.perf_counter()
    document.write_pdf()
    out["PDF writing (font subsetting)"] = time.perf_counter() - t

    t = time.perf_counter()
    DocxWriter().render(html)
    out["DOCX writing"] = time.perf_counter() - t
    return out


def main() -> int:
    reportgen = [sys.executable, "-m", "reportgen"]
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        build = median_of([*reportgen, "build", str(SEED), "--out", str(tmp / "out"), "--force", "-q"])
        pdf_only = median_of([*reportgen, "build", str(SEED), "--out", str(tmp / "out"), "--force", "-q",
                              "--format", "pdf"])
        validate = median_of([*reportgen, "validate", str(SEED)])
        docx = tmp / "out" / f"{SEED.stem}.docx"
        subprocess.run([*reportgen, "build", str(SEED), "--out", str(tmp / "out"), "--force", "-q"], check=True)
        office = None
        if soffice:
            profile = tmp / "profile"
            office = median_of([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                                "pdf", "--outdir", str(tmp / "office"), str(docx)])
    parts = stages()

    rows = [
        ("seed 000 (20 pages) → PDF + DOCX, whole process", build),
        ("seed 000 → PDF only, whole process", pdf_only),
        ("`reportgen validate` of seed 000, whole process", validate),
    ]
    if office is not None:
        rows.append(("LibreOffice `soffice --convert-to pdf` of the same DOCX", office))
    lines = [
        "# Benchmarks",
        "",
        f"Machine: {platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}; "
        f"median of {RUNS} whole-process runs after a warm-up, written by `make bench`.",
        "",
        "| what | seconds |",
        "| --- | ---: |",
        *(f"| {name} | {value:.2f} |" for name, value in rows),
    ]
    if office is not None:
        lines += ["", f"reportgen (PDF + DOCX) is **{office / build:.1f}×** faster than LibreOffice's conversion alone."]
    lines += ["", "Where one build's time goes (inside one process):", "", "| stage | seconds |", "| --- | ---: |",
              *(f"| {name} | {value:.3f} |" for name, value in parts.items())]
    text = "\n".join(lines) + "\n"
    (ROOT / "bench" / "results.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
