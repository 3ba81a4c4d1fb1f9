"""Document → the semantic HTML intermediate, through the Jinja templates of its 文种.

This is the only module that runs Jinja.  The environment is sandboxed, autoescapes and refuses undefined
names; YAML text reaches it as data (placeholders were already filled by ``stats``), never as a template.
Numbering is generated here from the house style's patterns: editors never type 一、 or 1.
"""
from __future__ import annotations

import base64
import math
import os
from types import SimpleNamespace
from dataclasses import dataclass, field
from datetime import datetime, time, timezone
from functools import lru_cache
from pathlib import Path
from xml.etree import ElementTree

from docx.shared import Length
from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, TemplateSyntaxError, select_autoescape
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from . import budget, charts, doc_tables, progress, signing, stats, style, tables, titles
from .errors import BuildError
from .forms import Form
from .model import Document, Header, Insert, Measure, Paragraph, Section, TableBlock

PACKAGE_TEMPLATES = Path(__file__).parent / "templates"  # in an installed wheel
SOURCE_TEMPLATES = Path(__file__).parent.parent / "templates"  # in a checkout
TEMPLATES = PACKAGE_TEMPLATES if PACKAGE_TEMPLATES.is_dir() else SOURCE_TEMPLATES


# Lists of measures chosen by date: which to keep (measure, 截至, 上期截至), and what to say when none is.
LISTS = {
    "overdue": (lambda m, day, previous: progress.is_overdue(m, day), "截至{day}，没有逾期未完成的整改措施。"),
    "completed_list": (lambda m, day, previous: progress.is_completed_between(m, previous, day),
                       "{previous}以来，没有新完成的整改措施。"),
}
LAST_EPOCH = int(datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone.utc).timestamp())  # the last a date holds
TITLE_CHARS = style.PAGE.text_width / style.ROLES["title"].size  # characters of 二号 a title line holds
SUBTITLE_CHARS = style.PAGE.chars  # a 副标题 is set in 三号, on the body's grid
TEMPLATE_HELPERS = ("ATTACHMENT_LABEL", "ATTACHMENT_NUMBER", "HEI", "LINE_SLACK", "SIGNER_FACE", "cn_date", "numbered")


@dataclass(frozen=True)
class Item:
    """One inline enumerated item: its generated mark (一是, （1）) and its text."""

    mark: str
    text: str


@dataclass(frozen=True)
class Para:
    """A body paragraph: an optional run-in number and bold lead, text, inline items."""

    number: str = ""
    lead: str = ""
    text: str = ""
    items: tuple[Item, ...] = ()
    lead_level: int = 0  # the level of a run-in heading (2 sets its lead in 楷体, 3–4 in bold 仿宋)
    node = "para"

    @property
    def keep(self) -> str:
        """"lead" when the run-in heading fills its first line: the paragraph then never ends a page
        after it (its first two lines stay together), like a heading kept with its text."""
        width = style.BODY.indent_chars + style.set_width_chars(self.number + self.lead)
        return "lead" if self.lead_level and width >= style.PAGE.chars else ""


@dataclass(frozen=True)
class ChartView:
    chart: charts.Chart
    node = "chart"

    @property
    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.chart.svg.encode()).decode()


@dataclass(frozen=True)
class Heading:
    """A heading standing on its own line."""

    level: int
    number: str
    title: str
    node = "heading"

    @property
    def role(self) -> str:
        return f"heading-{self.level}"

    @property
    def tracking_pt(self) -> float:
        return round(style.tightened(self.number + self.title, style.ROLES[self.role]).pt, 2)


