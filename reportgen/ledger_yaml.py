"""An imported ledger as the YAML an editor reads: Chinese keys in the model's order, and each remark the
workbook held (a column the ledger has no field for, a 进展 cell with more than a status word) as a comment
under the measure it belongs to.  PyYAML writes no comments: a key stands where they go, and is replaced by
them once the YAML is written.

Two shapes: a ledger file (its top level is what ``整改台账:`` holds inline: ``类别: […]``), or a 台账
document around it (``--kind 台账``), which builds as it is.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from .import_xlsx import Ledger, Measure


COMMENT = re.compile(r"^( *)reportgen-comment-(\d+): null$", re.MULTILINE)  # where a comment goes
Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's: a thousand measures in milliseconds


def _measure(measure: Measure, comments: list[list[str]]) -> dict:
    """The measure's fields, and a key standing where its comments go (replaced once the YAML is written)."""
    if not measure.comments:
        return measure.fields
    comments.append(measure.comments)
    return measure.fields | {f"reportgen-comment-{len(comments) - 1}": None}


def ledger_data(ledger: Ledger, comments: list[list[str]]) -> dict:
    categories = []
    for category in ledger.categories:
        entry: dict = {"名称": category.name}
        problems = [{"文本": p.text} | ({"整改措施": [_measure(m, comments) for m in p.measures]} if p.measures else {})
                    for p in category.problems if p.text is not None]
        own = [_measure(m, comments) for p in category.problems if p.text is None for m in p.measures]
        categories.append(entry | ({"问题": problems} if problems else {}) | ({"整改措施": own} if own else {}))
    return {"类别": categories}


def _written(data: dict, comments: list[list[str]], head: list[str]) -> str:
    text = yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=10**9, indent=2)
    text = COMMENT.sub(lambda m: "\n".join(f"{m[1]}# {line}" for line in comments[int(m[2])]), text)
    return "".join(f"# {line}\n" for line in head) + text


def ledger_file(ledger: Ledger, head: list[str]) -> str:
    """A ledger file; ``head``: the comments on top (where it came from, what to check)."""
    comments: list[list[str]] = []
    return _written(ledger_data(ledger, comments), comments, head + _above(ledger))


def ledger_document(ledger: Ledger, head: list[str]) -> str:
    """A 台账 document: the title the workbook had, its 截至 date as the 成文日期, the ledger table."""
    comments: list[list[str]] = []
    doc = {"文种": "台账", "标题": ledger.title or "整改台账"} | ({"成文日期": ledger.as_of} if ledger.as_of else {})
    doc |= {"正文": [{"插入": "整改台账"}], "整改台账": ledger_data(ledger, comments)}
    return _written(doc, comments, head + _above(ledger))


def _above(ledger: Ledger) -> list[str]:
    return [f"原表表头上方：{line}" for line in ledger.above]


