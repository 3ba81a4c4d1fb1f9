"""`make fuzz`: a long campaign of hostile cases, family by family, on every core.

    python scripts/fuzz.py [CASES] [SEED] [--jobs N] [--render-every K] [--family NAME ...]

Each family generates cases (Hypothesis) and checks one property: every case ends in an accepted result or a
clean refusal (``InputError``, ``BuildError``), within its time box — never anything else.  A case is
cheap to check at the door and dear to render, so every case is checked (validated, composed) and every
K-th accepted case is also rendered to PDF and DOCX; the workers stay warm (WeasyPrint, fonts, house CSS)
for all their cases.  Prints, per family, cases run, accepted, rendered, refused and failures (which must be
0), and keeps each failing case in build/fuzz-failures/.

Families: ``documents`` (hostile text and structures; ``large-documents`` with 100 kB paragraphs), ``templates``
(an office's customised template: runaway loops, allocations, fetches, malformed HTML) and ``docx`` (bytes named
.docx, hostile to merely damaged, through ``reportgen import``).  A family is registered with
``@family(NAME, STRATEGY, SHARE)`` on a function ``(case, worker, render) → outcome``; SHARE weighs its part of
the cases (an XLSX family joins the same way).
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportgen import budget, compose  # noqa: E402
from reportgen.errors import BuildError  # noqa: E402
from reportgen.loader import load_text  # noqa: E402
from reportgen.pipeline import Builder  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from tests.strategies import anything, documents, docx_files, hostile, huge, template_payloads  # noqa: E402
from tests.test_input_files import import_outcome  # noqa: E402
from tests.test_properties import outcome  # noqa: E402

FAILURES = ROOT / "build" / "fuzz-failures"
RENDER_SECONDS = 0.5  # a template's render budget in the campaign (a runaway loop costs this much)
MEMORY = 2**30  # each worker's cap: a template filling memory meets it sooner


@dataclass
class Worker:
    """What a worker process keeps warm across its cases."""

    folder: Path
    builder: Builder
    templates: Path


@dataclass(frozen=True)
class Family:
    strategy: Callable
    check: Callable[[object, Worker, bool], str]
    share: float


FAMILIES: dict[str, Family] = {}


def family(name: str, strategy: Callable, share: float = 1.0):
    def register(check):
        FAMILIES[name] = Family(strategy, check, share)
        return check
    return register


@family("documents", lambda: anything(large=False))
def document_case(data, worker: Worker, render: bool) -> str:
    """Hostile text and structures: validated, and rendered when sampled."""
    return outcome(data, worker.builder, render=render)


# ~100 kB paragraphs cost a second each to parse: a few of them
family("large-documents", lambda: documents(st.one_of(hostile, huge)), share=0.02)(document_case)


SMALL = "文种: 通报\n标题: 定制模板\n正文: [正文一段。]\n署名: 甲\n成文日期: 2025-07-03\n抄送: [乙]\n印发机关: 丙\n"


@family("templates", template_payloads)
def template_case(payload: str, worker: Worker, render: bool) -> str:
    """An office's customised template: composed in the sandbox, and rendered (its fetches) when sampled."""
    (worker.templates / "notice.html.j2").write_text(
        '{% extends "base.html.j2" %}\n{% block title %}' + payload + "{{ super() }}{% endblock %}\n", "utf-8")
    try:
        doc = load_text(SMALL, "small.yaml")
        if not render:
            compose.html(doc, worker.templates)
            return "validated"
        worker.builder.render(doc)
        return "rendered"
    except BuildError:
        return "refused"


@family("docx", docx_files, share=0.3)
def docx_case(data: bytes, worker: Worker, render: bool) -> str:
    """Bytes named .docx, from hostile to merely damaged: imported to YAML that validates, or refused."""
    with tempfile.TemporaryDirectory(dir=worker.folder) as folder:
        return import_outcome(data, Path(folder))


_worker: Worker | None = None


def _start(folder: str) -> None:
    global _worker
    budget.RENDER_SECONDS = RENDER_SECONDS
    budget.cap_memory(MEMORY)
    templates = Path(folder) / f"templates-{os.getpid()}"
    shutil.copytree(compose.TEMPLATES, templates)
    _worker = Worker(Path(folder), Builder(Path(folder) / "out", templates=templates), templates)
    _worker.builder.pdf_writer()
    _worker.builder.docx_writer()


def campaign(name: str, cases: int, seed: int, render_every: int) -> Counter:
    """``cases`` cases of one family in this worker; returns its counts."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as seeded

    counts: Counter = Counter()
    check = FAMILIES[name].check

    @settings(max_examples=cases, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @seeded(seed)
    @given(FAMILIES[name].strategy())
    def run(case):
        counts["cases"] += 1
        render = counts["accepted"] % render_every == 0
        try:
            result = check(case, _worker, render)
        except BaseException:
            counts["failures"] += 1
            FAILURES.mkdir(parents=True, exist_ok=True)
            kept = FAILURES / f"{name}-{seed}-{counts['cases']:05d}"
            if isinstance(case, bytes):  # a file (a DOCX): kept as it is, the traceback beside it
                kept.with_suffix(".txt").write_text(traceback.format_exc(), encoding="utf-8")
                kept = kept.with_suffix(".docx")
                kept.write_bytes(case)
            else:
                kept = kept.with_suffix(".yaml")
                kept.write_text(yaml.safe_dump(case, allow_unicode=False) + "\n# " +
                                traceback.format_exc().replace("\n", "\n# "), encoding="utf-8")
            print(f"failure kept in {kept}", flush=True)
            return
        counts[result] += 1
        counts["accepted"] += result != "refused"
        if counts["cases"] % 500 == 0:
            print(f"  {name} (seed {seed}): {counts['cases']} cases", flush=True)

    run()
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("cases", type=int, nargs="?", default=10_000)
    parser.add_argument("seed", type=int, nargs="?", default=0)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--render-every", type=int, default=50, help="render every K-th accepted case")
    parser.add_argument("--family", action="append", choices=sorted(FAMILIES), help="default: all")
    args = parser.parse_args()
    names = args.family or sorted(FAMILIES)
    weight = sum(FAMILIES[name].share for name in names)
    tasks = [(name, max(1, round(args.cases * FAMILIES[name].share / weight / args.jobs)), args.seed * 1000 + i,
              args.render_every) for name in names for i in range(args.jobs)]

    import concurrent.futures
    import multiprocessing

    started = time.perf_counter()
    totals = {name: Counter() for name in names}
    with tempfile.TemporaryDirectory() as folder, concurrent.futures.ProcessPoolExecutor(
            args.jobs, mp_context=multiprocessing.get_context("fork"), initializer=_start,
            initargs=(folder,)) as pool:
        futures = {pool.submit(campaign, *task): task[0] for task in tasks}
        for future in concurrent.futures.as_completed(futures):
            totals[futures[future]] += future.result()
            done = sum(c["cases"] for c in totals.values())
            print(f"{done} cases, {time.perf_counter() - started:.0f} s", flush=True)
    seconds = time.perf_counter() - started
    print()
    for name, counts in totals.items():
        print(f"{name}: cases {counts['cases']}, accepted {counts['accepted']} (rendered {counts['rendered']}), "
              f"refused {counts['refused']}, failures {counts['failures']}")
    cases = sum(c["cases"] for c in totals.values())
    failures = sum(c["failures"] for c in totals.values())
    print(f"{cases} cases in {seconds:.0f} s on {args.jobs} processes ({1000 * seconds * args.jobs / cases:.0f} ms "
          f"a case of one process), failures {failures}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