@dataclass(frozen=True)
class Banner:
    """The 版头 as drawn: lines above the 标志, the 标志 fitted to the 版心, 发文字号 and 签发人."""

    lines: tuple[tuple[str, str], ...]  # (role, text): 份号, 密级和保密期限, 紧急程度, top down
    mark_names: tuple[str, ...]
    mark_suffix: str
    mark_size: float  # pt
    mark_scale: float
    mark_margin: float  # pt: from the last line above it to the 标志's top, so the top is 35 mm down
    doc_number: str
    signer_lines: tuple[tuple[str, ...], ...]  # 上行文 only: two names a line, padded to align
    lines_below_mark: int  # blank lines between the 标志 and what follows it (发文字号, a 简报's 期号)
    lines_under_mark: int  # lines between the 标志 and the red rule: 发文字号 / 签发人, a 简报's 期号 and office

    @property
    def joint(self) -> bool:
        return len(self.mark_names) > 1

    @property
    def mark_width(self) -> float:
        """The 标志's natural width in pt (before compression): its widest line of full-width characters."""
        widest = max(style.text_width_chars(n) for n in self.mark_names) + style.text_width_chars(self.mark_suffix)
        return round(widest * self.mark_size, 2)

    @property
    def mark_offset(self) -> float:
        """Left margin (pt, negative when wider) that centres the uncompressed 标志 on the 版心."""
        return round((style.PAGE.text_width.pt - self.mark_width) / 2, 2)

    @property
    def title_margin(self) -> float:
        """The space (pt) under the red rule: two lines at least, so that the title stands on a line of the
        版心's grid, where Word and LibreOffice snap it — and the body under it, 22 lines a page."""
        pitch, banner = style.PAGE.line_pitch.pt, style.BANNER
        mark_bottom = banner.mark_top.pt + self.mark_size * len(self.mark_names)
        below_mark = (self.lines_below_mark + self.lines_under_mark) * pitch if self.lines_under_mark else 0
        rule_bottom = mark_bottom + below_mark + banner.rule_margin.pt + banner.rule_width.pt
        title_top = rule_bottom - banner.rule_width.pt + banner.title_lines_below_rule * pitch
        return round(math.ceil(title_top / pitch - 0.01) * pitch - rule_bottom, 3)


def signer_lines(names: list[str]) -> tuple[tuple[str, ...], ...]:
    """签发人 names two a line, each padded with ideographic spaces to the longest (and a short last line
    to two columns), so that the right-aligned lines keep their names in columns."""
    width = max((len(n) for n in names), default=0)
    padded = [n + "\u3000" * (width - len(n)) for n in names]
    if len(padded) % 2 and len(padded) > 1:
        padded.append("\u3000" * width)
    return tuple(tuple(padded[i:i + 2]) for i in range(0, len(padded), 2))


def banner(doc: Document) -> Banner | None:
    """The 版头 — or a 简报's head, drawn alike: its name where the 标志 stands."""
    form, mark = doc.kind.form, doc.mark
    if mark is None:
        return None
    header = doc.header or Header()
    lines = tuple((role, text) for role, text in (("copy-no", header.copy_no), ("secrecy", header.secrecy),
                                                   ("urgency", header.urgency)) if text)
    names, suffix = mark
    size, scale = style.BANNER.mark_fit(list(names), suffix)
    if form.letterhead:  # 30 mm from the paper's top; the lines go under the rule
        margin = Length(style.LETTERHEAD.mark_top - style.PAGE.top)
    else:
        margin = Length(style.BANNER.mark_top - len(lines) * style.PAGE.line_pitch)
    signers = signer_lines(doc.signer) if form.upward else ()
    if form.mark_field:  # a 简报: 第N期 (when given), then the compiling office's line
        below, under = style.BANNER.issue_lines_below_mark, (1 if doc.issue_no else 0) + 1
    else:
        below, under = style.BANNER.number_lines_below_mark, len(signers) or (1 if doc.doc_number else 0)
    return Banner(lines, names, suffix, round(size.pt, 2), scale, round(margin.pt, 3),
                  doc.doc_number or "", signers, below, under)


@dataclass(frozen=True)
class AttachmentView:
    """An attachment printed after the body: its mark (附件 / 附件N), title and laid-out content."""

    mark: str
    title_lines: list[str]
    body: list

    @property
    def landscape(self) -> bool:
        return any(getattr(node, "landscape", False) for node in self.body)


def attachments(doc: Document) -> list[AttachmentView]:
    views = []
    numbered = len(doc.attachments) > 1
    for n, attachment in enumerate(doc.attachments, 1):
        if isinstance(attachment, str):
            continue  # named in the 附件说明 only: sent or bound separately
        layout = _Layout(doc, in_attachment=True)
        layout.blocks(attachment.body, 0)
        mark = style.ATTACHMENT_MARK + (str(n) if numbered else "")
        views.append(AttachmentView(mark, titles.break_title(attachment.name, TITLE_CHARS, organ_names(doc)),
                                    layout.out))
    return views


