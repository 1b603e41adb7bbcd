"""Benchmark (not a test): the clause corpus at work.

    python benchmarks/corpus_bench.py [--units 200]

1. Plans for many units of one county (one per village name, as a 县委组织部 would draft them),
   with the corpus and templates parsed once per process (how gongwen works), against the same
   plans made with the corpus and templates parsed again for every document (a plain loop over
   the library without its caches). Both runs happen here, now; the script first checks they give
   the same text, then prints documents per second and the ratio.
2. `gongwen corpus check` over the shipped corpus, and `gongwen corpus search`: build the index
   once, then queries per second.
"""
from __future__ import annotations

import argparse
import copy
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.compose import assemble  # noqa: E402
from generator.compose import clauses as corpus_mod
from generator.data.profile import Profile, load_profile  # noqa: E402
from generator.plans.generate import generate_plan  # noqa: E402


def profiles(n: int) -> list[Profile]:
    base = load_profile(ROOT / "examples" / "unit.yaml")
    out = []
    for i in range(n):
        data = copy.deepcopy(base.data)
        data["单位"].update(全称=f"中共第{i + 1}村支部委员会", 简称=f"第{i + 1}村党支部", 类型="村")
        out.append(Profile(data, base.source))
    return out


def cold() -> None:
    corpus_mod._load_cached.cache_clear()
    assemble.environment.cache_clear()
    assemble._CLAUSE_CACHE.clear()


def run(units: list[Profile], parse_every_time: bool) -> tuple[float, list[tuple[str, tuple[str, ...]]]]:
    out = []
    start = time.perf_counter()
    for p in units:
        if parse_every_time:
            cold()
        g = generate_plan(p)
        out.append((g.markdown, tuple(g.clause_ids)))
    return time.perf_counter() - start, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--units", type=int, default=200)
    args = ap.parse_args()
    units = profiles(args.units)

    generate_plan(units[0])  # warm imports, snippets and the era tables for both runs
    cold()
    t_fast, fast = run(units, parse_every_time=False)
    t_slow, slow = run(units, parse_every_time=True)
    assert fast == slow, "the two methods gave different text"
    distinct = len({ids for _, ids in fast})
    print(f"年度计划 {args.units} 份（同类型单位，{distinct} 种不同的条文组合）")
    print(f"  语料和模板每份重新解析：{args.units / t_slow:8.1f} 份/秒")
    print(f"  每个进程只解析一次：    {args.units / t_fast:8.1f} 份/秒")
    print(f"  倍数：{t_slow / t_fast:.1f}x")

    from generator.corpus import check as corpus_check

    start = time.perf_counter()
    report = corpus_check.check()
    t_check = time.perf_counter() - start
    print(f"语料检查：{report.clauses} 条条文，按日期生成 {report.dates_checked} 次，lint {'是' if report.linted else '否'}，"
          f"用时 {t_check:.2f} 秒，问题 {len(report.problems)} 个")

    from generator.corpus.search import Index

    start = time.perf_counter()
    index = Index(list(corpus_mod.load().clauses.values()))
    t_index = time.perf_counter() - start
    queries = ["致富能手 返乡青年", "政治审查", "预备党员 转正", "高知识群体", "总要求", "集中培训 学时"]
    start = time.perf_counter()
    for _ in range(20):
        for q in queries:
            index.search(q)
    t_query = (time.perf_counter() - start) / (20 * len(queries))
    print(f"检索：建索引（含分词器载入）{t_index:.2f} 秒；每次查询 {t_query * 1000:.2f} 毫秒")


if __name__ == "__main__":
    main()
