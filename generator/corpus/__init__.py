"""The clause corpus as a writer browses, searches and checks it (gongwen corpus), with a sample
context for every kind."""
