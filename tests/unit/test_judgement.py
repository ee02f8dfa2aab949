"""The checks judged on the corpus of council-style pages (tests/judgement/): precision and
recall of each line-level check family must stay at the levels README reports."""

from __future__ import annotations

import pytest

from tests.judgement import run

PRECISION = 0.97
RECALL = 0.90


@pytest.fixture(scope="module")
def result() -> run.Result:
    return run.score(run.corpus_pages())


@pytest.mark.parametrize("family", run.FAMILIES)
def test_each_family_is_precise_and_finds_most_problems(result: run.Result, family: str) -> None:
    score = result.scores[family]
    assert score.tp >= 5, f"{family}: too few marked findings to judge"
    misses = [key for key in result.false_negatives if key[2] == family]
    alarms = [key for key, _ in result.false_positives if key[2] == family]
    assert score.precision >= PRECISION, alarms
    assert score.recall >= RECALL, misses


def test_the_corpus_is_large_and_keeps_a_held_out_part() -> None:
    everything = run.score(run.corpus_pages())
    held_out = run.score(run.corpus_pages(held_out=True))
    assert everything.lines >= 400
    assert held_out.lines >= everything.lines * 0.2


def test_markers_are_taken_out_and_lines_kept() -> None:
    text, expected = run.strip_markers(
        "---\ntitle: SEND <!-- expect: acronyms -->\n---\n\n<!-- expect-page: readability -->\n"
        "We utilise it. <!-- expect: words-to-avoid structure -->\nFine.\n"
    )
    assert text.split("\n") == ["---", "title: SEND", "---", "", "", "We utilise it.", "Fine.", ""]
    assert expected == {
        (2, "acronyms"),
        (None, "readability"),
        (6, "words-to-avoid"),
        (6, "structure"),
    }


def test_a_family_that_does_not_exist_is_an_error() -> None:
    with pytest.raises(ValueError, match="acronym"):
        run.strip_markers("Text <!-- expect: acronym -->\n")
