"""Errors an editor can act on: each names file:line:col, the field, and what was expected."""
from __future__ import annotations

import dataclasses
import difflib
import errno
import os
import traceback
from dataclasses import dataclass
from pathlib import Path

OS_REASONS = {
    errno.EACCES: "没有权限", errno.EPERM: "没有权限", errno.EROFS: "所在的磁盘是只读的",
    errno.ENOSPC: "磁盘已满", errno.EDQUOT: "磁盘配额已用完", errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中有一段是文件，不是文件夹", errno.ENOENT: "不存在", errno.EEXIST: "已经存在",
    errno.ENAMETOOLONG: "文件名太长", errno.ENOTEMPTY: "文件夹不是空的",
}


def os_reason(error: OSError) -> str:
    """Why an operating-system call failed, in Chinese (the English text when the cause is unusual)."""
    return OS_REASONS.get(error.errno, error.strerror or type(error).__name__)


DEBUG = "REPORTGEN_DEBUG"  # set by `reportgen --debug`: unexpected errors show their traceback


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


def unexpected(error: Exception) -> str:
    """What went wrong, for an error no closer guard turned into a message: in Chinese, with the traceback
    when ``REPORTGEN_DEBUG`` is set."""
    if isinstance(error, ReportgenError):
        return str(error)
    if isinstance(error, MemoryError):
        from .budget import MEMORY

        return f"内存用尽（每个生成进程最多 {MEMORY // 2**20} MB）：文档或模板太大"
    if isinstance(error, OSError):
        return f"{error.filename or '文件'}：{os_reason(error)}"
    text = f"意外的错误（{type(error).__name__}：{error}），多半是 reportgen 的缺陷"
    if os.environ.get(DEBUG):
        return text + "\n" + "".join(traceback.format_exception(error))
    return text + "。请加 --debug 重新运行（reportgen --debug …），把输出发给维护者"
