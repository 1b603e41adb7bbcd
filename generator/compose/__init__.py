"""The generation pipeline: the clause corpus and its selection, the Jinja sandbox that renders
templates and clauses, and profile -> Markdown -> Document for any kind."""
