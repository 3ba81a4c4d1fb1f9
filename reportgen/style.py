"""The house style: every GB/T 9704-2012 number reportgen uses, in one table.

The CSS (templates/gbt9704.css.j2), the DOCX writer and the tests read these values; no other module
states a size, a margin or a face.  Lengths are python-docx ``Length`` values (integer EMU), so
``Mm(37).pt`` and ``Pt(28.95).twips`` convert exactly at each writer's edge.
"""
from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field

from docx.shared import Length, Mm, Pt, Twips

# The written forms of numbers live with their recognisers; compose and the templates reach them as style.*
from .patterns import (ATTACHMENT_NUMBER, DASH, ENUMERATION, HEADING_NUMBERS, PROBLEM_NUMBER,  # noqa: F401
                       cn_date, cn_number, numbered)


@dataclass(frozen=True)
class Face:
    """A type style named by the standard, the names it goes by, and the free faces standing in for it."""

    key: str
    official: str  # written into the DOCX and first in every CSS font list
    aliases: tuple[str, ...]  # the same face under other names (Windows, WPS)
    free: tuple[str, ...]  # Debian faces that stand in on Linux, best first
    generic: str
    package: str  # the Debian package that brings the first free face

    @property
    def families(self) -> tuple[str, ...]:
        return (self.official, *self.aliases, *self.free)

    @property
    def css(self) -> str:
        return ", ".join(f'"{name}"' for name in self.families) + f", {self.generic}"


FANDOL = "texlive-lang-chinese"
XIAOBIAOSONG = Face("xiaobiaosong", "方正小标宋简体", ("方正小标宋_GBK", "FZXiaoBiaoSong-B05S"),
                    ("FandolSong Bold", "Noto Serif CJK SC"), "serif", FANDOL)
FANGSONG = Face("fangsong", "仿宋_GB2312", ("仿宋", "FangSong"), ("FandolFang",), "serif", FANDOL)
HEI = Face("hei", "黑体", ("SimHei",), ("FandolHei", "Noto Sans CJK SC"), "sans-serif", FANDOL)
KAI = Face("kai", "楷体_GB2312", ("楷体", "KaiTi"), ("FandolKai", "AR PL UKai CN"), "serif", FANDOL)
SONG = Face("song", "宋体", ("SimSun",), ("FandolSong", "Noto Serif CJK SC"), "serif", FANDOL)
FACES = (XIAOBIAOSONG, FANGSONG, HEI, KAI, SONG)

# Faces that are also needed: fallbacks for characters outside GB 2312, and the LibreOffice used by the tests.
FALLBACK_PACKAGES = ("fonts-noto-cjk", "fonts-arphic-ukai")

# 字号 (GB/T 9704 1.3): 1 pt = 1/72 in, as in Word.
ERHAO, SANHAO, SIHAO = Pt(22), Pt(16), Pt(14)


