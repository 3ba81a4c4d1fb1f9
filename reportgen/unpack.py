"""Opening a ZIP package (a DOCX; an XLSX the same way) without trusting what it says about itself.

A package is small on disk and may inflate to gigabytes, hold a million entries, or carry XML built to
explode (entities defined in terms of each other) or to nest without end.  Everything here is bounded:
the file is read through ``reading`` (a regular file, at most ``max_file`` bytes), the number of entries is
read from the ZIP's end record before the central directory is parsed, each part is inflated as a stream
and counted as it comes (not by the size its header states), and XML is parsed as a stream by lxml with
its safe settings (no entity expanded, nothing fetched, libxml2's own limits kept) and any DTD refused — a
DOCX never needs one.  Each refusal is an ``InputError`` naming the file, the part and the limit.
"""
from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from . import reading
from .errors import InputError


@dataclass(frozen=True)
class Limits:
    max_file: int = 100_000_000  # bytes on disk (images make real documents large; they are never inflated)
    max_entries: int = 5_000  # entries in the ZIP (a long report with pictures has a few hundred)
    max_part: int = 32_000_000  # bytes one part may inflate to
    max_total: int = 64_000_000  # bytes all parts read may inflate to together
    max_depth: int = 256  # XML nesting (libxml2's own default ceiling)
    max_elements: int = 1_000_000  # XML elements in one part (a 300-page Word document has about 100,000)
    max_held: int = 100_000  # XML elements of one paragraph or table row, held until it is read


