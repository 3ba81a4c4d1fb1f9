"""The forms a document takes: each 文种 (or form of one) in one record.

A record says what an editor writes to choose the form, whether it goes up (上行文), what it prints around its
body (署名, where the 成文日期 goes, the 标志's suffix, the 版记's lines), the fields it alone prints and the
ones it leaves out, how an imported title that ends with its word is recognised, and its template and
scaffold.  The model, compose, the rules, lint, import, ``reportgen new`` and the CLI read the record; a new
form is one record here, one template (templates/<english>.html.j2) and one scaffold
(scaffolds/<english>.yaml).
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


@dataclass(frozen=True)
class Form:
    name: str  # the Kind member: NOTICE
    word: str  # 文种 as editors write it and messages name it
    aliases: tuple[str, ...] = ()  # other words accepted for it (整改方案, 会议纪要)
    title_word: str = ""  # a title composed from 事由 reads 关于……的{title_word}; default: ``word``
    endings: tuple[str, ...] | None = None  # an imported title ending so is this form; default: (``word``,)
    upward: bool = False  # 上行文: 签发人 required, 发文字号 one character from the left
    signed: bool = True  # 署名 from 发文机关 when not given (otherwise only a written 署名 prints)
    date_at: str = "signature"  # where the 成文日期 prints: signature, title (in （）), head, or "" (nowhere)
    dated: bool = False  # lint asks for a 成文日期 (an editor may forget it)
    mark_suffix: str = "文件"  # after the 发文机关标志 unless the 版头 says otherwise
    letterhead: bool = False  # 信函格式: the 标志 30 mm from the paper's top, double rules
    numbered: bool = True  # a 版头 carries a 发文字号 (lint asks for one)
    landscape: bool = False  # the whole document on landscape pages (a 台账's wide table)
    cycle: bool = False  # ``reportgen new --ledger`` has a scaffold of it wired to ledger files
    own: tuple[str, ...] = ()  # fields this form alone prints (an imported text holding one is of this form)
    required: tuple[str, ...] = ()  # fields it cannot print without
    required_why: str = ""  # said when one is missing
    mark_field: str = ""  # the field printed where a 版头's 发文机关标志 stands (a 简报's name)
    omits: tuple[str, ...] = ()  # fields (or "header.org_mark") this form does not print: refused
    omitted_why: str = ""  # said with that refusal
    imprint: tuple[str, ...] = ("cc",)  # the lines of its 版记 above 印发机关 and 印发日期, in order

    @property
    def english(self) -> str:
        return self.name.lower()

    @property
    def template(self) -> str:
        return f"{self.english}.html.j2"

    @property
    def scaffold(self) -> str:
        return f"{self.english}.yaml"

    @property
    def composed_title_word(self) -> str:
        return self.title_word or self.word

    @property
    def title_endings(self) -> tuple[str, ...]:
        return (self.word,) if self.endings is None else self.endings


FORMS = (
    Form("NOTICE", "通报", dated=True, cycle=True),
    Form("REPORT", "报告", upward=True, dated=True, cycle=True),
    Form("BRIEFING", "汇报", signed=False, date_at="title"),
    Form("PLAN", "方案", aliases=("整改方案",), cycle=True),
    Form("LEDGER", "台账", aliases=("整改台账",), signed=False, date_at="title", landscape=True, cycle=True),
    Form("INFO", "信息", endings=(), signed=False, date_at="", own=("published", "source", "editor")),
    Form("LETTER", "函", dated=True, mark_suffix="", letterhead=True, omits=("printed_by", "printed_date"),
         omitted_why="信函格式的版记只印抄送，不印印发机关和印发日期"),
    Form("MINUTES", "纪要", aliases=("会议纪要",), signed=False, mark_suffix="", numbered=False,
         own=("present", "absent", "attending")),
    # Read aloud at a meeting (a 人大常委会's session, a 讲话): the meeting in the 副标题, the 报告人 under it,
    # then the 称呼; nothing before the body names an addressee and nothing after it signs.
    Form("ADDRESS", "会议报告", aliases=("讲话", "讲话稿"), title_word="报告", endings=(), signed=False, date_at="",
         own=("speaker", "salutation"),
         omits=("to", "signature", "date", "seal", "header", "doc_number", "signer", "cc", "printed_by",
                "printed_date"),
         omitted_why="会议上宣读的报告以称呼开头，不印主送、版头、署名和成文日期，也没有版记；会议的日期写在"
                     " subtitle（副标题）里，台账的日期写 as_of（截至）"),
    # 简报, 督查通报, 情况通报 with an issue number: its red name, 第N期, the compiling office and the date above a
    # red rule; 报 / 送 / 发 between rules at the foot of the last page.
    Form("BULLETIN", "简报", aliases=("工作简报",), endings=(), signed=False, date_at="head", dated=True,
         mark_suffix="", numbered=False,
         own=("bulletin_name", "issue_no", "reported_to", "sent_to", "distributed_to"),
         required=("bulletin_name", "issue_no", "issuer", "date"),
         required_why="报头依次印红字的简报名称（如“督查通报”）、第N期、编印单位和日期，缺一不可",
         mark_field="bulletin_name",
         omits=("to", "signature", "seal", "doc_number", "signer", "cc", "printed_by", "printed_date",
                "header.org_mark", "header.mark_suffix"),
         omitted_why="简报的报头印简报名称、期号、编印单位（issuer 发文机关）和日期，发送范围写在 报、送、发 里；"
                     "版头只用于份号、密级和紧急程度",
         imprint=("reported_to", "sent_to", "distributed_to")),
)


class _Kind(str, Enum):
    """文种 — or, for 汇报, 信息, 台账, 会议报告 and 简报, the kind of working document — each with its form."""

    @property
    def form(self) -> Form:
        return BY_NAME[self.name]

    @property
    def upward(self) -> bool:
        """上行文: sent to a superior, so 签发人 is required and 发文字号 moves left."""
        return self.form.upward

    @property
    def english(self) -> str:
        return self.form.english


BY_NAME = {form.name: form for form in FORMS}
Kind = _Kind("Kind", [(form.name, form.word) for form in FORMS], module=__name__, qualname="Kind")
KIND_WORDS = ({kind.english: kind for kind in Kind} | {kind.value: kind for kind in Kind}
              | {alias: kind for kind in Kind for alias in kind.form.aliases})
# An imported title ending with one of these words is a document of that kind (“……的报告” a 报告).
TITLE_ENDINGS = {ending: kind for kind in Kind for ending in kind.form.title_endings}


def kind_list(separator: str = " ") -> str:
    """The 文种 an editor may write, for help texts and messages: 通报 报告 汇报 …"""
    return separator.join(kind.value for kind in Kind)
