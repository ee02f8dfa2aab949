"""The file of page results kept between builds: what is read back, what is thrown away."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sendqa_build import pagecache
from sendqa_build.pagecache import PageCache, SpooledPageCache, code_fingerprint, digest


def _saved(path: Path, pages: dict[str, object], stamp: str = "s1") -> PageCache:
    cache = PageCache.load(path, stamp)
    for key, value in pages.items():
        cache.put(key, value)
    cache.save()
    return PageCache.load(path, stamp)


def test_results_are_read_back_under_their_key(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "check.json"
    cache = _saved(path, {"k1": {"found": [1, "ü", "\udcff"]}, "k2": []})
    assert cache.get("k1") == {"found": [1, "ü", "\udcff"]}
    assert cache.get("k2") == []
    assert cache.get("k3") is None
    assert cache.reused == 2


@pytest.mark.parametrize(
    "text",
    [
        "",
        "{not json",
        "[1, 2]",
        json.dumps({"layout": 0, "fingerprint": "s1", "pages": {"k1": 1}}),
        json.dumps({"layout": pagecache.LAYOUT, "fingerprint": "s2", "pages": {"k1": 1}}),
        json.dumps({"layout": pagecache.LAYOUT, "fingerprint": "s1", "pages": [1]}),
        "\udcff",
    ],
    ids=["empty", "damaged", "list", "old layout", "other rules", "pages not a map", "bytes"],
)
def test_a_file_that_cannot_be_trusted_gives_nothing(tmp_path: Path, text: str) -> None:
    path = tmp_path / "check.json"
    stamp = PageCache.load(path, "s1").fingerprint  # "s1" with this sendqa's code
    text = text.replace('"fingerprint": "s1"', f'"fingerprint": "{stamp}"')
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    assert PageCache.load(path, "s1").get("k1") is None


def test_a_missing_file_or_folder_gives_nothing(tmp_path: Path) -> None:
    assert PageCache.load(tmp_path / "none" / "check.json", "s1").get("k1") is None


def test_only_this_builds_pages_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "check.json"
    cache = _saved(path, {"old": 1, "kept": 2})
    assert cache.get("kept") == 2
    cache.put("new", 3)
    cache.save()
    assert json.loads(path.read_text(encoding="utf-8"))["pages"] == {"kept": 2, "new": 3}


def test_an_unchanged_cache_is_not_written_again(tmp_path: Path) -> None:
    path = tmp_path / "check.json"
    cache = _saved(path, {"a": 1})
    path.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    before = path.stat().st_mtime_ns
    assert cache.get("a") == 1
    assert cache.get("a") == 1  # one page read twice (a page served twice)
    cache.save()
    assert path.stat().st_mtime_ns == before
    cache = PageCache.load(path, "s1")
    assert cache.get("a") == 1
    cache.put("a", 2)  # made again in this build: written
    cache.save()
    assert json.loads(path.read_text(encoding="utf-8"))["pages"] == {"a": 2}
    cache = PageCache.load(path, "s1")  # a page deleted since: written without it
    cache.save()
    assert json.loads(path.read_text(encoding="utf-8"))["pages"] == {}


def test_save_reports_a_folder_that_cannot_be_written(tmp_path: Path) -> None:
    (tmp_path / "cache").write_text("a file where the folder should be", encoding="utf-8")
    cache = PageCache.load(tmp_path / "cache" / "check.json", "s1")
    cache.put("a", 1)
    with pytest.raises(OSError):
        cache.save()


def test_digest_keeps_parts_apart() -> None:
    assert digest("ab", "c") != digest("a", "bc")
    assert digest("a", "b") == digest("a", b"b")
    assert digest("\udcff") != digest("")  # text that is not valid Unicode still hashes


def test_the_code_fingerprint_is_stable_within_a_run() -> None:
    assert code_fingerprint() == code_fingerprint()
    assert len(code_fingerprint()) == 64


def test_results_of_another_sendqa_are_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every check's stamp includes sendqa's own code: the same rules with other code (a new
    release, a developer's edit) reuse nothing."""
    path = tmp_path / "check.json"
    _saved(path, {"k1": 1})
    assert PageCache.load(path, "s1").get("k1") == 1
    monkeypatch.setattr(pagecache, "code_fingerprint", lambda: "other code")
    assert PageCache.load(path, "s1").get("k1") is None


