"""Long lines: how long the page-level checks take on one pasted line of 100,000 characters.

One line pasted from somewhere odd (a table exported as text, a run of dots as a leader, a
list written as one paragraph) must not stall a build or CI: every pattern that reads page text
must take time in step with the line's length. This script checks one page per input shape as
``sendqa check`` checks it (the same checks, the sample site's ``mkdocs.yml`` and ``checks/``),
and prints wall and CPU time per shape::

    .venv/bin/python -m bench.long_lines                 # every shape, 100,000 characters
    .venv/bin/python -m bench.long_lines --size 20000    # shorter lines
    .venv/bin/python -m bench.long_lines --only dots --only e.g.
    .venv/bin/python -m bench.long_lines --limit 30      # give up on a shape after 30 s

The target (issue 27) is under 2 s per shape at 100,000 characters, judged on CPU time (on
shared cores the wall time also counts waiting for a core). "Of which Markdown" is the time
Python-Markdown took to convert the page, which a build spends too. Results: RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 2.0


def _repeat(piece: str) -> Callable[[int], str]:
    return lambda size: (piece * (size // len(piece) + 1))[:size]


# name -> (what it is like, line of the given length). Shapes that were slow once (issue 27),
# and shapes aimed at every pattern that reads page text (links, acronyms, emphasis, tables).
SHAPES: dict[str, tuple[str, Callable[[int], str]]] = {
    "dots": ("'.' only (a leader line)", _repeat(".")),
    "A.": ("'A.' repeated (initials, bare domain)", _repeat("A.")),
    "a.b": ("'a.b' words joined by dots", _repeat("ab.")),
    "e.g.": ("'e.g. ' repeated (a word to avoid)", _repeat("e.g. ")),
    "EHCP (": ("'EHCP (' repeated (acronym with an open bracket)", _repeat("EHCP (")),
    "acronyms": ("'ABC DEF ' different unknown acronyms", lambda n: _acronyms(n)),
    "defined": (
        "'Education, Health and Care Plan (EHCP) ' repeated",
        _repeat("Education, Health and Care Plan (EHCP) "),
    ),
    "word": ("one word of letters", _repeat("a")),
    "words": ("'word ' repeated: one long sentence", _repeat("word ")),
    "sentences": ("'Word word. ' repeated: many sentences", _repeat("Word word. ")),
    "digits": ("digits only", _repeat("0123456789")),
    "digits spaced": ("'01 ' repeated (phone-number-like)", _repeat("01 ")),
    "brackets": ("'[' only", _repeat("[")),
    "links": ("'[a](' repeated (links never closed)", _repeat("[a](")),
    "link text": ("'[a]' repeated", _repeat("[a]")),
    "images": ("'![' repeated", _repeat("![")),
    "parens": ("'(' only", _repeat("(")),
    "backticks": ("'`' only", _repeat("`")),
    "stars": ("'*' only", _repeat("*")),
    "underscores": ("'_a' repeated", _repeat("_a")),
    "tags": ("'<a ' repeated (tags never closed)", _repeat("<a ")),
    "lt": ("'<' only", _repeat("<")),
    "comments": ("'<!--' repeated", _repeat("<!--")),
    "braces": ("'{#a ' repeated (attribute lists never closed)", _repeat("{#a ")),
    "escapes": ("'\\' only", _repeat("\\")),
    "urls": ("'http://' repeated", _repeat("http://")),
    "www": ("'www.' repeated", _repeat("www.")),
    "emails": ("'a@' repeated", _repeat("a@")),
    "email-like": ("'a.b@c' repeated", _repeat("a.b@c")),
    "hyphens": ("'a-' repeated", _repeat("a-")),
    "files": ("'a.pdf ' repeated", _repeat("a.pdf ")),
    "quotes": ("'\"a ' repeated", _repeat('"a ')),
    "apostrophes": ('"a\'" repeated', _repeat("a'")),
    "entities": ("'&amp' repeated", _repeat("&amp")),
    "pipes": ("'|' only (a table row)", _repeat("|")),
    "colons": ("'a: ' repeated", _repeat("a: ")),
    "capitals": ("'Word ' repeated (capitalised words)", _repeat("Word ")),
    "dot words": ("'a dot ' repeated (an email written in words)", _repeat("a dot ")),
    "at words": ("'a at ' repeated", _repeat("a at ")),
    "names": ("'Amelia ' repeated (a given name)", _repeat("Amelia ")),
    "word-names": ("'Grace Will May ' repeated (names that are words)", _repeat("Grace Will May ")),
    "numbered words": ("'1 Aa ' repeated (street-address-like)", _repeat("1 Aa ")),
    "dates": ("'1/1/' repeated (date-like)", _repeat("1/1/")),
    "references": ("'AB/12/' repeated (reference-like)", _repeat("AB/12/")),
    "the only": ("'the only ' repeated", _repeat("the only ")),
    "mixed": (
        "ordinary prose with links, acronyms and words to avoid",
        _repeat(
            "You can ask for an EHC needs assessment, e.g. by writing to us at "
            "[the SEND team](https://example.org/a) or www.example.org.uk. "
        ),
    ),
}

# Shapes also tried in a "You said, we did" comment (the personal data patterns).
FEEDBACK_SHAPES = (
    "dot words",
    "at words",
    "names",
    "word-names",
    "numbered words",
    "dates",
    "references",
    "the only",
    "mixed",
    "word",
    "words",
    "capitals",
    "digits",
    "digits spaced",
    "A.",
    "email-like",
    "emails",
    "dots",
    "hyphens",
)


def _acronyms(size: int) -> str:
    parts = []
    length = 0
    number = 0
    while length <= size:
        word = "".join(chr(65 + (number // 26**i) % 26) for i in range(3))
        parts.append(word)
        length += 4
        number += 1
    return " ".join(parts)[:size]


def _guide(line: str) -> str:
    return (
        "---\ntitle: A long line\nsummary: One line pasted from elsewhere.\nowner: Local Offer "
        "Team\nlast_reviewed_on: 2026-09-01\n---\n\n" + line + "\n"
    )


def _feedback(line: str) -> str:
    quoted = line.replace("'", "''")
    return (
        "---\ntitle: You said, we did (long)\nsummary: Comments.\ntype: you-said-we-did\n"
        "owner: Local Offer Team\nlast_reviewed_on: 2026-09-01\npublished_on: 2026-09-01\n"
        f"responses:\n  - you_said: '{quoted}'\n    we_did: We changed the page.\n"
        "    status: done\n---\n\nComments and responses.\n"
    )


class _TooSlow(Exception):
    pass


@contextmanager
def _limit(seconds: int) -> Iterator[None]:
    def stop(signum: int, frame: object) -> None:
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _project(folder: Path) -> Path:
    """A copy of the sample site to check pages in."""
    for name in ("checks", "overrides", "content"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    return folder / "mkdocs.yml"


def main(argv: list[str] | None = None) -> int:
    """Time every shape; print a table (Markdown, for RESULTS.md)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="characters on the line")
    parser.add_argument("--only", action="append", default=[], help="shape names to run")
    parser.add_argument("--limit", type=int, default=60, help="seconds before giving up")
    parser.add_argument(
        "--results", type=Path, default=None, help="write the table into this RESULTS.md"
    )
    args = parser.parse_args(argv)

    from sendqa_build.checkrun import load_project, run_checks
    from sendqa_build.plugins.frontmatter import plugin as frontmatter

    rendering = [0.0]  # seconds in Python-Markdown (the build spends them too)
    make_renderer = frontmatter._converter

    def timed_renderer(*args: Any) -> Callable[[str], object]:
        render = make_renderer(*args)

        def timed(body: str) -> object:
            start = time.process_time()
            try:
                return render(body)
            finally:
                rendering[0] += time.process_time() - start

        return timed

    frontmatter._converter = timed_renderer

    today = dt.date(2026, 12, 1)
    runs = [(name, "guide") for name in SHAPES] + [(name, "comment") for name in FEEDBACK_SHAPES]
    if args.only:
        runs = [run for run in runs if run[0] in args.only]
    title = f"Long lines of {args.size:,} characters, checked as `sendqa check` checks a page"
    load = f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores at the start)"
    header = [
        "| shape | where | wall s | CPU s | of which Markdown s | findings | under 2 s |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    print(f"{title}\n{load}\n\n" + "\n".join(header))
    rows: list[str] = []
    slow = 0
    with tempfile.TemporaryDirectory(prefix="sendqa-long-") as temp:
        config_file = _project(Path(temp))
        here = Path.cwd()
        os.chdir(temp)
        try:
            project = load_project(config_file, None, today)
            for name, where in runs:
                line = SHAPES[name][1](args.size)
                page = Path(temp) / "content" / "long-line.md"
                page.write_text(_guide(line) if where == "guide" else _feedback(line), "utf-8")
                rendering[0] = 0.0
                wall, cpu = time.perf_counter(), time.process_time()
                try:
                    with _limit(args.limit):
                        report = run_checks(project, [page])
                except _TooSlow:
                    slow += 1
                    cpu = time.process_time() - cpu
                    row = f"| {name} | {where} | over {args.limit} | {cpu:.2f} so far | "
                    row += f"{rendering[0]:.2f} so far | | no |"
                    rows.append(row)
                    print(row, flush=True)
                    continue
                wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
                # CPU time: on shared cores the wall time also counts waiting for a core.
                ok = "yes" if cpu < TARGET_SECONDS else "no"
                slow += cpu >= TARGET_SECONDS
                row = (
                    f"| {name} | {where} | {wall:.2f} | {cpu:.2f} | {rendering[0]:.2f} | "
                    f"{len(report.findings)} | {ok} |"
                )
                rows.append(row)
                print(row, flush=True)
        finally:
            os.chdir(here)
    summary = f"{len(runs) - slow} of {len(runs)} shapes under {TARGET_SECONDS:g} s of CPU time"
    print(f"\n{summary}")
    if args.results is not None:
        write_section(args.results, [title, load, "", *header, *rows, "", summary], args.size)
    return 1 if slow else 0


SECTION = "## Long lines (issue 27)"


def write_section(path: Path, table: list[str], size: int) -> None:
    """Put the table in ``path`` (RESULTS.md) as its "Long lines" section, replacing the last
    one; ``bench/run.py`` keeps the section when it writes the rest of the file."""
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    args = "" if size == 100_000 else f" --size {size}"
    section = [
        SECTION,
        "",
        f"From `python -m bench.long_lines{args} --results bench/RESULTS.md` on {now}: one page",
        'with one line of each shape (or one "You said, we did" comment of it), checked by',
        "every page-level check as `sendqa check` runs them. The target is under 2 s of CPU",
        "time per shape; wall time on these shared cores also counts waiting for a core.",
        '"Of which Markdown" is the time Python-Markdown took to convert the page (for structure,',
        "links and the safety check), which `mkdocs build` spends as well; a shape over the",
        "limit was stopped there, with the time so far.",
        "",
        *table,
        "",
    ]
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    start = text.find(SECTION)
    if start >= 0:
        end = text.find("\n## ", start + 1)
        text = text[:start].rstrip("\n") + ("\n" + text[end:] if end >= 0 else "")
    path.write_text(text.rstrip("\n") + "\n\n" + "\n".join(section), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
