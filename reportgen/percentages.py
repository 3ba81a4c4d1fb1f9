"""Shares printed as percentages, truthfully, with as many decimals as the document asks."""
from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

MAX_DECIMALS = 3  # 占比小数位 and a placeholder's :N go from 0 to this


class Share(str):
    """A percentage as printed, with the part and whole it was computed from, so that a placeholder may ask
    for it with other decimals (``{已完成占比:0}``)."""

    def __new__(cls, text: str, part: int, whole: int):
        made = super().__new__(cls, text)
        made.part, made.whole = part, whole
        return made


def percent(part: int, whole: int, decimals: int | None = None) -> Share:
    """``part`` of ``whole`` as a percentage, with ``decimals`` decimals, rounded half up — 27%, 72.7%, 72.73%.
    ``None`` is the house rule: one decimal, a trailing ".0" dropped (64.5%, 29%).

    Rounding never tells an untruth: a share short of the whole never reads 100% (1,999 of 2,000 is 99.9%:
    the last decimal is cut, not rounded up), and a share above nothing never reads 0% (1 of 10,000 is 0.01%:
    as many decimals as its first significant digit needs)."""
    exact = Decimal(part) * 100 / Decimal(whole)
    step = Decimal(1).scaleb(-(1 if decimals is None else decimals))
    value = exact.quantize(step, rounding=ROUND_HALF_UP)
    if value == 100 and part < whole:
        value = exact.quantize(step, rounding=ROUND_DOWN)
    elif value == 0 and part > 0:
        value = exact.quantize(Decimal(1).scaleb(min(exact.adjusted(), -(decimals or 0))), rounding=ROUND_HALF_UP)
    text = f"{value}"
    if decimals is None and "." in text:
        text = text.rstrip("0").rstrip(".")
    return Share(text + "%", part, whole)
