"""Breaking a long 标题 into lines (7.3.1): words kept whole, lengths balanced, the shape a 梯形 or 菱形 —
never an hourglass.  Words come from jieba, the segmenter made for Chinese.

Loading jieba's whole dictionary takes 0.6 s; a title only ever meets the words it contains, so those are
read from the dictionary (with the dictionary's total frequency, which jieba's path scores depend on) and
segmented with a tokenizer built on them alone: the same words in 0.2 s.
"""
from __future__ import annotations

import io
import itertools
import logging
import math
from functools import lru_cache
from pathlib import Path

from . import style

BALANCE = 0.5  # cost per squared character of difference from the mean line length
# Breaks between parts of speech (jieba's dictionary tags): a verb from its object, a noun from the noun it
# qualifies, an attribute from its noun cost; a break before 关于 (after the issuer's name) is welcome.
BREAK_COST = {("v", "n"): 25, ("vn", "n"): 15, ("n", "n"): 10, ("a", "n"): 20, ("b", "n"): 20, ("nz", "n"): 10}
BEFORE_GUANYU = -30
NO_LINE_START = style.NO_LINE_START
NO_LINE_END = set("“‘「『《（〔【×")  # × stands for a character of a name withheld (××区): never parted from it
QUOTES = {"“": "”", "《": "》", "「": "」", "『": "』"}
# A line should not end on these: they lead into what follows (关于……, ……的……).
LEADING_WORDS = {"关于": 60, "的": 30, "和": 20, "与": 20, "及": 20, "对": 20, "在": 20, "及其": 20, "对于": 30}
MAX_LINES = 4


def _dictionary() -> Path:
    import jieba

    return Path(jieba.__file__).parent / "dict.txt"


@lru_cache(maxsize=64)
def words(text: str) -> tuple[tuple[str, str], ...]:
    """jieba's segmentation of ``text`` (HMM on) with each word's dictionary tag ("" for new words),
    from the dictionary entries ``text`` contains."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    entries, tags, total = [], {}, 0
    with open(_dictionary(), encoding="utf-8") as f:
        for line in f:
            word, freq, tag = line.split(" ", 2)
            total += int(freq)
            if word in text:
                entries.append(line)
                tags[word] = tag.strip()
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, _ = tokenizer.gen_pfdict(io.BytesIO("".join(entries).encode("utf-8")))
    tokenizer.total = total
    tokenizer.initialized = True
    return tuple((word, tags.get(word, "")) for word in tokenizer.lcut(text))


# An organ's name ends with one of these; the words before it back to a preposition, a conjunction, a
# particle, punctuation or the title's start are its name (中央第三环境保护督察组, 市委第三巡察组).
ORGAN_SUFFIXES = ("委员会", "常委会", "办公室", "办公厅", "领导小组", "工作组", "巡视组", "巡察组", "督察组", "督查组",
                  "检查组", "党组", "党委", "党工委", "纪委", "监委", "人民政府", "政府", "法院", "检察院", "中心",
                  "局", "厅", "部", "委", "办", "署", "院")
NAME_STARTS = ("p", "c", "u", "v", "vn", "d", "x")  # tags of words an organ's name never begins after
NAME_WORDS = 3  # words before the suffix, at most (中央 / 第三 / 环境保护 / 督察组)


def _protected(text: str, tokens: list[tuple[str, str]], max_chars: float, names: tuple[str, ...],
               organs: bool = True) -> list[range]:
    """Character ranges a line never breaks inside: quoted phrases and 《》 titles, the document's own organ
    names, and (``organs``) organ names found by their suffixes — each only when it fits on a line."""
    spans = []
    for opening, closing in QUOTES.items():
        start = text.find(opening)
        while start >= 0:
            end = text.find(closing, start + 1)
            if end < 0:
                break
            spans.append(range(start, end + 1))
            start = text.find(opening, end + 1)
    for name in names:
        start = text.find(name)
        while name and start >= 0:
            spans.append(range(start, start + len(name)))
            start = text.find(name, start + len(name))
    offsets = list(itertools.accumulate((len(t) for t, _ in tokens), initial=0))
    for k in range(1, len(tokens) if organs else 0):
        suffix = next((x for x in ORGAN_SUFFIXES if text[:offsets[k + 1]].endswith(x)), None)
        if suffix:
            first = last = max(i for i in range(k + 1) if offsets[i] <= offsets[k + 1] - len(suffix))
            while first > max(0, last - NAME_WORDS) and not tokens[first - 1][1].startswith(NAME_STARTS) \
                    and tokens[first - 1][0][-1] not in NO_LINE_START | NO_LINE_END:
                first -= 1
            if first < k:
                spans.append(range(offsets[first], offsets[k + 1]))
    return [span for span in spans if style.set_width_chars(text[span.start:span.stop]) <= max_chars]


def units(text: str, max_chars: float = math.inf, names: tuple[str, ...] = (),
          organs: bool = True) -> list[tuple[str, str, str]]:
    """(text, first tag, last tag) of the pieces a line may break between: words, glued so that no line
    starts with closing punctuation or ends with opening punctuation, and so that no quoted phrase, 《》
    title or organ's name (found by its suffix, or one of ``names``) is cut when it fits on a line."""
    tokens = list(words(text))
    protected = _protected(text, tokens, max_chars, names, organs)
    out: list[list[str]] = []
    pending = ""
    offset = 0
    for token, tag in tokens:
        inside = not pending and any(offset in span and offset != span.start for span in protected)
        if out and (token[0] in NO_LINE_START or inside):
            out[-1][0] += token
            if token[0] not in NO_LINE_START:
                out[-1][2] = tag
        elif token[-1] in NO_LINE_END:
            pending += token
        else:
            out.append([pending + token, tag, tag])
            pending = ""
        offset += len(token)
    if pending:
        out.append([pending, "", ""])
    return [tuple(piece) for piece in out]


