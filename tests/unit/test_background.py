"""Checks run in a second process give exactly what they give in the build's own process, and
any failure of the second process falls back to running them here."""

from __future__ import annotations

import gc
import math
import operator
import os
import subprocess
import sys
import tempfile
import time
import weakref
from pathlib import Path

import pytest

from sendqa_build import background
from sendqa_build.core.plain_english import Levels, PlainEnglishRules, check_page, check_pages
from sendqa_build.plugins.base import SendqaPlugin
from tests.conftest import ROOT


def only_in_this_process(pid: int) -> str:
    """Fails anywhere but in the process ``pid``: stands for a second process that breaks."""
    if os.getpid() != pid:
        raise RuntimeError("the second process failed")
    return "computed here"


def test_a_call_runs_in_a_second_process_with_the_same_result() -> None:
    task = background.submit(math.factorial, 30)
    assert task.result() == math.factorial(30)
    assert task.ran_in_background


def test_without_background_the_call_runs_here_when_asked() -> None:
    task = background.submit(math.factorial, 5, background=False)
    assert task.result() == 120
    assert not task.ran_in_background


def test_a_failing_second_process_falls_back_to_this_one() -> None:
    task = background.submit(only_in_this_process, os.getpid())
    assert task.result() == "computed here"
    assert not task.ran_in_background


def test_arguments_that_cannot_be_sent_run_here() -> None:
    task = background.submit(operator.call, lambda: "not picklable")
    assert task.result() == "not picklable"
    assert not task.ran_in_background


def test_a_real_error_is_raised_here_as_it_would_be_without_background() -> None:
    task = background.submit(operator.truediv, 1, 0)
    with pytest.raises(ZeroDivisionError):
        task.result()


