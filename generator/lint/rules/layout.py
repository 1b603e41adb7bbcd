"""layout: a .docx's pages against GB/T 9704—2012 (the values in snippets/layout/gbt9704.yaml, the
profile our own writer uses): paper, margins, body font and size, lines per page, page numbers.
What the standard prescribes is an error (5.1, 5.2.1 with its ±1mm); what it says 一般 is a warning
(5.2.2 一般用3号仿宋体字, 5.2.3 一般每面排22行, 7.5 页码一般用4号半角宋体阿拉伯数字). A .md or .txt has
no pages: these rules see nothing there."""
from __future__ import annotations

from functools import lru_cache
from typing import Iterator

from generator.core import snippets as snippets_mod
from generator.lint.context import Context
from generator.lint.rule import Finding, rule

_TOLERANCE_MM = 1.0  # 5.2.1: 天头 37mm±1mm, 订口 28mm±1mm
_FANGSONG = ("仿宋_GB2312", "仿宋", "FangSong", "FangSong_GB2312", "仿宋体")


@lru_cache(maxsize=1)
def _profile() -> dict:
    return snippets_mod.data("layout/gbt9704")


def _layout(ctx: Context):
    return ctx.draft.layout if ctx.index == 0 else None


@rule("layout/page-size", "error", "GB/T 9704—2012 5.1（采用A4型纸，210mm×297mm）", "纸张不是A4")
def page_size(ctx: Context) -> Iterator[Finding]:
    lay = _layout(ctx)
    if lay is None:
        return
    page = _profile()["page"]
    if abs(lay.width_mm - page["width_mm"]) > _TOLERANCE_MM or abs(lay.height_mm - page["height_mm"]) > _TOLERANCE_MM:
        yield ctx.whole(f"纸张为{lay.width_mm:g}mm×{lay.height_mm:g}mm，公文用A4纸（{page['width_mm']}mm×{page['height_mm']}mm）")


@rule("layout/margins", "error", "GB/T 9704—2012 5.2.1（天头37mm±1mm，订口28mm±1mm，版心156mm×225mm）",
      "页边距或版心尺寸不符合标准")
def margins(ctx: Context) -> Iterator[Finding]:
    lay = _layout(ctx)
    if lay is None:
        return
    page = _profile()["page"]
    wrong = []
    if abs(lay.top_mm - page["top_mm"]) > _TOLERANCE_MM:
        wrong.append(f"上边距（天头）{lay.top_mm:g}mm，应为{page['top_mm']}mm")
    if abs(lay.left_mm - page["left_mm"]) > _TOLERANCE_MM:
        wrong.append(f"左边距（订口）{lay.left_mm:g}mm，应为{page['left_mm']}mm")
    if abs(lay.text_width_mm - page["text_width_mm"]) > _TOLERANCE_MM:
        wrong.append(f"版心宽{lay.text_width_mm:g}mm，应为{page['text_width_mm']}mm（右边距应为"
                     f"{page['width_mm'] - page['left_mm'] - page['text_width_mm']}mm）")
    if abs(lay.text_height_mm - page["text_height_mm"]) > _TOLERANCE_MM:
        wrong.append(f"版心高{lay.text_height_mm:g}mm，应为{page['text_height_mm']}mm（下边距应为"
                     f"{page['height_mm'] - page['top_mm'] - page['text_height_mm']}mm）")
    if wrong:
        yield ctx.whole("；".join(wrong))


@rule("layout/body-font", "warning", "GB/T 9704—2012 5.2.2（公文格式各要素一般用3号仿宋体字）", "正文不是仿宋体")
def body_font(ctx: Context) -> Iterator[Finding]:
    lay = _layout(ctx)
    if lay is None or lay.body_font is None:
        return
    if not lay.body_font.startswith(_FANGSONG):
        yield ctx.whole(f"正文字体为“{lay.body_font}”，公文正文一般用仿宋体（{_profile()['fonts']['body']}）")


@rule("layout/body-size", "warning", "GB/T 9704—2012 5.2.2（一般用3号字，即16磅）", "正文字号不是三号")
def body_size(ctx: Context) -> Iterator[Finding]:
    lay = _layout(ctx)
    if lay is None or lay.body_size_pt is None:
        return
    want = _profile()["sizes_pt"]["body"]
    if abs(lay.body_size_pt - want) > 0.25:
        yield ctx.whole(f"正文字号为{lay.body_size_pt:g}磅，公文正文一般用三号字（{want}磅）")


@rule("layout/lines-per-page", "warning", "GB/T 9704—2012 5.2.3（一般每面排22行，每行排28个字）", "每页行数不是22行")
def lines_per_page(ctx: Context) -> Iterator[Finding]:
    lay = _layout(ctx)
    if lay is None or lay.lines_per_page is None:
        return
    want = _profile()["page"]["lines_per_page"]
    if lay.lines_per_page != want:
        yield ctx.whole(f"按行距和版心高度，每页约排{lay.lines_per_page}行，公文一般每面排{want}行"
                        f"（三号字、固定行距约28.95磅）")


@rule("layout/page-number", "warning", "GB/T 9704—2012 7.5（页码一般用4号半角宋体阿拉伯数字，编排在版心下边缘之下）",
      "没有页码")
def page_number(ctx: Context) -> Iterator[Finding]:
    lay = _layout(ctx)
    if lay is None or lay.page_numbers:
        return
    yield ctx.whole("文档没有页码：公文页码编排在版心下边缘之下，单页码居右空一字、双页码居左空一字")


