"""Long text boxes cut into runs before WeasyPrint lays them out, so that one long paragraph costs linear time.

WeasyPrint breaks a text box into lines by re-encoding and re-decoding the box's whole remaining text for
every line (``box.text.encode()[skip:]``): a paragraph of n characters cost O(n²) — 50,000 characters
2.3 s, 600,000 characters 139 s.  Cut into runs of at most ``RUN_CHARS`` characters, each line only
touches its own run.  Runs are cut only between two ideographs, where a line may always break and no glyph
is shaped across the cut, so the lines come out exactly as before (a test compares them).

``install()`` is idempotent; it wraps the step that hands the box tree to the layout.
"""
from __future__ import annotations

import re

import weasyprint.document
from weasyprint.formatting_structure import boxes

RUN_CHARS = 2000
IDEOGRAPH_PAIR = re.compile(r"[\u4e00-\u9fff](?=[\u4e00-\u9fff])")


def runs(text: str, limit: int = RUN_CHARS) -> list[str]:
    """``text`` cut into pieces of about ``limit`` characters, each cut between two ideographs; a text
    without such a place after ``limit`` characters stays whole."""
    pieces, start = [], 0
    while len(text) - start > limit:
        cut = IDEOGRAPH_PAIR.search(text, start + limit - 1)
        if cut is None:
            break
        pieces.append(text[start:cut.end()])
        start = cut.end()
    pieces.append(text[start:])
    return pieces


def cut_long_text(box) -> None:
    """Replaces every long text box under ``box`` by consecutive boxes of the same style."""
    if not isinstance(box, boxes.ParentBox):
        return
    children = []
    for child in box.children:
        if isinstance(child, boxes.TextBox) and len(child.text) > RUN_CHARS:
            children += [child.copy_with_text(piece) for piece in runs(child.text, RUN_CHARS)]
        else:
            cut_long_text(child)
            children.append(child)
    box.children = children


_layout_document = weasyprint.document.layout_document


def layout_document(html, root_box, context, *args, **kwargs):
    cut_long_text(root_box)
    return _layout_document(html, root_box, context, *args, **kwargs)


def install() -> None:
    weasyprint.document.layout_document = layout_document