@dataclass(frozen=True)
class ImprintLine:
    """A line of the 版记 above 印发机关 and 印发日期: 抄送：…… (a 简报's 报：…… 送：…… 发：……)."""

    role: str
    label: str
    names: tuple[str, ...]


def imprint_lines(doc: Document) -> tuple[ImprintLine, ...]:
    lines = (ImprintLine(*style.IMPRINT.lines[name], tuple(getattr(doc, name))) for name in doc.kind.form.imprint)
    return tuple(line for line in lines if line.names)


@dataclass
class Page:
    """What the templates receive: the document with its body laid out as numbered nodes."""

    doc: Document
    title_lines: list[str]
    subtitle_lines: list[str] = field(default_factory=list)
    body: list[Para | Heading] = field(default_factory=list)
    signature: signing.Signature = field(default_factory=signing.Signature)
    date: str | None = None
    stamp: str | None = None  # the files' creation time: 成文日期, else SOURCE_DATE_EPOCH
    banner: Banner | None = None
    attachments: list[AttachmentView] = field(default_factory=list)
    imprint_lines: tuple[ImprintLine, ...] = ()

    @property
    def genre(self) -> Form:
        return self.doc.kind.form

    @property
    def salutation(self) -> str:
        """The 称呼, closed with its colon: 主任、各位副主任、秘书长、各位委员："""
        text = self.doc.salutation or ""
        return text if not text or text.endswith(("：", ":")) else text + "："


def _closed(text: str) -> str:
    return text if not text or text.endswith(tuple(style.SENTENCE_ENDS)) else text + "。"


def _items(pattern: str, texts) -> tuple[Item, ...]:
    """Inline items, numbered when there are two or more (a lone 一是 or （1） reads oddly)."""
    texts = list(texts)
    if len(texts) == 1:
        return (Item("", _closed(texts[0])),)
    return tuple(Item(style.numbered(pattern, i), _closed(t)) for i, t in enumerate(texts, 1))


def _listed(text: str) -> str:
    """An item of a 列举 as it prints among others: closed with 。 unless it ends a sentence or runs on (，)."""
    return text if text.endswith(tuple(style.OPEN_ENDS)) else _closed(text)


def _paragraphs(block: str | Paragraph) -> list[Para]:
    """A paragraph block as printed: one paragraph with its 列举 inline (一是……二是……; a lone item as
    written), or its text followed by one paragraph per em-dash item."""
    if isinstance(block, str):
        return [Para(text=block)]
    if block.item_style == "dash":
        head = [Para(lead=block.lead or "", text=block.text)] if block.lead or block.text else []
        return head + [Para(items=(Item(style.DASH, _listed(item)),)) for item in block.items]
    if len(block.items) == 1:
        items = (Item("", block.items[0]),)
    else:
        items = tuple(Item(style.numbered(style.ENUMERATION, i), _listed(t)) for i, t in enumerate(block.items, 1))
    return [Para(lead=block.lead or "", text=block.text, items=items)]


def _runs_in(block) -> bool:
    """Whether a block may follow a run-in heading on its line: text, not a lead of its own nor an em-dash item."""
    return isinstance(block, str) or (isinstance(block, Paragraph) and not block.lead
                                      and (block.item_style != "dash" or bool(block.text)))


