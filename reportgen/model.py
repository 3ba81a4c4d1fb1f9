"""The document model: what an editor may write in YAML, validated once at the door.

Every field has an English name and one Chinese name (``ZH``); editors may use either.  Models forbid
unknown keys, so a misspelt key is an error rather than text that silently vanishes.
"""
from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Annotated, Any, Literal, Union

from pydantic import (AliasChoices, AliasGenerator, BaseModel, BeforeValidator, ConfigDict, Discriminator,
                      Field, PlainValidator, PrivateAttr, Tag, WithJsonSchema, model_validator)

from . import written
from .percentages import MAX_DECIMALS

from .forms import KIND_WORDS, Kind, kind_list
from .patterns import cn_date, normalise_doc_number, normalise_issue_no, read_date  # noqa: F401  (cn_date: for callers)

# English field name → the one Chinese name an editor may write instead.  One Chinese word means one
# English word everywhere, so a path like 正文[2].标题 translates without knowing the model.
ZH = {
    "kind": "文种",
    "issuer": "发文机关",
    "doc_number": "发文字号",
    "signer": "签发人",
    "title": "标题",
    "subject": "事由",
    "to": "主送机关",
    "body": "正文",
    "attachments": "附件",
    "signature": "署名",
    "date": "成文日期",
    "note": "附注",
    "cc": "抄送",
    "printed_by": "印发机关",
    "printed_date": "印发日期",
    "header": "版头",
    "copy_no": "份号",
    "secrecy": "密级",
    "urgency": "紧急程度",
    "org_mark": "发文机关标志",
    "mark_suffix": "标志后缀",
    "ledger": "整改台账",
    "statistics": "统计",
    "level": "层级",
    "run_in": "接排",
    "lead": "要点",
    "text": "文本",
    "items": "列举",
    "insert": "插入",
    "categories": "类别",
    "name": "名称",
    "problems": "问题",
    "measures": "整改措施",
    "labels": "提示语",
    "leader": "责任领导",
    "unit": "责任单位",
    "deadline": "完成时限",
    "status": "进展",
    "summary": "汇总",
    "figures": "数据",
    "total": "总数",
    "seal": "印章",
    "published": "发布时间",
    "source": "来源",
    "editor": "编辑",
    "present": "出席",
    "absent": "请假",
    "attending": "列席",
    "image": "图片",
    "diameter": "直径",
    "history": "进展记录",
    "dated": "日期",
    "remark": "说明",
    "completed": "完成日期",
    "as_of": "截至",
    "previous_as_of": "上期截至",
    "oversight": "监督形式",
    "inspector": "反馈机关",
    "feedback_date": "反馈日期",
    "due": "整改期限",
    "subtitle": "副标题",
    "speaker": "报告人",
    "salutation": "称呼",
    "bulletin_name": "简报名称",
    "issue_no": "期号",
    "reported_to": "报",
    "sent_to": "送",
    "distributed_to": "发",
    "item_style": "列举方式",
    "percent_decimals": "占比小数位",
    "table": "表格",
    "columns": "表头",
    "rows": "行",
    "numbered": "序号",
    "merged": "合并",
    "short": "短列",
    "landscape": "横向",
    "footnote": "注",
}
EN = {zh: en for en, zh in ZH.items()}


def _aliases(name: str) -> AliasChoices:
    return AliasChoices(name, ZH[name])


class Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=True,
        str_strip_whitespace=True,
        alias_generator=AliasGenerator(validation_alias=_aliases),
    )


class Status(str, Enum):
    """进展 of a measure."""

    DONE = "已完成"
    PARTIAL = "阶段性成果"
    ONGOING = "长期坚持"
    IN_PROGRESS = "推进中"
    NOT_STARTED = "未启动"

    @property
    def english(self) -> str:
        return self.name.lower()


STATUS_WORDS = {s.english: s for s in Status} | {s.value: s for s in Status}


def _word(table: dict):
    def convert(value: Any) -> Any:
        return table.get(value.strip(), value) if isinstance(value, str) else value
    return convert


def _list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


Text = Annotated[str, Field(min_length=1)]
Names = Annotated[list[Text], BeforeValidator(_list)]
DocDate = Annotated[dt.date, BeforeValidator(read_date)]
StatusField = Annotated[Status, BeforeValidator(_word(STATUS_WORDS))]


