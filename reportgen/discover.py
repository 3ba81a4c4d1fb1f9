"""Which YAML files a command works on: named, found in folders, or one shard of them."""
from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from . import reading
from .errors import InputError
from .loader import MAX_BYTES

YAML_SUFFIXES = (".yaml", ".yml")
# A ledger file holds what an inline 整改台账 holds: 类别 at the top level, and no 文种.
LEDGER_TOP = re.compile(r"^(?:类别|categories)[ \t]*:", re.MULTILINE)
DOCUMENT_TOP = re.compile(r"^(?:文种|kind)[ \t]*:", re.MULTILINE)


def is_ledger_file(raw: bytes) -> bool:
    text = raw.decode("utf-8-sig", errors="replace")
    return bool(LEDGER_TOP.search(text)) and not DOCUMENT_TOP.search(text)


def read_small(path: Path) -> bytes | None:
    """The bytes of a regular file no larger than a document may be; None for anything else."""
    try:
        return reading.read_bytes(path, MAX_BYTES)
    except InputError:
        return None


def _document(path: Path) -> bool:
    """Not a ledger file; what cannot be read (a FIFO, a link to a device) counts as a document, for the
    reader to refuse by name."""
    raw = read_small(path)
    return raw is None or not is_ledger_file(raw)


def sources(paths: list[Path], ledgers: bool = False) -> list[Path]:
    """YAML files named, or the documents found in folders named and their subfolders (not hidden ones, and
    not ledger files, which documents use, unless ``ledgers``), in a stable order.  Whatever else bears a
    YAML name (a FIFO, a link to a device) is kept, for the reader to refuse by name."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES and not p.is_dir()
                            and not any(part.startswith(".") for part in p.relative_to(path).parts)
                            and (ledgers or _document(p)))
        else:
            found.append(path)
    return list({os.path.abspath(p): p for p in found}.values())


def root(paths: list[Path]) -> Path:
    """The folder the outputs mirror: the deepest one holding everything named (a file counts by its
    folder).  ``inputs/`` gives ``build/x.pdf`` for ``inputs/x.yaml``; ``a/x.yaml b/x.yaml`` give
    ``build/a/x.pdf`` and ``build/b/x.pdf`` instead of one overwriting the other."""
    return Path(os.path.commonpath([os.path.abspath(p if p.is_dir() else p.parent) for p in paths]))


def shard(files: list[Path], spec: str | None) -> list[Path]:
    """The K-th of N stable parts of ``files`` ("K/N"), by a hash of each path: the same file always falls
    in the same part, whatever else is added, so a CI matrix spreads documents over N runners."""
    if not spec:
        return files
    k, n = (int(x) for x in spec.split("/"))
    return [f for f in files if int(hashlib.sha1(f.as_posix().encode()).hexdigest(), 16) % n == k - 1]