class _Layout:
    """Walks the body, numbering sections per level within their parent and expanding the ledger."""

    def __init__(self, doc: Document, in_attachment: bool = False):
        self.doc, self.ledger, self.in_attachment = doc, doc.ledger, in_attachment
        self.out: list[Para | Heading] = []

    def blocks(self, blocks, level: int) -> None:
        counters: dict[int, int] = {}
        for block in blocks:
            if isinstance(block, Section):
                child = block.level or level + 1
                counters[child] = counters.get(child, 0) + 1
                self.section(block, child, counters[child])
            elif isinstance(block, Insert) and block.insert == "ledger":
                self.ledger_narrative(block.level or level + 1, counters)
            elif isinstance(block, Insert) and block.insert == "chart":
                self.out.append(ChartView(charts.progress(self.ledger)))
            elif isinstance(block, Insert) and block.insert in LISTS:
                self.listed(block.insert)
            elif isinstance(block, Insert):
                self.out.append(tables.table(block.insert, self.ledger))
            elif isinstance(block, TableBlock):
                self.out.append(doc_tables.view(block.table, self.doc.kind.form.landscape, self.in_attachment))
            else:
                self.out.extend(_paragraphs(block))

    def section(self, section: Section, level: int, n: int) -> None:
        number = style.numbered(style.HEADING_NUMBERS[level - 1], n)
        run_in = section.run_in
        if run_in is None:  # a heading that is a sentence runs in with its text (1.加强组织领导，落实主体责任。……)
            run_in = level >= 2 and section.title.endswith(tuple(style.RUN_IN_ENDS))
        rest = section.body
        first = rest[0] if rest else None
        if run_in and _runs_in(first):
            para, *more = _paragraphs(first)
            self.out.append(Para(number=number, lead=section.title, text=para.text, items=para.items,
                                 lead_level=level))
            self.out.extend(more)
            rest = rest[1:]
        elif run_in:
            self.out.append(Para(number=number, lead=section.title, lead_level=level))
        else:
            self.out.append(Heading(level, number, section.title))
        self.blocks(rest, level)

    def listed(self, kind: str) -> None:
        """The measures overdue, or completed this period, as of the document's 截至: a table, or a sentence
        saying there are none."""
        day, previous = self.doc.status_date, self.doc.previous_as_of
        keep, none = LISTS[kind]
        chosen = progress.only(self.ledger, lambda m: keep(m, day, previous))
        if chosen.categories:
            self.out.append(tables.table(kind, chosen))
        else:
            self.out.append(Para(text=none.format(day=style.cn_date(day) if day else "目前",
                                                  previous=style.cn_date(previous) if previous else "")))

    def ledger_narrative(self, level: int, counters: dict[int, int]) -> None:
        """The ledger told category by category, its headings at ``level``, numbered on from the sections
        beside the insert (``counters``)."""
        problems, measures = (_unlabelled(label) for label in (self.ledger.labels.problems, self.ledger.labels.measures))
        for cat in self.ledger.categories:
            counters[level] = counters.get(level, 0) + 1
            self.out.append(Heading(level, style.numbered(style.HEADING_NUMBERS[level - 1], counters[level]), cat.name))
            grouped = not any(p.measures for p in cat.problems)
            if grouped and cat.problems:
                self.out.append(Para(lead=f"{problems}：",
                                     items=_items(style.PROBLEM_NUMBER, (p.text for p in cat.problems))))
            for i, problem in enumerate(cat.problems, 1):
                if grouped:
                    break
                self.out.append(Para(lead=f"{problems}{style.numbered(style.PROBLEM_NUMBER, i)}：",
                                     text=_closed(problem.text)))
                if problem.measures:
                    self.out.append(Para(lead=f"{measures}：",
                                         items=_items(style.ENUMERATION, map(_told, problem.measures))))
            if cat.measures:
                self.out.append(Para(lead=f"{measures}：",
                                     items=_items(style.ENUMERATION, map(_told, cat.measures))))


def _unlabelled(label: str) -> str:
    """A 提示语 without the colon an editor may have written after it: the narrative adds its own."""
    return label.rstrip("：:").rstrip()


def _told(measure: Measure) -> str:
    """A measure as the narrative tells it: its text, then what was last said of it as of 截至 (its 说明)."""
    said = progress.remark(measure)
    return _closed(measure.text) + _closed(said) if said else measure.text


def _signature(doc: Document, date: str | None) -> signing.Signature:
    form = doc.kind.form
    sign = doc.signed_by if form.signed else doc.signature
    date = date if form.date_at == "signature" else None
    if doc.seal is None:
        return signing.unsealed(sign, date)
    return signing.sealed(sign, date, doc.seal.image, doc.seal.diameter)


def _stamp(doc: Document) -> str | None:
    """When the files say they were made: the 成文日期, else SOURCE_DATE_EPOCH — never the clock, so the
    same YAML gives the same bytes."""
    if doc.date:
        return datetime.combine(doc.date, time(), timezone.utc).isoformat()
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return None
    return datetime.fromtimestamp(min(int(epoch), LAST_EPOCH), timezone.utc).isoformat()  # clamped, like the ZIP