ITEM_STYLES = {"ordinal": "一是", "dash": "破折号"}  # 一是……二是…… in the paragraph, or ——…… one a paragraph
ITEM_STYLE_WORDS = {zh: en for en, zh in ITEM_STYLES.items()} | {"——": "dash", "—": "dash"}


class Paragraph(Strict):
    """A paragraph: optional bold lead sentence, text, and items — inline as 一是……二是……, or one a paragraph
    after an em-dash (——坚持问题导向……)."""

    lead: Text | None = Field(None, description="加粗的引导句（要点），与正文同段")
    text: str = Field("", description="段落文字")
    items: list[Text] = Field(default_factory=list,
                              description="列举事项：依次生成“一是”“二是”……（只有一项时照写）；列举方式为破折号时每项另起一段，以“——”开头")
    item_style: Annotated[Literal[tuple(ITEM_STYLES)], BeforeValidator(_word(ITEM_STYLE_WORDS))] = Field(
        "ordinal", description="列举方式：一是（ordinal，默认，“一是……二是……”接在段中）或 破折号（dash，每项另起一段）")

    @model_validator(mode="after")
    def _not_empty(self):
        if not (self.lead or self.text or self.items):
            raise ValueError("段落为空：至少写 lead（要点）、text（文本）或 items（列举）之一")
        return self


INSERTS = {
    "ledger": "整改情况",  # the ledger told category by category: 存在问题…… 整改情况……
    "ledger_table": "整改台账",  # the ledger as a table: 序号 / 问题 / 整改措施 / 责任领导 / 责任单位 / 完成时限 / 进展
    "problem_list": "问题清单",
    "task_list": "任务清单",
    "responsibility_list": "责任清单",
    "chart": "统计图",  # progress by category and 进展, as a bar chart
    "overdue": "逾期未完成事项",  # measures past their 完成时限 and not done as of 截至
    "completed_list": "本期完成事项",  # measures completed after 上期截至, up to 截至
}
INSERT_WORDS = {zh: en for en, zh in INSERTS.items()} | {"台账表": "ledger_table"}


class Insert(Strict):
    """Places content generated from the 整改台账: its narrative, or one of its tables."""

    insert: Annotated[Literal[tuple(INSERTS)], BeforeValidator(_word(INSERT_WORDS))] = Field(
        description="插入的内容：" + "、".join(f"{zh}（{en}）" for en, zh in INSERTS.items()))
    level: int | None = Field(None, ge=1, le=4, description="整改情况：类别标题的层级 1–4（1 为“一、”，2 为“（一）”）；"
                                                          "省略时为所在位置的下一级")


def _cell(value: Any) -> Any:
    """A cell as written: a number keeps its text (35435.70), nothing written is an empty cell."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


Cell = Annotated[Union[str, Annotated[list[Text], Field(min_length=1)]], Field(union_mode="left_to_right"),
                 BeforeValidator(_cell), WithJsonSchema({"anyOf": [
                     {"type": "string"}, {"type": "number"}, {"type": "null"},
                     {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1}]})]


NUMBER_HEADING = "序号"  # the head of a 表格's 序号 column, generated or written


class Table(Strict):
    """表格: a table of the document's own columns, in the body or an attachment."""

    title: Text | None = Field(None, description="表格标题，居中印在表格上方")
    columns: list[Text] = Field(min_length=1, description="各列的列名（表头），从左到右")
    rows: list[Annotated[Union[Text, list[Cell]], Field(union_mode="left_to_right")]] = Field(
        min_length=1, description="各行：每行写成列表，一格一项，格数与表头相同；一格写成列表时，依次编为 1. 2. 3. 分行印出；"
                                  "一行只写一段文字时，是跨整个表格的分组行，自动编为 一、二、")
    numbered: bool = Field(False, description="序号：true 时在最左加“序号”列，自动编号（合并的首列只编一个号）；"
                                              "自己写序号时，把“序号”写进表头")
    merged: Annotated[list[Text], BeforeValidator(_list)] = Field(
        default_factory=list, description="合并：这些列（写列名）里上下相邻、内容相同的格合并为一格")
    short: Annotated[list[Text], BeforeValidator(_list)] | None = Field(
        None, description="短列：按词换行、列宽按内容的列（写列名），如 责任单位、完成时限；省略时按内容判断")
    landscape: bool | None = Field(None, description="横向：true 印在横向页面上，false 印在纵向页面上；省略时表格太宽才横向")
    footnote: Text | None = Field(None, description="注：印在表格下方，前面自动加“注：”")


