"""The GB/T 9704 layout profile (snippets/layout/gbt9704.yaml) with the derived OOXML units."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

from generator.core import snippets

TWIPS_PER_MM = 1440 / 25.4


def mm_to_twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


@dataclass(frozen=True, eq=False)  # hashed by identity: load() returns one per profile
# (the derived sizes are cached_property: a batch asks for them a hundred times a document)
class Layout:
    raw: dict

    @property
    def page(self) -> dict:
        return self.raw["page"]

    @property
    def fonts(self) -> dict:
        return self.raw["fonts"]

    @property
    def sizes(self) -> dict:
        return self.raw["sizes_pt"]

    @property
    def el(self) -> dict:
        return self.raw["elements"]

    # page geometry in twips
    @cached_property
    def page_w(self) -> int:
        return mm_to_twips(self.page["width_mm"])

    @cached_property
    def page_h(self) -> int:
        return mm_to_twips(self.page["height_mm"])

    @cached_property
    def margin_top(self) -> int:
        return mm_to_twips(self.page["top_mm"])

    @cached_property
    def margin_left(self) -> int:
        return mm_to_twips(self.page["left_mm"])

    @cached_property
    def margin_right(self) -> int:
        p = self.page
        return mm_to_twips(p["width_mm"] - p["left_mm"] - p["text_width_mm"])

    @cached_property
    def margin_bottom(self) -> int:
        p = self.page
        return mm_to_twips(p["height_mm"] - p["top_mm"] - p["text_height_mm"])

    @cached_property
    def text_width(self) -> int:
        return self.page_w - self.margin_left - self.margin_right

    @cached_property
    def line(self) -> int:
        return int(self.page["line_twips"])

    @cached_property
    def char_pitch(self) -> float:
        """Width of one grid character in twips: 版心宽 ÷ 每行字数."""
        return self.text_width / self.page["chars_per_line"]

    @cached_property
    def tracking(self) -> int:
        """Character spacing (twips) for body-size text so that chars_per_line characters fill a
        line: 156mm holds 27.6 三号 characters, so each is tightened by 5 twips (0.25 pt). A
        character grid (linesAndChars) would do the same in Word but LibreOffice and WPS then put
        each character in two grid cells."""
        return int(self.char_pitch) - round(self.sizes["body"] * 20)

    def chars(self, n: float) -> int:
        """n grid characters in twips."""
        return round(n * self.char_pitch)


@lru_cache(maxsize=None)
def load() -> Layout:
    """The GB/T 9704 profile, snippets/layout/gbt9704.yaml."""
    return Layout(snippets.data("layout/gbt9704"))
