"""`gongwen serve` (issue #15) through the framework's test client: every route with good and bad input — the
same Chinese messages as the CLI, 4xx, nothing saved — and the guard: a foreign Host, no token, a cross-origin
or token-less POST and an oversized upload are refused."""
from __future__ import annotations

import io
import json
import zipfile

import docx
import pytest

from generator import resources

fastapi = pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from generator.web.app import create_app  # noqa: E402
from generator.web.security import Guard  # noqa: E402

EXAMPLES = resources.examples_dir()
DRAFT = ("中共柳溪镇委员会2026年度发展党员工作计划\n\n一、指导思想\n\n"
         "要坚持控制总量、优化结构、提高质量、发挥作用的总要求,认真做好工作.今年是十四五开局之年。\n\n"
         "中共柳溪镇委员会\n2026年3月1日\n")


@pytest.fixture()
def guard():
    return Guard({"testserver"}, max_upload=2 * 1024 * 1024)


@pytest.fixture()
def remembered(tmp_path):
    return tmp_path / "data" / "上次单位概况.yaml"


@pytest.fixture()
def client(guard, remembered):
    c = TestClient(create_app(guard, remember=remembered))
    c.cookies.set("gongwen_token", guard.token)
    c.headers.update({"X-CSRF-Token": guard.csrf, "Origin": "http://testserver"})
    return c


def profile_json(client, **changes) -> str:
    form = client.get("/api/profile/form", params={"example": 1}).json()
    values = {f["path"]: f["value"] for g in form["groups"] for f in g["fields"]}
    values.update(changes)
    return json.dumps({"values": values, "extra": form["extra"]})


