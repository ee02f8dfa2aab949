"""``sendqa reviewed`` on awkward names and pages: one quoting rule, a check of what it wrote,
the file's permissions and links; and ``sendqa new`` only in the docs folder."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sendqa_build.cli import main
from sendqa_build.core.pagefile import PageEditError, check_value, mark_reviewed
from sendqa_build.core.yamltext import YamlProblem, load_yaml
from tests.conftest import make_project

TODAY = dt.date(2026, 12, 1)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SENDQA_TODAY", "2026-12-01")


def front(text: str) -> dict[str, Any]:
    """The front matter of a page, as sendqa reads it."""
    _, yaml_text, _body = text.split("---\n", 2)
    data = load_yaml(yaml_text).data
    assert isinstance(data, dict)
    return data


def reviewed(before: str, by: str | None) -> str:
    after = mark_reviewed(before, TODAY, by)
    expected = {**front(before), "last_reviewed_on": "2026-12-01"}
    if by is not None:
        expected["reviewed_by"] = by.strip()
    assert front(after) == expected
    assert after.split("---\n", 2)[2] == before.split("---\n", 2)[2]
    return after


PAGE = "---\ntitle: Portage\nlast_reviewed_on: 2025-01-31\nowner: Early Years\n---\nBody\n"


@pytest.mark.parametrize(
    "by",
    [
        "Patel, Sam",
        "Sam O'Neil",
        'Sam "the reviewer" Patel',
        "Team #2",
        "Team: Early Years",
        "- leading dash",
        "* star",
        "&anchor",
        "!tag",
        "%directive",
        "@handle",
        "`backticks`",
        "back\\slash",
        "yes",
        "null",
        "2026-12-01",
        "1e3",
        "Zoë Ní Bhriain",
        "Łukasz 王芳 😀",
        "[Sam]",
        "{Sam}",
        "Sam | Jo > Al",
        "  spaced  ",
        "'quoted'",
        '"double"',
        "? question",
        "a:b",
        "Sam # not a comment",
    ],
)
def test_any_name_round_trips_twice_over_any_old_value(by: str) -> None:
    for old in ("", "reviewed_by: 'Old Name'\n", 'reviewed_by: "Old"  # who\n'):
        page = PAGE.replace("owner:", old + "owner:")
        once = reviewed(page, by)
        twice = reviewed(once, by)
        assert twice == once
        assert twice.count("reviewed_by") == 1


def test_patel_sam_twice_and_sam_o_neil_over_single_quotes() -> None:
    once = mark_reviewed(PAGE, TODAY, "Patel, Sam")
    assert mark_reviewed(once, TODAY, "Patel, Sam") == once
    assert "reviewed_by: Patel, Sam\n" in once
    old = PAGE.replace("owner:", "reviewed_by: 'Old Name'\nowner:")
    assert "reviewed_by: 'Sam O''Neil'\n" in mark_reviewed(old, TODAY, "Sam O'Neil")


def test_quoted_keys_are_the_same_fields() -> None:
    page = (
        "---\ntitle: A\n'last_reviewed_on': 2025-01-31  # checked\n"
        '"reviewed_by": Old Name\n---\nBody\n'
    )
    after = reviewed(page, "Sam Patel")
    assert after == (
        "---\ntitle: A\n'last_reviewed_on': 2026-12-01  # checked\n"
        '"reviewed_by": Sam Patel\n---\nBody\n'
    )


@pytest.mark.parametrize("by", ["Sam\nPatel", "Sam\rPatel", "Sam\u2028Patel", "Sam\x1b[31m", "\t"])
def test_line_breaks_and_control_characters_are_refused(by: str) -> None:
    with pytest.raises(PageEditError, match=r"give it on one line as plain text|is empty"):
        mark_reviewed(PAGE, TODAY, by)


def test_an_edit_that_would_read_differently_is_refused() -> None:
    # The date is shared through an alias: changing it would change 'next_review' too.
    page = "---\nlast_reviewed_on: &d 2025-01-31\nnext_review: *d\n---\nBody\n"
    with pytest.raises(PageEditError, match="could not change the front matter safely"):
        mark_reviewed(page, TODAY)


# ---------------------------------------------------------------------------------------------
# Property: for any valid front matter and any name, only the two fields change.

KEYS = st.one_of(
    st.sampled_from(["title", "summary", "owner", "last_reviewed_on", "reviewed_by", "needs"]),
    st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True),
)
VALUES = st.one_of(
    st.text(max_size=30),
    st.integers(),
    st.booleans(),
    st.none(),
    st.dates().map(dt.date.isoformat),
    st.lists(st.text(max_size=10), max_size=3),
    st.dictionaries(st.from_regex(r"[a-z]{1,5}", fullmatch=True), st.text(max_size=10), max_size=2),
)


COMMENT = st.characters(codec="utf-8", exclude_categories=["Cc", "Cs", "Zl", "Zp"])


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    """A page whose front matter mixes quoted keys, comments, styles and other fields."""
    keys = draw(st.lists(KEYS, unique=True, max_size=7))
    lines = []
    for key in keys:
        if draw(st.booleans()):
            lines.append(
                "# "
                + draw(
                    st.text(
                        st.characters(codec="utf-8", exclude_categories=["Cc", "Cs", "Zl", "Zp"]),
                        max_size=15,
                    )
                )
                + "\n"
            )
        value = draw(VALUES)
        entry = yaml.safe_dump(
            {key: value},
            allow_unicode=draw(st.booleans()),
            default_flow_style=draw(st.sampled_from([False, True, None])),
            default_style=draw(st.sampled_from([None, "'", '"'])),
            width=draw(st.sampled_from([20, 1000])),
        )
        if draw(st.booleans()):  # a quoted key
            quote = draw(st.sampled_from(["'", '"']))
            entry = entry.replace(f"{key}:", f"{quote}{key}{quote}:", 1)
            if entry.startswith(("''", '""')):
                continue  # the dumper had quoted it already
        if entry.startswith("{") and entry.rstrip().endswith("}"):
            entry = entry.strip()[1:-1] + "\n"  # the value in flow style, the page in block
        one_line = entry.count("\n") == 1 and not entry.rstrip().endswith(("|", ">", "-"))
        if one_line and draw(st.booleans()):
            entry = entry[:-1] + "   # note\n"
        lines.append(entry)
    return "---\n" + "".join(lines) + "---\nBody with last_reviewed_on: 2020-01-01\n"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page=front_matter(), by=st.one_of(st.none(), st.text(max_size=25)))
def test_any_front_matter_and_any_name_change_only_the_two_fields(
    page: str, by: str | None
) -> None:
    try:
        before = front(page)
    except (YamlProblem, AssertionError):
        assume(False)
        return
    if by is not None:
        try:
            check_value(by)
        except PageEditError:
            with pytest.raises(PageEditError):
                mark_reviewed(page, TODAY, by)
            return
    after = reviewed(page, by)
    assert set(front(after)) == set(before) | {"last_reviewed_on"} | (
        {"reviewed_by"} if by is not None else set()
    )


# ---------------------------------------------------------------------------------------------
# The file: mode, read-only, links; nothing written when refused


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "site"
    root.mkdir()
    make_project(root, {"p.md": PAGE})
    monkeypatch.chdir(root)
    return root


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_patel_sam_twice_is_valid_yaml(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for _ in range(2):
        assert run(capsys, "reviewed", "content/p.md", "--by", "Patel, Sam")[0] == 0
    assert front((project / "content/p.md").read_text(encoding="utf-8"))["reviewed_by"] == (
        "Patel, Sam"
    )


def test_cli_refusal_leaves_the_file_untouched(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = project / "content" / "p.md"
    page.write_text("---\nlast_reviewed_on: &d 2025-01-31\nx: *d\n---\nBody\n", encoding="utf-8")
    before = page.read_bytes()
    code, _, err = run(capsys, "reviewed", "content/p.md")
    assert code == 2 and page.read_bytes() == before
    assert err.count("\n") == 1 and "the file was left as it is" in err
    code, _, err = run(capsys, "reviewed", "content/p.md", "--by", "Sam\nPatel")
    assert code == 2 and page.read_bytes() == before
    assert err == (
        "sendqa: --by: the value has a line break (U+000A); give it on one line as plain text\n"
    )


def test_cli_keeps_the_mode(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = project / "content" / "p.md"
    page.chmod(0o640)
    assert run(capsys, "reviewed", "content/p.md")[0] == 0
    assert stat.S_IMODE(page.stat().st_mode) == 0o640
    assert "last_reviewed_on: 2026-12-01" in page.read_text(encoding="utf-8")


def test_cli_refuses_a_read_only_page(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = project / "content" / "p.md"
    page.chmod(0o444)
    code, _, err = run(capsys, "reviewed", "content/p.md")
    assert code == 2
    assert "the file is read-only, so it was left as it is" in err
    assert page.read_text(encoding="utf-8") == PAGE
    assert stat.S_IMODE(page.stat().st_mode) == 0o444


def test_cli_writes_through_a_link_inside_the_project(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = project / "content" / "link.md"
    link.symlink_to("p.md")
    assert run(capsys, "reviewed", "content/link.md", "--by", "Sam")[0] == 0
    assert link.is_symlink()
    assert "reviewed_by: Sam" in (project / "content" / "p.md").read_text(encoding="utf-8")


def test_cli_refuses_a_link_leading_out_of_the_project(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text(PAGE, encoding="utf-8")
    (project / "content" / "out.md").symlink_to(outside)
    code, _, err = run(capsys, "reviewed", "content/out.md")
    assert code == 2
    assert "outside this project" in err and "left as it is" in err
    assert outside.read_text(encoding="utf-8") == PAGE


@pytest.mark.parametrize(
    "path",
    ["../../outside.md", "content/../../outside.md", "/tmp/outside.md", "mkdocs", "linked/x.md"],
)
def test_new_writes_only_in_the_docs_folder(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], path: str
) -> None:
    (project / "linked").symlink_to(tmp_path)  # a folder link leading out of the project
    (project / "content" / "away").symlink_to(tmp_path)
    listing = sorted(tmp_path.iterdir())
    for target in (path, path.replace("linked/", "content/away/")):
        code, _, err = run(capsys, "new", "guide", target)
        assert code == 2, target
        assert err.count("\n") == 1 and "docs folder 'content'" in err
    assert sorted(tmp_path.iterdir()) == listing
    assert not Path("/tmp/outside.md").exists()


def test_new_in_a_subfolder_of_the_docs_folder(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "new", "guide", "content/help/short-breaks.md")[0] == 0
    assert (project / "content" / "help" / "short-breaks.md").is_file()


def test_cli_names_a_utf16_page(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = project / "content" / "p.md"
    page.write_bytes(PAGE.encode("utf-16-le"))
    code, _, err = run(capsys, "reviewed", "content/p.md")
    assert code == 2 and page.read_bytes() == PAGE.encode("utf-16-le")
    assert "saved as UTF-16" in err and "1252" not in err
