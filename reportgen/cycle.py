"""The documents of a 整改 cycle: those that name the same ledger files.

A document that tells this period's completions without a 上期截至 takes the 截至 of the last document
before it, in its folder, that names the same ledger files.  Building or validating a set of documents
checks that those sharing a ledger agree (the rules are ``rules.across``); a build checks only the groups
in which something changed, so a rebuild with nothing to do reads nothing more.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import yaml
from pydantic import TypeAdapter, ValidationError

from . import assets, ledger_files
from .discover import YAML_SUFFIXES, is_ledger_file, read_small
from .errors import InputError, Problem
from .loader import FAST_LOADER
from .model import EN, DocDate

# A document that may name ledger files: `整改台账:` followed by a path, or by a list on the next lines
# (an inline ledger continues with a mapping).  Only these are parsed to find out.
NAMES_LEDGER_FILES = re.compile(r"^(?:整改台账|ledger)[ \t]*:[ \t]*(?:[^\s#{]|(?:#.*)?\n(?:[ \t]*(?:#.*)?\n)*[ \t]*- )",
                                re.MULTILINE)
DATE = TypeAdapter(DocDate)


def _top_level(raw: bytes) -> dict:
    """The document's top-level values, read fast and without positions (empty when it does not parse)."""
    try:
        data = yaml.load(raw.decode("utf-8-sig"), Loader=FAST_LOADER or yaml.SafeLoader)
    except (yaml.YAMLError, ValueError, RecursionError):  # ValueError: undecodable, or a date like 2025-02-30
        return {}
    return {EN.get(k, k): v for k, v in data.items() if isinstance(k, str)} if isinstance(data, dict) else {}


def ledger_files_of(path: Path, raw: bytes) -> frozenset[Path]:
    """The ledger files a document names, resolved (empty for an inline ledger, none, or a wrong name)."""
    if not NAMES_LEDGER_FILES.search(raw.decode("utf-8-sig", errors="replace")):
        return frozenset()
    names = ledger_files.references(_top_level(raw).get("ledger")) or []
    found = (assets.confined(name, path.parent, ledger_files.NOUN)[0] for name in names)
    return frozenset(p for p in found if p is not None)


def _status_date(data: dict) -> dt.date | None:
    """截至, else 成文日期, as written at the top of a document (None when neither is a date)."""
    for name in ("as_of", "date"):
        if data.get(name) is not None:
            try:
                return DATE.validate_python(data[name])
            except ValidationError:
                return None
    return None


def _documents_beside(path: Path) -> list[Path]:
    return sorted(p for p in path.parent.iterdir()
                  if p.suffix in YAML_SUFFIXES and p.is_file() and p.resolve() != path.resolve())


def previous_as_of(path: Path, files: tuple[str, ...], day: dt.date | None) -> tuple[dt.date | None, dict[str, str]]:
    """The latest 截至 before ``day`` among the documents beside ``path`` that name the same ledger ``files``,
    and the documents consulted (path → digest: a change to any of them rebuilds this one)."""
    wanted = frozenset(Path(f) for f in files)
    best, consulted = None, {}
    for other in _documents_beside(path):
        raw = read_small(other)
        if raw is None or is_ledger_file(raw) or ledger_files_of(other, raw) != wanted:
            continue
        consulted[str(other.resolve())] = hashlib.sha256(raw).hexdigest()
        found = _status_date(_top_level(raw))
        if found and day and found < day and (best is None or found > best):
            best = found
    return best, consulted


def agreement(changed: list[Path], files: list[Path]) -> dict[Path, tuple[list[Problem], list[Problem]]]:
    """For each document of ``files`` that shares ledger files with a ``changed`` one: (errors, warnings)
    found by checking the documents of its group together."""
    from . import loader, rules

    def ledgers(path: Path) -> frozenset[Path]:
        raw = read_small(path)
        return frozenset() if raw is None else ledger_files_of(path, raw)

    touched = {found for path in changed if (found := ledgers(path))}
    if not touched:
        return {}
    members = [path for path in files if ledgers(path) in touched]
    docs = []
    for path in members:
        try:
            docs.append(loader.load(path))
        except InputError:
            continue  # its own build reports why
    errors, warnings = rules.across(docs)
    found: dict[Path, tuple[list[Problem], list[Problem]]] = {}
    by_name = {str(path): path for path in members}
    for problems, index in ((errors, 0), (warnings, 1)):
        for problem in problems:
            path = by_name.get(problem.file) or _first_using(members, problem.file, ledgers)
            found.setdefault(path, ([], []))[index].append(problem)
    return found


def _first_using(members: list[Path], ledger_file: str, ledgers) -> Path:
    """The first document that names ``ledger_file``: where a remark about the ledger itself is reported."""
    return next((path for path in members if Path(ledger_file) in ledgers(path)), members[0])
