"""Split a text into YAML front matter and body, keeping the body's line offset for messages."""
from __future__ import annotations

from generator.errors import InputError
from generator.infra.yamlio import load_yaml_text, plain_mapping


def split(text: str, source: str) -> tuple[dict, str, int]:
    """Return (front matter, body, number of lines before the body). No front matter -> {}."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text, 0
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            # our own front matter (字段: 值, plain values) needs no YAML parser; anything else does,
            # with a leading newline that keeps YAML's line numbers equal to the file's
            data = plain_mapping(lines[1:i])
            if data is None:
                data = load_yaml_text("\n" + "\n".join(lines[1:i]), source)
            if data is None:
                data = {}
            if not isinstance(data, dict):
                raise InputError(f"{source}：第1行起的文件头（--- 之间）应为“字段: 值”形式")
            return data, "\n".join(lines[i + 1:]), i + 1
    raise InputError(f"{source}：第1行的文件头（---）没有结束行 ---")
