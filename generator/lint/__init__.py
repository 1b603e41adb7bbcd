"""Lint of 公文 drafts (docs/ARCHITECTURE.md, decision 4): readers -> Document -> rules -> findings
-> report, annotated copy or corrected copy. rule.py is what a rule is; context.py what it sees;
rules/ the rules, one module per family plus the data-driven rules of snippets/lint/rules/."""
