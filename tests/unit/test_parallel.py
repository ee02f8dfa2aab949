"""The worker process beside the build (``sendqa_build/parallel.py``): real processes, real
failures; every failure is a warning and the same value computed in the build."""

from __future__ import annotations

import logging
import operator
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from sendqa_build import parallel
from tests.conftest import ROOT

log = logging.getLogger("tests.parallel")


def die_unless_in(pid: int) -> str:
    """Stop the process at once, unless it is process ``pid``."""
    if os.getpid() != pid:
        os._exit(3)
    return "here"


@pytest.fixture(autouse=True)
def _stopped() -> Iterator[None]:
    """Each test starts and ends with no worker."""
    parallel.shutdown()
    yield
    parallel.shutdown()


def test_the_work_runs_in_another_process_and_gives_its_value(
    caplog: pytest.LogCaptureFixture,
) -> None:
    job = parallel.start(os.getpid, log=log, what="asking")
    assert job.future is not None
    assert job.result(log, "asking") != os.getpid()
    job = parallel.start(operator.add, 2, 3, log=log, what="adding")
    assert job.result(log, "adding") == 5
    assert not caplog.records


def test_a_job_not_sent_runs_here_when_asked() -> None:
    assert parallel.Job(os.getpid, ()).result(log, "asking") == os.getpid()


def test_an_argument_that_cannot_be_sent_is_a_warning_and_runs_here(
    caplog: pytest.LogCaptureFixture,
) -> None:
    job = parallel.start(operator.call, lambda: "local", log=log, what="calling it")
    assert job.result(log, "calling it") == "local"
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and warnings[0].startswith("calling it in the second process failed")


def test_an_error_in_the_worker_is_a_warning_then_the_same_error_here(
    caplog: pytest.LogCaptureFixture,
) -> None:
    job = parallel.start(operator.truediv, 1, 0, log=log, what="dividing")
    with pytest.raises(ZeroDivisionError):
        job.result(log, "dividing")
    assert any("ZeroDivisionError" in r.getMessage() for r in caplog.records)


def test_a_worker_that_dies_is_a_warning_and_a_new_one_is_started_next_time(
    caplog: pytest.LogCaptureFixture,
) -> None:
    job = parallel.start(die_unless_in, os.getpid(), log=log, what="stopping")
    assert job.result(log, "stopping") == "here"
    assert any("BrokenProcessPool" in r.getMessage() for r in caplog.records)
    again = parallel.start(os.getpid, log=log, what="asking")
    assert again.result(log, "asking") != os.getpid()


def test_only_with_two_cores_and_enough_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    assert parallel.wanted(300, 300) and parallel.wanted(5, 0)
    assert not parallel.wanted(299, 300) and not parallel.wanted(10_000, -1)
    monkeypatch.setattr(parallel, "cores", lambda: 1)
    assert not parallel.wanted(10_000, 0)


def test_a_script_run_with_python_c_works_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    """Under "spawn" the worker imports the starting script again: from ``python -c`` (as from
    the ``mkdocs`` script) that runs nothing; calls travel through pipes, not files."""
    script = (
        "import os\n"
        "from sendqa_build import parallel\n"
        "import logging\n"
        "job = parallel.start(os.getpid, log=logging.getLogger(), what='x')\n"
        "print(job.result(logging.getLogger(), 'x') != os.getpid())\n"
    )
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"
    assert list(tmp_path.iterdir()) == []
