"""Benchmark (not a test): 1,000 批复 by `gongwen approve` against the same documents made the way a
user would by hand — a docxtpl template loaded, rendered and saved once per document.

    python benchmarks/batch_bench.py [--count 1000] [--jobs 0]

Both runs happen here, on this machine, now; the figures printed are documents per second and
their ratio (target: gongwen at least 10x the hand loop). Before timing anything it checks that
both methods produce the same document text, 批复 by 批复."""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "examples"))

from make_decisions import synthetic_rows, write_xlsx  # noqa: E402
from make_letterhead import build as build_letterhead  # noqa: E402

from generator.approvals import batch  # noqa: E402
from generator.data.profile import load_profile  # noqa: E402
from generator.writers.letterhead import LetterheadWriter, body_text  # noqa: E402


def hand_loop(template: Path, contexts: list[dict], out_dir: Path) -> list[Path]:
    """What an office would write: for each reply, open the Word template, fill it, save it."""
    from docxtpl import DocxTemplate

    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, ctx in enumerate(contexts):
        tpl = DocxTemplate(str(template))
        tpl.render(ctx, autoescape=True)
        path = out_dir / f"{i:04d}.docx"
        tpl.save(str(path))
        paths.append(path)
    return paths


def gongwen_run(unit: Path, decisions: Path, out_dir: Path, jobs: int) -> batch.BatchResult:
    options = batch.BatchOptions(out_dir=out_dir, formats=("docx",), jobs=jobs, force=True)
    return batch.run(unit, decisions, options)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=1000, help="批复 to generate (default 1000)")
    ap.add_argument("--jobs", type=int, default=0, help="-j for the parallel run (0 = all cores)")
    args = ap.parse_args()
    unit = ROOT / "examples" / "unit.yaml"
    work = Path(tempfile.mkdtemp(prefix="gongwen-bench-"))
    try:
        rows = synthetic_rows(args.count)
        decisions = write_xlsx(rows, work / "decisions.xlsx")
        template = build_letterhead(work / "letterhead.docx")
        print(f"{args.count} 批复（{len(rows)} 人）, {batch.cpu_count()} cores")

        # --- gongwen, one process and all cores --------------------------------------------------
        t = time.perf_counter()
        one = gongwen_run(unit, decisions, work / "gongwen-j1", 1)
        t_one = time.perf_counter() - t
        jobs = args.jobs or batch.cpu_count()
        t = time.perf_counter()
        par = gongwen_run(unit, decisions, work / f"gongwen-j{jobs}", jobs)
        t_par = time.perf_counter() - t
        assert len(one.files) == len(par.files) == args.count, (len(one.files), args.count)

        # --- the same documents by hand (contexts prepared outside the timing) -----------------
        profile = load_profile(unit)
        renderer = batch.Renderer(batch.RenderSpec(profile, ("md",), None, (), ()))
        writer = LetterheadWriter(template)
        contexts = [writer.context(renderer.builder.build(a).document) for a in one.approvals]
        t = time.perf_counter()
        hand = hand_loop(template, contexts, work / "hand")
        t_hand = time.perf_counter() - t

        # --- identical text ----------------------------------------------------------------------
        differ = 0
        for ours, theirs, again in zip(one.files, hand, par.files):
            a, b, c = body_text(ours.read_bytes()), body_text(theirs.read_bytes()), body_text(again.read_bytes())
            if not (a == b == c):
                differ += 1
                if differ == 1:
                    print(f"TEXT DIFFERS: {ours.name}\n  gongwen: {a}\n  by hand: {b}")
        print(f"document text identical: {args.count - differ}/{args.count}")

        rate = lambda s: args.count / s  # noqa: E731
        print(f"by hand (docxtpl load+render+save per document): {t_hand:7.2f} s  {rate(t_hand):8.1f} docs/s")
        print(f"gongwen approve -j 1:                            {t_one:7.2f} s  {rate(t_one):8.1f} docs/s"
              f"  ratio {t_hand / t_one:5.1f}x")
        print(f"gongwen approve -j {jobs}:                            {t_par:7.2f} s  {rate(t_par):8.1f} docs/s"
              f"  ratio {t_hand / t_par:5.1f}x  (target >= 10x)")
        print("(gongwen times are end to end: read and validate the .xlsx, number, render, write files and manifest)")
        return 1 if differ else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
