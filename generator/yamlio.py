"""Reading YAML files of the project and of users, with Chinese messages that name file and line."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import InputError


# libyaml's parser when PyYAML has it (8x faster: a batch parses one front matter per document)
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeBase):
    """SafeLoader that leaves dates as text: our own parser checks them and names the field,
    where PyYAML would fail the whole file on 2025-13-01."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml_text(text: str, source: str) -> Any:
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第{mark.line + 1}行第{mark.column + 1}列" if mark else ""
        problem = getattr(exc, "problem", None) or "格式错误"
        raise InputError(f"{source}：{where} YAML 无法解析（{problem}）") from None


def load_yaml(path: Path) -> Any:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{path}：文件不存在") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}：不是 UTF-8 编码的文本文件，请另存为 UTF-8") from None
    except OSError as exc:
        raise InputError(f"{path}：无法读取（{exc.strerror}）") from None
    return load_yaml_text(text, str(path))
