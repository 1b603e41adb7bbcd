"""Benchmark (not a test): a warm `gongwen serve` request linting a 10,000-character draft against the
library call that does the same check (issue #15: at most 1.5x), both measured here, now.

    python benchmarks/web_bench.py [--runs 15]

The draft: our own plan and summary for the example unit as plain text, cut to 10,000 characters, with
half-width punctuation and an outdated wording put in (so there are findings to mark). The server runs
in this process (uvicorn on 127.0.0.1) and is asked over HTTP, as the browser asks it; the request
includes the upload, the lint, the draft with its marks and the JSON. Medians of --runs each, after a
warm-up of each (the corpus and jieba are loaded once, as in a running server)."""
from __future__ import annotations

import argparse
import socket
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import resources  # noqa: E402
from generator.core.model import block_text  # noqa: E402
from generator.data.profile import load_profile  # noqa: E402
from generator.lint.engine import lint_draft  # noqa: E402
from generator.plans.generate import generate_plan  # noqa: E402
from generator.readers import read_text  # noqa: E402


def draft_text(size: int = 10_000) -> str:
    profile = load_profile(resources.examples_dir() / "unit.yaml")
    doc = generate_plan(profile).document
    lines = [doc.meta.title, ""] + [block_text(b) for b in doc.blocks]
    text = "\n\n".join(lines)
    while len(text) < size:
        text += "\n\n" + "\n\n".join(block_text(b) for b in doc.blocks)
    text = text[:size]
    # defects a real draft has: half-width commas, an outdated 提法
    return text.replace("，", ",", 40).replace("新时代", "新时期", 2) + "\n\n中共柳溪镇委员会\n2025年2月18日\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    import httpx
    import uvicorn

    from generator.web.app import create_app
    from generator.web.security import Guard

    text = draft_text()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    guard = Guard.for_address("127.0.0.1", port)
    server = uvicorn.Server(uvicorn.Config(create_app(guard), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    client = httpx.Client(base_url=base, cookies={guard.cookie: guard.token},
                          headers={"X-CSRF-Token": guard.csrf, "Origin": base}, timeout=60)

    def library() -> int:
        return len(lint_draft(read_text(text, "草稿.txt", "txt")).findings)

    def web() -> int:
        r = client.post("/api/lint", data={"text": text})
        r.raise_for_status()
        return len(r.json()["findings"])

    n_lib, n_web = library(), web()  # warm-up: corpus, jieba, templates
    assert n_lib == n_web, (n_lib, n_web)
    times = {"library": [], "web": []}
    for _ in range(args.runs):  # interleaved, so that the machine's noise hits both alike
        for name, fn in (("library", library), ("web", web)):
            t = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t)
    lib, wb = statistics.median(times["library"]), statistics.median(times["web"])
    print(f"draft: {len(text):,} characters, {n_lib} findings; {args.runs} runs each, medians")
    print(f"library (read_text + lint_draft):        {lib * 1000:8.1f} ms")
    print(f"gongwen serve POST /api/lint over HTTP:  {wb * 1000:8.1f} ms   ratio {wb / lib:4.2f}x  (target <= 1.5x)")
    server.should_exit = True
    return 0


if __name__ == "__main__":
    sys.exit(main())
