"""HTML intermediate + house CSS → PDF bytes, with WeasyPrint."""
from __future__ import annotations

import logging
import re
from contextlib import contextmanager

from . import cjk

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


class PdfWriter:
    """One per build: keeps WeasyPrint's font configuration and the parsed house CSS warm across documents."""

    def __init__(self, css: str, base_url: str):
        import weasyprint
        from weasyprint.text.fonts import FontConfiguration

        cjk.install()
        self._weasyprint = weasyprint
        self.fonts = FontConfiguration()
        self.css = weasyprint.CSS(string=css, font_config=self.fonts)
        self.base_url = base_url

    def render(self, html: str):
        """Lays the document out; returns WeasyPrint's document and the codepoints no font could draw."""
        with _watch_glyphs() as glyphs:
            document = self._weasyprint.HTML(string=html, base_url=self.base_url).render(
                stylesheets=[self.css], font_config=self.fonts)
            pdf = document.write_pdf()
        return document, pdf, sorted(glyphs.codepoints)
