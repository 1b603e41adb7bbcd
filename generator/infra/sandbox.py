"""A Jinja environment for text users write (their clauses, letterheads): sandboxed, immutable
and bounded in time, output size, loop steps and the size of any value it makes.

Jinja's own sandbox stops attribute tricks but not a template that asks for `'x' * 3000000000`,
`.ljust(2e9)`, `lipsum(1000000)` or three nested loops over `range(100000)`: a shared corpus or
letterhead could hang a batch or exhaust an office PC's memory. Every limit raises `LimitError`
(a jinja2 SecurityError, so the callers' template-error handling names the file and line)."""
from __future__ import annotations

import contextvars
import re
import string
import time
import types
from typing import Any, Iterable, Iterator

from jinja2 import nodes
from jinja2.exceptions import SecurityError, TemplateSyntaxError
from jinja2.filters import FILTERS
from jinja2.runtime import markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import pass_eval_context
from jinja2.visitor import NodeTransformer

MAX_TEXT = 2_000_000  # characters in any one value and in a render's output (a plan is ~10,000)
MAX_STEPS = 1_000_000  # loop iterations and calls per render (a clause makes a few dozen)
MAX_SECONDS = 10.0  # wall time per render
MAX_WIDTH = 1000  # a padding width or precision in a format spec, ljust, center, indent
MAX_INT_BITS = 4096  # integers a template computes (2**4096 has 1,234 digits)


class LimitError(SecurityError):
    """A template went past one of the bounds above."""


class _Budget:
    __slots__ = ("deadline", "steps")

    def __init__(self) -> None:
        self.deadline = time.monotonic() + MAX_SECONDS
        self.steps = 0

    def tick(self, n: int = 1) -> None:
        self.steps += n
        if self.steps > MAX_STEPS:
            raise LimitError(f"模板循环或调用次数超过上限（{MAX_STEPS:,} 次），请检查是否有多重循环")
        if self.steps % 256 == 0 and time.monotonic() > self.deadline:
            raise LimitError(f"模板运行超过 {MAX_SECONDS:g} 秒，已停止，请检查是否有多重循环")


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("gongwen_template_budget", default=None)


def _tick(n: int = 1) -> None:
    budget = _BUDGET.get()
    if budget is not None:
        budget.tick(n)


def _size(value: Any) -> int:
    try:
        return len(value)
    except TypeError:
        return 0


def _check_size(n: int) -> None:
    if n > MAX_TEXT:
        raise LimitError(f"模板生成的文字超过上限（{MAX_TEXT:,} 字）")


def _check_width(n: Any, what: str) -> None:
    try:
        too_big = abs(int(n)) > MAX_WIDTH
    except (TypeError, ValueError, OverflowError):
        return  # not a number: the method itself will refuse it
    if too_big:
        raise LimitError(f"{what}的宽度 {n} 超过上限 {MAX_WIDTH}")


def check_format_string(fmt: str) -> None:
    """A str.format template whose fields pad or round to at most MAX_WIDTH (nested fields included)."""
    try:
        fields = list(string.Formatter().parse(fmt))
    except ValueError:
        return  # malformed: str.format raises its own error
    for _, _, spec, _ in fields:
        if spec:
            for digits in _numbers(spec):
                _check_width(digits, "格式")
            if "{" in spec:
                check_format_string(spec)


def _numbers(text: str) -> Iterator[str]:
    run = ""
    for ch in text + " ":
        if ch.isdigit():
            run += ch
        elif run:
            yield run
            run = ""


_PERCENT = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")


def _check_percent_format(fmt: str) -> None:
    """`'%1000000000d' % 1` allocates what the width says; `*` takes the width from the data."""
    for m in _PERCENT.finditer(fmt):
        for part in m.groups():
            if part == "*":
                raise LimitError("模板中的 % 格式不能用 * 指定宽度")
            if part:
                _check_width(part, "格式")


