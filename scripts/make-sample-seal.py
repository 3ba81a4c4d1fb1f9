"""Draws inputs/seal-sample.png: a red ring, a star and 示例印章 — a stand-in for a real seal in the samples."""
import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SIZE = 600
RED = (230, 0, 18, 255)
FONT = "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolHei-Regular.otf"


def star(draw, cx, cy, r):
    points = []
    for k in range(10):
        radius = r if k % 2 == 0 else r * 0.382
        angle = -math.pi / 2 + k * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    draw.polygon(points, fill=RED)


def main() -> None:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((12, 12, SIZE - 12, SIZE - 12), outline=RED, width=22)
    star(draw, SIZE / 2, SIZE / 2, 90)
    font = ImageFont.truetype(FONT, 64)
    text = "示例印章"
    width = draw.textlength(text, font=font)
    draw.text(((SIZE - width) / 2, SIZE * 0.68), text, font=font, fill=RED)
    ring = ImageFont.truetype(FONT, 58)
    label = "××市数据局党组"
    for i, ch in enumerate(label):
        angle = math.radians(-150 + i * (120 / (len(label) - 1)))
        x = SIZE / 2 + 215 * math.cos(angle)
        y = SIZE / 2 + 215 * math.sin(angle)
        glyph = Image.new("RGBA", (80, 80), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((10, 5), ch, font=ring, fill=RED)
        glyph = glyph.rotate(-math.degrees(angle) - 90, resample=Image.BICUBIC)
        image.alpha_composite(glyph, (int(x - 40), int(y - 40)))
    out = Path(__file__).resolve().parent.parent / "inputs" / "seal-sample.png"
    image.save(out, optimize=True)
    print(out)


if __name__ == "__main__":
    main()
