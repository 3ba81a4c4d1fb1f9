"""A last page that would hold a line or two of running text is saved.

From a layout: when the last page holds at most ``style.SAVE_PAGE_LINES`` lines of running text and
nothing else (no 署名, table or 版记), paragraphs whose last line is short are set a little tighter, a line
shorter each — as a typesetter would (紧缩字距) — until the text ends a page earlier.  How tight is found by
laying the paragraph out alone at the 版心's width less ``style.TIGHTEN_SLACK`` (so that the word processors,
given the same spacing, break its lines alike), never tighter than ``style.TIGHTEN_LIMIT``.  The change is
kept only when the document does come out a page shorter.
"""
from __future__ import annotations

import copy

from docx.shared import Length, Twips

from .. import style
from . import rewrite

RELAYOUTS = 3  # layouts tried, each with more paragraphs tightened
KEPT_ON_LAST_PAGE = {"body", "heading-1", "heading-2", "heading-3", "heading-4", "note"}


def _last_page_lines(document) -> int | None:
    """How many lines the last page holds, when they are all running text; else None."""
    from weasyprint.formatting_structure import boxes

    page = document.pages[-1]
    root = rewrite.page_root(page)
    if any(isinstance(b, (boxes.TableBox, boxes.ReplacedBox)) for b in root.descendants()):
        return None
    count = 0
    for element, lines in rewrite.paragraph_boxes(root):
        if rewrite.role(element) not in KEPT_ON_LAST_PAGE:
            return None
        count += len(lines)
    return count or None


def _short_endings(document) -> list:
    """Each running paragraph on portrait pages whose last line holds at most ``style.SAVE_LAST_LINE_CHARS``
    characters, the last first: a line saved after the last page break moves text onto the page before,
    where one saved earlier may only widen the gap a heading kept with its text leaves."""
    return [element for element, lines in reversed(rewrite.running_paragraphs(document, portrait_only=True).values())
            if len(rewrite.line_text(lines[-1]).strip()) <= style.SAVE_LAST_LINE_CHARS
            and element.get("data-tracking-pt") is None]


class _Probe:
    """Lays one paragraph out alone, as the document's body holds it."""

    def __init__(self, writer, html: str):
        body = html.find("<body")
        self.writer, self.head = writer, html[:html.find(">", body) + 1]

    def lines(self, paragraph, tracking: Length, slack: Length) -> int:
        alone = copy.deepcopy(paragraph)
        alone.tail = None
        alone.set("style", f"letter-spacing: {tracking.pt:.2f}pt; margin-right: {slack.pt:.2f}pt")
        document = self.writer.layout(self.head + rewrite.serialize("", alone) + "</body></html>")
        return sum(len(lines) for page in document.pages for _, lines in rewrite.paragraph_boxes(rewrite.page_root(page)))

    def tightening(self, paragraph, lines: int) -> Length | None:
        """The least tightening (whole twips) that sets ``paragraph`` in a line fewer with the slack to spare."""
        base = style.PAGE.tracking
        if self.lines(paragraph, base, Length(0)) != lines:
            return None  # set differently alone than in the document: leave it
        steps = int(style.TIGHTEN_LIMIT.twips)
        if self.lines(paragraph, Length(base - Twips(steps)), style.TIGHTEN_SLACK) >= lines:
            return None
        low, high = 0, steps  # high saves a line, low does not
        while high - low > 1:
            middle = (low + high) // 2
            if self.lines(paragraph, Length(base - Twips(middle)), style.TIGHTEN_SLACK) < lines:
                high = middle
            else:
                low = middle
        return Length(base - Twips(high))


def saved(writer, html: str, document):
    """(layout, intermediate) a page shorter when tightening a few paragraphs saves the last page; else the
    ones given.  Paragraphs are tightened shortest last line first, as many as the last page has lines, and
    more when a heading kept with its text leaves a line free on an earlier page."""
    spare = _last_page_lines(document)
    if spare is None or spare > style.SAVE_PAGE_LINES or len(document.pages) < 2:
        return document, html
    parsed = rewrite.parse(html)
    found = parsed and rewrite.matched(document, parsed[1], "p")
    if not found:
        return document, html
    (prefix, root), (theirs, ours) = parsed, found
    lines = {key: len(boxes) for key, (_, boxes) in rewrite.running_paragraphs(document).items()}
    probe = _Probe(writer, html)
    candidates = iter(_short_endings(document))
    for _ in range(RELAYOUTS):
        tightened = 0
        for element in candidates:
            paragraph = ours[theirs[id(element)]]
            if "".join(paragraph.itertext()) != "".join(element.itertext()):
                continue  # not its twin after all
            tracking = probe.tightening(paragraph, lines[id(element)])
            if tracking is not None:
                paragraph.set("data-tracking-pt", f"{tracking.pt:.2f}")
                paragraph.set("style", f"letter-spacing: {tracking.pt:.2f}pt")
                tightened += 1
                if tightened == spare:
                    break
        if not tightened:
            break
        shorter = rewrite.serialize(prefix, root)
        again = writer.layout(shorter)
        if len(again.pages) < len(document.pages):
            return again, shorter
        spare = _last_page_lines(again) or 0
        if not spare or spare > style.SAVE_PAGE_LINES:
            break
    return document, html
