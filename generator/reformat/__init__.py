"""`gongwen format`: any draft re-laid in the GB/T 9704 layout, its words unchanged."""
