"""The fixed parts of a .docx, built once per process with python-docx (styles, page setup,
odd/even footers with page numbers), and the assembly of one document from those parts and a
body. Same inputs give the same bytes: fixed zip timestamps and core properties."""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from functools import lru_cache

from generator.infra.zipout import Entry, deflate, pack
from generator.writers import ooxml as x
from generator.writers.layout import Layout, mm_to_twips

# the w: namespace declaration (what python-docx's nsdecls writes; python-docx is imported only
# when a skeleton is built)
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@dataclass(frozen=True)
class Skeleton:
    parts: tuple[tuple[str, bytes], ...]  # every part but the body and core properties, in order
    doc_head: str  # document.xml up to and including <w:body>
    doc_tail: str  # sectPr + </w:body></w:document>


def _style_xml(style_id: str, name: str, ppr: str, rpr: str, based_on: str = "Normal", outline: int | None = None) -> str:
    return (
        f'<w:style {W_NS} w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
        f'<w:name w:val="{x.esc(name)}"/><w:basedOn w:val="{based_on}"/><w:qFormat/>{ppr}{rpr}</w:style>'
    )


def _paragraph_styles(lay: Layout) -> list[str]:
    f, s, el = lay.fonts, lay.sizes, lay.el
    tr = lay.tracking
    line = x.spacing_exact(lay.line)
    indent = x.ind(first_line=lay.chars(el["first_line_indent_chars"]), first_line_chars=el["first_line_indent_chars"] * 100)
    styles = [
        _style_xml("GwBody", "公文正文", x.ppr(spacing=line, ind=indent, jc="both"), x.rpr(f["body"], s["body"], tracking=tr)),
        _style_xml("GwTitle", "公文标题", x.ppr(snap_to_grid=False, spacing=line, jc="center"), x.rpr(f["title"], s["title"])),
        _style_xml("GwPlain", "公文顶格", x.ppr(spacing=line, jc="both"), x.rpr(f["body"], s["body"], tracking=tr)),
        _style_xml("GwRight", "公文署名", x.ppr(spacing=line, jc="right"), x.rpr(f["body"], s["body"])),
        _style_xml("GwRedHeader", "发文机关标志", x.ppr(snap_to_grid=False, spacing=line, jc="center"),
                   x.rpr(f["red_header"], s["red_header"], color=lay.raw["colors"]["red"])),
        _style_xml("GwNumber", "发文字号", x.ppr(spacing=line, jc="center"), x.rpr(f["body"], s["body"])),
        _style_xml("GwTable", "公文表格", x.ppr(spacing=x.spacing_exact(lay.line), jc="center"),
                   x.rpr(f["body"], lay.el["table_font_pt"])),
        _style_xml("GwImprint", "版记", x.ppr(spacing=line), x.rpr(f["body"], s["imprint"])),
        _style_xml("GwAttachLabel", "附件标识", x.ppr(spacing=line), x.rpr(f["attachment_label"], s["body"])),
    ]
    for level in range(1, 5):
        styles.append(
            _style_xml(
                f"GwHeading{level}", f"公文{level}级标题",
                x.ppr(keep_next=True, spacing=line, ind=indent, jc="both", outline=level - 1),
                x.rpr(f[f"heading{level}"], s["heading"], tracking=tr),
            )
        )
    return styles


def _page_number_paragraph(lay: Layout, odd: bool) -> str:
    el = lay.el
    r = x.rpr(lay.fonts["page_number"], lay.sizes["page_number"])
    dash = el["page_number_dash"]
    one_char = round(lay.sizes["page_number"] * 20 * el["page_number_indent_chars"])
    field = (
        f'<w:r>{r}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{r}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        f'<w:r>{r}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"{x.run('1', r)}"
        f'<w:r>{r}<w:fldChar w:fldCharType="end"/></w:r>'
    )
    ppr = x.ppr(
        snap_to_grid=False,
        ind=x.ind(right=one_char) if odd else x.ind(left=one_char),
        jc="right" if odd else "left",
    )
    return f"<w:p {W_NS}>{ppr}{x.run(dash + ' ', r)}{field}{x.run(' ' + dash, r)}</w:p>"


