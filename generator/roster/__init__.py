"""The 花名册 (roster of people and their stage dates): reading it, the 细则's procedure checks,
the report of `gongwen roster check`, and the figures of a period that summaries and plans state."""
