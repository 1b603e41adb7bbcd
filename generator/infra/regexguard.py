"""Regular expressions checked for the shapes behind catastrophic backtracking ("ReDoS": with
Python's `re`, `(a+)+$` on a line of 41 characters runs for hours): a repeated part that can
itself match in more than one way — a repeat inside a repeat, alternatives inside a repeat. The
built-in patterns are held to this by a test; users' patterns run under a time limit instead
(lint/yamlrules.py) and are only refused for counts so large (a{4294967296}) that they compile
into huge programs or fail to compile."""
from __future__ import annotations

import re

try:  # Python 3.11+
    import re._constants as _c
    import re._parser as _parser
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

MAX_COUNT = 1000  # a{1000} is as far as a rule about 公文 text needs to count
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT, *([_c.POSSESSIVE_REPEAT] if hasattr(_c, "POSSESSIVE_REPEAT") else [])}


def problem(pattern: str, nested: bool = True) -> str | None:
    """Why `pattern` may not be used (in Chinese), or None. nested=False: only counts and syntax."""
    try:
        parsed = _parser.parse(pattern)
    except (re.error, OverflowError, RecursionError) as exc:
        return f"写法有误（{exc}）"
    return _check(parsed, inside_repeat=False, nested=nested)


def _check(items, inside_repeat: bool, nested: bool = True) -> str | None:
    for op, av in items:
        if op in _REPEATS:
            low, high, sub = av
            if (high != _c.MAXREPEAT and high > MAX_COUNT) or low > MAX_COUNT:
                return f"重复次数过大（超过{MAX_COUNT}）"
            variable = high == _c.MAXREPEAT or high > low  # a{3} matches one way, a+ and a{2,3} many
            if variable and inside_repeat and nested:
                return "重复中又有重复（如 (a+)+），会使检查卡住，请改写为单层重复"
            reason = _check(sub, inside_repeat or high == _c.MAXREPEAT or high > 1, nested)
            if reason:
                return reason
        elif op == _c.BRANCH:
            if inside_repeat and nested:
                return "重复的部分中有多个可选项（如 (a|ab)*），会使检查卡住，请改用字符类 [..] 或分成几条"
            for branch in av[1]:
                reason = _check(branch, inside_repeat, nested)
                if reason:
                    return reason
        elif op == _c.SUBPATTERN:
            reason = _check(av[-1], inside_repeat, nested)
            if reason:
                return reason
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            reason = _check(av[1], inside_repeat, nested)
            if reason:
                return reason
        elif op == _c.GROUPREF_EXISTS:
            for branch in av[1:]:
                if branch is not None:
                    reason = _check(branch, inside_repeat, nested)
                    if reason:
                        return reason
        elif op == _c.GROUPREF and inside_repeat and nested:
            return "重复的部分中有反向引用，会使检查卡住"
    return None