def add_page_numbers(d, lay: Layout) -> None:
    from docx.shared import Twips

    """"— N —" footers of GB/T 9704—2012 7.5 on a python-docx Document: odd pages right, even
    pages left (also used by examples/make_letterhead.py for a unit's own template)."""
    d.settings.odd_and_even_pages_header_footer = True
    sec = d.sections[0]
    sec.footer_distance = Twips(mm_to_twips(lay.page["footer_mm"]))
    _set_footer(sec.footer, _page_number_paragraph(lay, odd=True))
    _set_footer(sec.even_page_footer, _page_number_paragraph(lay, odd=False))


def _set_footer(footer, paragraph_xml: str) -> None:
    from docx.oxml import parse_xml

    footer.is_linked_to_previous = False
    el = footer._element
    for p in list(el):
        el.remove(p)
    el.append(parse_xml(paragraph_xml))


THUMBNAIL = "docProps/thumbnail.jpeg"
THEME = "word/theme/theme1.xml"
# python-docx's template parts that are not ours: its preview picture, its theme, Word 2010's copy of
# the styles (stylesWithEffects, ~0.4 MB that Word rebuilds when it wants it) and a bibliography
# data store (customXml); and its list numbering, which no paragraph of ours uses (our headings carry
# their numbers as text, 一、（一）, as GB/T 9704 writes them)
_DROPPED = frozenset((THUMBNAIL, THEME, "word/stylesWithEffects.xml", "word/numbering.xml"))
# the template's styles a document of ours uses or Word expects; the other ~150 (List Bullet 3,
# Intense Quote …) and their latent entries were 0.35 MB of every file: 36 KB a 批复 where its own
# text is 2 KB, a thousand of them 36 MB to write
_KEPT_STYLES = frozenset(("Normal", "DefaultParagraphFont", "TableNormal", "NoList", "Header", "Footer"))


def _trim_styles(styles, qn) -> None:
    """Only our Gw* styles, _KEPT_STYLES and what they are based on, linked to or followed by."""
    by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    wanted: set[str] = set()
    todo = [i for i in by_id if i in _KEPT_STYLES or i.startswith("Gw")]
    while todo:
        sid = todo.pop()
        if sid in wanted or sid not in by_id:
            continue
        wanted.add(sid)
        for tag in ("w:basedOn", "w:next", "w:link"):
            ref = by_id[sid].find(qn(tag))
            if ref is not None:
                todo.append(ref.get(qn("w:val")))
    for sid, style in by_id.items():
        if sid not in wanted:
            styles.remove(style)
    for latent in styles.findall(qn("w:latentStyles")):
        styles.remove(latent)


def _font_entries(lay: Layout) -> str:
    """Font table entries for the Chinese fonts, with the substitute Word should use where the
    licensed font is not installed (charset 86 = GB2312)."""
    out = []
    for name in sorted(set(lay.fonts.values())):
        alt = lay.raw.get("font_fallbacks", {}).get(name)
        alt_xml = f'<w:altName w:val="{x.esc(alt)}"/>' if alt else ""
        out.append(f'<w:font w:name="{x.esc(name)}">{alt_xml}<w:charset w:val="86"/>'
                   '<w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>')
    return "".join(out)


@lru_cache(maxsize=4)
def skeleton(lay: Layout) -> Skeleton:
    """The fixed parts of every .docx of this layout. Built with python-docx once and kept in the
    user's cache as a plain zip of the deflated parts (keyed by the layout and the code that builds
    them): a process that finds it there needs neither python-docx nor a deflate of the ~0.8 MB of
    styles (~0.15 s of every command's start)."""
    from generator.infra.cachedir import writable_cache_dir

    key = _skeleton_key(lay)
    folder = writable_cache_dir()
    path = folder / f"docx-skeleton-{key}.zip" if folder is not None else None
    if path is not None and path.is_file():
        found = _read_skeleton(path)
        if found is not None:
            return found
    sk = _build_skeleton(lay)
    if path is not None:
        _write_skeleton(path, sk)
    return sk


