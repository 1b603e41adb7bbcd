"""Benchmark (not a test): 1,000 批复 by `gongwen approve` against the same documents made the way a
user would by hand — a docxtpl template loaded, rendered and saved once per document.

    python benchmarks/batch_bench.py [--count 1000] [--jobs 0]

Both runs happen here, on this machine, now; the figures printed are documents per second and
their ratio (targets, issue #13: at least 15x the hand loop with one worker, 25x with all cores).
Before timing anything it checks that both methods produce the same document text, 批复 by 批复.
It also times the branches' 请示 from the same sheet (`gongwen request`) and the floor: writing
the fixed .docx parts alone (skeleton, an empty body, the zip) once per document, and the default
output (.docx and .md per 批复, twice the files; the hand loop writes only the .docx)."""
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


def gongwen_run(unit: Path, decisions: Path, out_dir: Path, jobs: int, kind: str = "approval",
                formats: tuple[str, ...] = ("docx",)) -> batch.BatchResult:
    options = batch.BatchOptions(out_dir=out_dir, formats=formats, jobs=jobs, force=True, kind=kind)
    return batch.run(unit, decisions, options)


def floor(count: int, out_dir: Path) -> float:
    """Seconds to write `count` .docx files that hold only the fixed parts (no text): what no
    generator of this layout can go below."""
    from generator.infra.fileio import write_all
    from generator.writers.layout import load as load_layout
    from generator.writers.package import core_xml, package, skeleton

    lay = load_layout()
    t = time.perf_counter()
    sk = skeleton(lay)
    data = {out_dir / f"{i:04d}.docx": package(sk, "", core_xml("", "", None)) for i in range(count)}
    write_all(data, force=True)
    return time.perf_counter() - t


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

        # --- the 请示 from the same sheet, and the floor ----------------------------------------
        t = time.perf_counter()
        req = gongwen_run(unit, decisions, work / "request-j1", 1, "request")
        t_req = time.perf_counter() - t
        assert len(req.files) == args.count
        # what the CLI writes by default: the .docx and the .md of each 批复 (twice the files)
        both = {}
        for j in (1, jobs):
            t = time.perf_counter()
            gongwen_run(unit, decisions, work / f"both-j{j}", j, formats=("docx", "md"))
            both[j] = time.perf_counter() - t
        t_floor = floor(args.count, work / "floor")

        rate = lambda s: args.count / s  # noqa: E731
        ms = lambda s: 1000 * s / args.count  # noqa: E731
        print(f"by hand (docxtpl load+render+save per document): {t_hand:7.2f} s  {rate(t_hand):8.1f} docs/s  {ms(t_hand):6.2f} ms/doc")
        print(f"gongwen approve -j 1:                            {t_one:7.2f} s  {rate(t_one):8.1f} docs/s  {ms(t_one):6.2f} ms/doc"
              f"  ratio {t_hand / t_one:5.1f}x  (target >= 15x)")
        print(f"gongwen approve -j {jobs}:                            {t_par:7.2f} s  {rate(t_par):8.1f} docs/s  {ms(t_par):6.2f} ms/doc"
              f"  ratio {t_hand / t_par:5.1f}x  (target >= 25x)")
        for j, secs in both.items():
            print(f"gongwen approve -j {j} (.docx and .md):             {secs:7.2f} s  {rate(secs):8.1f} docs/s  {ms(secs):6.2f} ms/doc"
                  f"  ratio {t_hand / secs:5.1f}x")
        print(f"gongwen request -j 1 (请示, same sheet):           {t_req:7.2f} s  {rate(t_req):8.1f} docs/s  {ms(t_req):6.2f} ms/doc"
              f"  ratio {t_hand / t_req:5.1f}x")
        print(f"floor (fixed .docx parts only, written):         {t_floor:7.2f} s  {rate(t_floor):8.1f} docs/s  {ms(t_floor):6.2f} ms/doc"
              f"  gongwen -j 1 costs {t_one / t_floor:4.1f}x the floor")
        print("(gongwen times are end to end: read and validate the .xlsx, number, render, write files and manifest)")
        return 1 if differ else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
