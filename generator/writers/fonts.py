"""Which of the layout's licensed fonts (仿宋_GB2312, 方正小标宋简体 …) this computer lacks, so the
writer hears that Word will show a substitute (docs/DOMAIN.md §6: name them correctly, say so when a
renderer substitutes). The .docx always names the real fonts."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from functools import lru_cache

from generator.writers.layout import load as load_layout


@lru_cache(maxsize=1)
def installed_families() -> frozenset[str] | None:
    """Font family names installed here; None when this system cannot tell us."""
    if sys.platform == "win32":
        return _windows_families()
    if shutil.which("fc-list"):
        try:
            out = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, timeout=10).stdout
        except (OSError, subprocess.SubprocessError):
            return None
        return frozenset(name.strip() for line in out.splitlines() for name in line.split(","))
    return None


def _windows_families() -> frozenset[str] | None:
    try:
        import winreg
    except ImportError:
        return None
    names: set[str] = set()
    keys = [(winreg.HKEY_LOCAL_MACHINE, r"SOFTWARE\Microsoft\Windows NT\CurrentVersion\Fonts"),
            (winreg.HKEY_CURRENT_USER, r"SOFTWARE\Microsoft\Windows NT\CurrentVersion\Fonts")]
    for root, path in keys:
        try:
            with winreg.OpenKey(root, path) as key:
                i = 0
                while True:
                    try:
                        display, _, _ = winreg.EnumValue(key, i)
                    except OSError:
                        break
                    # "仿宋_GB2312 (TrueType)", "宋体 & 新宋体 (TrueType)"
                    for part in display.split(" (")[0].split(" & "):
                        names.add(part.strip())
                    i += 1
        except OSError:
            continue
    return frozenset(names) or None


def missing_fonts(families: frozenset[str] | None = None) -> list[tuple[str, str | None]]:
    """(font, the substitute Word will show) for each layout font not installed; [] when all are
    there or when the system cannot tell."""
    have = installed_families() if families is None else families
    if not have:
        return []
    lay = load_layout()
    fallbacks = lay.raw.get("font_fallbacks", {})
    return [(f, fallbacks.get(f)) for f in dict.fromkeys(lay.fonts.values()) if f not in have]


def font_note(families: frozenset[str] | None = None) -> str | None:
    """One Chinese line for the writer, or None."""
    if os.environ.get("GONGWEN_NO_FONT_CHECK"):
        return None
    missing = missing_fonts(families)
    if not missing:
        return None
    parts = [f"{f}（Word 中以{alt}代替）" if alt else f for f, alt in missing]
    return ("本机未安装公文字体 " + "、".join(parts) + "；文件中写的仍是标准字体，"
            "在装有这些字体的电脑上打开即为标准效果，正式印发前请在那里核对版面。")
