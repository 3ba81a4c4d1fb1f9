"""PNG previews of a PDF's first and last pages (for build/previews/ and the README), with pdfium."""
from __future__ import annotations

import io

DPI = 60


def pages(pdf: bytes, dpi: int = DPI) -> list[tuple[str, bytes]]:
    """("p1", png) and, for a document of several pages, ("last", png)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        wanted = [("p1", 0)] + ([("last", len(document) - 1)] if len(document) > 1 else [])
        out = []
        for name, index in wanted:
            image = document[index].render(scale=dpi / 72).to_pil()
            buffer = io.BytesIO()
            image.save(buffer, format="PNG", optimize=True)
            out.append((name, buffer.getvalue()))
        return out
    finally:
        document.close()
