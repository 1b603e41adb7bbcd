"""--fix for a .docx: a copy whose mechanical fixes are Word revisions (修订) — the old text in a
w:del, the new in a w:ins, author "gongwen", each with a comment saying why — so the writer
accepts or rejects each one in Word or WPS. The draft itself is never touched.

Only what --fix changes in a .md/.txt is changed (a finding with exactly one correct replacement),
only inside one paragraph, and only where the paragraph still reads exactly what the finding
matched and the characters sit in plain runs (text in a field, a text box or Word's own numbering
is left for the writer: a revision there could not be accepted cleanly)."""
from __future__ import annotations

import copy
import datetime as dt
import io
import itertools

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from generator.lint.annotate import AUTHOR, INITIALS, _comment_text, _split, sanitised
from generator.lint.engine import FileResult
from generator.lint.fix import Change
from generator.readers.docx_text import iter_paragraphs, paragraph_text

REVISION_AUTHOR = "gongwen"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _w(tag: str, **attrs: str):
    el = OxmlElement(f"w:{tag}")
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), v)
    return el


def _split_at(p_el, k: int) -> bool:
    """A run boundary at character k of the paragraph (False when the run there cannot be split)."""
    _, pieces, _ = paragraph_text(p_el)
    for pc in pieces:
        if pc.start < k < pc.end:
            return _split(pc.run, k - pc.start) is not None
    return True


def _plain(run) -> bool:
    return all(c.tag in (qn("w:t"), qn("w:rPr")) for c in run)


class _Reviser:
    def __init__(self, document, when: dt.datetime):
        self.document = document
        self.date = when.strftime("%Y-%m-%dT%H:%M:%SZ")
        body = document.element.body
        used = [int(v) for el in body.iter(qn("w:ins"), qn("w:del")) if (v := el.get(qn("w:id"))) and v.isdigit()]
        self.ids = itertools.count(max(used, default=0) + 1)

    def apply(self, p_el, start: int, end: int, new: str, comment: str) -> bool:
        """One revision in paragraph `p_el`: [start, end) deleted, `new` inserted there."""
        text, _, _ = paragraph_text(p_el)
        if not (_split_at(p_el, start) and _split_at(p_el, end)):
            return False
        _, pieces, _ = paragraph_text(p_el)
        covered = [pc for pc in pieces if pc.start >= start and pc.end <= end and pc.end > pc.start]
        if sum(pc.end - pc.start for pc in covered) != end - start:
            return False
        runs = [pc.run for pc in covered]
        if any(not _plain(r) for r in runs) or len({r.getparent() for r in runs}) > 1:
            return False
        if runs:
            anchor = template = runs[0]
        else:  # an insertion between characters: before the run that starts there, or at the end
            after = next((pc for pc in pieces if pc.start == start), None)
            before = next((pc for pc in reversed(pieces) if pc.end == start), None)
            if after is None and before is None:
                return False
            template = (after or before).run
            anchor = after.run if after is not None else None
        first = last = None
        if runs:
            deletion = _w("del", id=str(next(self.ids)), author=REVISION_AUTHOR, date=self.date)
            anchor.addprevious(deletion)
            for r in runs:
                deletion.append(r)  # moves the run
                for t in r.iter(qn("w:t")):
                    t.tag = qn("w:delText")
                    t.set(_XML_SPACE, "preserve")
            first = last = deletion
        if new:
            insertion = _w("ins", id=str(next(self.ids)), author=REVISION_AUTHOR, date=self.date)
            run = _w("r")
            rpr = template.find(qn("w:rPr"))
            if rpr is not None:
                run.append(copy.deepcopy(rpr))
            t = _w("t")
            t.text = new
            t.set(_XML_SPACE, "preserve")
            run.append(t)
            insertion.append(run)
            if last is not None:
                last.addnext(insertion)
            elif anchor is not None:
                anchor.addprevious(insertion)
            else:
                template.addnext(insertion)
            first = first if first is not None else insertion
            last = insertion
        if first is None:
            return False
        c = self.document.comments.add_comment(comment, author=AUTHOR, initials=INITIALS)
        cid = str(c.comment_id)
        first.addprevious(_w("commentRangeStart", id=cid))
        end_mark = _w("commentRangeEnd", id=cid)
        last.addnext(end_mark)
        ref_run = _w("r")
        ref_run.append(_w("commentReference", id=cid))
        end_mark.addnext(ref_run)
        return True


def revise(result: FileResult, when: dt.datetime | None = None) -> tuple[bytes, list[Change], set[int]]:
    """(the .docx with the fixes as revisions, the changes made in reading order, the ids of the
    findings all of whose places became a revision)."""
    import docx

    document = docx.Document(result.path)
    paragraphs = {p.number: p for p in iter_paragraphs(document)}
    reviser = _Reviser(document, when or dt.datetime.now(dt.timezone.utc))
    by_paragraph: dict[int, list] = {}
    for found in result.findings:
        for f in found.instances():
            p = paragraphs.get(f.line) if f.line is not None else None
            if f.fix is None or p is None or f.end_line != f.line or f.match is None or p.auto_number:
                continue
            start, end = (f.column or 1) - 1, (f.end_column or 1) - 1
            if p.text[start:end] != f.match:
                continue  # read in another form (traditional script) or out of date: left alone
            by_paragraph.setdefault(f.line, []).append((start, end, f.fix, f, found))
    changes: list[Change] = []
    done: dict[int, int] = {}
    for line in sorted(by_paragraph):
        edits = sorted(by_paragraph[line], key=lambda e: (e[0], e[1]))
        chosen, last_end = [], -1
        for e in edits:
            if e[0] < last_end or (chosen and (e[0], e[1]) == (chosen[-1][0], chosen[-1][1])):
                continue  # overlapping fixes: the first one wins, the rest wait for the next run
            chosen.append(e)
            last_end = e[1]
        made = []
        for start, end, new, f, found in reversed(chosen):  # from the end: earlier offsets stay valid
            if reviser.apply(paragraphs[line].element, start, end, new, _comment_text(f)):
                made.append(Change(line, start + 1, f.match, new, f.rule))
                done[id(found)] = done.get(id(found), 0) + 1
        changes += reversed(made)
    buf = io.BytesIO()
    document.save(buf)
    complete = {i for found in result.findings if (i := id(found)) in done and done[i] == len(found.instances())}
    return sanitised(buf.getvalue()), changes, complete


def default_path(path):
    return path.with_name(f"{path.stem}（修订）{path.suffix}")
