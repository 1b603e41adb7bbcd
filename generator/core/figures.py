"""Numbers derived from the unit's data: target counts, pipeline ratios, projections.
Every figure a document states is computed here, never typed into a template."""
from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from generator.core import snippets


def categories() -> dict[str, dict]:
    return snippets.data("statistics")["categories"]


def pct(value: float, digits: int = 1) -> str:
    """35.0 -> '35%', 66.66 -> '66.7%' (GB/T 15835: Arabic numerals, one decimal at most)."""
    rounded = round(value, digits)
    text = f"{rounded:.{digits}f}".rstrip("0").rstrip(".")
    return f"{text}%"


@dataclass(frozen=True)
class StructureTarget:
    key: str  # 35岁及以下
    label: str  # 35岁及以下的
    percent: float
    minimum: int  # smallest head count that meets the share of the yearly number

    @property
    def text(self) -> str:
        return f"{self.label}占{pct(self.percent)}以上"


def structure_targets(targets: dict, total: int) -> list[StructureTarget]:
    out = []
    for key, percent in (targets.get("结构") or {}).items():
        if percent is None:
            continue
        label = categories()[key]["label"]
        out.append(StructureTarget(key, label, percent, math.ceil(total * percent / 100 - 1e-9)))
    return out


def ratio(*counts: int) -> str | None:
    """96, 48, 16 -> '6∶3∶1' when it reduces to whole numbers relative to the last term; else
    one decimal ('5.2∶2.6∶1'). None when the last term is 0."""
    if not counts or counts[-1] == 0:
        return None
    base = counts[-1]
    parts = []
    for c in counts:
        f = Fraction(c, base)
        parts.append(str(f.numerator) if f.denominator == 1 else f"{float(f):.1f}".rstrip("0").rstrip("."))
    return "∶".join(parts)


@dataclass(frozen=True)
class Projection:
    year: int
    new: int
    total: int


def projection(current_total: int, per_year: dict, attrition: int) -> list[Projection]:
    """Members at the end of each planning year: current + new - expected losses."""
    out = []
    total = current_total
    for year in sorted(per_year, key=int):
        new = per_year[year]
        total = total + new - attrition
        out.append(Projection(int(year), new, total))
    return out


def projected_share(current_count: int, new_total: int, share_percent: float, end_total: int) -> float:
    """Share of a category at period end, assuming new members meet the target share and losses
    are spread evenly (stated in the document)."""
    if end_total <= 0:
        return 0.0
    return (current_count + new_total * share_percent / 100) / end_total * 100
