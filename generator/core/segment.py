"""Chinese word segmentation for lint and corpus search: one jieba Tokenizer per process, with a
domain dictionary (the field's terms, fixed formulations, era wording, section names) so that
发展对象, 先锋模范作用 or 两个维护 come out as one word.

Cold start matters (a lint run is often one small file), so the tokenizer is built lazily on the
first cut() and its prefix dictionary is cached in the user's cache directory: that loads in
~0.15 s where jieba's own build takes ~0.5 s and its marshal cache ~0.5 s (docs/ARCHITECTURE.md,
measured facts). The cache is plain data read by our own code (words as UTF-8 text, frequencies as
an integer array, a SHA-256 over both), never pickle or marshal: a file planted in the cache
directory can at worst fail its check and be rebuilt, never run. The cache key covers jieba's
version, its dictionary and our word list, so a changed term list rebuilds it. An unwritable cache
directory only costs the build time."""
from __future__ import annotations

import array
import hashlib
import os
import re
import sys
import tempfile
import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from generator.core import kinds
from generator.core import snippets as snippets_mod
from generator.infra.cachedir import writable_cache_dir

if TYPE_CHECKING:  # pragma: no cover
    import jieba

_FORMAT = 2  # bump when the cached structure changes
_MAGIC = b"GWJIEBA2"
_CACHE_SUFFIX = ".freq"
_LOCK = threading.Lock()
_TOKENIZER = None
# jieba only matches dictionary words inside runs of these characters (its re_han_default).
_HAN_RUN = re.compile(r"[\u4E00-\u9FD5]{2,}")
_MAX_WORD = 16  # longer runs (whole sentences of a timeline) would only distort segmentation


def _import_jieba():
    """Import jieba without pkg_resources: jieba's _compat imports it only to locate dict.txt
    and it costs more than the rest of jieba's import; jieba falls back to a plain path."""
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba

        return jieba
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes `import` raise ImportError
    try:
        import jieba
    finally:
        if sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    return jieba


@lru_cache(maxsize=1)
def domain_words() -> tuple[str, ...]:
    """Every word the domain dictionary adds, sorted: from snippets/ (formulations, era wording,
    campaigns, unit types, statistics categories, snippets/lint/terms.yaml and the correct forms of
    the spinner list) and the section names and synonyms of kinds.py."""
    s = snippets_mod.load()
    texts: list[str] = []
    for f in s.formulations.values():
        texts.extend([f.text, f.label or "", *f.accept])
    for entries in s.timelines.values():
        texts.extend(e.text for e in entries)
    texts.extend(d.text for d in s.introduced)
    texts.extend(d.text for d in s.superseded)
    texts.extend(d.use for d in s.superseded if d.use)
    texts.extend(c.name for c in s.campaigns)
    for uid, d in s.unit_types.items():
        texts.extend([uid, d.get("name", ""), d.get("scope", ""), *d.get("aliases", [])])
    for k in kinds.KINDS.values():
        texts.append(k.name)
        for sec in k.sections:
            texts.extend(sec.names())
    texts.extend(snippets_mod.data("lint/terms").get("terms", []))
    texts.extend(str(p["correct"]) for p in snippets_mod.data("lint/spinner_words").get("phrases", []))
    words = set()
    for text in texts:
        for run in _HAN_RUN.findall(str(text)):
            if len(run) <= _MAX_WORD:
                words.add(run)
    return tuple(sorted(words))


def _jieba_dict_path(jieba) -> Path:
    return Path(jieba.__file__).resolve().parent / "dict.txt"


def _cache_key(jieba, words: tuple[str, ...]) -> str:
    h = hashlib.sha256()
    dict_path = _jieba_dict_path(jieba)
    try:
        st = dict_path.stat()
        h.update(f"{st.st_size}:{int(st.st_mtime)}".encode())
    except OSError:
        pass
    h.update(f"{_FORMAT}|{getattr(jieba, '__version__', '?')}|{sys.version_info[:2]}".encode())
    h.update("\n".join(words).encode("utf-8"))
    return h.hexdigest()[:20]


