"""One 发文字号 register for every kind (issue #12): plan, notice and approve number from the same
register by default, a document regenerated keeps its number, a new one takes the next, and the
demo's documents carry pairwise distinct numbers."""
from __future__ import annotations

import re
import shutil

import yaml
from conftest import run_cli

from generator import resources

EXAMPLES = resources.examples_dir()


def numbers(folder) -> list[str]:
    found = []
    for p in sorted(folder.rglob("*.md")):
        m = re.search(r"^发文字号: (.+)$", p.read_text(encoding="utf-8"), re.M)
        if m:
            found.append(m.group(1))
    return found


def test_demo_documents_carry_pairwise_distinct_numbers(runner, tmp_path):
    assert run_cli(runner, "demo", "-o", str(tmp_path / "demo")).exit_code == 0
    found = numbers(tmp_path / "demo")
    assert len(found) >= 10 and len(found) == len(set(found)), found


def test_plan_notice_and_approve_share_the_register_beside_the_profile(runner, tmp_path):
    unit = tmp_path / "单位概况.yaml"
    shutil.copy(EXAMPLES / "unit.yaml", unit)
    out = tmp_path / "out"
    assert run_cli(runner, "plan", str(unit), "-o", str(out), "--format", "md").exit_code == 0
    assert run_cli(runner, "plan", str(unit), "--kind", "multi_year_plan", "-o", str(out), "--format", "md").exit_code == 0
    assert run_cli(runner, "notice", str(unit), "-o", str(out), "--format", "md").exit_code == 0
    r = run_cli(runner, "approve", str(unit), str(EXAMPLES / "decisions.xlsx"), "-o", str(out / "批复"), "--format", "md")
    assert r.exit_code == 0, r.output
    found = numbers(out)
    assert len(found) == len(set(found)) == 3 + 8, found
    register = yaml.safe_load((tmp_path / "文号登记簿.yaml").read_text(encoding="utf-8"))
    assert register["柳发"] == {2025: 13} and len(register["文件"]) == 11
    # the plan generated again keeps its number; nothing new is used up
    before = (tmp_path / "文号登记簿.yaml").read_text(encoding="utf-8")
    assert run_cli(runner, "plan", str(unit), "-o", str(out), "--format", "md", "--force").exit_code == 0
    assert numbers(out) == found
    assert (tmp_path / "文号登记簿.yaml").read_text(encoding="utf-8") == before


def test_no_register_uses_the_profiles_number(runner, tmp_path):
    unit = tmp_path / "单位概况.yaml"
    shutil.copy(EXAMPLES / "unit.yaml", unit)
    for name in ("a", "b"):
        r = run_cli(runner, "plan", str(unit), "-o", str(tmp_path / name), "--format", "md", "--no-register")
        assert r.exit_code == 0, r.output
    assert numbers(tmp_path / "a") == numbers(tmp_path / "b") == ["柳发〔2025〕3号"]
    assert not (tmp_path / "文号登记簿.yaml").exists()
