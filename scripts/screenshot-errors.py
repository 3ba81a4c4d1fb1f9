"""Draws docs/images/validate-errors.png: `reportgen validate tests/data/ten-mistakes.yaml` as a terminal shows it.

The README's section for editors shows this picture. To regenerate it after the messages change, run from the
repository root, with the venv active:

    python scripts/screenshot-errors.py

It needs Pillow and a CJK monospace face found through fontconfig (Noto Sans Mono CJK SC, package fonts-noto-cjk).
"""
import subprocess
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
COMMAND = ["reportgen", "validate", "tests/data/ten-mistakes.yaml"]
OUT = ROOT / "docs" / "images" / "validate-errors.png"
COLUMNS = 110  # wrap here; a CJK character counts as 2 columns
SIZE, PAD, LEADING = 20, 24, 1.45
BACKGROUND, TEXT, PROMPT = (30, 32, 38), (220, 223, 228), (126, 198, 153)
LOCATION, FIELD = (235, 190, 110), (120, 190, 230)  # file:line:col, then the field path


def font() -> ImageFont.FreeTypeFont:
    found = subprocess.run(["fc-match", "-f", "%{file}|%{index}", "Noto Sans Mono CJK SC"],
                           capture_output=True, text=True, check=True).stdout
    file, index = found.split("|")
    return ImageFont.truetype(file, SIZE, index=int(index or 0))


def wrap(line: str, face: ImageFont.FreeTypeFont) -> list[str]:
    """Cuts `line` into pieces of at most COLUMNS columns; continuations are indented by 4."""
    cell = face.getlength("0")
    pieces, current, used = [], "", 0
    for ch in line:
        width = max(1, round(face.getlength(ch) / cell))
        if used + width > COLUMNS:
            pieces.append(current)
            current, used = "    ", 4
        current, used = current + ch, used + width
    return pieces + [current]


def main() -> None:
    run = subprocess.run([sys.executable, "-m", "reportgen", *COMMAND[1:]], cwd=ROOT,
                         capture_output=True, text=True)
    output = (run.stdout + run.stderr).rstrip("\n").splitlines()
    face = font()
    rows = [[("$ " + " ".join(COMMAND), PROMPT)]]
    for line in output:
        for k, piece in enumerate(wrap(line, face)):
            parts = piece.split("  ", 2) if k == 0 else []
            if len(parts) == 3:  # file:line:col  field path  message, each in its own colour
                rows.append([(parts[0] + "  ", LOCATION), (parts[1] + "  ", FIELD), (parts[2], TEXT)])
            else:
                rows.append([(piece, TEXT)])
    step = round(SIZE * LEADING)
    width = round(face.getlength("0") * COLUMNS) + 2 * PAD
    image = Image.new("RGB", (width, len(rows) * step + 2 * PAD - (step - SIZE)), BACKGROUND)
    draw = ImageDraw.Draw(image)
    for n, row in enumerate(rows):
        x, y = PAD, PAD + n * step
        for text, colour in row:
            draw.text((x, y), text, font=face, fill=colour)
            x += face.getlength(text)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    image.save(OUT, optimize=True)
    print(f"{OUT.relative_to(ROOT)}: {len(output)} lines of output, {image.width}×{image.height} px")


if __name__ == "__main__":
    main()
