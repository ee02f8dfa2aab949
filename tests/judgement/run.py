"""Score the checks on the judgement corpus: precision and recall by check family.

The corpus (``tests/judgement/lines/*.md``) is pages written in the voice of council editors.
Each line says which findings it must produce with a trailing marker
``<!-- expect: acronyms words-to-avoid -->``; a line without one must produce none of the
families scored here. A finding about the whole page (no line, like "the page is hard to read")
is expected by a line holding only ``<!-- expect-page: readability -->``. Markers are taken out
before checking (the lines stay where they are), then the pages are checked as ``sendqa check``
checks a site: the repository's mkdocs.yml and checks/, the same core functions the build runs.

Pages whose name starts with ``heldout-`` were written after the rules were tuned; their figures
are shown apart, so tuning on the rest cannot flatter them.

Run: ``python -m tests.judgement.run`` (or ``make judgement``).
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import re
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sendqa_build.checkrun import load_project, run_checks

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CORPUS = HERE / "lines"
FAMILIES = ("acronyms", "words-to-avoid", "readability", "structure")
HELD_OUT = "heldout-"
TODAY = dt.date(2026, 12, 1)
_MARKER = re.compile(r"\s*<!--\s*expect(-page)?:\s*([^>]*?)\s*-->")

Key = tuple[str, int | None, str]
"""(page, line or None for the whole page, family)."""


@dataclass
class Score:
    """True positives, false positives and false negatives of one family."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """Share of findings that were expected (1 when there were none)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Share of expected findings that were found (1 when none were expected)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Result:
    """Scores by family, and the lines behind every miss and false alarm."""

    scores: dict[str, Score] = field(default_factory=dict)
    false_positives: list[tuple[Key, str]] = field(default_factory=list)
    false_negatives: list[Key] = field(default_factory=list)
    lines: int = 0
    marked: int = 0


def strip_markers(text: str) -> tuple[str, set[tuple[int | None, str]]]:
    """The page without its markers (same line numbers) and what it expects."""
    expected: set[tuple[int | None, str]] = set()
    out = []
    for number, line in enumerate(text.split("\n"), 1):
        match = _MARKER.search(line)
        if match:
            families = match.group(2).split()
            unknown = set(families) - set(FAMILIES)
            if unknown:
                raise ValueError(f"line {number}: unknown family {sorted(unknown)}")
            where = None if match.group(1) else number
            expected.update((where, family) for family in families)
            line = line[: match.start()] + line[match.end() :]
        out.append(line)
    return "\n".join(out), expected


def corpus_pages(held_out: bool | None = None) -> list[Path]:
    """The corpus pages (only the held-out ones, only the others, or all)."""
    pages = sorted(CORPUS.glob("*.md"))
    if held_out is None:
        return pages
    return [p for p in pages if p.name.startswith(HELD_OUT) == held_out]


def findings_for(pages: Iterable[Path]) -> tuple[dict[str, str], set[Key], dict[Key, str]]:
    """Check the pages (markers taken out) as ``sendqa check`` does; returns the stripped
    pages, the expected keys and the findings by key (with one message each)."""
    expected: set[Key] = set()
    stripped: dict[str, str] = {}
    for path in pages:
        text, wanted = strip_markers(path.read_text(encoding="utf-8"))
        stripped[path.name] = text
        expected.update((path.name, line, family) for line, family in wanted)
    found: dict[Key, str] = {}
    with tempfile.TemporaryDirectory(prefix="sendqa-judgement-") as tmp:
        root = Path(tmp)
        docs = root / "content"
        docs.mkdir()
        for name, text in stripped.items():
            (docs / name).write_text(text, encoding="utf-8")
        for name in ("checks", "overrides"):
            (root / name).symlink_to(ROOT / name, target_is_directory=True)
        config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        (root / "mkdocs.yml").write_text(config, encoding="utf-8")
        project = load_project(root / "mkdocs.yml", None, TODAY)
        report = run_checks(project, [])
    for finding in report.findings:
        if finding.check in FAMILIES and finding.page and not finding.silenced:
            found.setdefault((finding.page, finding.line, finding.check), finding.text)
    return stripped, expected, found


def score(pages: Iterable[Path]) -> Result:
    """Compare what the checks find with what the corpus expects, by (page, line, family)."""
    stripped, expected, found = findings_for(pages)
    result = Result({family: Score() for family in FAMILIES})
    for text in stripped.values():
        result.lines += _text_lines(text)
    result.marked = len({(page, line) for page, line, _ in expected})
    for key in sorted(set(found) | expected, key=lambda k: (k[0], k[1] or 0, k[2])):
        score_of = result.scores[key[2]]
        if key in found and key in expected:
            score_of.tp += 1
        elif key in found:
            score_of.fp += 1
            result.false_positives.append((key, found[key]))
        else:
            score_of.fn += 1
            result.false_negatives.append(key)
    return result


def _text_lines(page: str) -> int:
    """Lines a check reads: the title and every line of the body with text on it."""
    lines = page.split("\n")
    end = lines.index("---", 1) if lines and lines[0] == "---" and "---" in lines[1:] else 0
    titles = sum(1 for line in lines[1:end] if line.startswith("title:"))
    return titles + sum(1 for line in lines[end + 1 :] if line.strip())


def coverage_scores() -> dict[str, tuple[int, int, int]] | None:
    """The coverage family, from ``tests.judgement.coverage_score`` when it exists."""
    if importlib.util.find_spec("tests.judgement.coverage_score") is None:
        return None
    module = importlib.import_module("tests.judgement.coverage_score")
    scores: dict[str, tuple[int, int, int]] = module.score()
    return scores


def table(title: str, scores: dict[str, Score]) -> list[str]:
    """The scores as a plain-text table."""
    rows = [title, f"{'family':<16}{'TP':>6}{'FP':>6}{'FN':>6}{'precision':>12}{'recall':>9}"]
    for family, s in scores.items():
        rows.append(f"{family:<16}{s.tp:>6}{s.fp:>6}{s.fn:>6}{s.precision:>11.1%}{s.recall:>9.1%}")
    return rows


def main(argv: list[str] | None = None) -> int:
    """Print the tables, then every false alarm and miss (``--quiet``: the tables only)."""
    argv = sys.argv[1:] if argv is None else argv
    quiet = "--quiet" in argv
    overall = score(corpus_pages())
    tuned = score(corpus_pages(held_out=False))
    held = score(corpus_pages(held_out=True))
    scores = dict(overall.scores)
    coverage = coverage_scores()
    if coverage is not None:
        for name, (tp, fp, fn) in coverage.items():
            scores[name] = Score(tp, fp, fn)
    out = [
        f"Judgement corpus: {len(corpus_pages())} pages, {overall.lines} titles and lines of text, "
        f"{overall.marked} of them marked with findings they must produce",
        "",
        *table("All pages", scores),
        "",
        *table("Pages written before tuning", tuned.scores),
        "",
        *table("Held-out pages (written after tuning)", held.scores),
    ]
    if coverage is None:
        out += ["", "coverage: not scored here (tests/judgement/coverage_score.py not present)"]
    if not quiet:
        for (page, line, family), message in overall.false_positives:
            out.append(f"false alarm  {page}:{line}: [{family}] {message}")
        for page, line, family in overall.false_negatives:
            out.append(f"missed       {page}:{line}: [{family}]")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
