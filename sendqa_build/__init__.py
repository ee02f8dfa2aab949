"""sendqa: build a council's SEND Local Offer with MkDocs and check it against the law.

The package is split so a newcomer can find any check quickly:

- ``sendqa_build/core/<check>.py``: the pure check logic (no MkDocs imports);
- ``checks/<check>.yml``: the rules and word lists that logic reads, editable without code;
- ``sendqa_build/plugins/<check>/``: the thin MkDocs hooks that call the core;
- ``tests/unit/test_<check>.py`` and ``tests/site/test_<check>_build.py``: its tests.
"""

__version__ = "0.1.0"