_XIAOBIAOSONG = ("方正小标宋简体", "方正小标宋_GBK", "方正小标宋", "小标宋", "华文中宋")


@rule("layout/title-font", "warning", "GB/T 9704—2012 7.3.1（标题一般用2号小标宋体字）", "标题不是二号小标宋")
def title_font(ctx: Context) -> Iterator[Finding]:
    lay = _layout(ctx)
    if lay is None or lay.title_font is None:
        return
    want = _profile()["sizes_pt"]["title"]
    wrong = []
    if not lay.title_font.startswith(_XIAOBIAOSONG):
        wrong.append(f"字体为“{lay.title_font}”")
    if lay.title_size_pt is not None and abs(lay.title_size_pt - want) > 0.25:
        wrong.append(f"字号为{lay.title_size_pt:g}磅")
    if wrong:
        yield ctx.on_field("title", f"标题{'，'.join(wrong)}，一般用二号（{want}磅）小标宋体字（{_profile()['fonts']['title']}）")


@rule("layout/heading-font", "warning", "GB/T 9704—2012 7.3.3（一般第一层用黑体字、第二层用楷体字）",
      "一级标题（一、）不是黑体")
def heading_font(ctx: Context) -> Iterator[Finding]:
    yield from _heading_fonts(ctx, "heading1_fonts", ("黑体", "SimHei", "方正黑体"), "一级标题（一、）的", "第一层用黑体字")


def _heading_fonts(ctx: Context, attr: str, wanted: tuple[str, ...], what: str, should: str) -> Iterator[Finding]:
    lay = _layout(ctx)
    fonts = getattr(lay, attr, ()) if lay is not None else ()
    others = [f for f in fonts if f and not f.startswith(wanted)]
    if others:
        yield ctx.whole(f"{len(others)}个{what}字体为“{others[0]}”，一般{should}")


@rule("layout/chars-per-line", "warning", "GB/T 9704—2012 5.2.3（一般每面排22行，每行排28个字）", "每行字数不是28字")
def chars_per_line(ctx: Context) -> Iterator[Finding]:
    lay = _layout(ctx)
    if lay is None or lay.chars_per_line is None:
        return
    want = _profile()["page"].get("chars_per_line", 28)
    if lay.chars_per_line != want:
        yield ctx.whole(f"按版心宽度、字号和字距，每行约排{lay.chars_per_line}字，公文一般每行排{want}字"
                        "（三号字、字距微调或文档网格使每行正好28字）")


@rule("layout/heading2-font", "warning", "GB/T 9704—2012 7.3.3（一般第一层用黑体字、第二层用楷体字）",
      "单独成段的二级标题（（一））不是楷体")
def heading2_font(ctx: Context) -> Iterator[Finding]:
    yield from _heading_fonts(ctx, "heading2_fonts", ("楷体", "KaiTi", "方正楷体", "华文楷体"),
                              "单独成段的二级标题（（一））", "第二层用楷体字")


@rule("layout/red-header", "error", "GB/T 9704—2012 7.2.4（发文机关标志颜色为红色）、7.2.7（发文字号之下居中印一条"
      "与版心等宽的红色分隔线）", "发文机关标志不是红色或缺少红色分隔线")
def red_header(ctx: Context) -> Iterator[Finding]:
    lay = _layout(ctx)
    if lay is None or lay.red_header_color is None:
        return
    from generator.readers.docx_layout import is_red

    wrong = []
    if not is_red(lay.red_header_color):
        shown = "自动（黑色）" if lay.red_header_color == "auto" else lay.red_header_color
        wrong.append(f"发文机关标志的颜色为{shown}，应为红色")
    if lay.red_rule is False:
        wrong.append("版头中没有红色分隔线：发文字号之下4mm处应居中印一条与版心等宽的红色分隔线")
    if wrong:
        yield ctx.on_field("red_header", "；".join(wrong))


@rule("layout/number-line", "error", "GB/T 9704—2012 7.2.5（发文字号居中排布）、7.2.6（上行文发文字号居左空一字）",
      "发文字号的位置不对")
def number_line(ctx: Context) -> Iterator[Finding]:
    lay = _layout(ctx)
    if lay is None or lay.number_align is None:
        return
    if lay.number_signer:
        if lay.number_align in ("center", "right", "end"):
            yield ctx.on_field("doc_number", "有签发人的上行文，发文字号应居左空一字，签发人居右空一字（平行排列）")
    elif lay.number_align != "center":
        yield ctx.on_field("doc_number", "发文字号应居中排布（编排在发文机关标志下空二行位置）")


@rule("layout/date-position", "warning", "GB/T 9704—2012 7.3.5（成文日期在署名下一行右侧编排：不加盖印章时右空二字，"
      "加盖印章时一般右空四字）", "成文日期没有按右空二字或四字编排")
def date_position(ctx: Context) -> Iterator[Finding]:
    lay = _layout(ctx)
    if lay is None or lay.date_align is None:
        return
    right = lay.date_align in ("right", "end")
    if not right and (lay.date_left_chars or 0) < 10:
        yield ctx.on_field("date", "成文日期应在署名下一行靠右编排（右空二字，盖章的公文一般右空四字），不能居左或居中")
    elif right and (lay.date_right_chars or 0) < 1:
        yield ctx.on_field("date", "成文日期紧靠版心右边缘：应右空二字（不加盖印章）或四字（加盖印章）编排")
