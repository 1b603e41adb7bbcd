"""The layer contract of docs/ARCHITECTURE.md, enforced: import-linter's contracts in pyproject.toml
(layers; no cycles at any depth, imports inside functions counted), and the shape of the tree."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import tomllib

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "generator"

importlinter = pytest.importorskip("importlinter.cli", reason="import-linter 未安装（pip install '.[test]'）")


def _contracts() -> list[dict]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]


def test_import_contracts_are_kept(capsys):
    code = importlinter.lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    assert code == 0, capsys.readouterr().out[-3000:]


def test_every_package_has_a_place_in_the_layers():
    layers = next(c for c in _contracts() if c["type"] == "layers")["layers"]
    named = {m.strip() for layer in layers for m in layer.split("|")}
    packages = {f"generator.{p.name}" for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert packages <= named, f"未列入分层约定的包：{sorted(packages - named)}"


def test_a_handful_of_modules_at_the_top():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= 8, top


def test_the_architecture_note_names_every_package():
    note = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    for p in PACKAGE.iterdir():
        if (p / "__init__.py").is_file():
            assert re.search(rf"\b{p.name}/", note), f"docs/ARCHITECTURE.md 没有写到 generator/{p.name}/"


def test_code_and_tests_point_inside_the_repository():
    """Notes name docs/ARCHITECTURE.md (in the repository), not design notes kept elsewhere."""
    outside = re.compile(r"(?<!docs/)\b(DESIGN|DOMAIN)\.md")
    for path in [*PACKAGE.rglob("*.py"), *(ROOT / "tests").glob("*.py"), *(ROOT / "snippets").rglob("*.yaml")]:
        if path == Path(__file__):
            continue
        text = path.read_text(encoding="utf-8")
        assert not outside.search(text), f"{path.relative_to(ROOT)}：{outside.search(text).group(0)}"
