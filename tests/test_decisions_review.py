"""What a reviewing 组织部 refuses in a decisions sheet (issue #13 item 3) — an extension that has
already run out, a 转正 discussed long after the 预备期 without a reason, a 取消 without its ground,
a 请示 dated outside its meeting and its approval, a vote that cannot pass — each named by row,
all at once, nothing written; and what the 批复 cites when the sheet gives it."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli

from generator.approvals.build import ApprovalBuilder, grounds, prepare
from generator.data.decisions import load_decisions
from generator.data.profile import load_profile
from generator.errors import ValidationError

HEADER = "党支部,姓名,事项,支部大会日期,党委会议日期,延长期限,入党时间,请示日期,应到人数,实到人数,赞成票,原因,说明"


def sheet(tmp_path: Path, *rows: str, name: str = "d.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ValidationError) as info:
        load_decisions(path)
    return info.value.problems


@pytest.mark.parametrize("row, expected", [
    # admitted 2024-03-01, extended by six months: the 预备期 ran to 2025-09-01, the committee met after it
    ("第一党支部,张三,延长预备期,2025-08-20,2025-09-05,6,2024-03-01,,,,,,",
     "第2行延长半年后预备期至2025年9月1日，党委会议2025年9月5日时已经期满"),
    # 预备期 ended 2025-03-01, the branch only met in July, no reason given
    ("第一党支部,张三,按期转正,2025-07-10,2025-07-20,,2024-03-01,,,,,,",
     "第2行预备期2025年3月1日已满，支部大会2025年7月10日才讨论转正，超过3个月"),
    ("第一党支部,张三,取消预备党员资格,2025-03-03,2025-03-20,,2024-01-10,,,,,,",
     "第2行取消预备党员资格需要在“原因”列写明理由"),
    ("第一党支部,张三,接收预备党员,2025-03-03,2025-03-20,,,2025-03-01,,,,,",
     "第2行请示日期2025年3月1日早于支部大会日期2025年3月3日"),
    ("第一党支部,张三,接收预备党员,2025-03-03,2025-03-20,,,2025-03-25,,,,,",
     "第2行请示日期2025年3月25日晚于党委会议日期2025年3月20日"),
    ("第一党支部,张三,接收预备党员,2025-03-03,2025-03-20,,,,20,10,10,,",
     "第2行实到10名，未超过应到会有表决权的正式党员20名的半数，支部大会不能进行表决"),
    ("第一党支部,张三,接收预备党员,2025-03-03,2025-03-20,,,,20,15,10,,",
     "第2行赞成票10票未超过应到会有表决权的正式党员20名的半数，决议不能通过"),
    ("第一党支部,张三,接收预备党员,2025-03-03,2025-03-20,,,,20,22,18,,",
     "第2行“实到人数”22名多于“应到人数”20名"),
    ("第一党支部,张三,接收预备党员,2025-03-03,2025-03-20,,,,20,15,16,,",
     "第2行“赞成票”16票多于实到人数15名"),
    ("第一党支部,张三,接收预备党员,2025-03-03,2025-03-20,,,,二十,15,12,,",
     "第2行“应到人数”应为人数，如 23（实际为“二十”）"),
])
def test_a_reviewer_refuses_the_row(tmp_path, row, expected):
    problems = problems_of(sheet(tmp_path, row))
    assert any(expected in p for p in problems), problems


def test_every_bad_row_is_listed_at_once(tmp_path):
    problems = problems_of(sheet(
        tmp_path,
        "第一党支部,张三,延长预备期,2025-08-20,2025-09-05,6,2024-03-01,,,,,,",
        "第一党支部,李四,接收预备党员,2025-03-03,2025-03-20,,,,,,,,",
        "第二党支部,王五,取消预备党员资格,2025-03-03,2025-03-20,,2024-01-10,,,,,,",
    ))
    assert [p[:3] for p in problems] == ["第2行", "第4行"]


def test_the_reasons_that_make_a_row_acceptable(tmp_path):
    path = sheet(
        tmp_path,
        # late, but the sheet says why
        "第一党支部,张三,按期转正,2025-07-10,2025-07-20,,2024-03-01,,,,,,本人长期外出务工，支部大会待其返乡后召开",
        # an extension still running when the committee meets
        "第一党支部,李四,延长预备期,2025-03-05,2025-03-20,6,2024-03-01,,,,,,",
        "第一党支部,王五,取消预备党员资格,2025-03-03,2025-03-20,,2024-01-10,,,,,预备期内多次无故不参加党的组织生活。,",
        "第二党支部,赵六,接收预备党员,2025-03-03,2025-03-20,,,2025-03-05,20,11,11,,",
    )
    items = load_decisions(path).items
    assert [d.name for d in items] == ["张三", "李四", "王五", "赵六"]
    zhao = items[3]
    assert (zhao.request_date.isoformat(), zhao.expected, zhao.present, zhao.votes) == ("2025-03-05", 20, 11, 11)


def test_the_reply_cites_the_request_the_meeting_and_the_ground(tmp_path, example_profile_path):
    path = sheet(
        tmp_path,
        "第二党支部,赵六,接收预备党员,2025-03-03,2025-03-20,,,2025-03-05,20,11,11,,",
        "第二党支部,王五,取消预备党员资格,2025-03-03,2025-03-20,,2024-01-10,2025-03-05,20,15,14,预备期内多次无故不参加党的组织生活。,",
    )
    approvals = prepare(load_decisions(path).items, None, str(path))
    builder = ApprovalBuilder(load_profile(example_profile_path))
    admit, cancel = (builder.build(a).markdown for a in approvals)
    assert "你支部2025年3月5日《关于接收赵六同志为中国共产党预备党员的请示》收悉。" in admit
    assert "经2025年3月20日柳溪镇党委会议集体讨论、表决，现批复如下：" in admit
    assert "王五同志预备期内多次无故不参加党的组织生活" in cancel and "。，" not in cancel
    assert "第七条" in cancel


def test_one_reply_per_request(tmp_path):
    # two 请示 of one branch on one matter are two replies, each citing its own
    path = sheet(
        tmp_path,
        "第二党支部,赵六,接收预备党员,2025-03-03,2025-03-20,,,2025-03-05,,,,,",
        "第二党支部,钱七,接收预备党员,2025-03-10,2025-03-20,,,2025-03-12,,,,,",
    )
    approvals = prepare(load_decisions(path).items, None, str(path))
    assert [(a.names, a.request_date.isoformat()) for a in approvals] == [(["赵六"], "2025-03-05"), (["钱七"], "2025-03-12")]


def test_grounds_person_by_person():
    import datetime as dt

    from generator.approvals.build import Approval
    from generator.data.decisions import Decision, rules

    D = dt.date
    a = Approval("第一党支部", rules().matters["取消预备党员资格"], D(2025, 3, 20), people=[
        Decision(2, "第一党支部", "甲", "取消预备党员资格", D(2025, 3, 3), D(2025, 3, 20), ground="不参加组织生活"),
        Decision(3, "第一党支部", "乙", "取消预备党员资格", D(2025, 3, 3), D(2025, 3, 20), ground="不交纳党费；"),
    ])
    assert grounds(a) == "甲同志不参加组织生活；乙同志不交纳党费"
    a.people[1] = Decision(3, "第一党支部", "乙", "取消预备党员资格", D(2025, 3, 3), D(2025, 3, 20), ground="不参加组织生活")
    assert grounds(a) == "甲、乙同志不参加组织生活"


def test_cli_refuses_the_sheet_and_writes_nothing(runner, tmp_path, example_profile_path):
    path = sheet(tmp_path, "第一党支部,张三,延长预备期,2025-08-20,2025-09-05,6,2024-03-01,,,,,,")
    out = tmp_path / "out"
    r = run_cli(runner, "approve", str(example_profile_path), str(path), "-o", str(out))
    assert r.exit_code == 2
    assert "第2行" in r.output and "已经期满" in r.output
    assert not out.exists() or not any(out.iterdir())
