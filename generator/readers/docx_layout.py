"""What a .docx's pages look like, resolved as Word resolves it: section properties (paper, margins,
grid), and for the body paragraphs the East Asian font, the size and the line pitch taken from the
run, then the paragraph, then its style and the styles it is based on, then the document defaults.
lint's layout/ rules compare these with the GB/T 9704 profile (snippets/layout/gbt9704.yaml)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from docx.oxml.ns import qn

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


def measure(document, body_paragraphs, title_paragraph=None, headings1=()) -> PageLayout:
    """`body_paragraphs`: python-docx paragraphs of the body text (not title, headings, 署名);
    `title_paragraph` the title's first paragraph, `headings1` the 一、 headings."""
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

    for p in body_paragraphs:
        if not p.text.strip():
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
    )
