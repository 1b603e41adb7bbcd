"""One 发文字号 register for every kind (issue #12): plan, notice and approve number from the same
register by default, a document regenerated keeps its number, a new one takes the next, and the
demo's documents carry pairwise distinct numbers."""
from __future__ import annotations

import re
import shutil

import docx
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


def test_a_plan_without_its_red_header_carries_no_number_and_takes_none(runner, tmp_path):
    """Issue #14, item 7: 红头: false — the plan is an internal paper or an attachment; a 文号 above its
    title would be a leftover, and the register keeps the number for a document that has a 版头."""
    unit = tmp_path / "单位概况.yaml"
    text = (EXAMPLES / "unit.yaml").read_text(encoding="utf-8")
    assert "  红头: true" in text
    unit.write_text(text.replace("  红头: true", "  红头: false"), encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli(runner, "plan", str(unit), "-o", str(out), "--format", "md,docx").exit_code == 0
    assert run_cli(runner, "plan", str(unit), "--kind", "multi_year_plan", "-o", str(out), "--format", "md").exit_code == 0
    assert numbers(out) == []
    d = docx.Document(str(next(out.glob("*计划.docx"))))
    assert not any(re.search(r"〔\d{4}〕\d+号", p.text) for p in d.paragraphs)
    r = run_cli(runner, "notice", str(unit), "-o", str(out / "n"), "--format", "md")
    assert r.exit_code == 0 and len(numbers(out / "n")) == 1  # the notice still has its number
    register = yaml.safe_load((tmp_path / "文号登记簿.yaml").read_text(encoding="utf-8"))
    assert [v.split("：")[0] for v in register["文件"].values()] == ["notice"]  # the notice's only
