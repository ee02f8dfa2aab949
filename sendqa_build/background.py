"""Run checks on a second core while MkDocs renders the site.

MkDocs builds on one core. A check that needs only the Markdown sources (not the rendered HTML)
can run in a second process from the ``files`` event, beside the rendering, and its results are
collected in ``post_build``. On a 2-core CI machine that takes the check out of the build's wall
time, and its working data (word lists, pronunciation dictionary, python-docx) out of the
build's memory.

Background work never changes a result: each function must be pure (same arguments, same
answer), and if the second process cannot start or fails for any reason, the same function
runs in the build's own process when its result is asked for.

The second process is ``python -m sendqa_build.background``: one per build process, started at
the first call and reused (by every check, and by every rebuild of ``mkdocs serve``), doing its
calls one after another. Each call is pickled as ``(function name, arguments)`` into a temporary
file, whose name goes to it (so large arguments never wait in the build's memory); each answer
comes back the same way, in the same order. Read from a file a frame at a time, a large answer
never takes one block of the build's memory: once glibc has given out and freed such a block,
it keeps the memory of large blocks from then on (about 2 MB of a 5,000-page build's peak).
Unlike ``multiprocessing``, this never imports the script that started the build a second
time, so a build started from any script is safe.
"""

from __future__ import annotations

import atexit
import collections
import importlib
import logging
import os
import pickle
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, Generic, TypeVar

log = logging.getLogger("mkdocs.plugins.sendqa")

T = TypeVar("T")
_HEADER = 8
"""Each message is its length in 8 bytes (big-endian), then the name of the file it is in."""
ANSWER_PREFIX = "sendqa-answer-"
"""How the temporary files of answers are named (calls: ``sendqa-call-``)."""
SPOOL_PREFIX = "sendqa-spool-"
"""The folder of one build process's call and answer files: ``sendqa-spool-<pid>-<random>``
in the system's temporary folder."""


class Task(Generic[T]):
    """A call that may be running in the second process; ``result()`` always gives its value."""

    def __init__(
        self, function: Callable[..., T], args: tuple[Any, ...], background: bool = True
    ) -> None:
        self._function = function
        self._args = args
        self.background = background
        """False: always computed in this process, when its result is asked for."""
        self._sent = False
        self._file = b""
        """The name of the file holding the pickled call, once sent."""
        self._done = threading.Event()
        self._answer: tuple[bool, Any] | None = None
        self.ran_in_background = False

    def _finish(self, answer: tuple[bool, Any] | None) -> None:
        self._answer = answer
        if answer is not None and answer[0]:
            # Answered: the arguments are needed no more (they can be every page's HTML).
            self._args = ()
        self._done.set()

    def start(self) -> None:
        """Send the call to the second process now, unless it is not for the background or
        was sent or has run already. A call made with ``submit(..., start=False)`` is so
        started later, when the process is less busy; one that cannot be sent runs here when
        its result is asked for.
        """
        if not self.background or self._sent or self._answer is not None:
            return
        payload = b""
        try:
            name = f"{self._function.__module__}:{self._function.__qualname__}"
            payload = _spool((name, self._args))
            if not _the_worker().send(self, payload):
                _the_worker().send(self, payload)  # it had stopped: one new process, once
        except Exception as exc:  # cannot be sent, or no processes here: run it inline
            log.debug("sendqa: cannot start a background check (%s); running it here", exc)
        if payload and not self._file:  # no process took the call: its file is not needed
            Path(os.fsdecode(payload)).unlink(missing_ok=True)

    def result(self) -> T:
        """The value: from the second process, or computed here if it could not give it (once:
        asking again gives the same value)."""
        if self._sent:
            self._done.wait()
            self._sent = False
            if self._answer is not None and self._answer[0]:
                self.ran_in_background = True
            else:
                problem = self._answer[1] if self._answer is not None else "the process stopped"
                log.debug("sendqa: background check failed (%s); running it here", problem)
                self._answer = None
        if self._answer is None:
            self._answer = (True, self._function(*self._args))
        value: T = self._answer[1]
        return value


