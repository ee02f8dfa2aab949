"""Rule files: a stamp of what was read, and the same message whichever reads a missing file."""

from __future__ import annotations

from pathlib import Path

import pytest

from sendqa_build.rules import RulesError, file_stamp, load_rules_file


def test_a_rule_files_stamp_follows_its_bytes_and_says_what_loading_says(tmp_path: Path) -> None:
    rules = tmp_path / "glossary.yml"
    rules.write_text("a: 1\n", encoding="utf-8")
    first = file_stamp(rules)
    assert file_stamp(rules) == first
    rules.write_text("a: 2\n", encoding="utf-8")
    assert file_stamp(rules) != first
    missing = tmp_path / "words.yml"
    messages = []
    for read in (file_stamp, load_rules_file):
        with pytest.raises(RulesError) as error:
            read(missing)
        messages.append(str(error.value))
    assert messages[0] == messages[1] == f"Rules file '{missing}' is missing; restore it from git"
