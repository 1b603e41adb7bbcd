"""The core invariant (docs/ARCHITECTURE.md): every document the tool generates lints clean — no errors and
no warnings — whatever the kind, unit type and era, as .md and as .docx, and every corpus clause
rendered in a document of its kind."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fictional_units import UNIT_NAMES as UNITS  # noqa: E402
from fictional_units import profile_for

from generator.compose import clauses as corpus_mod
from generator.lint.engine import lint_draft
from generator.plans.generate import GENERATORS
from generator.readers import read, read_text

# one day in each era of docs/DOMAIN.md §3, and the days around the changes lint judges by
DATES = [dt.date(2013, 3, 1), dt.date(2014, 3, 1), dt.date(2016, 3, 1), dt.date(2017, 10, 18),
         dt.date(2020, 3, 1), dt.date(2022, 10, 16), dt.date(2025, 3, 1)]


def problems(result) -> list[str]:
    return [f"{f.line}:{f.column} {f.rule} {f.message}" for f in result.findings if f.severity in ("error", "warning")]


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    from generator.demo import run_demo

    out = tmp_path_factory.mktemp("demo")
    run_demo(out)
    return out


def demo_documents():
    # the demo's 公文 (.md and .docx); its .txt/.xlsx/.csv are reports and lists, not 公文
    import tempfile

    from generator.demo import run_demo

    with tempfile.TemporaryDirectory() as d:
        paths = run_demo(Path(d))
        return sorted({p.relative_to(d).as_posix() for p in paths if p.suffix in (".md", ".docx")})


@pytest.mark.parametrize("name", demo_documents())
def test_every_demo_document_lints_clean(demo_dir, name):
    result = lint_draft(read(demo_dir / name))
    assert result.kind is not None, f"{name}：文种未识别"
    assert result.date.day is not None, f"{name}：成文日期未识别"
    assert problems(result) == [], name


@pytest.mark.parametrize("kind", sorted(GENERATORS))
@pytest.mark.parametrize("unit", sorted(UNITS))
def test_every_kind_unit_and_era_lints_clean(kind, unit):
    for day in DATES:
        try:
            g = GENERATORS[kind](profile_for(unit, day), day)
        except Exception as exc:  # a kind not generated for that date is the generator's business
            pytest.skip(f"{kind} {unit} {day}: {exc}")
        result = lint_draft(read_text(g.markdown, f"{kind}-{unit}-{day}.md"))
        assert result.kind == kind
        assert problems(result) == [], (kind, unit, day.isoformat())


def test_generated_docx_lints_like_its_markdown(tmp_path):
    from generator.writers.outputs import render_outputs

    day = dt.date(2025, 3, 1)
    for kind in sorted(GENERATORS):
        g = GENERATORS[kind](profile_for("村", day), day)
        for path, data in render_outputs(g.document, tmp_path, kind, ("docx",)).items():
            path.write_bytes(data)
            result = lint_draft(read(path))
            assert result.kind == kind and result.date.day == day
            assert problems(result) == [], kind


def _clause_cases():
    corpus = corpus_mod.load()
    cases = []
    for c in sorted(corpus.clauses.values(), key=lambda c: c.id):
        kind = next((k for k in c.kinds if k in GENERATORS), None)
        if kind is None and "plan" in c.kinds:
            kind = "plan"
        if kind is None:
            continue
        unit = "乡镇" if "any" in c.units else next(iter(c.units))
        cases.append((c.id, kind, unit, c.valid_from, c.valid_to))
    return cases


@pytest.mark.parametrize("cid, kind, unit, lo, hi", _clause_cases())
def test_every_clause_in_a_document_lints_clean(cid, kind, unit, lo, hi):
    """Each clause pinned into a whole document of its kind, on the first and the last day it is
    used (clamped to the years the era table covers)."""
    days = sorted({max(lo, dt.date(2013, 3, 1)), min(hi, dt.date(2025, 3, 1))})
    for day in days:
        if day < lo or day > hi:
            continue
        try:
            g = GENERATORS[kind](profile_for(unit, day, include=[cid]), day)
        except Exception as exc:  # the clause needs figures or a template this kind lacks
            pytest.skip(f"{cid}: {exc}")
        if cid not in g.clause_ids:
            continue  # a pinned clause of another section this template does not draw
        result = lint_draft(read_text(g.markdown, f"{cid}.md"))
        assert problems(result) == [], (cid, day.isoformat())
