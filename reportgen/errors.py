"""Errors an editor can act on: each names file:line:col, the field, and what was expected."""
from __future__ import annotations

import dataclasses
import difflib
import errno
from dataclasses import dataclass
from pathlib import Path

OS_REASONS = {errno.ENOENT: "找不到", errno.EACCES: "没有权限", errno.EPERM: "没有权限", errno.EROFS: "是只读的",
              errno.ENOSPC: "磁盘已满", errno.EISDIR: "是一个文件夹，不是文件", errno.ENOTDIR: "路径中有一段是文件，不是文件夹",
              errno.EEXIST: "已经有同名的文件", errno.ENAMETOOLONG: "文件名太长"}


def os_reason(error: OSError) -> str:
    """Why the system refused a file, in Chinese (its own text is English)."""
    return OS_REASONS.get(error.errno, error.strerror or type(error).__name__)


def did_you_mean(word: str, candidates: list[str]) -> str:
    """"。是不是想写“X”？" for the closest candidate, or "" when none is close."""
    match = difflib.get_close_matches(word, candidates, n=1, cutoff=0.5)
    return f"。是不是想写“{match[0]}”？" if match else ""


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    col: int
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}  {self.path or '(文档)'}  {self.message}"


def warning_text(problem: Problem) -> str:
    """A problem that does not stop the build, as printed."""
    return str(dataclasses.replace(problem, message="警告：" + problem.message))


class ReportgenError(Exception):
    """Base of the errors reportgen reports without a traceback."""


class InputError(ReportgenError):
    """The YAML can't become a document; carries every problem found, sorted by position."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(map(str, self.problems)))


class BuildError(ReportgenError):
    """A document was valid but could not be written."""


class OutputError(ReportgenError):
    """A file could not be written where the command was told to write it."""

    def __init__(self, path: Path | str, message: str):
        super().__init__(f"{path}：{message}")
