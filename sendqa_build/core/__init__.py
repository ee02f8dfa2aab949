"""Pure check logic: plain Python in, Findings out, no MkDocs imports."""
