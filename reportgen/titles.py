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
NO_LINE_START = set("”’」』》）〕】、，。：；！？…")
NO_LINE_END = set("“‘「『《（〔【")
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


def units(text: str) -> list[tuple[str, str, str]]:
    """(text, first tag, last tag) of the pieces a line may break between: words glued so no line starts
    with closing punctuation or ends with opening punctuation, and a short quoted phrase (“机动式”, 《方案》)
    stays whole."""
    out: list[list[str]] = []
    pending = ""
    tokens = list(words(text))
    i = 0
    while i < len(tokens):
        token, tag = tokens[i]
        if token in QUOTES:
            closing = QUOTES[token]
            j = next((k for k in range(i + 1, len(tokens)) if tokens[k][0] == closing), None)
            if j is not None and style.text_width_chars("".join(t for t, _ in tokens[i:j + 1])) <= 10:
                token, tag, i = "".join(t for t, _ in tokens[i:j + 1]), "nz", j
        if out and token[0] in NO_LINE_START:
            out[-1][0] += token
        elif token[-1] in NO_LINE_END:
            pending += token
        else:
            out.append([pending + token, tag, tag])
            pending = ""
        if out:
            out[-1][2] = tag if token[0] not in NO_LINE_START else out[-1][2]
        i += 1
    if pending:
        out.append([pending, "", ""])
    return [tuple(piece) for piece in out]


def _cost(pieces: list[tuple[str, str, str]], bounds: tuple[int, ...]) -> float:
    lines = ["".join(p[0] for p in pieces[a:b]) for a, b in zip(bounds, bounds[1:])]
    widths = [style.text_width_chars(line) for line in lines]
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
    widths = [style.text_width_chars(line) for line in lines]
    peak = widths.index(max(widths))
    return all(a <= b for a, b in zip(widths[:peak + 1], widths[1:peak + 1])) and \
        all(a >= b for a, b in zip(widths[peak:], widths[peak + 1:])) or \
        all(a >= b for a, b in zip(widths, widths[1:])) or all(a <= b for a, b in zip(widths, widths[1:]))


def break_title(title: str, max_chars: float) -> list[str]:
    """The title's lines: as typed when the editor broke it, else the best-shaped break at word ends."""
    if "\n" in title:
        return [line.strip() for line in title.splitlines() if line.strip()]
    width = style.text_width_chars(title)
    if width <= max_chars:
        return [title]
    pieces = units(title)
    for count in range(math.ceil(width / max_chars), MAX_LINES + 1):
        best, best_cost = None, math.inf
        for cuts in itertools.combinations(range(1, len(pieces)), count - 1):
            bounds = (0, *cuts, len(pieces))
            lines = ["".join(p[0] for p in pieces[a:b]) for a, b in zip(bounds, bounds[1:])]
            if any(style.text_width_chars(line) > max_chars for line in lines) or not _shape_ok(lines):
                continue
            if (cost := _cost(pieces, bounds)) < best_cost:
                best, best_cost = lines, cost
        if best:
            return best
    return [title]  # a word longer than a line: the renderer wraps it
