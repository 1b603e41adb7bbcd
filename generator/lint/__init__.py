"""Lint of 公文 drafts (DESIGN.md decision 4): readers -> Document -> rules -> findings -> report.

Kept import-light: `from generator.core.segment import cut` must not pull in the engine."""
