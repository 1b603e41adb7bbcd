"""`gongwen init`: starter files a writer can edit, never over their own files."""
from __future__ import annotations

from conftest import run_cli

from generator import resources
from generator.data.profile import load_profile
from generator.starter import STARTER_FILES


def test_init_writes_the_starter_files_and_they_work(runner, tmp_path):
    r = run_cli(runner, "init", str(tmp_path / "我的单位"))
    assert r.exit_code == 0, r.output
    folder = tmp_path / "我的单位"
    assert sorted(p.name for p in folder.iterdir()) == sorted(STARTER_FILES.values())
    for src, name in STARTER_FILES.items():
        assert (folder / name).read_bytes() == (resources.examples_dir() / src).read_bytes()
    assert load_profile(folder / "单位概况.yaml").full_name  # the profile is valid as it stands
    r = run_cli(runner, "plan", str(folder / "单位概况.yaml"), "-o", str(folder / "out"))
    assert r.exit_code == 0, r.output


def test_init_never_overwrites_without_force(runner, tmp_path):
    mine = tmp_path / "单位概况.yaml"
    mine.write_text("我的单位概况", encoding="utf-8")
    r = run_cli(runner, "init", str(tmp_path))
    assert r.exit_code == 2 and "已存在" in r.output
    assert mine.read_text(encoding="utf-8") == "我的单位概况"
    assert not (tmp_path / "花名册.xlsx").exists()  # all or nothing
    r = run_cli(runner, "init", str(tmp_path), "--force")
    assert r.exit_code == 0 and mine.read_text(encoding="utf-8") != "我的单位概况"
