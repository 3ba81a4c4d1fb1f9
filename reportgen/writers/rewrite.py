"""Edits made to the HTML intermediate after a first layout (a continued cell, a tightened paragraph).

The intermediate is parsed with ElementTree, as the DOCX writer reads it, and written back so that
WeasyPrint's HTML parser builds the same tree: the doctype kept (without it a browser engine lays out in
quirks mode), void elements written ``<br/>``, every other element with its end tag (``<td/>`` would be
read as an open cell, ``<span/>`` would swallow the text after it).  An element found in a WeasyPrint
layout is matched with its twin here by its place among the elements of its tag.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

VOID = re.compile(r"<(area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)(\s[^<>]*)?></\1>")


def parse(html: str) -> tuple[str, ET.Element]:
    """(what precedes <html>: the doctype, the root element)."""
    start = html.find("<html")
    return html[:start], ET.fromstring(html[start:])


def serialize(prefix: str, root: ET.Element) -> str:
    return prefix + VOID.sub(r"<\1\2/>", ET.tostring(root, encoding="unicode", short_empty_elements=False))


def places(root, tag: str) -> dict[int, int]:
    """id() of each ``tag`` element of a parsed tree (WeasyPrint's or ElementTree's) → its place among them."""
    return {id(element): i for i, element in enumerate(root.iter(tag))}
