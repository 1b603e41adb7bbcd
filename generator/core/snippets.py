"""Fixed formulations and era-dependent wording (snippets/*.yaml): the single source that templates
render from and lint checks against (docs/ARCHITECTURE.md, decisions 1 and 2)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from generator import resources
from generator.errors import TemplateError
from generator.infra.yamlio import load_yaml

_FAR_PAST = dt.date(1900, 1, 1)
_FAR_FUTURE = dt.date(2999, 12, 31)


def _as_date(value, default: dt.date) -> dt.date:
    if value is None:
        return default
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


@dataclass(frozen=True)
class Formulation:
    id: str
    text: str
    valid_from: dt.date = _FAR_PAST
    valid_to: dt.date = _FAR_FUTURE
    label: str | None = None
    superseded_by: str | None = None
    source: str = ""
    accept: tuple[str, ...] = ()
    verify: bool = False

    def valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day <= self.valid_to


@dataclass(frozen=True)
class TimelineEntry:
    text: str
    valid_from: dt.date
    valid_to: dt.date
    ref: str | None = None


@dataclass(frozen=True)
class Dated:
    """A phrase with one date boundary, with where it comes from."""

    text: str
    day: dt.date
    source: str = ""
    use: str | None = None
    verify: bool = False


@dataclass(frozen=True)
class Campaign:
    name: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Plenum:
    congress: int  # 20 for 二十届
    session: int  # 3 for 三中全会
    start: dt.date
    end: dt.date


@dataclass
class Snippets:
    formulations: dict[str, Formulation]
    timelines: dict[str, list[TimelineEntry]]
    introduced: list[Dated] = field(default_factory=list)
    superseded: list[Dated] = field(default_factory=list)
    campaigns: list[Campaign] = field(default_factory=list)
    unit_types: dict[str, dict] = field(default_factory=dict)
    plenums: list[Plenum] = field(default_factory=list)
    congresses: dict[int, dt.date] = field(default_factory=dict)  # number -> opening day

    def formulation(self, fid: str) -> Formulation:
        try:
            return self.formulations[fid]
        except KeyError:
            raise TemplateError(f"snippets/formulations.yaml：没有固定提法“{fid}”") from None

    def term(self, name: str, day: dt.date) -> TimelineEntry:
        if name == "大会精神" and self.plenums:
            computed = self.congress_spirit(day)
            if computed is not None:
                return computed
        try:
            entries = self.timelines[name]
        except KeyError:
            raise TemplateError(f"snippets/eras.yaml：没有时间线“{name}”") from None
        for e in entries:
            if e.valid_from <= day <= e.valid_to:
                return e
        raise TemplateError(f"snippets/eras.yaml：提法“{name}”在{day.isoformat()}没有适用的写法")

    def congress_spirit(self, day: dt.date) -> TimelineEntry | None:
        """The congress and the plenums held by `day`, by name while they are few (March 2018:
        党的十九大和十九届二中、三中全会精神; March 2023: 党的二十大和二十届二中全会精神), "历次全会"
        from the fourth on; the 一中全会, held the day after the congress, is not named."""
        opened = [(n, d) for n, d in self.congresses.items() if d <= day]
        if not opened:
            return None
        number, start = max(opened)
        held = sorted((p for p in self.plenums if p.congress == number and p.session > 1 and p.end <= day),
                      key=lambda p: p.session)
        later = [p for p in self.plenums if p.congress == number and p.end <= day]
        since = max((p.end for p in later), default=start)
        name = f"党的{_CN[number]}大"
        if not held:
            text = f"{name}精神"
        elif len(held) <= 3:
            text = f"{name}和{_CN[number]}届{'、'.join(_CN[p.session] + '中' for p in held)}全会精神"
        else:
            text = f"{name}和{_CN[number]}届历次全会精神"
        return TimelineEntry(text, since, _FAR_FUTURE)

    def era(self, day: dt.date) -> "Era":
        return Era(self, day)


class Era:
    """What is current on one day: `era.大会精神`, `era['细则名称']` in templates."""

    def __init__(self, snippets: Snippets, day: dt.date):
        self._s = snippets
        self.day = day

    def __getitem__(self, name: str) -> str:
        return self._s.term(name, self.day).text

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        return self[name]

    def entry(self, name: str) -> TimelineEntry:
        return self._s.term(name, self.day)

    def label(self, name: str) -> str:
        """The name a formulation is called by (总要求 / 十六字方针) for a ref timeline."""
        entry = self.entry(name)
        if entry.ref:
            return self._s.formulation(entry.ref).label or entry.ref
        return name


class FormulationAccess:
    """`f.总要求` in templates: the exact text, refused when not valid on the document date."""

    def __init__(self, snippets: Snippets, day: dt.date):
        self._s = snippets
        self._day = day

    def __getitem__(self, fid: str) -> str:
        f = self._s.formulation(fid)
        if not f.valid_on(self._day):
            raise TemplateError(
                f"固定提法“{fid}”只在{f.valid_from}至{f.valid_to}有效，不能用于{self._day.isoformat()}的文件"
            )
        return f.text

    def __getattr__(self, fid: str) -> str:
        if fid.startswith("_"):
            raise AttributeError(fid)
        return self[fid]


@lru_cache(maxsize=None)
def data(name: str) -> Any:
    """snippets/<name>.yaml (name may be a path: "lint/terms", "layout/gbt9704"), parsed once per
    process. Every reader of the project's data files goes through here; a key written twice in
    one mapping is an error, as in the files writers edit."""
    return load_yaml(resources.snippets_dir() / f"{name}.yaml", unique_keys=True)


def _load() -> Snippets:
    fdata = data("formulations")["formulations"]
    formulations = {
        fid: Formulation(
            id=fid,
            text=d["text"],
            valid_from=_as_date(d.get("valid_from"), _FAR_PAST),
            valid_to=_as_date(d.get("valid_to"), _FAR_FUTURE),
            label=d.get("label"),
            superseded_by=d.get("superseded_by"),
            source=d.get("source", ""),
            accept=tuple(d.get("accept", ())),
            verify=bool(d.get("verify", False)),
        )
        for fid, d in fdata.items()
    }
    edata = data("eras")
    timelines: dict[str, list[TimelineEntry]] = {}
    for name, entries in edata["timelines"].items():
        out = []
        for e in entries:
            ref = e.get("ref")
            if ref is not None:
                if ref not in formulations:
                    raise TemplateError(f"snippets/eras.yaml：时间线“{name}”引用了不存在的固定提法“{ref}”")
                text = formulations[ref].text
            else:
                text = e["text"]
            out.append(
                TimelineEntry(text, _as_date(e.get("from"), _FAR_PAST), _as_date(e.get("to"), _FAR_FUTURE), ref)
            )
        timelines[name] = out
    introduced = [
        Dated(d["text"], _as_date(d["from"], _FAR_PAST), d.get("source", ""), verify=bool(d.get("verify")))
        for d in edata.get("introduced", [])
    ]
    superseded = [
        Dated(d["text"], _as_date(d["until"], _FAR_FUTURE), d.get("source", ""), use=d.get("use"))
        for d in edata.get("superseded", [])
    ]
    campaigns = [
        Campaign(d["name"], _as_date(d["from"], _FAR_PAST), _as_date(d["to"], _FAR_FUTURE))
        for d in edata.get("campaigns", [])
    ]
    unit_types = _unit_types(data("unit_types")["unit_types"])
    plenums = [Plenum(int(d["congress"]), int(d["session"]), _as_date(d["from"], _FAR_PAST), _as_date(d["to"], _FAR_PAST))
               for d in edata.get("plenums", [])]
    congresses = {int(d["number"]): _as_date(d["from"], _FAR_PAST) for d in edata.get("congresses", [])}
    return Snippets(formulations, timelines, introduced, superseded, campaigns, unit_types, plenums, congresses)


@lru_cache(maxsize=None)
def load() -> Snippets:
    """Formulations, era timelines, campaigns and unit types, as typed objects."""
    return _load()


_CN = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 16: "十六", 17: "十七", 18: "十八", 19: "十九",
       20: "二十", 21: "二十一"}
_OWN_KEYS = ("name", "aliases", "parent")


def _unit_types(raw: dict) -> dict[str, dict]:
    """Each sub-type with the words it does not set taken from its parent (乡 has 全乡 but the
    乡镇 department); `lineage` lists the sub-type, then its parent."""
    out: dict[str, dict] = {}
    for uid, d in raw.items():
        parent = d.get("parent")
        if parent is not None and parent not in raw:
            raise TemplateError(f"snippets/unit_types.yaml：“{uid}”的 parent“{parent}”不是已知单位类型")
        inherited = {k: v for k, v in raw.get(parent, {}).items() if k not in _OWN_KEYS} if parent else {}
        out[uid] = {**inherited, **d, "lineage": [uid, parent] if parent else [uid],
                    "own_words": sorted(k for k in d if k not in _OWN_KEYS)}
    return out


# a broad type written in the profile, narrowed by the unit's full name (first match wins)
_SUBTYPE_BY_NAME = {
    "乡镇": (("街道", "街道"), ("乡委员会", "乡"), ("乡党委", "乡"), ("乡党工委", "乡"), ("镇委员会", "镇"), ("镇党委", "镇"),
           ("", "镇")),
    "学校": (("大学", "高校"), ("学院", "高校"), ("高等专科学校", "高校"), ("中学", "中小学"), ("小学", "中小学"),
            ("学校", "中小学")),
    "非公": (("协会", "社会组织"), ("商会", "社会组织"), ("基金会", "社会组织"), ("社会组织", "社会组织"),
            ("促进会", "社会组织")),
}


def narrow_unit_type(uid: str, full_name: str) -> str:
    """The sub-type a broad type means for this unit: 乡镇 + 中共青山乡委员会 -> 乡."""
    for needle, sub in _SUBTYPE_BY_NAME.get(uid, ()):
        if needle in full_name:
            return sub
    return uid


def subtype_by_name(full_name: str) -> str | None:
    """The sub-type a unit's name alone tells (中共青山乡委员会 -> 乡, ……中学委员会 -> 中小学), without
    a declared type: what lint knows of a draft from anywhere. None when the name does not say."""
    for pairs in _SUBTYPE_BY_NAME.values():
        for needle, sub in pairs:
            if needle and needle in full_name:
                return sub
    return None


def unit_type_id(value: str, snippets: Snippets | None = None) -> str | None:
    """Canonical unit type id for what a user wrote (国有企业 -> 国企); None when unknown."""
    s = snippets or load()
    text = str(value).strip()
    for uid, d in s.unit_types.items():
        if text == uid or text == d.get("name") or text in d.get("aliases", []):
            return uid
    return None
