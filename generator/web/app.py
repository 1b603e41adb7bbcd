"""`gongwen serve`: the workbench page and its JSON API (FastAPI). Thin, as the CLI is: every route
reads the request, calls the same library function the command line calls, and turns the result
(or the GongwenError with its Chinese message) into JSON. Uploads go into a private temporary
folder under fixed names — a file name from the browser never reaches the file system — and
results wait in memory for their download."""
from __future__ import annotations

import datetime as dt
import io
import json
import re
import secrets
import shutil
import tempfile
import threading
import zipfile
from collections import OrderedDict
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import quote

from fastapi import FastAPI, File, Form, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from generator import __version__
from generator.errors import GongwenError, InputError, ValidationError
from generator.web import profile_form
from generator.web.render import document_html, draft_html
from generator.web.security import Guard, GuardMiddleware

HERE = Path(__file__).resolve().parent
KEEP = 40  # results kept for download (the oldest go first)
_UPLOAD_SUFFIXES = {".xlsx", ".xlsm", ".csv", ".docx", ".md", ".markdown", ".txt", ".yaml", ".yml"}
_MIME = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         ".md": "text/markdown; charset=utf-8", ".pdf": "application/pdf", ".zip": "application/zip",
         ".yaml": "text/yaml; charset=utf-8", ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         ".txt": "text/plain; charset=utf-8", ".csv": "text/csv; charset=utf-8"}
KINDS = {"plan": "年度发展党员工作计划", "multi_year_plan": "发展党员工作规划", "notice": "印发通知",
         "summary": "工作总结", "publicity": "公示"}


class Store:
    """Results waiting for download, and the batch jobs running."""

    def __init__(self) -> None:
        self.files: OrderedDict[str, tuple[str, bytes]] = OrderedDict()
        self.drafts: OrderedDict[str, tuple] = OrderedDict()  # checked drafts (name, bytes, kind, day), for 一键修正
        self.jobs: OrderedDict[str, dict] = OrderedDict()
        self.lock = threading.Lock()

    def put(self, name: str, data: bytes) -> str:
        key = secrets.token_urlsafe(12)
        with self.lock:
            self.files[key] = (name, data)
            while len(self.files) > KEEP:
                self.files.popitem(last=False)
        return f"/api/download/{key}"

    def new_job(self, state: dict) -> str:
        key = secrets.token_urlsafe(10)
        with self.lock:
            self.jobs[key] = state
            while len(self.jobs) > KEEP:
                self.jobs.popitem(last=False)
        return key

    def keep_draft(self, name: str, data: bytes, kind: str | None = None, day: dt.date | None = None) -> str:
        key = secrets.token_urlsafe(12)
        with self.lock:
            self.drafts[key] = (name, data, kind, day)
            while len(self.drafts) > KEEP:
                self.drafts.popitem(last=False)
        return key


def data_dir() -> Path:
    """Where the last profile is remembered: the user's data folder (GONGWEN_DATA_DIR overrides)."""
    from generator.infra.cachedir import user_data_dir

    return user_data_dir()


@contextmanager
def workspace() -> Iterator[Path]:
    """A private folder for one request's files (mode 0700), removed afterwards."""
    tmp = Path(tempfile.mkdtemp(prefix="gongwen-web-"))
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def saved_upload(upload: UploadFile | None, folder: Path, stem: str, allowed: tuple[str, ...], what: str) -> Path | None:
    """The upload written as folder/stem.suffix (the suffix from its name, if one we read)."""
    if upload is None or not upload.filename:
        return None
    suffix = Path(upload.filename).suffix.lower()
    if suffix not in allowed or suffix not in _UPLOAD_SUFFIXES:
        raise InputError(f"{what}：不支持“{suffix or '无扩展名'}”文件，请上传 {'、'.join(allowed)}")
    data = upload.file.read()  # the routes are plain functions: they run in a worker thread, not the event loop
    if not data:
        raise InputError(f"{what}：上传的文件是空的")
    path = folder / f"{stem}{suffix}"
    path.write_bytes(data)
    return path


