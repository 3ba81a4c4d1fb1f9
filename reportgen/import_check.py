"""The last stage of ``reportgen import``: the YAML's text, as it will print, against the text that was read.

The imported document is composed into the HTML intermediate both writers read, and its paragraphs (table
cells too) are compared with the paragraphs read, whitespace aside.  Paragraphs joined or split differently
are no change; anything else — a character dropped, added or altered by the conversion (a typed number
kept or lost, a date normalised, a half-width comma made full-width) — is named with its context.  This is
one check over the whole result, so no rule of the importer can change the editor's text silently.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from difflib import SequenceMatcher

from .import_read import Line, Table
from .model import Document

LEAVES = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th"}
WHITESPACE = re.compile(r"\s+")
CONTEXT = 8  # characters shown either side of a change
MAX_DIFFED = 4000  # characters compared one by one; a longer changed stretch is named as a whole
MAX_SHOWN = 30  # changes listed; the rest are counted
MAX_ALIGNED = 1_000_000  # paragraphs read × printed that difflib aligns (its worst case is quadratic)


def _squeeze(text: str) -> str:
    return WHITESPACE.sub("", text)


def read_text(blocks: list[Line | Table]) -> list[str]:
    """The paragraphs read, table cells row by row."""
    out = []
    for block in blocks:
        if isinstance(block, Line):
            out.append(_squeeze(block.text))
        else:
            out += [_squeeze(cell.text) for row in block.rows for cell in row if cell is not None]
    return [text for text in out if text]


def printed_text(document: Document) -> list[str]:
    """The paragraphs the document prints, in order, as the intermediate holds them."""
    from .compose import html

    body = ET.fromstring(html(document)).find("body")
    return [text for element in body.iter() if element.tag in LEAVES
            and (text := _squeeze("".join(element.itertext())))]


def _shown(text: str) -> str:
    return text if len(text) <= 60 else text[:28] + "……" + text[-28:]


def _describe(before: str, after: str) -> list[tuple[tuple, str]]:
    """Each change between two stretches of text, with the words around it, keyed by what changed."""
    if len(before) > MAX_DIFFED or len(after) > MAX_DIFFED:
        return [((before, after), f"原文“{_shown(before)}”转换为“{_shown(after)}”")]
    out = []
    for op, a1, a2, b1, b2 in SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        old, new = before[a1:a2], after[b1:b2]
        context = f"“{before[max(0, a1 - CONTEXT):a1]}【{old}】{before[a2:a2 + CONTEXT]}”"
        if op == "replace":
            out.append(((old, new), f"{context}中的“{old}”改成了“{new}”"))
        elif op == "delete":
            out.append(((old, new), f"{context}中的“{old}”没有了"))
        elif op == "insert":
            out.append(((old, new), f"“{after[max(0, b1 - CONTEXT):b1]}【{new}】{after[b2:b2 + CONTEXT]}”多了“{new}”"))
    return out


def _differing(read: list[str], printed: list[str]):
    """The stretches of paragraphs that differ, as (read, printed) text.  Paragraphs are aligned by difflib
    between the common start and end; when that middle is too long for its quadratic worst case (a file
    built to be slow), paragraph by paragraph in order."""
    start = next((n for n, (a, b) in enumerate(zip(read, printed)) if a != b), min(len(read), len(printed)))
    end = next((n for n, (a, b) in enumerate(zip(reversed(read[start:]), reversed(printed[start:]))) if a != b),
               min(len(read), len(printed)) - start)
    read, printed = read[start:len(read) - end], printed[start:len(printed) - end]
    if len(read) * len(printed) > MAX_ALIGNED:
        pairs = [(a, b) for a, b in zip(read, printed) if a != b]
        rest = ("".join(read[len(printed):]), "".join(printed[len(read):]))
        yield from pairs + ([rest] if any(rest) else [])
        return
    for op, a1, a2, b1, b2 in SequenceMatcher(None, read, printed, autojunk=False).get_opcodes():
        before, after = "".join(read[a1:a2]), "".join(printed[b1:b2])
        if op != "equal" and before != after:
            yield before, after


def changes(blocks: list[Line | Table], document: Document) -> list[str]:
    """What the document prints differently from what was read (empty when every character is kept); the
    same change made in several places (a half-width comma made full-width) is named once, with its count."""
    read, printed = read_text(blocks), printed_text(document)
    if "".join(read) == "".join(printed):
        return []
    found: dict[tuple, list[str]] = {}
    for before, after in _differing(read, printed):
        for key, message in _describe(before, after):
            found.setdefault(key, []).append(message)
    listed = [messages[0] + (f"（同样的改动共 {len(messages)} 处）" if len(messages) > 1 else "")
              for messages in found.values()]
    if len(listed) > MAX_SHOWN:
        listed = listed[:MAX_SHOWN] + [f"……另有 {len(listed) - MAX_SHOWN} 种改动"]
    return listed
