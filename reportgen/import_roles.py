"""Paragraphs whose Word style names a role (our own DOCX, or an office template using our style names)
become the fields they were printed from: the 版头, 标题, 主送, 署名 and 成文日期, 附注, the 版记, 出席 …, and
the attachments printed after the body.  Tables made from a ledger become an ``插入`` (``import_tables``);
the 版记 and a joint 发文机关标志 are tables too.  Any other table of a regular shape becomes a ``表格``
(``import_doc_tables``); the rest are kept for the editor as comments.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import import_doc_tables, import_tables, style
from .import_read import Line, Table
from .model import INSERTS, SECRECY
from .patterns import DATE, YEAR_BRACKETED

UNDER_TITLE = re.compile(rf"^[（(]\s*(?:截至)?\s*({DATE})\s*[）)]$")  # 汇报's date; 台账's “（截至…）”
PUBLISHED = re.compile(r"^发布时间[:：]\s*(\S+?日)\s*(?:文章)?来源[:：]\s*(.+)$")
EDITOR = re.compile(r"^[（(]\s*(?:责任)?编辑[:：]\s*(.+?)\s*[）)]$")
IN_PARENTHESES = re.compile(r"^[（(](.*)[）)]$")
SIGNER = re.compile(r"签发人[:：]\s*(.*)$")
COPY_NO = re.compile(r"^\d{6}$")
DOC_NUMBER = re.compile(rf"{YEAR_BRACKETED}\s*第?\s*\d+\s*号$")
ATTACHMENT_NAME = re.compile(r"^(?:附件[:：])?\s*(?:\d+[.．])?\s*")
PRINTED = re.compile(rf"^(.*?)\s*({DATE})\s*印发$")
COMPILER_LINE = re.compile(rf"^(\S.*?)\s*({DATE})$")  # a 简报's compiling office and its date
IMPRINT_TO = re.compile(r"^(报|送|发)[:：]\s*(.+)$")  # a 简报's 版记
ATTENDANCE = {"出席": "出席", "请假": "请假", "列席": "列席"}
BODY_ROLES = {"", "body", "heading-1", "heading-2", "heading-3", "heading-4"}
SEALED_GAP = 2 * style.PAGE.line_pitch.twips  # an unsealed 署名 stands one line under the text, a sealed one more


FIELD_OF_ROLE = {"second-title": "副标题", "speaker": "报告人", "salutation": "称呼", "issue-no": "期号"}


def speaker(text: str) -> str:
    """A 报告人 line as offices set it, 职务 and name a full-width space apart (reading made it a plain space)."""
    return text.replace(" ", "\u3000")


def names(text: str, separators: str = "，,") -> list[str]:
    """The organs of a 版记's line: “A，B。” → [A, B] (a 简报's “市委、市政府领导，……” keeps its 、)."""
    return [name for name in re.split(f"[{separators}]", re.sub(r"。$", "", text.strip())) if name]


@dataclass
class Attachment:
    name: str = ""
    blocks: list = field(default_factory=list)


@dataclass
class Roles:
    """What the styles said: fields (Chinese keys, as the YAML writes them), the 版头's lines, the 标志's
    names and the suffix beside them (None when the suffix may be the end of a one-line 标志: the genre
    judges), the body and the attachments printed after it, in order, with ``{插入: …}`` where a table
    was; the ledger those tables came from (English keys)."""
    fields: dict = field(default_factory=dict)
    header: dict = field(default_factory=dict)
    title: list[str] = field(default_factory=list)
    mark: list[str] = field(default_factory=list)
    mark_suffix: str | None = None
    body: list = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    attachment_names: list[str] = field(default_factory=list)
    ledger: dict | None = None
    kept: list[Table] = field(default_factory=list)  # tables not converted: kept as comments
    pictures: int = 0  # not converted
    charts: int = 0  # pictures taken for the ledger's chart

    @property
    def styled(self) -> bool:
        """The front and end of the document were found by style, not guessed from the text."""
        return bool(self.title)


def _banner_line(text: str, roles: Roles) -> None:
    """发文字号 with 签发人 beside it (names two a line, the label only on the first), or the 信函格式's line:
    份号, 密级, 紧急程度 and 发文字号 in any order."""
    if m := SIGNER.search(text):
        roles.fields.setdefault("签发人", [])
        text = text[:m.start()] + " " + m[1]
    for token in text.split():
        if COPY_NO.match(token):
            roles.header["份号"] = token
        elif SECRECY.match(token):
            roles.header["密级"] = token
        elif token in ("特急", "加急"):
            roles.header["紧急程度"] = token
        elif DOC_NUMBER.search(token) or "签发人" not in roles.fields:
            roles.fields["发文字号"] = roles.fields.get("发文字号", "") + token
        else:
            roles.fields["签发人"].append(token)


def _line(line: Line, roles: Roles, current: list) -> list:
    """Files ``line`` by its role; returns the list body lines now go to (an attachment opens a new one)."""
    text, role, fields = line.text, line.role, roles.fields
    if role == "copy-no":
        roles.header["份号"] = text
    elif role in ("secrecy", "urgency"):
        roles.header["密级" if role == "secrecy" else "紧急程度"] = text
    elif role == "org-mark":
        roles.mark = [text]
    elif role == "doc-number":
        _banner_line(text, roles)
    elif role == "title":
        roles.title.append(text)
    elif role == "subtitle" and (m := UNDER_TITLE.match(text)):
        fields["成文日期"] = re.sub(r"\s", "", m[1])
    elif role == "byline" and (m := PUBLISHED.match(text)):
        fields["发布时间"], fields["来源"] = m[1], m[2].strip()
    elif role == "addressee":
        fields["主送机关"] = text.rstrip("：:")
    elif role in FIELD_OF_ROLE:  # printed as written: 副标题, 报告人, 称呼, 期号
        fields[FIELD_OF_ROLE[role]] = speaker(text) if role == "speaker" else text
    elif role == "compiler-line" and (m := COMPILER_LINE.match(text)):
        fields["发文机关"], fields["成文日期"] = m[1], re.sub(r"\s", "", m[2])
    elif role.startswith("attachment-note"):
        roles.attachment_names.append(ATTACHMENT_NAME.sub("", text, count=1))
    elif role == "sign":
        fields["署名"] = text
        if line.images or line.space_before >= SEALED_GAP:  # the seal's picture, or the room left for it
            fields["印章"] = True
    elif role == "date":
        fields["成文日期"] = re.sub(r"\s", "", text)
    elif role == "note":
        fields["附注"] = (m[1] if (m := IN_PARENTHESES.match(text)) else text)
    elif role == "editor" and (m := EDITOR.match(text)):
        fields["编辑"] = m[1]
    elif role == "attachment-label":
        roles.attachments.append(Attachment())
        return roles.attachments[-1].blocks
    elif role == "attachment-title" and roles.attachments:
        roles.attachments[-1].name += text
    elif role.startswith("attendance") and text[:2] in ATTENDANCE and text[2:3] in "：:":
        fields[ATTENDANCE[text[:2]]] = [name for name in text[3:].split("、") if name]
    elif role == "imprint-cc":
        fields["抄送"] = names(re.sub(r"^抄送[:：]", "", text), "，,、")
    elif role == "imprint-to" and (m := IMPRINT_TO.match(text)):
        fields[m[1]] = names(m[2])
    elif role == "imprint-print" and (m := PRINTED.match(text)):
        fields["印发机关"], fields["印发日期"] = m[1], re.sub(r"\s", "", m[2])
    elif not text:  # a picture alone: the chart, when the ledger can draw it again
        if roles.ledger and all(m.get("status") for m in import_tables.measures(roles.ledger)):
            current.append({"插入": INSERTS["chart"]})
            roles.charts += 1
        else:
            roles.pictures += line.images
    else:
        current.append(line)
        roles.pictures += line.images
    return current


def by_role(blocks: list[Line | Table], notes: list[str]) -> Roles:
    """The fields, body and attachments of a document read paragraph by paragraph."""
    roles = Roles()
    found = [(b, kind) for b in blocks if isinstance(b, Table) and (kind := import_tables.kind_of(b))]
    roles.ledger, exact = import_tables.ledger_of(found)
    kinds = {id(table): kind for table, kind in found}
    current = roles.body
    for block in blocks:
        if isinstance(block, Line):
            current = _line(block, roles, current)
        elif any(block is table for table in exact):
            current.append({"插入": INSERTS[kinds[id(block)]]})
        elif (cells := [c for row in block.rows for c in row if c is not None]) and all(
                c.role == "org-mark" for c in cells):  # joint issuers: the names stacked, 文件 beside them
            roles.mark = [row[0].text for row in block.rows if row and row[0] is not None]
            roles.mark_suffix = next((row[1].text for row in block.rows if len(row) > 1 and row[1] is not None), "")
        elif cells and (all(c.role.startswith("imprint") for c in cells)  # the 版记
                        or {c.role for c in cells} == {"org-mark", "doc-number"}):  # a 函's letterhead
            for cell in cells:
                _line(Line(cell.text, role=cell.role), roles, current)
        elif (table := import_doc_tables.block(block)) is not None:  # a table of the document's own columns
            current.append(table)
        else:  # kept as comments, so nothing is lost: the editor moves it into the ledger
            roles.kept.append(block)
            notes.append(f"原文第 {len(roles.kept)} 个表格没有转换，各行如下：请整理进 整改台账 或正文，再删去这些注释。")
            notes += ["  " + " | ".join(c.text if c is not None else "" for c in row) for row in block.rows]
    return roles