class TableBlock(Strict):
    """A table in the body: ``表格:`` and what it holds."""

    table: Table = Field(description="表格：表头、各行，可加标题、序号、合并、注")


def _block_tag(value: Any) -> str:
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        keys = set(value)
        if keys & {"insert", ZH["insert"]}:
            return "insert"
        if keys & {"table", ZH["table"]}:
            return "doc_table"
        if keys & {name for field in ("title", "level", "run_in", "body") for name in (field, ZH[field])}:
            return "section"
    return "paragraph"


Block = Annotated[
    Union[
        Annotated[Text, Tag("text")],
        Annotated[Paragraph, Tag("paragraph")],
        Annotated["Section", Tag("section")],
        Annotated[Insert, Tag("insert")],
        Annotated[TableBlock, Tag("doc_table")],
    ],
    Discriminator(_block_tag),
]
Blocks = Annotated[list[Block], BeforeValidator(_list)]


class Section(Strict):
    """A numbered section: 一、 （一） 1. （1） by level; numbering is generated, never typed."""

    title: Text = Field(description="标题文字，不含序号")
    level: int | None = Field(None, ge=1, le=4, description="层级 1–4；省略时为上一级加一，可跳级（如 一、 下直接用 1.）")
    run_in: bool | None = Field(None, description="标题与第一段接排；三、四级标题默认接排")
    body: Blocks = Field(default_factory=list, description="本节内容：段落、列举或下级标题")


class Progress(Strict):
    """One dated entry of a measure's 进展记录: from this day on, the measure stands at ``status``."""

    dated: DocDate = Field(description="日期，如 2025-07-15")
    status: StatusField = Field(description="这一天起的进展：" + " / ".join(s.value for s in Status))
    remark: Text | None = Field(None, description="说明：做了什么；截至日期时的最后一条说明接在叙述中该措施之后")


class Measure(Strict):
    """整改措施: one line of the ledger."""

    text: Text = Field(description="措施内容")
    leader: str | None = Field(None, description="责任领导")
    unit: str | None = Field(None, description="责任单位")
    deadline: Annotated[DocDate | str, Field(union_mode="left_to_right")] | None = Field(
        None, description="完成时限：日期，或“长期坚持”等文字")
    status: StatusField | None = Field(None, description="进展：" + " / ".join(s.value for s in Status)
                                       + "（不随日期变化；随时间变化的写 history 进展记录）")
    history: list[Progress] = Field(default_factory=list,
                                    description="进展记录：按日期先后写，每条含 日期、进展，可加 说明；文档按其截至日期取最后一条")
    completed: DocDate | None = Field(None, description="完成日期：进展为已完成的日期（有进展记录时可代替其中“已完成”一条）")


Measures = Annotated[list[Annotated[Measure, BeforeValidator(lambda v: {"text": v} if isinstance(v, str) else v)]],
                     BeforeValidator(_list)]


class Problem(Strict):
    """存在问题, with the measures that answer it."""

    text: Text = Field(description="问题表述")
    measures: Measures = Field(default_factory=list, description="针对本问题的整改措施")


class Category(Strict):
    """A group of problems, e.g. “意识形态工作责任落实不够到位方面”."""

    name: Text = Field(description="类别名称，作为二级标题")
    problems: list[Annotated[Problem, BeforeValidator(lambda v: {"text": v} if isinstance(v, str) else v)]] = Field(
        default_factory=list, description="存在问题，依次编为（1）（2）……")
    measures: Measures = Field(default_factory=list, description="针对整个类别的整改措施，依次写作“一是”“二是”……")


class Labels(Strict):
    problems: Text = Field("存在问题", description="问题段的引导语")
    measures: Text = Field("整改情况", description="措施段的引导语")


class Ledger(Strict):
    """整改台账: categories → problems → measures, and the facts of the campaign they answer.

    Written inside a document, or in a file of its own that documents name (the same mapping)."""

    oversight: Text | None = Field(None, description="监督形式：巡视、巡察、审计、督查……（占位符 {监督形式}）")
    inspector: Text | None = Field(None, description="反馈机关，如 市委第三巡察组（占位符 {反馈机关}）")
    feedback_date: DocDate | None = Field(None, description="反馈日期（占位符 {反馈日期}）")
    due: DocDate | None = Field(None, description="整改期限：整体完成整改的日期（占位符 {整改期限}）")
    labels: Labels = Field(default_factory=Labels, description="叙述中“存在问题：”“整改情况：”的引导语")
    categories: list[Category] = Field(min_length=1, description="问题类别")

    def all_measures(self) -> list[Measure]:
        return [m for c in self.categories for m in (*c.measures, *(m for p in c.problems for m in p.measures))]


