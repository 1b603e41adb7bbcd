"""Numbers derived from the unit's data: target counts, pipeline ratios, projections.
Every figure a document states is computed here, never typed into a template."""
from __future__ import annotations

import math
from dataclasses import dataclass

from generator.core import snippets


def categories() -> dict[str, dict]:
    return snippets.data("statistics")["categories"]


def pct(value: float, digits: int = 1, fixed: bool = False) -> str:
    """35.0 -> '35%', 66.66 -> '66.7%' (GB/T 15835: Arabic numerals, one decimal at most).
    fixed: always `digits` decimals (35.0%) — for measured shares listed side by side, where
    "占80%……占46.7%" is sent back as mixed precision; targets as set stay as written (60%)."""
    rounded = round(value, digits)
    text = f"{rounded:.{digits}f}"
    if not fixed:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


@dataclass(frozen=True)
class StructureTarget:
    key: str  # 35岁及以下
    label: str  # 35岁及以下的
    percent: float
    minimum: int  # smallest head count that meets the share of the yearly number

    @property
    def text(self) -> str:
        if self.percent >= 100:  # "占100%以上" cannot be: every one of them
            return f"均应为{self.label.removesuffix('的')}"
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
    """The counts as a ratio of whole numbers, as a reviewer wants it: 96, 48, 16 -> '6∶3∶1';
    9, 12, 7 -> '9∶12∶7'; 45, 20, 10 -> '9∶4∶2'. Counts that reduce to no small whole numbers are
    approximated (ratio_phrase says 约). None when the last term is 0."""
    found = _ratio(counts)
    return found[0] if found else None


def ratio_phrase(*counts: int) -> str | None:
    """'为9∶12∶7', or '约为9∶4∶2' when the ratio is rounded: to follow 比例 / 三者之比."""
    found = _ratio(counts)
    if not found:
        return None
    text, exact = found
    return f"为{text}" if exact else f"约为{text}"


def _ratio(counts) -> tuple[str, bool] | None:
    if not counts or counts[-1] == 0 or any(c < 0 for c in counts):
        return None
    g = 0
    for c in counts:
        g = math.gcd(g, c)
    reduced = [c // g for c in counts]
    if max(reduced) <= 30:
        return "∶".join(map(str, reduced)), True
    # the smallest multiple of the last term (×1…×5) that makes every term nearly whole
    base = counts[-1]
    best = None
    for k in range(1, 6):
        scaled = [c * k / base for c in counts]
        error = max(abs(x - round(x)) / max(round(x), 1) for x in scaled)
        if best is None or error < best[0] - 1e-9:
            best = (error, [round(x) for x in scaled])
        if error <= 0.05:
            break
    parts = best[1]
    g = 0
    for x in parts:
        g = math.gcd(g, x)
    return "∶".join(str(x // g) for x in parts), False


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