def _day(value: str | None, what: str) -> dt.date | None:
    if not value:
        return None
    from generator.core.dates import parse_date

    try:
        day = parse_date(value)
    except ValueError as exc:  # the CLI's own wording of a bad date
        raise InputError(f"{what}：{exc}") from None
    if day is None:
        raise InputError(f"{what}：“{value}”不是可识别的日期")
    return day


def _profile_values(raw: str | None) -> tuple[dict, dict]:
    if not raw:
        raise InputError("单位概况：还没有填写（请先在“单位概况”中填写或载入）")
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, RecursionError):
        raise InputError("单位概况：表单数据无法读取，请刷新页面后重试") from None
    values = data.get("values") if isinstance(data, dict) else None
    extra = (data.get("extra") or {}) if isinstance(data, dict) else None
    if not isinstance(values, dict) or not isinstance(extra, dict) \
            or not all(isinstance(v, (str, int, float)) or v is None for v in values.values()):
        raise InputError("单位概况：表单数据格式不对，请刷新页面后重试")
    return {str(k): "" if v is None else str(v) for k, v in values.items()}, extra


def profile_file(raw: str | None, folder: Path) -> Path:
    values, extra = _profile_values(raw)
    path = folder / "单位概况.yaml"
    path.write_text(profile_form.build_yaml(values, extra), encoding="utf-8")
    return path


_PRIVATE = re.compile(r"[^\s“”：]*gongwen-web-[A-Za-z0-9_]+[\\/]")


# the library's messages name the command line's options; the page has fields
_OPTIONS = {"--stage": "公示类别", "--period": "总结时段", "--format": "格式", "--names": "“只公示”栏",
            "--date": "成文日期", "--variant": "写法", "--kind": "文种", "--roster": "花名册", "--of": "印发"}
_OPTION = re.compile("|".join(re.escape(k) for k in sorted(_OPTIONS, key=len, reverse=True)) + r"(?![\w-])")


def clean(message: str) -> str:
    """A message as the page shows it: the private folder an upload was put in is nobody's business
    (花名册.xlsx：第3行… rather than /tmp/gongwen-web-x1y2/花名册.xlsx：第3行…), and an option of the
    command line is the page's field of the same use."""
    return _OPTION.sub(lambda m: _OPTIONS[m.group(0)], _PRIVATE.sub("", message))


def _error(exc: GongwenError, status: int = 400) -> JSONResponse:
    lines = [clean(x) for x in (exc.lines() if isinstance(exc, ValidationError) else [str(exc)])]
    body: dict[str, Any] = {"error": lines[0], "lines": lines}
    if isinstance(exc, ValidationError) and Path(exc.source).name == "单位概况.yaml":
        by_field, other = profile_form.problems_by_field(exc.problems)
        body.update(fields=by_field, other=other)
    return JSONResponse(body, status_code=status)


