"""Numbers as the editor wrote them.

YAML reads ``35435.70`` as the float 35435.7, which prints without its zero, and ``1,234`` as text.  The loader
keeps each number's text from the YAML node (``WrittenInt``, ``WrittenFloat``: the value for arithmetic and
comparison, ``str()`` the text), and ``count`` and ``figure`` — the model's validators for declared counts and
figures — accept those, or a text such as “1,234” or “35,435.70”, as a number that prints as written.
"""
from __future__ import annotations

import math
import re

# Digits, thousands separated by commas or not, and decimals: 1234, 1,234, 35435.70, -2.5.
NUMBER_TEXT = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
COUNT_TEXT = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)$")  # a count: whole, not negative


class Written:
    """A number that prints as it was written (mixed into ``int`` and ``float``)."""

    def __new__(cls, value, text: str):
        made = super().__new__(cls, value)
        made.text = text
        return made

    def __str__(self) -> str:
        return self.text


class WrittenInt(Written, int):
    """An integer as written: 1,234."""


class WrittenFloat(Written, float):
    """A decimal number as written: 35435.70."""


def keep(value, text: str):
    """A number read from YAML with the text it was written as; anything else as it is.  Only texts of the
    usual shape are kept (a YAML oddity such as 0x1A or 1_000 prints as its value)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not NUMBER_TEXT.match(text.strip()):
        return value
    if isinstance(value, int):
        return WrittenInt(value, text.strip())
    if isinstance(value, float) and math.isfinite(value):
        return WrittenFloat(value, text.strip())
    return value


def parse(text: str) -> WrittenInt | WrittenFloat | None:
    """A number written as text (“1,234”, “35,435.70”), or None."""
    text = text.strip()
    if not NUMBER_TEXT.match(text):
        return None
    plain = text.replace(",", "")
    return WrittenFloat(float(plain), text) if "." in plain else WrittenInt(int(plain), text)


def _shown(value) -> str:
    return f"“{value}”" if isinstance(value, str) else f" {value}"


def count(value):
    """A declared count: a whole number, as written."""
    if isinstance(value, str) and (number := parse(value)) is not None:
        value = number
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, float) and value.is_integer() and value >= 0:
        return WrittenInt(int(value), str(value))
    raise ValueError(f"应为不小于 0 的整数，如 69 或 1,234，实际写的是{_shown(value)}")


def figure(value):
    """A declared figure: any number, as written."""
    if isinstance(value, str) and (number := parse(value)) is not None:
        return number
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if math.isfinite(value):
            return value
        raise ValueError(f"应为一个数，实际写的是{_shown(value)}（.nan、.inf 不是数）")
    raise ValueError(f"应为一个数，如 63、35435.70 或 1,234，实际写的是{_shown(value)}")
