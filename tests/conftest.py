from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import resources

EXAMPLE = resources.examples_dir() / "unit.yaml"


@pytest.fixture
def example_profile_path(tmp_path: Path) -> Path:
    """A copy of the example profile that a test may edit."""
    dst = tmp_path / "unit.yaml"
    shutil.copy(EXAMPLE, dst)
    return dst


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run_cli(runner: CliRunner, *args: str):
    from generator.cli import main

    return runner.invoke(main, list(args), catch_exceptions=False)
