"""RESULTS.md keeps the run before the newest one, so a speed claim can be read in two runs."""

from __future__ import annotations

from pathlib import Path

from bench import run

OLD = """# Benchmark results

Intro written by an older version.

## Run of 2026-12-07 16:50 UTC

From one run.

### Targets (issue 10)

| warm | 1.20x | yes |

## Run of 2026-12-07 15:00 UTC

Older still.

## Reading these figures (written by hand after the run)

Hand-written notes.

## Long lines (issue 27)

Shapes.
"""


def test_the_newest_earlier_run_is_kept_and_older_ones_go(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    results.write_text(OLD, "utf-8")
    earlier = run.earlier_runs(results)
    assert earlier.startswith("\n## Run of 2026-12-07 16:50 UTC\n")
    assert "| warm | 1.20x | yes |" in earlier
    assert "15:00" not in earlier and "Hand-written" not in earlier


def test_hand_written_and_long_lines_sections_are_kept(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    results.write_text(OLD, "utf-8")
    kept = run.kept_sections(results)
    assert "Hand-written notes." in kept and "Shapes." in kept
    assert "Run of" not in kept


def test_a_file_in_the_old_layout_gives_no_earlier_run(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    results.write_text("# Benchmark results\n\n## Targets (issue 10)\n\nrows\n", "utf-8")
    assert run.earlier_runs(results) == ""
    assert run.earlier_runs(tmp_path / "missing.md") == ""
