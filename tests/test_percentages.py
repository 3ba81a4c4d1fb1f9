"""The percentage rule on its own: one decimal, half up, never an untrue 100% or 0%."""
from __future__ import annotations

import pytest

from reportgen.percentages import percent


@pytest.mark.parametrize("part, whole, text", [
    (69, 107, "64.5%"), (31, 107, "29%"), (1, 16, "6.3%"), (0, 5, "0%"), (5, 5, "100%"),
    (1999, 2000, "99.9%"), (19999, 20000, "99.9%"), (9995, 10000, "99.9%"),  # short of the whole: not 100%
    (1, 10000, "0.01%"), (1, 30000, "0.003%"), (1, 2001, "0.05%"),  # above nothing: not 0%
    (1, 1999, "0.1%"), (1998, 2000, "99.9%"),  # where one decimal is already truthful
])
def test_a_share_reads_truthfully(part, whole, text):
    assert percent(part, whole) == text


@pytest.mark.parametrize("whole", [3, 7, 107, 1000, 2000, 9999, 10000, 123457])
def test_only_the_whole_reads_100_and_only_nothing_reads_0(whole):
    texts = [percent(part, whole) for part in range(whole + 1)] if whole < 20000 else \
        [percent(part, whole) for part in (0, 1, 2, whole - 2, whole - 1, whole)]
    assert texts[0] == "0%" and texts[-1] == "100%"
    assert "100%" not in texts[:-1] and "0%" not in texts[1:]
