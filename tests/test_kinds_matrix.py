"""Every kind this project generates from a profile × every unit type × every era (docs/DOMAIN.md §3):
mandatory sections present and in order, era wording right for the date, the 细则 title right,
nothing left unfilled, reruns identical, and units of one type not all handed the same text."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from fictional_units import OTHER_NAMES, UNIT_NAMES, profile_for  # noqa: E402

from generator.core import kinds
from generator.core import snippets as snippets_mod
from generator.core.model import Document, Heading, Paragraph
from generator.plans.generate import GENERATORS

# One date inside each era, plus one before the 细则 of 2014 and the 总要求 of 2013.
DATES = {
    "2013": dt.date(2013, 3, 1),
    "2016": dt.date(2016, 3, 1),
    "2020": dt.date(2020, 3, 1),
    "2025": dt.date(2025, 3, 1),
}
XI_THOUGHT = "习近平新时代中国特色社会主义思想"
RULES = snippets_mod.load().formulations["细则"].text
RULES_TRIAL = snippets_mod.load().formulations["细则试行"].text
PLACEHOLDER = re.compile(r"\{\{|\}\}|\{%|%\}|None|Undefined|××|XX|xx|【|】|___|\bnan\b")


def main_body(kind: str, doc: Document) -> Document:
    """The plan inside a notice is what carries the sections."""
    return doc.attachments[0] if kind == "notice" else doc


def section_text(doc: Document, name: str) -> str:
    out, inside = [], False
    for b in doc.blocks:
        if isinstance(b, Heading) and b.level == 1:
            inside = b.text == name
            continue
        if inside and isinstance(b, Paragraph):
            out.append(b.text)
    return "\n".join(out)


CASES = [(k, u, d) for k in GENERATORS for u in UNIT_NAMES for d in DATES]


@pytest.fixture(scope="module")
def generated():
    cache = {}

    def get(kind, unit, day_key, names=UNIT_NAMES):
        key = (kind, unit, day_key, names is UNIT_NAMES)
        if key not in cache:
            day = DATES[day_key]
            cache[key] = GENERATORS[kind](profile_for(unit, day, names), day)
        return cache[key]

    return get


@pytest.mark.parametrize("kind, unit, day_key", CASES)
def test_sections_present_in_order(generated, kind, unit, day_key):
    g = generated(kind, unit, day_key)
    doc = g.document
    k = kinds.get(kind)
    assert k.title_pattern.search(doc.meta.title), doc.meta.title
    for attr in k.required_meta:
        assert getattr(doc.meta, attr), attr
    if kind == "notice":
        assert doc.meta.recipients
        (lead,) = [p.text for p in doc.paragraphs()]
        assert f"《{doc.attachments[0].meta.title}》" in lead and "印发" in lead
        assert doc.meta.attachment_notes == [doc.attachments[0].meta.title]
        assert f"《{doc.attachments[0].meta.title}》" in doc.meta.title
    body = main_body(kind, doc)
    body_kind = kinds.get(body.meta.kind)
    headings = [h.text for h in body.headings(1)]
    required = [s.id for s in body_kind.headed_sections if s.required]
    assert [h for h in headings if h in required] == required
    assert headings == [s.id for s in body_kind.headed_sections if s.required or s.id in headings]
    assert [h.number for h in body.headings(1)] == ["一、", "二、", "三、", "四、", "五、", "六、"][:len(headings)]
    assert isinstance(body.blocks[0], Paragraph) and body.blocks[0].text.endswith(("计划。", "规划。"))
    for name in headings:
        assert section_text(body, name).strip(), name
    # the item sections carry numbered sub-headings (一) (二) … without gaps
    for name, least in (("工作重点", 5), ("工作要求", 4)):
        i = next(j for j, b in enumerate(body.blocks) if isinstance(b, Heading) and b.level == 1 and b.text == name)
        subs = []
        for b in body.blocks[i + 1:]:
            if isinstance(b, Heading) and b.level == 1:
                break
            if isinstance(b, Heading) and b.level == 2:
                subs.append(b.number)
        assert len(subs) >= least
        assert subs == [f"（{'一二三四五六七八九十'[n]}）" for n in range(len(subs))]


@pytest.mark.parametrize("kind, unit, day_key", CASES)
def test_era_wording(generated, kind, unit, day_key):
    g = generated(kind, unit, day_key)
    body = main_body(kind, g.document)
    guiding = section_text(body, "指导思想")
    text = g.document.plain_text()
    if day_key in ("2013", "2016"):
        assert XI_THOUGHT not in text
        assert "新时代" not in text and "二十大" not in text and "十九大" not in text
    if day_key == "2020":
        assert XI_THOUGHT in guiding and "十九大" in guiding
        assert "二十大" not in text
    if day_key == "2025":
        assert XI_THOUGHT in guiding and "二十大" in guiding
        assert "十九大" not in text
    if day_key == "2013":
        assert RULES not in text
        assert "控制总量、优化结构、提高质量、发挥作用" in text  # the 总要求 is in force from 2013-02
    else:
        assert RULES_TRIAL not in text and "（试行）" not in text
    assert "十六字方针" not in text and "坚持标准、保证质量、改善结构、慎重发展" not in text


@pytest.mark.parametrize("day_key", DATES)
def test_rules_title_cited_with_the_right_name(generated, day_key):
    texts = [generated(k, u, day_key).document.plain_text() for k in GENERATORS for u in UNIT_NAMES]
    expected = RULES_TRIAL if day_key == "2013" else RULES
    assert sum(expected in t for t in texts) >= len(texts) // 2


@pytest.mark.parametrize("kind, unit, day_key", CASES)
def test_nothing_left_unfilled(generated, kind, unit, day_key):
    g = generated(kind, unit, day_key)
    text = g.markdown
    assert not PLACEHOLDER.search(text), PLACEHOLDER.search(text).group(0)
    # numbers follow GB/T 15835: Arabic figures with %, dates 2025年3月1日; congresses in Chinese numerals
    assert not re.search(r"\d+\s*大|第?\d+届", text)
    assert not re.search(r"\d\.\d{2,}%", text)  # at most one decimal in a percentage
    assert "..." not in text and "，，" not in text and "。。" not in text and "、、" not in text
    assert not re.search(r"》、《", text)  # GB/T 15834: no 顿号 between 书名号 groups


@pytest.mark.parametrize("kind", list(GENERATORS))
@pytest.mark.parametrize("unit", list(UNIT_NAMES))
def test_same_input_same_text(generated, kind, unit):
    day = DATES["2025"]
    again = GENERATORS[kind](profile_for(unit, day), day)
    assert again.markdown == generated(kind, unit, "2025").markdown


@pytest.mark.parametrize("kind", list(GENERATORS))
@pytest.mark.parametrize("unit", list(UNIT_NAMES))
@pytest.mark.parametrize("day_key", ["2016", "2025"])
def test_other_unit_of_same_type_reads_differently(generated, kind, unit, day_key):
    a = generated(kind, unit, day_key)
    b = generated(kind, unit, day_key, OTHER_NAMES)
    assert a.clause_ids != b.clause_ids
    assert sorted(set(a.clause_ids) ^ set(b.clause_ids))  # at least one section chose another clause


@pytest.mark.parametrize("unit", list(UNIT_NAMES))
def test_unit_type_shows_in_the_text(generated, unit):
    """Each unit type gets clauses written for it, not only the general ones."""
    ids = generated("plan", unit, "2025").clause_ids + generated("multi_year_plan", unit, "2025").clause_ids
    own = [i for i in ids if f"-{unit}" in i]
    assert own, ids


# --- lint: every generated document lints clean (docs/ARCHITECTURE.md: the core invariant) ------------
def _lint(markdown: str, name: str):
    from generator.lint.engine import lint_draft
    from generator.readers import read_text

    return lint_draft(read_text(markdown, name, "md"))


@pytest.mark.parametrize("kind, unit, day_key", CASES)
def test_generated_markdown_lints_clean(generated, kind, unit, day_key):
    g = generated(kind, unit, day_key)
    result = _lint(g.markdown, f"{kind}-{unit}-{day_key}.md")
    assert result.kind == kind
    assert result.date.day == DATES[day_key]
    assert [(f.rule, f.message, f.match) for f in result.findings] == []


@pytest.mark.parametrize("kind", list(GENERATORS))
@pytest.mark.parametrize("unit", list(UNIT_NAMES))
def test_other_variants_lint_clean(kind, unit):
    day = DATES["2020"]
    for variant in (1, 2):
        g = GENERATORS[kind](profile_for(unit, day, OTHER_NAMES), day, variant=variant)
        assert [(f.rule, f.message) for f in _lint(g.markdown, "v.md").findings] == []


@pytest.mark.parametrize("kind", list(GENERATORS))
def test_generated_docx_lints_clean(generated, kind, tmp_path):
    from generator.lint.engine import lint_draft
    from generator.readers import read
    from generator.writers.outputs import docx_writer

    for unit in ("村", "县级"):
        g = generated(kind, unit, "2025")
        path = tmp_path / f"{kind}-{unit}.docx"
        path.write_bytes(docx_writer().to_bytes(g.document))
        result = lint_draft(read(path))
        assert result.kind == kind
        assert [(f.rule, f.message, f.match) for f in result.findings] == []
