"""Hostile and broken files for ``reportgen import``, made on demand: the corpus in tests/fuzz_corpus/import
was written by ``write_corpus`` (bombs are made in the tests instead, at the size each test needs)."""
from __future__ import annotations

import codecs
import io
import zipfile
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                 b'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                 b'relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.'
                 b'openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
ROOT_RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
             b'2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
             b'2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
PARAGRAPHS = ("关于整改情况的报告", "市委：", "一、总体情况", "一是加强学习……二是完善制度……", "特此报告。")


def wrap(body: str, prolog: str = "") -> bytes:
    """A main part holding ``body`` (WordprocessingML, as text)."""
    return (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document xmlns:w="{W}"><w:body>{body}</w:body>'
            f"</w:document>").encode("utf-8", "surrogatepass")  # a lone surrogate becomes bytes no reader accepts


def document_xml(paragraphs=PARAGRAPHS, prolog: str = "") -> bytes:
    return wrap("".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in paragraphs), prolog)


def package(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def styles(names: list[str]) -> dict[str, bytes]:
    """A styles part naming paragraph styles s0, s1 … (``<w:pStyle w:val="s0"/>``), and the relationship to it."""
    defined = "".join(f'<w:style w:type="paragraph" w:styleId="s{i}"><w:name w:val="{name}"/></w:style>'
                      for i, name in enumerate(names))
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/styles" Target="styles.xml"/></Relationships>')
    return {"word/styles.xml": f'<w:styles xmlns:w="{W}">{defined}</w:styles>'.encode(),
            "word/_rels/document.xml.rels": rels.encode()}


def docx(document: bytes | None = None, extra: dict[str, bytes] | None = None) -> bytes:
    parts = {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": ROOT_RELS}
    if document is not None:
        parts["word/document.xml"] = document
    return package(parts | (extra or {}))


def bomb(path: Path, megabytes: int, unit: str = f'<w:p w:rsidR="{"0" * 1000}"/>') -> Path:
    """A DOCX whose document.xml inflates to ``megabytes`` MB of ``unit`` (by default empty paragraphs with a
    long attribute, which no other limit stops first): a few hundred KB on disk.  Written as a stream."""
    chunk = unit.encode() * max(1, 1_000_000 // len(unit.encode()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(f'<w:document xmlns:w="{W}"><w:body>'.encode())
            for _ in range(megabytes * 1_000_000 // len(chunk)):
                f.write(chunk)
            f.write(b"</w:body></w:document>")
    return path


def many_entries(path: Path, entries: int) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("word/document.xml", document_xml())
        for i in range(entries):
            z.writestr(f"x/{i}", b"")
    return path


def encrypted() -> bytes:
    """A ZIP whose entries claim to be encrypted (the flag only: zipfile then asks for a password)."""
    data = bytearray(docx(document_xml()))
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        while at >= 0:
            data[at + flag_at] |= 1
            at = data.find(signature, at + 4)
    return bytes(data)


LAUGHS = ('<!DOCTYPE w:document [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">'
          + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)) + "]>")
VALID = docx(document_xml())
TEXT = "\n".join(PARAGRAPHS) + "\n"

# name → bytes: each a class of input that must end in a document or a message naming the file, exit 1
CASES = {
    "empty.docx": b"",
    "truncated.docx": VALID[: len(VALID) // 2],
    "not-a-docx.docx": package({"readme.txt": "不是 Word 文档".encode()}),
    "no-document-xml.docx": docx(None),
    "malformed-xml.docx": docx(document_xml()[:-40]),
    "unknown-entity.docx": docx(document_xml(["前&unknown;后"])),
    "entity-amplification.docx": docx(document_xml(["&j;"], LAUGHS)),
    "external-entity.docx": docx(document_xml(["&x;"], '<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>')),
    "deep-xml.docx": docx(document_xml(["<w:r>" * 300 + "深" + "</w:r>" * 300])),
    "old-word-or-password.docx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
    "encrypted-zip.docx": encrypted(),
    "utf16-bom.txt": codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
    "utf16-no-bom.txt": TEXT.encode("utf-16-le"),
    "gbk-mixed-with-utf8.txt": "关于整改情况的报告\n市委：\n".encode() + "一、总体情况\n特此报告。\n".encode("gbk"),
    "binary.txt": bytes(range(256)) * 4,
}


def write_corpus(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in CASES.items():
        (folder / name).write_bytes(data)