def test_plain_english_checks_are_the_same_in_the_second_process() -> None:
    rules = PlainEnglishRules.load(ROOT / "checks")
    pages = []
    for path in sorted((ROOT / "content").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        body = text.split("---", 2)[2] if text.startswith("---") else text
        pages.append((path.relative_to(ROOT / "content").as_posix(), body, 1))
    pages.append(("bad.md", "Ask about an EHCP. We will utilise your views.\n", 1))
    task = background.submit(check_pages, pages, rules, Levels())
    remote = task.result()
    assert task.ran_in_background
    local = [check_page(page, body, line, rules, Levels()) for page, body, line in pages]
    assert remote == local
    assert any(check.findings for check in remote)


def test_calls_share_one_process_and_come_back_in_order() -> None:
    tasks = [background.submit(math.factorial, n) for n in range(12)]
    worker = background._worker
    assert [task.result() for task in reversed(tasks)] == [
        math.factorial(n) for n in range(11, -1, -1)
    ]
    assert all(task.ran_in_background for task in tasks)
    assert background.submit(math.factorial, 3).result() == 6
    assert background._worker is worker  # the same process did every call


def test_a_stopped_process_is_replaced_and_nothing_is_lost() -> None:
    background.submit(math.factorial, 1).result()
    assert background._worker is not None
    background._worker.process.kill()
    background._worker.process.wait()
    task = background.submit(math.factorial, 20)
    assert task.result() == math.factorial(20)


def test_a_call_that_prints_does_not_disturb_the_answers() -> None:
    printed = background.submit(print, "noise on standard output")
    after = background.submit(math.factorial, 6)
    assert printed.result() is None and printed.ran_in_background
    assert after.result() == 720 and after.ran_in_background


def test_asking_again_gives_the_value_without_computing_it_again() -> None:
    calls: list[int] = []

    def count(n: int) -> int:
        calls.append(n)
        return n

    task = background.submit(count, 7)  # a local function cannot be sent: computed here
    assert (task.result(), task.result()) == (7, 7)
    assert calls == [7]
    remote = background.submit(math.factorial, 4)
    assert (remote.result(), remote.result()) == (24, 24) and remote.ran_in_background


def test_idle_only_when_no_call_is_waiting() -> None:
    """Checks send small pieces of work only while the process is idle (``idle``)."""
    background.submit(math.factorial, 1).result()
    assert background.idle()
    slow = background.submit(time.sleep, 0.5)
    assert not background.idle()
    slow.result()
    assert background.idle()


class Payload:
    """A picklable argument that can be watched with a weak reference."""

    def __init__(self, size: int) -> None:
        self.data = b"x" * size


def payload_size(payload: Payload) -> int:
    return len(payload.data)


def test_arguments_go_through_a_file_that_is_gone_once_read() -> None:
    """A call's arguments (every page's Markdown on a large site) are pickled into a temporary
    file rather than kept in the build's memory until the second process reads them."""
    folder = background.spool_folder()
    before = set(folder.glob("sendqa-call-*"))
    task = background.submit(payload_size, Payload(3_000_000))
    assert task.result() == 3_000_000 and task.ran_in_background
    assert set(folder.glob("sendqa-call-*")) == before


def make_payload(size: int) -> Payload:
    return Payload(size)


def unsendable_answer() -> object:
    """A value that cannot be pickled, so the second process cannot send it back."""
    return lambda: "made here"


def test_answers_come_back_through_a_file_that_is_gone_once_read() -> None:
    """An answer (every page's index records, on a large site) is read from a file a frame at
    a time, never as one block of the build's memory, and its file is deleted."""
    folder = background.spool_folder()
    before = set(folder.glob(background.ANSWER_PREFIX + "*"))
    task = background.submit(make_payload, 3_000_000)
    assert task.result().data == b"x" * 3_000_000 and task.ran_in_background
    assert set(folder.glob(background.ANSWER_PREFIX + "*")) == before


def test_an_answer_that_cannot_be_sent_back_is_computed_here() -> None:
    folder = background.spool_folder()
    before = set(folder.glob(background.ANSWER_PREFIX + "*"))
    task = background.submit(unsendable_answer)
    assert task.result()() == "made here"
    assert not task.ran_in_background
    assert set(folder.glob(background.ANSWER_PREFIX + "*")) == before


def test_arguments_are_let_go_once_answered() -> None:
    """Answered calls do not keep their arguments (the structure check's batches of HTML)."""
    payload = Payload(10)
    watch = weakref.ref(payload)
    task = background.submit(payload_size, payload)
    del payload
    assert task.result() == 10 and task.ran_in_background
    gc.collect()
    assert watch() is None
    assert task.result() == 10  # the value is kept


def test_a_call_no_process_takes_leaves_no_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the second process cannot start, the call runs here and its file is deleted."""

    def cannot_start() -> background._Worker:
        raise OSError("no processes here")

    monkeypatch.setattr(background, "_the_worker", cannot_start)
    folder = background.spool_folder()
    before = set(folder.glob("sendqa-call-*"))
    task = background.submit(payload_size, Payload(1000))
    assert set(folder.glob("sendqa-call-*")) == before
    assert task.result() == 1000 and not task.ran_in_background


def imported(name: str) -> bool:
    """Whether the process running this has imported the module ``name``."""
    import sys

    return name in sys.modules


def test_preload_imports_modules_in_the_second_process_ahead_of_the_call() -> None:
    before = background.submit(imported, "tabnanny")
    assert before.result() is False and before.ran_in_background
    background.preload("tabnanny", "wave").result()
    after = [background.submit(imported, name) for name in ("tabnanny", "wave")]
    assert [task.result() for task in after] == [True, True]
    assert all(task.ran_in_background for task in after)


def test_a_call_can_be_started_in_the_second_process_later() -> None:
    task = background.submit(math.factorial, 20, start=False)
    assert background.idle()  # not sent yet
    task.start()
    assert task.result() == math.factorial(20)
    assert task.ran_in_background
    task.start()  # answered already: nothing is sent again
    assert background.idle()
    assert task.result() == math.factorial(20)


def test_a_call_not_for_the_background_is_never_started() -> None:
    task = background.submit(math.factorial, 20, background=False)
    task.start()
    assert task.result() == math.factorial(20)
    assert not task.ran_in_background


def test_a_call_already_run_here_is_not_started_again() -> None:
    task = background.submit(only_in_this_process, os.getpid(), start=False)
    assert task.result() == "computed here"
    task.start()
    assert background.idle()
    assert task.result() == "computed here"
    assert not task.ran_in_background


def test_a_plugin_sends_its_calls_once_every_page_is_converted() -> None:
    """``SendqaPlugin.submit_after_conversion``: nothing is sent while pages convert; the
    plugin's ``on_env`` sends it, once."""
    plugin = SendqaPlugin()
    task = plugin.submit_after_conversion(math.factorial, 12)
    here = plugin.submit_after_conversion(math.factorial, 5, in_background=False)
    assert background.idle()
    plugin.on_env(None, config=None, files=None)  # the base hook reads none of them
    assert task.result() == math.factorial(12) and task.ran_in_background
    assert here.result() == 120 and not here.ran_in_background
    plugin.on_env(None, config=None, files=None)  # nothing left to send
    assert background.idle()


def test_calls_and_answers_live_in_this_process_s_own_folder() -> None:
    """No build reads another's files: each build process has a folder of its own."""
    folder = background.spool_folder()
    assert folder.name.startswith(f"{background.SPOOL_PREFIX}{os.getpid()}-")
    assert folder.parent == Path(tempfile.gettempdir())
    task = background.submit(payload_size, Payload(10))
    assert task.result() == 10 and task.ran_in_background
    assert list(folder.iterdir()) == []


def test_the_folder_goes_at_exit_and_a_killed_process_s_folder_at_the_next_start(
    tmp_path: Path,
) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from sendqa_build import background\n"
            "task = background.submit(len, [1, 2, 3])\n"
            "print(task.result(), task.ran_in_background, background.spool_folder())",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    count, in_background, folder = done.stdout.split()
    assert (count, in_background) == ("3", "True")
    assert not Path(folder).exists()
    # A folder left by a process that was killed (it no longer runs) is removed; one of a
    # process that runs is kept.
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    stray = tmp_path / f"{background.SPOOL_PREFIX}{gone.stdout.strip()}-abc123"
    live = tmp_path / f"{background.SPOOL_PREFIX}{os.getppid()}-def456"
    for path in (stray, live):
        path.mkdir()
        (path / "sendqa-call-x.pickle").write_bytes(b"half")
    background._remove_abandoned_spools(tmp_path)
    assert not stray.exists()
    assert (live / "sendqa-call-x.pickle").exists()
