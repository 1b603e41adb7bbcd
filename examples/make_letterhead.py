"""Make examples/letterhead.docx: a fictional unit's own red-header Word template for
`gongwen approve --letterhead`, the way an office would set one up in Word — the printed red
header, a red rule, and docxtpl placeholders where each document's parts go.

    python examples/make_letterhead.py [OUT.docx]

Sizes and fonts come from the GB/T 9704 layout profile (snippets/layout/gbt9704.yaml)."""
from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor, Twips

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from generator.writers.layout import load as load_layout  # noqa: E402
from generator.writers.layout import mm_to_twips
from generator.writers.package import add_page_numbers  # noqa: E402

RED_HEADER = "中共柳溪镇委员会文件"


def _font(run, name: str, size_pt: float, color: str | None = None) -> None:
    run.font.size = Pt(size_pt)
    run.font.name = name
    rfonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)
    if color:
        run.font.color.rgb = RGBColor.from_string(color)


def _para(d, text: str, font: str, size: float, lay, *, align=None, color=None, right_chars: float = 0,
          before_twips: int = 0, border: str | None = None):
    p = d.add_paragraph()
    fmt = p.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Twips(lay.line)
    fmt.space_before, fmt.space_after = Twips(before_twips), Twips(0)
    if align is not None:
        p.alignment = align
    if right_chars:
        fmt.right_indent = Twips(lay.chars(right_chars))
    if text:
        _font(p.add_run(text), font, size, color)
    if border:
        p._p.get_or_add_pPr().append(parse_xml(f"<w:pBdr {nsdecls('w')}>{border}</w:pBdr>"))
    return p


def build(out: Path) -> Path:
    lay = load_layout()
    f, s, el = lay.fonts, lay.sizes, lay.el
    red = lay.raw["colors"]["red"]
    d = docx.Document()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Twips(lay.page_w), Twips(lay.page_h)
    sec.top_margin, sec.bottom_margin = Twips(lay.margin_top), Twips(lay.margin_bottom)
    sec.left_margin, sec.right_margin = Twips(lay.margin_left), Twips(lay.margin_right)
    add_page_numbers(d, lay)  # "— N —", odd pages right, even pages left
    # 28 characters of 三号 on a 156mm line: each character tightened a little (as our writer does),
    # set once in the Normal style so the text docxtpl puts in inherits it
    normal = d.styles["Normal"].element.get_or_add_rPr()
    normal.append(parse_xml(f'<w:spacing {nsdecls("w")} w:val="{lay.tracking}"/>'))
    body, title = f["body"], f["title"]
    C = WD_ALIGN_PARAGRAPH.CENTER
    _para(d, RED_HEADER, f["red_header"], s["red_header"], lay, align=C, color=red,
          before_twips=mm_to_twips(el["red_header_top_mm"]))
    for _ in range(el["number_blank_lines"]):
        _para(d, "", body, s["body"], lay)
    rule = f'<w:bottom w:val="single" w:sz="{round(el["red_rule_pt"] * 8)}" w:space="{round(el["red_rule_space_pt"])}" w:color="{red}"/>'
    _para(d, "{{ 文号 }}", body, s["body"], lay, align=C, border=rule)
    for _ in range(el["title_space_before_lines"]):
        _para(d, "", body, s["body"], lay)
    _para(d, "{{ 标题 }}", title, s["title"], lay, align=C)
    _para(d, "", body, s["body"], lay)
    _para(d, "{{ 主送 }}", body, s["body"], lay)
    _para(d, "{{p 正文 }}", body, s["body"], lay)
    _para(d, "", body, s["body"], lay)
    _para(d, "{{ 署名 }}", body, s["body"], lay, align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=el["signature_right_chars"])
    _para(d, "{{ 成文日期 }}", body, s["body"], lay, align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=el["date_min_right_chars"])
    _para(d, "", body, s["body"], lay)
    thick = f'<w:top w:val="single" w:sz="{round(el["imprint_rule_thick_pt"] * 8)}" w:space="1" w:color="000000"/>'
    _para(d, "{%p if 抄送 %}", body, s["imprint"], lay)
    _para(d, "抄送：{{ 抄送 }}", body, s["imprint"], lay, border=thick)
    _para(d, "{%p endif %}", body, s["imprint"], lay)
    _para(d, "{%p if 印发机关 %}", body, s["imprint"], lay)
    _para(d, "{{ 印发机关 }}　　{{ 印发日期 }}印发", body, s["imprint"], lay, border=thick)
    _para(d, "{%p endif %}", body, s["imprint"], lay)
    d.core_properties.title = "红头模板（示例）"
    d.core_properties.author = "gongwen 示例"
    out.parent.mkdir(parents=True, exist_ok=True)
    d.save(out)
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "letterhead.docx"
    print(build(target))
