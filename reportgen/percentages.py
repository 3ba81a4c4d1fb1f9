"""Shares printed as percentages, truthfully."""
from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

TENTH = Decimal("0.1")


def percent(part: int, whole: int) -> str:
    """``part`` of ``whole``: one decimal, rounded half up, a trailing ".0" dropped — 64.5%, 29% — except
    where rounding would tell an untruth.  A share short of the whole never reads 100% (1,999 of 2,000 is
    99.9%: the decimal is cut, not rounded up), and a share above nothing never reads 0% (1 of 10,000 is
    0.01%: as many decimals as its first significant digit needs)."""
    exact = Decimal(part) * 100 / Decimal(whole)
    value = exact.quantize(TENTH, rounding=ROUND_HALF_UP)
    if value == 100 and part < whole:
        value = exact.quantize(TENTH, rounding=ROUND_DOWN)
    elif value == 0 and part > 0:
        value = exact.quantize(Decimal(1).scaleb(exact.adjusted()), rounding=ROUND_HALF_UP)
    text = f"{value}"
    return (text.rstrip("0").rstrip(".") if "." in text else text) + "%"
