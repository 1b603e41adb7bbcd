"""`gongwen demo`: every implemented kind from the bundled fictional unit in examples/."""
from __future__ import annotations

from pathlib import Path

from . import resources
from .data.profile import load_profile
from .documents import generate_plan
from .outputs import render_outputs
from .fileio import write_all

MARKER = ".gongwen-demo"  # a demo directory may be regenerated without --force


def run_demo(directory: Path, force: bool = False) -> list[Path]:
    profile = load_profile(resources.examples_dir() / "unit.yaml")
    outputs: dict[Path, bytes] = {}
    plan = generate_plan(profile)
    outputs.update(render_outputs(plan.document, directory, plan.document.meta.title, ("docx", "md")))
    ours = (directory / MARKER).exists()
    paths = write_all(outputs, force=force or ours)
    (directory / MARKER).write_text("gongwen demo 生成的目录，可重新生成。\n", encoding="utf-8")
    return paths
