"""HTML intermediate + house CSS → PDF bytes, with WeasyPrint."""
from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from pathlib import Path

from docx.shared import Pt

from .. import intermediate
from ..errors import BuildError
from ..intermediate import Placement
from . import cjk, continuation, last_page, number_breaks, textruns
from .rewrite import PX_PER_PT

MISSING_GLYPH = re.compile(r'unsupported by fonts: "(.+)" \(U\+([0-9A-F]+)\)')


class _MissingGlyphs(logging.Handler):
    """Collects the characters WeasyPrint had to draw as .notdef (tofu)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.codepoints: set[int] = set()

    def emit(self, record: logging.LogRecord) -> None:
        if m := MISSING_GLYPH.search(record.getMessage()):
            self.codepoints.add(int(m.group(2), 16))


@contextmanager
def _watch_glyphs():
    handler = _MissingGlyphs()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


@contextmanager
def _refused_fetches():
    """A URL the confined fetcher refused stops the build with its own message."""
    from weasyprint.urls import FatalURLFetchingError

    try:
        yield
    except FatalURLFetchingError as e:
        raise BuildError(str(e.__cause__ or e)) from None


CONTINUATION_PASSES = 3  # layouts after the first one, at most, to settle which cells a page break cuts


def _imprint_box(document):
    """(1-based page number, box) of the 版记, or None."""
    for number, page in enumerate(document.pages, 1):
        for box in page._page_box.descendants():
            if box.element_tag == "footer" and "imprint" in (box.element.get("class") or "").split():
                return number, page, box
    return None


def imprint_placement(document, page_style) -> tuple[Placement, str] | None:
    """Moves the 版记 to the bottom of an even page (7.4; GB/T 9704 1.7 of the project notes), or of the
    last page for a 函: where it goes, and the CSS of the second layout that puts it there.

    Where the first layout left it: on an even page, it slides down to the 版心's bottom edge; on an odd
    page after body text, it starts the next (even) page; alone on an odd page (the body ended on an even
    page without room for it), a blank page comes first and neither page is numbered.
    """
    found = _imprint_box(document)
    if found is None:
        return None
    number, page, box = found
    block_top = page_style.top.pt * PX_PER_PT
    block_bottom = (page_style.top.pt + page_style.text_height.pt) * PX_PER_PT
    height = box.border_height()
    # Relative positioning moves the 版记 without reflowing anything (it is the last element), and,
    # unlike a margin, survives at the top of a page after a forced break.
    if number % 2 == 0 or not intermediate.flag(box.element, "data-even-page", True):  # 信函格式: any parity
        gap = block_bottom - (box.border_box_y() + height)
        return (Placement(False, False, Pt((box.margin_top + gap) / PX_PER_PT)),
                f".imprint {{ position: relative; top: {gap:.3f}px; }}")
    shares_page = box.border_box_y() > block_top + 1
    gap = block_bottom - block_top - height
    bare = "" if shares_page else " page: bare;"
    return (Placement(True, not shares_page, Pt(gap / PX_PER_PT)),
            f".imprint {{ break-before: left;{bare} position: relative; top: {gap:.3f}px; }}")


def confined_fetcher(root: Path):
    """WeasyPrint's fetcher, allowed ``data:`` URLs and files inside ``root`` (the templates) only: no
    network, no /etc/passwd, no ../.. — anything else stops the build with its URL named."""
    from urllib.parse import urlparse
    from urllib.request import url2pathname

    from weasyprint.urls import URLFetcher

    class Confined(URLFetcher):
        def fetch(self, url, headers=None):
            scheme = url.split(":", 1)[0].lower()
            if scheme == "file":
                path = Path(url2pathname(urlparse(url).path)).resolve()
                if not path.is_relative_to(root.resolve()):
                    raise PermissionError(f"只能读取模板目录 {root} 里的文件，拒绝 {url}")
            elif scheme != "data":
                raise PermissionError(f"不联网取资源，拒绝 {url}")
            return super().fetch(url, headers)

    return Confined(allowed_protocols={"data", "file"}, allow_redirects=False, fail_on_errors=True)


class PdfWriter:
    """One per build: keeps WeasyPrint's font configuration and the parsed house CSS warm across documents."""

    def __init__(self, css: str, base_url: str, page_style=None):
        import weasyprint
        from weasyprint.text.fonts import FontConfiguration

        from ..style import PAGE

        cjk.install()
        textruns.install()
        self._weasyprint = weasyprint
        self.fonts = FontConfiguration()
        self.fetcher = confined_fetcher(Path(base_url))
        self.css = weasyprint.CSS(string=css + cjk.autospace_css(), font_config=self.fonts, base_url=base_url,
                                  url_fetcher=self.fetcher)
        self.base_url = base_url
        self.page_style = page_style or PAGE

    def layout(self, html: str, extra_css: str = ""):
        stylesheets = [self.css]
        if extra_css:
            stylesheets.append(self._weasyprint.CSS(string=extra_css, font_config=self.fonts))
        with _refused_fetches():
            return self._weasyprint.HTML(string=cjk.mark_autospace(html), base_url=self.base_url,
                                         url_fetcher=self.fetcher).render(
                stylesheets=stylesheets, font_config=self.fonts)

    def paginate(self, html: str):
        """The layout of ``html`` with numbers kept with the character after them (``number_breaks``), then
        every merged cell a page break cuts continued on the next page (``continuation``) or, in a document
        without merged cells, a last page of a line or two saved (``last_page``): the layout, and the
        intermediate it is the layout of (``html`` itself when nothing changed)."""
        document, base = number_breaks.kept(self, html, self.layout(html))
        paged = base
        if not continuation.spans_rows(html):
            return last_page.saved(self, base, document)  # (where tables may shift, cells are left alone)
        for _ in range(CONTINUATION_PASSES):
            again = continuation.continued(base, *continuation.openers(document))
            if again == paged:
                break
            document, paged = self.layout(again), again
        return document, paged

    def render(self, html: str) -> tuple[bytes, list[int], Placement | None, str]:
        """Lays the document out (again when a cell is continued, and when a 版记 must move); returns the
        PDF bytes, the codepoints no font could draw, where the 版记 went, and the intermediate as paginated
        (for the DOCX)."""
        with _watch_glyphs() as glyphs, _refused_fetches():  # attachments are fetched as the PDF is written
            document, paged = self.paginate(html)
            placed = imprint_placement(document, self.page_style)
            if placed:
                document = self.layout(paged, placed[1])
            pdf = document.write_pdf()
        return pdf, sorted(glyphs.codepoints), placed and placed[0], paged

    def place(self, html: str) -> tuple[Placement | None, list[int], str]:
        """For a DOCX built alone, without writing a PDF: where the 版记 goes, the codepoints no font could
        draw, and the intermediate as paginated."""
        with _watch_glyphs() as glyphs:
            document, paged = self.paginate(html)
            placed = imprint_placement(document, self.page_style)
        return placed and placed[0], sorted(glyphs.codepoints), paged

