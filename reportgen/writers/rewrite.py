"""Reading a WeasyPrint layout, and editing the HTML intermediate after it (a continued cell, a tightened
paragraph, a number kept with its unit).

The intermediate is parsed with ElementTree, as the DOCX writer reads it, and written back so that
WeasyPrint's HTML parser builds the same tree: the doctype kept (without it a browser engine lays out in
quirks mode), void elements written ``<br/>``, every other element with its end tag (``<td/>`` would be
read as an open cell, ``<span/>`` would swallow the text after it), a ``<style>``'s text as written.  An
element found in a layout is matched with its twin here by its place among the elements of its tag; an
intermediate the two parsers would read differently (a namespace, markup HTML restructures) is not edited.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

PX_PER_PT = 4 / 3  # WeasyPrint lays out in CSS pixels
VOID = re.compile(r"<(area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)(\s[^<>]*)?></\1>")
PREFIX = re.compile(r"\A\s*(<!DOCTYPE[^>]*>\s*)?(?=<html[\s>])")
RAW_TEXT = re.compile(r"(<(style|script)\b[^>]*>)(.*?)(</\2>)", re.S)
PARAGRAPH_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6")
RUNNING_TEXT = {"body"}  # the roles whose spacing a pass may adjust (headings are tightened by compose already)


def parse(html: str) -> tuple[str, ET.Element] | None:
    """(what precedes <html>: the doctype, the root element); None for an intermediate not to be edited."""
    prefix = PREFIX.match(html)
    if prefix is None or "xmlns" in html:
        return None
    try:
        return prefix.group(0), ET.fromstring(html[prefix.end():])
    except ET.ParseError:
        return None


def serialize(prefix: str, root: ET.Element) -> str:
    text = VOID.sub(r"<\1\2/>", ET.tostring(root, encoding="unicode", short_empty_elements=False))
    return prefix + RAW_TEXT.sub(lambda m: m.group(1) + _unescaped(m.group(3)) + m.group(4), text)


def _unescaped(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")


def root_element(document):
    """The laid-out document's root element (the box of <html> is the page's first child)."""
    return document.pages[0]._page_box.children[0].element


def page_root(page):
    """The box of <html> on ``page`` (its margin boxes, the page numbers, come after it)."""
    return page._page_box.children[0]


def matched(document, root: ET.Element, tag: str) -> tuple[dict[int, int], list[ET.Element]] | None:
    """id() of each ``tag`` element of the layout → its place, and ElementTree's ``tag`` elements by place;
    None when the two trees do not hold as many (HTML's parser restructured some markup)."""
    theirs = {id(element): i for i, element in enumerate(root_element(document).iter(tag))}
    ours = list(root.iter(tag))
    return (theirs, ours) if len(theirs) == len(ours) else None


def paragraph_boxes(box):
    """The (element, line boxes) of each paragraph under ``box`` that has lines, in order."""
    from weasyprint.formatting_structure import boxes

    for child in box.descendants():
        if isinstance(child, boxes.BlockBox) and child.element_tag in PARAGRAPH_TAGS:
            lines = [c for c in child.children if isinstance(c, boxes.LineBox)]
            if lines:
                yield child.element, lines


def role(element) -> str:
    """A paragraph's role: its first class."""
    return ((element.get("class") or "").split() or [""])[0]


def line_text(line) -> str:
    from weasyprint.formatting_structure import boxes

    return "".join(b.text for b in line.descendants() if isinstance(b, boxes.TextBox))


def running_paragraphs(document, portrait_only: bool = False) -> dict[int, tuple[object, list]]:
    """id(element) → (element, its line boxes, across pages) for each paragraph of running text."""
    found: dict[int, tuple[object, list]] = {}
    for page in document.pages:
        if portrait_only and page.width > page.height:
            continue
        for element, lines in paragraph_boxes(page_root(page)):
            if role(element) in RUNNING_TEXT:
                found.setdefault(id(element), (element, []))[1].extend(lines)
    return found
