"""--annotate: a copy of a .docx with every finding as a Word comment (批注) on the offending text.

The runs of a paragraph are split at the finding's first and last character so the comment
covers exactly the matched text (python-docx anchors comments on whole runs). A finding about
the whole document is hung on the title (or the first paragraph with text)."""
from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from generator.infra.zipout import repack
from generator.lint.engine import FileResult
from generator.lint.rule import SEVERITY_CN
from generator.readers.docx_text import iter_paragraphs, paragraph_text

AUTHOR = "gongwen 公文检查"
INITIALS = "GW"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _split(run_el, k: int):
    """Split a run holding one w:t at character k; returns the new second run (or None)."""
    texts = [c for c in run_el if c.tag == qn("w:t")]
    others = [c for c in run_el if c.tag not in (qn("w:t"), qn("w:rPr"))]
    if len(texts) != 1 or others:
        return None
    t = texts[0].text or ""
    if not 0 < k < len(t):
        return None
    second = copy.deepcopy(run_el)
    texts[0].text = t[:k]
    second_t = [c for c in second if c.tag == qn("w:t")][0]
    second_t.text = t[k:]
    for el in (texts[0], second_t):
        el.set(_XML_SPACE, "preserve")
    run_el.addnext(second)
    return second


def _runs_for(p_el, start: int, end: int):
    """First and last w:r covering [start, end) of the paragraph text, splitting runs as needed."""
    for boundary in (start, end):
        _, pieces, _ = paragraph_text(p_el)
        for piece in pieces:
            if piece.start < boundary < piece.end:
                _split(piece.run, boundary - piece.start)
                break
    _, pieces, _ = paragraph_text(p_el)
    covering = [pc for pc in pieces if pc.end > start and pc.start < max(end, start + 1)]
    if not covering:
        covering = pieces[-1:] if pieces else []
    if not covering:
        return None
    return covering[0].run, covering[-1].run


def _comment_text(f) -> str:
    lines = [f"{SEVERITY_CN[f.severity]}：{f.message}"]
    if f.suggestion:
        lines.append(f"建议：{f.suggestion}")
    elif f.fix == "":
        lines.append(f"建议：删除“{f.match}”")
    lines.append(f"（{f.rule}；依据：{f.source}）")
    return "\n".join(lines)


def annotate(result: FileResult) -> bytes:
    """The draft with a comment per finding, as the bytes of a .docx."""
    import docx

    document = docx.Document(result.path)
    paragraphs = {p.number: p for p in iter_paragraphs(document)}
    body = document._body  # noqa: SLF001 - a Paragraph needs its parent to reach the part
    anchor = next((p for p in paragraphs.values() if p.text.strip()), None)
    for f in result.findings:
        target = paragraphs.get(f.line) if f.line is not None else anchor
        if target is None:
            continue
        text = _comment_text(f)
        if f.line is None:
            text = "【全文】" + text
            start, end = 0, len(target.text)
        else:
            lead = len(target.auto_number)
            start = max(0, (f.column or 1) - 1)
            end = (f.end_column or f.column or 1) - 1
            if f.end_line is not None and f.end_line != f.line:
                end = len(target.text)
            start, end = min(start, len(target.text)), min(max(end, start), len(target.text))
            if lead and start == 0 and end <= lead:
                end = min(len(target.text), 1)  # the finding is on Word's own numbering
        runs = _runs_for(target.element, start, end)
        if runs is None:
            r = Paragraph(target.element, body).add_run("")
            runs = (r._r, r._r)  # noqa: SLF001
        para = Paragraph(target.element, body)
        document.add_comment([Run(runs[0], para), Run(runs[1], para)], text=text, author=AUTHOR, initials=INITIALS)
    buf = io.BytesIO()
    document.save(buf)
    return sanitised(buf.getvalue())


_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_MACRO_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
_DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def sanitised(data: bytes) -> bytes:
    """The annotated copy without what Word would run or fetch on opening it: macros (a
    vbaProject.bin under a .docx name) are dropped with their relationships, and every external
    target other than a hyperlink (a remote template, a linked picture or object: Word fetches
    them, telling a server the file was opened) points nowhere ("#") — the relationship stays so
    that the parts that name it remain valid. Zip entries get the fixed time of every output."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        drop = {n for n in names if n.rsplit("/", 1)[-1].lower() in ("vbaproject.bin", "vbadata.xml",
                                                                      "vbaprojectsignature.bin")}
        replace: dict[str, bytes] = {}
        for n in names:
            if n.endswith(".rels") and n not in drop:
                root = etree.fromstring(z.read(n))
                changed = False
                for rel in list(root):
                    kind = rel.get("Type", "")
                    target = rel.get("Target", "")
                    if kind.lower().endswith(("/vbaproject", "/wordvbadata")) or target.rsplit("/", 1)[-1] in drop:
                        root.remove(rel)
                        changed = True
                    elif rel.get("TargetMode") == "External" and not kind.endswith("/hyperlink"):
                        rel.set("Target", "#")
                        changed = True
                if changed:
                    replace[n] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        if "[Content_Types].xml" in names:
            root = etree.fromstring(z.read("[Content_Types].xml"))
            changed = False
            for el in list(root):
                part = (el.get("PartName") or "").lstrip("/")
                if el.tag == f"{_CT_NS}Override" and part in drop:
                    root.remove(el)
                    changed = True
                elif el.get("ContentType") == _MACRO_MAIN:
                    el.set("ContentType", _DOCX_MAIN)
                    changed = True
            if changed:
                replace["[Content_Types].xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                                                standalone=True)
    return repack(data, replace, first="[Content_Types].xml", drop=drop)


def default_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}（批注）{path.suffix}")
