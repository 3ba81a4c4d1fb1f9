"""The one way reportgen opens an input file: a regular file only, and never more than a stated limit.

Every command that reads what an editor names (build, validate, lint, watch, import) comes here.  A name
can hide something that is no file: a FIFO blocks a reader forever, a symlink to /dev/zero or /dev/urandom
never ends, a folder named ``x.yaml`` cannot be read at all.  The file is opened without blocking, checked
with ``fstat`` on the open descriptor (so it cannot be swapped between the check and the read), and read to
one byte past the limit at most, whatever size the file claims.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from .errors import InputError, Problem, os_reason

KINDS = ((stat.S_ISFIFO, "命名管道（FIFO）"), (stat.S_ISCHR, "字符设备"), (stat.S_ISBLK, "块设备"),
         (stat.S_ISSOCK, "套接字"))
FOLDER = "这是一个文件夹，不是文件"


def refusal(path: Path | str, message: str) -> InputError:
    """An error about a whole file (not a position in it)."""
    return InputError([Problem(str(path), 1, 1, "", message)])


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{n // 1000} KB"


def open_file(path: Path, limit: int) -> BinaryIO:
    """``path`` opened for reading in binary, once it is known to be a regular file of at most ``limit``
    bytes; otherwise an ``InputError`` naming the file and the cause, in Chinese."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise refusal(path, "找不到这个文件") from None
    except IsADirectoryError:  # Windows refuses to open a folder
        raise refusal(path, FOLDER) from None
    except OSError as e:
        raise refusal(path, f"无法读取文件：{os_reason(e)}") from None
    try:
        status = os.fstat(fd)
        mode, size = status.st_mode, status.st_size
        if stat.S_ISDIR(mode):
            raise refusal(path, FOLDER)
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in KINDS if test(mode)), "特殊文件")
            raise refusal(path, f"这是{kind}，不是普通文件：reportgen 只读取普通文件")
        if size > limit:
            raise refusal(path, f"文件太大（{_size(size)}，上限 {_size(limit)}）：请拆分文档")
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")  # O_NONBLOCK only kept a FIFO from blocking the open; a regular file ignores it


def read_bytes(path: Path, limit: int) -> bytes:
    """The bytes of ``path``, a regular file of at most ``limit`` bytes — also when it grows while read."""
    with open_file(path, limit) as file:
        try:
            data = file.read(limit + 1)
        except OSError as e:
            raise refusal(path, f"无法读取文件：{os_reason(e)}") from None
    if len(data) > limit:
        raise refusal(path, f"文件太大（超过上限 {_size(limit)}）：请拆分文档")
    return data