@dataclass(frozen=True)
class Page:
    width: Length = Mm(210)
    height: Length = Mm(297)
    top: Length = Mm(37)  # 天头
    left: Length = Mm(28)  # 订口
    text_width: Length = Mm(156)  # 版心
    text_height: Length = Mm(225)
    lines: int = 22
    chars: int = 28
    line_pitch: Length = Pt(28.95)  # 579 twips: Word's usual grid for 22 lines

    @property
    def right(self) -> Length:
        return Length(self.width - self.left - self.text_width)

    @property
    def bottom(self) -> Length:
        return Length(self.height - self.top - self.text_height)

    @property
    def char_pitch(self) -> Length:
        return Length(self.text_width // self.chars)

    @property
    def tracking(self) -> Length:
        """Letter-spacing that sets ``chars`` 三号 characters a line, rounded down to whole twips.

        28 × 16 pt is 448 pt, the block 442.2 pt: −0.207 pt would just fit, but rounding in the layout
        engines then leaves 27.  −5 twips (−0.25 pt) fits in WeasyPrint, Word and LibreOffice; the
        justification spreads the remaining 1.2 pt.
        """
        return Twips(math.floor((self.char_pitch - SANHAO) / Twips(1)))


PAGE = Page()

# The space word processors put between a Chinese character and a Latin letter or digit next to it (CLREQ
# 3.2.2): Word and WPS by w:autoSpaceDE/DN; LibreOffice always (its DOCX import ignores those and keeps its
# default, ParaIsCharacterDistance), a fifth of the face's line height — 3.456 pt for 三号 FandolFang, FandolHei
# and FandolKai alike (ascent 880 + line gap 200 of 1000).  The PDF adds the same, so lines break alike.
AUTOSPACE_EM = 0.216
# The PDF ends its justified lines this much short of the 版心's edge: LibreOffice breaks a line whose
# characters would fill the width to within about half a point (its advances are rounded to twips), so a line
# the PDF just fits would otherwise break a character earlier in the DOCX (measured on the samples: with it,
# every line of every sample breaks alike).
LINE_SLACK = Pt(0.6)


@dataclass(frozen=True)
class Folio:
    """Page numbers (7.5): "— 1 —", 四号 宋体, outer side one character in, 7 mm below the 版心."""

    face: Face = SONG
    size: Length = SIHAO
    dash: str = "\u2014"
    below_block: Length = Mm(7)  # from the 版心's bottom edge to the top of the 一字线
    # The 一字线 of the Song faces stands this far above the baseline (measured on FandolSong and SimSun).
    dash_rise_em: float = 0.36
    # In a line box as tall as the type, the baseline stands this far below its top (FandolSong, SimSun).
    ascent_em: float = 0.88

    @property
    def inset(self) -> Length:
        return self.size

    @property
    def baseline_below_block(self) -> Length:
        return Length(self.below_block + int(self.size * self.dash_rise_em))


FOLIO = Folio()


@dataclass(frozen=True)
class Banner:
    """版头 (7.2): 份号, 密级, 紧急程度 on grid lines 1–3, the red 发文机关标志, 发文字号 and the red rule."""

    red: str = "FF0000"  # screen red of the templates; printed Y80 % M80 %
    mark_face: Face = XIAOBIAOSONG
    mark_top: Length = Mm(35)  # from the 版心's top edge to the 标志's top edge
    mark_size: Length = Pt(60)  # the 标志's size when the name fits; the standard leaves it free
    mark_min_scale: float = 0.75  # horizontal compression (Word's w:w) allowed before the size shrinks
    number_lines_below_mark: int = 2  # 发文字号: two blank lines under the 标志
    rule_below_number: Length = Mm(4)  # red rule under the 发文字号's glyphs
    rule_width: Length = Pt(1.5)
    title_lines_below_rule: int = 2
    signer_label: str = "签发人："
    side_chars: int = 1  # 上行文: 发文字号 one character from the left, 签发人 one from the right
    issue_lines_below_mark: int = 1  # 简报: blank lines between its red name and 第N期 (the office's line next)

    def mark_fit(self, names: list[str], suffix: str) -> tuple[Length, float]:
        """The 标志's size and horizontal scale so the widest line fits the 版心 in one line."""
        widest = max(text_width_chars(n) for n in names) + text_width_chars(suffix)
        size = min(self.mark_size, int(PAGE.text_width / (widest * self.mark_min_scale)))
        return Length(size), round(min(1.0, PAGE.text_width / (widest * size)), 3)

    @property
    def rule_margin(self) -> Length:
        """From the bottom of the 发文字号's line box to the rule: 4 mm under the glyphs, whose bottom
        stands half the leading above the line box's bottom (content area one em high)."""
        return Length(self.rule_below_number - (PAGE.line_pitch - SANHAO) // 2)


BANNER = Banner()


@dataclass(frozen=True)
class Letterhead:
    """信函格式 (10.1): the organ's name 30 mm from the paper's top, red double rules 170 mm long under it
    (thick over thin) and 20 mm above the paper's bottom (thin over thick); no page number on page 1."""

    mark_top: Length = Mm(30)  # from the paper's top edge to the 标志's top edge
    rule_gap: Length = Mm(4)  # from the 标志's bottom to the upper double rule
    rule_length: Length = Mm(170)
    thick: Length = Mm(0.8)
    thin: Length = Mm(0.3)
    between: Length = Mm(0.6)
    bottom_rule: Length = Mm(20)  # from the paper's bottom edge to the lower double rule
    meta_drop_em: float = 7 / 8  # 份号 and 发文字号 stand 7/8 of a 三号 height under the rule

    @property
    def rule_height(self) -> Length:
        return Length(self.thick + self.thin + self.between)

    @property
    def meta_space(self) -> Length:
        """From the upper rule to the top of the 份号 line's box (the glyphs stand half the leading lower)."""
        return Length(int(self.meta_drop_em * SANHAO) - (PAGE.line_pitch - SANHAO) // 2)

    @property
    def overhang(self) -> Length:
        """How far the rules reach past each side of the 版心 (170 mm against 156)."""
        return Length((self.rule_length - PAGE.text_width) // 2)


LETTERHEAD = Letterhead()


@dataclass(frozen=True)
class Imprint:
    """版记 (7.4): 抄送, 印发机关和印发日期 between 版心-wide rules at the bottom of the last (even) page."""

    size: Length = SIHAO  # 四号
    side_chars: int = 1  # 抄送 and 印发机关 one character from the left, 印发日期 one from the right
    thick: Length = Mm(0.35)  # first and last rule
    thin: Length = Mm(0.25)  # rules between elements
    printed_suffix: str = "印发"
    # the lines a 版记 may hold above 印发机关 and 印发日期: field → (role, label)
    lines: dict = field(default_factory=lambda: {
        "cc": ("imprint-cc", "抄送："), "reported_to": ("imprint-to", "报："), "sent_to": ("imprint-to", "送："),
        "distributed_to": ("imprint-to", "发：")})

    @property
    def side(self) -> Length:
        return Length(self.side_chars * self.size)

    @property
    def label_chars(self) -> dict[str, int]:
        """Role → the characters of its label, after which its continuation lines align."""
        return {role: len(label) for role, label in self.lines.values()}


IMPRINT = Imprint()


@dataclass(frozen=True)
class Column:
    """A column of a table generated from the ledger: its heading, what it shows, and whether its text
    wraps freely (问题, 措施 take the width the short fields leave) or keeps its words whole."""

    heading: str
    field: str  # number | category | problem | measure | leader | unit | deadline | status | completed
    align: str = "left"
    wraps: bool = False


@dataclass(frozen=True)
class Table:
    """Tables generated from the ledger (整改台账, 问题清单 …): faces, size, line, cell padding, and how
    the columns share the width (``tables.widths``)."""

    size: Length = Pt(12)  # 小四
    line: Length = Pt(20)
    padding: Length = Mm(1)
    rule: Length = Pt(0.75)
    head_face: Face = HEI
    cell_face: Face = FANGSONG
    landscape_from_columns: int = 5  # a table this wide goes on landscape pages
    one_line_chars: float = 8  # a short field up to this wide (in characters) stays on one line
    whole_word_chars: float = 6  # a word (between 、，；/ or a date's 年) up to this wide never breaks
    min_text_chars: float = 8  # the narrowest a free-text column gets
    portrait_text_chars: float = 10  # a 表格 goes on landscape pages when its free text would get less on portrait
    continued_lines: int = 2  # a merged cell continued on the next page repeats this many lines of its text
    close_fit_chars: float = 0.25  # a free-text column this close to a whole number of characters is moved off it
    columns: dict = field(default_factory=lambda: {
        "ledger_table": (Column("序号", "number", "center"), Column("问题", "problem", wraps=True),
                         Column("整改措施", "measure", wraps=True), Column("责任领导", "leader", "center"),
                         Column("责任单位", "unit", "center"), Column("完成时限", "deadline", "center"),
                         Column("进展", "status", "center")),
        "problem_list": (Column("序号", "number", "center"), Column("问题类别", "category", wraps=True),
                         Column("存在问题", "problem", wraps=True)),
        "task_list": (Column("序号", "number", "center"), Column("存在问题", "problem", wraps=True),
                      Column("整改措施", "measure", wraps=True), Column("完成时限", "deadline", "center")),
        "responsibility_list": (Column("序号", "number", "center"), Column("整改措施", "measure", wraps=True),
                                Column("责任领导", "leader", "center"), Column("责任单位", "unit", "center")),
        "overdue": (Column("序号", "number", "center"), Column("整改措施", "measure", wraps=True),
                    Column("责任单位", "unit", "center"), Column("完成时限", "deadline", "center")),
        "completed_list": (Column("序号", "number", "center"), Column("整改措施", "measure", wraps=True),
                           Column("责任单位", "unit", "center"), Column("完成日期", "completed", "center")),
    })

    def chars(self, width: Length) -> float:
        """How many characters of the table's size a cell of ``width`` holds on a line."""
        return (width - 2 * self.padding - self.rule) / self.size

    def width(self, chars: float) -> Length:
        """The width of a cell holding ``chars`` characters on a line (with a hair to spare for rounding)."""
        return Length(int((chars + 0.05) * self.size + 2 * self.padding + self.rule))


TABLE = Table()


@dataclass(frozen=True)
class Landscape:
    """Landscape A4 pages for wide tables: the portrait 版心 turned a quarter, its margins with it — but for its
    height, 15 whole lines of the grid (153.2 mm, not 156): Word's and WPS's document grid then fits it, and
    LibreOffice does not centre the lines that fit and so lower every table by the rest (4 pt)."""

    top: Length = Mm(28)
    right: Length = Mm(35)
    left: Length = Mm(37)
    lines: int = 15

    @property
    def bottom(self) -> Length:
        return Length(PAGE.width - self.top - self.lines * Twips(PAGE.line_pitch.twips))

    @property
    def text_width(self) -> Length:
        return Length(PAGE.height - self.left - self.right)


LANDSCAPE = Landscape()


@dataclass(frozen=True)
class Workbook:
    """The 整改台账 as an Excel workbook (``--format xlsx``): the table's faces, a title and a 截至 row above
    it, landscape A4 with the landscape pages' margins, "— 1 —" in the footer."""

    title_face: Face = XIAOBIAOSONG
    title_size: Length = Pt(18)  # 小二
    date_face: Face = FANGSONG
    date_size: Length = SIHAO
    head_face: Face = TABLE.head_face
    cell_face: Face = TABLE.cell_face
    size: Length = TABLE.size
    line: Length = Pt(16)  # a wrapped line of 小四 in a cell, as Excel and Calc set it
    title_line: float = 1.5  # a line of the title and 截至 rows, in their size
    padding: Length = Pt(6)  # above and below a cell's lines together
    cell_margin: Length = Mm(2)  # inside a column, left and right together
    short_column_chars: float = 5  # a column of dates, names or 进展 is at most this wide: 阶段性成果, 2025年12月|31日
    width: Length = Length(PAGE.height - LANDSCAPE.left - LANDSCAPE.right)  # the landscape 版心
    sheet_name: str = "整改台账"


WORKBOOK = Workbook()


@dataclass(frozen=True)
class Role:
    """One kind of paragraph: its class in the HTML intermediate and its named style in Word."""

    css_class: str
    word_style: str
    face: Face
    size: Length = SANHAO
    align: str = "justify"  # justify | center | left | right
    indent_chars: float = 2  # first-line indent (from the left indent), in characters of the 版心 grid
    left_chars: float = 0  # left indent of every line
    space_before_lines: int = 0
    space_after_lines: int = 0
    bold: bool = False
    line: Length | None = None  # exact line height when not the 版心's grid (tables)
    keep_with_next: bool = False  # a heading: never split, never the last line of a page
    joins_above: bool = False  # stands right under the title's block: the blank line before it goes


ROLES = {
    role.css_class: role
    for role in (
        Role("title", "公文标题", XIAOBIAOSONG, ERHAO, align="center", indent_chars=0, space_after_lines=1),
        # 副标题 under the title, and a 会议报告's 报告人 under it: 楷体, centred, the blank line after the last.
        # (公文副标题: Chinese Word shows its built-in Subtitle style as 副标题.)
        Role("second-title", "公文副标题", KAI, align="center", indent_chars=0, space_after_lines=1, joins_above=True),
        Role("speaker", "报告人", KAI, align="center", indent_chars=0, space_after_lines=1, joins_above=True),
        Role("addressee", "主送机关", FANGSONG, indent_chars=0),
        Role("salutation", "称呼", FANGSONG, indent_chars=0),  # 主任、各位副主任、秘书长、各位委员：
        Role("body", "公文正文", FANGSONG),
        # 层次序数 (7.3.3): 一、 黑体, （一） 楷体, 1. and （1） 仿宋 — in bold, as their run-in leads are.
        Role("heading-1", "一级标题", HEI, keep_with_next=True),
        Role("heading-2", "二级标题", KAI, keep_with_next=True),
        Role("heading-3", "三级标题", FANGSONG, bold=True, keep_with_next=True),
        Role("heading-4", "四级标题", FANGSONG, bold=True, keep_with_next=True),
        # 附件说明 (7.3.4): "附件：名称", several as "附件：1.名称" / "2.名称", wrapped names aligned.
        Role("attachment-note", "附件说明", FANGSONG, indent_chars=-3, left_chars=5, space_before_lines=1),
        Role("attachment-note-first", "附件说明首项", FANGSONG, indent_chars=-4, left_chars=6, space_before_lines=1),
        Role("attachment-note-item", "附件说明续项", FANGSONG, indent_chars=-1, left_chars=6),
        Role("sign", "发文机关署名", FANGSONG, align="right", indent_chars=0, space_before_lines=1),
        Role("date", "成文日期", FANGSONG, align="right", indent_chars=0),
        Role("note", "附注", FANGSONG),
        # 附件 (7.3.7): "附件N" in 黑体 flush left on line 1, its title centred on line 3.
        Role("subtitle", "题注", FANGSONG, align="center", indent_chars=0, space_after_lines=1, joins_above=True),
        Role("byline", "信息来源", FANGSONG, align="center", indent_chars=0, space_after_lines=1),
        Role("editor", "编辑", FANGSONG, align="right", indent_chars=0),
        Role("attachment-label", "附件标识", HEI, align="left", indent_chars=0, keep_with_next=True),
        # 纪要 (10.3): "出席：" in 黑体, 1 blank line under the body, names aligned after the "："
        Role("attendance-first", "出席人员首行", FANGSONG, indent_chars=-3, left_chars=5, space_before_lines=1),
        Role("attendance", "出席人员", FANGSONG, indent_chars=-3, left_chars=5),
        Role("attachment-title", "附件标题", XIAOBIAOSONG, ERHAO, align="center", indent_chars=0,
             space_before_lines=1, space_after_lines=1, keep_with_next=True),
        # 表格: its title centred over it, kept with its first row; "注：" under it, a paragraph of the body.
        Role("table-title", "表格标题", HEI, align="center", indent_chars=0, keep_with_next=True),
        Role("table-note", "表注", FANGSONG),
    )
}
BODY = ROLES["body"]
BANNER_ROLES = {
    role.css_class: role
    for role in (
        Role("copy-no", "份号", FANGSONG, indent_chars=0, align="left"),
        Role("secrecy", "密级和保密期限", HEI, indent_chars=0, align="left"),
        Role("urgency", "紧急程度", HEI, indent_chars=0, align="left"),
        Role("org-mark", "发文机关标志", XIAOBIAOSONG, BANNER.mark_size, align="center", indent_chars=0),
        Role("doc-number", "发文字号", FANGSONG, align="center", indent_chars=0),
        # 简报's head: 第N期 under its name, then the compiling office (left) and the date (right)
        Role("issue-no", "期号", FANGSONG, align="center", indent_chars=0),
        Role("compiler-line", "编印单位和日期", FANGSONG, align="left", indent_chars=0),
    )
}
SIGNER_FACE = KAI  # the 签发人's name; its label stays 仿宋
TABLE_ROLES = {
    role.css_class: role
    for role in (
        Role("table-head", "表头", TABLE.head_face, TABLE.size, align="center", indent_chars=0, line=TABLE.line),
        Role("table-cell", "表格文字", TABLE.cell_face, TABLE.size, align="left", indent_chars=0, line=TABLE.line),
    )
}
IMPRINT_ROLES = {
    role.css_class: role
    for role in (
        Role("imprint-cc", "抄送机关", FANGSONG, SIHAO, indent_chars=0),
        Role("imprint-to", "报送发机关", FANGSONG, SIHAO, indent_chars=0),  # 简报: 报：…… 送：…… 发：……
        Role("imprint-print", "印发机关和日期", FANGSONG, SIHAO, align="left", indent_chars=0),
    )
}
LEAD_STYLE = "要点"  # Word character style of the bold run-in lead sentence
FOLIO_STYLE = "页码"

# 署名 and 成文日期, unsealed (7.3.5.2): the block stands 2 characters from the right edge,
# and the date starts 2 characters right of the 署名.
SIGNATURE_RIGHT_CHARS = 2
DATE_SHIFT_CHARS = 2
# Sealed (7.3.5.1): the date 4 characters from the right edge; the seal's centre on the top edge of the
# 署名's line, so that 署名 and 成文日期 both sit below it ("居印章中心偏下").
SEALED_DATE_RIGHT_CHARS = 4
SEAL_CENTRE_LINES = 0.0


# A heading whose last line would hold this many characters or fewer is set a little tighter instead, so no
# line of a heading holds a lone "来" (a typesetter's 紧缩字距) — by at most ``TIGHTEN_LIMIT`` a character.
TIGHTEN_CHARS = 2
TIGHTEN_LIMIT = Pt(1.5)
TIGHTEN_SLACK = Pt(3)  # room to spare on each tightened line: the word processors must break where the PDF does
NO_LINE_START = set("”’」』》）〕】、，。：；！？…")
AUTOSPACE_SPREAD = Pt(0.7)  # how much wider LibreOffice may set one Chinese/Latin space than the PDF (measured)
NUMBER_SPACING_LIMIT = Pt(0.8)  # a line set tighter or looser to keep a number with its unit: at most this a character
# A last page holding at most this many lines of running text and nothing else is saved: paragraphs whose
# last line holds at most ``SAVE_LAST_LINE_CHARS`` characters are tightened (within ``TIGHTEN_LIMIT``, keeping
# ``TIGHTEN_SLACK``), a line each, until the text ends a page earlier.
SAVE_PAGE_LINES = 3
SAVE_LAST_LINE_CHARS = 10


def set_lines(text: str, role: Role, tracking: Length, slack: Length = Length(0)) -> list[str]:
    """``text`` broken into lines as the layout engines do, greedily: each character advances by its width
    plus ``tracking`` (plus the autospace at Chinese/Latin boundaries), the first line starts after the
    role's indent, and a line never starts with closing punctuation (the character before comes along);
    ``slack`` is left free on each line."""
    room = PAGE.text_width.pt - LINE_SLACK.pt - slack.pt
    lines, line, used = [], "", role.indent_chars * PAGE.char_pitch.pt
    previous = None
    for ch in text:
        kind = script(ch)
        advance = role.size.pt * (1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5) + tracking.pt
        if kind and previous and kind != previous:
            advance += AUTOSPACE_EM * role.size.pt
        previous = kind
        if line and used + advance > room + 0.01:
            if ch in NO_LINE_START and len(line) > 1:
                lines.append(line[:-1])
                line = line[-1]
            else:
                lines.append(line)
                line = ""
            used = sum(role.size.pt * (1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.5) + tracking.pt
                       for c in line)
        line += ch
        used += advance
    return [*lines, line] if line else lines


def tightened(text: str, role: Role) -> Length:
    """The letter-spacing for a heading: the role's own tracking, or a little less when that sets one line
    fewer instead of a last line of at most ``TIGHTEN_CHARS`` characters."""
    base = PAGE.tracking if role.size == BODY.size else Length(0)
    lines = set_lines(text, role, base)
    if len(lines) < 2 or len(lines[-1]) > TIGHTEN_CHARS:
        return base
    tracking = base
    while base - tracking < TIGHTEN_LIMIT:
        tracking = Length(tracking - Twips(1))
        if len(set_lines(text, role, tracking, TIGHTEN_SLACK)) < len(lines):
            return tracking
    return base


def text_width_chars(text: str) -> float:
    """Width of a line of text in body characters: full-width 1, half-width (digits, Latin) ½."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in text)


def script(ch: str) -> str | None:
    """"wide" for a Chinese character (or a full-width letter or digit), "narrow" for a Latin letter or digit,
    None for punctuation, spaces and symbols, which take no autospace beside them."""
    if not ch.isalnum():
        return None
    return "wide" if unicodedata.east_asian_width(ch) in "WF" else "narrow"


def autospace_gaps(text: str) -> int:
    """Boundaries between Chinese and Latin letters or digits in ``text`` (each takes ``AUTOSPACE_EM``)."""
    scripts = [script(ch) for ch in text]
    return sum(1 for a, b in zip(scripts, scripts[1:]) if a and b and a != b)


def set_width_chars(text: str) -> float:
    """Width of ``text`` as set, in characters of its size: autospace included."""
    return text_width_chars(text) + AUTOSPACE_EM * autospace_gaps(text)


@dataclass(frozen=True)
class InfoLabels:
    """The words of a 信息 item's lines."""

    published: str = "发布时间："
    source: str = "来源："
    editor: str = "编辑："


@dataclass(frozen=True)
class MinutesLabels:
    present: str = "出席："
    absent: str = "请假："
    attending: str = "列席："


@dataclass(frozen=True)
class HouseStyle:
    """Everything above as one value, for templates and tests."""

    page: Page = PAGE
    folio: Folio = FOLIO
    banner: Banner = BANNER
    letterhead: Letterhead = LETTERHEAD
    imprint: Imprint = IMPRINT
    table: Table = TABLE
    info_labels: InfoLabels = InfoLabels()
    minutes_labels: MinutesLabels = MinutesLabels()
    landscape: Landscape = LANDSCAPE
    roles: dict = field(default_factory=lambda: ROLES)
    banner_roles: dict = field(default_factory=lambda: BANNER_ROLES)
    imprint_roles: dict = field(default_factory=lambda: IMPRINT_ROLES)
    faces: tuple = FACES


HOUSE = HouseStyle()


ATTACHMENT_LABEL = "附件："
ATTACHMENT_MARK = "附件"  # on the attachment's first page: 附件 (one) or 附件1, 附件2 …
TABLE_NOTE_LABEL = "注："  # before a 表格's 注
CELL_LINE_NUMBER = "{n}."  # a 表格 cell written as a list: 1. 2. 3., one a line
# An enumerated item or a listed problem that ends without one of these gets a 。 so items don't run together.
SENTENCE_ENDS = "。；！？…”’）"
OPEN_ENDS = "，、：:"  # an item ending so runs on into the next: nothing is added
RUN_IN_ENDS = "。！？"  # a heading ending like a sentence runs in with the paragraph after it
