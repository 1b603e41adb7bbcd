"""Document -> .docx in the GB/T 9704—2012 layout. All dimensions come from the layout profile
(snippets/layout/gbt9704.yaml); the fixed parts of the file are built once per process."""
from __future__ import annotations

from generator.core.dates import cn_date
from generator.core.model import Document, Heading, Paragraph, Table
from generator.writers import ooxml as x
from generator.writers.layout import Layout, mm_to_twips
from generator.writers.layout import load as load_layout
from generator.writers.package import core_xml, package, skeleton
from generator.writers.titles import set_width, split_title, width

_CELL_PADDING = 216  # twips: Word's default left + right cell margins (108 each)
_MIN_EMS = 2
_PROSE_EMS = 12  # a column that wraps keeps at least this many characters a line


def column_widths(rows: list[list[str]], header_rows: int, ncols: int, total: int, em: int) -> list[int]:
    """Column widths (twips) summing to `total`. Each column first gets room for its longest body
    cell on one line and for its header in two even lines (发展/对象, not 发展对/象); then, narrowest
    need first, columns get their header on one line while the width lasts; what remains is shared
    by the columns whose text is all on one line. When even the body cells do not fit, widths
    shrink in proportion. Half an em of slack per column absorbs font differences (digits, %)."""
    import math

    heads, body = rows[:header_rows], rows[header_rows:] or rows

    def widest(cells, i) -> float:
        return max((set_width(r[i]) for r in cells if i < len(r)), default=0.0)

    pad = _CELL_PADDING + em // 2
    need = [max(widest(body, i), math.ceil(widest(heads, i) / 2), _MIN_EMS) * em + pad for i in range(ncols)]
    want = [max(n, widest(heads, i) * em + pad) for i, n in enumerate(need)]
    if sum(need) >= total:
        # too narrow for every header on two lines: body cells stay on one line (2025年 must not
        # break), headers take what is left in proportion to what they lack
        body_need = [max(widest(body, i), _MIN_EMS) * em + pad for i in range(ncols)]
        if sum(body_need) >= total:
            # a column of prose (进度安排's 主要工作) wraps; the short ones (第一季度) keep their line,
            # headers on two lines, as long as the prose keeps _PROSE_EMS per column
            short = [i for i in sorted(range(ncols), key=lambda i: need[i])]
            fixed: dict[int, int] = {}
            for i in short:
                rest = [j for j in range(ncols) if j not in fixed and j != i]
                if rest and sum(fixed.values()) + need[i] + len(rest) * _PROSE_EMS * em <= total:
                    fixed[i] = need[i]
            if fixed:
                prose = [j for j in range(ncols) if j not in fixed]
                room = total - sum(fixed.values())
                weight = sum(body_need[j] for j in prose)
                widths = [fixed[i] if i in fixed else int(room * body_need[i] / weight) for i in range(ncols)]
            else:
                widths = [int(total * n / sum(body_need)) for n in body_need]
        else:
            lack = [need[i] - body_need[i] for i in range(ncols)]
            spare = total - sum(body_need)
            widths = [int(body_need[i] + spare * lack[i] / (sum(lack) or 1)) for i in range(ncols)]
    else:
        widths = list(need)
        spare = total - sum(need)
        for i in sorted(range(ncols), key=lambda i: want[i] - need[i]):
            if want[i] - need[i] <= spare:
                spare -= want[i] - need[i]
                widths[i] = want[i]
        # a header kept on two even lines must not widen into an uneven split
        free = [i for i in range(ncols) if widths[i] >= want[i]] or list(range(ncols))
        for i in free:
            widths[i] += int(spare / len(free))
    widths[-1] += total - sum(widths)
    return widths


