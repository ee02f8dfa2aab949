"""The sendqa command line: each command, its errors in one line, and its exit status."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sendqa_build.cli import main
from tests.conftest import ROOT, guide_page, make_project, service_page

RULES = str(ROOT / "checks")


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SENDQA_TODAY", "2026-12-01")


def test_new_writes_a_page(
    in_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    target = in_project({}) / "content" / "services" / "portage-home-visiting.md"
    assert main(["new", "service", "content/services/portage-home-visiting.md"]) == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    assert "title: Portage home visiting" in text
    assert "last_reviewed_on: 2026-12-01" in text
    assert "new service page written" in capsys.readouterr().out


def test_new_refuses_to_overwrite(
    in_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    target = in_project({"x.md": "keep me"}) / "content" / "x.md"
    assert main(["new", "guide", "content/x.md"]) == 2
    assert target.read_text(encoding="utf-8") == "keep me"
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already exists" in err


def test_reviewed_changes_one_line(tmp_path: Path) -> None:
    page = tmp_path / "p.md"
    before = '---\ntitle: "A"  # note\nlast_reviewed_on: 2025-01-31\nowner: X\n---\nBody\n'
    page.write_text(before, encoding="utf-8")
    assert main(["--rules", RULES, "reviewed", str(page)]) == 0
    after = page.read_text(encoding="utf-8")
    diff = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert diff == [("last_reviewed_on: 2025-01-31", "last_reviewed_on: 2026-12-01")]


def test_reviewed_by_records_the_reviewer(tmp_path: Path) -> None:
    page = tmp_path / "p.md"
    page.write_text("---\ntitle: A\nlast_reviewed_on: 2025-01-31\n---\n", encoding="utf-8")
    assert main(["--rules", RULES, "reviewed", str(page), "--by", "Sam Patel"]) == 0
    assert "reviewed_by: Sam Patel\n" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "cannot read the file"),
        (b"no front matter\n", "has no front matter"),
        (b"---\ntitle: caf\xe9\n---\n", "not saved as UTF-8"),
    ],
)
def test_reviewed_errors_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, expected: str
) -> None:
    page = tmp_path / "p.md"
    if content is not None:
        page.write_bytes(content)
    assert main(["--rules", RULES, "reviewed", str(page)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("sendqa: ") and err.count("\n") == 1 and expected in err


def test_bad_reference_date_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SENDQA_TODAY", "31/02/2026")
    assert main(["--rules", RULES, "new", "guide", str(tmp_path / "g.md")]) == 2
    assert "SENDQA_TODAY is set to '31/02/2026'" in capsys.readouterr().err


def test_installed_command_has_help() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "sendqa_build.cli", "reviewed", "--help"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "--by NAME" in out


def test_reviewed_keeps_comments_and_unusual_quoting(tmp_path: Path) -> None:
    page = tmp_path / "p.md"
    before = (
        "---\r\n"
        "# Checked every six months by the team\r\n"
        "title: 'Portage: home visits'   # the name families know\r\n"
        'summary: "Help at home, \\"play\\" and learning."\r\n'
        "owner:    Early Years SEND Team\r\n"
        "last_reviewed_on:   '2025-01-31'   # after the March restructure\r\n"
        "review_in: 6 months\r\n"
        "needs: [ all ]\r\n"
        "eligibility: >-\r\n"
        "  Children under 5\r\n"
        "  in Wyvernshire.\r\n"
        "---\r\n"
        "Body with last_reviewed_on: 2025-01-31 in the text.\r\n"
    )
    page.write_bytes(before.encode("utf-8"))
    assert main(["--rules", RULES, "reviewed", str(page)]) == 0
    after = page.read_bytes().decode("utf-8")
    old, new = before.split("\r\n"), after.split("\r\n")
    assert len(old) == len(new)
    changed = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
    assert changed == [
        (
            "last_reviewed_on:   '2025-01-31'   # after the March restructure",
            "last_reviewed_on:   '2026-12-01'   # after the March restructure",
        )
    ]


def test_new_reads_the_rules_folder_set_in_mkdocs_yml(
    in_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """``rules_dir`` of sendqa/frontmatter is where ``sendqa new`` finds the page types, as
    every check does (``checks/page-types.yml`` is broken here and never read)."""
    root = in_project({})
    shutil.copytree(root / "checks", root / "rules")
    (root / "checks" / "page-types.yml").write_text("- a list\n", encoding="utf-8")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\n- sendqa/frontmatter\n" in config
    config = config.replace(
        "\n- sendqa/frontmatter\n", "\n- sendqa/frontmatter:\n    rules_dir: rules\n", 1
    )
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    assert main(["new", "guide", "content/help.md"]) == 0
    assert "title: Help" in (root / "content" / "help.md").read_text(encoding="utf-8")
    # --rules still chooses another folder.
    assert main(["--rules", "checks", "new", "guide", "content/other.md"]) == 2
    assert "page-types.yml" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------
# sendqa check and sendqa due, in a project made from the repository's mkdocs.yml and checks/


def _project(tmp_path: Path, files: dict[str, str], **options: Any) -> Path:
    root = tmp_path / "site"
    root.mkdir()
    make_project(root, files, **options)
    return root


@pytest.fixture
def in_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    """Make a project and run the command from its folder, as an editor would."""

    def _make(files: dict[str, str], **options: Any) -> Path:
        root = _project(tmp_path, files, **options)
        monkeypatch.chdir(root)
        return root

    return _make


HOME = guide_page("Home", "Welcome to the Local Offer.\n")
# guide_page: the body starts on line 8.
PROBLEMS = guide_page(
    "Help",
    "Families can ask for an EHCP.\n\nSee [the form](missing.md).\n\nWe will utilise it.\n",
)
CLEAN = guide_page("Clean", "Short, plain words.\n")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def test_check_exits_1_on_a_page_with_problems(
    in_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    in_project({"index.md": HOME, "help.md": PROBLEMS, "clean.md": CLEAN})
    code, out, err = run(capsys, "check", "content/help.md")
    assert code == 1
    assert out == [
        "content/help.md:8: 'EHCP' is used before it is spelled out on this page; "
        "write 'Education, Health and Care plan (EHCP)' the first time",
        "content/help.md:10: the link 'missing.md' points to a file that is not in this site; "
        "correct the address: link to the page's .md file, relative to this page",
        "content/help.md:12: 'utilise' is on the GOV.UK list of words to avoid; write 'use' "
        "instead",
    ]
    assert err == "sendqa: 3 problems, 0 notes in 1 page checked\n"


def test_check_exits_0_on_a_clean_page(
    in_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    in_project({"index.md": HOME, "help.md": PROBLEMS, "clean.md": CLEAN})
    code, out, err = run(capsys, "check", "content/clean.md")
    assert (code, out) == (0, [])
    assert "0 problems" in err


def test_check_without_paths_checks_every_page(
    in_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    in_project({"index.md": HOME, "help.md": PROBLEMS, "more/clean.md": CLEAN})
    code, out, err = run(capsys, "check")
    assert code == 1
    assert {line.split(":")[0] for line in out} == {"content/help.md"}
    assert "in 3 pages checked" in err
    code, out, err = run(capsys, "check", "content/more")
    assert (code, out) == (0, [])
    assert "in 1 page checked" in err


def test_check_front_matter_review_dates_and_headings(
    in_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    stale = guide_page("Stale", "Text.\n").replace("2026-09-01", "2025-01-10")
    bad = service_page("Bad").replace("maximum_age: 25", "maximum_age: twelve")
    no_heading = service_page("Plain").replace("## What the service offers", "## Hello")
    in_project({"index.md": HOME, "stale.md": stale, "bad.md": bad, "plain.md": no_heading})
    code, out, _ = run(capsys, "check", "content/stale.md", "content/bad.md", "content/plain.md")
    assert code == 1
    assert (
        "content/stale.md: review overdue since 2026-01-10 (last reviewed 2025-01-10, review "
        "every 12 months); owner: Test Team"
    ) in out
    assert any(line.startswith("content/bad.md:9: 'maximum_age'") for line in out)
    assert any(
        line.startswith("content/plain.md:") and "need a heading 'What the service offers'" in line
        for line in out
    )


def test_check_silenced_and_notes(
    in_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    soon = guide_page(
        "Soon", "We will utilise it. <!-- sendqa-ignore words-to-avoid: a quotation -->\n"
    ).replace("2026-09-01", "2025-12-15")
    in_project({"index.md": HOME, "soon.md": soon})
    code, out, err = run(capsys, "check", "content/soon.md")
    assert code == 0
    assert out == [
        "content/soon.md: note: review due in 14 days, by 2026-12-15 (last reviewed 2025-12-15, "
        "review every 12 months); owner: Test Team"
    ]
    assert err == "sendqa: 0 problems, 1 note, 1 silenced in 1 page checked\n"
    code, out, _ = run(capsys, "check", "--quiet", "content/soon.md")
    assert (code, out) == (0, [])


def _round(published: str, we_did: str = "We now publish waiting times.") -> str:
    return (
        "---\ntitle: Round\nsummary: Comments and answers.\ntype: you-said-we-did\n"
        f"owner: Test Team\nlast_reviewed_on: 2026-09-01\npublished_on: {published}\n"
        f"responses:\n  - you_said: Waiting times are hard to find.\n    we_did: {we_did}\n"
        "---\n\nWhat you told us.\n"
    )


def test_check_sees_every_round_to_know_the_newest(
    in_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    in_project(
        {
            "index.md": HOME,
            "2024.md": _round("2024-07-01", "TBC"),
            "2026.md": _round("2026-07-01"),
        }
    )
    code, out, _ = run(capsys, "check", "content/2024.md")
    assert code == 1
    assert len(out) == 1 and "'responses' item 1 has a placeholder 'we_did'" in out[0]
    assert not any("newest" in line for line in out)  # 2026.md is newer, though not checked


def test_check_reports_an_old_newest_round(
    in_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    in_project({"index.md": HOME, "2024.md": _round("2024-07-01")})
    code, out, _ = run(capsys, "check", "content/2024.md")
    assert code == 1
    assert any("the newest 'You said, we did' round was published on" in line for line in out)


def test_check_follows_mkdocs_yml(
    in_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A check switched off in mkdocs.yml is off for sendqa check too."""
    in_project(
        {"index.md": HOME, "help.md": PROBLEMS},
        plugins=["search", "sendqa/frontmatter", "sendqa/freshness", "sendqa/links"],
    )
    code, out, _ = run(capsys, "check", "content/help.md")
    assert (code, [line.split(":")[1] for line in out]) == (1, ["10"])  # only the links


