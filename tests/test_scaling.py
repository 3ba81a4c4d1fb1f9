"""What keeps big documents linear: long paragraphs cut into runs before layout, large tables in the DOCX.
(Times are measured by `make bench`, not asserted here.)"""
from __future__ import annotations

import io

import docx
from weasyprint.formatting_structure import boxes

from reportgen import compose, loader
from reportgen.writers import textruns
from reportgen.writers.pdf import PdfWriter

MIXED = "巡察整改落实情况，加强组织领导（2025年第3季度）完成率达到64.5%，“四风”问题ABC整改。" * 120


def test_runs_are_cut_only_between_two_ideographs():
    pieces = textruns.runs(MIXED, 100)
    assert "".join(pieces) == MIXED and len(pieces) > 40
    for before, after in zip(pieces, pieces[1:]):
        assert "\u4e00" <= before[-1] <= "\u9fff" and "\u4e00" <= after[0] <= "\u9fff"
    assert textruns.runs("a" * 5000, 100) == ["a" * 5000], "no place to cut: left whole"


def _lines(html: str) -> list[str]:
    document = PdfWriter(compose.css(), str(compose.TEMPLATES)).layout(html)
    return [f"{line.position_y:.2f} " + "".join(b.text for b in line.descendants() if isinstance(b, boxes.TextBox))
            for page in document.pages for line in page._page_box.descendants() if isinstance(line, boxes.LineBox)]


def test_a_long_paragraph_breaks_into_the_same_lines_when_cut_into_runs(monkeypatch, tmp_path):
    (tmp_path / "d.yaml").write_text(f"文种: 通报\n标题: 长段落\n正文:\n  - '{MIXED}'\n", encoding="utf-8")
    html = compose.html(loader.load(tmp_path / "d.yaml"))
    monkeypatch.setattr(textruns, "RUN_CHARS", 10**9)
    whole = _lines(html)
    monkeypatch.setattr(textruns, "RUN_CHARS", 300)
    assert _lines(html) == whole and len(whole) > 150


def test_a_large_ledger_table_gets_its_styles_in_the_docx(tmp_path):
    measures = "\n".join(f"            - {{文本: 措施{i}。, 责任单位: 处室{i % 5}, 进展: 已完成}}" for i in range(300))
    (tmp_path / "d.yaml").write_text(
        "文种: 台账\n标题: 台账\n正文: [{插入: 整改台账}]\n整改台账:\n  类别:\n    - 名称: 一类\n      问题:\n"
        f"        - 文本: 问题。\n          整改措施:\n{measures}\n", encoding="utf-8")
    from reportgen.writers.docx import DocxWriter

    word = docx.Document(io.BytesIO(DocxWriter().render(compose.html(loader.load(tmp_path / "d.yaml")))))
    [table] = word.tables
    assert len(table.rows) == 1 + 1 + 300
    assert {p.style.name for row in table.rows[2:] for cell in row.cells for p in cell.paragraphs} == {"表格文字"}
    assert {p.style.name for p in table.rows[0].cells[0].paragraphs} == {"表头"}
