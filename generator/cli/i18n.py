"""Chinese for click's own messages (usage errors, help headings), and help text laid out for
Chinese. click looks its texts up through gettext; the translations are data (snippets/cli_zh.yaml),
untranslated texts stay English. click measures text in characters and wraps only at spaces; a
Chinese character takes two columns of a terminal and a Chinese sentence has no spaces, so its help
overflowed the terminal and lines joined from a docstring got stray spaces. The two layout functions
of click.formatting are replaced by ones that count columns and may break between Chinese characters."""
from __future__ import annotations

import importlib
import re
import unicodedata

from generator.core import snippets

_MODULES = ("core", "exceptions", "types", "parser", "formatting", "decorators", "termui")


def install() -> None:
    data = snippets.data("cli_zh")
    singular: dict[str, str] = data.get("messages") or {}
    plural: dict[str, str] = data.get("plural") or {}

    def gettext(message: str) -> str:
        return singular.get(message, message)

    def ngettext(one: str, many: str, n: int) -> str:
        chosen = one if n == 1 else many
        return plural.get(chosen, chosen)

    for name in _MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext

    formatting = importlib.import_module("click.formatting")
    formatting.term_len = display_width
    formatting.wrap_text = wrap_text


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def display_width(text: str) -> int:
    """Terminal columns: Chinese characters and full-width punctuation take two."""
    return sum(2 if _wide(c) else 0 if unicodedata.combining(c) else 1 for c in _ANSI.sub("", text))


# punctuation that may not begin a line, and openers that may not end one (GB/T 15834 usage)
_NO_START = set("，。、；：？！）》」』】〕”’…—·%％,.;:!?)]}")
_NO_END = set("（《「『【〔“‘([{")
_TOKEN = re.compile(r"\s+|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u2010-\u206f]+|.")


def _tokens(text: str) -> list[str]:
    """Words of Latin text stay whole, every Chinese character is its own token; punctuation
    sticks to the token before it, an opening bracket to the one after it."""
    out: list[str] = []
    glue_next = False
    for tok in _TOKEN.findall(text):
        if out and not tok.isspace() and (glue_next or tok[0] in _NO_START):
            out[-1] += tok
        else:
            out.append(tok)
        glue_next = not tok.isspace() and tok[-1] in _NO_END
    return out


def _fill(text: str, width: int, first: str, rest: str) -> str:
    lines: list[str] = []
    line, content = first, False
    space = ""
    for tok in _tokens(text):
        if tok.isspace():
            space = " " if content else ""
            continue
        if content and display_width(line + space + tok) > width:
            lines.append(line)
            line, space = rest, ""
        line += space + tok
        space, content = "", True
    lines.append(line)
    return "\n".join(x.rstrip() for x in lines)


def _join(lines: list[str]) -> str:
    """Lines of one paragraph: a space between Latin words, none between Chinese characters."""
    out = ""
    for line in lines:
        line = line.strip()
        if out and not (_wide(out[-1]) or _wide(line[:1] or " ")):
            out += " "
        out += line
    return out


def wrap_text(text: str, width: int = 78, initial_indent: str = "", subsequent_indent: str = "",
              preserve_paragraphs: bool = False) -> str:
    """click.formatting.wrap_text with the same contract (paragraphs, \\b blocks kept as written,
    a paragraph's own indentation kept), measuring columns and breaking between Chinese characters."""
    text = text.expandtabs()
    if not preserve_paragraphs:
        return _fill(_join(text.splitlines()), width, initial_indent, subsequent_indent)
    paragraphs: list[tuple[int, bool, list[str]]] = []
    buf: list[str] = []
    indent = 0
    for line in text.splitlines() + [""]:
        if line.strip():
            if not buf:
                indent = len(line) - len(line.lstrip())
            buf.append(line)
            continue
        if buf:
            raw = buf[0].strip() == "\b"
            paragraphs.append((indent, raw, buf[1:] if raw else buf))
            buf = []
    out = []
    for indent, raw, lines in paragraphs:
        pad = " " * indent
        if raw:
            out.append("\n".join(
                (initial_indent if i == 0 else subsequent_indent) + pad + line for i, line in enumerate(lines)
            ))
        else:
            out.append(_fill(_join(lines), width, initial_indent + pad, subsequent_indent + pad))
    return "\n\n".join(out)
