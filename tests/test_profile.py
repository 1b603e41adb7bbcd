from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLE

from generator.data.profile import load_profile, parse_profile
from generator.errors import InputError, ValidationError


def _example() -> dict:
    return yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


def test_example_profile_is_valid():
    p = load_profile(EXAMPLE)
    assert p.unit_type == "镇"  # 乡镇 narrowed by the name 中共柳溪镇委员会
    assert p.data["目标"]["结构"]["35岁及以下"] == 60.0
    assert p.doc_number(2025) == "柳发〔2025〕3号"


def _problems(data) -> list[str]:
    with pytest.raises(ValidationError) as ei:
        parse_profile(data, "unit.yaml")
    return ei.value.problems


def test_missing_field_named_by_path():
    data = _example()
    del data["单位"]["简称"]
    assert any(p.startswith("单位.简称：缺少必填项") for p in _problems(data))


def test_wrong_types_all_reported_at_once():
    data = _example()
    data["年度"] = "明年"
    data["现状"]["党员总数"] = -3
    data["目标"]["结构"]["女"] = "很多"
    problems = _problems(data)
    assert any(p.startswith("年度：应为整数") for p in problems)
    assert any(p.startswith("现状.党员总数：不能小于0") for p in problems)
    assert any(p.startswith("目标.结构.女：应为百分数") for p in problems)


def test_unknown_unit_type_lists_choices():
    data = _example()
    data["单位"]["类型"] = "合作社"
    (msg,) = [p for p in _problems(data) if p.startswith("单位.类型")]
    assert "合作社" in msg and "乡镇" in msg


def test_unit_type_aliases_resolve():
    data = _example()
    data["单位"]["类型"] = "国有企业"
    assert parse_profile(data, "u.yaml").unit_type == "国企"


def test_unknown_key_suggests_close_match():
    data = _example()
    data["目标"]["发展党原"] = data["目标"].pop("发展党员")
    problems = _problems(data)
    assert any("目标.发展党原：未知字段，是否应为“发展党员”" in p for p in problems)


def test_ambiguous_fraction_percent_refused():
    data = _example()
    data["目标"]["结构"]["女"] = 0.35
    assert any("含义不明" in p for p in _problems(data))


def test_invalid_date_named():
    data = _example()
    data["公文"]["成文日期"] = "2025-02-30"
    assert any(p.startswith("公文.成文日期：") for p in _problems(data))


def test_structure_count_cannot_exceed_total():
    data = _example()
    data["现状"]["结构"]["女"] = 5000
    assert any(p.startswith("现状.结构.女：5000名超过党员总数") for p in _problems(data))


def test_planning_period_years_checked():
    data = _example()
    del data["规划"]["每年发展"][2027]
    assert any(p.startswith("规划.每年发展.2027：缺少") for p in _problems(data))


def test_unreadable_yaml(tmp_path: Path):
    bad = tmp_path / "u.yaml"
    bad.write_text("单位: [未闭合\n", encoding="utf-8")
    with pytest.raises(InputError, match="YAML 无法解析"):
        load_profile(bad)


def test_gbk_file_is_refused_clearly(tmp_path: Path):
    bad = tmp_path / "u.yaml"
    bad.write_bytes("单位: 测试\n".encode("gbk"))
    with pytest.raises(InputError, match="UTF-8"):
        load_profile(bad)


def test_empty_file(tmp_path: Path):
    bad = tmp_path / "u.yaml"
    bad.write_text("", encoding="utf-8")
    with pytest.raises(ValidationError, match="空"):
        load_profile(bad)


def test_zero_share_means_no_target():
    from generator.plans.generate import generate_plan

    data = _example()
    data["目标"]["结构"]["女"] = "0%"
    p = parse_profile(data, "u.yaml")
    assert "女" not in p.data["目标"]["结构"]
    md = generate_plan(p).markdown
    assert "占0%" not in md and "女性占" not in md


def test_planning_period_must_be_three_to_five_years():
    data = _example()
    data["规划"].update(起始年=2025, 终止年=2026, 每年发展={2025: 15, 2026: 15})
    assert any("规划期应为3—5年" in p for p in _problems(data))


def test_scope_words_can_be_set_for_a_district():
    from generator.plans.generate import generate_plan

    data = _example()
    data["单位"].update(全称="中共南岭区委员会", 简称="南岭区委", 类型="县级", 上级="中共南岭市委",
                       范围="全区", 下级="各街道党工委和区直各党（工）委", 组织部="区委组织部")
    data["公文"].update(抄送="市委组织部", 署名="中共南岭区委员会")
    md = "".join(generate_plan(parse_profile(data, "u.yaml"), variant=v).markdown for v in range(6))
    assert "全区" in md and "区委组织部" in md
    assert "全县" not in md and "县委组织部" not in md and "县直" not in md