def _build(jieba, tk, words: tuple[str, ...]) -> None:
    with open(_jieba_dict_path(jieba), "rb") as fh:
        tk.FREQ, tk.total = tk.gen_pfdict(fh)
    tk.initialized = True  # before add_word/suggest_freq, which would otherwise load jieba's own dict
    for w in words:
        # the frequency that makes jieba keep the word whole (what jieba's suggest_freq computes)
        tk.add_word(w, max(tk.suggest_freq(w, tune=False), 3))


def _cache_bytes(freq: dict, total: int) -> bytes | None:
    """magic | sha256(body) | body, body = total (8 bytes) | word count (8) | frequencies (int64
    array) | the words, UTF-8, one per line. None when a word cannot be stored this way."""
    words = list(freq)
    if any("\n" in w for w in words):
        return None
    try:
        counts = array.array("q", (int(freq[w]) for w in words))
    except OverflowError:
        return None
    body = b"".join((
        total.to_bytes(8, "little", signed=True), len(words).to_bytes(8, "little"),
        _little(counts).tobytes(), "\n".join(words).encode("utf-8"),
    ))
    return _MAGIC + hashlib.sha256(body).digest() + body


def _little(counts: array.array) -> array.array:
    """The array in little-endian order whatever the machine's (the file must read the same anywhere)."""
    if sys.byteorder == "big":
        counts = array.array(counts.typecode, counts)
        counts.byteswap()
    return counts


def _parse_cache(data: bytes) -> tuple[dict, int] | None:
    """The prefix dictionary from _cache_bytes' format; None for anything else (truncated,
    tampered with, an older format)."""
    head = len(_MAGIC) + 32
    if len(data) < head + 16 or not data.startswith(_MAGIC):
        return None
    body = data[head:]
    if hashlib.sha256(body).digest() != data[len(_MAGIC):head]:
        return None
    total = int.from_bytes(body[:8], "little", signed=True)
    n = int.from_bytes(body[8:16], "little")
    end = 16 + 8 * n
    if n == 0 or end > len(body):
        return None
    counts = array.array("q")
    counts.frombytes(body[16:end])
    counts = _little(counts)
    try:
        words = body[end:].decode("utf-8").split("\n")
    except UnicodeDecodeError:
        return None
    if len(words) != n:
        return None
    return dict(zip(words, counts)), total


def _load_cached(path: Path, tk) -> bool:
    try:
        data = path.read_bytes()
    except OSError:  # missing or unreadable: rebuild
        return False
    parsed = _parse_cache(data)
    if parsed is None:
        return False
    tk.FREQ, tk.total = parsed
    tk.initialized = True
    return True


def _save(directory: Path, path: Path, tk) -> None:
    data = _cache_bytes(tk.FREQ, tk.total)
    if data is None:
        return
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".jieba-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)  # atomic: a concurrent reader sees the old file or the whole new one
    except OSError:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        return
    # caches of earlier word lists, and the pickles of earlier versions (never read, removed)
    for old in (*directory.glob("jieba-*" + _CACHE_SUFFIX), *directory.glob("jieba-*.pickle")):
        if old != path:
            try:
                old.unlink()
            except OSError:
                pass


def _create():
    jieba = _import_jieba()
    words = domain_words()
    tk = jieba.Tokenizer()
    directory = writable_cache_dir()
    path = directory / f"jieba-{_cache_key(jieba, words)}{_CACHE_SUFFIX}" if directory else None
    if path is not None and _load_cached(path, tk):
        return tk
    _build(jieba, tk, words)
    if path is not None:
        _save(directory, path, tk)
    return tk


def tokenizer() -> "jieba.Tokenizer":
    """The process-wide tokenizer with the domain dictionary (built on first use)."""
    global _TOKENIZER
    if _TOKENIZER is None:
        with _LOCK:
            if _TOKENIZER is None:
                _TOKENIZER = _create()
    return _TOKENIZER


def cut(text: str, hmm: bool = True) -> list[str]:
    """Words of `text` in order; "".join(cut(text)) == text."""
    return tokenizer().lcut(text, HMM=hmm)


def word_frequency(word: str) -> int:
    """How often jieba's dictionary (with the domain words) counts `word` as a word; 0 for none."""
    return tokenizer().FREQ.get(word, 0) or 0