# --- the guard ---------------------------------------------------------------------------------------
def test_the_token_in_the_address_becomes_a_cookie_and_nothing_works_without_it(guard, remembered):
    c = TestClient(create_app(guard, remember=remembered))
    r = c.get("/")
    assert r.status_code == 403 and "访问口令" in r.json()["error"]
    assert c.get("/api/profile/form").status_code == 403
    assert c.get("/?token=wrong", follow_redirects=False).status_code == 403
    r = c.get(f"/?token={guard.token}", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"
    assert "HttpOnly" in r.headers["set-cookie"] and "SameSite=Strict" in r.headers["set-cookie"]
    assert c.get("/").status_code == 200  # the cookie now carries it


def test_a_foreign_host_header_is_refused_dns_rebinding(client):
    r = client.get("/", headers={"Host": "evil.example:8765"})
    assert r.status_code == 403 and "主机名" in r.json()["error"]


def test_a_cross_origin_post_and_a_post_without_the_csrf_token_are_refused(client, remembered):
    body = {"profile": profile_json(client)}
    r = client.post("/api/profile/save", data=body, headers={"Origin": "http://evil.example"})
    assert r.status_code == 403 and "不是从本工具的页面发出" in r.json()["error"]
    r = client.post("/api/profile/save", data=body, headers={"X-CSRF-Token": "stale"})
    assert r.status_code == 403 and "刷新页面" in r.json()["error"]
    assert not remembered.exists()


def test_an_oversized_upload_is_refused_before_it_is_read(client):
    big = b"x" * (3 * 1024 * 1024)
    r = client.post("/api/roster/check", files={"roster": ("花名册.xlsx", big)})
    assert r.status_code == 413 and "MB" in r.json()["error"]


def test_the_page_carries_its_csrf_token_and_no_outside_resource(client, guard):
    html = client.get("/").text
    assert f'content="{guard.csrf}"' in html and "党务公文工坊" in html
    assert "http://" not in html and "https://" not in html  # nothing from a CDN
    js = client.get("/static/app.js").text
    assert "http://" not in js and "https://" not in js


# --- 单位概况 ---------------------------------------------------------------------------------------
def test_the_form_has_every_field_of_the_example_with_its_help(client):
    form = client.get("/api/profile/form").json()
    fields = {f["path"]: f for g in form["groups"] for f in g["fields"]}
    assert fields["单位.全称"]["value"] == "中共柳溪镇委员会" and "发文机关全称" in fields["单位.全称"]["help"]
    assert fields["单位.范围"]["optional"] and fields["单位.范围"]["value"] == ""
    assert fields["规划.每年发展"]["flow"]
    assert [g["name"] for g in form["groups"]][:4] == ["单位", "年度", "现状", "目标"]


def test_bad_values_get_the_validators_messages_by_field_and_are_not_saved(client, remembered):
    r = client.post("/api/profile/save", data={"profile": profile_json(client, **{"目标.发展党员": "十五", "单位.全称": ""})})
    assert r.status_code == 400
    body = r.json()
    assert body["fields"]["目标.发展党员"] == ["应为整数（只写数字，如 15），实际为“十五”"]
    assert "缺少必填项" in body["fields"]["单位.全称"][0]
    assert not remembered.exists()


def test_a_good_profile_is_saved_and_comes_back_next_time_as_yaml_the_cli_reads(client, remembered, guard):
    r = client.post("/api/profile/save", data={"profile": profile_json(client, **{"单位.简称": "柳溪镇党委员会"})})
    assert r.status_code == 200 and r.json()["ok"]
    from generator.data.profile import load_profile

    assert load_profile(remembered).data["单位"]["简称"] == "柳溪镇党委员会"
    text = remembered.read_text(encoding="utf-8")
    assert "# 发文机关全称，也用作文件名开头" in text  # the example's comments stay
    again = client.get("/api/profile/form").json()
    assert again["source"] == "上次保存的单位概况"
    assert client.get(r.json()["download"]).content.decode("utf-8") == text


def test_a_loaded_yaml_keeps_what_the_form_does_not_show(client):
    text = (EXAMPLES / "unit.yaml").read_text(encoding="utf-8").replace(
        "  # 分解:", "  分解: {柳溪村党支部: 8, 石桥村党总支: 7}\n  # 分解说明:")
    r = client.post("/api/profile/load", files={"file": ("我的单位.yaml", text.encode("utf-8"))})
    assert r.status_code == 200
    fields = {f["path"]: f["value"] for g in r.json()["groups"] for f in g["fields"]}
    assert fields["目标.分解"] == "{柳溪村党支部: 8, 石桥村党总支: 7}"


@pytest.mark.parametrize("name, data, says", [
    ("单位.txt", b"a: 1", "请上传 .yaml"),
    ("单位.yaml", "单位：\n  全称: x\n".encode("utf-8"), "全角冒号"),
    ("单位.yaml", b"\xff\xfe\x00bad", "UTF-8"),
])
def test_a_bad_yaml_upload_is_refused_with_the_clis_message(client, name, data, says):
    r = client.post("/api/profile/load", files={"file": (name, data)})
    assert r.status_code == 400 and says in r.json()["error"], r.json()


# --- 生成 -----------------------------------------------------------------------------------------
def test_a_plan_is_previewed_and_downloaded_as_docx_that_passes_the_layout_checks(client, tmp_path):
    r = client.post("/api/generate", data={"profile": profile_json(client), "kind": "plan"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["title"] == "中共柳溪镇委员会2025年度发展党员工作计划"
    assert "gw-title" in body["html"] and "中共柳溪镇委员会文件" in body["html"]
    data = client.get(body["downloads"]["docx"]).content
    path = tmp_path / "plan.docx"
    path.write_bytes(data)
    from test_lint_layout import layout_findings

    assert layout_findings(path) == []
    assert docx.Document(str(path)).paragraphs


def test_another_wording_gives_another_plan(client):
    a = client.post("/api/generate", data={"profile": profile_json(client), "kind": "plan", "variant": 0}).json()
    b = client.post("/api/generate", data={"profile": profile_json(client), "kind": "plan", "variant": 1}).json()
    assert a["title"] == b["title"] and a["html"] != b["html"]


def test_a_summary_needs_the_roster_and_the_period(client):
    prof = profile_json(client)
    r = client.post("/api/generate", data={"profile": prof, "kind": "summary", "period": "2025H1"})
    assert r.status_code == 400 and "花名册" in r.json()["error"]
    roster = (EXAMPLES / "roster.xlsx").read_bytes()
    r = client.post("/api/generate", data={"profile": prof, "kind": "summary", "period": "2025H1"},
                    files={"roster": ("花名册.xlsx", roster)})
    assert r.status_code == 200 and "上半年" in r.json()["title"]


@pytest.mark.parametrize("form, file, status, says", [
    ({"kind": "poem"}, None, 400, "文种"),
    ({"kind": "plan", "variant": 5000}, None, 400, "0—999"),
    ({"kind": "plan", "formats": "odt"}, None, 400, "不支持"),
    ({"kind": "plan", "date": "去年"}, None, 400, "不是可识别的日期"),
    ({"kind": "summary", "period": "2025H1"}, ("花名册.pdf", b"%PDF"), 400, "不支持“.pdf”"),
    ({"kind": "summary", "period": "2025H1"}, ("花名册.xlsx", b"PK\x03\x04broken"), 400, "花名册.xlsx"),
])
def test_bad_generation_requests_are_refused_with_a_chinese_message(client, form, file, status, says):
    files = {"roster": file} if file else None
    r = client.post("/api/generate", data={"profile": profile_json(client), **form}, files=files)
    assert r.status_code == status and says in r.json()["error"], r.json()
    assert "gongwen-web-" not in json.dumps(r.json(), ensure_ascii=False)  # no private folder in a message


def test_a_bad_profile_stops_generation_naming_the_field(client):
    r = client.post("/api/generate", data={"profile": profile_json(client, **{"年度": "1800"}), "kind": "plan"})
    assert r.status_code == 400 and r.json()["fields"]["年度"] == ["不能小于1990，实际为1800"]


# --- 批复·请示 ---------------------------------------------------------------------------------------
def _wait(client, job: str) -> dict:
    import time

    for _ in range(200):
        state = client.get(f"/api/jobs/{job}").json()
        if state["download"] or state["error"]:
            return state
        time.sleep(0.05)
    raise AssertionError("job did not finish")


def test_the_decisions_sheet_gives_a_zip_with_one_approval_per_branch_and_matter(client):
    sheet = (EXAMPLES / "decisions.xlsx").read_bytes()
    r = client.post("/api/approve", data={"profile": profile_json(client)}, files={"decisions": ("决定表.xlsx", sheet)})
    assert r.status_code == 200, r.text
    state = _wait(client, r.json()["job"])
    assert state["error"] is None and state["done"] == state["total"] == state["count"] == 8
    z = zipfile.ZipFile(io.BytesIO(client.get(state["download"]).content))
    names = z.namelist()
    assert len([n for n in names if n.endswith(".docx")]) == 8 and any(n.startswith("批复清单") for n in names)


def test_a_bad_decisions_sheet_is_refused_before_any_job_starts(client):
    r = client.post("/api/approve", data={"profile": profile_json(client)},
                    files={"decisions": ("决定表.csv", "党支部,姓名\n第一党支部,张三\n".encode("utf-8"))})
    assert r.status_code == 400 and "决定表.csv" in r.json()["error"]
    assert client.get("/api/jobs/nothing").status_code == 400


# --- 检查草稿 ---------------------------------------------------------------------------------------
def test_a_pasted_draft_is_marked_in_place_and_listed_by_family(client):
    r = client.post("/api/lint", data={"text": DRAFT})
    assert r.status_code == 200
    body = r.json()
    rules = {f["rule"] for f in body["findings"]}
    assert {"punct/halfwidth", "era/five-year-plan"} <= rules
    assert body["html"].count("<mark") >= 3  # the comma, the full stop, 十四五开局之年
    era = next(f for f in body["findings"] if f["rule"] == "era/five-year-plan")
    assert era["at"] and f"id='{era['at']}'" in body["html"] and era["family"] == "时代提法"
    fixed = client.post("/api/lint/fix", data={"draft": body["draft"]}).json()
    assert fixed["changes"] == 2 and "，认真做好工作。" in fixed["text"]


def test_an_uploaded_docx_gets_revisions_or_comments(client, tmp_path):
    d = docx.Document()
    for line in DRAFT.strip().split("\n\n"):
        for part in line.split("\n"):
            d.add_paragraph(part)
    buf = io.BytesIO()
    d.save(buf)
    r = client.post("/api/lint", files={"file": ("草稿.docx", buf.getvalue())})
    assert r.status_code == 200 and r.json()["format"] == "docx"
    key = r.json()["draft"]
    rev = client.post("/api/lint/fix", data={"draft": key, "mode": "revisions"}).json()
    data = client.get(rev["download"]).content
    assert b"w:ins" in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    ann = client.post("/api/lint/fix", data={"draft": key, "mode": "annotated"}).json()
    assert "word/comments.xml" in zipfile.ZipFile(io.BytesIO(client.get(ann["download"]).content)).namelist()


@pytest.mark.parametrize("data, files, says", [
    ({"text": "   "}, None, "请粘贴草稿"),
    ({}, {"file": ("草稿.pdf", b"%PDF-1.4")}, "不支持“.pdf”"),
    ({}, {"file": ("草稿.docx", b"not a zip")}, "草稿.docx"),
    ({"text": DRAFT, "kind": "poem"}, None, "poem"),
])
def test_bad_drafts_are_refused(client, data, files, says):
    r = client.post("/api/lint", data=data, files=files)
    assert r.status_code == 400 and says in r.json()["error"], r.json()


def test_fixing_an_unknown_draft_says_it_expired(client):
    r = client.post("/api/lint/fix", data={"draft": "gone"})
    assert r.status_code == 400 and "过期" in r.json()["error"]


# --- 花名册检查 -------------------------------------------------------------------------------------
def test_the_roster_check_gives_the_table_and_the_report(client):
    r = client.post("/api/roster/check", data={"as_of": "2025-06-30"},
                    files={"roster": ("花名册.xlsx", (EXAMPLES / "roster.xlsx").read_bytes())})
    assert r.status_code == 200
    body = r.json()
    assert body["rows"] and {"row", "name", "branch", "problem", "article", "message"} <= set(body["rows"][0])
    assert "花名册.xlsx" in body["headline"] and "gongwen-web-" not in body["headline"]
    report = client.get(body["download"])
    assert report.content.startswith(b"PK")


def test_a_corrupt_roster_is_refused(client):
    r = client.post("/api/roster/check", files={"roster": ("花名册.xlsx", b"PK\x03\x04 broken")})
    assert r.status_code == 400 and "花名册.xlsx" in r.json()["error"]


# --- 语料 -------------------------------------------------------------------------------------------
def test_the_corpus_is_browsed_by_section_unit_type_and_words(client):
    everything = client.get("/api/corpus").json()
    assert everything["clauses"] and "开头" in everything["sections"]
    one = client.get("/api/corpus", params={"section": "开头", "unit": "村"}).json()["clauses"]
    assert one and all(c["section"] == "开头" for c in one)
    found = client.get("/api/corpus", params={"q": "政治审查"}).json()["clauses"]
    assert found and any("政治审查" in c["text"] for c in found)
    assert client.get("/api/corpus", params={"unit": "火星"}).status_code == 400


def test_an_expired_download_is_a_404_in_chinese(client):
    r = client.get("/api/download/nothing")
    assert r.status_code == 404 and "过期" in r.json()["error"]


def test_cli_serve_is_listed_with_its_options(runner):
    from conftest import run_cli

    r = run_cli(runner, "serve", "--help")
    assert r.exit_code == 0 and "--no-browser" in r.output and "127.0.0.1" in r.output
    assert run_cli(runner, "serve", "--port", "0").exit_code == 2



# --- what the red-team found (each once a defect) ------------------------------------------------------
def test_a_chunked_body_without_a_declared_length_is_refused(client):
    def body():
        yield b"x" * 1024

    r = client.post("/api/profile/load", content=body(), headers={"Content-Type": "application/octet-stream"})
    assert r.status_code == 411 and "分块" in r.json()["error"]


@pytest.mark.parametrize("raw", ["[]", "1", "null", '"x"', '{"values": [1, 2]}', '{"values": "abc"}',
                                 '{"extra": [1]}', '{"values": {"a": {"b": 1}}}', "{" * 5000])
def test_a_profile_that_is_not_the_forms_data_is_a_400_not_a_500(client, raw):
    r = client.post("/api/profile/check", data={"profile": raw})
    assert r.status_code == 400 and "单位概况" in r.json()["error"]


def test_the_frameworks_own_refusals_speak_chinese(client):
    r = client.post("/api/generate", data={"profile": profile_json(client), "kind": "plan", "variant": "abc"})
    assert r.status_code == 400 and r.json()["error"] == "写法编号：填写的值不对"
    r = client.post("/api/approve", data={"profile": profile_json(client)})
    assert r.status_code == 400 and "决定表：缺少" in r.json()["error"]
    assert client.get("/api/nothing").json()["error"] == "没有这个页面或文件"


def test_an_ip_address_on_the_port_is_accepted_a_name_is_not():
    from generator.web.security import Guard

    g = Guard.for_address("0.0.0.0", 8765)
    assert g.allows("192.168.1.5:8765") and g.allows("[::1]:8765") and g.allows("localhost:8765")
    assert not g.allows("192.168.1.5:9999") and not g.allows("127.0.0.1.evil.com:8765")
    assert not g.allows("evil.example:8765") and not g.allows("")
    v6 = Guard.for_address("::1", 8765)
    assert v6.allows("[::1]:8765") and v6.cookie == "gongwen_token_8765"


def test_documents_issued_from_the_page_take_their_numbers_from_one_register(client, remembered):
    prof = profile_json(client)
    plan = client.post("/api/generate", data={"profile": prof, "kind": "plan"}).json()
    notice = client.post("/api/generate", data={"profile": prof, "kind": "notice"}).json()
    again = client.post("/api/generate", data={"profile": prof, "kind": "plan"}).json()
    import re as _re

    number = lambda r: _re.search(r"柳发〔2025〕(\d+)号", r["html"]).group(1)  # noqa: E731
    assert number(plan) != number(notice) and number(again) == number(plan)  # the same document keeps its number
    register = (remembered.parent / "文号登记簿.yaml").read_text(encoding="utf-8")
    assert "plan：" in register and "notice：" in register


def test_a_profile_with_every_optional_section_cleared_saves(client):
    form = client.get("/api/profile/form", params={"example": 1}).json()
    values = {f["path"]: ("" if f["path"].startswith(("工作情况", "公文", "公示", "规划")) else f["value"])
              for g in form["groups"] for f in g["fields"]}
    r = client.post("/api/profile/save", data={"profile": json.dumps({"values": values, "extra": {}})})
    assert r.status_code == 200 and r.json()["ok"], r.json()


def test_the_annotated_copy_is_checked_as_the_draft_was(client):
    d = docx.Document()
    for line in ("发展党员工作安排", "要坚持控制总量、优化结构、提高质量、发挥作用的总要求,认真做好工作.",
                 "中共柳溪镇委员会", "2026年3月1日"):
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    r = client.post("/api/lint", data={"kind": "plan"}, files={"file": ("草稿.docx", buf.getvalue())}).json()
    ann = client.post("/api/lint/fix", data={"draft": r["draft"], "mode": "annotated"}).json()
    comments = zipfile.ZipFile(io.BytesIO(client.get(ann["download"]).content)).read("word/comments.xml").decode()
    assert comments.count("<w:comment ") == len(r["findings"]) and "未能判断文种" not in comments


def test_messages_name_the_pages_fields_not_the_clis_options(client):
    r = client.post("/api/generate", data={"profile": profile_json(client), "kind": "plan", "formats": "odt"})
    assert r.json()["error"].startswith("格式：")
    from generator.web.app import clean

    assert clean("--stage：无法识别“x”") == "公示类别：无法识别“x”"
    assert clean("/tmp/gongwen-web-ab12/花名册.xlsx：第3行") == "花名册.xlsx：第3行"


def test_the_form_covers_every_field_the_profile_schema_knows():
    """Every field of the validator's schema is a form field, or a mapping whose keys the writer names
    (现状.结构, 工作情况 …: the example's keys are fields, others are kept as they are)."""
    from generator.data.profile import _schema
    from generator.web.profile_form import template

    def walk(rec, prefix=""):
        for k, v in rec.fields.items():
            if getattr(v, "fields", None):
                yield from walk(v, f"{prefix}{k}.")
            else:
                yield f"{prefix}{k}"

    form = {f.path for f in template().fields}
    free_maps = {"现状.结构", "目标.结构", "工作情况"}
    missing = [p for p in walk(_schema()) if p not in form and p not in free_maps
               and not any(p.startswith(f + ".") for f in form)]
    assert missing == []
    assert {f"{p}." for p in free_maps} and all(any(f.startswith(p + ".") for f in form) for p in free_maps)
