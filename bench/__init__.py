"""Benchmark of sendqa's checks against a plain MkDocs build (see bench/README.md)."""
