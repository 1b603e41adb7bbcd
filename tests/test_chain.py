"""The approval chain from one roster and one decisions sheet (issue #13): 公示 → 请示 → 批复 agree on
names, dates and numbers; 请示 ask for what the sheet lacks instead of inventing it; 公示 count
working days and name who takes the opinions; lint checks the chain in drafts from anywhere."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import EXAMPLE, run_cli

from generator import resources
from generator.approvals.build import ApprovalBuilder, prepare
from generator.approvals.publicity import generate_publicity, names_from_decisions, parse_stage, working_days
from generator.approvals.requests import RequestBuilder
from generator.data.decisions import load_decisions
from generator.data.profile import load_profile
from generator.errors import InputError, ValidationError
from generator.lint.engine import lint_draft
from generator.readers import read_text
from generator.roster.people import load_roster

SHEET = resources.examples_dir() / "decisions.xlsx"
ROSTER = resources.examples_dir() / "roster.xlsx"
D = dt.date


@pytest.fixture(scope="module")
def profile():
    return load_profile(EXAMPLE)


@pytest.fixture(scope="module")
def roster():
    return load_roster(ROSTER)


@pytest.fixture(scope="module")
def chain(profile, roster):
    decisions = load_decisions(SHEET).items
    approvals = prepare(decisions, None, str(SHEET))
    requests = RequestBuilder(profile, roster)
    replies = ApprovalBuilder(profile)
    return decisions, [(a, requests.build(a), replies.build(a)) for a in approvals]


def findings(markdown: str):
    return [(f.rule, f.match) for f in lint_draft(read_text(markdown, "x.md", "md")).findings]


# --- 请示 ------------------------------------------------------------------------------------
def test_every_request_and_reply_lints_clean(chain):
    for _, request, reply in chain[1]:
        assert findings(request.markdown) == [], request.document.meta.title
        assert findings(reply.markdown) == [], reply.document.meta.title


def test_request_and_reply_pair_up(chain, profile):
    decisions, docs = chain
    for a, request, reply in docs:
        req, rep = request.document.meta, reply.document.meta
        assert req.recipients == profile.full_name and rep.recipients == a.branch == req.signature
        assert req.title == f"{a.branch}{a.matter.request_for(a.who)}"
        # the reply cites the request by its date and title (without the branch's name)
        assert f"{req.date.year}年{req.date.month}月{req.date.day}日《{a.matter.request_for(a.who)}》收悉" in reply.markdown
        assert req.date <= rep.date
        for d in a.people:
            assert d.name in request.markdown and d.name in reply.markdown
    assert sum(len(a.people) for a, _, _ in docs) == len(decisions)


def test_request_states_the_sheets_votes_and_nothing_else(chain):
    for a, request, _ in chain[1]:
        text = request.markdown
        for d in a.people:
            assert f"应到会有表决权的正式党员{d.expected}名，实到{d.present}名" in text
            assert (f"{d.name}同志获赞成票{d.votes}票" in text) or (len(a.people) == 1 and f"赞成票{d.votes}票" in text)
        assert text.rstrip().endswith("妥否，请批示。")
        assert "政治审查" not in text  # the sheet and roster do not say it: the request does not claim it


def test_request_without_the_roster_has_no_records(profile):
    a = prepare(load_decisions(SHEET).items, None, str(SHEET))[0]
    text = RequestBuilder(profile).build(a).markdown
    assert "出生" not in text and "| 姓名 |" not in text
    assert findings(text) == []


def test_a_single_persons_record_is_a_sentence_from_the_roster(profile, roster):
    a = next(x for x in prepare(load_decisions(SHEET).items, None, str(SHEET)) if x.names == ["赵志强"])
    text = RequestBuilder(profile, roster).build(a).markdown
    zhao = next(p for p in roster.people if p.name == "赵志强")
    assert f"赵志强，{zhao.gender}，{zhao.ethnicity}，{zhao.birth.year}年{zhao.birth.month}月出生" in text
    assert "预备期至2025年2月28日满" in text


def write_sheet(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "d.csv"
    head = "党支部,姓名,事项,支部大会日期,党委会议日期,延长期限,入党时间,请示日期,应到人数,实到人数,赞成票,原因"
    path.write_text("\n".join([head, *rows]) + "\n", encoding="utf-8")
    return path


def test_request_asks_for_what_the_sheet_lacks(runner, tmp_path):
    sheet = write_sheet(
        tmp_path,
        "第一党支部,张三,接收预备党员,2025-03-03,2025-03-20,,,,20,15,14,",
        "第一党支部,李四,延长预备期,2025-03-03,2025-03-20,6,2024-03-01,2025-03-05,20,15,14,",
        "第二党支部,王五,接收预备党员,2025-03-03,2025-03-20,,,2025-03-05,,,,",
    )
    out = tmp_path / "out"
    r = run_cli(runner, "request", str(EXAMPLE), str(sheet), "-o", str(out))
    assert r.exit_code == 2
    assert "第2行：写请示需要填写“请示日期”" in r.output
    assert "第3行：写请示需要填写“原因”" in r.output
    assert "第4行：写请示需要填写“应到人数”、“实到人数”、“赞成票”" in r.output
    assert not out.exists()


def test_one_meeting_has_one_attendance(tmp_path):
    sheet = write_sheet(
        tmp_path,
        "第一党支部,张三,接收预备党员,2025-03-03,2025-03-20,,,2025-03-05,20,15,14,",
        "第一党支部,李四,接收预备党员,2025-03-03,2025-03-20,,,2025-03-05,20,16,14,",
    )
    from generator.approvals.batch import BatchOptions, plan

    with pytest.raises(ValidationError) as exc:
        plan(load_profile(EXAMPLE), sheet, BatchOptions(out_dir=tmp_path / "o", kind="request"), None)
    assert "第3行：第一党支部2025年3月3日支部大会的应到、实到人数（20、16）与第2行（20、15）不一致" in str(exc.value)


def test_cli_request_writes_one_per_reply_and_a_manifest_of_pairs(runner, tmp_path):
    out = tmp_path / "out"
    r = run_cli(runner, "请示", str(EXAMPLE), str(SHEET), "--roster", str(ROSTER), "-o", str(out))
    assert r.exit_code == 0, r.output
    manifest = (out / "请示清单.csv").read_text(encoding="utf-8-sig").splitlines()
    assert manifest[0].split(",")[6:8] == ["标题", "对应批复"]
    assert len(manifest) == 1 + 8
    assert len(list(out.glob("*_请示.docx"))) == 8


# --- 公示 ------------------------------------------------------------------------------------
@pytest.mark.parametrize("start, days, holidays, end", [
    (D(2025, 2, 20), 5, (), D(2025, 2, 26)),  # Thursday: Fri, Mon, Tue, Wed
    (D(2025, 2, 22), 5, (), D(2025, 2, 28)),  # a Saturday start counts from Monday
    (D(2025, 9, 29), 5, [D(2025, 10, d) for d in range(1, 9)], D(2025, 10, 13)),
    (D(2025, 3, 3), 1, (), D(2025, 3, 3)),
])
def test_working_days(start, days, holidays, end):
    assert working_days(start, days, set(holidays)) == end


def test_publicity_before_the_meeting_agrees_with_request_and_reply(chain, profile, roster):
    stage = parse_stage("接收")
    g = generate_publicity(profile, roster, stage, D(2025, 2, 20), names=names_from_decisions(SHEET, stage))
    listed = re.findall(r"^\| (\S+) \| [男女] \|", g.markdown, re.M)
    admitted = [d for a, _, _ in chain[1] if a.matter.id == "接收预备党员" for d in a.people]
    assert listed == [d.name for d in admitted]
    (end,) = re.findall(r"至(\d{4}年\d{1,2}月\d{1,2}日)（5个工作日）", g.markdown)
    assert end == "2025年2月26日" and all(d.branch_meeting > D(2025, 2, 26) for d in admitted)
    assert "联系人：王建华，联系电话：0775-5123456。" in g.markdown
    assert findings(g.markdown) == []


def test_publicity_refuses_records_that_break_the_rules(profile, roster):
    with pytest.raises(ValidationError) as exc:
        generate_publicity(profile, roster, parse_stage("接收"), D(2025, 2, 20))
    text = "\n".join(exc.value.lines())
    assert "苏海" in text and "不满一年" in text and "不能列入公示" in text


@pytest.mark.parametrize("kwargs, message", [
    ({"names": ["张无忌"]}, "--names：张无忌不在花名册中"),
    ({"names": ["陈晓燕"], "branch": "石桥村党总支"}, "--names：陈晓燕不在花名册中"),
    ({"branch": "东风村党支部"}, "--branch：花名册中没有“东风村党支部”"),
    ({"names": ["赵志强"]}, "不处于“接收”阶段"),
])
def test_publicity_names_what_is_wrong(profile, roster, kwargs, message):
    with pytest.raises(InputError) as exc:
        generate_publicity(profile, roster, parse_stage("接收"), D(2025, 2, 20), **kwargs)
    assert message in str(exc.value)


def test_publicity_needs_the_contact(roster, tmp_path):
    import yaml

    raw = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    raw.pop("公示")
    path = tmp_path / "u.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValidationError) as exc:
        generate_publicity(load_profile(path), roster, parse_stage("转正"), D(2025, 2, 20), names=["赵志强"])
    text = "\n".join(exc.value.lines())
    assert "公示.联系人" in text and "公示.电话" in text


def test_publicity_stage_aliases_and_bad_stage():
    assert parse_stage("拟接收").id == "接收" and parse_stage("预备党员转正").id == "转正"
    with pytest.raises(InputError):
        parse_stage("入党")


def test_cli_publicity(runner, tmp_path):
    out = tmp_path / "out"
    r = run_cli(runner, "公示", str(EXAMPLE), "--roster", str(ROSTER), "--stage", "转正", "--date", "2025-02-20",
                "--decisions", str(SHEET), "-o", str(out))
    assert r.exit_code == 0, r.output
    md = next(out.glob("*.md")).read_text(encoding="utf-8")
    assert re.findall(r"^\| (\S+) \| [男女] \|", md, re.M) == ["赵志强", "吴佳琪", "郑浩"]
    r = run_cli(runner, "publicity", str(EXAMPLE), "--roster", str(ROSTER), "--stage", "接收", "--date", "2025-02-20",
                "-o", str(tmp_path / "bad"))
    assert r.exit_code == 2 and "苏海" in r.output
    assert not (tmp_path / "bad").exists()


# --- lint of the chain, on drafts from anywhere -------------------------------------------------
REQUEST = ("柳溪村党支部关于接收张三同志为中国共产党预备党员的请示\n\n中共柳溪镇委员会：\n\n{meeting}，我支部召开支部大会，"
           "应到会有表决权的正式党员23名，实到21名，经讨论表决同意接收。现报请审批。\n\n{closing}\n\n柳溪村党支部\n2025年3月5日\n")


@pytest.mark.parametrize("text, rule", [
    (REQUEST.format(meeting="2025年3月3日", closing="").replace("接收张三同志为中国共产党预备党员的请示",
                                                                   "接收张三同志为中国共产党预备党员和李四同志转正的请示"),
     "chain/one-matter"),
    (REQUEST.format(meeting="2025年3月13日", closing="妥否，请批示。"), "chain/meeting-after-date"),
    (REQUEST.format(meeting="2025年3月3日", closing=""), "structure/missing-section"),
])
def test_chain_defects_in_a_request(text, rule):
    assert rule in [f.rule for f in lint_draft(read_text(text, "x.txt", "txt")).findings]


@pytest.mark.parametrize("closing", ["妥否，请批示。", "当否，请批复。", "特此请示。", "以上请示，请予批准。"])
def test_every_usual_closing_of_a_request_is_accepted(closing):
    text = REQUEST.format(meeting="2025年3月3日", closing=closing)
    assert [f.rule for f in lint_draft(read_text(text, "x.txt", "txt")).findings] == []


REPLY = ("中共柳溪镇委员会关于同意接收张三同志为中国共产党预备党员的批复\n\n柳溪村党支部：\n\n你支部《关于接收张三同志为中国共产党"
         "预备党员的请示》收悉。经2025年3月20日柳溪镇党委会议集体讨论、表决，同意接收张三同志为中国共产党预备党员，预备期一年，"
         "自2025年3月3日起至{end}止。请你支部做好教育考察工作。\n\n{closing}\n\n中共柳溪镇委员会\n2025年3月20日\n")


@pytest.mark.parametrize("end, closing, rules", [
    ("2026年3月3日", "特此批复。", []),
    ("2026年3月2日", "此复。", []),  # both ends of a year are written; both closings are correct
    ("2025年9月3日", "此复。", ["chain/probation-year"]),
    ("2026年3月3日", "", ["structure/missing-section"]),
])
def test_reply_closings_and_the_probation_year(end, closing, rules):
    text = REPLY.format(end=end, closing=closing)
    assert [f.rule for f in lint_draft(read_text(text, "x.txt", "txt")).findings] == rules


def test_a_publicity_needs_its_period_and_contact():
    bad = "中共柳溪镇委员会关于拟接收预备党员的公示\n\n经党支部研究，张三同志拟接收为中国共产党预备党员，现予以公示。\n\n中共柳溪镇委员会\n2025年2月20日\n"
    got = [f.message for f in lint_draft(read_text(bad, "x.txt", "txt")).findings]
    assert any("公示期" in m for m in got) and any("联系人" in m for m in got)
    good = bad.replace("现予以公示。", "现予以公示。公示时间：2025年2月20日至2025年2月26日。联系电话：0775-5123456。")
    assert lint_draft(read_text(good, "x.txt", "txt")).findings == []


def test_a_synthetic_roster_carries_its_sheets_publicity(profile, tmp_path):
    """The benchmark's 公示 come from a roster made for a synthetic sheet: it must keep the 细则
    (nobody refused from the 公示) and list exactly the sheet's people at each stage."""
    import sys

    sys.path.insert(0, str(resources.examples_dir()))
    from make_decisions import synthetic_rows, write_xlsx
    from make_roster import synthetic_people, workbook_bytes

    rows = synthetic_rows(40)
    sheet = write_xlsx(rows, tmp_path / "decisions.xlsx")
    path = tmp_path / "roster.xlsx"
    path.write_bytes(workbook_bytes(synthetic_people(rows)))
    roster = load_roster(path)
    assert [p.name for p in roster.people] == [r[1] for r in rows]
    for stage_id, day, matter in (("接收", D(2025, 2, 17), "接收预备党员"), ("转正", D(2025, 2, 10), "按期转正")):
        stage = parse_stage(stage_id)
        g = generate_publicity(profile, roster, stage, day, names=names_from_decisions(sheet, stage))
        listed = re.findall(r"^\| (\S+) \| [男女] \|", g.markdown, re.M)
        assert listed == [r[1] for r in rows if r[2] == matter] and len(listed) > 10
        assert findings(g.markdown) == []