def _deep_size(value: Any, cap: int = MAX_TEXT) -> int:
    """Characters and items in a value, containers counted through (stops counting past `cap`):
    `[[x] * 10**6] * 10**6` is small as a list and enormous once printed."""
    total, stack = 0, [value]
    while stack and total <= cap:
        v = stack.pop()
        if isinstance(v, str):
            total += len(v)
        elif isinstance(v, (list, tuple, set, frozenset)):
            total += len(v) + 1
            stack.extend(v)
        elif isinstance(v, dict):
            total += len(v) + 1
            stack.extend(v.keys())
            stack.extend(v.values())
        else:
            total += 1
    return total


def _bounded_binop(op: str, left: Any, right: Any) -> Any:
    if op == "*":
        for seq, n in ((left, right), (right, left)):
            if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and not isinstance(n, bool):
                _check_size(_deep_size(seq) * max(n, 0))
        if isinstance(left, int) and isinstance(right, int):
            if left.bit_length() + right.bit_length() > MAX_INT_BITS:
                raise LimitError(f"模板中的整数超过上限（{MAX_INT_BITS} 位）")
        return left * right
    if op == "**":
        if isinstance(left, int) and isinstance(right, int) and abs(left) > 1:
            if right * max(abs(left).bit_length(), 1) > MAX_INT_BITS:
                raise LimitError(f"模板中的整数超过上限（{MAX_INT_BITS} 位）")
        if isinstance(left, float) or isinstance(right, float):
            try:
                return float(left) ** float(right)
            except OverflowError:
                raise LimitError("模板中的数值超出范围") from None
        return left ** right
    if op == "+":
        if isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
            _check_size(_deep_size(left) + _deep_size(right))
        return left + right
    if op == "%":
        if isinstance(left, str):
            _check_percent_format(left)
        return left % right
    raise AssertionError(op)


# str methods whose first argument is a width; replace/join/expandtabs grow by a factor
_WIDTH_METHODS = {"ljust", "rjust", "center", "zfill"}


def _check_method(obj: Any, args: tuple, kwargs: dict) -> None:
    if isinstance(obj, (types.BuiltinFunctionType, types.BuiltinMethodType, types.MethodWrapperType)):
        # a built-in that takes a count allocates it: (1).to_bytes(10**9), 'x'.ljust(10**9)
        for a in (*args, *kwargs.values()):
            if isinstance(a, int) and not isinstance(a, bool) and abs(a) > MAX_TEXT:
                raise LimitError(f"模板中的数值 {a} 超过上限")
    self = getattr(obj, "__self__", None)
    name = getattr(obj, "__name__", "")
    if not isinstance(self, str):
        return
    if name in _WIDTH_METHODS and args:
        _check_width(args[0], name)
    elif name == "expandtabs":
        width = args[0] if args else kwargs.get("tabsize", 8)
        _check_width(width, name)
    elif name == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
        _check_size(len(self) + self.count(args[0]) * max(len(args[1]) - len(args[0]), 0) + len(args[1]))
    elif name == "join" and args:
        items = args[0]
        if isinstance(items, (list, tuple)):
            _check_size(len(self) * len(items) + sum(_size(i) for i in items))


def _filter_center(value: Any, width: int = 80) -> str:
    _check_width(width, "center")
    return FILTERS["center"](value, width)