def create_app(guard: Guard, remember: Path | None = None) -> FastAPI:
    """The workbench. `remember`: where the last profile is kept (default: the user's data folder)."""
    import jinja2

    app = FastAPI(title="党务公文工坊", version=__version__, docs_url=None, redoc_url=None, openapi_url=None)
    store = Store()
    remembered = remember or (data_dir() / "上次单位概况.yaml")
    # one 文号 register for everything the page issues (as the CLI keeps one beside the profile)
    register_path = remembered.parent / "文号登记簿.yaml"

    def register():
        from generator.data.register import Register
        from generator.infra.fileio import ensure_dir

        ensure_dir(register_path.parent)
        return Register(register_path)
    pages = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.add_middleware(GuardMiddleware, guard=guard)

    @app.exception_handler(GongwenError)
    async def on_error(request: Request, exc: GongwenError):
        return _error(exc)

    @app.exception_handler(RequestValidationError)
    async def on_bad_request(request: Request, exc: RequestValidationError):
        names = {"variant": "写法编号", "report": "写成报告", "limit": "条数", "decisions": "决定表",
                 "roster": "花名册", "file": "文件", "profile": "单位概况", "kind": "类别", "draft": "草稿"}
        problems = []
        for e in exc.errors():
            field_name = str(e.get("loc", ["", "?"])[-1])
            what = names.get(field_name, field_name)
            problems.append(f"{what}：缺少（请选择或填写）" if e.get("type") == "missing" else f"{what}：填写的值不对")
        return JSONResponse({"error": "；".join(problems) or "请求内容不对", "lines": problems}, status_code=400)

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException):
        text = {404: "没有这个页面或文件", 405: "不支持这种请求方式"}.get(exc.status_code, "请求无法处理")
        return JSONResponse({"error": text}, status_code=exc.status_code)

    @app.get("/", response_class=HTMLResponse)
    def index() -> str:
        return pages.get_template("index.html").render(csrf=guard.csrf, version=__version__, kinds=KINDS)

    # --- 单位概况 ------------------------------------------------------------------------------
    def _form_payload(data: dict | None, source: str) -> dict:
        t = profile_form.template()
        flat = profile_form.flatten(data) if data else {}
        values = {k: profile_form.as_text(v) for k, v in flat.items()}
        groups = [{"name": g, "fields": [{"path": f.path, "label": f.label, "help": f.help, "optional": f.optional,
                                          "flow": f.flow, "example": f.example, "value": values.get(f.path, "")}
                                         for f in fs]} for g, fs in t.groups()]
        extra = profile_form.extra_keys(data) if data else {}
        return {"groups": groups, "source": source, "extra": json.loads(json.dumps(extra, default=str))}

    @app.get("/api/profile/form")
    def profile_get(example: bool = False) -> dict:
        from generator import resources
        from generator.infra.yamlio import load_yaml_text

        if not example and remembered.is_file():
            text, source = remembered.read_text(encoding="utf-8"), "上次保存的单位概况"
        else:
            text, source = (resources.examples_dir() / "unit.yaml").read_text(encoding="utf-8"), "内置示例（虚构单位）"
        try:
            data = load_yaml_text(text, source, unique_keys=True)
        except GongwenError:
            text = (resources.examples_dir() / "unit.yaml").read_text(encoding="utf-8")
            data, source = load_yaml_text(text, "示例"), "内置示例（上次保存的文件无法读取）"
        return _form_payload(data if isinstance(data, dict) else {}, source)

    @app.post("/api/profile/check")
    def profile_check(profile: str = Form(...)) -> dict:
        return _check_profile(profile)

    def _check_profile(profile: str) -> dict:
        from generator.data.profile import parse_profile
        from generator.infra.yamlio import load_yaml_text

        values, extra = _profile_values(profile)
        text = profile_form.build_yaml(values, extra)
        try:
            parse_profile(load_yaml_text(text, "单位概况", unique_keys=True), "单位概况")
        except ValidationError as exc:
            by_field, other = profile_form.problems_by_field(exc.problems)
            return {"ok": False, "yaml": text, "fields": by_field, "other": other}
        except GongwenError as exc:
            return {"ok": False, "yaml": text, "fields": {}, "other": [clean(str(exc))]}
        return {"ok": True, "yaml": text, "fields": {}, "other": []}

    @app.post("/api/profile/save")
    def profile_save(profile: str = Form(...)):
        from generator.infra.fileio import ensure_dir, replace_atomically

        result = _check_profile(profile)
        if not result["ok"]:  # a profile with problems is not kept: the field messages say what to change
            return JSONResponse(dict(result, error="单位概况有问题，没有保存（已在对应字段下标出）"), status_code=400)
        ensure_dir(remembered.parent)
        replace_atomically(remembered, result["yaml"].encode("utf-8"))
        result["download"] = store.put("单位概况.yaml", result["yaml"].encode("utf-8"))
        return result

    @app.post("/api/profile/load")
    def profile_load(file: UploadFile = File(...)) -> dict:
        from generator.infra.codec import decode_utf8
        from generator.infra.yamlio import load_yaml_text

        if Path(file.filename or "").suffix.lower() not in (".yaml", ".yml"):
            raise InputError("单位概况：请上传 .yaml 文件（写法见 examples/unit.yaml）")
        raw = file.file.read()
        text = decode_utf8(raw, "单位概况", "YAML 文本文件")
        data = load_yaml_text(text, "上传的单位概况", unique_keys=True)
        if not isinstance(data, dict):
            raise InputError("上传的单位概况：内容不是“字段: 值”的形式")
        return _form_payload(data, "上传的单位概况")

    # --- 生成 ------------------------------------------------------------------------------------
    @app.post("/api/generate")
    def generate(kind: str = Form(...), profile: str = Form(...), variant: int = Form(0),
                       date: str = Form(""), period: str = Form(""), report: bool = Form(False),
                       stage: str = Form(""), names: str = Form(""), of: str = Form("plan"), formats: str = Form("docx,md"),
                       roster: UploadFile | None = File(None)) -> dict:
        from generator.data.profile import load_profile
        from generator.roster.people import load_roster
        from generator.writers.outputs import parse_formats, render_outputs

        if kind not in KINDS:
            raise InputError(f"文种：无法识别“{kind}”")
        if not 0 <= variant <= 999:
            raise InputError("换一种写法：编号应在 0—999 之间")
        wanted = parse_formats(formats)
        day = _day(date, "成文日期")
        with workspace() as tmp:
            unit = load_profile(profile_file(profile, tmp))
            roster_path = saved_upload(roster, tmp, "花名册", (".xlsx", ".csv"), "花名册")
            people = load_roster(roster_path) if roster_path else None
            if kind == "summary":
                from generator.roster.stats import parse_period
                from generator.summary.generate import generate_summary

                if people is None:
                    raise InputError("花名册：生成总结需要上传发展党员花名册（.xlsx 或 .csv）")
                if not period:
                    raise InputError("总结时段：请选择时段（如 2025H1 上半年、2025 全年）")
                the_period = parse_period(period)
                g = generate_summary(unit, people, the_period, day, variant=variant, report=report)
                prefix = unit.office.get("发文字号前缀")
                if report and prefix:  # a 报告 takes its 文号 from the register, as `summary --report` does
                    with register() as reg:
                        n = reg.number_for(prefix, g.document.meta.date.year, f"summary：{g.document.meta.title}",
                                           unit.office.get("文号") or 1)
                        g = generate_summary(unit, people, the_period, day, variant=variant, report=True, number=n)
                        reg.save()
            elif kind == "publicity":
                from generator.approvals.publicity import generate_publicity, parse_stage

                if people is None:
                    raise InputError("花名册：生成公示需要上传发展党员花名册")
                wanted = [n.strip() for n in re.split(r"[、，,\s]+", names) if n.strip()] or None
                g = generate_publicity(unit, people, parse_stage(stage or "接收"), day or dt.date.today(), names=wanted)
            else:
                from generator.plans.generate import generate_numbered

                options: dict[str, Any] = {"variant": variant, "roster": people}
                if kind == "notice":
                    options["of"] = of if of in ("plan", "multi_year_plan") else "plan"
                with register() as reg:  # the 文号 from the register: the same document keeps its number
                    g = generate_numbered(kind, unit, reg, day, **options)
                    if unit.office.get("发文字号前缀"):
                        reg.save()
            doc = g.document
            files = render_outputs(doc, tmp, doc.meta.title, wanted)
            downloads = {p.suffix.lstrip("."): store.put(p.name, data) for p, data in files.items()}
        return {"title": doc.meta.title, "html": document_html(doc), "notes": list(getattr(g, "notes", [])),
                "downloads": downloads}

    # --- 批复、请示（批量） -------------------------------------------------------------------------
    @app.post("/api/approve")
    def approve(profile: str = Form(...), decisions: UploadFile = File(...), kind: str = Form("approval"),
                      roster: UploadFile | None = File(None)) -> dict:
        from generator.approvals import batch

        if kind not in ("approval", "request"):
            raise InputError(f"类别：无法识别“{kind}”，可选 批复（approval）或 请示（request）")
        tmp = Path(tempfile.mkdtemp(prefix="gongwen-web-"))
        try:
            unit = profile_file(profile, tmp)
            sheet = saved_upload(decisions, tmp, "决定表", (".xlsx", ".csv"), "决定表")
            people = saved_upload(roster, tmp, "花名册", (".xlsx", ".csv"), "花名册")
            options = batch.BatchOptions(out_dir=tmp / "out", formats=("docx", "md"), jobs=1, kind=kind,
                                         roster=people, register=register_path, register_default=True)
            # everything a sheet can be refused for is found before the job starts: reported now
            from generator.data.profile import load_profile

            # (numbers are only given in the job, under the register's lock)
            approvals = batch.plan(load_profile(unit), sheet, batch.BatchOptions(kind=kind, roster=people), None)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        state = {"done": 0, "total": len(approvals), "error": None, "download": None, "count": 0}
        job = store.new_job(state)

        class Progress:
            def __init__(self, total: int) -> None:
                state["total"] = total

            def advance(self, n: int = 1) -> None:
                state["done"] += n

            def close(self) -> None:
                pass

        def work() -> None:
            try:
                result = batch.run(unit, sheet, options, progress_factory=Progress)
                buf = io.BytesIO()
                with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
                    for p in sorted((tmp / "out").iterdir()):
                        z.write(p, p.name)
                what = "批复" if kind == "approval" else "请示"
                state["download"] = store.put(f"{what}_{dt.date.today().isoformat()}.zip", buf.getvalue())
                state["count"] = len(result.files)
            except GongwenError as exc:
                state["error"] = [clean(x) for x in (exc.lines() if isinstance(exc, ValidationError) else [str(exc)])]
            except Exception as exc:  # a bug: said, not hidden
                state["error"] = [clean(f"程序内部错误（{type(exc).__name__}: {exc}）")]
            finally:
                shutil.rmtree(tmp, ignore_errors=True)

        threading.Thread(target=work, daemon=True).start()
        return {"job": job, "total": len(approvals)}

    @app.get("/api/jobs/{job}")
    def job_state(job: str) -> dict:
        state = store.jobs.get(job)
        if state is None:
            raise InputError("任务不存在或已过期，请重新提交")
        return state

    # --- 检查草稿 --------------------------------------------------------------------------------
    @app.post("/api/lint")
    def lint(text: str = Form(""), kind: str = Form(""), date: str = Form(""),
                   file: UploadFile | None = File(None)) -> dict:
        from generator.core.kinds import parse_kind
        from generator.lint.engine import lint_draft
        from generator.lint.rule import FAMILY_NAMES
        from generator.readers import read, read_text

        the_kind = parse_kind(kind, "文种") if kind else None
        day = _day(date, "文件日期")
        with workspace() as tmp:
            path = saved_upload(file, tmp, "草稿", (".docx", ".md", ".txt"), "草稿")
            if path is not None:
                draft = read(path)
                name, data = file.filename or f"草稿{path.suffix}", path.read_bytes()
            elif text.strip():
                draft = read_text(text, "粘贴的草稿", "txt")
                name, data = "草稿.txt", text.encode("utf-8")
            else:
                raise InputError("请粘贴草稿文字或上传 .docx/.md/.txt 文件")
            result = lint_draft(draft, None, the_kind, day)
            html, lines = draft_html(result)
        key = store.keep_draft(Path(name).name, data, the_kind, day)
        fixable = sum(1 for f in result.findings for i in f.instances() if i.fix is not None)
        return {"draft": key, "format": draft.format, "html": html,
                "findings": [dict(f.as_json(), id=i, family=FAMILY_NAMES.get(f.rule.split("/")[0], f.rule.split("/")[0]),
                                  at=lines.get(i)) for i, f in enumerate(result.findings)],
                "summary": {"errors": result.count("error"), "warnings": result.count("warning"),
                            "infos": result.count("info")},
                "fixable": fixable}

    @app.post("/api/lint/fix")
    def lint_fix(draft: str = Form(...), mode: str = Form("fixed")) -> dict:
        from generator.lint.annotate import annotate
        from generator.lint.engine import lint_draft
        from generator.lint.fix import apply_fixes
        from generator.lint.revise import revise
        from generator.readers import read

        kept = store.drafts.get(draft)
        if kept is None:
            raise InputError("草稿已过期，请重新检查一次")
        name, data, the_kind, day = kept
        stem, suffix = Path(name).stem, Path(name).suffix.lower()
        with workspace() as tmp:
            path = tmp / f"草稿{suffix}"
            path.write_bytes(data)
            result = lint_draft(read(path), None, the_kind, day)  # as it was checked: the same 文种 and date
            result.path = str(path)
            if suffix == ".docx":
                if mode == "annotated":
                    return {"download": store.put(f"{stem}（批注）.docx", annotate(result))}
                out, changes, _ = revise(result)
                return {"download": store.put(f"{stem}（修订）.docx", out), "changes": len(changes)}
            from generator.infra.codec import encode

            text, changes = apply_fixes(result)
            out = encode(text.replace("\n", result.draft.newline), result.draft.encoding or "utf-8")
            return {"download": store.put(f"{stem}（已修正）{suffix}", out), "changes": len(changes), "text": text}

    # --- 花名册检查 ------------------------------------------------------------------------------
    @app.post("/api/roster/check")
    def roster_check(roster: UploadFile = File(...), as_of: str = Form("")) -> dict:
        from generator.roster.people import load_roster
        from generator.roster.report import headline, report_bytes, run_check, verdict

        day = _day(as_of, "检查日期") or dt.date.today()
        with workspace() as tmp:
            path = saved_upload(roster, tmp, "花名册", (".xlsx", ".csv"), "花名册")
            check = run_check(load_roster(path), day)
            check.roster.path = roster.filename or "花名册"
            report = report_bytes(check, tmp / "花名册检查.xlsx")
        rows = [{"row": v.person.row, "name": v.person.name, "branch": v.person.branch or "", "problem": v.title,
                 "article": v.article, "message": v.message} for v in check.violations]
        return {"headline": headline(check), "verdict": verdict(check), "rows": rows,
                "download": store.put("花名册检查.xlsx", report)}

    # --- 语料 ------------------------------------------------------------------------------------
    @app.get("/api/corpus")
    def corpus(section: str = "", unit: str = "", date: str = "", q: str = "", limit: int = 60) -> dict:
        from generator.compose.clauses import known_sections, load
        from generator.core import snippets
        from generator.corpus.search import search
        from generator.corpus.view import rendered, validity

        day = _day(date, "日期")
        c = load()
        unit_types = list(snippets.load().unit_types)
        if unit and unit not in unit_types:
            raise InputError(f"单位类型：无法识别“{unit}”")
        chosen = [x for x in c.clauses.values() if (not section or x.section == section)
                  and (not unit or x.for_unit(unit)) and (day is None or x.valid_from <= day <= x.valid_to)]
        if q.strip():
            hits = search(c, q, chosen, limit=limit, day=day)
            chosen = [h.clause for h in hits]
        else:
            chosen = sorted(chosen, key=lambda x: (x.section, x.order, x.id))[:limit]
        return {"sections": list(known_sections()), "units": unit_types, "clauses": [
            {"id": x.id, "section": x.section, "title": x.title or "", "kinds": list(x.kinds),
             "units": list(x.units), "validity": validity(x), "text": rendered(x, day, unit or None)}
            for x in chosen]}

    # --- 下载 ------------------------------------------------------------------------------------
    @app.get("/api/download/{key}")
    def download(key: str) -> Response:
        kept = store.files.get(key)
        if kept is None:
            return JSONResponse({"error": "文件已过期，请重新生成"}, status_code=404)
        name, data = kept
        mime = _MIME.get(Path(name).suffix.lower(), "application/octet-stream")
        return Response(data, media_type=mime, headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}",
            "X-Content-Type-Options": "nosniff"})

    return app


def serve(host: str = "127.0.0.1", port: int = 8765, open_browser: bool = True, extra_hosts: tuple[str, ...] = ()) -> None:
    """Run the workbench until Ctrl-C; prints (and opens) the address with the token."""
    import uvicorn

    guard = Guard.for_address(host, port, extra_hosts)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    url = f"http://{shown}:{port}/?token={guard.token}"
    print(f"党务公文工坊已启动：{url}\n（只在本机使用；按 Ctrl-C 停止）", flush=True)
    if open_browser:
        import webbrowser

        threading.Timer(0.8, lambda: webbrowser.open(url)).start()
    uvicorn.run(create_app(guard), host=host, port=port, log_level="warning")
