"""署名, 成文日期 and 印章 (7.3.5): where each line stands and where the seal goes.

Unsealed: the block stands 2 characters from the right edge and the date starts 2 characters right of the
署名; a date longer than that keeps the 2 and pushes the 署名 left.  Sealed: the date stands 4 characters
from the right edge, the 署名 is centred over it, and the seal, centred on the date, presses both so they
sit a little below its centre, its top within one line of the text above.
"""
from __future__ import annotations

import base64
import math
from dataclasses import dataclass, field
from pathlib import Path

from docx.shared import Mm

from . import style


@dataclass(frozen=True)
class SignatureLine:
    """署名 or 成文日期, right-aligned ``right_chars`` characters from the 版心's right edge."""

    role: str
    text: str
    right_chars: float


@dataclass(frozen=True)
class SealView:
    """The seal image, placed relative to the top-left corner of the 署名's line."""

    url: str  # a data: URI
    diameter_mm: float
    left_pt: float
    top_pt: float


@dataclass(frozen=True)
class Signature:
    lines: list[SignatureLine] = field(default_factory=list)
    gap_lines: int = 1  # blank lines between the text above and the 署名
    sealed: bool = False
    seal: SealView | None = None
    after_lines: int = 0  # blank lines after the date, so the seal never touches the 附注 under it


def _data_uri(path: Path) -> str:
    """The image inside the intermediate itself: no writer reads a file, and the HTML is the same anywhere."""
    data = path.read_bytes()
    kind = "png" if data.startswith(b"\x89PNG") else "jpeg"
    return f"data:image/{kind};base64," + base64.b64encode(data).decode()


def _within_line(right_chars: float, text: str) -> float:
    """A 署名 longer than a line (it happens) wraps; every line stays inside the 版心."""
    return max(0.0, min(right_chars, style.PAGE.chars - style.set_width_chars(text)))


def unsealed(sign: str | None, date: str | None) -> Signature:
    shift = style.DATE_SHIFT_CHARS
    widths = {"sign": style.set_width_chars(sign or ""), "date": shift + style.set_width_chars(date or "")}
    block = max(widths["sign"] if sign else 0, widths["date"] if date else 0)
    return Signature([SignatureLine(role, text, _within_line(style.SIGNATURE_RIGHT_CHARS + block - widths[role], text))
                      for role, text in (("sign", sign), ("date", date)) if text])


def sealed(sign: str | None, date: str | None, image: str | None, diameter_mm: float) -> Signature:
    date_right = style.SEALED_DATE_RIGHT_CHARS
    date_width = min(style.set_width_chars(date or sign or ""), style.PAGE.chars - 2 * date_right)
    centre_right = date_right + date_width / 2  # characters from the right edge to the date's middle
    lines = []
    if sign:
        lines.append(SignatureLine("sign", sign, _within_line(centre_right - style.set_width_chars(sign) / 2, sign)))
    if date:
        lines.append(SignatureLine("date", date, date_right))
    line = style.PAGE.line_pitch.pt
    radius = Mm(diameter_mm).pt / 2
    centre_y = style.SEAL_CENTRE_LINES * line  # below the top of the 署名's line
    # Glyphs stand half the leading inside their line box: the text above ends that far over its box's
    # bottom, and the 附注 under the date begins that far under its box's top.
    half_leading = (line - style.SANHAO.pt) / 2
    # The fewest blank lines that keep the seal's top clear of the text above, and so within one line of it.
    gap = max(1, math.ceil((radius - centre_y - half_leading) / line))
    below = centre_y + radius - len(lines) * line - half_leading
    seal = None
    if image:
        centre_x = style.PAGE.text_width.pt - centre_right * style.PAGE.char_pitch.pt
        seal = SealView(_data_uri(Path(image)), diameter_mm, round(centre_x - radius, 2), round(centre_y - radius, 2))
    return Signature(lines, gap, True, seal, max(0, math.ceil(below / line)))