def _skeleton_key(lay: Layout) -> str:
    import hashlib
    import json
    from importlib.metadata import PackageNotFoundError, version
    from pathlib import Path

    try:
        docx_version = version("python-docx")
    except PackageNotFoundError:
        docx_version = "?"
    h = hashlib.sha256(json.dumps(lay.raw, sort_keys=True, default=str, ensure_ascii=False).encode("utf-8"))
    h.update(docx_version.encode())
    for module in (__file__, x.__file__):  # the code that writes the parts
        h.update(Path(module).read_bytes())
    return h.hexdigest()[:24]


_HEAD, _TAIL = "gongwen/doc_head", "gongwen/doc_tail"


def _write_skeleton(path, sk: Skeleton) -> None:
    """The deflated parts as a zip (plain data, never pickle); a cache that cannot be written is
    only a slower next start."""
    from generator.infra.fileio import replace_atomically

    entries = list(_fixed_entries(sk)) + [deflate(_HEAD, sk.doc_head.encode("utf-8")),
                                          deflate(_TAIL, sk.doc_tail.encode("utf-8"))]
    try:
        replace_atomically(path, pack(entries))
    except Exception:  # noqa: BLE001 — an optimisation only
        pass


def _read_skeleton(path) -> Skeleton | None:
    """The cached skeleton, its deflated parts taken as they are; None when the file is not one."""
    try:
        data = path.read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            parts = [(i.filename, z.read(i.filename)) for i in infos]  # checks every CRC
        entries = []
        for i in infos:
            name = i.filename.encode("utf-8")
            start = i.header_offset + 30 + len(name)  # our own zips: no extra field
            entries.append(Entry(name, data[start:start + i.compress_size], i.CRC, i.file_size))
    except Exception:  # noqa: BLE001 — a damaged cache is rebuilt
        return None
    named = dict(parts)
    if _HEAD not in named or _TAIL not in named or "[Content_Types].xml" not in named:
        return None
    sk = Skeleton(parts=tuple((n, b) for n, b in parts if n not in (_HEAD, _TAIL)),
                  doc_head=named[_HEAD].decode("utf-8"), doc_tail=named[_TAIL].decode("utf-8"))
    _FIXED[id(sk)] = (sk, tuple(e for e in entries if e.name.decode("utf-8") not in (_HEAD, _TAIL)))
    return sk


