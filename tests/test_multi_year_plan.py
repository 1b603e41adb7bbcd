"""Multi-year 发展党员工作规划: per-year targets as a table, the end-of-period projection computed
from current counts and yearly targets (hand-checked figures), its assumption stated in the text,
and the bad inputs."""
from __future__ import annotations

import copy

import docx
import pytest
import yaml
from conftest import EXAMPLE, run_cli

from generator.core.model import Heading, Table
from generator.data.profile import load_profile, parse_profile
from generator.errors import ValidationError
from generator.plans import multiyear as planning
from generator.plans.generate import generate_multi_year_plan


def profile(**changes):
    raw = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    raw = copy.deepcopy(raw)
    raw["现状"].update(党员总数=1000, 结构={"35岁及以下": 200, "女": 300})
    raw["目标"]["结构"] = {"35岁及以下": "50%", "女": "40%"}
    raw["规划"] = {"起始年": 2025, "终止年": 2027, "每年发展": {2025: 10, 2026: 12, 2027: 11}, "每年减少": 20}
    for path, value in changes.items():
        node = raw
        keys = path.split(".")
        for k in keys[:-1]:
            node = node[k]
        if value is None:
            node.pop(keys[-1], None)
        else:
            node[keys[-1]] = value
    return parse_profile(raw, "单位.yaml")


def test_figures_hand_checked():
    m = planning.multi_year(profile().data, "单位.yaml")
    assert (m.start, m.end, m.years, m.period) == (2025, 2027, 3, "2025—2027年")
    assert [(r.year, r.new, r.minimums, r.end_total) for r in m.rows] == [
        (2025, 10, (5, 4), 990),  # 1000 + 10 - 20; 50% of 10 = 5, 40% of 10 = 4
        (2026, 12, (6, 5), 982),  # 40% of 12 = 4.8 -> at least 5
        (2027, 11, (6, 5), 973),  # 50% of 11 = 5.5 -> 6
    ]
    assert (m.total_new, m.total_minimums, m.end_total, m.growth, m.total_losses, m.average) == (33, (17, 14), 973, -27, 60, "11")
    young, women = m.outlook
    # losses spread over the current structure: 35岁及以下 200 -> 200+5-4 -> +6-4.0606 -> +6-4.1332
    assert young.end_count == pytest.approx(204.806209, abs=1e-5)
    assert young.end_share == pytest.approx(21.048942, abs=1e-5)
    assert women.end_share == pytest.approx(30.414320, abs=1e-5)
    assert (young.now_share, women.now_share) == (20.0, 30.0)
    assert young.trend == women.trend == "up"
    assert [s.category.key for s in m.ageing] == ["35岁及以下"]


def test_average_in_whole_people_and_falling_share():
    m = planning.multi_year(profile(**{"目标.结构": {"女": "10%"}, "规划.每年发展": {2025: 10, 2026: 10, 2027: 11}}).data, "u")
    assert m.average == "10至11"  # 31 over 3 years: people come whole, never "10.3名"
    (women,) = m.outlook
    assert women.trend == "down" and women.end_share < 30


def test_document_has_table_and_projection_with_assumption():
    g = generate_multi_year_plan(profile())
    doc = g.document
    assert doc.meta.title == "中共柳溪镇委员会2025—2027年发展党员工作规划"
    assert [h.text for h in doc.headings(1)] == ["基本情况", "指导思想", "目标任务", "工作重点", "工作要求"]
    assert [h.text for h in doc.headings(2)][:3] == ["发展总量", "结构目标", "年度安排"]
    (table,) = [b for b in doc.blocks if isinstance(b, Table)]
    assert table.rows == [
        ["年度", "计划发展党员", "35岁及以下", "女性", "年末党员总数（预计）"],
        ["2025年", "10", "5", "4", "990"],
        ["2026年", "12", "6", "5", "982"],
        ["2027年", "11", "6", "5", "973"],
        ["合计", "33", "17", "14", "—"],
    ]
    assert table.header_rows == 1
    i = doc.blocks.index(table)
    assert doc.blocks[i - 1].text.endswith("（单位：名）：")  # the table is introduced
    after = doc.blocks[i + 1].text
    assert "973名" in after
    assert "35岁及以下的党员占比由20.0%提高到21.0%" in after
    assert "女性党员占比由30.0%提高到30.4%" in after
    # the assumption behind the figures is stated
    assert "以上测算以现有党员1000名为基数" in after
    assert "每年因去世、出党等原因减少党员20名" in after and "按现有党员结构分布" in after
    assert "未考虑现有党员年龄增长的影响" in after
    text = g.markdown
    assert "2025—2027年" in text and "33名" in text


