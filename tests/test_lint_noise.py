"""One cause repeated is one finding with a count: a page scraped with half-width punctuation
gets one finding, not one per comma; --fix still corrects every place."""
from __future__ import annotations

from conftest import run_cli
from lint_helpers import lint

SCRAPED = "\n".join([
    "中共青松村委员会2025年度发展党员工作计划",
    "一、指导思想",
    "坚持标准,严格程序,确保质量;注重在青年农民中发展党员。",
    "二、目标任务",
    "全年发展党员3名,其中35岁及以下2名;确定入党积极分子5名。",
    "三、工作措施",
    "加强教育,落实培养联系人制度,每半年考察一次。",
    "四、工作要求",
    "严格执行公示制度,接受群众监督。",
])


def _rule(result, rule):
    return [f for f in result.findings if f.rule == rule]


def test_half_width_punctuation_through_a_page_is_one_finding_with_its_count():
    (f,) = _rule(lint(SCRAPED), "punct/halfwidth")
    assert f.count == 8
    assert f.line is None  # about the whole text ("全文" in the report) …
    assert [i.line for i in f.instances()] == [3, 3, 3, 5, 5, 7, 7, 9]  # … standing for every place
    assert "全文4段中共8处，首见第3行" in f.message


def test_within_one_paragraph_the_places_are_one_finding():
    result = lint("中共青松村委员会2025年度发展党员工作计划\n坚持标准,严格程序,确保质量。\n全年发展党员3名。\n")
    (f,) = _rule(result, "punct/halfwidth")
    assert f.count == 2 and "本段共2处" in f.message


def test_a_single_place_reads_as_before():
    (f,) = _rule(lint("中共青松村委员会2025年度发展党员工作计划\n坚持标准,严格程序。\n"), "punct/halfwidth")
    assert f.count == 1 and "处" not in f.message


def test_distinct_defects_are_never_merged():
    text = "中共青松村委员会2025年度发展党员工作计划\n××村发展党员××名。\n全年确定××名积极分子。\n上报××党委。\n"
    assert len(_rule(lint(text), "placeholder/leftover")) >= 4


def test_fix_corrects_every_place_of_a_merged_finding(runner, tmp_path):
    draft = tmp_path / "计划.txt"
    draft.write_text(SCRAPED + "\n", encoding="utf-8")
    r = run_cli(runner, "lint", "--no-config", "--fix", str(draft))
    fixed = (tmp_path / "计划（已修正）.txt").read_text(encoding="utf-8")
    assert "," not in fixed and ";" not in fixed
    assert "punct/halfwidth：8处" in r.output  # the list of changes stays readable


def test_json_counts_the_places(runner, tmp_path):
    import json

    draft = tmp_path / "计划.txt"
    draft.write_text(SCRAPED + "\n", encoding="utf-8")
    data = json.loads(run_cli(runner, "lint", "--no-config", "--format", "json", str(draft)).stdout)
    counts = {f["rule"]: f["count"] for f in data["files"][0]["findings"]}
    assert counts["punct/halfwidth"] == 8
