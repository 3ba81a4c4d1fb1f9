"""`make fuzz`: a long campaign of the properties in tests/test_properties.py, with counts.

    python scripts/fuzz.py [CASES] [SEED]

Every case — a well-formed document with hostile text, or a structure that is no document at all — must
end in a rendered PDF and DOCX or a clean refusal, within its time box.  Prints the cases run, documents
rendered, clean refusals and failures (which must be 0), and keeps each failing input in build/fuzz-failures/.
"""
from __future__ import annotations

import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportgen.pipeline import Builder  # noqa: E402
from tests.strategies import anything  # noqa: E402
from tests.test_properties import outcome  # noqa: E402


def main(cases: int, seed: int) -> int:
    counts: Counter = Counter()
    failures = ROOT / "build" / "fuzz-failures"
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        builder = Builder(Path(tmp))

        @settings(max_examples=cases, deadline=None, database=None, derandomize=False,
                  suppress_health_check=list(HealthCheck))
        @given(anything())
        def campaign(data):
            counts["cases"] += 1
            try:
                counts[outcome(data, builder)] += 1
            except BaseException:
                counts["failures"] += 1
                failures.mkdir(parents=True, exist_ok=True)
                case = failures / f"case-{counts['cases']:05d}.yaml"
                case.write_text(yaml.safe_dump(data, allow_unicode=False) + "\n# " +
                                traceback.format_exc().replace("\n", "\n# "), encoding="utf-8")
                print(f"failure kept in {case}", flush=True)
            if counts["cases"] % 100 == 0:
                print(f"{counts['cases']} cases, {time.perf_counter() - started:.0f} s", flush=True)

        import random

        random.seed(seed)
        campaign()
    print(f"\ncases run {counts['cases']}, documents rendered {counts['rendered']}, clean refusals "
          f"{counts['refused']}, failures {counts['failures']} ({time.perf_counter() - started:.0f} s)")
    return 1 if counts["failures"] else 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000, int(sys.argv[2]) if len(sys.argv) > 2 else 0))
