"""Ledger files: a 整改台账 kept in files of its own, which the documents of a 整改 cycle name.

``整改台账: 台账/2025年巡察整改台账.yaml`` — or a list of files, merged in order, so that each 责任单位 keeps
its part — is read relative to the document and confined to its folder, like a seal image.  A ledger file
holds the mapping an inline ``整改台账:`` holds; each file is validated on its own, so a mistake is reported
at that file's line and column.  Files merge category by category (by name, in order of first appearance);
the campaign's facts may be given in one file or repeated alike.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import assets, reading
from .discover import is_ledger_file, read_small
from .loader import MAX_BYTES
from .errors import InputError, Problem
from .model import Ledger

NOUN = "台账文件"
MAX_FILES = 50  # ledger files one document may name
FACTS = ("oversight", "inspector", "feedback_date", "due", "labels")
Path_ = tuple


def references(value: Any) -> list[str] | None:
    """The file names an ``整改台账:`` value gives (a path, or a list of paths), or None for an inline ledger."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return value
    return None


@dataclass(frozen=True)
class Part:
    """One ledger file, validated: its ledger and the positions of its values."""

    path: Path
    ledger: Ledger
    source: Any  # loader.Source


@dataclass
class MergedSource:
    """Positions for a document whose ledger came from files: a path into the merged ledger is reported at
    the file and position it came from, anything else in the document itself."""

    document: Any  # loader.Source of the document
    origins: dict[Path_, tuple[Any, Path_]] = field(default_factory=dict)  # merged prefix → (file's Source, path)

    @property
    def name(self) -> str:
        return self.document.name

    def problem(self, path: Path_, message: str, *, key: bool = False) -> Problem:
        for end in range(len(path), 1, -1):
            if (origin := self.origins.get(tuple(path[:end]))) is not None:
                source, prefix = origin
                return source.problem((*prefix, *path[end:]), message, key=key)
        return self.document.problem(path, message, key=key)


def read(path: Path) -> tuple[bytes, str]:
    """A ledger file's bytes and their digest (the one place ledger files are read); an ``InputError`` naming
    the cause when it is no regular file or too large."""
    raw = reading.read_bytes(path, MAX_BYTES)
    return raw, hashlib.sha256(raw).hexdigest()


def shown_name(path: Path) -> str:
    """How messages name a ledger file: relative to the current folder when it is inside it."""
    return str(path.relative_to(Path.cwd().resolve())) if path.is_relative_to(Path.cwd().resolve()) else str(path)


@lru_cache(maxsize=16)
def _validated(path: Path, name: str, digest: str, raw: bytes) -> tuple[Part | None, tuple[Problem, ...]]:
    """One file, parsed and validated (cached by content: the documents of a cycle share their ledger)."""
    from . import loader

    text = loader.decode(raw, name)
    if not any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines()):
        return None, (Problem(name, 1, 1, "", "台账文件是空的：至少要写 类别（categories）"),)
    data, source, problems = loader.parse(text, name)
    try:
        ledger = Ledger.model_validate(data)
    except ValidationError as e:
        return None, (*problems, *loader.model_problems(e, source, within=("ledger",)))
    return Part(path, ledger, source), tuple(problems)


def is_ledger(path: Path) -> bool:
    """Whether a file named on the command line is a ledger file rather than a document."""
    raw = read_small(path)
    return raw is not None and is_ledger_file(raw)


def validate_file(path: Path) -> None:
    """Checks one ledger file on its own; raises ``InputError`` with every problem found."""
    raw, digest = read(path)
    _, problems = _validated(path.resolve(), str(path), digest, raw)
    if problems:
        raise InputError(list(problems))


def load(value: str | list[str], base: Path, document: Any) -> tuple[list[Part], list[Problem], dict[str, str]]:
    """The files an ``整改台账:`` value names, read and validated: (parts, problems, file → digest)."""
    names = references(value) or []
    if len(names) > MAX_FILES:
        return [], [document.problem(("ledger",), f"引用了 {len(names)} 个台账文件，上限 {MAX_FILES} 个：请合并一些")], {}
    at = (lambda i: ("ledger", i)) if isinstance(value, list) else (lambda i: ("ledger",))
    parts, problems, read_files = [], [], {}
    for i, name in enumerate(names):
        path, message = assets.confined(name, base, NOUN)
        if message:
            problems.append(document.problem(at(i), message))
            continue
        if path in (p.path for p in parts):
            problems.append(document.problem(at(i), f"台账文件“{name}”写了两次：每个文件只写一次"))
            continue
        try:
            raw, digest = read(path)
        except InputError as e:
            problems.append(document.problem(at(i), f"无法读取台账文件“{name}”：{e.problems[0].message}"))
            continue
        try:
            part, found = _validated(path, shown_name(path), digest, raw)
        except InputError as e:
            problems += e.problems
            continue
        read_files[str(path)] = digest
        problems += found
        if part is not None:
            parts.append(part)
    return parts, problems, read_files


def merge(parts: list[Part], document: Any) -> tuple[Ledger, MergedSource]:
    """One ledger from several files, and where each of its parts came from."""
    located = MergedSource(document)
    facts: dict[str, Any] = {}
    first: dict[str, Any] = {}  # category name → the category where it first appears
    merged: dict[str, dict[str, list]] = {}
    for part in parts:
        for name in FACTS:
            if name in part.ledger.model_fields_set and name not in facts:
                facts[name] = getattr(part.ledger, name)
                located.origins[("ledger", name)] = (part.source, (name,))
        for ci, category in enumerate(part.ledger.categories):
            if category.name not in first:
                first[category.name] = category
                merged[category.name] = {"problems": [], "measures": []}
                located.origins[("ledger", "categories", len(first) - 1)] = (part.source, ("categories", ci))
            target, index = merged[category.name], list(first).index(category.name)
            for kind in ("problems", "measures"):
                for i, item in enumerate(getattr(category, kind)):
                    located.origins[("ledger", "categories", index, kind, len(target[kind]))] = (
                        part.source, ("categories", ci, kind, i))
                    target[kind].append(item)
    categories = [category.model_copy(update=merged[name]) for name, category in first.items()]
    return Ledger.model_construct(**facts, categories=categories), located
