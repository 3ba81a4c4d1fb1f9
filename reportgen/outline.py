"""The outline a body's sections make: the level each heading is numbered at, and the refusal of a level the
house style has no number for.

A section's level is its 层级, or its parent's plus one; the 整改情况 narrative puts its headings at its 层级, or one
level below where it is inserted.  GB/T 9704 (7.3.3) numbers four levels — 一、 （一） 1. （1）: validate refuses a
fifth, so that build never meets one.
"""
from __future__ import annotations

from collections.abc import Iterator

from .model import Attachment, Document, Insert, Section
from .patterns import HEADING_NUMBERS

DEEPEST = len(HEADING_NUMBERS)


def levels(blocks, path: tuple, parent: int = 0) -> Iterator[tuple[tuple, int, Section | Insert]]:
    """(path, level, block) of every block that makes headings: sections, and inserted narratives."""
    for i, block in enumerate(blocks):
        if isinstance(block, Section):
            level = block.level or parent + 1
            yield (*path, i), level, block
            yield from levels(block.body, (*path, i, "body"), level)
        elif isinstance(block, Insert) and block.insert == "ledger":
            yield (*path, i), block.level or parent + 1, block


def check(doc: Document) -> Iterator[tuple[tuple, str]]:
    """(path, message) for each heading deeper than the fourth level."""
    bodies = [(("body",), doc.body)] + [(("attachments", i, "body"), a.body) for i, a in enumerate(doc.attachments)
                                         if isinstance(a, Attachment)]
    for base, blocks in bodies:
        for path, level, block in levels(blocks, base):
            if level > DEEPEST:
                what = "插入的整改情况在这里的类别标题" if isinstance(block, Insert) else "这里的标题"
                yield path, (f"{what}是第 {level} 级，公文的标题只有 {DEEPEST} 级（一、（一）1.（1））："
                             "请减少嵌套，或用 层级（level）写明上级标题的级别")