class GbtDocxWriter:
    def __init__(self, layout: Layout | None = None):
        self.lay = layout or load_layout()
        f, s = self.lay.fonts, self.lay.sizes
        tr = self.lay.tracking
        self.r_body = x.rpr(f["body"], s["body"], tracking=tr)
        self.r_title = x.rpr(f["title"], s["title"])
        self.r_heading = {lvl: x.rpr(f[f"heading{lvl}"], s["heading"], tracking=tr) for lvl in range(1, 5)}
        self.r_red = x.rpr(f["red_header"], s["red_header"], color=self.lay.raw["colors"]["red"])
        self.r_label = x.rpr(f["attachment_label"], s["body"], tracking=tr)
        self.r_imprint = x.rpr(f["body"], s["imprint"])
        self.r_table = x.rpr(f["body"], self.lay.el["table_font_pt"])
        self.r_table_head = x.rpr(f["heading1"], self.lay.el["table_font_pt"])
        self.blank = x.paragraph(x.ppr(style="GwPlain"), "")
        self._made: dict[tuple, str] = {}

    # --- building blocks ----------------------------------------------------------------------
    def _p(self, style: str, text: str, rpr: str, **ppr) -> str:
        # a batch writes the same paragraphs in every document (特此批复。, the 执行要求, 署名, 版记):
        # each is made once
        key = (style, text, rpr, *ppr.items())
        found = self._made.get(key)
        if found is None:
            if len(self._made) >= 4096:
                self._made.clear()
            found = self._made[key] = x.paragraph(x.ppr(style=style, **ppr), x.text_runs(text, rpr))
        return found

    def _blanks(self, n: int) -> str:
        return self.blank * n

    def red_header(self, doc: Document) -> str:
        lay, el = self.lay, self.lay.el
        out = [
            # 7.2.4: 发文机关标志上边缘至版心上边缘为35mm
            self._p("GwRedHeader", doc.meta.red_header or "", self.r_red,
                    snap_to_grid=False, spacing=x.spacing_exact(lay.line, before=mm_to_twips(el["red_header_top_mm"]))),
            self._blanks(el["number_blank_lines"]),
        ]
        color = lay.raw["colors"]["red"]
        rule = (f'<w:bottom w:val="single" w:sz="{round(el["red_rule_pt"] * 8)}" '
                f'w:space="{round(el["red_rule_space_pt"])}" w:color="{color}"/>')
        out.append(self.number_line(doc, border_bottom=rule))
        out.append(self._blanks(el["title_space_before_lines"]))
        return "".join(out)

    def _title_lines(self, text: str) -> list[str]:
        max_em = self.lay.text_width / (self.lay.sizes["title"] * 20)
        return split_title(text, int(max_em))

    def title(self, text: str) -> str:
        return self._p("GwTitle", "\n".join(self._title_lines(text)), self.r_title, snap_to_grid=False)

    def heading(self, h: Heading) -> str:
        return self._p(f"GwHeading{h.level}", h.full, self.r_heading[h.level])

    def body_paragraph(self, p: Paragraph, keep_next: bool = False) -> str:
        return self._p("GwBody", p.text, self.r_body, keep_next=keep_next)

    def table(self, t: Table) -> str:
        ncols = max((len(r) for r in t.rows), default=0)
        if ncols == 0:
            return ""
        total = self.lay.text_width
        widths = column_widths(t.rows, t.header_rows, ncols, total, round(self.lay.el["table_font_pt"] * 20))
        border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        borders = "".join(border.format(b) for b in ("top", "left", "bottom", "right", "insideH", "insideV"))
        parts = [
            "<w:tbl><w:tblPr>"
            f'<w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="center"/>'
            f"<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
            "</w:tblPr><w:tblGrid>",
            "".join(f'<w:gridCol w:w="{w}"/>' for w in widths),
            "</w:tblGrid>",
        ]
        for i, row in enumerate(t.rows):
            head = i < t.header_rows
            parts.append("<w:tr>" + ("<w:trPr><w:tblHeader/></w:trPr>" if head else ""))
            cells = list(row) + [""] * (ncols - len(row))
            em = round(self.lay.el["table_font_pt"] * 20)
            for w, cell in zip(widths, cells):
                rpr = self.r_table_head if head else self.r_table
                # a cell that wraps is read as prose: justified, not centred line by line
                wraps = not head and set_width(cell) * em + _CELL_PADDING > w
                parts.append(
                    f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
                    f'{self._p("GwTable", cell, rpr, jc="both" if wraps else None)}</w:tc>'
                )
            parts.append("</w:tr>")
        parts.append("</w:tbl>")
        caption = self._p("GwTable", t.caption, self.r_table) if t.caption else self.blank
        return "".join(parts) + caption

    def attachment_notes(self, notes: list[str], written: str | None = None, keep: bool = False) -> str:
        """7.3.4: 正文下空一行左空二字编排“附件：”；多个附件用 1. 2. 标注，名称后不加标点.
        `written`: the lines as a draft wrote them (kept word for word, only placed)."""
        if not notes and not written:
            return ""
        if written:
            lines = [t.strip() for t in written.split("\n") if t.strip()]
            label = lines[0][:lines[0].find("：") + 1 or lines[0].find(":") + 1]
        else:
            label = "附件："
            lines = []
            for i, note in enumerate(notes):
                text = note.rstrip("。；;，,.")
                lines.append((label if i == 0 else "") + (f"{i + 1}. {text}" if len(notes) > 1 else text))
        two = self.lay.chars(2)
        hang = self.lay.chars(width(label))
        # kept with the 署名 that follows, as the last body paragraph is (7.3.5: never alone on a page)
        out = [x.paragraph(x.ppr(style="GwPlain", keep_next=keep), "")]
        for i, text in enumerate(lines):
            out.append(self._p("GwPlain", text, self.r_body, keep_next=keep,
                               ind=x.ind(left=two if i == 0 else two + hang)))
        return "".join(out)

    def sealed(self, doc: Document) -> bool:
        """Whether the document goes out under the issuer's seal (7.3.5.1): by its kind, or for a
        draft of unknown kind by its title (…的批复, …的通知)."""
        el = self.lay.el
        if doc.meta.kind:
            return doc.meta.kind in el["sealed_kinds"]
        return doc.meta.title.endswith(tuple(el["sealed_title_endings"]))

    def signature(self, doc: Document, written_date: str | None = None) -> str:
        """7.3.5.2 (不加盖印章): 署名右空二字; 日期首字比署名首字右移二字; 日期较长时日期右空二字。
        7.3.5.1 (加盖印章): 成文日期右空四字，署名以成文日期为准居中编排。"""
        meta, el = doc.meta, self.lay.el
        if not meta.signature and not meta.date and not written_date:
            return ""
        sig = meta.signature or ""
        date_text = written_date or (cn_date(meta.date) if meta.date else "")
        m, n = width(sig), width(date_text)
        if self.sealed(doc):
            date_r = el["sealed_date_right_chars"]
            sig_r = max(0.0, date_r + (n - m) / 2) if date_text else date_r
        else:
            sig_r, date_r = el["signature_right_chars"], m - n - el["date_shift_chars"] + el["signature_right_chars"]
            if date_r < el["date_min_right_chars"]:
                date_r = el["date_min_right_chars"]
                sig_r = date_r + n + el["date_shift_chars"] - m
        keep = x.paragraph(x.ppr(style="GwPlain", keep_next=True), "")
        out = [keep * el["before_signature_blank_lines"]]
        if sig:
            out.append(self._p("GwRight", sig, self.r_body, keep_next=bool(date_text),
                               ind=x.ind(right=self.lay.chars(sig_r))))
        if date_text:
            out.append(self._p("GwRight", date_text, self.r_body, ind=x.ind(right=self.lay.chars(date_r))))
        return "".join(out)

    def imprint(self, doc: Document, written: dict[str, str] | None = None) -> str:
        """版记 (7.4) as a table floating at the bottom of the last page's text block."""
        meta, el, lay, written = doc.meta, self.lay.el, self.lay, written or {}
        if not (meta.cc or meta.printer):
            return ""
        one = lay.chars(el["imprint_indent_chars"])
        # as wide as the text block (7.4.1); placed from the page's left edge rather than the
        # margin because LibreOffice floats a table as wide as the text area only when it is
        # positioned relative to the page (Word floats it either way)
        w = lay.text_width
        thick, thin = round(el["imprint_rule_thick_pt"] * 8), round(el["imprint_rule_thin_pt"] * 8)
        rows = []
        if meta.cc:
            cc = written.get("cc") or f"抄送：{meta.cc.rstrip('。')}。"
            rows.append(self._p("GwImprint", cc, self.r_imprint, ind=x.ind(left=one, right=one)))
        if meta.printer:
            day = f"{written['print_date']}印发" if written.get("print_date") else \
                f"{cn_date(meta.print_date)}印发" if meta.print_date else ""
            tab = f'<w:tab w:val="right" w:pos="{w - one}"/>'
            rows.append(self._p("GwImprint", f"{meta.printer}\t{day}", self.r_imprint,
                                tabs=tab, ind=x.ind(left=one)))
        table = [
            "<w:tbl><w:tblPr>"
            '<w:tblpPr w:leftFromText="0" w:rightFromText="0" w:vertAnchor="margin" w:horzAnchor="page" '
            f'w:tblpX="{lay.margin_left}" w:tblpYSpec="bottom"/>'
            f'<w:tblW w:w="{w}" w:type="dxa"/>'
            "<w:tblBorders>"
            f'<w:top w:val="single" w:sz="{thick}" w:space="0" w:color="000000"/>'
            f'<w:bottom w:val="single" w:sz="{thick}" w:space="0" w:color="000000"/>'
            f'<w:insideH w:val="single" w:sz="{thin}" w:space="0" w:color="000000"/>'
            "</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
            '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
            f'</w:tblPr><w:tblGrid><w:gridCol w:w="{w}"/></w:tblGrid>'
        ]
        for r in rows:
            table.append(f'<w:tr><w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>{r}</w:tc></w:tr>')
        table.append("</w:tbl>")
        return "".join(table) + self.blank

    def blocks(self, doc: Document, keep_last: bool = False) -> str:
        """keep_last: the last paragraph stays on the page of the 署名 that follows (7.3.5: the
        signature and date never stand alone on a page)."""
        out = []
        last = len(doc.blocks) - 1
        for i, b in enumerate(doc.blocks):
            if isinstance(b, Heading):
                out.append(self.heading(b))
            elif isinstance(b, Table):
                out.append(self.table(b))
            elif isinstance(b, Paragraph):
                out.append(self.body_paragraph(b, keep_next=keep_last and i == last))
        return "".join(out)

    def attachment(self, att: Document, index: int, count: int, written: dict | None = None) -> str:
        """附件 (GB/T 9704—2012 8): 另面编排，“附件”及顺序号顶格于第一行，标题居中于第三行.
        `written`: the attachment's elements as a draft wrote them; its "label" "" when the draft
        ran the attachment on without one (nothing is added to a draft's words)."""
        w = written or {}
        label = w.get("label", "附件" if count == 1 else f"附件{index}")
        out = []
        if label:
            out += [self._p("GwAttachLabel", label, self.r_label, page_break_before=True), self.blank]
        if att.meta.doc_number:
            out.append(self.number_line(att, page_break_before=not out))
        if att.meta.title:
            out += [self._p("GwTitle", "\n".join(self._title_lines(att.meta.title)), self.r_title,
                            snap_to_grid=False, page_break_before=not out), self.blank]
        if att.meta.recipients or w.get("recipients"):
            out.append(self._p("GwPlain", w.get("recipients") or att.meta.recipients.rstrip("：:") + "：", self.r_body,
                               page_break_before=not out))
        signs = bool(att.meta.signature or att.meta.date or w.get("date"))
        blocks = self.blocks(att, keep_last=signs)
        if not out and blocks:  # nothing above the text: the text itself starts the new page
            blocks = self._p("GwAttachLabel", "", self.r_label, page_break_before=True) + blocks
        out.append(blocks)
        out.append(self.attachment_notes(att.meta.attachment_notes, w.get("attachment_notes"), keep=signs))
        out.append(self.signature(att, w.get("date")))
        return "".join(out)

    # --- the document -----------------------------------------------------------------------
    def body_xml(self, doc: Document, written: dict | None = None) -> str:
        """`written`: 公文 elements as a draft wrote them (Meta attribute → text: recipients, date,
        attachment_notes, cc, print_date; "attachments": one such dict per attachment, with its
        "label"), printed word for word instead of composed from Meta — `gongwen format` changes
        the layout of a draft, never its words."""
        m, written = doc.meta, written or {}
        out = []
        if m.red_header:
            out.append(self.red_header(doc))
        elif m.doc_number:
            out.append(self.number_line(doc))
            out.append(self.blank)
        if m.title:
            out.append(self.title(m.title))
            out.append(self._blanks(self.lay.el["after_title_blank_lines"]))
        if m.recipients or written.get("recipients"):
            out.append(self._p("GwPlain", written.get("recipients") or m.recipients.rstrip("：:") + "：", self.r_body))
        signs = bool(m.signature or m.date or written.get("date"))
        out.append(self.blocks(doc, keep_last=signs))
        out.append(self.attachment_notes(m.attachment_notes, written.get("attachment_notes"), keep=signs))
        out.append(self.signature(doc, written.get("date")))
        atts = written.get("attachments") or [None] * len(doc.attachments)
        for i, (att, w) in enumerate(zip(doc.attachments, atts), 1):
            out.append(self.attachment(att, i, len(doc.attachments), w))
        out.append(self.imprint(doc, written))
        return "".join(out)

    def number_line(self, doc: Document, style: str = "GwNumber", **ppr) -> str:
        """The 发文字号 — and for a 上行文 the 签发人 (7.2.6): 发文字号居左空一字，签发人居右空一字，
        “签发人：”仿宋，姓名楷体."""
        m = doc.meta
        if not m.signer:
            return self._p(style, m.doc_number or "", self.r_body, **ppr)
        one = self.lay.chars(1)
        tab = f'<w:tab w:val="right" w:pos="{self.lay.text_width - one}"/>'
        runs = (x.text_runs(f"{m.doc_number or ''}\t签发人：", self.r_body)
                + x.text_runs(m.signer, self.r_heading[2]))  # the 楷体 of the 二级标题
        return x.paragraph(x.ppr(style=style, tabs=tab, ind=x.ind(left=one), jc="left", **ppr), runs)

    def to_bytes(self, doc: Document, written: dict | None = None) -> bytes:
        author = doc.meta.issuer or doc.meta.signature or ""
        return package(skeleton(self.lay), self.body_xml(doc, written), core_xml(doc.meta.title, author, doc.meta.date))