def _cost(pieces: list[tuple[str, str, str]], bounds: tuple[int, ...]) -> float:
    lines = ["".join(p[0] for p in pieces[a:b]) for a, b in zip(bounds, bounds[1:])]
    widths = [style.set_width_chars(line) for line in lines]
    mean = sum(widths) / len(widths)
    cost = BALANCE * sum((w - mean) ** 2 for w in widths)
    for cut, line in zip(bounds[1:-1], lines):
        before, after = pieces[cut - 1], pieces[cut]
        cost += BREAK_COST.get((before[2], after[1]), 0)
        cost += max((p for word, p in LEADING_WORDS.items() if line.endswith(word)), default=0)
        cost += BEFORE_GUANYU if after[0].startswith("关于") else 0
    return cost


def _shape_ok(lines: list[str]) -> bool:
    """梯形 (widths only grow or only shrink) or 菱形 (grow, then shrink); never an hourglass."""
    widths = [style.set_width_chars(line) for line in lines]
    peak = widths.index(max(widths))
    return all(a <= b for a, b in zip(widths[:peak + 1], widths[1:peak + 1])) and \
        all(a >= b for a, b in zip(widths[peak:], widths[peak + 1:])) or \
        all(a >= b for a, b in zip(widths, widths[1:])) or all(a <= b for a, b in zip(widths, widths[1:]))


def break_title(title: str, max_chars: float, names: tuple[str, ...] = (), organs: bool = True) -> list[str]:
    """The title's lines: as typed when the editor broke it, else the best-shaped break between words that
    cuts no quotation and no organ's name (``names``: the document's own, its 发文机关 and 主送机关; with
    ``organs``, those found by their suffixes too — a 副标题 naming “××区人民代表大会常务委员会第三十九次
    会议” breaks inside that name, as offices print it, rather than leave one line twice the other)."""
    if "\n" in title:
        return [line.strip() for line in title.splitlines() if line.strip()]
    width = style.set_width_chars(title)
    if width <= max_chars:
        return [title]
    pieces = units(title, max_chars, names, organs)
    for count in range(math.ceil(width / max_chars), MAX_LINES + 1):
        best, best_cost = None, math.inf
        for cuts in itertools.combinations(range(1, len(pieces)), count - 1):
            bounds = (0, *cuts, len(pieces))
            lines = ["".join(p[0] for p in pieces[a:b]) for a, b in zip(bounds, bounds[1:])]
            if any(style.set_width_chars(line) > max_chars for line in lines) or not _shape_ok(lines):
                continue
            if (cost := _cost(pieces, bounds)) < best_cost:
                best, best_cost = lines, cost
        if best:
            return best
    return [title]  # a word longer than a line: the renderer wraps it
