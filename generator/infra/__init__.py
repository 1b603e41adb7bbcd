"""Plumbing that knows nothing of 公文: safe writes, input reading, one text codec, YAML with Chinese
errors, front matter, reproducible zips, CSV for Excel, the cache directory, progress bars."""