def _filter_indent(s: str, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    if isinstance(width, str):
        _check_size(len(s) + len(width) * (str(s).count("\n") + 1))
    else:
        _check_width(width, "indent")
    return FILTERS["indent"](s, width, first, blank)


def _filter_format(value: str, *args: Any, **kwargs: Any) -> str:
    if isinstance(value, str):
        _check_percent_format(value)
    return FILTERS["format"](value, *args, **kwargs)


def _filter_replace(eval_ctx, s: str, old: str, new: str, count: int | None = None) -> str:
    if isinstance(s, str) and isinstance(old, str) and isinstance(new, str):
        _check_size(len(s) + s.count(old) * max(len(new) - len(old), 0) + len(new))
    return FILTERS["replace"](eval_ctx, s, old, new, count)


def _filter_wordwrap(environment, s: str, width: int = 79, *args: Any, **kwargs: Any) -> str:
    _check_width(width, "wordwrap")
    return FILTERS["wordwrap"](environment, s, width, *args, **kwargs)


def _filter_batch(value: Iterable, linecount: int, fill_with: Any = None) -> Iterator:
    if fill_with is not None:  # pads the last line to `linecount` items
        _check_width(linecount, "batch")
    return FILTERS["batch"](value, linecount, fill_with)


def _filter_slice(value: Iterable, slices: int, fill_with: Any = None) -> Iterator:
    _check_width(slices, "slice")
    return FILTERS["slice"](value, slices, fill_with)


_filter_replace.jinja_pass_arg = FILTERS["replace"].jinja_pass_arg  # type: ignore[attr-defined]
_filter_wordwrap.jinja_pass_arg = FILTERS["wordwrap"].jinja_pass_arg  # type: ignore[attr-defined]


def _iterate(value: Iterable) -> Iterator:
    """Every `{% for %}` runs through this: each step is counted against the render's budget."""
    budget = _BUDGET.get()
    for item in value:
        if budget is not None:
            budget.tick()
        yield item


def _join_bounded(parts: Iterable) -> str:
    """A render's or block's output, bounded like every other value."""
    out, size = [], 0
    for p in parts:
        s = str(p)
        size += len(s)
        _check_size(size)
        out.append(s)
    return "".join(out)


@pass_eval_context
def _concat_operands(eval_ctx, parts: list) -> str:
    """`a ~ b`: Jinja's own join (escaping when the template autoescapes), after a size check."""
    _check_size(sum(_deep_size(p) for p in parts))
    return markup_join(parts) if eval_ctx.autoescape else str_join(parts)


class _Rewriter(NodeTransformer):
    """Routes loop iterables and `~` concatenation through the bounded helpers above."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        node = self.generic_visit(node)
        node.iter = nodes.Filter(node.iter, "_gw_iterate", [], [], None, None, lineno=node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        node = self.generic_visit(node)
        listed = nodes.List(node.nodes, lineno=node.lineno)
        return nodes.Filter(listed, "_gw_concat", [], [], None, None, lineno=node.lineno)


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    """ImmutableSandboxedEnvironment with the bounds of this module."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, *args: Any, loading: bool = True, **kwargs: Any) -> None:
        """loading=False: a template that stands alone (a letterhead) may not include, extend or
        import others: it has no folder to load them from, and it must not read the user's files."""
        super().__init__(*args, **kwargs)
        self.loading = loading
        self.globals.pop("lipsum", None)  # lorem ipsum of any length: no use in a 公文
        self.filters.update(
            center=_filter_center, indent=_filter_indent, format=_filter_format,
            replace=_filter_replace, wordwrap=_filter_wordwrap,
            _gw_iterate=_iterate, _gw_concat=_concat_operands, batch=_filter_batch, slice=_filter_slice,
        )

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        if not self.loading:
            for node in tree.find_all((nodes.Include, nodes.Extends, nodes.Import, nodes.FromImport)):
                raise TemplateSyntaxError(
                    "不能使用 {% include %}、{% extends %}、{% import %}，请把内容直接写在模板中",
                    node.lineno, name, filename)
        return _Rewriter().visit(tree)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _tick()
        return _bounded_binop(operator, left, right)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        _tick()
        _check_method(__obj, args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any):
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        check_format_string(value.__self__)
        return wrapped

    def concat(self, parts: Iterable) -> str:  # type: ignore[override]
        """Every render, macro and block output goes through here: the outermost one opens the
        render's budget (time, steps) and every one is bounded in size."""
        token = _BUDGET.set(_Budget()) if _BUDGET.get() is None else None
        try:
            return _join_bounded(parts)
        except RecursionError:
            raise LimitError("模板递归层数过多（宏或循环调用了自己）") from None
        finally:
            if token is not None:
                _BUDGET.reset(token)


def security_reason(exc: SecurityError) -> str:
    """A sandbox refusal in the user's words: a limit says which; a refused attribute is, in
    practice, an attempt to change the shared data (`单位.update(…)`) or reach Python internals."""
    if isinstance(exc, LimitError):
        return str(exc)
    m = re.search(r"attribute '([^']+)'", str(exc))
    what = f"（“{m.group(1)}”）" if m else ""
    return f"模板不能修改共享的数据，也不能访问内部属性{what}"
