"""`gongwen init`: a folder a writer can start from — the example unit profile, roster, decisions
sheet and letterhead, copied from the bundled examples/ (a pip-installed gongwen has no checkout to
copy them from)."""
from __future__ import annotations

from pathlib import Path

from generator import resources
from generator.infra.fileio import write_all

# bundled example -> name in the writer's folder
STARTER_FILES = {
    "unit.yaml": "单位概况.yaml",
    "roster.xlsx": "花名册.xlsx",
    "decisions.xlsx": "决定表.xlsx",
    "letterhead.docx": "红头模板.docx",
}


def write_starter(directory: Path, force: bool = False) -> list[Path]:
    outputs = {directory / name: (resources.examples_dir() / src).read_bytes() for src, name in STARTER_FILES.items()}
    return write_all(outputs, force=force)
