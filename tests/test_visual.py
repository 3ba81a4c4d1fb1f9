"""Visual regression: the first and last pages of every sample, compared with committed images.

A change of layout, font or colour shows as a difference; anti-aliasing does not.  After an intended
change, REPORTGEN_UPDATE_VISUAL=1 rewrites the references (look at them before committing).
"""
from __future__ import annotations

import io
import os

import pytest
from PIL import Image, ImageChops

from reportgen import previews
from tests.conftest import ROOT, SAMPLES

REFERENCES = ROOT / "tests" / "visual"
DPI = 30
MEAN_LIMIT = 2.0  # mean absolute difference per pixel, of 255
CHANGED_LIMIT = 0.01  # share of pixels that differ by more than a quarter of the range


@pytest.mark.parametrize("sample", SAMPLES)
def test_first_and_last_pages_look_as_committed(built, sample):
    for name, png in previews.pages((built / f"{sample}.pdf").read_bytes(), dpi=DPI):
        image = Image.open(io.BytesIO(png)).convert("L")
        reference = REFERENCES / f"{sample}-{name}.png"
        if os.environ.get("REPORTGEN_UPDATE_VISUAL"):
            image.save(reference, optimize=True)
        expected = Image.open(reference).convert("L")
        assert image.size == expected.size, f"{reference.name}: page size changed"
        diff = ImageChops.difference(image, expected)
        counts = diff.histogram()  # pixels per difference 0–255
        total = sum(counts)
        mean = sum(value * n for value, n in enumerate(counts)) / total
        changed = sum(counts[65:]) / total
        if mean > MEAN_LIMIT or changed > CHANGED_LIMIT:
            diff.point(lambda p: 255 - min(255, p * 4)).save(built / f"{sample}-{name}-diff.png")
        assert mean <= MEAN_LIMIT and changed <= CHANGED_LIMIT, (
            f"{reference.name}: mean difference {mean:.2f}, {changed:.2%} of pixels changed "
            f"(see {built / f'{sample}-{name}-diff.png'})")
