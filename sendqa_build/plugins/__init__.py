"""Thin MkDocs plugins: each hook reads config, calls ``sendqa_build.core`` and records Findings."""
