"""One worker process beside the build, on the standard library's ``concurrent.futures``.

MkDocs renders on one core. A piece of work that needs no rendered HTML can run on a second
core meanwhile: ``start`` sends it to the worker, ``result`` gives its value later in the build.
The worker is started only on a machine with at least two cores and for a site with at least
``parallel_from_pages`` pages (an option of ``sendqa/frontmatter``; ``-1``: never). It is made
with "spawn", so it never inherits MkDocs' state, and it imports the script that started the
build only as ``__mp_main__`` (the ``mkdocs`` and ``properdocs`` scripts and ``python -c`` run
nothing then). Calls and answers travel through pipes: no file is left in the temporary folder.
If the worker cannot take the work or fails, the failure is logged as a warning and the same
function runs in the build, so the result never depends on it.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

T = TypeVar("T")

TIMEOUT = 300.0
"""Seconds to wait for an answer before doing the work in the build instead."""

_pool: ProcessPoolExecutor | None = None


def cores() -> int:
    """The cores this process may use (``os.process_cpu_count`` from Python 3.13)."""
    count: Callable[[], int | None] = getattr(os, "process_cpu_count", os.cpu_count)
    return count() or 1


def wanted(pages: int, from_pages: int) -> bool:
    """True when a site of ``pages`` pages is worth the worker on this machine."""
    return 0 <= from_pages <= pages and cores() >= 2


class Job:
    """``function(*args)``: in the worker when it took it, else run here when asked."""

    def __init__(self, function: Callable[..., T], args: tuple[Any, ...]) -> None:
        self.function, self.args = function, args
        self.future: Future[Any] | None = None

    def result(self, log: logging.Logger | logging.LoggerAdapter[Any], what: str) -> Any:
        """The value; a worker failure is logged as a warning and the work is done here."""
        future, self.future = self.future, None
        if future is not None:
            try:
                return future.result(timeout=TIMEOUT)
            except Exception as exc:  # broken worker, unpicklable value, timeout, error in it
                future.cancel()
                log.warning(
                    "%s in the second process failed (%s: %s); doing it in the build instead",
                    what,
                    type(exc).__name__,
                    exc,
                )
                if isinstance(exc, (BrokenProcessPool, TimeoutError)):
                    shutdown(wait=False)  # gone or stuck: a new worker next time
        return self.function(*self.args)


def start(
    function: Callable[..., T],
    *args: Any,
    log: logging.Logger | logging.LoggerAdapter[Any],
    what: str,
) -> Job:
    """Send ``function(*args)`` to the worker (started at first use); if it cannot be sent,
    log why as a warning: ``result`` then runs it here. ``function`` must be defined at the
    top level of a module and its arguments picklable."""
    global _pool
    job = Job(function, args)
    try:
        if _pool is None:
            _pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
        job.future = _pool.submit(function, *args)
    except Exception as exc:
        log.warning(
            "%s cannot start in a second process (%s: %s); doing it in the build instead",
            what,
            type(exc).__name__,
            exc,
        )
        shutdown(wait=False)
    return job


@atexit.register
def shutdown(wait: bool = True) -> None:
    """Stop the worker (at the end of each build, and at exit for ``mkdocs serve``)."""
    global _pool
    pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=wait, cancel_futures=True)