LIMITS = Limits()
# lxml's safe settings: entities are never expanded, nothing is fetched, libxml2's limits on depth and on the
# size of one text node stay on.
SAFE_XML = dict(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
XML_ERRORS = {4: "内容是空的", 5: "结尾有多余内容", 9: "有非法字符", 26: "有未定义的实体", 27: "有未定义的实体",
              73: "标签没有写完", 76: "标签不配对", 77: "内容不完整", 114: "超出解析器的资源上限，如一段文字超过 10 MB"}
END_OF_DIRECTORY, ZIP64_END = b"PK\x05\x06", b"PK\x06\x06"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a .doc, .xls, or an Office file encrypted with a password


def _mb(n: int) -> str:
    return f"{n // 1_000_000} MB"


def _declared_entries(file: BinaryIO) -> int | None:
    """The entry count the ZIP's end record states (None when there is no end record: not a ZIP).  Read
    before ``zipfile`` parses the central directory, which it would do entry by entry into memory."""
    size = file.seek(0, 2)
    tail_start = max(0, size - 22 - 0xFFFF)  # the record, then a comment of at most 64 KiB
    file.seek(tail_start)
    tail = file.read()
    at = tail.rfind(END_OF_DIRECTORY)
    if at < 0 or len(tail) - at < 22:
        return None
    entries = struct.unpack_from("<H", tail, at + 10)[0]
    if entries == 0xFFFF and (at64 := tail.rfind(ZIP64_END, 0, at)) >= 0 and len(tail) - at64 >= 40:
        entries = struct.unpack_from("<Q", tail, at64 + 32)[0]
    return entries


class _Counted:
    """A part's stream that stops once more than its share of the limits has been inflated."""

    def __init__(self, package: Package, name: str, stream: BinaryIO):
        self.package, self.name, self.stream, self.read_bytes = package, name, stream, 0

    def read(self, n: int = -1) -> bytes:
        limits = self.package.limits
        allowed = min(limits.max_part - self.read_bytes, limits.max_total - self.package.inflated) + 1
        data = self.package.guard(self.name, lambda: self.stream.read(allowed if n < 0 else min(n, allowed)))
        self.read_bytes += len(data)
        self.package.inflated += len(data)
        if self.read_bytes > limits.max_part:
            raise self.package.refusal(f"其中的 {self.name} 解压后超过 {_mb(limits.max_part)}（上限）："
                                       "可能是恶意构造的“解压炸弹”，拒绝处理")
        if self.package.inflated > limits.max_total:
            raise self.package.refusal(f"解压后的内容合计超过 {_mb(limits.max_total)}（上限）：拒绝处理")
        return data


class Package:
    """A ZIP package opened within ``limits``; ``what`` names the kind of file in messages (“Word 文档”)."""

    def __init__(self, path: Path, what: str, limits: Limits = LIMITS):
        self.path, self.what, self.limits, self.inflated = path, what, limits, 0
        self.file = reading.open_file(path, limits.max_file)
        try:
            if self.file.read(len(OLE)) == OLE:
                raise self.refusal("是旧版 Office 格式（.doc/.xls）或设了打开密码的文件：请在 Word/WPS/Excel 中"
                                   "另存为新格式（不设密码）后再试")
            entries = _declared_entries(self.file)
            if entries is None:
                raise self.refusal(f"不是 {what}：文件不完整（可能下载或复制时中断），或根本不是 ZIP 格式")
            if entries > limits.max_entries:
                raise self.refusal(f"其中有 {entries} 个条目，超过上限 {limits.max_entries}：拒绝处理")
            self.file.seek(0)
            self.zip = self.guard("", lambda: zipfile.ZipFile(self.file))
        except BaseException:
            self.file.close()
            raise
        self.names = set(self.zip.namelist())

    def close(self) -> None:
        self.zip.close()
        self.file.close()

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def refusal(self, message: str) -> InputError:
        return reading.refusal(self.path, message)

    def guard(self, part: str, action):
        """``action()``, with what a damaged ZIP raises turned into a message naming the part."""
        try:
            return action()
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError) as e:
            where = f"其中的 {part} " if part else ""
            cause = "已加密" if "encrypted" in str(e) else "已损坏或不完整"
            raise self.refusal(f"不是完好的 {self.what}：{where}{cause}") from None

    def open(self, name: str) -> BinaryIO:
        """A part as a stream, counted against the limits as it is read."""
        if name not in self.names:
            raise self.refusal(f"不是 {self.what}：缺少 {name}")
        return _Counted(self, name, self.guard(name, lambda: self.zip.open(name)))

    def events(self, name: str) -> Iterator[tuple[etree._Element, list[etree._Element]]]:
        """Each element of the XML part ``name`` as it closes, with the elements it is inside (outermost
        first).  A caller that is done with an element may remove it from ``stack[-1]``: a long document
        then streams in little memory."""
        stack: list[etree._Element] = []
        elements = 0
        parts = etree.iterparse(self.open(name), events=("start", "end"), remove_comments=True, remove_pis=True,
                                **SAFE_XML)
        try:
            for event, element in parts:
                if event == "end":
                    stack.pop()
                    yield element, stack
                    continue
                if not stack and element.getroottree().docinfo.doctype:
                    raise self.refusal(f"其中的 {name} 含有 DTD（Word 从不写 DTD；其中的实体声明可能是“实体膨胀”攻击）：拒绝处理")
                stack.append(element)
                elements += 1
                if len(stack) > self.limits.max_depth:
                    raise self.refusal(f"其中的 {name} 嵌套超过 {self.limits.max_depth} 层（上限）：拒绝处理")
                if elements > self.limits.max_elements:
                    raise self.refusal(f"其中的 {name} 有超过 {self.limits.max_elements} 个 XML 元素（上限）：拒绝处理")
        except etree.XMLSyntaxError as e:
            line, column = e.position
            where = f"第 {line} 行第 {column} 列：" if line else ""
            raise self.refusal(f"其中的 {name} 不是完好的 XML（{where}{XML_ERRORS.get(e.code, '格式错误')}）") from None

    def xml(self, name: str) -> etree._Element:
        """A small XML part, whole (relationships, styles)."""
        root = None
        for root, _ in self.events(name):
            pass
        return root
