"""Benchmark (not a test): `gongwen lint` against plain jieba, both measured here, now.

    python benchmarks/lint_bench.py [--runs 5] [--mb 10]

(a) cold start: `gongwen lint` of a 10,000-character .docx in a new process, against
    `python -c "import jieba; jieba.lcut(text)"` on the same text — target ratio <= 1.0;
Sizes are megabytes of the text as a UTF-8 file (10 MB is about 3.5 million Chinese characters).

(b) warm throughput on 10 MB of Chinese text (lint in a loaded process) against jieba.lcut on the
    same text with jieba's dictionary already loaded — target >= 0.8x jieba;
(c) peak memory (the process's high-water RSS, VmHWM on Linux) of a new process linting the
    10 MB file and writing its JSON report — target < 500 MB;
(d) lint time for 1 MB and for 10 MB — must grow linearly (ratio about 10).

The texts are generated documents of every kind, unit type and era (so, real 公文 wording), with
their figures and names varied so that no two paragraphs repeat, and a few typical defects mixed
in so that the rules have something to find. Each cold figure is the median of --runs processes,
after one warm-up run that fills the caches both sides keep on disk (jieba's in the temp
directory, ours in the user's cache directory)."""
from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFECTS = ["发展××名", "充分发挥党员前锋模范作用", "严格程序,规范管理", "约30%左右", "一是加强领导，三是严格纪律。"]
UNITS = ["中共青山村支部委员会", "中共翠苑社区委员会", "中共南岭县财政局机关委员会", "中共南岭师范学院委员会",
         "中共南岭能源集团有限公司委员会", "中共柳溪镇委员会", "中共南岭县委员会"]
TYPES = ["村", "社区", "机关", "学校", "国企", "乡镇", "县级"]
DAYS = [dt.date(2014, 3, 1), dt.date(2016, 3, 1), dt.date(2020, 3, 1), dt.date(2025, 3, 1)]


def source_paragraphs() -> list[str]:
    """Body paragraphs of generated documents of every kind × unit type × era."""
    import yaml

    from generator import resources
    from generator.core.model import block_text
    from generator.data.profile import parse_profile
    from generator.plans.generate import GENERATORS

    base = yaml.safe_load((resources.examples_dir() / "unit.yaml").read_text(encoding="utf-8"))
    paras: list[str] = []
    for full, utype in zip(UNITS, TYPES):
        for day in DAYS:
            raw = copy.deepcopy(base)
            raw["单位"].update(全称=full, 类型=utype)
            raw["年度"] = day.year
            raw["规划"] = {"起始年": day.year, "终止年": day.year + 4, "每年发展": {day.year + i: 10 + i for i in range(5)}, "每年减少": 12}
            raw["公文"].update(成文日期=day.isoformat(), 印发日期=day.isoformat())
            profile = parse_profile(raw, "<bench>")
            for kind, make in GENERATORS.items():
                try:
                    doc = make(profile, day).document
                except Exception:  # noqa: BLE001 - a kind not generated for that era
                    continue
                for d in (doc, *doc.attachments):
                    paras.extend(block_text(b) for b in d.blocks)
    return [p for p in paras if p.strip()]


def make_text(paragraphs: list[str], size: int, unit: str = "bytes") -> str:
    """About `size` bytes of UTF-8 (or characters, unit="chars") of paragraphs, no two alike:
    figures and names vary by a counter."""
    import re

    out, total, i = [], 0, 0
    while total < size:
        p = paragraphs[i % len(paragraphs)]
        k = i // len(paragraphs)
        p = re.sub(r"\d+", lambda m: str(int(m.group(0)) + k), p)
        p = p.replace("柳溪镇", f"{'青石白沙金桂红旗'[k % 8]}{'山水岭湾'[k % 4]}镇")
        if i % 7 == 0:
            p = p.rstrip("。") + "，" + DEFECTS[i % len(DEFECTS)] + "。"
        out.append(p)
        total += (len(p.encode("utf-8")) if unit == "bytes" else len(p)) + 1
        i += 1
    return "\n".join(out)


def write_docx(path: Path, text: str) -> None:
    from generator.core.model import Document, Meta, Paragraph
    from generator.writers.gbt9704 import GbtDocxWriter

    doc = Document(Meta(kind="plan", title="中共柳溪镇委员会2025年度发展党员工作计划", signature="中共柳溪镇委员会",
                        date=dt.date(2025, 3, 18)), [Paragraph(line) for line in text.split("\n")])
    path.write_bytes(GbtDocxWriter().to_bytes(doc))


def timed_process(args: list[str], env: dict) -> float:
    t = time.perf_counter()
    r = subprocess.run(args, env=env, capture_output=True)
    elapsed = time.perf_counter() - t
    if r.returncode not in (0, 1):
        raise SystemExit(f"命令失败（退出码 {r.returncode}）：{' '.join(args)}\n{r.stderr.decode(errors='replace')}")
    return elapsed


