"""批复 from a decisions sheet: grouping, dates, numbering, batches on all cores, the roster cross-check."""
