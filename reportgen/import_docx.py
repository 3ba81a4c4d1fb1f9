"""A DOCX → its paragraphs and tables, streamed from the package with ``unpack``'s limits.

Read from the XML rather than through python-docx, which skips text inside content controls (``w:sdt``)
and loads every part whole: here the main part is streamed, each paragraph or table let go once read, and
every piece of text Word shows is kept — runs inside hyperlinks, fields' results, smart tags, inserted
revisions, text boxes — while what Word does not show (deleted revisions, field codes, the fallback copy of
a drawing) is not.  What cannot become YAML text (pictures, footnotes, comments, Word's automatic
numbering) is counted and said in the notes.

Paragraph styles that name one of reportgen's roles (公文标题, 发文字号, 发文机关署名 … from ``style.py``, and
Word's own Title and Heading 1–4) travel with the text, so our own DOCX comes back field by field.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from lxml.etree import _Element as Element

from . import style
from .import_read import Cell, Line, Source, Table, continuations_joined, tidy
from .unpack import Package

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
MATH = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE_DOCUMENT = "/officeDocument"
ROLE_OF_STYLE = {role.word_style: key for key, role in
                 {**style.ROLES, **style.BANNER_ROLES, **style.IMPRINT_ROLES, **style.TABLE_ROLES}.items()}
ROLE_OF_STYLE |= {"Title": "title"} | {f"{h} {n}": f"heading-{n}" for h in ("Heading", "heading") for n in range(1, 5)}
BLOCKS = (W + "p", W + "tbl")
UNSHOWN = {W + "del", W + "moveFrom", W + "instrText", W + "delText", W + "delInstrText", MC + "Fallback",
           W + "pPr", W + "rPr", W + "tblPr", W + "trPr", W + "tcPr", W + "sectPr"}
CHARACTERS = {W + "tab": "\t", W + "ptab": "\t", W + "br": "\n", W + "cr": "\n", W + "noBreakHyphen": "\u2011"}
TEXT = {W + "t", MATH + "t"}
PICTURES = {W + "drawing", W + "pict", W + "object"}
WRAPPERS = {W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag"}  # around rows and cells too
REFERENCES = {W + "footnoteReference": "脚注", W + "endnoteReference": "尾注", W + "commentReference": "批注"}


class _TooLong(Exception):
    pass


def _number(value: str | None, default: int, base: int = 10) -> int:
    try:
        return int(value or "", base)
    except ValueError:
        return default


def _children(element: Element, tag: str):
    """The children of ``element`` with ``tag``, also inside content controls and custom XML around them."""
    for child in element:
        if child.tag == tag:
            yield child
        elif child.tag in WRAPPERS:
            yield from _children(child, tag)


def _on(props: Element | None, tag: str) -> bool:
    """A toggle property (bold …) set on: present, and not val="0"/"false"/"off"."""
    found = props.find(W + tag) if props is not None else None
    return found is not None and found.get(W + "val", "true") not in ("0", "false", "off")


@dataclass(frozen=True)
class _Style:
    name: str
    bold: bool
    numbered: bool


def _styles(package: Package, part: str) -> dict[str, _Style]:
    if part not in package.names:
        return {}
    styles = {}
    for element in package.xml(part).iter(W + "style"):
        name = element.find(W + "name")
        paragraph = element.find(W + "pPr")
        styles[element.get(W + "styleId", "")] = _Style(
            name.get(W + "val", "") if name is not None else "", _on(element.find(W + "rPr"), "b"),
            paragraph is not None and paragraph.find(W + "numPr") is not None)
    return styles


def _relationships(package: Package, part: str) -> list[tuple[str, str]]:
    """(type, part name) of each relationship of ``part``; external targets left out."""
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    if rels not in package.names:
        return []
    return [(r.get("Type", ""), posixpath.normpath(posixpath.join(folder, r.get("Target", "")).lstrip("/")))
            for r in package.xml(rels).iter(REL + "Relationship") if r.get("TargetMode") != "External"]


class _Reader:
    """Turns block elements into lines and tables, counting what has no place in YAML."""

    def __init__(self, styles: dict[str, _Style], limit: int):
        self.styles, self.limit = styles, limit
        self.size = 0
        self.line_break = "\n"  # in a table cell, a line break is where the writer fitted the text: ""
        self.numbered = self.pictures = 0
        self.references: dict[str, int] = {}

    def _style(self, props: Element | None, tag: str) -> _Style | None:
        found = props.find(W + tag) if props is not None else None
        return self.styles.get(found.get(W + "val", "")) if found is not None else None

    def _runs(self, element: Element, out: list[tuple[str, bool]], bold: bool = False) -> int:
        """Appends (text, bold) for what ``element`` shows, in order; returns the pictures in it."""
        pictures = 0
        for child in element:
            tag = child.tag
            if tag in UNSHOWN:
                continue
            if tag == W + "r":
                props = child.find(W + "rPr")
                character = self._style(props, "rStyle")
                pictures += self._runs(child, out, _on(props, "b") or bool(character and character.bold))
            elif tag in TEXT:
                out.append((child.text or "", bold))
            elif tag in CHARACTERS:
                out.append((self.line_break if tag == W + "br" else CHARACTERS[tag], bold))
            elif tag == W + "sym":  # a symbol font's character, e.g. F0FC for a Wingdings tick
                code = _number(child.get(W + "char"), 0x20, 16)
                out.append((chr(code) if 0x20 <= code < 0xD800 or 0xE000 <= code <= 0x10FFFF else "\ufffd", bold))
            elif tag in REFERENCES:
                self.references[REFERENCES[tag]] = self.references.get(REFERENCES[tag], 0) + 1
            else:
                if tag in PICTURES and child.find(f".//{W}txbxContent") is None:
                    pictures += 1
                pictures += self._runs(child, out, bold)
        return pictures

    def _count(self, text: str) -> None:
        self.size += len(text.encode())
        if self.size > self.limit:
            raise _TooLong

    def paragraph(self, p: Element) -> Line | None:
        if not len(p):
            return None
        props = p.find(W + "pPr")
        paragraph_style = self._style(props, "pStyle")
        runs: list[tuple[str, bool]] = []
        pictures = self._runs(p, runs)
        self.pictures += pictures
        text = tidy("".join(t for t, _ in runs))
        if not text and not pictures:
            return None
        self._count(text)
        if (props is not None and props.find(W + "numPr") is not None) or (paragraph_style and paragraph_style.numbered):
            self.numbered += 1
        bold = ""
        for piece, is_bold in runs:
            if not is_bold:
                break
            bold += piece
        bold = tidy(bold)
        lead = bold if bold and bold != text and bold[-1] in "。：:" else ""
        role = ROLE_OF_STYLE.get(paragraph_style.name, "") if paragraph_style else ""
        spacing = props.find(W + "spacing") if props is not None else None
        before = _number(spacing.get(W + "before"), 0) if spacing is not None else 0
        return Line(text, lead, role, pictures, before)

    def row(self, tr: Element) -> tuple[Cell | None, ...]:
        cells: list[Cell | None] = []
        for tc in _children(tr, W + "tc"):
            props = tc.find(W + "tcPr")
            merge = props.find(W + "vMerge") if props is not None else None
            if merge is not None and merge.get(W + "val", "continue") == "continue":
                cells.append(None)  # its text is in the cell above
                continue
            span = props.find(W + "gridSpan") if props is not None else None
            self.line_break = ""
            try:
                lines = [line for p in tc.iter(W + "p") if (line := self.paragraph(p))]
            finally:
                self.line_break = "\n"
            cells.append(Cell("\n".join(line.text for line in lines), lines[0].role if lines else "",
                              _number(span.get(W + "val"), 1) if span is not None else 1))
        return tuple(cells)

    def blocks(self, package: Package, part: str) -> list[Line | Table]:
        """The part's paragraphs and tables (a table's own paragraphs stay in it).  Each paragraph and each
        table row is let go once read, so at most one of them is held: it may not exceed ``max_held``
        elements (a table of a million empty cells would otherwise fill memory before its end)."""
        out: list[Line | Table] = []
        rows: list[tuple[Cell | None, ...]] = []
        held = 0
        for element, stack in package.events(part):
            held += 1
            if held > package.limits.max_held:
                raise package.refusal(f"其中的 {part} 有一段（或表格的一行）超过 {package.limits.max_held} 个 XML 元素"
                                      "（上限）：拒绝处理")
            inside = [a for a in stack if a.tag in BLOCKS]
            if element.tag == W + "tr" and [a.tag for a in inside] == [W + "tbl"]:
                rows.append(self.row(element))
            elif inside:
                continue
            elif element.tag == W + "tbl":
                out.append(Table(continuations_joined(rows)))
                rows = []
            elif element.tag == W + "p" and (line := self.paragraph(element)):
                out.append(line)
            if stack:
                stack[-1].remove(element)
            held = 0
        return out

    def notes(self) -> list[str]:
        notes = [f"原文有 {n} 处{what}，没有转换：请把需要的内容写进正文。" for what, n in self.references.items()]
        if self.numbered:
            notes.append(f"原文有 {self.numbered} 段用了 Word 的自动编号（编号不在文字里，没有转换）：请核对各级标题的层级。")
        return notes


def read_docx(path: Path, limit: int) -> Source:
    """The paragraphs and tables of the DOCX at ``path``: a letterhead in a page header (信函格式: paragraphs in
    our 版头 styles) before the body; other header text (内部资料, a running title) is named in the notes;
    footers (page numbers) are not read."""
    with Package(path, "Word 文档（.docx）") as package:
        main = next((target for kind, target in _relationships(package, "") if kind.endswith(OFFICE_DOCUMENT)),
                    "word/document.xml")
        related = _relationships(package, main)
        styles = next((target for kind, target in related if kind.endswith("/styles")), "")
        reader = _Reader(_styles(package, styles), limit)
        try:
            headers = [block for kind, target in related if kind.endswith("/header") and target in package.names
                       for block in reader.blocks(package, target)]
            body = reader.blocks(package, main)
        except _TooLong:
            raise package.refusal(f"文字超过 {limit // 1_000_000} MB：转成的 YAML 会超过上限，请拆分后分别转换") from None
    letterhead = [b for b in headers if isinstance(b, Line) and b.role]
    unread = [b.text for b in headers if isinstance(b, Line) and not b.role and b.text]
    notes = [f"页眉中的文字没有转换：{'；'.join(dict.fromkeys(unread))}"] if unread else []
    return Source(letterhead + body, notes + reader.notes())
