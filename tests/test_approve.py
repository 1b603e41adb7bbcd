"""批复 content (names, counts, 预备期 / 党龄 / 延长 dates, wording per 事项) and `gongwen approve`
end to end, bad input included: exit 2, every problem with its row, nothing written."""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import pytest
import yaml
from conftest import run_cli

from generator import resources
from generator.approvals.build import ApprovalBuilder, prepare
from generator.core.markdown_io import parse
from generator.data.decisions import Decision
from generator.data.profile import load_profile, parse_profile
from generator.writers.letterhead import body_text

D = dt.date
HEADER = "党支部,姓名,事项,支部大会日期,党委会议日期,延长期限,入党时间,原因"
EXAMPLE = resources.examples_dir()


def sheet(tmp_path: Path, *rows: str, name: str = "决定.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def build(*decisions: Decision, profile=None, override=None):
    profile = profile or load_profile(EXAMPLE / "unit.yaml")
    approvals = prepare(list(decisions), override, "测试")
    builder = ApprovalBuilder(profile)
    for i, a in enumerate(approvals, 1):
        a.seq, a.number = i, f"柳发〔{a.day.year}〕{i}号"
    return [builder.build(a) for a in approvals]


def body(g) -> str:
    return "\n".join(p.text for p in g.document.paragraphs())


def admit(row, name, meeting=D(2025, 3, 3), branch="第一党支部"):
    return Decision(row, branch, name, "接收预备党员", meeting, D(2025, 3, 20))


# --- content -------------------------------------------------------------------------------------
def test_one_name():
    (g,) = build(admit(2, "张三"))
    assert g.document.meta.title == "中共柳溪镇委员会关于同意接收张三同志为中国共产党预备党员的批复"
    assert "你支部《关于接收张三同志为中国共产党预备党员的请示》收悉。" in body(g)
    assert "等" not in g.document.meta.title


def test_several_names_count_matches():
    (g,) = build(admit(2, "张三"), admit(3, "李四"), admit(4, "王五"))
    assert g.document.meta.title == "中共柳溪镇委员会关于同意接收张三等3名同志为中国共产党预备党员的批复"
    text = body(g)
    assert "张三、李四、王五同志" in text
    assert g.document.meta.recipients == "第一党支部"
    assert text.rstrip().endswith("特此批复。")


def test_admitted_on_leap_day_probation_ends_28_february():
    """Rule (snippets/procedure.yaml, generator/procedure.py): a year later on the same day; when that
    day does not exist, the month's last day. 2024-02-29 -> 2025-02-28."""
    (g,) = build(Decision(2, "第一党支部", "张三", "接收预备党员", D(2024, 2, 29), D(2024, 3, 20)))
    assert "2024年2月29日" in body(g) and "2025年2月28日" in body(g)
    assert "2025年3月1日" not in body(g)


def test_confirmation_party_standing_from_probation_end():
    (g,) = build(Decision(2, "第一党支部", "张三", "按期转正", D(2025, 3, 3), D(2025, 3, 20), None, D(2024, 2, 29)))
    assert g.document.meta.title == "中共柳溪镇委员会关于同意张三同志按期转为中国共产党正式党员的批复"
    assert "2025年2月28日" in body(g)


@pytest.mark.parametrize("months, word, end", [(6, "半年", "2025年8月28日"), (12, "一年", "2026年2月28日"), (8, "8个月", "2025年10月28日")])
def test_extension_counts_from_the_original_end(months, word, end):
    (g,) = build(Decision(2, "第一党支部", "张三", "延长预备期", D(2025, 3, 3), D(2025, 3, 20), months, D(2024, 2, 29)))
    assert g.document.meta.title == "中共柳溪镇委员会关于同意延长张三同志预备期的批复"
    assert word in body(g) and end in body(g)


def test_people_with_different_dates_each_get_theirs():
    (g,) = build(admit(2, "张三", D(2025, 3, 3)), admit(3, "李四", D(2025, 3, 5)), admit(4, "王五", D(2025, 3, 3)))
    text = body(g)
    assert "张三、王五同志" in text and "李四同志" in text
    assert "2026年3月3日" in text and "2026年3月5日" in text


def test_one_reply_per_branch_and_matter_addressed_by_kind_of_organisation():
    gs = build(
        admit(2, "张三", branch="石桥村党总支"),
        Decision(3, "石桥村党总支", "李四", "取消预备党员资格", D(2025, 3, 3), D(2025, 3, 20),
                 ground="预备期内无故不参加党的组织生活"),
        admit(4, "王五", branch="青禾社区党委"),
        admit(5, "赵六", branch="石桥村党总支"),
    )
    assert len(gs) == 3
    assert "你总支《关于接收张三等2名同志" in body(gs[0])
    # a cancellation gives its ground (党章第七条), whichever wording is drawn
    assert "李四同志" in body(gs[1]) and "不履行党员义务" in body(gs[1]) and "同意取消" in body(gs[1])
    assert body(gs[2]).startswith("你党委《")


def test_reply_date_defaults_to_committee_meeting_and_can_be_overridden():
    (g,) = build(admit(2, "张三"))
    assert g.document.meta.date == D(2025, 3, 20) and g.document.meta.print_date == D(2025, 3, 20)
    (g,) = build(admit(2, "张三"), override=D(2025, 3, 25))
    assert g.document.meta.date == D(2025, 3, 25)


def _profile_with(include: list[str]):
    data = yaml.safe_load((EXAMPLE / "unit.yaml").read_text(encoding="utf-8"))
    data["语料"] = {"include": include}
    return parse_profile(data, "测试单位")


APPROVAL_CLAUSES = sorted(
    p.stem for section in ("批复意见", "执行要求") for p in (resources.corpus_dir() / section).glob("*.md")
)


@pytest.mark.parametrize("clause_id", APPROVAL_CLAUSES)
def test_every_wording_variant_renders_every_name_and_date(clause_id):
    matter = {"接收": "接收预备党员", "转正": "按期转正", "延长": "延长预备期", "取消": "取消预备党员资格"}[clause_id.split("-")[1]]
    ground = "预备期内无故不参加党的组织生活" if matter == "取消预备党员资格" else None
    people = [
        Decision(2, "第一党支部", "张三", matter, D(2025, 3, 3), D(2025, 3, 20), 6 if matter == "延长预备期" else None,
                 None if matter == "接收预备党员" else D(2024, 2, 29), ground=ground),
        Decision(3, "第一党支部", "李四", matter, D(2025, 3, 5), D(2025, 3, 20), 12 if matter == "延长预备期" else None,
                 None if matter == "接收预备党员" else D(2024, 3, 1), ground=ground),
    ]
    profile = _profile_with([clause_id])
    approvals = prepare(people, None, "测试")
    builder = ApprovalBuilder(profile)
    builder.build(approvals[0])  # warm
    g = builder.build(approvals[0])
    text = body(g)
    assert "张三" in text and "李四" in text
    assert "{{" not in text and "}}" not in text
    if matter == "接收预备党员":
        assert "2026年3月3日" in text and "2026年3月5日" in text
    elif matter == "按期转正":
        assert "2025年2月28日" in text and "2025年3月1日" in text
    elif matter == "延长预备期" and clause_id.startswith("批复意见"):
        assert "2025年8月28日" in text and "2026年3月1日" in text


def test_markdown_and_document_agree():
    (g,) = build(admit(2, "张三"), admit(3, "李四"))
    again = parse(g.markdown, "x.md")
    assert again.meta == g.document.meta
    assert [p.text for p in again.paragraphs()] == [p.text for p in g.document.paragraphs()]


def test_every_reply_lints_clean(runner, tmp_path):
    """The project's invariant: what the tool generates, its own linter passes (.md and .docx)."""
    engine = pytest.importorskip("generator.lint.engine")
    from generator.readers import read

    path = sheet(
        tmp_path,
        "第一党支部,张三,接收预备党员,2024-02-29,2024-03-20,,",
        "第一党支部,李四,接收预备党员,2024-03-01,2024-03-20,,",
        "第二党支部,王五,按期转正,2025-03-03,2025-03-20,,2024-02-29",
        "第二党支部,赵六,延长预备期,2025-03-03,2025-03-20,12,2024-03-01",
        "第二党支部,孙七,延长预备期,2025-03-03,2025-03-20,6,2024-03-01",
        "第三党总支,钱八,取消预备党员资格,2025-03-03,2025-03-20,,,预备期内无故不参加组织生活",
        "石桥村党委,周九,接收预备党员,2013-05-03,2013-05-20,,",  # 细则（试行） era
    )
    out = tmp_path / "out"
    r = run_cli(runner, "approve", str(EXAMPLE / "unit.yaml"), str(path), "-o", str(out))
    assert r.exit_code == 0, r.output
    files = sorted(p for p in out.iterdir() if p.suffix in (".md", ".docx"))
    assert len(files) == 10  # 赵六 and 孙七 share one 批复
    assert files[0].name.startswith("2013-003_石桥村党委")  # numbers restart each year
    for f in files:
        result = engine.lint_draft(read(f))
        errors = [x for x in result.findings if x.severity in ("error", "warning")]
        assert not errors, (f.name, [(x.rule, x.message) for x in errors])


# --- the command ---------------------------------------------------------------------------------
def test_cli_writes_documents_and_manifest(runner, tmp_path):
    out = tmp_path / "out"
    r = run_cli(runner, "approve", str(EXAMPLE / "unit.yaml"), str(EXAMPLE / "decisions.xlsx"), "-o", str(out))
    assert r.exit_code == 0, r.output
    docs = sorted(out.glob("*.docx"))
    assert len(docs) == 8 and len(list(out.glob("*.md"))) == 8
    assert docs[0].name == "003_柳溪村党支部_接收预备党员_陈晓燕等3名同志.docx"  # profile 文号 3 is the next number
    manifest = out / "批复清单_2025_3-10号.csv"
    raw = manifest.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == "序号,文号,党支部,事项,人数,姓名,成文日期,标题,所答请示,请示日期,表格行,文件"
    assert "柳发〔2025〕3号,柳溪村党支部,接收预备党员,3,陈晓燕、刘建国、周敏" in lines[1]
    assert "已生成 8 份批复（涉及 12 人，文号 柳发〔2025〕3号 至 柳发〔2025〕10号）" in r.output
    d = docx.Document(io.BytesIO(docs[0].read_bytes()))
    texts = [p.text for p in d.paragraphs]
    assert "柳发〔2025〕3号" in texts and "特此批复。" in texts


def test_bad_row_stops_the_run_before_any_file(runner, tmp_path):
    path = sheet(
        tmp_path,
        "第一党支部,张三,接收预备党员,2025-03-03,2025-03-20,,",
        "第一党支部,李四,转正,2025-03-03,2025-03-20,,",
        "第二党支部,王五,延长预备期,2025-03-03,2025-03-20,13,2024-03-01",
    )
    out = tmp_path / "out"
    r = run_cli(runner, "approve", str(EXAMPLE / "unit.yaml"), str(path), "-o", str(out))
    assert r.exit_code == 2
    assert "Traceback" not in r.output
    assert "第3行" in r.output and "入党时间" in r.output
    assert "第4行" in r.output and "延长13个月" in r.output
    assert not out.exists() or not any(out.iterdir())


def test_unsafe_branch_name_gives_a_safe_file_name(runner, tmp_path):
    import csv

    branch = '第一/二\\支:部*?"<>|'
    path = tmp_path / "决定.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([HEADER.split(","), [branch, "张三", "接收预备党员", "2025-03-03", "2025-03-20", "", ""]])
    out = tmp_path / "out"
    r = run_cli(runner, "approve", str(EXAMPLE / "unit.yaml"), str(path), "-o", str(out), "--format", "md")
    assert r.exit_code == 0, r.output
    files = [p for p in out.iterdir() if p.suffix == ".md"]
    assert len(files) == 1 and files[0].parent == out
    assert not any(c in files[0].name for c in '/\\:*?"<>|')
    assert files[0].name == "003_第一_二_支_部_接收预备党员_张三同志.md"
    assert parse(files[0].read_text(encoding="utf-8")).meta.recipients == branch  # the 主送 keeps its name


def test_no_overwrite_without_force(runner, tmp_path):
    out = tmp_path / "out"
    args = ["approve", str(EXAMPLE / "unit.yaml"), str(EXAMPLE / "decisions.xlsx"), "-o", str(out)]
    assert run_cli(runner, *args).exit_code == 0
    victim = next(out.glob("*.md"))
    victim.write_text("我改过的稿子", encoding="utf-8")
    r = run_cli(runner, *args)
    assert r.exit_code == 2 and "已存在" in r.output and "--force" in r.output
    assert victim.read_text(encoding="utf-8") == "我改过的稿子"
    assert run_cli(runner, *args, "--force").exit_code == 0
    assert victim.read_text(encoding="utf-8") != "我改过的稿子"


def test_reruns_and_parallel_runs_give_the_same_bytes(runner, tmp_path):
    outs = []
    for i, jobs in enumerate(("1", "1", "2")):
        out = tmp_path / f"o{i}"
        r = run_cli(runner, "approve", str(EXAMPLE / "unit.yaml"), str(EXAMPLE / "decisions.xlsx"), "-o", str(out), "-j", jobs)
        assert r.exit_code == 0, r.output
        outs.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert outs[0] == outs[1] == outs[2]


def test_date_before_committee_meeting_is_refused(runner, tmp_path):
    out = tmp_path / "out"
    r = run_cli(runner, "approve", str(EXAMPLE / "unit.yaml"), str(EXAMPLE / "decisions.xlsx"), "-o", str(out),
                "--date", "2025-03-19")
    assert r.exit_code == 2 and "早于党委会议日期" in r.output
    assert not out.exists() or not any(out.iterdir())


def test_letterhead_gives_the_same_text_as_the_built_in_layout(runner, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    base = ["approve", str(EXAMPLE / "unit.yaml"), str(EXAMPLE / "decisions.xlsx"), "--format", "docx"]
    assert run_cli(runner, *base, "-o", str(a)).exit_code == 0
    r = run_cli(runner, *base, "-o", str(b), "--letterhead", str(EXAMPLE / "letterhead.docx"))
    assert r.exit_code == 0, r.output
    for built_in in sorted(a.glob("*.docx")):
        ours, theirs = body_text(built_in.read_bytes()), body_text((b / built_in.name).read_bytes())
        assert ours == theirs
        assert ours[0] == "中共柳溪镇委员会文件" and "特此批复。" in ours


def test_letterhead_output_is_reproducible(tmp_path):
    from generator.writers.letterhead import LetterheadWriter

    (g,) = build(admit(2, "张三"))
    w = LetterheadWriter(EXAMPLE / "letterhead.docx")
    assert w.to_bytes(g.document) == LetterheadWriter(EXAMPLE / "letterhead.docx").to_bytes(g.document)


def test_letterhead_escapes_xml_in_data(runner, tmp_path):
    path = sheet(tmp_path, "A&B<党支部>,张三,接收预备党员,2025-03-03,2025-03-20,,")
    out = tmp_path / "out"
    r = run_cli(runner, "approve", str(EXAMPLE / "unit.yaml"), str(path), "-o", str(out), "--format", "docx",
                "--letterhead", str(EXAMPLE / "letterhead.docx"))
    assert r.exit_code == 0, r.output
    (f,) = out.glob("*.docx")
    assert "A&B<党支部>：" in body_text(f.read_bytes())


def _template(tmp_path: Path, *lines: str) -> Path:
    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    path = tmp_path / "模板.docx"
    d.save(path)
    return path


@pytest.mark.parametrize("lines, message", [
    (("{{ 标题 }}", "{{ 单位名称 }}", "{{p 正文 }}"), "不认识的占位符 {{ 单位名称 }}"),
    (("{{ 标题 }}",), "没有正文占位符"),
    (("{%p if 抄送 %}", "{{p 正文 }}"), "占位符写法有误"),
])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_bad_letterhead_templates(runner, tmp_path, lines, message, jobs):
    """With -j 2 the workers find it first (they load the template while the sheet is read): the
    same one message, no worker left, nothing written."""
    import multiprocessing

    out = tmp_path / "out"
    r = run_cli(runner, "approve", str(EXAMPLE / "unit.yaml"), str(EXAMPLE / "decisions.xlsx"), "-o", str(out),
                "--letterhead", str(_template(tmp_path, *lines)), "-j", jobs)
    assert r.exit_code == 2 and message in r.output, r.output
    assert "Traceback" not in r.output
    assert not out.exists() or not any(out.iterdir())
    assert multiprocessing.active_children() == []


def test_letterhead_that_is_not_a_docx(runner, tmp_path):
    fake = tmp_path / "红头.docx"
    fake.write_bytes(b"PK\x03\x04 not really")
    r = run_cli(runner, "approve", str(EXAMPLE / "unit.yaml"), str(EXAMPLE / "decisions.xlsx"), "-o", str(tmp_path / "o"),
                "--letterhead", str(fake))
    assert r.exit_code == 2 and "红头.docx" in r.output and "Traceback" not in r.output
    r = run_cli(runner, "approve", str(EXAMPLE / "unit.yaml"), str(EXAMPLE / "decisions.xlsx"), "-o", str(tmp_path / "o"),
                "--letterhead", str(tmp_path / "没有.docx"))
    assert r.exit_code == 2 and "不存在" in r.output


def test_bad_prefix_and_missing_inputs(runner, tmp_path):
    r = run_cli(runner, "approve", str(EXAMPLE / "unit.yaml"), str(EXAMPLE / "decisions.xlsx"), "--prefix", "柳发〔2025〕")
    assert r.exit_code == 2 and "机关代字" in r.output
    r = run_cli(runner, "approve", str(EXAMPLE / "unit.yaml"), str(tmp_path / "没有.xlsx"), "-o", str(tmp_path))
    assert r.exit_code == 2 and "文件不存在" in r.output


def test_demo_also_writes_replies(runner, tmp_path):
    r = run_cli(runner, "demo", "-o", str(tmp_path / "demo"))
    assert r.exit_code == 0, r.output
    replies = sorted((tmp_path / "demo" / "批复").glob("*.docx"))
    assert len(replies) == 8
    assert replies[0].name.startswith("004_")  # after the plan's own 柳发〔2025〕3号


# --- roster cross-check ----------------------------------------------------------------------------
ROSTER_HEADER = "姓名,性别,民族,出生日期,学历,是否一线,所在党支部,申请入党日期,确定积极分子日期,确定发展对象日期,接收预备党员日期,转正日期"


def test_roster_cross_check(runner, tmp_path):
    roster = tmp_path / "花名册.csv"
    roster.write_text("\n".join([
        ROSTER_HEADER,
        "张三,男,汉族,1995-05-01,大学本科,是,第一党支部,2023-01-05,2023-06-01,2024-06-10,,",
        "李四,女,汉族,1996-05-01,大学本科,是,第一党支部,2023-01-05,2024-06-01,2024-12-10,,",  # activist < 1 year
        "王五,男,汉族,1990-05-01,大专,是,第二党支部,2021-01-05,2022-01-01,2023-01-10,2024-02-29,",
        "赵六,男,汉族,1990-05-01,大专,是,第二党支部,2021-01-05,2022-01-01,2023-01-10,2023-03-01,2024-03-01",
    ]) + "\n", encoding="utf-8")
    ok = sheet(
        tmp_path,
        "第一党支部,张三,接收预备党员,2025-03-03,2025-03-20,,",
        "第二党支部,王五,按期转正,2025-03-03,2025-03-20,,",  # 入党时间 taken from the roster
        name="ok.csv",
    )
    out = tmp_path / "out"
    r = run_cli(runner, "approve", str(EXAMPLE / "unit.yaml"), str(ok), "-o", str(out), "--roster", str(roster), "--format", "md")
    assert r.exit_code == 0, r.output
    text = (next(out.glob("*王五*.md"))).read_text(encoding="utf-8")
    assert "2025年2月28日" in text
    bad = sheet(
        tmp_path,
        "第一党支部,李四,接收预备党员,2025-03-03,2025-03-20,,",
        "第一党支部,王五,按期转正,2025-03-03,2025-03-20,,",  # wrong branch
        "第二党支部,赵六,按期转正,2025-03-03,2025-03-20,,",  # already confirmed
        "第二党支部,钱七,取消预备党员资格,2025-03-03,2025-03-20,,,预备期内无故不参加组织生活",  # not in the roster
        name="bad.csv",
    )
    out2 = tmp_path / "out2"
    r = run_cli(runner, "approve", str(EXAMPLE / "unit.yaml"), str(bad), "-o", str(out2), "--roster", str(roster))
    assert r.exit_code == 2
    assert "第2行" in r.output and "不满一年" in r.output
    assert "第3行" in r.output and "第二党支部" in r.output
    assert "第4行" in r.output and "已于2024年3月1日转为正式党员" in r.output
    assert "第5行" in r.output and "找不到" in r.output
    assert not out2.exists() or not any(out2.iterdir())


def test_letterhead_needs_docx_output(runner, tmp_path):
    r = run_cli(runner, "approve", str(EXAMPLE / "unit.yaml"), str(EXAMPLE / "decisions.xlsx"), "-o", str(tmp_path / "o"),
                "--format", "md", "--letterhead", str(EXAMPLE / "letterhead.docx"))
    assert r.exit_code == 2 and "只用于 docx" in r.output


def test_letterhead_title_is_broken_like_the_built_in_one_and_pages_are_numbered(tmp_path):
    from docx.oxml.ns import qn

    from generator.writers.letterhead import LetterheadWriter
    from generator.writers.titles import split_title

    (g,) = build(admit(2, "张三"))
    data = LetterheadWriter(EXAMPLE / "letterhead.docx").to_bytes(g.document)
    d = docx.Document(io.BytesIO(data))
    title = next(p.text for p in d.paragraphs if "批复" in p.text and "关于" in p.text)
    assert title.split("\n") == split_title(g.document.meta.title, 20) and "\n" in title
    footers = [d.sections[0].footer, d.sections[0].even_page_footer]
    for footer in footers:
        assert " PAGE " in "".join(t.text for t in footer._element.iter(qn("w:instrText")))


def test_a_clause_may_use_every_shared_name_in_a_reply(tmp_path):
    """下级, 范围 and 组织部 are offered to every clause of every kind; a 批复 built its context
    apart and lacked them, so such a clause passed `corpus check` and failed in `gongwen approve`.
    The profile's 范围 (全乡) holds in a 批复 as in a plan."""
    own = tmp_path / "语料"
    own.mkdir()
    (own / "执行要求-接收-教育.md").write_text(  # replaces the built-in clause of the same id
        "---\nid: 执行要求-接收-教育\nsection: 执行要求\nkinds: [approval]\nunits: [any]\nwhen: 接收预备党员\n---\n"
        "请{{ 下级 }}把预备党员的教育管理纳入{{ 范围 }}党员队伍建设，重要情况及时报告{{ 组织部 }}。\n",
        encoding="utf-8")
    data = yaml.safe_load((EXAMPLE / "unit.yaml").read_text(encoding="utf-8"))
    data["单位"]["范围"] = "全乡"
    data["语料"] = {"include": ["执行要求-接收-教育"], "目录": [str(own)]}
    (g,) = build(admit(2, "张三"), profile=parse_profile(data, "单位概况.yaml"))
    assert "请各村（社区）和镇直单位党组织把预备党员的教育管理纳入全乡党员队伍建设" in body(g)


def _failing_template(tmp_path, name: str) -> Path:
    """The built-in 批复 template, failing (an undefined variable) for the 批复 whose 主送 is `name`."""
    d = tmp_path / "tpl"
    d.mkdir()
    text = (resources.templates_dir() / "approval.md.j2").read_text(encoding="utf-8")
    (d / "approval.md.j2").write_text(f"{{% if 主送 == '{name}' %}}{{{{ 没有这个变量 }}}}{{% endif %}}" + text,
                                      encoding="utf-8")
    return d


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_document_failing_late_leaves_no_file(tmp_path, jobs):
    """The last branch's 批复 fails to render after the others were rendered (and, with -j 2, written by
    the workers): the run stops with the template named and takes back every file it created."""
    from generator.approvals import batch
    from generator.errors import GongwenError

    out = tmp_path / "out"
    out.mkdir()
    mine = out / "我的笔记.txt"
    mine.write_text("别删", encoding="utf-8")
    options = batch.BatchOptions(out_dir=out, jobs=jobs, template_dirs=(str(_failing_template(tmp_path, "青禾社区党支部")),))
    with pytest.raises(GongwenError) as err:
        batch.run(EXAMPLE / "unit.yaml", EXAMPLE / "decisions.xlsx", options)
    assert "approval.md.j2" in str(err.value) and "没有这个变量" in str(err.value)
    assert sorted(p.name for p in out.iterdir()) == ["我的笔记.txt"]  # no 批复, no manifest, no temp file
    assert mine.read_text(encoding="utf-8") == "别删"


def test_parallel_run_with_force_replaces_and_creates(tmp_path):
    """-j 2 --force over an earlier run: the files there are replaced in place (a read-only-for-others
    mode stays), new ones are created, and the result equals a one-core run."""
    from generator.approvals import batch

    a, b = tmp_path / "a", tmp_path / "b"
    batch.run(EXAMPLE / "unit.yaml", EXAMPLE / "decisions.xlsx", batch.BatchOptions(out_dir=a, jobs=1))
    first = batch.run(EXAMPLE / "unit.yaml", EXAMPLE / "decisions.xlsx", batch.BatchOptions(out_dir=b, jobs=2))
    kept = first.files[0]
    kept.chmod(0o640)
    first.files[1].unlink()
    batch.run(EXAMPLE / "unit.yaml", EXAMPLE / "decisions.xlsx", batch.BatchOptions(out_dir=b, jobs=2, force=True))
    assert {p.name: p.read_bytes() for p in a.iterdir()} == {p.name: p.read_bytes() for p in b.iterdir()}
    assert kept.stat().st_mode & 0o777 == 0o640