def cold_start(workdir: Path, paragraphs: list[str], runs: int, env: dict) -> None:
    text = make_text(paragraphs, 10_000, unit="chars")
    text = text[:10_000]
    docx_path = workdir / "一万字.docx"
    write_docx(docx_path, text)
    from generator.readers import read

    plain = read(docx_path).document.plain_text()
    txt = workdir / "一万字.txt"
    txt.write_text(plain, encoding="utf-8")
    lint_cmd = [sys.executable, "-m", "generator", "lint", str(docx_path), "--no-config"]
    jieba_cmd = [sys.executable, "-c", f"import jieba; jieba.lcut(open({str(txt)!r}, encoding='utf-8').read())"]
    timed_process(lint_cmd, env)  # warm-up: fills our cache (jieba's own cache too, below)
    timed_process(jieba_cmd, env)
    ours = statistics.median(timed_process(lint_cmd, env) for _ in range(runs))
    base = statistics.median(timed_process(jieba_cmd, env) for _ in range(runs))
    print(f"(a) 冷启动：gongwen lint {len(plain)} 字 .docx {ours:.3f} s；import jieba + lcut {base:.3f} s；"
          f"比值 {ours / base:.2f}（目标 ≤ 1.0）{'✓' if ours / base <= 1.0 else '✗'}")


def warm(paragraphs: list[str], mb: int) -> tuple[float, float]:
    import jieba

    from generator.core.segment import tokenizer
    from generator.lint.engine import lint_draft
    from generator.readers import read_text

    text = make_text(paragraphs, mb * 1_000_000)
    jieba.lcut("预热")
    tokenizer()
    lint_draft(read_text(make_text(paragraphs, 50_000), "warm.txt", "txt"))
    t = time.perf_counter()
    result = lint_draft(read_text(text, "bench.txt", "txt"))
    ours = time.perf_counter() - t
    t = time.perf_counter()
    jieba.lcut(text)
    base = time.perf_counter() - t
    mb_real = len(text.encode("utf-8")) / 1e6
    print(f"(b) 热吞吐：{mb_real:.1f} MB（UTF-8，{len(text) / 1e6:.1f} 百万字）lint {ours:.2f} s = {mb_real / ours:.2f} MB/s，"
          f"发现 {len(result.findings)} 处；jieba.lcut {base:.2f} s = {mb_real / base:.2f} MB/s；"
          f"lint 为 jieba 的 {base / ours:.2f} 倍（目标 ≥ 0.8）{'✓' if base / ours >= 0.8 else '✗'}")
    return ours, len(text)


def peak_memory(workdir: Path, paragraphs: list[str], mb: int, env: dict) -> None:
    path = workdir / f"{mb}MB.txt"
    path.write_text(make_text(paragraphs, mb * 1_000_000), encoding="utf-8")
    code = (
        "import resource, sys, json\n"
        "from generator.readers import read\n"
        "from generator.lint.engine import lint_draft\n"
        f"r = lint_draft(read({str(path)!r}))\n"
        "from generator.lint.report import to_json\n"
        "to_json([r])\n"
        # VmHWM is this process's own peak; ru_maxrss on Linux also counts the parent's pages
        # the child held between fork and exec, which is the benchmark's 10 MB, not lint's
        "kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "try:\n"
        "    kb = int(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM:')))\n"
        "except (OSError, StopIteration):\n"
        "    pass\n"
        "print(json.dumps({'kb': kb, 'findings': len(r.findings)}))\n"
    )
    try:
        import resource  # noqa: F401
    except ImportError:
        print("(c) 峰值内存：本平台没有 resource 模块，跳过")
        return
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT)
    if r.returncode != 0:
        raise SystemExit(r.stderr)
    data = json.loads(r.stdout.strip().splitlines()[-1])
    peak = data["kb"] / 1024 if sys.platform != "darwin" else data["kb"] / 1024 / 1024
    print(f"(c) 峰值内存：lint {mb} MB 文本（含 JSON 报告，{data['findings']} 处）最大常驻内存 {peak:.0f} MB（目标 < 500 MB）"
          f"{'✓' if peak < 500 else '✗'}")


def growth(paragraphs: list[str], mb: int) -> None:
    from generator.lint.engine import lint_draft
    from generator.readers import read_text

    times = {}
    for size in (1, mb):
        text = make_text(paragraphs, size * 1_000_000)
        t = time.perf_counter()
        lint_draft(read_text(text, f"{size}.txt", "txt"))
        times[size] = time.perf_counter() - t
    ratio = times[mb] / times[1]
    # what must not happen is growth faster than the size (a quadratic step); below mb the per-document
    # fixed costs (structure checks, one report per rule) weigh more in the small run
    linear = ratio <= 1.3 * mb
    print(f"(d) 增长：1 MB {times[1]:.2f} s，{mb} MB {times[mb]:.2f} s，比值 {ratio:.1f}（线性约为 {mb}，"
          f"不超过 {1.3 * mb:.0f} 即无超线性增长）{'✓' if linear else '✗ 超线性'}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="冷启动测几次取中位数")
    ap.add_argument("--mb", type=int, default=10, help="大文本的大小（MB，UTF-8）")
    args = ap.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    print("生成测试文本（各文种 × 单位类型 × 时段的生成公文）……")
    paragraphs = source_paragraphs()
    with tempfile.TemporaryDirectory() as d:
        work = Path(d)
        cold_start(work, paragraphs, args.runs, env)
        warm(paragraphs, args.mb)
        peak_memory(work, paragraphs, args.mb, env)
        growth(paragraphs, args.mb)


if __name__ == "__main__":
    main()
