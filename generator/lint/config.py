"""Lint configuration: which rules run, at what severity, and a unit's own rule files.

    # gongwen.toml                       # or gongwen.yaml with the same keys under `lint:`
    [lint]
    disable = ["junk/stray-latin", "punct"]   # rule ids or whole families
    rule_files = ["本单位规范.yaml"]            # relative to this file
    [lint.severity]
    "wording/de-di-de" = "error"               # error | warning | info | off
    [lint.options]
    percent_tolerance = 0.5                    # percentage points a stated share may be off

Found as --config FILE, else gongwen.toml / gongwen.yaml in the current directory or the nearest
parent. TOML is read with tomllib (Python 3.11+); on 3.10 a small reader for this subset of TOML
is used, so no extra package is needed."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import InputError, ValidationError
from generator.infra.codec import decode_utf8
from generator.infra.fileio import read_input
from generator.infra.yamlio import load_yaml
from generator.lint.rule import FAMILIES, REGISTRY, SEVERITIES, Rule
from generator.lint.rules import load_all
from generator.lint.yamlrules import compile_file

CONFIG_NAMES = ("gongwen.toml", "gongwen.yaml", "gongwen.yml")
OPTIONS = {"percent_tolerance": float, "sum_check": bool}
OPTION_MAX = {"percent_tolerance": 100.0}  # percentage points


@dataclass
class LintConfig:
    disabled: set[str] = field(default_factory=set)
    severities: dict[str, str] = field(default_factory=dict)
    extra_rules: list[Rule] = field(default_factory=list)
    options: dict = field(default_factory=dict)
    path: str | None = None

    def all_rules(self) -> list[Rule]:
        load_all()
        return [*REGISTRY.values(), *self.extra_rules]

    def active_rules(self) -> list[Rule]:
        return [r for r in self.all_rules() if not self._off(r.id)]

    def _off(self, rule_id: str) -> bool:
        family = rule_id.split("/", 1)[0]
        if rule_id in self.disabled or family in self.disabled:
            return True
        return self.severities.get(rule_id, self.severities.get(family)) == "off"

    def severity_for(self, rule_id: str, default: str) -> str:
        family = rule_id.split("/", 1)[0]
        return self.severities.get(rule_id) or self.severities.get(family) or default


_PROJECT_MARKERS = (".git", ".hg", ".svn")


def find_config(start: Path | None = None) -> Path | None:
    """The nearest gongwen.toml / gongwen.yaml from `start` (the current directory) upwards,
    stopping at the project's root (a folder with .git), the home directory or the drive's root,
    whichever comes first: a file someone left in /tmp or at C:\\ must not steer every lint."""
    here = (start or Path.cwd()).resolve()
    try:
        home = Path.home().resolve()
    except (RuntimeError, OSError):
        home = None
    for d in (here, *here.parents):
        if d.parent == d:  # the file system's root is never searched
            break
        for name in CONFIG_NAMES:
            p = d / name
            if p.is_file():
                return p
        if d == home or any((d / m).exists() for m in _PROJECT_MARKERS):
            break
    return None


def load_config(path: str | Path | None = None, discover: bool = True) -> LintConfig:
    if path is None:
        found = find_config() if discover else None
        if found is None:
            return LintConfig()
        path = found
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}：配置文件不存在")
    if path.suffix.lower() == ".toml":
        data = _read_toml(path)
    elif path.suffix.lower() in (".yaml", ".yml"):
        data = load_yaml(path, unique_keys=True) or {}  # a setting written twice is reported
    else:
        raise InputError(f"{path}：配置文件应为 .toml 或 .yaml")
    if not isinstance(data, dict):
        raise InputError(f"{path}：配置文件应为“键 = 值”形式")
    # a mistyped section ([lnt]) would silently lint with the defaults
    unknown = [str(k) for k in data if k != "lint"]
    if unknown:
        raise ValidationError(str(path), [f"未知的设置节“{k}”（可用：lint）" for k in unknown])
    section = data.get("lint", {})
    if not isinstance(section, dict):
        raise InputError(f"{path}：[lint] 应为一节设置")
    return _parse(section, path)


def _parse(section: dict, path: Path) -> LintConfig:
    load_all()
    problems: list[str] = []
    known_keys = {"disable", "severity", "rule_files", "options"}
    for k in section:
        if k not in known_keys:
            problems.append(f"未知设置“{k}”（可用：{'、'.join(sorted(known_keys))}）")
    cfg = LintConfig(path=str(path))
    extra: list[Rule] = []
    files = section.get("rule_files") or []
    if isinstance(files, str):
        files = [files]
    if not isinstance(files, list):
        problems.append("rule_files 应为文件列表")
        files = []
    for f in files:
        if not isinstance(f, str) or "\x00" in f or not f.strip():
            problems.append(f"rule_files 中的“{str(f)[:60].replace(chr(0), chr(92) + '0')}”不是文件名（含空字符或不是文字）")
            continue
        p = (path.parent / f).resolve()
        if not p.is_file():
            problems.append(f"rule_files 中的“{f}”不存在（按 {path.parent} 解释相对路径）")
            continue
        try:
            extra.extend(compile_file(p, str(f)))
        except ValidationError as exc:
            problems.extend(f"{f}：{q}" for q in exc.problems)
        except InputError as exc:
            problems.append(str(exc))
    ids = set(REGISTRY) | {r.id for r in extra}
    families = set(FAMILIES) | {i.split("/", 1)[0] for i in ids}
    for r in extra:
        if r.id in REGISTRY:
            problems.append(f"规则文件中的 id“{r.id}”与内置规则重名，请换一个名称")

    def known(name: str) -> bool:
        return name in ids or name in families

    disable = section.get("disable") or []
    if isinstance(disable, str):
        disable = [disable]
    if not isinstance(disable, list):
        problems.append("disable 应为规则列表")
        disable = []
    for d in disable:
        if not known(str(d)):
            problems.append(f"disable 中的“{d}”不是已知规则或类别")
    cfg.disabled = {str(d) for d in disable}
    sev = section.get("severity") or {}
    if not isinstance(sev, dict):
        problems.append("severity 应为“规则 = 级别”的一节")
        sev = {}
    for k, v in sev.items():
        if not known(str(k)):
            problems.append(f"severity 中的“{k}”不是已知规则或类别")
        elif v not in (*SEVERITIES, "off"):
            problems.append(f"severity 中“{k}”的级别“{v}”应为 error、warning、info、off 之一")
        else:
            cfg.severities[str(k)] = str(v)
    opts = section.get("options") or {}
    if not isinstance(opts, dict):
        problems.append("options 应为一节设置")
        opts = {}
    for k, v in opts.items():
        kind = OPTIONS.get(str(k))
        if kind is None:
            problems.append(f"options 中的“{k}”不是已知选项（可用：{'、'.join(OPTIONS)}）")
        elif kind is float and (isinstance(v, bool) or not isinstance(v, (int, float))):
            problems.append(f"options 中“{k}”应为数字")
        elif kind is float and not 0 <= v <= OPTION_MAX[str(k)]:  # also nan and inf
            problems.append(f"options 中“{k}”应在 0 到 {OPTION_MAX[str(k)]:g} 之间，实际为 {v}")
        elif kind is bool and not isinstance(v, bool):
            problems.append(f"options 中“{k}”应为 true 或 false")
        else:
            cfg.options[str(k)] = kind(v)
    if problems:
        raise ValidationError(str(path), problems)
    cfg.extra_rules = extra
    return cfg


# --- TOML ------------------------------------------------------------------------------------
def _read_toml(path: Path) -> dict:
    text = decode_utf8(read_input(path), str(path), "TOML 配置文件")
    duplicates = toml_duplicates(text)
    if duplicates:  # before tomllib, whose message is English and names only the second line
        raise ValidationError(str(path), duplicates)
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        return parse_toml_subset(text, str(path))
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        where = f"第{m.group(1)}行第{m.group(2)}列" if m else ""
        reason = str(exc)[: m.start()].strip() if m else str(exc)
        raise InputError(f"{path}：{where} TOML 格式错误（{reason}）") from None


_KEY = r'''(?:"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_\-\u4e00-\u9fff/]+)'''
_TABLE = re.compile(rf"^\[\s*({_KEY}(?:\s*\.\s*{_KEY})*)\s*\]$")
_PAIR = re.compile(rf"^({_KEY})\s*=\s*(.+)$")


_DOTTED_PAIR = re.compile(rf"^({_KEY}(?:\s*\.\s*{_KEY})*)\s*=")


def toml_duplicates(text: str) -> list[str]:
    """Keys written twice in one table, and tables declared twice, each with both lines: TOML
    forbids them, and a writer who pastes a block twice should hear which lines clash, in Chinese."""
    problems: list[str] = []
    keys: dict[tuple[str, ...], int] = {}
    tables: dict[tuple[str, ...], int] = {}
    current: tuple[str, ...] = ()
    in_string = None  # inside a multi-line string: its delimiter
    for no, raw in enumerate(text.split("\n"), 1):
        if in_string:
            if raw.count(in_string) % 2:
                in_string = None
            continue
        line = _strip_comment(raw).strip()
        for quote in ('"""', "'''"):
            if line.count(quote) % 2:
                in_string = quote
        if line.startswith("[["):  # array of tables: its keys repeat by design
            current = ("[[", str(no))
            continue
        m = _TABLE.match(line)
        if m:
            current = tuple(_split_keys(m.group(1)))
            name = ".".join(current)
            if current in tables:
                problems.append(f"第{no}行：表名“[{name}]”与第{tables[current]}行重复，每一节只能写一次，请把两处的设置合并")
            else:
                tables[current] = no
            continue
        m = _DOTTED_PAIR.match(line)
        if not m:
            continue
        key = (*current, *_split_keys(m.group(1)))
        if key in keys:
            shown = ".".join(_split_keys(m.group(1)))
            where = f"[{'.'.join(current)}] 中" if current else ""
            problems.append(f"第{no}行：{where}“{shown}”与第{keys[key]}行重复，同一节中每个设置只能写一次"
                            "（否则后写的会覆盖先写的）")
        else:
            keys[key] = no
    return problems


