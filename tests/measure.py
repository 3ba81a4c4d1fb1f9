"""Reads a PDF back as glyph boxes so the tests can measure what was printed, in millimetres."""
from __future__ import annotations

import statistics
import unicodedata
from dataclasses import dataclass
from functools import cached_property

import pdfplumber
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

PT = 25.4 / 72


@dataclass
class Line:
    page: int  # 1-based
    baseline: float  # mm from the page top
    chars: list[dict]

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)

    @property
    def left(self) -> float:
        return self.chars[0]["x0"] * PT

    @property
    def right(self) -> float:
        return self.chars[-1]["x1"] * PT

    @property
    def size(self) -> float:
        return statistics.median(c["size"] for c in self.chars)

    @property
    def fonts(self) -> set[str]:
        return {c["fontname"].split("+")[-1] for c in self.chars}


def is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


class Measured:
    """The lines of a PDF, grouped by baseline, page by page."""

    def __init__(self, path):
        self.pdf = pdfplumber.open(path)

    @cached_property
    def pages(self) -> list[list[Line]]:
        out = []
        for number, page in enumerate(self.pdf.pages, 1):
            rows: dict[float, list] = {}
            for ch in page.chars:
                if not ch["text"].strip():
                    continue
                base = round((float(page.height) - ch["matrix"][5]) * PT, 1)
                key = next((k for k in rows if abs(k - base) < 1.5), base)
                rows.setdefault(key, []).append(ch)
            out.append([Line(number, k, sorted(v, key=lambda c: c["x0"])) for k, v in sorted(rows.items())])
        return out

    def is_landscape(self, page: int) -> bool:
        p = self.pdf.pages[page - 1]
        return p.width > p.height

    def rules(self, page: int) -> list[dict]:
        """Visible rects and lines at least 10 mm long."""
        p = self.pdf.pages[page - 1]
        return [r for r in p.rects + p.lines if max(r["x1"] - r["x0"], r["bottom"] - r["top"]) * PT >= 10]

    def is_table_page(self, page: int) -> bool:
        """A page holding a table: landscape, or five or more rules that are not 版心-wide horizontals."""
        others = [r for r in self.rules(page) if abs((r["x1"] - r["x0"]) * PT - 156) > 1.5]
        return self.is_landscape(page) or len(others) >= 5

    def text_pages(self) -> list[int]:
        """Pages of running text: portrait, no table, not blank, not a 版记 page."""
        return [n for n in range(1, len(self.pages) + 1)
                if not self.is_table_page(n) and self.body_lines(n) and not self.is_imprint_page(n)]

    @property
    def sizes_mm(self) -> list[tuple[float, float]]:
        return [(round(float(p.width) * PT, 1), round(float(p.height) * PT, 1)) for p in self.pdf.pages]

    def lines(self, size: float | None = None) -> list[Line]:
        return [ln for page in self.pages for ln in page if size is None or abs(ln.size - size) < 0.3]

    @cached_property
    def title_baseline(self) -> float:
        """Baseline of the title's first line (the largest text on page 1 that is not red)."""
        lines = [ln for ln in self.pages[0] if not self.is_red(ln)]
        biggest = max(ln.size for ln in lines)
        return next(ln.baseline for ln in lines if ln.size == biggest)

    @staticmethod
    def is_red(line: Line) -> bool:
        colour = line.chars[0].get("non_stroking_color") or ()
        return len(colour) == 3 and colour[0] > 0.7 and colour[1] < 0.3

    def body_lines(self, page: int) -> list[Line]:
        """三号 lines inside the type area (37–262 mm) of a page; on page 1, those under the title
        (份号, 密级 and 发文字号 above it are not on the body's grid)."""
        top = self.title_baseline if page == 1 else 37
        return [ln for ln in self.pages[page - 1] if abs(ln.size - 16) < 0.3 and top < ln.baseline < 263]

    def running_lines(self) -> list[Line]:
        """Body lines followed, on the same page, by a line of the same paragraph (it starts at the left edge)."""
        out = []
        for number in self.text_pages():
            lines = self.body_lines(number)
            for line, nxt in zip(lines, lines[1:]):
                if nxt.baseline - line.baseline < 12 and nxt.left < 28.6 and line.left < 40:
                    out.append(line)
        return out

    def is_imprint_page(self, page: int) -> bool:
        """A 版记 page: its text inside the 版心 is all smaller than 三号 (四号 抄送, 印发)."""
        inside = [ln for ln in self.pages[page - 1] if 37 < ln.baseline < 263] if page <= len(self.pages) else []
        return bool(inside) and all(ln.size < 15 for ln in inside)

    def text(self) -> str:
        return "".join(ln.text for ln in self.lines())

    def folios(self) -> dict[int, Line]:
        """The page-number line of each page ("— N —" below the type area)."""
        found = {}
        for number, page in enumerate(self.pages, 1):
            for line in page:
                if line.baseline > 262 and line.text.replace(" ", "").startswith("—"):
                    found[number] = line
        return found


def pdf_text(path) -> str:
    """A PDF's text without white space (the gap set between Chinese and digits reads as a space to text
    extraction, but is not text) and without page numbers (a sentence may run on over a page break)."""
    import re

    with pdfplumber.open(path) as pdf:
        text = re.sub(r"\s+", "", "".join(page.extract_text() for page in pdf.pages))
    return re.sub(r"—\d+—", "", text)


def docx_text(document) -> str:
    """The text a reader of the DOCX sees, in order: page 1's own header (a 函's letterhead), then the body's
    paragraphs and table cells (a merged cell once)."""
    parts = [p.text for p in document.sections[0].first_page_header.paragraphs] \
        if document.sections[0].different_first_page_header_footer else []
    for block in document.element.body.iterchildren():
        if block.tag == qn("w:p"):
            parts.append(Paragraph(block, document).text)
        elif block.tag == qn("w:tbl"):
            seen = set()  # lxml elements, kept alive so no two share an identity
            for row in Table(block, document).rows:
                for cell in row.cells:
                    if cell._tc not in seen:
                        seen.add(cell._tc)
                        parts.append(cell.text)
    return "".join(parts)


def coverage(rendered: str, reference: str) -> float:
    """Share of the reference's characters found, in order, in the rendered text (both NFKC, no white space,
    no page numbers): how much of the reference the output carries."""
    import difflib
    import re

    def normal(text: str) -> str:
        text = unicodedata.normalize("NFKC", re.sub(r"[—－\-–]{1,2}\s*\d+\s*[—－\-–]{1,2}", "", text))
        return re.sub(r"\s+", "", text)

    a, b = normal(reference), normal(rendered)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / max(len(a), 1)
