"""A number stays on the line of the character after it: “14项”, “6月1日”, never “14” / “项” across a line end.

From a layout: where a paragraph's line ends in a digit and the next line begins with a Chinese character (or
％), that line's characters are set a little tighter — a typesetter's 紧缩字距 on one line — so that the
character comes back onto it, or a little looser so that the number goes down to it, whichever changes less
(at most ``style.NUMBER_SPACING_LIMIT`` a character), with ``style.TIGHTEN_SLACK`` to spare (the word
processors then break there too).  The characters become a ``<span class="tight">`` with their
``data-tracking-pt``, which the DOCX writer gives its runs.
"""
from __future__ import annotations

import copy
import math
import re
import xml.etree.ElementTree as ET

from docx.shared import Length, Twips

from .. import intermediate, style
from . import rewrite

UNIT_START = re.compile(r"[\u3400-\u9fff%％]")
OPENING = set("“‘《〈（【〔「『")
ROUNDS = 3  # layouts, at most, each settling the next number a paragraph parts from its unit


def _lines(document) -> dict[int, tuple[object, list[str], list[float]]]:
    """id(element) → (element, its lines' texts, the room each line's justification spread, in pt) for
    every running paragraph, across pages."""
    from weasyprint.formatting_structure import boxes

    found = {}
    for key, (element, lines) in rewrite.running_paragraphs(document).items():
        texts = [rewrite.line_text(line) for line in lines]
        spacings = [max((getattr(b, "justification_spacing", 0) or 0 for b in line.descendants()
                         if isinstance(b, boxes.TextBox)), default=0) for line in lines]
        found[key] = (element, texts, [spacing * max(len(text) - 1, 0) / rewrite.PX_PER_PT
                                       for spacing, text in zip(spacings, texts)])
    return found


def _carried(after: str) -> int:
    """How many characters must come onto the line with the unit: itself, the punctuation after it that may
    not begin a line (“日，”), and an opening quotation mark with the character it opens (“日“不”: no line
    breaks on either side of a quotation mark)."""
    count = 1
    while count < len(after) and (after[count] in style.NO_LINE_START or after[count] in OPENING):
        count += 2 if after[count] in OPENING else 1
    return min(count, len(after))


def _splits(lines: list[str]) -> list[tuple[int, int, int, int]]:
    """(line, offset in the paragraph's text, characters, characters carried) of each line ending in a digit
    before a unit: the line with the characters that must come onto it."""
    out, start = [], 0
    for i, (line, after) in enumerate(zip(lines, lines[1:])):
        if line and after and line[-1].isdigit() and UNIT_START.match(after):
            out.append((i, start, len(line) + _carried(after), _carried(after)))
        start += len(line)
    return out


def _tracking(text: str, carried: int, room: float) -> Length | None:
    """The letter-spacing, for a line's characters, that keeps a number with the character after it: a
    little tighter to bring ``carried`` more characters (and the space owed after a digit) onto a line whose
    justification spread ``room`` pt, or a little looser to send the number down, whichever changes the
    spacing less, with ``style.TIGHTEN_SLACK`` to spare; None when either would take more than
    ``style.NUMBER_SPACING_LIMIT`` a character.  ``text``: the line's, with those carried.  The slack grows
    with the line's Chinese/Latin boundaries, whose space LibreOffice sets up to 0.7 pt wider than the PDF."""
    role, base = style.ROLES["body"], style.PAGE.tracking
    slack = style.TIGHTEN_SLACK.pt + style.AUTOSPACE_SPREAD.pt * style.autospace_gaps(text)
    needed = (role.size.pt + base.pt) * carried + role.size.pt * style.AUTOSPACE_EM - room + slack
    tighter = max(needed, 0) / len(text)
    looser = (room + slack) / (len(text) - carried)
    change = -tighter if tighter <= looser else looser
    if abs(change) > style.NUMBER_SPACING_LIMIT.pt:
        return None
    twips = math.floor(change * 20) if change < 0 else math.ceil(change * 20)  # whole twips, as Word stores it
    return Length(base + Twips(twips))


