"""The ``sendqa`` command: small jobs for content editors and CI, without a full site build.

Every error is one line on stderr and exit status 2; never a traceback.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from sendqa_build.checkrun import (
    CheckRunError,
    Project,
    coverage_evidence,
    load_project,
    read_pages,
    run_checks,
    shown_prefix,
)
from sendqa_build.ciformat import github_lines, gitlab_report
from sendqa_build.core.durations import Duration
from sendqa_build.core.freshness import (
    DUE_SOON,
    OVERDUE,
    UNKNOWN,
    FreshnessRules,
    PageReview,
    by_owner,
    review_site,
)
from sendqa_build.core.frontmatter import PageTypes
from sendqa_build.core.pagefile import PageEditError, check_value, mark_reviewed, new_page
from sendqa_build.core.site import utf16_encoding
from sendqa_build.editing import EditRefused, edit_target, replace_file
from sendqa_build.models import printable
from sendqa_build.output import write_atomic
from sendqa_build.rules import RulesError, load_rules_file
from sendqa_build.today import ReferenceDateError, reference_date


class CliError(Exception):
    """A problem to report in one line (exit status 2)."""


def _page_types(project: Project) -> PageTypes:
    """The page types of the rules folder the checks read (``--rules``, else ``rules_dir`` of
    sendqa/frontmatter in mkdocs.yml)."""
    path = project.rules_dir / "page-types.yml"
    try:
        return PageTypes.from_data(load_rules_file(path), path)
    except RulesError as exc:
        raise CliError(str(exc)) from exc


def _check_today() -> None:
    try:
        reference_date()
    except ReferenceDateError as exc:
        raise CliError(str(exc)) from exc


def cmd_new(args: argparse.Namespace) -> int:
    """Write a new page from the template of its type, in the docs folder only."""
    project = _project(args)
    rules = _page_types(project)
    path = Path(args.path)
    if path.suffix != ".md":
        path = path.with_suffix(".md")
    _check_new_page_path(path, project)
    if path.exists() or path.is_symlink():
        raise CliError(f"{path} already exists; choose another name or edit that page")
    title = args.title or path.stem.replace("-", " ").replace("_", " ").capitalize()
    try:
        text = new_page(args.type, rules, reference_date(), title)
    except PageEditError as exc:
        raise CliError(f"--title: {exc}") from exc
    write_atomic(path, text)
    print(f"{path}: new {args.type} page written; fill in each empty field")
    return 0


def _check_new_page_path(path: Path, project: Project) -> None:
    """Refuse a new page outside the docs folder: an absolute path, ``..`` or a linked folder
    leading out of it (a page there would never be published, or would overwrite a file
    that is not a page)."""
    docs = shown_prefix(project)
    example = f"for example {docs}/services/portage.md"
    if path.is_absolute():
        raise CliError(
            f"{path}: give the new page's path from this folder, in the docs folder '{docs}' "
            f"({example})"
        )
    root = project.docs_dir.resolve()
    written = Path(os.path.normpath(Path.cwd() / path))
    if not written.is_relative_to(Path(os.path.normpath(project.docs_dir.absolute()))) or (
        not (written.parent.resolve() / path.name).is_relative_to(root)
    ):
        raise CliError(
            f"{path}: new pages go in the docs folder '{docs}' ({example}); this path "
            "leads outside it, so nothing was written"
        )


def cmd_reviewed(args: argparse.Namespace) -> int:
    """Set last_reviewed_on to today (and reviewed_by), keeping the rest of the file as it is."""
    today = reference_date()
    by = None
    if args.by is not None:
        try:
            by = check_value(args.by)
        except PageEditError as exc:
            raise CliError(f"--by: {exc}") from exc
    for name in args.paths:
        path = Path(name)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise CliError(f"{path}: cannot read the file ({exc.strerror or exc})") from exc
        if utf16_encoding(raw) is not None:
            raise CliError(
                f"{path}: the file is saved as UTF-16 (Word and Notepad call it 'Unicode'); "
                "save it as UTF-8 first"
            )
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise CliError(
                f"{path}: the file is not saved as UTF-8; save it as UTF-8 first"
            ) from exc
        try:
            target = edit_target(path)
            updated = mark_reviewed(text, today, by)
        except EditRefused as exc:
            raise CliError(str(exc)) from exc
        except PageEditError as exc:
            raise CliError(f"{path}: {exc}; the file was left as it is") from exc
        replace_file(target, updated.encode("utf-8"))
        who = f" by {by}" if by else ""
        print(f"{path}: marked as reviewed on {today.isoformat()}{who}")
    return 0


def _project(args: argparse.Namespace) -> Project:
    try:
        return load_project(
            _config_path(args.config_file),
            Path(args.rules) if args.rules else None,
            reference_date(),
        )
    except CheckRunError as exc:
        raise CliError(str(exc)) from exc


def cmd_check(args: argparse.Namespace) -> int:
    """Check pages without building the site; exit status 1 when there are problems."""
    project = _project(args)
    try:
        report = run_checks(project, [Path(p) for p in args.paths])
    except CheckRunError as exc:
        raise CliError(str(exc)) from exc
    if args.format == "github":
        for line in github_lines(report.shown, report.docs_prefix, notes=not args.quiet):
            print(line)
    elif args.format == "gitlab":
        sys.stdout.write(gitlab_report(report.shown, report.docs_prefix, notes=not args.quiet))
    else:
        for line in report.lines(notes=not args.quiet):
            print(line)
        if args.explain:
            _print_evidence(project, args.paths, report.docs_prefix)
    problems = report.warnings
    notes = len(report.shown) - problems
    silenced = len(report.findings) - len(report.shown)
    pages = len(report.pages)
    counts = [_count(problems, "problem"), _count(notes, "note")]
    if silenced:
        counts.append(f"{silenced} silenced")
    # The findings go to stdout and the summary to stderr: flushed first, so with both in one
    # log the summary is a line of its own after the last finding, never inside one.
    sys.stdout.flush()
    print(
        f"sendqa: {', '.join(counts)} in {_count(pages, 'page')} checked",
        file=sys.stderr,
    )
    return 1 if problems else 0


def _print_evidence(project: Project, paths: Sequence[str], prefix: str) -> None:
    """What counted for each part of each requirement the pages cover (``--explain``)."""
    try:
        evidence = coverage_evidence(project, [Path(p) for p in paths])
    except CheckRunError as exc:
        raise CliError(str(exc)) from exc
    for req_id, match in evidence:
        where = f"{prefix}/{match.page}" if prefix else match.page
        print(f"{where}:{match.line}: counts as '{match.item}' ({req_id}): \"{match.text}\"")


def _count(number: int, word: str) -> str:
    return f"{number} {word}" if number == 1 else f"{number} {word}s"


def cmd_due(args: argparse.Namespace) -> int:
    """List pages overdue or due for review soon, grouped by owner, most urgent first."""
    project = _project(args)
    path = project.rules_dir / "freshness.yml"
    try:
        rules = FreshnessRules.from_data(load_rules_file(path), path)
        index = read_pages(project, []).index
    except (RulesError, CheckRunError) as exc:
        raise CliError(str(exc)) from exc
    if args.within is not None:
        window = Duration(days=args.within) if args.within else None
        rules = dataclasses.replace(rules, due_soon_within=window)
    reviews = [
        r
        for r in review_site(index, project.today, rules)
        if r.status in (OVERDUE, DUE_SOON, UNKNOWN)
    ]
    if args.owner:
        key = " ".join(args.owner.split()).casefold()
        reviews = [r for r in reviews if (r.owner or "").casefold() == key]
    if not reviews:
        who = f" owned by '{args.owner}'" if args.owner else ""
        soon = rules.due_soon_within
        within = f" or due in the next {soon.describe()}" if soon else ""
        print(f"No pages{who} are overdue{within}.")
        return 0
    prefix = shown_prefix(project)
    for owner, group in by_owner(reviews):
        print(printable(f"{owner or 'No owner'} ({_count(len(group), 'page')})"))
        for review in group:
            print(printable(f"  {prefix}/{review.page}: {_due_text(review, project.today)}"))
    return 0


def _due_text(review: PageReview, today: dt.date) -> str:
    """``overdue: was due by 2026-03-01, 275 days ago (Portage)``."""
    title = f" ({review.title})"
    if review.review_by is None:
        return "no valid review date; correct 'last_reviewed_on' or 'review_in'" + title
    days = (review.review_by - today).days
    if review.status == OVERDUE:
        return (
            f"overdue: was due by {review.review_by.isoformat()}, {_count(-days, 'day')} ago{title}"
        )
    when = "today" if days == 0 else f"in {_count(days, 'day')}"
    return f"due by {review.review_by.isoformat()}, {when}{title}"


def build_parser() -> argparse.ArgumentParser:
    """The command line, with a --help for each command."""
    parser = argparse.ArgumentParser(
        prog="sendqa",
        description="Tools for editors of a SEND Local Offer built with sendqa.",
    )
    parser.add_argument(
        "--rules",
        default=None,
        metavar="DIR",
        help="folder of rule files (default: rules_dir of sendqa/frontmatter in mkdocs.yml, "
        "else checks)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    new = sub.add_parser(
        "new",
        help="write a new page with every field it needs",
        description="Write a new page from a template with every required field and a "
        "plain-English prompt for each.",
    )
    new.add_argument("type", choices=["service", "guide", "you-said-we-did"], help="page type")
    new.add_argument("path", help="where to write the page, e.g. content/services/portage.md")
    new.add_argument("--title", help="the page title (default: from the file name)")
    _config_file_option(new)
    new.set_defaults(func=cmd_new)

    reviewed = sub.add_parser(
        "reviewed",
        help="mark pages as reviewed today",
        description="Set last_reviewed_on to today (or SENDQA_TODAY) and record who reviewed "
        "the page, changing nothing else in the file.",
    )
    reviewed.add_argument("paths", nargs="+", metavar="PATH", help="page files")
    reviewed.add_argument("--by", metavar="NAME", help="who reviewed the page")
    reviewed.set_defaults(func=cmd_reviewed)

    check = sub.add_parser(
        "check",
        help="check pages without building the site",
        description="Run the content checks (front matter, review dates, required headings and "
        "content, plain English, page structure, links between pages, 'You said, we did') on "
        "the given pages without a full build, and print each finding as "
        "'path:line: what is wrong; what to do'. Exit status 1 when there is a problem that "
        "would fail 'mkdocs build --strict', 0 when there is none, 2 when the check could not "
        "run. Checks of the whole site (requirements no page covers, external links) need "
        "'mkdocs build'.",
    )
    check.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="pages or folders to check (default: every page of the site)",
    )
    check.add_argument("-q", "--quiet", action="store_true", help="print problems only, not notes")
    check.add_argument(
        "--format",
        choices=["text", "github", "gitlab"],
        default="text",
        help="text (default): 'path:line: message'; github: GitHub Actions annotations, shown "
        "beside the line in a pull request; gitlab: a GitLab code quality report (JSON) for "
        "'artifacts: reports: codequality', shown in the merge request",
    )
    check.add_argument(
        "--explain",
        action="store_true",
        help="also print, for each requirement a page covers, the heading or sentence that "
        "counts for each thing the page must contain (with the text format)",
    )
    _config_file_option(check)
    check.set_defaults(func=cmd_check)

    due = sub.add_parser(
        "due",
        help="list pages due or overdue for review",
        description="List the pages that are overdue for review, due soon or have no valid "
        "review date, grouped by owner, most urgent first. Uses SENDQA_TODAY as today when set.",
    )
    due.add_argument(
        "--within",
        type=_days,
        metavar="DAYS",
        help="count pages due within this many days as due soon (default: due_soon_within in "
        "checks/freshness.yml; 0 lists overdue pages only)",
    )
    due.add_argument("--owner", metavar="NAME", help="only pages owned by this team or person")
    _config_file_option(due)
    due.set_defaults(func=cmd_due)
    return parser


def _config_file_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-f",
        "--config-file",
        metavar="FILE",
        help="the site's configuration (default: mkdocs.yml, or properdocs.yml under ProperDocs)",
    )


CONFIG_NAMES = ("mkdocs.yml", "properdocs.yml")
"""The configuration files sendqa looks for, in order: MkDocs' name, then ProperDocs' own."""


def _config_path(given: str | None) -> Path:
    """The configuration file: the one given, else the first of CONFIG_NAMES that exists here
    (a council that moved to ProperDocs may have renamed mkdocs.yml)."""
    if given:
        return Path(given)
    return next((Path(n) for n in CONFIG_NAMES if Path(n).is_file()), Path(CONFIG_NAMES[0]))


def _days(value: str) -> int:
    try:
        days = int(value)
    except ValueError:
        days = -1
    if days < 0:
        raise argparse.ArgumentTypeError(f"'{value}' is not a number of days (0 or more)")
    return days


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; errors are one line on stderr with exit status 2."""
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        _check_today()
        return func(args)
    except CliError as exc:
        print(printable(f"sendqa: {exc}"), file=sys.stderr)
        return 2
    except OSError as exc:
        print(printable(f"sendqa: {exc.filename or ''}: {exc.strerror or exc}"), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