def test_reuse_makes_only_what_was_not_kept(tmp_path: Path) -> None:
    path = tmp_path / "check.json"
    made: list[str] = []

    def result(key: str) -> tuple[str, int]:
        made.append(key)
        return (key, len(key))

    def use(cache: PageCache, key: str) -> tuple[str, int]:
        return cache.reuse(
            key,
            lambda: result(key),
            lambda value: list(value) if value[0] != "x" else None,  # "x": cannot be kept
            lambda data: (data[0], data[1]),
        )

    cache = PageCache.load(path, "s1")
    assert [use(cache, k) for k in ("a", "bb", "x")] == [("a", 1), ("bb", 2), ("x", 1)]
    cache.save()
    made.clear()
    cache = PageCache.load(path, "s1")
    assert [use(cache, k) for k in ("a", "bb", "x")] == [("a", 1), ("bb", 2), ("x", 1)]
    assert made == ["x"]


def test_kept_copies_are_used_only_as_kept_and_for_the_same_inputs(tmp_path: Path) -> None:
    from sendqa_build.pagecache import keep_copies, kept_copies

    written = [tmp_path / "site" / "a.json", tmp_path / "site" / "b.json"]
    for number, path in enumerate(written):
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(b"made from x %d" % number)
    copies = [tmp_path / "cache" / "a.json", tmp_path / "cache" / "b.json"]
    note = tmp_path / "cache" / "note.json"
    assert not kept_copies(note, "x", copies)  # nothing kept yet
    keep_copies(note, "x", written, copies)
    assert [c.read_bytes() for c in copies] == [w.read_bytes() for w in written]
    assert kept_copies(note, "x", copies)
    assert not kept_copies(note, "y", copies)  # made from something else now
    copies[1].write_bytes(b"made from X 1")  # edited since
    assert not kept_copies(note, "x", copies)
    copies[1].unlink()
    assert not kept_copies(note, "x", copies)
    note.write_text("{not json", encoding="utf-8")
    assert not kept_copies(note, "x", copies)
    keep_copies(note, "x", written, copies)
    assert kept_copies(note, "x", copies)


@pytest.mark.parametrize("spool", ["temporary file", "no temporary file"])
def test_a_spooled_cache_keeps_exactly_what_a_cache_keeps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spool: str
) -> None:
    """Results made in a build wait on disk, or in memory where no temporary file can be
    made, and are saved as ``PageCache`` saves them (line breaks and any text included)."""
    if spool == "no temporary file":

        def refused(*args: object, **kwargs: object) -> None:
            raise OSError("no temporary folder")

        monkeypatch.setattr(pagecache.tempfile, "TemporaryFile", refused)
    path = tmp_path / "check.json"
    values = {"k1": {"found": [1, "ü", "\udcff"]}, "k2": "two\nlines\r", "k3": []}
    cache = SpooledPageCache.load(path, "s1")
    for key, value in values.items():
        assert cache.reuse(key, lambda v=value: v, lambda v: v, lambda d: d) == value
    cache.save()
    assert json.loads(path.read_text(encoding="utf-8"))["pages"] == values
    again = SpooledPageCache.load(path, "s1")
    assert again.get("k1") == values["k1"]
    again.put("k4", 4)
    again.save()
    assert json.loads(path.read_text(encoding="utf-8"))["pages"] == {"k1": values["k1"], "k4": 4}
    assert PageCache.load(path, "s1").get("k4") == 4