def _wrap(paragraph: ET.Element, start: int, length: int, tracking: Length) -> bool:
    """Sets characters ``start``…``start + length`` of ``paragraph``'s text tighter (or looser): the parts of
    its own text in tight spans, an inline element (a lead sentence, an 一是) lying wholly inside given the
    tracking too.  Whether anything changed: nothing does when the range cuts through an inline element."""
    end = start + length
    # (None for the paragraph's own text, or the child whose tail it is or that it is; where it starts; its
    # text, None for the child itself)
    pieces = [(None, 0, paragraph.text or "")]
    position = len(paragraph.text or "")
    for child in paragraph:
        inner = "".join(child.itertext())
        if position < end and start < position + len(inner) and not (start <= position and position + len(inner) <= end):
            return False
        pieces.append((child, position, None))
        position += len(inner)
        pieces.append((child, position, child.tail or ""))
        position += len(child.tail or "")
    value = f"{tracking.pt:.2f}"
    changed = False
    for owner, at, text in reversed(pieces):  # from the end: indices before stay valid
        if text is None:  # an inline element
            inner = "".join(owner.itertext())
            if inner and start <= at and at + len(inner) <= end:
                owner.set("data-tracking-pt", value)
                owner.set("style", f"letter-spacing: {value}pt")
                changed = True
            continue
        lo, hi = max(start, at), min(end, at + len(text))
        if lo >= hi:
            continue
        span = ET.Element("span", {"class": intermediate.TIGHT, "data-tracking-pt": value,
                                   "style": f"letter-spacing: {value}pt"})
        span.text, span.tail = text[lo - at:hi - at], text[hi - at:]
        if owner is None:
            paragraph.text = text[:lo - at]
            paragraph.insert(0, span)
        else:
            owner.tail = text[:lo - at]
            paragraph.insert(list(paragraph).index(owner) + 1, span)
        changed = True
    return changed


def _restore(paragraph: ET.Element, original: ET.Element) -> None:
    tail = paragraph.tail
    paragraph.clear()
    paragraph.text, paragraph.tail = original.text, tail
    paragraph.attrib.update(original.attrib)
    paragraph.extend(original)


def _boundaries(texts: list[str]) -> set[int]:
    """Where in the paragraph's text its lines begin (after the first)."""
    out, at = set(), 0
    for text in texts[:-1]:
        at += len(text)
        out.add(at)
    return out


def kept(writer, html: str, document):
    """(layout, intermediate) with numbers kept with the character after them where setting a line's
    characters a little tighter or looser does it; the ones given when no paragraph needs it.

    A round changes the first line of each paragraph that parts a number from its unit, then lays the
    document out again: a paragraph whose number still parts there, or a layout with more pages, is put back
    as it was.  Later lines reflow, so the next split of a paragraph waits for the next round."""
    parsed = rewrite.parse(html)
    if parsed is None:
        return document, html
    prefix, root = parsed
    tried: set[tuple[int, int]] = set()  # (place among the <p>, where the unit begins)
    for _ in range(ROUNDS):
        found = rewrite.matched(document, root, "p")
        if found is None:
            break
        theirs, ours = found
        aimed: dict[int, tuple[ET.Element, int]] = {}  # place → (the paragraph as it was, the unit's offset)
        for key, (element, texts, rooms) in _lines(document).items():
            place, paragraph = theirs[key], ours[theirs[key]]
            if "".join(paragraph.itertext()) != "".join(texts):
                continue  # white space the layout dropped: the offsets would not match
            for line, start, length, carried in _splits(texts):
                unit = start + length - carried
                if (place, unit) in tried:
                    continue
                tried.add((place, unit))
                original = copy.deepcopy(paragraph)
                tracking = _tracking("".join(paragraph.itertext())[start:start + length], carried, rooms[line])
                span = length if tracking is None or tracking < style.PAGE.tracking else length - carried
                if tracking is not None and _wrap(paragraph, start, span, tracking):
                    aimed[place] = (original, unit)
                break
        if not aimed:
            break
        candidate = rewrite.serialize(prefix, root)
        again = writer.layout(candidate)
        read = rewrite.matched(again, root, "p")
        places = read[0] if read else {}
        split = {places[key]: _boundaries(texts) for key, (_, texts, _) in _lines(again).items() if key in places}
        missed = {place for place, (_, unit) in aimed.items() if unit in split.get(place, ())}
        if read is None or len(again.pages) > len(document.pages):
            missed = set(aimed)
        for place in missed:
            _restore(ours[place], aimed[place][0])
        if len(missed) < len(aimed):
            html = candidate if not missed else rewrite.serialize(prefix, root)
            document = again if not missed else writer.layout(html)
    return document, html