def organ_names(doc: Document) -> tuple[str, ...]:
    """The organs the document names (发文机关, 主送机关, 标志, 署名): a title never breaks inside one."""
    marks = doc.header.org_mark if doc.header else []
    return tuple(filter(None, (doc.issuer, doc.signature, *doc.to, *marks)))


def page(doc: Document) -> Page:
    doc = stats.filled(doc)
    layout = _Layout(doc)
    layout.blocks(doc.body, 0)
    date = style.cn_date(doc.date) if doc.date else None
    names = organ_names(doc)
    return Page(doc=doc, title_lines=titles.break_title(doc.full_title, TITLE_CHARS, names),
                subtitle_lines=titles.break_title(doc.subtitle, SUBTITLE_CHARS, names, organs=False) if doc.subtitle else [],
                body=layout.out,
                signature=_signature(doc, date), date=date, stamp=_stamp(doc), banner=banner(doc),
                attachments=attachments(doc), imprint_lines=imprint_lines(doc))


@lru_cache(maxsize=4)
def environment(templates: Path = TEMPLATES) -> SandboxedEnvironment:
    env = budget.BudgetedSandbox(
        loader=FileSystemLoader(str(templates)),
        autoescape=select_autoescape(enabled_extensions=("html.j2",), disabled_extensions=("css.j2",), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # What templates may reach: values and two pure functions, no module (a module leads to others).
    helpers = SimpleNamespace(**{name: getattr(style, name) for name in TEMPLATE_HELPERS})
    env.globals.update(house=style.HOUSE, roles=style.ROLES, style=helpers)
    return env


def _render(templates: Path, name: str, **context) -> str:
    """A template rendered in the sandbox, within its time and size budget; what it may not do, or gets
    wrong, is a ``BuildError`` naming the template and line (an office's customised template is code we
    did not write: whatever it raises is its error)."""
    try:
        with budget.time_limit(budget.RENDER_SECONDS):
            text = environment(templates).get_template(name).render(**context)
    except TemplateSyntaxError as e:
        raise BuildError(f"模板 {e.filename or name} 第 {e.lineno} 行语法错误：{e.message}") from None
    except Exception as e:
        line = next((f" 第 {frame.lineno} 行" for frame in _template_frames(e)), "")
        raise BuildError(f"模板 {name}{line}：{_template_fault(e)}") from None
    if len(text) > budget.HTML_BYTES:
        raise BuildError(f"模板 {name} 生成了 {len(text) // 2**20} MB 的 HTML，超过上限 "
                         f"{budget.HTML_BYTES // 2**20} MB（模板里可能有过大的循环）")
    return text


def _template_fault(error: Exception) -> str:
    if isinstance(error, SecurityError):
        return f"试图做沙箱不允许的事（{error}）：模板只能排版，不能调用程序"
    if isinstance(error, budget.OverTime):
        return f"运行超过 {budget.RENDER_SECONDS} 秒，已停止（模板里可能有过大或嵌套的循环）"
    if isinstance(error, MemoryError):
        return f"用尽了内存（上限 {budget.MEMORY // 2**20} MB），已停止（模板里可能生成了过长的文字）"
    if isinstance(error, RecursionError):
        return "递归太深，已停止（宏是否调用了自己？）"
    if isinstance(error, TemplateError):
        return str(error)
    return f"出错（{type(error).__name__}：{error}）"


def _template_frames(error: BaseException):
    import traceback

    return [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith(".j2")][-1:]


def html(doc: Document, templates: Path = TEMPLATES) -> str:
    """The semantic HTML intermediate both writers read; it must be well-formed (the DOCX writer parses it
    as XML), so a customised template that leaves a tag open fails here, named."""
    name = doc.kind.form.template
    text = _render(templates, name, page=page(doc))
    try:
        ElementTree.fromstring(text)
    except ElementTree.ParseError as e:
        raise BuildError(f"模板 {name} 生成的 HTML 不完整（{e}）：标签要成对闭合，<br/> 这样的空标签要写斜杠") from None
    return text


def css(templates: Path = TEMPLATES) -> str:
    """The house CSS for the PDF writer, with every number taken from ``style``."""
    return _render(templates, "gbt9704.css.j2")
