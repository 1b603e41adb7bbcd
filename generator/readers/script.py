"""Drafts in traditional characters (a 范文 site's conversion, a Hong Kong or Taiwan page): a 公文 uses
the standard simplified characters, so such a draft is reported once and then read — and linted —
in its simplified reading (OpenCC t2s). The conversion keeps the text's length, character for
character, so every position lint reports still points into the file as written."""
from __future__ import annotations

import re
from functools import lru_cache

# traditional-only forms of the commonest characters of party documents: a text with none of them
# is not converted at all (most drafts), so simplified drafts pay nothing
_TELLTALE = re.compile("[黨員發會們這個為國與對說時來過還進開關經義學動實現問題處當區體門見長東從產報務應線將級點幾議論軍萬歲業華號舉並讓幹組織設計劃導設堅質結構總優規範條紀嚴係認識]")
_CJK = re.compile("[\u4e00-\u9fff]")
MIN_SHARE = 0.05  # of the Chinese characters: below it, a few stray forms are typos, not a traditional text


@lru_cache(maxsize=1)
def _converter():
    try:
        import opencc
    except ImportError:  # the dependency is declared; a broken install only loses this check
        return None
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> tuple[str, int]:
    """(the simplified reading, how many characters it changed); (text, 0) for a simplified text.
    Only a conversion that keeps the length is used (positions must hold)."""
    telltales = len(_TELLTALE.findall(text, 0, 200_000))
    if telltales < 3:
        return text, 0
    converter = _converter()
    if converter is None:
        return text, 0
    simplified = converter.convert(text)
    if len(simplified) != len(text):
        simplified = "".join(converter.convert(ch) if len(converter.convert(ch)) == 1 else ch for ch in text)
    changed = sum(1 for a, b in zip(text, simplified) if a != b)
    cjk = len(_CJK.findall(text))
    if changed < 3 or changed < MIN_SHARE * cjk:
        return text, 0
    return simplified, changed
