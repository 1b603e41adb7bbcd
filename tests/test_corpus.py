"""The clause corpus: parsing (every kind of broken clause file names file and line), selection
(deterministic per unit, variants, pinned and dropped clauses, required topics), variables, and
user corpora that add or replace clauses."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from conftest import run_cli

from generator.compose import clauses as corpus_mod
from generator.compose.assemble import Assembler
from generator.data.profile import load_profile
from generator.errors import CorpusError, InputError, TemplateError, ValidationError
from generator.plans.generate import generate_plan

DAY = dt.date(2025, 3, 1)
# the sections of plans, multi-year plans and notices (the summary's have their own tests)
MINE = ("开头", "指导思想", "目标任务", "目标结构", "年度安排", "期末测算", "工作重点", "工作要求", "印发语")
GOOD = """---
id: 自有-开头
section: 开头
kinds: [plan]
units: [乡镇]
---
为做好本镇发展党员工作，依据{{ era.细则名称 }}，制定本计划。
"""


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- the shipped corpus ------------------------------------------------------------------
def test_shipped_corpus_size_and_coverage():
    c = corpus_mod.load()
    clauses = [x for x in c.clauses.values() if x.section in MINE]
    assert len(clauses) >= 100
    units = {u for x in clauses for u in x.units}
    assert units >= {"村", "社区", "机关", "学校", "国企", "非公", "乡镇", "县级", "any"}
    # era-bound clauses exist on both sides of each congress
    assert any(x.valid_to == dt.date(2017, 10, 17) for x in clauses)
    assert any(x.valid_from >= dt.date(2017, 10, 18) and x.valid_to <= dt.date(2022, 10, 15) for x in clauses)
    assert any(x.valid_from >= dt.date(2022, 10, 16) for x in clauses)


def test_shipped_clauses_never_retype_fixed_formulations():
    """总要求, 细则 titles and era phrases come from snippets/, never typed into a clause."""
    from generator.core import snippets

    s = snippets.load()
    fixed = [f.text for f in s.formulations.values() if len(f.text) > 8]
    fixed += [e.text for name in ("理论指导", "大会精神", "政治要求") for e in s.timelines[name]]
    for c in corpus_mod.load().clauses.values():
        if c.section not in MINE:
            continue  # other sections: gongwen corpus check reports them
        for text in fixed:
            assert text not in c.body, (c.id, text)


# --- broken clause files -----------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("为做好工作，制定本计划。\n", "第1行缺少 YAML 文件头"),
        ("---\nid: x\nsection: 开头\nkinds: [plan\nunits: [村]\n---\n正文\n", "第5行第6列 YAML 无法解析"),
        ("---\nid: x\nsection: 开头\nkinds: [plan]\nunits: [村]\n正文\n", "没有结束行"),
        ("---\nid: x\nsection: 开头\nkinds: [plan]\nunits: [火星基地]\n---\n正文\n", "第5行 units 中的“火星基地”不是已知单位类型"),
        ("---\nid: x\nsection: 开头\nkinds: [plan, 年报]\nunits: [村]\n---\n正文\n", "第4行 kinds 中的“年报”不是已知文种"),
        ("---\nid: x\nsection: 开场白\nkinds: [plan]\nunits: [村]\n---\n正文\n", "第3行 section“开场白”不是已知部分"),
        ("---\nid: x\nsection: 基本情况\nkinds: [plan]\nunits: [村]\n---\n正文\n", "section“基本情况”不是文种 plan 的组成部分"),
        ("---\nid: x\nsection: 开头\nkinds: [plan]\nunits: [村]\ncolor: red\n---\n正文\n", "第6行文件头有未知字段 color"),
        ("---\nid: x\nsection: 开头\nkinds: [plan]\n---\n正文\n", "文件头缺少 units"),
        ("---\nid: x\nsection: 开头\nkinds: [plan]\nunits: [村]\nvalid_from: 2020-13-01\n---\n正文\n", "第6行 valid_from 应为 YYYY-MM-DD 日期"),
        ("---\nid: x\nsection: 开头\nkinds: [plan]\nunits: [村]\nvalid_from: 2020-01-01\nvalid_to: 2019-01-01\n---\n正文\n", "晚于 valid_to"),
        ("---\nid: x\nsection: 开头\nkinds: [plan]\nunits: [村]\nweight: 很重\n---\n正文\n", "第6行 weight 应为数字"),
        ("---\nid: x\nsection: 开头\nkinds: [plan]\nunits: [村]\nvariables: [现状-总数]\n---\n正文\n", "不是变量名"),
        ("---\nid: x\nsection: 开头\nkinds: [plan]\nunits: [村]\n---\n\n", "正文为空"),
    ],
)
def test_broken_clause_file_names_file_and_line(tmp_path, text, expected):
    path = write(tmp_path, "坏条文.md", text)
    with pytest.raises((CorpusError, InputError)) as exc:
        corpus_mod.load_dir(tmp_path)
    assert str(exc.value).startswith(str(path)) or str(exc.value).startswith("坏条文.md") or "坏条文.md" in str(exc.value)
    assert expected in str(exc.value)


def test_duplicate_id_and_bad_encoding(tmp_path):
    write(tmp_path, "a.md", GOOD)
    write(tmp_path, "b.md", GOOD)
    with pytest.raises(CorpusError, match="id“自有-开头”与 .*a.md 重复"):
        corpus_mod.load_dir(tmp_path)
    (tmp_path / "b.md").write_bytes(GOOD.encode("gbk"))
    with pytest.raises(CorpusError, match="b.md：不是 UTF-8 编码"):
        corpus_mod.load_dir(tmp_path)


def test_collecting_all_problems(tmp_path):
    write(tmp_path, "ok.md", GOOD)
    write(tmp_path, "bad1.md", "正文\n")
    write(tmp_path, "bad2.md", GOOD.replace("乡镇", "火星"))
    problems: list[str] = []
    c = corpus_mod.load_dir(tmp_path, problems)
    assert list(c.clauses) == ["自有-开头"]
    assert len(problems) == 2 and "bad1.md" in problems[0] and "bad2.md" in problems[1]


def test_missing_corpus_dir(tmp_path):
    with pytest.raises(InputError, match="语料目录不存在"):
        corpus_mod.load_dir(tmp_path / "没有")


# --- selection ---------------------------------------------------------------------------
def _select(c, seed, **kw):
    return [x.id for x in c.select("plan", "工作重点", "村", DAY, seed, kw.pop("count", 5), **kw)]


def test_selection_is_deterministic_and_varies_by_seed():
    c = corpus_mod.load()
    assert _select(c, "甲村|plan|工作重点|0") == _select(c, "甲村|plan|工作重点|0")
    picks = {tuple(_select(c, f"{n}村|plan|工作重点|0")) for n in "甲乙丙丁戊己庚辛"}
    assert len(picks) > 1


def test_selection_at_most_one_per_topic_and_required_topics():
    c = corpus_mod.load()
    for n in "甲乙丙丁戊己庚辛壬癸":
        chosen = c.select("plan", "工作重点", "村", DAY, n, 5, topics=["入口", "培养", "程序"])
        topics = [x.topic for x in chosen]
        assert len(topics) == len(set(topics)) == 5
        assert {"入口", "培养", "程序"} <= set(topics)
        assert [x.order for x in chosen] == sorted(x.order for x in chosen)


def test_selection_respects_unit_and_date():
    c = corpus_mod.load()
    early = dt.date(2016, 3, 1)
    for x in c.candidates("plan", "指导思想", "村", early):
        assert x.valid_from <= early <= x.valid_to
        assert "any" in x.units or "村" in x.units
    assert not [x for x in c.candidates("plan", "工作重点", "学校", DAY) if "村" in x.units and "any" not in x.units]


def test_pins_include_and_exclude():
    c = corpus_mod.load()
    chosen = c.select("plan", "工作重点", "村", DAY, "s", 5, include=["工作重点-作用-发挥"])
    assert "工作重点-作用-发挥" in [x.id for x in chosen]
    ids = [x.id for x in c.select("plan", "工作重点", "村", DAY, "s", 5)]
    again = [x.id for x in c.select("plan", "工作重点", "村", DAY, "s", 5, exclude=ids[:2])]
    assert not set(ids[:2]) & set(again) and len(again) == 5


def test_variant_option_changes_text_but_is_stable(example_profile_path):
    p = load_profile(example_profile_path)
    a, b = generate_plan(p, variant=0), generate_plan(p, variant=1)
    assert a.clause_ids != b.clause_ids
    assert generate_plan(p, variant=1).markdown == b.markdown


def _edit_profile(path: Path, mutate) -> Path:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    mutate(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_profile_pins_clauses(example_profile_path):
    _edit_profile(example_profile_path, lambda d: d.update(语料={"include": ["工作重点-作用-发挥", "开头-年度安排"],
                                                                 "exclude": ["工作要求-纪律"]}))
    g = generate_plan(load_profile(example_profile_path))
    assert "工作重点-作用-发挥" in g.clause_ids and "开头-年度安排" in g.clause_ids
    assert "工作要求-纪律" not in g.clause_ids


def test_profile_pin_with_unknown_id_is_an_error(example_profile_path, runner, tmp_path):
    _edit_profile(example_profile_path, lambda d: d.update(语料={"include": ["工作重点-作用-发恢"], "exclude": ["没有这条"]}))
    with pytest.raises(ValidationError) as exc:
        generate_plan(load_profile(example_profile_path))
    lines = exc.value.lines()
    assert "语料.include[1]：没有 id 为“工作重点-作用-发恢”的条文，是否应为“工作重点-作用-发挥”？" in lines[1]
    assert "语料.exclude[1]" in lines[2]
    r = run_cli(runner, "plan", str(example_profile_path), "-o", str(tmp_path / "out"))
    assert r.exit_code == 2 and "语料.include[1]" in r.output and not (tmp_path / "out").exists()


def test_excluding_every_clause_of_a_required_topic_is_a_clear_error(example_profile_path):
    c = corpus_mod.load()
    entry = [x.id for x in c.clauses.values() if x.section == "工作重点" and x.topic == "入口"]
    _edit_profile(example_profile_path, lambda d: d.update(语料={"exclude": entry}))
    with pytest.raises(TemplateError, match="templates/plan.md.j2：第\\d+行语料中没有适用于“年度发展党员工作计划·工作重点”、主题为“入口”的条文"):
        generate_plan(load_profile(example_profile_path))


# --- variables ---------------------------------------------------------------------------
def test_missing_declared_variable_names_clause_and_variable(example_profile_path):
    p = load_profile(example_profile_path)
    ctx = {"单位": p.data["单位"], "年度": 2025, "范围": "全镇", "下级": "各党支部", "单位类型": "乡镇",
           "targets": [], "公文": p.office, "发文字号": None, "现状": None, "目标": p.data["目标"], "梯队比例": None,
           "上年": None, "分解": None, "进度": (), "年初": ""}
    a = Assembler("plan", ctx, "甲镇", "乡镇", DAY, include=["目标任务-总量"])
    with pytest.raises(TemplateError) as exc:
        a.render()
    assert str(exc.value) == "corpus/目标任务/目标任务-总量.md：语料 目标任务-总量 需要变量“现状”，但没有提供（请在单位概况中填写）"


def test_undeclared_value_in_user_clause_names_file_and_line(tmp_path, example_profile_path):
    write(tmp_path / "mine", "开头.md", GOOD.replace("制定本计划。", "\n按照{{ 单位.书记 }}的要求制定本计划。"))
    _edit_profile(example_profile_path, lambda d: d.update(语料={"include": ["自有-开头"]}))
    with pytest.raises(TemplateError) as exc:
        generate_plan(load_profile(example_profile_path), corpus_dirs=[str(tmp_path / "mine")])
    assert "开头.md：第8行语料 自有-开头 用到了没有提供的变量" in str(exc.value)


def test_formulation_outside_its_dates_is_refused(tmp_path, example_profile_path):
    write(tmp_path / "mine", "开头.md", GOOD.replace("依据{{ era.细则名称 }}", "坚持{{ f.组织路线 }}"))
    _edit_profile(example_profile_path, lambda d: d.update(语料={"include": ["自有-开头"]}))
    with pytest.raises(TemplateError, match="开头.md：第7行语料 自有-开头 固定提法“组织路线”只在2018-07-03"):
        generate_plan(load_profile(example_profile_path), dt.date(2016, 3, 1), corpus_dirs=[str(tmp_path / "mine")])


def test_template_referring_to_missing_snippet_names_template_line(tmp_path, example_profile_path):
    tdir = tmp_path / "templates"
    write(tdir, "plan.md.j2", '{% from "_macros.md.j2" import front_matter %}\n'
          '{{ front_matter("plan", "x2025年度发展党员工作计划", 公文, 单位, 日期) }}\n{{ f.不存在的提法 }}\n')
    p = load_profile(example_profile_path)
    with pytest.raises(TemplateError) as exc:
        generate_plan(p, template_dirs=(str(tdir),))
    assert str(exc.value).startswith(str(tdir / "plan.md.j2") + "：第3行")
    assert "没有固定提法“不存在的提法”" in str(exc.value)


def test_document_dated_before_era_tables_is_refused(example_profile_path):
    with pytest.raises(TemplateError, match="成文日期 2005-03-01 早于提法表的起点 2008-01-01"):
        generate_plan(load_profile(example_profile_path), dt.date(2005, 3, 1))


# --- user corpora ------------------------------------------------------------------------
def test_user_corpus_adds_and_replaces(tmp_path, example_profile_path, runner):
    mine = tmp_path / "mine"
    write(mine, "开头.md", GOOD)
    replaced = (corpus_mod.load().clauses["工作要求-纪律"])
    write(mine, "纪律.md", "---\nid: 工作要求-纪律\nsection: 工作要求\nkinds: [plan]\nunits: [any]\n"
          "title: 严明纪律要求\ntopic: 纪律\norder: 20\n---\n本镇发展党员工作严格执行各项纪律规定，对违规行为严肃处理。\n")
    c = corpus_mod.load([mine])
    assert c.clauses["工作要求-纪律"].path.endswith("纪律.md") and c.clauses["工作要求-纪律"] != replaced
    assert "自有-开头" in c.clauses
    _edit_profile(example_profile_path, lambda d: d.update(语料={"include": ["自有-开头", "工作要求-纪律"]}))
    out = tmp_path / "out"
    r = run_cli(runner, "plan", str(example_profile_path), "-o", str(out), "--format", "md", "--corpus", str(mine))
    assert r.exit_code == 0, r.output
    md = next(out.glob("*.md")).read_text(encoding="utf-8")
    assert md.count("为做好本镇发展党员工作，依据《中国共产党发展党员工作细则》，制定本计划。") == 1
    assert "严明纪律要求" in md and "本镇发展党员工作严格执行各项纪律规定" in md
    assert replaced.body not in md


def test_profile_corpus_directory_is_relative_to_profile(tmp_path, example_profile_path):
    write(example_profile_path.parent / "本镇语料", "开头.md", GOOD)
    _edit_profile(example_profile_path, lambda d: d.update(语料={"目录": ["本镇语料"], "include": ["自有-开头"]}))
    g = generate_plan(load_profile(example_profile_path))
    assert "自有-开头" in g.clause_ids


def test_broken_user_corpus_stops_plan_with_nothing_written(tmp_path, example_profile_path, runner):
    mine = tmp_path / "mine"
    write(mine, "坏.md", GOOD.replace("units: [乡镇]", "units: [乡镇, 火星]"))
    out = tmp_path / "out"
    r = run_cli(runner, "plan", str(example_profile_path), "-o", str(out), "--corpus", str(mine))
    assert r.exit_code == 2
    assert "坏.md：第5行 units 中的“火星”不是已知单位类型" in r.output
    assert "Traceback" not in r.output and not out.exists()


def test_profile_accepts_english_clauses_key(example_profile_path):
    _edit_profile(example_profile_path, lambda d: d.update(clauses={"include": ["工作重点-作用-发挥"]}))
    g = generate_plan(load_profile(example_profile_path))
    assert "工作重点-作用-发挥" in g.clause_ids