def test_check_without_links_plugin(
    in_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """Without sendqa/links, links are MkDocs' own job in the build, not sendqa check's."""
    in_project(
        {"index.md": HOME, "help.md": PROBLEMS},
        plugins=["search", "sendqa/frontmatter", "sendqa/freshness"],
    )
    assert run(capsys, "check", "content/help.md")[:2] == (0, [])


def test_check_finds_properdocs_yml(
    in_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A council on ProperDocs may have renamed mkdocs.yml to properdocs.yml."""
    root = in_project({"index.md": HOME, "help.md": PROBLEMS, "clean.md": CLEAN})
    (root / "mkdocs.yml").rename(root / "properdocs.yml")
    code, out, err = run(capsys, "check", "content/help.md")
    assert (code, len(out), err) == (1, 3, "sendqa: 3 problems, 0 notes in 1 page checked\n")
    (root / "properdocs.yml").unlink()
    code, out, err = run(capsys, "check", "content/help.md")
    assert code == 2
    assert "no 'mkdocs.yml' here" in err


def test_check_links_to_generated_pages_and_folders(
    in_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    body = (
        "Use the [services directory](find-services/directory.md), the "
        "[word list](jargon-buster.md), [help](help.md#top) and [this part](#what-next).\n\n"
        "## What next\n\nSee the [more pages](more/).\n"
    )
    in_project({"index.md": guide_page("Home", body), "help.md": CLEAN, "more/index.md": CLEAN})
    code, out, _ = run(capsys, "check", "content/index.md")
    assert code == 1
    assert out == [
        "content/index.md:12: the link 'more/' points to a folder; link to its page instead: "
        "'more/index.md'"
    ]


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["check", "content/nope.md"], "content/nope.md: no such file or folder"),
        (["check", "mkdocs.yml"], "mkdocs.yml: not in the docs folder 'content'"),
        (["check", "content/notes.txt"], "content/notes.txt: not a Markdown page (.md)"),
        (["check", "-f", "elsewhere.yml"], "no 'elsewhere.yml' here"),
        (["due", "-f", "elsewhere.yml"], "no 'elsewhere.yml' here"),
    ],
)
def test_check_errors_are_one_line(
    in_project: Callable[..., Path],
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    expected: str,
) -> None:
    root = in_project({"index.md": HOME})
    (root / "content" / "notes.txt").write_text("notes", encoding="utf-8")
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, [])
    assert err.startswith("sendqa: " + expected) and err.count("\n") == 1


def test_check_broken_rules_file_is_one_line(
    in_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    in_project({"index.md": HOME}, checks={"freshness.yml": "due_soon_within: [oops\n"})
    code, _, err = run(capsys, "check")
    assert code == 2
    assert err.startswith("sendqa: Error reading rules file '") and err.count("\n") == 1
    assert "freshness.yml" in err


def _reviewed(title: str, on: str, owner: str = "Test Team", review_in: str = "") -> str:
    extra = f"review_in: {review_in}\n" if review_in else ""
    return (
        guide_page(title, "Text.\n", extra=extra)
        .replace("last_reviewed_on: 2026-09-01", f"last_reviewed_on: {on}")
        .replace("owner: Test Team", f"owner: {owner}")
    )


DUE_FILES = {
    "index.md": _reviewed("Home", "2026-09-01"),
    "late.md": _reviewed("Late", "2026-03-01", review_in="6 months"),
    "soon.md": _reviewed("Soon", "2025-12-20", owner="Early Years SEND Team"),
    "later.md": _reviewed("Later", "2026-01-20", owner="early years send team"),
    "broken.md": _reviewed("Broken", "next Tuesday", owner="Early Years SEND Team"),
}


def test_due_lists_pages_by_owner(
    in_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    in_project(DUE_FILES)
    code, out, _ = run(capsys, "due")
    assert code == 0
    assert out == [
        "Early Years SEND Team (2 pages)",
        "  content/soon.md: due by 2026-12-20, in 19 days (Soon)",
        "  content/broken.md: no valid review date; correct 'last_reviewed_on' or 'review_in' "
        "(Broken)",
        "Test Team (1 page)",
        "  content/late.md: overdue: was due by 2026-09-01, 91 days ago (Late)",
    ]


def test_due_within_and_owner(
    in_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    in_project(DUE_FILES)
    _, out, _ = run(capsys, "due", "--within", "60", "--owner", "early years  SEND team")
    assert out == [
        "Early Years SEND Team (3 pages)",
        "  content/soon.md: due by 2026-12-20, in 19 days (Soon)",
        "  content/later.md: due by 2027-01-20, in 50 days (Later)",
        "  content/broken.md: no valid review date; correct 'last_reviewed_on' or 'review_in' "
        "(Broken)",
    ]
    _, out, _ = run(capsys, "due", "--within", "0", "--owner", "Test Team")
    assert out == [
        "Test Team (1 page)",
        "  content/late.md: overdue: was due by 2026-09-01, 91 days ago (Late)",
    ]


def test_due_nothing_to_do(
    in_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    in_project({"index.md": HOME})
    code, out, _ = run(capsys, "due")
    assert (code, out) == (0, ["No pages are overdue or due in the next 30 days."])
    code, out, _ = run(capsys, "due", "--owner", "Nobody")
    assert out == ["No pages owned by 'Nobody' are overdue or due in the next 30 days."]


def test_due_rejects_a_bad_number(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["due", "--within", "soon"])
    assert exc.value.code == 2
    assert "'soon' is not a number of days" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("new", "plain-English prompt"),
        ("reviewed", "--by NAME"),
        ("check", "Exit status 1"),
        ("due", "--within DAYS"),
    ],
)
def test_each_command_has_help(command: str, expected: str) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "sendqa_build.cli", command, "--help"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert expected in " ".join(out.split())


def test_check_explain_prints_what_counted_for_each_item(
    in_project: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    body = (
        "We take complaints seriously.\n\n"
        "## Mediation\n\nAn independent mediator helps you agree.\n\n"
        "To complain, write to us at complaints@wyvernshire.example.org.\n"
    )
    page = guide_page("Complaints", body, extra="covers: [complaints-and-appeals]\n")
    in_project({"index.md": HOME, "complaints.md": page})
    code, out, _ = run(capsys, "check", "--explain", "content/complaints.md")
    assert code == 1  # the page still lacks the tribunal, disagreement resolution...
    assert out[-2:] == [
        "content/complaints.md:11: counts as 'mediation' (complaints-and-appeals): \"Mediation\"",
        "content/complaints.md:15: counts as 'how to complain' (complaints-and-appeals): "
        '"To complain, write to us at complaints@wyvernshire.example.org."',
    ]
    _, plain, _ = run(capsys, "check", "content/complaints.md")
    assert not any("counts as" in line for line in plain)