def parse_toml_subset(text: str, source: str = "<toml>") -> dict:
    """The TOML a gongwen config uses: [tables] and [a.b] tables, key = string / number / bool /
    one-line array of those, # comments. Anything else is reported with its line; so is a key or
    table written twice."""
    duplicates = toml_duplicates(text)
    if duplicates:
        raise ValidationError(source, duplicates)
    root: dict = {}
    current = root
    for no, raw in enumerate(text.split("\n"), 1):
        line = _strip_comment(raw).strip()
        if not line:
            continue
        m = _TABLE.match(line)
        if m:
            current = root
            for k in _split_keys(m.group(1)):
                current = current.setdefault(k, {})
                if not isinstance(current, dict):
                    raise InputError(f"{source}：第{no}行表名与已有的键冲突")
            continue
        m = _PAIR.match(line)
        if not m:
            raise InputError(f"{source}：第{no}行 TOML 格式错误（应为 键 = 值 或 [表名]）")
        current[_unquote(m.group(1))] = _value(m.group(2).strip(), source, no)
    return root


def _strip_comment(line: str) -> str:
    out, quote = [], None
    for i, c in enumerate(line):
        if quote:
            if c == quote and line[i - 1] != "\\":
                quote = None
        elif c in "\"'":
            quote = c
        elif c == "#":
            break
        out.append(c)
    return "".join(out)


def _split_keys(text: str) -> list[str]:
    return [_unquote(k.strip()) for k in re.findall(_KEY, text)]


def _unquote(k: str) -> str:
    return k[1:-1] if len(k) >= 2 and k[0] == k[-1] and k[0] in "\"'" else k


def _value(text: str, source: str, no: int):
    if text.startswith("[") and text.endswith("]"):
        inner = text[1:-1].strip()
        if not inner:
            return []
        items = re.findall(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'|[^,\s][^,]*', inner)
        return [_value(i.strip(), source, no) for i in items if i.strip()]
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        body = text[1:-1]
        return body.encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8") if text[0] == '"' and "\\" in body else body
    if text in ("true", "false"):
        return text == "true"
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        raise InputError(f"{source}：第{no}行的值“{text}”无法解析（字符串请加引号）") from None
