"""Errors an editor can act on: each names file:line:col, the field, and what was expected."""
from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass


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
