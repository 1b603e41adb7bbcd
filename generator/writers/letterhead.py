"""Document -> .docx through a unit's own Word red-header template (docxtpl).

The template is an ordinary .docx with Jinja2 placeholders (listed in PLACEHOLDERS and the README):
`{{ 文号 }}`, `{{ 标题 }}`, `{{ 主送 }}`, `{{p 正文 }}` (the body as a sub-document, on a paragraph
of its own), `{{ 署名 }}`, `{{ 成文日期 }}`, `{% if 抄送 %}…{% endif %}` and so on. It is checked once
when loaded (syntax, unknown placeholders); rendering runs in a sandbox and a name that is not a
placeholder is an error, never a blank. Body paragraphs carry direct GB/T 9704 formatting from the
layout profile, so they look right whatever styles the template has.
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import jinja2
from markupsafe import Markup

from generator.core.dates import cn_date
from generator.core.model import Document, Heading, Paragraph, Table
from generator.errors import InputError, TemplateError
from generator.infra.fileio import read_input
from generator.infra.sandbox import BoundedEnvironment, security_reason
from generator.infra.zipguard import check_package
from generator.infra.zipout import repack
from generator.writers import ooxml as x
from generator.writers.layout import Layout
from generator.writers.layout import load as load_layout
from generator.writers.package import core_xml
from generator.writers.titles import split_title

# placeholder -> what it holds (the README lists the same)
PLACEHOLDERS: dict[str, str] = {
    "发文机关标志": "红头文字，如 中共柳溪镇委员会文件（单位概况 公文.发文机关标志）",
    "发文机关": "发文机关全称",
    "文号": "发文字号，如 柳发〔2025〕4号；没有时为空",
    "标题": "公文标题",
    "主送": "主送机关，带冒号，如 第一党支部：",
    "正文": "正文（子文档），须单独占一段：{{p 正文 }}",
    "段落": "正文各段文字的列表，可自排格式：{%p for 段 in 段落 %}{{ 段 }}{%p endfor %}",
    "附件": "附件名称的列表（附件说明），没有时为空列表",
    "署名": "署名（发文机关）",
    "成文日期": "成文日期，如 2025年3月20日",
    "抄送": "抄送机关，末尾带句号；没有时为空",
    "印发机关": "印发机关；没有时为空",
    "印发日期": "印发日期，如 2025年3月20日；没有时为空",
}
_LOOP_NAMES = {"loop", "range", "段"}


def _environment() -> BoundedEnvironment:
    # autoescape: a branch called "A&B党支部" must not break the XML; the body is Markup
    return BoundedEnvironment(undefined=jinja2.StrictUndefined, autoescape=True, loading=False)


class LetterheadWriter:
    """Loads and checks the template once; renders one document per call."""

    def __init__(self, path: Path | str, layout: Layout | None = None):
        self.path = Path(path)
        self.lay = layout or load_layout()
        self.data = read_input(self.path, "红头模板文件（.docx）")
        check_package(self.data, str(self.path), "Word 模板")
        if not zipfile.is_zipfile(io.BytesIO(self.data)):
            raise InputError(f"{self.path}：不是 .docx 文件（旧版 .doc 请在 Word 中另存为 .docx）")
        self.env = _environment()
        self._check()
        f, s = self.lay.fonts, self.lay.sizes
        self.r_body = x.rpr(f["body"], s["body"], tracking=self.lay.tracking)
        self.r_heading = {lvl: x.rpr(f[f"heading{lvl}"], s["heading"], tracking=self.lay.tracking) for lvl in range(1, 5)}
        two = self.lay.chars(self.lay.el["first_line_indent_chars"])
        self.p_body = x.ppr(spacing=x.spacing_exact(self.lay.line), ind=x.ind(first_line=two), jc="both")

    def _template(self):
        from docxtpl import DocxTemplate

        try:
            return DocxTemplate(io.BytesIO(self.data))
        except Exception as exc:  # python-docx raises several kinds for a damaged package
            raise InputError(f"{self.path}：无法作为 Word 模板打开（{type(exc).__name__}）") from None

    def _check(self) -> None:
        tpl = self._template()
        try:
            names = tpl.get_undeclared_template_variables(self.env)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(f"{self.path}：模板中的占位符写法有误（{exc.message}）") from None
        except Exception as exc:
            raise InputError(f"{self.path}：无法作为 Word 模板打开（{type(exc).__name__}）") from None
        unknown = sorted(set(names) - set(PLACEHOLDERS) - _LOOP_NAMES)
        if unknown:
            shown = "、".join(f"{{{{ {n} }}}}" for n in unknown)
            raise TemplateError(f"{self.path}：模板中有不认识的占位符 {shown}（可用：{'、'.join(PLACEHOLDERS)}）")
        if "正文" not in names and "段落" not in names:
            raise TemplateError(f"{self.path}：模板中没有正文占位符，请单独一段写 {{{{p 正文 }}}}")

    # --- the body as a sub-document ------------------------------------------------------------
    def body_xml(self, doc: Document) -> str:
        out = []
        for b in doc.blocks:
            if isinstance(b, Heading):
                out.append(x.paragraph(self.p_body, x.text_runs(b.full, self.r_heading[b.level])))
            elif isinstance(b, Table):
                for row in b.rows:  # a letterhead body has no table style to lean on: one line per row
                    out.append(x.paragraph(self.p_body, x.text_runs("\t".join(row), self.r_body)))
            elif isinstance(b, Paragraph):
                out.append(x.paragraph(self.p_body, x.text_runs(b.text, self.r_body)))
        return "".join(out)

    def context(self, doc: Document) -> dict:
        m = doc.meta
        return {
            "发文机关标志": m.red_header or "",
            "发文机关": m.issuer or "",
            "文号": m.doc_number or "",
            # broken into balanced lines as the built-in layout does (docxtpl turns "\n" into a line break)
            "标题": "\n".join(split_title(m.title, int(self.lay.text_width / (self.lay.sizes["title"] * 20)))),
            "主送": (m.recipients.rstrip("：:") + "：") if m.recipients else "",
            "正文": Markup(self.body_xml(doc)),
            "段落": [b.full if isinstance(b, Heading) else b.text for b in doc.blocks if not isinstance(b, Table)],
            "附件": list(m.attachment_notes),
            "署名": m.signature or "",
            "成文日期": cn_date(m.date) if m.date else "",
            "抄送": (m.cc.rstrip("。") + "。") if m.cc else "",
            "印发机关": m.printer or "",
            "印发日期": cn_date(m.print_date) if m.print_date else "",
        }

    def to_bytes(self, doc: Document) -> bytes:
        tpl = self._template()
        try:
            tpl.render(self.context(doc), self.env, autoescape=True)
        except jinja2.UndefinedError as exc:
            raise TemplateError(f"{self.path}：模板用到了没有的值（{exc.message}）") from None
        except jinja2.exceptions.SecurityError as exc:
            raise TemplateError(f"{self.path}：{security_reason(exc)}") from None
        except jinja2.TemplateError as exc:
            raise TemplateError(f"{self.path}：模板出错（{exc}）") from None
        buf = io.BytesIO()
        tpl.save(buf)
        author = doc.meta.issuer or doc.meta.signature or ""
        # python-docx stamps the current time into the zip entries: the same document, the same bytes
        core = core_xml(doc.meta.title, author, doc.meta.date)
        return repack(buf.getvalue(), {"docProps/core.xml": core}, first="[Content_Types].xml")


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def body_text(docx: bytes) -> list[str]:
    """The text of a .docx body, one entry per non-empty paragraph (tables included), with all
    whitespace, line breaks and tabs removed: what a reader sees, independent of layout. Used to
    check that the built-in and letterhead outputs say the same thing."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    out = []
    for p in root.iter(f"{_W}p"):
        text = "".join(t.text or "" for t in p.iter(f"{_W}t"))
        text = re.sub(r"\s+", "", text)
        if text:
            out.append(text)
    return out