class _Worker:
    """The second process, with a thread that sends it calls and one that reads its answers."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sendqa_build.background"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.pending: collections.deque[Task[Any]] = collections.deque()
        self.outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self.lock = threading.Lock()
        self.alive = True
        threading.Thread(target=self._write, name="sendqa-background-in", daemon=True).start()
        threading.Thread(target=self._read, name="sendqa-background-out", daemon=True).start()

    def send(self, task: Task[Any], payload: bytes) -> bool:
        """Queue a call; False when the process has stopped (the caller then runs it here)."""
        with self.lock:
            if not self.alive:
                return False
            self.pending.append(task)
            task._sent, task._file = True, payload
            self.outbox.put(len(payload).to_bytes(_HEADER, "big") + payload)
        return True

    def close(self) -> None:
        """Let the process finish its calls and exit (its input ends)."""
        self.outbox.put(None)

    def _write(self) -> None:
        stdin = self.process.stdin
        assert stdin is not None
        try:
            while True:
                message = self.outbox.get()
                if message is None:
                    break
                stdin.write(message)
                stdin.flush()
                del message  # not kept while waiting for the next call (several MB)
            stdin.close()
        except OSError:
            self._stop()

    def _read(self) -> None:
        stdout = self.process.stdout
        assert stdout is not None
        while True:
            message = _receive(stdout)
            with self.lock:
                if message is None or not self.pending:
                    break
                task = self.pending.popleft()
            try:
                answer = _unspool(message)
            except Exception as exc:  # an answer that cannot be read: computed here instead
                answer = (False, str(exc))
            task._finish(answer)
            del task, answer
        self._stop()

    def _stop(self) -> None:
        """The process has stopped: every call still waiting is run in the build instead."""
        with self.lock:
            self.alive = False
            waiting, self.pending = list(self.pending), collections.deque()
        for task in waiting:
            if task._file:  # a call it never read
                Path(os.fsdecode(task._file)).unlink(missing_ok=True)
            task._finish(None)


_worker: _Worker | None = None
_worker_lock = threading.Lock()


def _the_worker() -> _Worker:
    global _worker
    with _worker_lock:
        if _worker is None or not _worker.alive:
            _worker = _Worker()
        return _worker


@atexit.register
def _close() -> None:
    """At exit, let the second process finish and wait for it, so it is never left behind
    (and its time and memory count in the build's, as ``time`` and CI report them); then
    remove this process's folder of call and answer files."""
    if _worker is not None and _worker.alive:
        _worker.close()
        try:
            _worker.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            _worker.process.kill()
            _worker.process.wait()
    if _spool_folder is not None:
        shutil.rmtree(_spool_folder, ignore_errors=True)


_spool_folder: Path | None = None
_spool_lock = threading.Lock()


def spool_folder() -> Path:
    """This process's own folder for the files of its calls and their answers (made at first
    use, removed at exit), so no build ever reads another's files. Folders that build
    processes since killed left behind are removed when it is made."""
    global _spool_folder
    with _spool_lock:
        if _spool_folder is None or not _spool_folder.is_dir():
            _remove_abandoned_spools(Path(tempfile.gettempdir()))
            prefix = f"{SPOOL_PREFIX}{os.getpid()}-"
            _spool_folder = Path(tempfile.mkdtemp(prefix=prefix))
        return _spool_folder


def _remove_abandoned_spools(folder: Path) -> None:
    """Remove the spool folders in ``folder`` of build processes that no longer run."""
    if sys.platform == "win32":
        return  # no safe way to ask whether a process runs (os.kill(pid, 0) would stop it)
    try:
        entries = list(folder.glob(SPOOL_PREFIX + "*"))
    except OSError:
        return
    for entry in entries:
        pid = entry.name[len(SPOOL_PREFIX) :].split("-", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid() or not entry.is_dir():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:  # gone: its files are strays
            shutil.rmtree(entry, ignore_errors=True)
        except OSError:
            continue  # runs as another user, or cannot be asked: leave it


def submit(
    function: Callable[..., T], *args: Any, background: bool = True, start: bool = True
) -> Task[T]:
    """``function(*args)``, started in the second process now (with ``start=False``, when the
    task's ``start()`` is called; with ``background=False``, run in this one when the result is
    asked for).

    ``function`` must be defined at the top level of a module, and its arguments picklable.
    """
    task = Task(function, args, background)
    if start:
        task.start()
    return task


def load_modules(*names: str) -> None:
    """Import the named modules (in the second process, when sent there by ``preload``)."""
    for name in names:
        importlib.import_module(name)


def preload(*modules: str) -> Task[None]:
    """Import ``modules`` in the second process now, while it has time, so a call that needs
    them at the end of the build does not wait for the imports then (python-docx and lxml,
    for the QA report's Word file, take about 0.1 s: the build would wait for all of it)."""
    return submit(load_modules, *modules)


def idle() -> bool:
    """True when the second process has no call waiting (or has not started yet).

    A check with many small pieces of work sends a piece only while the process is idle and
    does the rest itself, so pieces never pile up in memory behind a long call.
    """
    worker = _worker
    return worker is None or not worker.alive or not worker.pending


def _receive(stream: IO[bytes]) -> bytes | None:
    """One message from ``stream``, or None at its end."""
    header = stream.read(_HEADER)
    if len(header) < _HEADER:
        return None
    size = int.from_bytes(header, "big")
    body = stream.read(size)
    return body if len(body) == size else None


def _spool(value: Any, prefix: str = "sendqa-call-", folder: Path | None = None) -> bytes:
    """Pickle a call (or an answer) into a temporary file, a piece at a time, and give the
    message naming it.

    A call's arguments can be tens of MB on a large site (every page's Markdown). Pickled to
    bytes, they would sit in the build's memory until the second process reads them, after the
    calls before them; written to a file, they never do.
    """
    where = folder if folder is not None else spool_folder()
    fd, path = tempfile.mkstemp(prefix=prefix, suffix=".pickle", dir=where)
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException:
        Path(path).unlink()
        raise
    return os.fsencode(path)


def _unspool(message: bytes) -> Any:
    """The call (or answer) in the file ``message`` names (deleted once read)."""
    path = os.fsdecode(message)
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    finally:
        Path(path).unlink()


def _call(message: bytes) -> tuple[bool, Any]:
    """Run one call, given as the name of its file: ``(True, value)``, or ``(False, what went
    wrong)``."""
    try:
        name, args = _unspool(message)
        module, _, qualname = name.partition(":")
        function: Any = importlib.import_module(module)
        for part in qualname.split("."):
            function = getattr(function, part)
        return True, function(*args)
    except Exception as exc:
        return False, f"{type(exc).__name__}: {exc}"


def _main() -> None:
    """The second process: run each call it is given, in order, and send back each answer."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # anything a check prints cannot mix with the answers
    while (message := _receive(stdin)) is not None:
        folder = Path(os.fsdecode(message)).parent  # answers go beside the call: the build's
        answer = _call(message)
        try:
            data = _spool(answer, prefix=ANSWER_PREFIX, folder=folder)
        except Exception as exc:  # a value that cannot be sent back: the build computes it
            data = _spool(
                (False, f"cannot send the answer: {exc}"), prefix=ANSWER_PREFIX, folder=folder
            )
        stdout.write(len(data).to_bytes(_HEADER, "big") + data)
        stdout.flush()
    # Every answer is sent and every file a call wrote is closed. Leave at once instead of
    # freeing what the calls built (every page's text, the word lists, python-docx): the build
    # waits for this process when it exits, and that clean-up would cost it about 0.1 s.
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    _main()
