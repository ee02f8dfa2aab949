"""Run a check on a second core while MkDocs renders the site.

MkDocs builds on one core. A check that needs only the Markdown sources (not the rendered HTML)
can run in a second process from the ``files`` event, beside the rendering, and its results are
collected in ``post_build``. On a 2-core CI machine that takes the check out of the build's wall
time, and its working data (word lists, pronunciation dictionary) out of the build's memory.

Background work never changes a result: the function must be pure (same arguments, same
answer), and if the second process cannot start or fails for any reason, the same function
runs in the build's own process when the result is asked for.

The second process is ``python -m sendqa_build.background``, given the function's name and its
arguments (pickled) on standard input. Unlike ``multiprocessing``, this never imports the
script that started the build a second time, so a build started from any script is safe.
"""

from __future__ import annotations

import importlib
import logging
import pickle
import subprocess
import sys
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

log = logging.getLogger("mkdocs.plugins.sendqa")

T = TypeVar("T")


class Task(Generic[T]):
    """A call that may be running in a second process; ``result()`` always gives its value."""

    def __init__(self, function: Callable[..., T], args: tuple[Any, ...]) -> None:
        self._function = function
        self._args = args
        self._thread: threading.Thread | None = None
        self._output: bytes | None = None
        self._problem = ""
        self.ran_in_background = False

    def start(self) -> None:
        """Start the second process; a thread hands it the work and waits for the answer, so
        the build goes on at once."""
        name = f"{self._function.__module__}:{self._function.__qualname__}"
        payload = pickle.dumps((name, self._args), protocol=pickle.HIGHEST_PROTOCOL)
        process = subprocess.Popen(
            [sys.executable, "-m", "sendqa_build.background"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )

        def run() -> None:
            out, err = process.communicate(payload)
            if process.returncode == 0:
                self._output = out
            else:
                lines = err.decode("utf-8", "replace").strip().splitlines()
                self._problem = lines[-1] if lines else f"exit status {process.returncode}"

        self._thread = threading.Thread(target=run, name="sendqa-background", daemon=True)
        self._thread.start()

    def result(self) -> T:
        """The value: from the second process, or computed here if it could not give it."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
            if self._output is not None:
                try:
                    value: T = pickle.loads(self._output)
                except Exception as exc:  # a truncated answer: compute it here instead
                    self._problem = str(exc)
                else:
                    self.ran_in_background = True
                    return value
            log.debug("sendqa: background check failed (%s); running it here", self._problem)
        return self._function(*self._args)


def submit(function: Callable[..., T], *args: Any, background: bool = True) -> Task[T]:
    """``function(*args)``, started in a second process now (or, with ``background=False``,
    run in this one when the result is asked for).

    ``function`` must be defined at the top level of a module, and its arguments picklable.
    """
    task = Task(function, args)
    if background:
        try:
            task.start()
        except Exception as exc:  # no processes here (a locked-down runner): run it inline
            log.debug("sendqa: cannot start a background check (%s); running it here", exc)
    return task


def _main() -> None:
    """The second process: read the function's name and arguments, write back its value."""
    name, args = pickle.load(sys.stdin.buffer)
    module, _, qualname = name.partition(":")
    function: Any = importlib.import_module(module)
    for part in qualname.split("."):
        function = getattr(function, part)
    value = function(*args)
    sys.stdout.buffer.write(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    _main()