Count = Annotated[int, PlainValidator(written.count), WithJsonSchema(
    {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string", "pattern": written.COUNT_TEXT.pattern}]})]
Figure = Annotated[float, PlainValidator(written.figure), WithJsonSchema(
    {"anyOf": [{"type": "number"}, {"type": "string", "pattern": written.NUMBER_TEXT.pattern}]})]


class Statistics(Strict):
    """统计: counts the ledger can't itemise (汇总) and figures it can't know (数据), printed as written."""

    summary: dict[str, Count] = Field(
        default_factory=dict, description="声明的数量：按进展的措施数，如 已完成: 69；可加 总数（措施总数）、问题总数。"
                                          "只写 总数 和 已完成 时，其余为未完成")
    figures: dict[str, Figure] = Field(
        default_factory=dict, description="其他数字，照写照印，如 会议次数: 63、资金: 35435.70（小数末尾的 0 保留）、1,234")


SECRECY = re.compile(r"^\s*(绝密|机密|秘密)\s*(?:[★☆*]?\s*(\d+\s*(?:年|个月|月)|长期))?\s*$")


def _secrecy(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    m = SECRECY.match(value)
    if not m:
        raise ValueError(f"密级写作“绝密”“机密”或“秘密”，可加保密期限，如“机密★1年”；不认识“{value}”")
    return m.group(1) + (f"★{m.group(2).replace(' ', '')}" if m.group(2) else "")


class Header(Strict):
    """版头: 份号, 密级和保密期限, 紧急程度 and the red 发文机关标志 above the red rule."""

    copy_no: Annotated[str, Field(pattern=r"^\d{6}$")] | None = Field(None, description="份号：6位数字，如 000123（请加引号）")
    secrecy: Annotated[str, BeforeValidator(_secrecy)] | None = Field(None, description="密级和保密期限，如 机密★1年")
    urgency: Literal["特急", "加急"] | None = Field(None, description="紧急程度：特急 / 加急")
    org_mark: Names = Field(default_factory=list, description="发文机关标志；几个机关联合行文时写成列表，主办机关在前")
    mark_suffix: str | None = Field(
        None, description="标志后的字，通常是“文件”（函、纪要默认不加）；只用机关名称时写空字符串")


class Seal(Strict):
    """发文机关印章: an image (PNG or JPEG, next to the YAML) printed red over 署名 and 成文日期, or none
    (a document printed to be stamped by hand still takes the sealed layout)."""

    image: str | None = Field(None, description="印章图片，相对于本 YAML 文件的路径（PNG 或 JPEG，透明背景）")
    diameter: float = Field(42, gt=20, le=60, description="印章直径（毫米），常用 42")


def _seal(value: Any) -> Any:
    if value is True:
        return {}
    if value is False:
        return None
    if isinstance(value, str):
        return {"image": value}
    return value


class Attachment(Strict):
    """An attachment printed after the body: 附件N on line 1, its title on line 3, then its content."""

    name: Text = Field(description="附件名称（也用于附件说明）")
    body: Blocks = Field(min_length=1, description="附件内容：段落、标题，或 插入: 整改台账 等表格")


class Document(Strict):
    """One 公文: metadata, body, ledger and statistics."""

    kind: Annotated[Kind, BeforeValidator(_word(KIND_WORDS))] = Field(description="文种：" + kind_list(" / "))
    issuer: Text | None = Field(None, description="发文机关全称")
    doc_number: Annotated[str, BeforeValidator(normalise_doc_number)] | None = Field(
        None, description="发文字号，如 网信办〔2025〕7号；[2025]、(2025)、【2025】、“第”和序号前的 0 会自动规范")
    signer: Names = Field(default_factory=list, description="签发人（上行文必填）")
    title: Text | None = Field(None, description="标题；省略时由 subject（事由）组成“关于……的通报/报告”。可用换行强制分行")
    subtitle: Text | None = Field(
        None, description="副标题：标题下居中的一行（楷体），如“（2025年第3季度）”或“——2025年6月在……会议上”；过长时自动分行")
    subject: Text | None = Field(None, description="事由，用于组成标题")
    to: Names = Field(default_factory=list, description="主送机关")
    body: Blocks = Field(min_length=1, description="正文")
    attachments: Annotated[list[Text | Attachment], BeforeValidator(_list)] = Field(
        default_factory=list,
        description="附件：只写名称的，列入附件说明（另行装订）；写了 name 和 body 的，排在正文之后")
    signature: Text | None = Field(None, description="发文机关署名；省略时用 issuer（发文机关）")
    date: DocDate | None = Field(None, description="成文日期，如 2025-07-03 或 2025年7月3日")
    seal: Annotated[Seal | None, BeforeValidator(_seal)] = Field(
        None, description="加盖印章：写印章图片路径；写 true 表示打印后手工盖章（只按加盖印章的格式排署名和日期）")
    note: Text | None = Field(None, description="附注（不加括号）")
    cc: Names = Field(default_factory=list, description="抄送机关")
    printed_by: Text | None = Field(None, description="印发机关")
    printed_date: DocDate | None = Field(None, description="印发日期")
    header: Header | None = Field(None, description="版头")
    published: Text | None = Field(None, description="信息：发布时间，照写，如 2024年03月23日")
    source: Text | None = Field(None, description="信息：来源，如 中国网信网")
    editor: Text | None = Field(None, description="信息：编辑")
    present: Names = Field(default_factory=list, description="纪要：出席人员")
    absent: Names = Field(default_factory=list, description="纪要：请假人员")
    attending: Names = Field(default_factory=list, description="纪要：列席人员")
    speaker: Text | None = Field(None, description="会议报告：报告人（讲话人）的职务和姓名，如“××市人民政府副市长　×××”，居中印在副标题下")
    salutation: Text | None = Field(None, description="会议报告：称呼，如“主任、各位副主任、秘书长、各位委员：”，顶格印在正文前")
    bulletin_name: Text | None = Field(None, description="简报：简报名称，红色印在报头，如 督查通报、工作简报")
    issue_no: Annotated[str, BeforeValidator(normalise_issue_no)] | None = Field(
        None, description="简报：期号，如 第17期、2025年第3期，或只写数字 17；汉字数字自动改为阿拉伯数字")
    reported_to: Names = Field(default_factory=list, description="简报：报（报送的上级机关和领导），印在文末")
    sent_to: Names = Field(default_factory=list, description="简报：送（送达的平级机关）")
    distributed_to: Names = Field(default_factory=list, description="简报：发（下发的机关和单位）")
    ledger: Ledger | None = Field(
        None, description="整改台账：直接写在这里，或写台账文件的路径（相对于本文件，如 台账/巡察整改台账.yaml；几个文件写成列表，依次合并）")
    as_of: DocDate | None = Field(None, description="截至：数字、表格、叙述和统计图按这一天的进展；省略时为成文日期")
    previous_as_of: DocDate | None = Field(
        None, description="上期截至：上一期报告的截至日期，{本期完成} 从次日算起；省略时取同一文件夹中使用同一台账、截至在本文之前的最后一份文档")
    statistics: Statistics = Field(default_factory=Statistics, description="统计")
    percent_decimals: int | None = Field(
        None, ge=0, le=MAX_DECIMALS, description="占比小数位：百分比保留几位小数（0 印作 27%，1 印作 27.3%）；省略时保留一位，"
                                      "末尾的 .0 不印。单个占位符可另写，如 {已完成占比:0}")
    _loaded: Any = PrivateAttr(None)  # set by the loader: where the document came from (``loader.Loaded``)

    @property
    def status_date(self) -> dt.date | None:
        """The day the ledger is told as of: 截至, else the 成文日期."""
        return self.as_of or self.date

    @property
    def full_title(self) -> str:
        return self.title or f"关于{self.subject}的{self.kind.form.composed_title_word}"

    @property
    def signed_by(self) -> str | None:
        return self.signature or self.issuer

    @property
    def mark(self) -> tuple[tuple[str, ...], str] | None:
        """The 版头's 发文机关标志 (or a 简报's name where it stands): its lines and the word after them; None
        without a head."""
        form = self.kind.form
        named = getattr(self, form.mark_field) if form.mark_field else None
        if self.header is None and not named:
            return None
        header = self.header or Header()
        names = tuple([named] if named else header.org_mark or [self.issuer])
        return names, header.mark_suffix if header.mark_suffix is not None else form.mark_suffix

    @property
    def attachment_names(self) -> list[str]:
        return [a if isinstance(a, str) else a.name for a in self.attachments]


Section.model_rebuild()
