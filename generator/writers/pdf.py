""".docx → PDF through LibreOffice, where it is installed (no network, nothing sent anywhere).

LibreOffice is found on the PATH (soffice, libreoffice) or where its Windows and macOS installers
put it. Each conversion runs headless with a private, throw-away profile, so a LibreOffice window
the writer has open is not disturbed and two runs do not share state; many documents go through
one LibreOffice start."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from generator.errors import OutputError

TIMEOUT_S = 300  # one LibreOffice start converting a batch; a single document takes 2–5 s
_PLACES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)
MISSING = ("未找到 LibreOffice（soffice），无法生成 PDF。请安装 LibreOffice（免费，https://zh-cn.libreoffice.org）"
           "后重试，或先生成 .docx 再在 Word/WPS 中“另存为 PDF”")


def soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in _PLACES if os.path.exists(p)), None)


def to_pdf_many(documents: dict[str, bytes]) -> dict[str, bytes]:
    """{name: .docx bytes} → {name: .pdf bytes}, in one LibreOffice run. OutputError (one Chinese
    line) when LibreOffice is missing, fails or runs out of time."""
    exe = soffice()
    if exe is None:
        raise OutputError(MISSING)
    if not documents:
        return {}
    with tempfile.TemporaryDirectory(prefix="gongwen-pdf-") as tmp:
        work = Path(tmp)
        files = []
        for i, data in enumerate(documents.values()):
            p = work / f"{i:05d}.docx"  # file names from titles never reach LibreOffice's command line
            p.write_bytes(data)
            files.append(p)
        profile = (work / "profile").as_uri()
        try:
            done = subprocess.run(
                [exe, "--headless", "--norestore", f"-env:UserInstallation={profile}", "--convert-to", "pdf",
                 "--outdir", str(work), *map(str, files)],
                capture_output=True, timeout=TIMEOUT_S, check=False,
            )
        except subprocess.TimeoutExpired:
            raise OutputError(f"LibreOffice 转换 PDF 超过 {TIMEOUT_S} 秒未完成，已停止；可先生成 .docx") from None
        except OSError as exc:
            raise OutputError(f"无法运行 LibreOffice（{exe}）：{exc.strerror or exc}") from None
        out = {}
        for name, p in zip(documents, files):
            pdf = p.with_suffix(".pdf")
            if not pdf.exists():
                why = (done.stderr or done.stdout or b"").decode("utf-8", "replace").strip().splitlines()
                raise OutputError(f"LibreOffice 未能把“{name}”转换为 PDF" + (f"（{why[-1]}）" if why else ""))
            out[name] = pdf.read_bytes()
        return out


def to_pdf(data: bytes, name: str = "文档") -> bytes:
    return to_pdf_many({name: data})[name]
