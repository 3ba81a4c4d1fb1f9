"""Property tests over generated documents.

Nothing lost: every text field of the YAML appears in the PDF text and in the DOCX text, whole — apart from
the documented transformations, which the test applies itself: numbering and 一是 are added, an item gets
a closing 。, the 成文日期 is written 2025年7月3日, the 附注 gets its （）, page numbers interleave the text.

Fuzzing: hostile text and structures end in a rendered document or a clean error, never anything else,
each within a time box.  `make fuzz` runs the same properties for many more cases (scripts/fuzz.py).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import signal

import docx
import yaml
from hypothesis import HealthCheck, assume, given, settings

from reportgen import style
from reportgen.errors import BuildError, InputError
from reportgen.loader import load_text
from reportgen.pipeline import Builder
from tests.measure import Measured, docx_text
from tests.strategies import anything, documents

FOLIO = re.compile(r"—\s*\d+\s*—")


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", FOLIO.sub("", text))


def fields(doc: dict) -> list[str]:
    """Every text an editor wrote, as it must appear."""
    out = [doc["标题"], *doc.get("主送机关", []), *doc.get("附件", [])]
    if "署名" in doc:
        day = dt.date.fromisoformat(doc["成文日期"])
        out += [doc["署名"], style.cn_date(day)]
    if "附注" in doc:
        out.append(f"（{doc['附注']}）")

    def walk(value):
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for key, item in value.items():
                if key in ("标题", "要点", "文本", "名称", "正文", "列举", "问题", "整改措施", "类别"):
                    walk(item)

    walk(doc["正文"])
    walk(doc.get("整改台账", {}))
    return out


@settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_nothing_an_editor_wrote_is_lost(tmp_path_factory, doc):
    text = yaml.safe_dump(doc, allow_unicode=True)
    try:
        loaded = load_text(text, "generated.yaml")
    except InputError:
        assume(False)  # a generated combination the schema refuses (e.g. a 报告 rule); not this property
    _, pdf, word = Builder(tmp_path_factory.mktemp("nothing-lost")).render(loaded)[0]
    path = tmp_path_factory.mktemp("pdf") / "d.pdf"
    path.write_bytes(pdf)
    printed = _flat(Measured(path).text())
    written = _flat(docx_text(docx.Document(io.BytesIO(word))))
    for field in fields(doc):
        assert _flat(field) in printed, f"lost in the PDF: {field!r}"
        assert _flat(field) in written, f"lost in the DOCX: {field!r}"


class TimeBox(Exception):
    pass


def _alarm(signum, frame):
    raise TimeBox


@contextlib.contextmanager
def time_box(seconds: int):
    """Raises ``TimeBox`` in the block after ``seconds``: a case that hangs fails instead of stopping the run."""
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def outcome(data, builder: Builder, seconds: int = 90, render: bool = True) -> str:
    """'rendered' or 'refused' ('validated' when not asked to render) — anything else raises."""
    try:  # libyaml writes a 100 kB paragraph 50× faster than PyYAML
        text = yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True)
    except (yaml.YAMLError, UnicodeError):  # a lone surrogate: only PyYAML's emitter escapes it
        text = yaml.safe_dump(data, allow_unicode=False)
    with time_box(seconds):
        try:
            doc = load_text(text, "fuzz.yaml")
            if not render:
                return "validated"
            builder.render(doc)
            return "rendered"
        except (InputError, BuildError):
            return "refused"


@settings(max_examples=20, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
@given(anything())
def test_hostile_input_ends_in_a_document_or_a_clean_error(tmp_path_factory, data):
    assert outcome(data, Builder(tmp_path_factory.mktemp("fuzz"))) in ("rendered", "refused")
