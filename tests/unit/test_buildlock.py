"""The build lock: a second build waits and says for what; the lock goes with its process;
where there is no lock to be had, builds go on with a note."""

from __future__ import annotations

import fcntl
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from sendqa_build import buildlock
from sendqa_build.output import remove_stray_temporary_files, write_atomic


def test_a_free_project_is_locked_at_once_and_released(tmp_path: Path) -> None:
    said: list[str] = []
    lock = buildlock.acquire(tmp_path, "mkdocs build", said.append)
    assert lock.held and said == []
    assert (tmp_path / ".sendqa-cache" / "build.lock").read_text().startswith("mkdocs build\n")
    lock.release()
    lock.release()  # twice is harmless
    assert not lock.held
    again = buildlock.acquire(tmp_path, "mkdocs build", said.append)
    assert again.held and said == []
    again.release()


def test_a_second_build_waits_and_says_for_what(tmp_path: Path) -> None:
    path = buildlock.lock_path(tmp_path)
    path.parent.mkdir()
    path.write_text("mkdocs serve\n4321\n10:02:03\n")
    other = open(path, "a+")  # noqa: SIM115 - another open file: flock keeps it apart, as another process would be
    fcntl.flock(other.fileno(), fcntl.LOCK_EX)
    said: list[str] = []
    got: list[buildlock.BuildLock] = []
    waiting = threading.Thread(
        target=lambda: got.append(
            buildlock.acquire(tmp_path, "mkdocs build", said.append, poll=0.01, remind=0.1)
        )
    )
    waiting.start()
    time.sleep(0.4)
    assert not got  # still waiting
    other.close()  # the other build ends
    waiting.join(5)
    assert got and got[0].held
    assert said[0] == (
        "another build of this project is running (mkdocs serve, process 4321, since "
        "10:02:03); waiting for it to finish before this build starts"
    )
    assert any(message.startswith("still waiting (") for message in said[1:])
    got[0].release()


def test_the_lock_goes_with_a_killed_process(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from sendqa_build import buildlock; "
            "buildlock.acquire(Path(sys.argv[1]), 'mkdocs build', print); "
            "print('held', flush=True); time.sleep(600)",
            str(tmp_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "held"
    said: list[str] = []
    threading.Timer(0.3, holder.kill).start()
    lock = buildlock.acquire(tmp_path, "mkdocs build", said.append, poll=0.01)
    holder.wait()
    assert lock.held
    assert said and f"process {holder.pid}" in said[0]
    lock.release()


def test_the_same_process_never_waits_for_itself(tmp_path: Path) -> None:
    """A build of ``mkdocs serve`` that never reached its end must not block the next one."""
    first = buildlock.acquire(tmp_path, "mkdocs serve", print)
    second = buildlock.acquire(tmp_path, "mkdocs serve", print)
    assert second is first
    first.release()


def test_an_unwritable_place_builds_without_a_lock(tmp_path: Path) -> None:
    (tmp_path / ".sendqa-cache").write_text("a file, not a folder")
    said: list[str] = []
    lock = buildlock.acquire(tmp_path, "mkdocs build", said.append)
    assert not lock.held
    assert said[0].startswith("cannot create the build lock ")
    assert "are not kept apart" in said[0]
    lock.release()


def test_a_system_without_file_locks_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(buildlock, "SUPPORTED", False)
    said: list[str] = []
    lock = buildlock.acquire(tmp_path, "mkdocs build", said.append)
    assert not lock.held
    assert said == [
        "this system has no file locks, so two builds of this project at the same time are not "
        "kept apart; start one build only after the last has finished"
    ]


def test_stray_temporary_files_are_removed_and_nothing_else(tmp_path: Path) -> None:
    report = tmp_path / "qa-report"
    report.mkdir()
    strays = [report / ".reviews.csv.k3j9x_2a.tmp", report / ".self-evaluation.json.abcdefgh.tmp"]
    kept = [
        report / "reviews.csv",
        report / "notes.tmp",
        report / ".reviews.csv.short.tmp",
        report / "sub" / ".reviews.csv.k3j9x_2a.tmp",
    ]
    for path in [*strays, *kept]:
        path.parent.mkdir(exist_ok=True)
        path.write_text("x")
    removed = remove_stray_temporary_files([report, tmp_path / "missing", tmp_path / "x.txt"])
    assert sorted(removed) == sorted(strays)
    assert all(path.exists() for path in kept)


def test_write_atomic_leaves_no_temporary_file_when_it_fails(tmp_path: Path) -> None:
    def parts() -> list[str]:
        raise OSError("disk full")

    with pytest.raises(OSError):
        write_atomic(tmp_path / "out.json", (part for part in parts()))
    assert list(tmp_path.iterdir()) == []