def _build_skeleton(lay: Layout) -> Skeleton:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn
    from docx.shared import Twips

    d = docx.Document()
    body_pt = lay.sizes["body"]
    # Document defaults: the body font and size; the character grid is measured against them.
    rpr_default = d.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    rpr_default.remove(rpr_default.find(qn("w:rPr")))
    rpr_default.append(parse_xml(x.rpr(lay.fonts["body"], body_pt).replace("<w:rPr>", f"<w:rPr {W_NS}>", 1)))
    for style_xml in _paragraph_styles(lay):
        d.styles.element.append(parse_xml(style_xml))
    _trim_styles(d.styles.element, qn)
    normal = d.styles["Normal"]
    normal.paragraph_format.line_spacing = Twips(lay.line)
    # A 公文 page is always 22 lines: widow/orphan control would leave short pages.
    normal.paragraph_format.widow_control = False
    ppr_default = d.styles.element.find(qn("w:docDefaults")).find(qn("w:pPrDefault"))
    if ppr_default is not None:
        d.styles.element.find(qn("w:docDefaults")).remove(ppr_default)

    sec = d.sections[0]
    sec.page_width, sec.page_height = Twips(lay.page_w), Twips(lay.page_h)
    sec.top_margin, sec.bottom_margin = Twips(lay.margin_top), Twips(lay.margin_bottom)
    sec.left_margin, sec.right_margin = Twips(lay.margin_left), Twips(lay.margin_right)
    sec.header_distance = Twips(mm_to_twips(lay.page["header_mm"]))
    sec.gutter = Twips(0)
    add_page_numbers(d, lay)  # GB/T 9704 7.5: odd right, even left
    sect_pr = sec._sectPr
    for old in sect_pr.findall(qn("w:docGrid")):
        sect_pr.remove(old)
    sect_pr.append(parse_xml(
        f'<w:docGrid {W_NS} w:type="{lay.page["grid"]}" w:linePitch="{lay.line}"/>'
    ))
    d.core_properties.title = ""  # make sure the core properties part exists

    buf = io.BytesIO()
    d.save(buf)
    parts = []
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        for info in z.infolist():
            if info.filename in _DROPPED or info.filename.startswith("customXml/"):
                continue
            data = z.read(info.filename)
            if info.filename in ("_rels/.rels", "word/_rels/document.xml.rels"):
                data = re.sub(rb"<Relationship [^>]*Target=\"(?:docProps/thumbnail.jpeg|theme/theme1.xml|"
                              rb"stylesWithEffects.xml|numbering.xml|../customXml/[^\"]*)\"[^>]*/>", b"", data)
            elif info.filename == "[Content_Types].xml":
                data = re.sub(rb"<Override [^>]*PartName=\"/(?:word/theme/theme1.xml|word/stylesWithEffects.xml|word/numbering.xml|"
                              rb"customXml/[^\"]*)\"[^>]*/>", b"", data)
            elif info.filename == "word/fontTable.xml":
                # only the fonts the document uses: the template's ＭＳ 明朝, Cambria … would be named to
                # WPS and Word as fonts of this file (and asked for where they are missing)
                data = re.sub(rb"<w:font w:name=.*?</w:font>", b"", data, flags=re.S)
                data = data.replace(b"</w:fonts>", _font_entries(lay).encode("utf-8") + b"</w:fonts>")
            elif info.filename == "word/styles.xml":
                # the template's heading and title styles take theme fonts (Cambria, ＭＳ ゴシック …);
                # without the theme attributes they take the document defaults, our body font
                data = re.sub(rb' w:(?:ascii|hAnsi|eastAsia|cs)Theme="[^"]*"|\s?w:cstheme="[^"]*"', b"", data)
                # and the template's code styles (Courier): a font a style names is one of ours
                ours = {f.encode("utf-8") for f in lay.fonts.values()}
                data = re.sub(rb' w:(?:ascii|hAnsi|eastAsia|cs)="([^"]*)"',
                              lambda m: m.group(0) if m.group(1) in ours else b"", data)
            elif info.filename == "word/settings.xml":
                # the template's theme language for East Asian text is Japanese
                data = re.sub(rb"<w:themeFontLang [^>]*/>", b'<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>', data)
            parts.append((info.filename, data))
    document_xml = dict(parts)["word/document.xml"].decode("utf-8")
    head_end = document_xml.index("<w:body>") + len("<w:body>")
    tail_start = document_xml.rindex("<w:sectPr")
    return Skeleton(
        parts=tuple((n, b) for n, b in parts if n not in ("word/document.xml", "docProps/core.xml")),
        doc_head=document_xml[:head_end],
        doc_tail=document_xml[tail_start:],
    )


def core_xml(title: str, author: str, day: dt.date | None) -> bytes:
    stamp = f"{(day or dt.date(2000, 1, 1)).isoformat()}T00:00:00Z"
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{x.esc(title)}</dc:title><dc:creator>{x.esc(author)}</dc:creator>"
        f"<cp:lastModifiedBy>{x.esc(author)}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode("utf-8")


def package(sk: Skeleton, body_xml: str, core: bytes) -> bytes:
    """One .docx: the skeleton's fixed parts + this document's body and core properties.

    The fixed parts (styles alone are ~0.8 MB) are deflated once per skeleton and copied into
    every package as they are: deflating them again cost ~4 ms of a document's ~5 ms."""
    document = (sk.doc_head + body_xml + sk.doc_tail).encode("utf-8")
    fixed = _fixed_entries(sk)
    # [Content_Types].xml first, as Word and the OPC spec expect
    return pack([fixed[0], deflate("word/document.xml", document, fast=True),
                 deflate("docProps/core.xml", core, fast=True), *fixed[1:]])


_FIXED: dict[int, tuple[Skeleton, tuple[Entry, ...]]] = {}


def _fixed_entries(sk: Skeleton) -> tuple[Entry, ...]:
    hit = _FIXED.get(id(sk))
    if hit is None or hit[0] is not sk:
        parts = sorted(sk.parts, key=lambda e: e[0] != "[Content_Types].xml")
        hit = _FIXED[id(sk)] = (sk, tuple(deflate(n, b) for n, b in parts))
    return hit[1]
