"""The ``sendqa`` command: small jobs for content editors and CI, without a full site build.

Every error is one line on stderr and exit status 2; never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from sendqa_build.core.frontmatter import PageTypes
from sendqa_build.core.pagefile import PageEditError, mark_reviewed, new_page
from sendqa_build.output import write_atomic
from sendqa_build.rules import RulesError, load_rules_file
from sendqa_build.today import ReferenceDateError, reference_date


class CliError(Exception):
    """A problem to report in one line (exit status 2)."""


def _rules_dir(args: argparse.Namespace) -> Path:
    return Path(args.rules)


def _page_types(args: argparse.Namespace) -> PageTypes:
    path = _rules_dir(args) / "page-types.yml"
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
    """Write a new page from the template of its type."""
    rules = _page_types(args)
    path = Path(args.path)
    if path.suffix != ".md":
        path = path.with_suffix(".md")
    if path.exists():
        raise CliError(f"{path} already exists; choose another name or edit that page")
    title = args.title or path.stem.replace("-", " ").replace("_", " ").capitalize()
    text = new_page(args.type, rules, reference_date(), title)
    write_atomic(path, text)
    print(f"{path}: new {args.type} page written; fill in each empty field")
    return 0


def cmd_reviewed(args: argparse.Namespace) -> int:
    """Set last_reviewed_on to today (and reviewed_by), keeping the rest of the file as it is."""
    today = reference_date()
    for name in args.paths:
        path = Path(name)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise CliError(f"{path}: cannot read the file ({exc.strerror or exc})") from exc
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise CliError(
                f"{path}: the file is not saved as UTF-8; save it as UTF-8 first"
            ) from exc
        try:
            updated = mark_reviewed(text, today, args.by)
        except PageEditError as exc:
            raise CliError(f"{path}: {exc}") from exc
        write_atomic(path, updated.encode("utf-8"))
        who = f" by {args.by}" if args.by else ""
        print(f"{path}: marked as reviewed on {today.isoformat()}{who}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The command line, with a --help for each command."""
    parser = argparse.ArgumentParser(
        prog="sendqa",
        description="Tools for editors of a SEND Local Offer built with sendqa.",
    )
    parser.add_argument(
        "--rules",
        default="checks",
        metavar="DIR",
        help="folder of rule files (default: checks)",
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; errors are one line on stderr with exit status 2."""
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        _check_today()
        return func(args)
    except CliError as exc:
        print(f"sendqa: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"sendqa: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
