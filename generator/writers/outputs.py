"""Turning generated documents into files: which formats, which names, all-or-nothing."""
from __future__ import annotations

from pathlib import Path

from generator.core import markdown_io
from generator.core.model import Document
from generator.errors import InputError
from generator.infra.fileio import safe_filename, write_all
from generator.writers.gbt9704 import GbtDocxWriter

FORMATS = ("docx", "md", "pdf")  # pdf: through LibreOffice (writers/pdf.py), where it is installed


def parse_formats(value: str) -> tuple[str, ...]:
    items = tuple(dict.fromkeys(v.strip().lower().lstrip(".") for v in value.split(",") if v.strip()))
    bad = [v for v in items if v not in FORMATS]
    if bad or not items:
        raise InputError(f"--format：不支持“{'、'.join(bad) or value}”，可选 {','.join(FORMATS)}")
    if "pdf" in items:  # said before any work is done, not after the documents are rendered
        from generator.writers.pdf import MISSING, soffice

        if soffice() is None:
            raise InputError(f"--format pdf：{MISSING}")
    return items


_WRITER: GbtDocxWriter | None = None


def docx_writer() -> GbtDocxWriter:
    global _WRITER
    if _WRITER is None:
        _WRITER = GbtDocxWriter()
    return _WRITER


def render_outputs(doc: Document, directory: Path, stem: str, formats: tuple[str, ...]) -> dict[Path, bytes]:
    stem = safe_filename(stem)
    out: dict[Path, bytes] = {}
    docx = docx_writer().to_bytes(doc) if {"docx", "pdf"} & set(formats) else None
    for fmt in formats:
        path = directory / f"{stem}.{fmt}"
        if fmt == "docx":
            out[path] = docx
        elif fmt == "pdf":
            from generator.writers.pdf import to_pdf

            out[path] = to_pdf(docx, stem)
        else:
            out[path] = markdown_io.render(doc).encode("utf-8")
    return out


def write_document(doc: Document, directory: Path, stem: str, formats: tuple[str, ...], force: bool) -> list[Path]:
    return write_all(render_outputs(doc, directory, stem, formats), force)
