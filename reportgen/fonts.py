"""Fonts: the fontconfig aliases that let the official face names resolve to free faces, and what each
output will really use.

The DOCX names the official faces (仿宋_GB2312 …) so Word and WPS users see them.  On Linux those names
resolve, through an alias file installed in the user's fontconfig directory, to free faces from Debian
packages; WeasyPrint and LibreOffice both read it.  An installed official face always wins (``accept``
appends the free faces after the official name, it does not put them first).
"""
from __future__ import annotations

import ctypes.util
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from . import style

# Where Debian's texlive-lang-chinese puts the Fandol faces; fontconfig does not search it by itself.
FONT_DIRS = (Path("/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"),)
# Fandol's bold files say they are regular (weight 80), so a regular request could get them.
BOLD_FILES = ("FandolHei-Bold", "FandolSong-Bold")
# FandolSong's bold cut under a family name of its own, so 方正小标宋简体 can alias to it without weight rules.
RENAMED = {"FandolSong-Bold": "FandolSong Bold"}
CONF_NAME = "60-reportgen.conf"


def conf_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "fontconfig" / "conf.d"


def fontconfig_conf() -> str:
    """The alias file, generated from the faces of the house style."""
    lines = ['<?xml version="1.0"?>', '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
             "<!-- Written by `reportgen fonts install` from reportgen/style.py; do not edit. -->", "<fontconfig>"]
    lines += [f"  <dir>{d}</dir>" for d in FONT_DIRS if d.is_dir()]
    for name in BOLD_FILES:
        lines += ["  <match target=\"scan\">",
                  f"    <test name=\"file\" compare=\"contains\"><string>{name}</string></test>",
                  "    <edit name=\"weight\" mode=\"assign\"><const>bold</const></edit>"]
        if name in RENAMED:
            lines.append(f"    <edit name=\"family\" mode=\"append\"><string>{RENAMED[name]}</string></edit>")
        lines.append("  </match>")
    for face in style.FACES:
        for name in (face.official, *face.aliases):
            accepted = "".join(f"<family>{escape(f)}</family>" for f in face.free)
            lines.append(f'  <alias binding="same"><family>{escape(name)}</family><accept>{accepted}</accept></alias>')
    lines.append("</fontconfig>")
    return "\n".join(lines) + "\n"


def install() -> Path | None:
    """Writes the alias file where every process of this user finds it; returns it when it changed."""
    target = conf_dir() / CONF_NAME
    text = fontconfig_conf()
    if target.exists() and target.read_text(encoding="utf-8") == text:
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(target)
    if shutil.which("fc-cache"):  # rescan: the scan rules above only apply when a folder is scanned
        dirs = [str(d) for d in FONT_DIRS if d.is_dir()]
        subprocess.run(["fc-cache", "-f", *dirs], check=False, capture_output=True, timeout=300)
    return target


@dataclass(frozen=True)
class Resolved:
    families: tuple[str, ...]  # every family name the face answers to
    style: str
    file: str

    @property
    def name(self) -> str:
        return f"{self.families[0]} {self.style}"


def match(families: tuple[str, ...]) -> Resolved | None:
    """The face fontconfig gives for a list of families (what Pango and LibreOffice will draw with)."""
    if not shutil.which("fc-match"):
        return None
    pattern = ",".join(f.replace("-", r"\-").replace(":", r"\:") for f in families) + ":lang=zh-cn"
    done = subprocess.run(["fc-match", "-f", "%{family}\t%{style[0]}\t%{file}", pattern],
                          capture_output=True, text=True, check=False)
    parts = done.stdout.split("\t")
    if done.returncode or len(parts) != 3:
        return None
    return Resolved(tuple(parts[0].split(",")), parts[1], parts[2])


def fingerprint() -> str:
    """The files each role resolves to: part of the incremental-build key."""
    return "|".join(f"{face.key}={getattr(match(face.families), 'file', '')}" for face in style.FACES)


def harfbuzz_subset() -> bool:
    """Is libharfbuzz-subset available?  Without it WeasyPrint subsets fonts ~30× slower, with fontTools."""
    return ctypes.util.find_library("harfbuzz-subset") is not None


def _columns(*cells: str, width: int = 24) -> str:
    """Cells padded to a fixed display width (a Chinese character is two columns)."""
    return "".join(c + " " * max(1, width - int(2 * style.text_width_chars(c))) for c in cells).rstrip()


def doctor() -> tuple[list[str], bool]:
    """Report lines for ``reportgen doctor`` and whether everything needed is there."""
    ok = True
    lines = []
    conf = conf_dir() / CONF_NAME
    if conf.exists() and conf.read_text(encoding="utf-8") == fontconfig_conf():
        lines.append(f"fontconfig 别名文件：{conf}（已安装）")
    else:
        ok = False
        lines.append(f"fontconfig 别名文件：未安装或已过期 → 运行 `reportgen fonts install`（写入 {conf}）")
    lines.append("")
    lines.append(_columns("  角色", "公文字体（DOCX 写入）", "PDF 实际使用", "LibreOffice 打开 DOCX 时使用"))
    for face in style.FACES:
        pdf = match(face.families)
        office = match((face.official,))
        show = lambda r: r.name if r else "（无 fc-match）"
        good = pdf is not None and bool(set(pdf.families) & set(face.families))
        mark = "✓" if good else "✗"
        if not good:
            ok = False
        lines.append(_columns(f"{mark} {face.key}", face.official, show(pdf), show(office)))
        if not good:
            lines.append(f"    缺少 {face.official} 的替代字体 → sudo apt-get install {face.package}")
    lines.append("")
    if harfbuzz_subset():
        lines.append("HarfBuzz 子集化（libharfbuzz-subset0）：可用 —— 写 PDF 快约 30 倍")
    else:
        ok = False
        lines.append("HarfBuzz 子集化：不可用，写 PDF 会慢约 30 倍 → sudo apt-get install libharfbuzz-subset0")
    office = shutil.which("soffice") or shutil.which("libreoffice")
    lines.append(f"LibreOffice：{office or '未安装（仅测试需要）→ sudo apt-get install libreoffice-writer-nogui'}")
    return lines, ok
