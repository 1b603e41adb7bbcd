"""What a .docx's pages look like, resolved as Word resolves it: section properties (paper, margins,
grid), and for the body paragraphs the East Asian font, the size and the line pitch taken from the
run, then the paragraph, then its style and the styles it is based on, then the document defaults.
lint's layout/ rules compare these with the GB/T 9704 profile (snippets/layout/gbt9704.yaml)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

_EMU_PER_MM = 36000
_TWIPS_PER_MM = 1440 / 25.4
# "single" line height as a multiple of the font size for auto spacing: Word's for CJK fonts is about
# 1.3 (it depends on the font's metrics; the value only decides whether a page holds 22 lines)
_SINGLE = 1.3


@dataclass(frozen=True)
class PageLayout:
    width_mm: float
    height_mm: float
    top_mm: float
    bottom_mm: float
    left_mm: float
    right_mm: float
    body_font: str | None  # East Asian font of most body text; "（主题字体）" for a theme font
    body_size_pt: float | None
    line_pitch_twips: float | None  # of most body paragraphs
    page_numbers: bool  # a PAGE field in a footer
    title_font: str | None = None  # of the title's first paragraph
    title_size_pt: float | None = None
    heading1_fonts: tuple[str | None, ...] = ()  # of the 一、 headings
    heading2_fonts: tuple[str | None, ...] = ()  # of the （一） headings standing alone
    chars_per_line: int | None = None  # body characters a line holds, from the size, tracking and grid
    # the 版头 and the 署名 block, where the draft has them (None: the element is not there)
    red_header_color: str | None = None  # w:color of the 发文机关标志 ("auto" when none is set)
    red_rule: bool | None = None  # a red line between the 版头 and the title (a border or a drawn line)
    number_align: str | None = None  # w:jc of the 发文字号 paragraph (with the style's)
    number_signer: bool = False  # the 签发人 shares its line (a 上行文: the number goes left)
    date_align: str | None = None  # w:jc of the 成文日期 paragraph (with the style's)
    date_right_chars: float | None = None  # its right indent in characters
    date_left_chars: float | None = None  # its left and first-line indent in characters

    @property
    def text_width_mm(self) -> float:
        return self.width_mm - self.left_mm - self.right_mm

    @property
    def text_height_mm(self) -> float:
        return self.height_mm - self.top_mm - self.bottom_mm

    @property
    def lines_per_page(self) -> int | None:
        if not self.line_pitch_twips:
            return None
        return int(self.text_height_mm * _TWIPS_PER_MM / self.line_pitch_twips + 1e-6)


def _chain(style):
    while style is not None:
        yield style.element
        style = style.base_style


def _rfonts_east_asia(rpr) -> str | None:
    if rpr is None:
        return None
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        return None
    if fonts.get(qn("w:eastAsia")):
        return fonts.get(qn("w:eastAsia"))
    if fonts.get(qn("w:eastAsiaTheme")):
        return "（主题字体）"
    return None


def _size(rpr) -> float | None:
    if rpr is None:
        return None
    sz = rpr.find(qn("w:sz"))
    return int(sz.get(qn("w:val"))) / 2 if sz is not None and sz.get(qn("w:val")) else None


def _spacing(ppr) -> tuple[int, str] | None:
    if ppr is None:
        return None
    sp = ppr.find(qn("w:spacing"))
    if sp is None or sp.get(qn("w:line")) is None:
        return None
    return int(sp.get(qn("w:line"))), sp.get(qn("w:lineRule")) or "auto"


def _defaults(document):
    styles = document.styles.element
    dd = styles.find(qn("w:docDefaults"))
    rpr = ppr = None
    if dd is not None:
        r = dd.find(qn("w:rPrDefault"))
        p = dd.find(qn("w:pPrDefault"))
        rpr = r.find(qn("w:rPr")) if r is not None else None
        ppr = p.find(qn("w:pPr")) if p is not None else None
    return rpr, ppr


def _first(values):
    return next((v for v in values if v is not None), None)


def _color(rpr) -> str | None:
    if rpr is None:
        return None
    c = rpr.find(qn("w:color"))
    return c.get(qn("w:val")) if c is not None and c.get(qn("w:val")) else None


def is_red(color: str | None) -> bool:
    """FF0000 and the reds drafts use (C00000, E60012 …): a strong red channel, weak green and blue."""
    if not color or len(color) != 6:
        return False
    try:
        r, g, b = (int(color[i:i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return False
    return r >= 0xB0 and g <= 0x60 and b <= 0x60


_SHAPES = {"drawing", "pict", "line", "shape", "rect", "wsp", "cxnSp"}


def _red_line_between(first, last) -> bool:
    """A red line from the 发文机关标志's paragraph (`first`) to the title's (`last`, exclusive): a
    paragraph border in red, or a drawn line (DrawingML or VML) whose outline is red."""
    el = first
    while el is not None and el is not last:
        for bdr in el.iter(qn("w:top"), qn("w:bottom")):
            if bdr.getparent().tag == qn("w:pBdr") and is_red(bdr.get(qn("w:color"))):
                return True
        nodes = [x for x in el.iter() if isinstance(x.tag, str)]
        if any(x.tag.rsplit("}", 1)[-1] in _SHAPES for x in nodes) and any(is_red(c) for c in _colors_in(nodes)):
            return True
        el = el.getnext()
    return False


def _colors_in(nodes) -> list[str]:
    """Colours a drawn shape gives: a:srgbClr/@val, v:line/@strokecolor (#FF0000 or red), w:color."""
    out = []
    for x in nodes:
        for k, v in x.attrib.items():
            if k.rsplit("}", 1)[-1] in ("val", "strokecolor", "color", "fillcolor"):
                v = v.strip().lstrip("#")
                out.append("FF0000" if v.lower() == "red" else v.upper()[:6])
    return out


def _indent_chars(ppr_chain, which: str, size_pt: float) -> float | None:
    for ppr in ppr_chain:
        ind = ppr.find(qn("w:ind")) if ppr is not None else None
        if ind is None:
            continue
        chars = ind.get(qn(f"w:{which}Chars"))
        if chars is not None and chars.lstrip("-").isdigit():
            return int(chars) / 100
        v = ind.get(qn(f"w:{which}")) or (ind.get(qn("w:end" if which == "right" else "w:start")))
        if v is not None and v.lstrip("-").isdigit():
            return int(v) / (size_pt * 20)
    return None


def measure(document, body_paragraphs, title_paragraph=None, headings1=(), headings2=(),
            elements: dict | None = None) -> PageLayout:
    """`body_paragraphs`: python-docx paragraphs of the body text (not title, headings, 署名);
    `title_paragraph` the title's first paragraph, `headings1`/`headings2` the 一、 and （一） headings;
    `elements`: the w:p elements of the 公文 elements found (red_header, doc_number, date) with
    their effective alignment, as readers.docx_text resolves it: {name: (w:p, align)}."""
    sec = document.sections[0]
    d_rpr, d_ppr = _defaults(document)
    grid = sec._sectPr.find(qn("w:docGrid"))
    grid_pitch = int(grid.get(qn("w:linePitch"))) if grid is not None and grid.get(qn("w:linePitch")) and \
        grid.get(qn("w:type")) in ("lines", "linesAndChars", "snapToChars") else None
    fonts, sizes, pitches = Counter(), Counter(), Counter()

    def resolved(p):
        """(font, size, style pPr list) of the paragraph's first run with text."""
        styles = list(_chain(p.style))
        s_rpr = [s.find(qn("w:rPr")) for s in styles]
        run = next((r for r in p.runs if r.text.strip()), None)
        r_rpr = run._r.find(qn("w:rPr")) if run is not None else None
        font = _first([_rfonts_east_asia(r_rpr), *(_rfonts_east_asia(x) for x in s_rpr), _rfonts_east_asia(d_rpr)])
        size = _first([_size(r_rpr), *(_size(x) for x in s_rpr), _size(d_rpr)]) or 10.5
        return font, size, [s.find(qn("w:pPr")) for s in styles]

    first_of_size: dict = {}  # a paragraph of each size: the tracking of the body's is read from it
    title_el = title_paragraph._p if title_paragraph is not None else None
    for p in body_paragraphs:
        if not p.text.strip() or p._p is title_el:
            continue
        font, size, s_ppr = resolved(p)
        spacing = _first([_spacing(p._p.pPr), *(_spacing(x) for x in s_ppr), _spacing(d_ppr)]) or (240, "auto")
        line, rule = spacing
        if rule == "exact":
            pitch = line
        elif rule == "atLeast":
            pitch = max(line, size * _SINGLE * 20)
        elif grid_pitch:  # with a document grid, "1.5 lines" is 1.5 lines of the grid
            pitch = line / 240 * grid_pitch
        else:
            pitch = line / 240 * size * _SINGLE * 20
        fonts[font] += len(p.text)
        sizes[size] += len(p.text)
        first_of_size.setdefault(size, p)
        pitches[round(pitch)] += len(p.text)
    page_numbers = False
    for s in document.sections:
        for footer in (s.footer, s.even_page_footer, s.first_page_footer):
            try:
                xml = footer._element.xml if footer.is_linked_to_previous is False or footer._has_definition else ""
            except Exception:
                xml = ""
            if "PAGE" in xml:
                page_numbers = True

    def mm(v) -> float:
        return round((v or 0) / _EMU_PER_MM, 1)

    # characters per line: the text width over one character's advance — its size, the tracking
    # (w:spacing in the run properties) and, with a character grid, the grid's extra space
    chars_per_line = None
    body_size = sizes.most_common(1)[0][0] if sizes else None
    if body_size:
        sample = first_of_size.get(body_size)
        track = 0
        if sample is not None:
            run = next((r for r in sample.runs if r.text.strip()), None)
            chain = [run._r.find(qn("w:rPr")) if run is not None else None,
                     *(st.find(qn("w:rPr")) for st in _chain(sample.style)), d_rpr]
            track = _first([_tracking(x) for x in chain]) or 0
        advance = body_size * 20 + track
        if grid is not None and grid.get(qn("w:type")) in ("linesAndChars", "snapToChars") \
                and (grid.get(qn("w:charSpace")) or "").lstrip("-").isdigit():
            advance += int(grid.get(qn("w:charSpace"))) / 4096 * 20
        width_twips = (sec.page_width - sec.left_margin - sec.right_margin) / _EMU_PER_MM * _TWIPS_PER_MM
        chars_per_line = int(width_twips / advance + 1e-6) if advance > 0 else None

    extra: dict = {}
    elements = elements or {}
    if "red_header" in elements:
        el, _ = elements["red_header"]
        p = Paragraph(el, document._body)  # noqa: SLF001
        run = next((r for r in p.runs if r.text.strip()), None)
        chain = [run._r.find(qn("w:rPr")) if run is not None else None,
                 *(st.find(qn("w:rPr")) for st in _chain(p.style)), d_rpr]
        extra["red_header_color"] = _first([_color(x) for x in chain]) or "auto"
        end = elements["title"][0] if "title" in elements else None
        extra["red_rule"] = _red_line_between(el, end)
    if "doc_number" in elements:
        el, align = elements["doc_number"]
        extra["number_align"] = align or "left"
        extra["number_signer"] = "签发人" in "".join(t.text or "" for t in el.iter(qn("w:t")))
    if "date" in elements:
        el, align = elements["date"]
        p = Paragraph(el, document._body)  # noqa: SLF001
        chain = [el.find(qn("w:pPr")), *(st.find(qn("w:pPr")) for st in _chain(p.style)), d_ppr]
        size = body_size or 16
        extra["date_align"] = align or "left"
        extra["date_right_chars"] = _indent_chars(chain, "right", size)
        left = _indent_chars(chain, "left", size) or 0
        first = _indent_chars(chain, "firstLine", size) or 0
        extra["date_left_chars"] = left + first

    return PageLayout(
        width_mm=mm(sec.page_width), height_mm=mm(sec.page_height), top_mm=mm(sec.top_margin),
        bottom_mm=mm(sec.bottom_margin), left_mm=mm(sec.left_margin), right_mm=mm(sec.right_margin),
        body_font=fonts.most_common(1)[0][0] if fonts else None,
        body_size_pt=sizes.most_common(1)[0][0] if sizes else None,
        line_pitch_twips=pitches.most_common(1)[0][0] if pitches else None,
        page_numbers=page_numbers,
        title_font=resolved(title_paragraph)[0] if title_paragraph is not None else None,
        title_size_pt=resolved(title_paragraph)[1] if title_paragraph is not None else None,
        heading1_fonts=tuple(resolved(h)[0] for h in headings1),
        heading2_fonts=tuple(resolved(h)[0] for h in headings2),
        chars_per_line=chars_per_line,
        **extra,
    )


def _tracking(rpr) -> int | None:
    if rpr is None:
        return None
    sp = rpr.find(qn("w:spacing"))
    v = sp.get(qn("w:val")) if sp is not None else None
    return int(v) if v is not None and v.lstrip("-").isdigit() else None
