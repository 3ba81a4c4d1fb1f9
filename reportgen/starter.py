"""Starting documents for ``reportgen new``: a commented scaffold of each 文种, or — with ``--ledger`` — one of
the four documents of a 整改 cycle (方案, 台账, 通报, 报告) wired to its ledger files.

A wired document names the ledger files relative to itself and takes its dates from the ledger: 截至 and
成文日期 the last day the ledger records, 上期截至 its 反馈日期, so it validates as written.  A ledger file
that does not exist yet is started from a scaffold too.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from . import ledger_files, progress, schema
from .errors import InputError
from .model import Kind, Ledger

SCAFFOLDS = Path(__file__).parent / "scaffolds"
CYCLE = SCAFFOLDS / "cycle"
CYCLE_KINDS = tuple(kind for kind in Kind if kind.form.cycle)
LEDGER_LINE = re.compile(r"^整改台账: .*\n", re.MULTILINE)


def scaffold(kind: Kind) -> str:
    return (SCAFFOLDS / kind.form.scaffold).read_text(encoding="utf-8")


def wired(kind: Kind, file: Path, ledgers: list[Path]) -> tuple[str, list[tuple[Path, str]]]:
    """The document of ``kind`` at ``file`` wired to ``ledgers``, and the ledger files to start: (path, text).
    Raises ``ValueError`` with a message in Chinese when the ledgers cannot be used."""
    if kind not in CYCLE_KINDS:
        raise ValueError(f"--ledger 只用于 {'、'.join(k.value for k in CYCLE_KINDS)}：{kind.value}不引用台账")
    folder = file.resolve().parent
    names, started = [], []
    for ledger in ledgers:
        path = ledger.resolve()
        if not path.is_relative_to(folder):
            raise ValueError(f"台账文件 {ledger} 须在文档所在的文件夹（{folder}）或其子文件夹中")
        names.append(path.relative_to(folder).as_posix())
        if path.exists():
            if not ledger_files.is_ledger(path):
                raise ValueError(f"{ledger} 不是整改台账文件（顶层应有 类别，没有 文种）")
        elif len(ledgers) == 1:
            started.append((ledger, schema.modeline(ledger, schema=schema.LEDGER_SCHEMA_PATH)
                            + (CYCLE / "ledger-file.yaml").read_text(encoding="utf-8")))
        else:
            raise ValueError(f"找不到台账文件 {ledger}：几个台账文件一起引用时，它们都要已经存在")
    text = (CYCLE / kind.form.scaffold).read_text(encoding="utf-8")
    reference = yaml.safe_dump({"整改台账": names[0] if len(names) == 1 else names}, allow_unicode=True,
                               default_flow_style=False, sort_keys=False)
    text = LEDGER_LINE.sub(lambda m: reference, text)
    return _dated(text, [p for p in ledgers if p.exists()] or [p for p, _ in started], started), started


def _dated(text: str, ledgers: list[Path], started: list[tuple[Path, str]]) -> str:
    """The scaffold's dates moved to the ledger's: 截至 and 成文日期 its last recorded day, 上期截至 its
    反馈日期 (this period's completions are then those since the feedback)."""
    ledger = _read(ledgers, dict(started))
    if ledger is None:
        return text
    days = [e.dated for m in ledger.all_measures() for e in progress.entries(m)]
    days += [m.completed for m in ledger.all_measures() if m.completed]
    last = max(days, default=ledger.feedback_date)
    if last is None:
        return text
    for key, day in (("成文日期", last), ("截至", last), ("上期截至", ledger.feedback_date)):
        if day is None or (key == "上期截至" and day >= last):
            text = re.sub(rf"^{key}: .*\n", "", text, flags=re.MULTILINE)
        else:
            text = re.sub(rf"^{key}: .*$", f"{key}: {day.isoformat()}", text, flags=re.MULTILINE)
    return text


def _read(paths: list[Path], started: dict[Path, str]) -> Ledger | None:
    """The ledger the files hold (None when one of them does not validate: ``validate`` will say why)."""
    from . import loader

    parts = []
    for path in paths:
        try:
            raw = started[path].encode() if path in started else ledger_files.read(path)[0]
            data, source, _ = loader.parse(loader.decode(raw, str(path)), str(path))
            parts.append(ledger_files.Part(path, Ledger.model_validate(data), source))
        except (InputError, OSError, ValueError):
            return None
    return ledger_files.merge(parts, None)[0] if parts else None
