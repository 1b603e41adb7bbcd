"""The summary's 主要做法 from the figures the writer gives (工作情况, per period) — never a figure
that was not given — and the summary as a 报告 to the superior (主送, 发文字号 from the register,
特此报告). Issue #12, item 8."""
from __future__ import annotations

import copy
import re

import pytest
import yaml
from conftest import run_cli

from generator import resources
from generator.data.profile import parse_profile
from generator.errors import ValidationError
from generator.lint.engine import lint_draft
from generator.readers import read_text
from generator.roster.people import load_roster
from generator.roster.stats import parse_period
from generator.summary.generate import generate_summary

BASE = yaml.safe_load((resources.examples_dir() / "unit.yaml").read_text(encoding="utf-8"))
ROSTER = resources.examples_dir() / "roster.xlsx"
H1 = parse_period("2025H1")


@pytest.fixture(scope="module")
def roster():
    return load_roster(ROSTER)


def profile(work=None, **office):
    raw = copy.deepcopy(BASE)
    if work is None:
        raw.pop("工作情况", None)
    else:
        raw["工作情况"] = work
    raw["公文"].update(office)
    return parse_profile(raw, "unit.yaml")


def practices(markdown: str) -> str:
    return markdown.split("# 二、主要做法", 1)[1].split("# 三、", 1)[0]


def findings(markdown: str):
    return [(f.rule, f.match) for f in lint_draft(read_text(markdown, "x.md", "md")).findings]


def test_given_figures_are_written_and_their_practices_chosen(roster):
    work = {"2025上半年": {"培训班": 2, "培训人次": 31, "谈话人次": 52, "档案检查": 17}}
    md = generate_summary(profile(work), roster, H1).markdown
    text = practices(md)
    assert "2025年上半年举办培训班2期，培训31人次。" in text
    assert "谈心谈话52人次" in text
    assert "2025年上半年共检查发展党员档案17份。" in text
    assert not re.search(r"公示\d+人次|完成\d+名发展对象的政治审查", text)  # not given, not written
    assert findings(md) == []


def test_no_figure_is_invented(roster):
    md = generate_summary(profile(None), roster, H1).markdown
    text = practices(md)
    for made_up in ("培训班", "人次", "份", "完成政治审查"):
        assert made_up not in text, made_up
    # figures for another period are not this period's
    md = generate_summary(profile({"2025下半年": {"培训班": 3, "培训人次": 40}}), roster, H1).markdown
    assert "培训班3期" not in md and "40人次" not in md


def test_one_figure_of_a_pair_is_written_alone(roster):
    md = generate_summary(profile({"2025H1": {"培训人次": 19}}), roster, H1).markdown
    assert "2025年上半年培训19人次。" in practices(md)
    assert "培训班" not in practices(md)


@pytest.mark.parametrize("work, field", [
    ({"上半年": {"培训班": 1}}, "工作情况.上半年"),
    ({"2025上半年": {"培训班": "两期"}}, "工作情况.2025上半年.培训班"),
    ({"2025上半年": {"培训期数": 2}}, "工作情况.2025上半年.培训期数"),
    ({"2025上半年": {"谈话人次": -3}}, "工作情况.2025上半年.谈话人次"),
])
def test_bad_figures_are_refused_naming_the_field(roster, work, field):
    with pytest.raises(ValidationError) as exc:
        generate_summary(profile(work), roster, H1)
    assert field in str(exc.value)


def test_fewer_publicity_notices_than_admissions_is_a_note(roster):
    s = generate_summary(profile({"2025上半年": {"公示": 2}}), roster, H1)
    assert any("公示2人次，少于本期接收的预备党员" in n for n in s.notes)


# --- as a 报告 --------------------------------------------------------------------------------
def test_summary_as_a_report(roster):
    s = generate_summary(profile(None), roster, H1, report=True, number=7)
    meta = s.document.meta
    assert meta.title == "中共柳溪镇委员会关于2025年上半年发展党员工作情况的报告"
    assert meta.recipients == "中共南岭县委组织部"
    assert meta.doc_number == "柳发〔2025〕7号"
    assert meta.cc in (None, "", [])  # the plan's 抄送 is not the report's
    assert "现将有关情况报告如下：" in s.markdown and "总结如下" not in s.markdown
    assert s.markdown.rstrip().endswith("特此报告。")
    assert findings(s.markdown) == []


def test_report_recipient_from_the_profile(roster):
    s = generate_summary(profile(None, 报告主送="中共南岭县委"), roster, H1, report=True)
    assert s.document.meta.recipients == "中共南岭县委"


def test_a_summary_is_not_a_report(roster):
    s = generate_summary(profile(None), roster, H1)
    assert s.document.meta.recipients in (None, "", [])
    assert "特此报告" not in s.markdown and s.document.meta.title.endswith("发展党员工作总结")


def test_a_report_without_recipient_is_linted():
    text = ("中共青山镇委员会关于2025年上半年发展党员工作情况的报告\n\n一、基本情况\n\n上半年发展党员3名。\n\n二、主要做法\n\n"
            "抓好培训。\n\n三、存在问题\n\n储备不足。\n\n四、下步打算\n\n加强培养。\n\n特此报告。\n\n中共青山镇委员会\n2025年7月1日\n")
    got = [f.rule for f in lint_draft(read_text(text, "x.txt", "txt")).findings]
    assert got == ["structure/required-element"]
    fixed = text.replace("\n\n一、", "\n\n中共青山县委组织部：\n\n一、", 1)
    assert [f.rule for f in lint_draft(read_text(fixed, "x.txt", "txt")).findings] == []


def test_cli_report_takes_a_number_from_the_shared_register(runner, example_profile_path, tmp_path):
    out = tmp_path / "out"
    assert run_cli(runner, "plan", str(example_profile_path), "-o", str(out)).exit_code == 0
    args = ("summary", str(example_profile_path), "--roster", str(ROSTER), "--period", "2025H1", "--report", "-o", str(out))
    r = run_cli(runner, *args)
    assert r.exit_code == 0, r.output
    register = yaml.safe_load((tmp_path / "文号登记簿.yaml").read_text(encoding="utf-8"))
    numbers = register["文件"]
    assert len(numbers) == 2 and len(set(numbers)) == 2
    report = next(out.glob("*的报告.md")).read_text(encoding="utf-8")
    (number,) = re.findall(r"发文字号: (\S+)", report)
    assert numbers[number].startswith("summary：")
    # the same report again keeps its number
    r = run_cli(runner, *args, "--force")
    assert r.exit_code == 0, r.output
    assert re.findall(r"发文字号: (\S+)", next(out.glob("*的报告.md")).read_text(encoding="utf-8")) == [number]
