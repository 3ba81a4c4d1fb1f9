"""`make fuzz`: a long campaign of the hostile-input properties of the tests, with counts.

    python scripts/fuzz.py [CASES] [SEED] [FAMILY ...]

Each family is one kind of input and its property: ``yaml`` — a well-formed document with hostile text, or
a structure that is no document at all, must end in a rendered PDF and DOCX or a clean refusal
(tests/test_properties.py); ``docx`` — bytes named .docx, from hostile to merely damaged, must end in YAML
or a clean refusal from ``reportgen import`` (tests/test_input_files.py).  CASES cases run for each family
named (all by default), each within its time box.  Prints the cases run, how each ended, and failures
(which must be 0); each failing input is kept in build/fuzz-failures/.  Another input (an XLSX ledger) joins
by registering a ``Family`` below: its cases, the outcome that tries one, and how to keep a failing one.
"""
from __future__ import annotations

import functools
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis.strategies import SearchStrategy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportgen.pipeline import Builder  # noqa: E402
from tests.strategies import anything, docx_files  # noqa: E402
from tests.test_input_files import import_outcome  # noqa: E402
from tests.test_properties import outcome  # noqa: E402


@dataclass(frozen=True)
class Family:
    """One kind of hostile input: ``cases`` makes them; ``attempt(case, folder)`` names how one ended and
    raises for anything unclean; ``keep(case, path, trace)`` writes a failing case to ``path`` (no suffix)."""
    cases: SearchStrategy
    attempt: Callable[[object, Path], str]
    keep: Callable[[object, Path, str], Path]


def _keep_yaml(data, path: Path, trace: str) -> Path:
    path = path.with_suffix(".yaml")
    path.write_text(yaml.safe_dump(data, allow_unicode=False) + "\n# " + trace.replace("\n", "\n# "), encoding="utf-8")
    return path


def _keep_bytes(suffix: str):
    def keep(data: bytes, path: Path, trace: str) -> Path:
        path.with_suffix(".txt").write_text(trace, encoding="utf-8")
        path = path.with_suffix(suffix)
        path.write_bytes(data)
        return path
    return keep


@functools.cache
def _builder() -> Builder:
    """One warm builder for every YAML case (WeasyPrint, fonts and the house CSS loaded once)."""
    return Builder(Path(tempfile.mkdtemp(prefix="fuzz-")))


FAMILIES = {
    "yaml": Family(anything(), lambda data, folder: outcome(data, _builder()), _keep_yaml),
    "docx": Family(docx_files(), import_outcome, _keep_bytes(".docx")),
}


def campaign(name: str, family: Family, cases: int, counts: Counter, failures: Path) -> None:
    started = time.perf_counter()

    @settings(max_examples=cases, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(family.cases)
    def run(case):
        counts[name, "cases"] += 1
        with tempfile.TemporaryDirectory() as folder:
            try:
                counts[name, family.attempt(case, Path(folder))] += 1
            except BaseException:
                counts[name, "failures"] += 1
                failures.mkdir(parents=True, exist_ok=True)
                kept = family.keep(case, failures / f"{name}-{counts[name, 'cases']:05d}", traceback.format_exc())
                print(f"failure kept in {kept}", flush=True)
        if counts[name, "cases"] % 100 == 0:
            print(f"{name}: {counts[name, 'cases']} cases, {time.perf_counter() - started:.0f} s", flush=True)

    run()


def main(cases: int, seed: int, names: list[str]) -> int:
    import random

    random.seed(seed)
    counts: Counter = Counter()
    started = time.perf_counter()
    for name in names:
        campaign(name, FAMILIES[name], cases, counts, ROOT / "build" / "fuzz-failures")
    print()
    for name in names:
        ends = ", ".join(f"{end} {n}" for (family, end), n in sorted(counts.items())
                         if family == name and end not in ("cases", "failures"))
        print(f"{name}: cases run {counts[name, 'cases']} ({ends}), failures {counts[name, 'failures']}")
    print(f"({time.perf_counter() - started:.0f} s)")
    return 1 if any(counts[name, "failures"] for name in names) else 0


if __name__ == "__main__":
    args = sys.argv[1:]
    numbers = [int(a) for a in args if a.isdigit()]
    names = [a for a in args if not a.isdigit()] or list(FAMILIES)
    sys.exit(main(numbers[0] if numbers else 10_000, numbers[1] if len(numbers) > 1 else 0, names))
