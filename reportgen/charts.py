"""The ledger's progress as a chart: one bar per category, split by 进展, with counts and a legend.

Drawn once, as SVG: the PDF embeds it as vectors (WeasyPrint draws its text in the house faces), the DOCX
gets a PNG rasterised from the same SVG.  Sizes are in millimetres so the chart sits on the 版心 grid.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from xml.sax.saxutils import escape

from . import style
from .model import Ledger, Status

# Distinct in colour and in grey, for offices that print in black and white.
COLOURS = {Status.DONE: "#7f1d1d", Status.PARTIAL: "#c2410c", Status.ONGOING: "#d6a06a",
           Status.IN_PROGRESS: "#9ca3af", Status.NOT_STARTED: "#e5e7eb"}
LABEL_WIDTH = 52.0  # mm for the category names
BAR = 7.0  # mm, bar height
GAP = 3.2  # mm between bars
TEXT = 3.9  # mm, label size (11 pt)
LEADING = 1.25  # label lines, in sizes


@dataclass(frozen=True)
class Chart:
    svg: str
    width_mm: float
    height_mm: float
    labels: tuple[str, ...]  # every text the chart prints (for readers of the DOCX, which gets a picture)


def label_lines(name: str) -> list[str]:
    """A category's name in as few lines as fit the label column, of even length (no lone last
    character): a chart never cuts a label."""
    room = int((LABEL_WIDTH - 2) / TEXT)
    count = math.ceil(style.set_width_chars(name) / room)
    size = math.ceil(len(name) / count)
    lines = [name[i:i + size] for i in range(0, len(name), size)]
    for i in range(1, len(lines)):  # closing punctuation stays on the line it closes
        while lines[i] and lines[i][0] in style.NO_LINE_START:
            lines[i - 1], lines[i] = lines[i - 1] + lines[i][0], lines[i][1:]
    return [line for line in lines if line]


def progress(ledger: Ledger) -> Chart:
    width = style.PAGE.text_width.mm
    plot = width - LABEL_WIDTH - 8
    rows = []
    for category in ledger.categories:
        measures = [*category.measures, *(m for p in category.problems for m in p.measures)]
        rows.append((category.name, [(s, sum(1 for m in measures if m.status is s)) for s in Status]))
    most = max(sum(n for _, n in counts) for _, counts in rows) or 1
    used = [s for s in Status if any(n for _, counts in rows for t, n in counts if t is s)]
    face = style.HEI.css.replace('"', "'")
    parts: list[str] = []
    labels: list[str] = []
    y = 2.0
    for name, counts in rows:
        lines = label_lines(name)
        height = max(BAR, len(lines) * TEXT * LEADING)
        bar_y = y + (height - BAR) / 2
        first = y + (height - len(lines) * TEXT * LEADING) / 2 + TEXT * 0.95
        spans = "".join(f'<tspan x="{LABEL_WIDTH - 2}" y="{first + i * TEXT * LEADING:.2f}">{escape(line)}</tspan>'
                        for i, line in enumerate(lines))
        parts.append(f'<text text-anchor="end">{spans}</text>')
        labels.append(name)
        x = LABEL_WIDTH
        for status, n in counts:
            if not n:
                continue
            w = plot * n / most
            parts.append(f'<rect x="{x:.2f}" y="{bar_y:.2f}" width="{w:.2f}" height="{BAR}" fill="{COLOURS[status]}"/>')
            colour = "#ffffff" if status in (Status.DONE, Status.PARTIAL) else "#111111"
            parts.append(f'<text x="{x + w / 2:.2f}" y="{bar_y + BAR * 0.72:.2f}" text-anchor="middle" '
                         f'fill="{colour}">{n}</text>')
            labels.append(str(n))
            x += w
        y += height + GAP
    y += 1
    x = LABEL_WIDTH
    for status in used:
        parts.append(f'<rect x="{x:.2f}" y="{y:.2f}" width="{TEXT}" height="{TEXT}" fill="{COLOURS[status]}"/>')
        parts.append(f'<text x="{x + TEXT + 1.5:.2f}" y="{y + TEXT * 0.85:.2f}">{status.value}</text>')
        labels.append(status.value)
        x += TEXT + 4 + TEXT * len(status.value)
    height = y + TEXT + 3
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}mm" height="{height:.1f}mm" '
            f'viewBox="0 0 {width} {height:.1f}" font-family="{escape(face)}" font-size="{TEXT}">')
    return Chart(head + "".join(parts) + "</svg>", width, round(height, 1), tuple(labels))
