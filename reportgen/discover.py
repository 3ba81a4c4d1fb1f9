"""Which YAML files a command works on: named, found in folders, or one shard of them."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path


def sources(paths: list[Path]) -> list[Path]:
    """YAML files named, or found (not recursively) in folders named, in a stable order, each once."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
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
