"""Files a document names (the seal image): found next to its YAML, checked before anything reads them.

Only files inside the YAML's own folder are read — no absolute paths, no ``..``, no URLs — and an image
must be a real PNG or JPEG of sensible size: a renamed file or a decompression bomb is refused here,
never handed to a renderer.
"""
from __future__ import annotations

import re
from pathlib import Path

MAX_BYTES = 5_000_000
MAX_SIDE = 5000  # pixels
URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def confined(name: str, base: Path, noun: str) -> tuple[Path | None, str | None]:
    """(resolved path, None) for a file inside ``base`` named by a relative path, or (None, a message in
    Chinese saying why not); ``noun`` names what the file is (图片, 台账文件)."""
    if URL.match(name) and not re.match(r"^[a-zA-Z]:[\\/]", name):
        return None, f"{noun}只能是本地文件，不能是网址：“{name}”"
    relative = Path(name)
    if relative.is_absolute() or ".." in relative.parts:
        return None, f"{noun}须放在 YAML 文件所在的文件夹（或其子文件夹）中，用相对路径引用：“{name}”"
    path = (base / relative).resolve()
    if not path.is_relative_to(base.resolve()):
        return None, f"{noun}须放在 YAML 文件所在的文件夹中：“{name}”指向了别处"
    if not path.is_file():
        return None, f"找不到{noun}“{name}”（相对于 {base}）"
    return path, None


def check_image(name: str, base: Path) -> tuple[Path | None, str | None]:
    """(resolved path, None) for a usable image, or (None, a message in Chinese saying why not)."""
    from PIL import Image

    path, message = confined(name, base, "图片")
    if message:
        return None, message
    if path.stat().st_size > MAX_BYTES:
        return None, f"图片“{name}”太大（{path.stat().st_size // 1024} KB，上限 {MAX_BYTES // 1000} KB）"
    try:
        with Image.open(path) as image:
            kind, size = image.format, image.size
            if kind not in ("PNG", "JPEG"):
                return None, f"图片“{name}”是 {kind} 格式：请用 PNG（透明背景）或 JPEG"
            if max(size) > MAX_SIDE:
                return None, f"图片“{name}”有 {size[0]}×{size[1]} 像素，超过上限 {MAX_SIDE}：请缩小后再用"
            image.verify()
    except Image.DecompressionBombError:
        return None, f"图片“{name}”的像素数超过上限（可能是恶意构造的“解压炸弹”）：请换一个正常的 PNG 或 JPEG"
    except Exception as e:  # Pillow raises many kinds for broken or hostile files
        return None, f"图片“{name}”无法读取（{type(e).__name__}）：请换一个 PNG 或 JPEG 文件"
    return path, None