def test_projection_wording_follows_the_figures():
    g = generate_multi_year_plan(profile(**{"目标.结构": {"女": "10%"}, "规划.每年减少": 0}))
    text = g.document.plain_text()
    assert "女性党员占比由30.0%下降到" in text
    assert "未计党员减少因素" in text
    assert "年龄增长" not in text  # no 35岁及以下 share projected
    g = generate_multi_year_plan(profile(**{"现状.结构": None}))
    text = g.document.plain_text()
    assert "占比由" not in text and "以上测算以现有党员1000名为基数" in text


def test_no_structure_targets_drops_structure_section():
    g = generate_multi_year_plan(profile(**{"目标.结构": None}))
    assert "结构目标" not in [h.text for h in g.document.headings(2)]
    (table,) = [b for b in g.document.blocks if isinstance(b, Table)]
    assert table.rows[0] == ["年度", "计划发展党员", "年末党员总数（预计）"]


def test_missing_plan_section_is_a_clear_error():
    with pytest.raises(ValidationError, match="单位.yaml：规划：缺少必填项"):
        generate_multi_year_plan(profile(规划=None))


def test_losses_larger_than_the_party():
    p = profile(**{"规划.每年减少": 600})
    with pytest.raises(ValidationError, match="规划.每年减少：每年减少600名，到2026年底党员总数将小于0"):
        generate_multi_year_plan(p)


def test_cli_multi_year_plan(runner, example_profile_path, tmp_path):
    out = tmp_path / "out"
    r = run_cli(runner, "plan", str(example_profile_path), "--kind", "multi_year_plan", "-o", str(out))
    assert r.exit_code == 0, r.output
    name = "中共柳溪镇委员会2025—2029年发展党员工作规划"
    assert sorted(p.name for p in out.iterdir()) == [f"{name}.docx", f"{name}.md"]
    d = docx.Document(str(out / f"{name}.docx"))
    table = d.tables[0]  # the other one is the 版记
    assert [c.text for c in table.rows[0].cells][:2] == ["年度", "计划发展党员"]
    assert [c.text for c in table.rows[-1].cells][0] == "合计"
    assert len(table.rows) == 1 + 5 + 1
    # the Chinese alias works too, and gives the same text
    out2 = tmp_path / "out2"
    r = run_cli(runner, "plan", str(example_profile_path), "--kind", "规划", "-o", str(out2), "--format", "md")
    assert r.exit_code == 0
    assert (out2 / f"{name}.md").read_text(encoding="utf-8") == (out / f"{name}.md").read_text(encoding="utf-8")


def test_cli_bad_kind_and_missing_plan(runner, example_profile_path, tmp_path):
    r = run_cli(runner, "plan", str(example_profile_path), "--kind", "五年计划", "-o", str(tmp_path))
    assert r.exit_code == 2 and "--kind：不认识的文种“五年计划”" in r.output
    r = run_cli(runner, "plan", str(example_profile_path), "--variant", "-3", "-o", str(tmp_path))
    assert r.exit_code == 2 and "--variant：应为 0—999 的整数" in r.output
    data = yaml.safe_load(example_profile_path.read_text(encoding="utf-8"))
    del data["规划"]
    example_profile_path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    r = run_cli(runner, "plan", str(example_profile_path), "--kind", "multi_year_plan", "-o", str(tmp_path / "o"))
    assert r.exit_code == 2 and "规划：缺少必填项" in r.output
    assert not (tmp_path / "o").exists()
    # the annual plan does not need it
    r = run_cli(runner, "plan", str(example_profile_path), "-o", str(tmp_path / "o"))
    assert r.exit_code == 0


def test_example_profile_projection_reads_consistently():
    g = generate_multi_year_plan(load_profile(EXAMPLE))
    (table,) = [b for b in g.document.blocks if isinstance(b, Table)]
    body = table.rows[1:-1]
    assert sum(int(r[1]) for r in body) == int(table.rows[-1][1])
    for col in range(2, len(table.rows[0]) - 1):
        assert sum(int(r[col]) for r in body) == int(table.rows[-1][col])
    assert not any(isinstance(b, Heading) and b.level > 2 for b in g.document.blocks)
