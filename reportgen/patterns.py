"""How the house writes its numbers in words — numbering, dates, 发文字号, 期号 — and how they are read back.

Each written form is stated once here: the patterns generate the text (compose, the model's normalisers) and
the recognisers built from the same patterns read it (import, lint), so what one side writes the other reads.
Nothing here imports a renderer: validate loads it.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

CN_DIGITS = "零一二三四五六七八九"
CN_NUMERAL = "〇零一二三四五六七八九十百千"  # what a number written in words is made of
CN_SMALL = "一二三四五六七八九十"  # what the numbering 一、 （一） 一是 uses in practice

# 层次序数 (GB/T 9704 7.3.3): 一、 （一） 1. （1）, then the inline enumerations of the house wording.
HEADING_NUMBERS = ("{cn}、", "（{cn}）", "{n}.", "（{n}）")
ENUMERATION = "{cn}是"  # 一是……二是……
PROBLEM_NUMBER = "（{n}）"  # 存在问题：（1）……（2）……
ATTACHMENT_NUMBER = "{n}."  # 附件：1.×× 2.××
DASH = "——"  # an item of an em-dash list: ——坚持问题导向、全面整改。


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 101 → 一百零一, 110 → 一百一十, 1005 → 一千零五."""
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n - 10] if n > 10 else "")
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            out += ("零" if zero else "") + CN_DIGITS[digit] + unit
            zero = False
        elif out:
            zero = True
    return out


def cn_value(text: str) -> int | None:
    """The value of a number written in words (十七, 二十, 一百零一) or figure by figure (二〇二五); None
    when ``text`` is not one."""
    digits = {ch: i for i, ch in enumerate(CN_DIGITS)} | {"〇": 0}
    if not text or any(ch not in CN_NUMERAL for ch in text):
        return None
    if not any(ch in "十百千" for ch in text):
        return int("".join(str(digits[ch]) for ch in text))
    total, digit = 0, None
    for ch in text:
        if ch in digits:
            digit = digits[ch]
        else:
            total += (1 if digit is None else digit) * {"十": 10, "百": 100, "千": 1000}[ch]
            digit = None
    return total + (digit or 0)


def numbered(pattern: str, n: int) -> str:
    return pattern.format(n=n, cn=cn_number(n))


# How each character of a numbering pattern may be typed: ASCII or full-width brackets, stray spaces, 、 or
# ． after a figure; after the number, what shows it was something else (一、二季度, 1.5).
_TYPED = {"（": r"[（(]\s*", "）": r"\s*[）)]", ".": r"\s*[.．、](?!\d)", "、": r"、(?!\s*[" + CN_SMALL + "])"}
_NUMBER = {"{cn}": f"([{CN_SMALL}]+)", "{n}": r"(\d{1,2})"}


def recogniser(pattern: str) -> str:
    """The regular expression (source) that reads a number of ``pattern`` as typed, the number captured:
    “（一）”, “(一)” and “( 一 )” for （{cn}）; “1.”, “1．” and “1、” for {n}."""
    out = ""
    for part in re.split(r"(\{cn\}|\{n\})", pattern):
        out += _NUMBER.get(part) or "".join(_TYPED.get(ch, re.escape(ch)) for ch in part)
    return out


# Dates (7.3.5): written in figures, unpadded; read with the spaces a copied text may hold between the parts.
DATE = r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"  # a date as written, to embed in other patterns
DATE_PARTS = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
DATE_IN_WORDS = re.compile(r"([〇零一二三四五六七八九]{4})年(?:([一二三四五六七八九十]{1,2})月(?:([一二三四五六七八九十]{1,3})日)?)?")


def cn_date(day: dt.date) -> str:
    """A date as the house writes it, in Arabic figures, unpadded (7.3.5): 2025年7月3日."""
    return f"{day.year}年{day.month}月{day.day}日"


def read_date(value: Any) -> Any:
    """“2025年7月3日” (spaces allowed) → the date; other values as they are (a date, or a string pydantic
    reads as ISO); raises ``ValueError`` for a day that does not exist."""
    if isinstance(value, str) and (m := DATE_PARTS.fullmatch(value.strip())):
        try:
            return dt.date(*map(int, m.groups()))
        except ValueError:
            raise ValueError(f"日期“{value.strip()}”不存在：请检查年、月、日") from None
    return value


def figures_date(m: re.Match) -> str:
    """A match of ``DATE_IN_WORDS`` (二〇二五年九月五日) in figures: 2025年9月5日, as far as it is written."""
    out = f"{cn_value(m[1])}年"
    if m[2]:
        out += f"{cn_value(m[2])}月"
    if m[3]:
        out += f"{cn_value(m[3])}日"
    return out


# 发文字号 (7.2.4): 机关代字〔年份〕序号号 — 〔〕 around the full year, no 第, no leading zeros.
YEAR_BRACKETED = r"[\[(（【〔［]\s*\d{4}\s*[\])）】〕］]"  # the year in any bracket an editor types
DOC_NUMBER = re.compile(r"^\s*(?P<code>[^\[\]()（）【】〔〕［］]+?)\s*[\[(（【〔［]\s*(?P<year>\d{4})\s*[\])）】〕］]"
                        r"\s*第?\s*0*(?P<number>\d+)\s*号\s*$")
DOC_NUMBER_TEXT = rf"[^\s\[\]()（）【】〔〕［］]{{1,20}}\s*{YEAR_BRACKETED}\s*第?\s*\d+\s*号"  # one inside a line

# 期号 of a 简报: 第17期, 2025年第3期, and the running count some add: 第17期（总第235期）.
ISSUE_NO = re.compile(rf"(?:(?P<year>\d{{4}})\s*年\s*)?第\s*(?P<number>\d+|[{CN_NUMERAL}]+)\s*期"
                      rf"(?:\s*[（(]\s*总\s*第?\s*(?P<total>\d+|[{CN_NUMERAL}]+)\s*期\s*[）)])?")


def normalise_doc_number(value: Any) -> Any:
    """×数党[2025]第012号 → ×数党〔2025〕12号."""
    if not isinstance(value, str):
        return value
    m = DOC_NUMBER.match(value)
    if not m:
        if ISSUE_NO.search(value):
            raise ValueError(f"“{value.strip()}”是简报的期号，不是发文字号：写 文种: 简报，期号 写“第N期”，"
                             f"简报的名称写 简报名称")
        raise ValueError(f"发文字号应写作“机关代字〔年份〕序号号”，如“×数党〔2025〕12号”；不认识“{value}”")
    return f"{m.group('code')}〔{m.group('year')}〕{int(m.group('number'))}号"


def normalise_issue_no(value: Any) -> Any:
    """期号 as the head prints it, in figures: 17 → 第17期, 第十七期 → 第17期, 2025年第3期, 第17期（总第235期）."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return f"第{value}期"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError(f"期号是从 1 起的整数，如 17 或“第17期”；不能是 {value}")
    if not isinstance(value, str):
        return value
    m = ISSUE_NO.fullmatch(value.strip())
    if not m or m["number"] in ("0", "〇", "零"):
        raise ValueError(f"期号写作“第17期”（也可写“2025年第3期”“第17期（总第235期）”，或只写数字 17）；"
                         f"不认识“{value}”")

    def figure(text: str) -> int:
        return int(text) if text.isdigit() else cn_value(text)
    year = f"{m['year']}年" if m["year"] else ""
    total = f"（总第{figure(m['total'])}期）" if m["total"] else ""
    return f"{year}第{figure(m['number'])}期{total}"
