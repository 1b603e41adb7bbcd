"""The shared segmenter: one jieba Tokenizer with the domain dictionary, cached in the user's cache
directory (created if missing), still working when that directory cannot be written."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from generator.core import segment


def test_cut_keeps_text_and_domain_terms_whole():
    text = "充分发挥党员先锋模范作用，严格执行发展对象的政治审查，增强四个意识、做到两个维护。"
    words = segment.cut(text)
    assert "".join(words) == text
    for term in ("先锋模范作用", "发展对象", "政治审查", "四个意识", "两个维护"):
        assert term in words
    assert segment.tokenizer() is segment.tokenizer()


def test_domain_words_come_from_snippets_and_kinds():
    words = set(segment.domain_words())
    assert {"总要求", "十六字方针", "入党积极分子", "目标任务", "保障措施", "下步打算"} <= words
    assert all(len(w) >= 2 for w in words)


def _fresh_process(env: dict, code: str) -> subprocess.CompletedProcess:
    full = {**os.environ, **env}
    return subprocess.run([sys.executable, "-c", code], env=full, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_cache_is_created_in_the_users_cache_dir_and_reused(tmp_path):
    cache = tmp_path / "新目录" / "gongwen"
    code = "from generator.core.segment import cut; print('/'.join(cut('发展对象和预备党员')))"
    first = _fresh_process({"GONGWEN_CACHE_DIR": str(cache)}, code)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "发展对象/和/预备党员"
    files = list(cache.glob("jieba-*.freq"))
    assert len(files) == 1
    mtime = files[0].stat().st_mtime_ns
    second = _fresh_process({"GONGWEN_CACHE_DIR": str(cache)}, code)
    assert second.stdout == first.stdout
    assert files[0].stat().st_mtime_ns == mtime  # loaded, not rebuilt
    assert "Building prefix dict" not in first.stderr + second.stderr  # jieba's own noise is not printed


def test_unwritable_cache_dir_still_works(tmp_path):
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("x")
    r = _fresh_process({"GONGWEN_CACHE_DIR": str(blocked / "sub")},
                       "from generator.core.segment import cut; print(len(cut('发展对象')))")
    assert r.returncode == 0 and r.stdout.strip() == "1"


@pytest.mark.slow
def test_corrupt_cache_is_rebuilt(tmp_path):
    code = "from generator.core.segment import cut; print(cut('预备党员'))"
    assert _fresh_process({"GONGWEN_CACHE_DIR": str(tmp_path)}, code).returncode == 0
    (f,) = tmp_path.glob("jieba-*.freq")
    f.write_bytes(b"not a cache")
    r = _fresh_process({"GONGWEN_CACHE_DIR": str(tmp_path)}, code)
    assert r.returncode == 0 and "预备党员" in r.stdout
    assert f.stat().st_size > 1000


def test_cache_dir_follows_platform_conventions(monkeypatch):
    from generator.infra import cachedir

    monkeypatch.delenv("GONGWEN_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "/x/cache")
    if sys.platform.startswith("linux"):
        assert str(cachedir.user_cache_dir()) == "/x/cache/gongwen"


def test_cache_format_round_trips_and_refuses_tampering():
    from generator.core import segment

    freq = {"发展": 120, "发展对象": 30, "发": 0, "对象": 55}
    data = segment._cache_bytes(freq, 205)
    assert segment._parse_cache(data) == (freq, 205)
    flipped = bytearray(data)
    flipped[-2] ^= 1  # one bit of one word
    assert segment._parse_cache(bytes(flipped)) is None
    assert segment._parse_cache(data[:-5]) is None  # truncated
    assert segment._parse_cache(b"") is None
    assert segment._cache_bytes({"a\nb": 1}, 1) is None  # a word the format cannot hold is not cached


@pytest.mark.slow
def test_planted_pickle_in_the_cache_is_never_run(tmp_path):
    """A pickle that would create a file when loaded, planted under the cache's name and under the
    old .pickle name: lint runs, the file is never created, the cache is rebuilt as plain data."""
    import pickle

    code = "from generator.core.segment import cut; print(cut('预备党员'))"
    assert _fresh_process({"GONGWEN_CACHE_DIR": str(tmp_path)}, code).returncode == 0
    (f,) = tmp_path.glob("jieba-*.freq")
    marker = tmp_path / "pwned"

    class Payload:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    evil = pickle.dumps(Payload())
    f.write_bytes(evil)
    f.with_suffix(".pickle").write_bytes(evil)
    r = _fresh_process({"GONGWEN_CACHE_DIR": str(tmp_path)}, code)
    assert r.returncode == 0 and "预备党员" in r.stdout
    assert not marker.exists()
    assert f.read_bytes().startswith(b"GWJIEBA2")
    assert not f.with_suffix(".pickle").exists()  # the old-format file is removed, never read
