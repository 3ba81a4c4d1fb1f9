"""The first stage of ``reportgen import``: an old report's file → its paragraphs and tables, in order.

A ``.txt`` is decoded as what Windows and Linux editors write (UTF-8, UTF-16 with or without its BOM, GBK);
a file mixing two encodings, or one that is not text, is refused with the lines that show it — decoding
it anyway would put mojibake in the editor's document without a word.  A ``.docx`` is read by
``import_docx``.  Either way the file comes through ``reading``: a regular file, within its limit.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import reading
from .intermediate import CONTINUED, SHORTENED
from .lint import CJK_CHARS
from .loader import MAX_BYTES

TEXT_LIMIT = MAX_BYTES  # what could be converted would not fit the YAML's own limit anyway
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Control characters no text editor writes (tab, line and page breaks are text; str.splitlines breaks at \v, \f,
# \x1c–\x1e and \x85 too).
CHINESE = re.compile(r"[\u2e80-\u9fff\uff00-\uffef]")
PLAIN = re.compile(r"[\t\n\r\x20-\x7e\u00b7\u2000-\u206f\u2e80-\u9fff\uff00-\uffef]")
BINARY = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")


@dataclass(frozen=True)
class Line:
    """A paragraph: its text, a bold run that opens it (a DOCX), and its role when its Word style names one
    of ours (``title``, ``heading-1``, ``sign`` … see ``style.py``)."""
    text: str
    lead: str = ""
    role: str = ""
    images: int = 0  # pictures in the paragraph (a seal, a chart)
    space_before: int = 0  # twips (a DOCX)


@dataclass(frozen=True)
class Cell:
    text: str
    role: str = ""
    span: int = 1  # columns it covers


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[Cell | None, ...], ...]  # None: a cell merged into the one above it


def _continues(text: str, above: str) -> bool:
    """Whether ``text`` is ``above`` repeated after a page break, whole or cut short: “……（续）”."""
    if text == above + CONTINUED:
        return True
    cut = SHORTENED + CONTINUED
    return text.endswith(cut) and len(text) > len(cut) and above.startswith(text[:-len(cut)])


def continuations_joined(rows: list[tuple[Cell | None, ...]]) -> tuple[tuple[Cell | None, ...], ...]:
    """``rows`` with each cell that repeats the merged cell above it after a page break (its text and
    ``intermediate.CONTINUED``, as reportgen prints it) merged into that cell again."""
    above: dict[int, str] = {}  # column → the text of the cell covering it in the row above
    out = []
    for row in rows:
        cells, column = [], 0
        for cell in row:
            span = cell.span if cell is not None else 1
            if cell is not None and column in above and _continues(cell.text, above[column]):
                cell = None
            if cell is not None:
                for covered in range(column, column + span):
                    above[covered] = cell.text
            cells.append(cell)
            column += span
        out.append(tuple(cells))
    return tuple(out)


@dataclass
class Source:
    """What was read, in order, and notes for the editor on what could not be converted."""
    blocks: list[Line | Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def lines(self) -> list[Line]:
        return [b for b in self.blocks if isinstance(b, Line)]


def unspaced(text: str) -> str:
    """Drops the spaces typed around Chinese (“2016 年 11 月”, “意见 的汇报”); keeps those between words."""
    return re.sub(rf"(?<=[{CJK_CHARS}\d]) (?=[{CJK_CHARS}])|(?<=[{CJK_CHARS}]) (?=[\d{CJK_CHARS}])", "", text)


def tidy(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u3000", " ")).strip()


def read(path: Path) -> Source:
    if path.suffix.lower() == ".docx":
        from .import_docx import read_docx

        return read_docx(path, TEXT_LIMIT)
    text = decode_text(reading.read_bytes(path, TEXT_LIMIT), path)
    return Source([Line(t) for t in map(tidy, text.splitlines()) if t])


def _plain(text: str) -> float:
    """The share of characters a Chinese text is made of (Chinese, ASCII, punctuation, full-width forms)."""
    return len(PLAIN.findall(text)) / max(1, len(text))


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 as some tools save it without a BOM (NUL bytes give it away: a newline is 0A 00), in the byte
    order that reads as text."""
    if len(raw) % 2 or b"\x00" not in raw:
        return None
    readings = []
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            readings.append(raw.decode(encoding))
        except UnicodeDecodeError:
            pass
    best = max(readings, key=_plain, default=None)
    return best if best is not None and _plain(best) > 0.9 else None


def decode_text(raw: bytes, path: Path) -> str:
    """The text of a ``.txt``; an ``InputError`` saying why when it is none of the encodings editors use."""
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            try:
                return _text_only(raw.decode(encoding), path)
            except UnicodeDecodeError as e:
                raise reading.refusal(path, f"文件开头标明是 {encoding.upper()} 编码，但第 {e.start} 字节起不是："
                                            "请在编辑器中“另存为 UTF-8”后再试") from None
    if (text := _utf16_without_bom(raw)) is not None:
        return _text_only(text, path)
    if b"\x00" in raw:
        raise _binary(path, raw.count(b"\n", 0, raw.index(0)) + 1, "NUL 字节")
    try:
        return _text_only(raw.decode("utf-8"), path)
    except UnicodeDecodeError:
        pass
    utf8, other = [], []
    for number, line in enumerate(raw.split(b"\n"), 1):
        if not line.isascii():
            (utf8 if _chinese_in_utf8(line) else other).append(number)
    if utf8:
        raise reading.refusal(path, f"文件混用了两种编码：第 {_first(utf8)} 行是 UTF-8，第 {_first(other)} 行不是"
                                    "（可能是 GBK）。请在编辑器中把整个文件“另存为 UTF-8”，核对这些行后再试")
    try:
        return _text_only(raw.decode("gb18030"), path)  # Windows Notepad's “ANSI” for Chinese
    except UnicodeDecodeError:
        raise reading.refusal(path, f"无法识别第 {_first(other)} 行的编码（不是 UTF-8、UTF-16 或 GBK）：请在编辑器中"
                                    "“另存为 UTF-8”后再试") from None


def _chinese_in_utf8(line: bytes) -> bool:
    """A line that is UTF-8 with Chinese in it.  Requiring Chinese matters: a short GBK line can happen to be
    valid UTF-8, but then it decodes to Latin, Greek or Cyrillic letters, never to Chinese."""
    try:
        return bool(CHINESE.search(line.decode("utf-8")))
    except UnicodeDecodeError:
        return False


def _first(numbers: list[int]) -> str:
    return "、".join(map(str, numbers[:3])) + ("……" if len(numbers) > 3 else "")


def _binary(path: Path, line: int, what: str) -> Exception:
    return reading.refusal(path, f"不是文本文件：第 {line} 行有{what}（二进制内容）。请给出 .txt 文本或 .docx 文档")


def _text_only(text: str, path: Path) -> str:
    if m := BINARY.search(text):
        raise _binary(path, text.count("\n", 0, m.start()) + 1, f"控制字符 U+{ord(m.group()):04X}")
    return text
