"""Small, fast builders for WordprocessingML body XML. The body of each document is written as
text (a batch of 1,000 批复 must not pay for an object tree per paragraph); element order inside
pPr/rPr follows the schema, which Word enforces."""
from __future__ import annotations

import re
from xml.sax.saxutils import escape as _escape

# Characters XML 1.0 forbids (control characters other than tab/newline/CR).
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def esc(text: str) -> str:
    return _escape(_INVALID_XML.sub("", text), {'"': "&quot;"})


def rpr(font: str, size_pt: float, *, bold: bool = False, color: str | None = None, tracking: int = 0) -> str:
    """Run properties; tracking = w:spacing in twips added after each character (negative
    tightens: how 28 三号 characters fit a 156mm line)."""
    f = esc(font)
    half = round(size_pt * 2)
    parts = [f'<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{f}" w:hint="eastAsia"/>']
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if color:
        parts.append(f'<w:color w:val="{color}"/>')
    if tracking:
        parts.append(f'<w:spacing w:val="{tracking}"/>')
    parts.append(f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>')
    return "<w:rPr>" + "".join(parts) + "</w:rPr>"


def run(text: str, rpr_xml: str) -> str:
    if not text:
        return ""
    return f'<w:r>{rpr_xml}<w:t xml:space="preserve">{esc(text)}</w:t></w:r>'


def text_runs(text: str, rpr_xml: str) -> str:
    """A run per line; '\\n' inside the text becomes a line break (w:br), '\\t' a tab."""
    out = []
    for i, line in enumerate(text.split("\n")):
        if i:
            out.append(f"<w:r>{rpr_xml}<w:br/></w:r>")
        pieces = line.split("\t")
        for j, piece in enumerate(pieces):
            if j:
                out.append(f"<w:r>{rpr_xml}<w:tab/></w:r>")
            out.append(run(piece, rpr_xml))
    return "".join(out)


def ppr(
    *,
    style: str | None = None,
    keep_next: bool = False,
    page_break_before: bool = False,
    border_bottom: str | None = None,
    tabs: str | None = None,
    snap_to_grid: bool = True,
    spacing: str | None = None,
    ind: str | None = None,
    jc: str | None = None,
    outline: int | None = None,
) -> str:
    parts = []
    if style:
        parts.append(f'<w:pStyle w:val="{style}"/>')
    if keep_next:
        parts.append("<w:keepNext/>")
    if page_break_before:
        parts.append("<w:pageBreakBefore/>")
    if border_bottom:
        parts.append(f"<w:pBdr>{border_bottom}</w:pBdr>")
    if tabs:
        parts.append(f"<w:tabs>{tabs}</w:tabs>")
    if not snap_to_grid:
        parts.append('<w:snapToGrid w:val="0"/>')
    if spacing:
        parts.append(spacing)
    if ind:
        parts.append(ind)
    if jc:
        parts.append(f'<w:jc w:val="{jc}"/>')
    if outline is not None:
        parts.append(f'<w:outlineLvl w:val="{outline}"/>')
    return "<w:pPr>" + "".join(parts) + "</w:pPr>" if parts else ""


def paragraph(ppr_xml: str, runs_xml: str) -> str:
    return f"<w:p>{ppr_xml}{runs_xml}</w:p>"


def spacing_exact(line_twips: int, before: int = 0, after: int = 0) -> str:
    # before/after always written: the defaults of Word's Normal template add 10 pt after
    return f'<w:spacing w:before="{before}" w:after="{after}" w:line="{line_twips}" w:lineRule="exact"/>'


def ind(*, left: int = 0, right: int = 0, first_line: int = 0, first_line_chars: int | None = None) -> str:
    attrs = []
    if left:
        attrs.append(f'w:left="{left}"')
    if right:
        attrs.append(f'w:right="{right}"')
    if first_line_chars is not None:
        attrs.append(f'w:firstLineChars="{first_line_chars}"')
    if first_line:
        attrs.append(f'w:firstLine="{first_line}"')
    return f"<w:ind {' '.join(attrs)}/>" if attrs else ""
