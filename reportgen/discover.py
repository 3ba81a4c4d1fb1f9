"""Which YAML files a command works on: named, found in folders, or one shard of them."""
from __future__ import annotations

import hashlib
from pathlib import Path


def sources(paths: list[Path]) -> list[Path]:
    """YAML files named, or found (not recursively) in folders named, in a stable order.  Whatever else
    bears a YAML name (a FIFO, a link to a device) is kept, for the reader to refuse by name."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and not p.is_dir())
        else:
            found.append(path)
    return found


def shard(files: list[Path], spec: str | None) -> list[Path]:
    """The K-th of N stable parts of ``files`` ("K/N"), by a hash of each path: the same file always falls
    in the same part, whatever else is added, so a CI matrix spreads documents over N runners."""
    if not spec:
        return files
    k, n = (int(x) for x in spec.split("/"))
    return [f for f in files if int(hashlib.sha1(f.as_posix().encode()).hexdigest(), 16) % n == k - 1]
