"""An SVG (the ledger chart) as a PNG for the DOCX, drawn by the same engine as the PDF, so the DOCX's
picture shows the same faces as the PDF's vectors."""
from __future__ import annotations

import io

DPI = 300


def svg_to_png(data_uri: str, width_mm: float, height_mm: float, dpi: int = DPI) -> bytes:
    import pypdfium2
    import weasyprint

    page = (f'<html><head><style>@page {{ size: {width_mm}mm {height_mm}mm; margin: 0 }} body {{ margin: 0 }}'
            f'</style></head><body><img src="{data_uri}" style="width: {width_mm}mm; height: {height_mm}mm; '
            f'display: block"/></body></html>')
    from pathlib import Path

    from .pdf import confined_fetcher

    pdf = weasyprint.HTML(string=page, url_fetcher=confined_fetcher(Path(__file__).parent / "none")).write_pdf()
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=dpi / 72).to_pil()
    finally:
        document.close()
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
