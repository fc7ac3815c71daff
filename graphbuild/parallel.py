"""Run independent pieces of work side by side in forked processes and collect their results."""

from __future__ import annotations

import os
import pickle
import signal
import sys
from typing import Callable, Sequence

from .errors import GraphbuildError

__all__ = ["run_side_by_side", "can_fork", "child_signals"]


def can_fork() -> bool:
    """True where forking a process that has loaded spaCy, numpy and igraph is safe: Linux (on macOS
    system frameworks may crash in a forked child; Windows has no fork)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def child_signals() -> None:
    """In a forked child: the parent decides about Ctrl-C and stops its children with SIGTERM, so a
    child ignores SIGINT and must not run the parent's SIGTERM handler."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 1 << 16):
        chunks.append(chunk)
    return b"".join(chunks)


def _child(task: Callable, fd: int) -> None:
    """Run ``task`` in a forked child, send its pickled result (or exception) and leave at once."""
    code = 0
    try:
        child_signals()
        try:
            payload = pickle.dumps((True, task()), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException as exc:  # noqa: BLE001 - handed to the parent, which raises it
            code = 1
            try:
                payload = pickle.dumps((False, exc), protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:
                payload = pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
        view = memoryview(payload)
        while view:
            view = view[os.write(fd, view):]
    except BaseException:
        code = 2
    finally:
        # no atexit handlers, no finalisers: the parent's locks, caches and files stay the parent's
        os._exit(code)


def run_side_by_side(tasks: Sequence[Callable[[], object]], jobs: int = 2) -> list:
    """Call every task and return their results in order.

    With ``jobs`` > 1 (and fork available) this process runs task 0 while tasks 1..n-1 run in
    forked children, up to ``jobs - 1`` at a time. A child inherits everything in memory (nothing is
    pickled on the way in) and pickles its return value back; its exception is raised here. Only the
    return value comes back: side effects of a task in a child are lost.
    """
    tasks = list(tasks)
    if jobs <= 1 or len(tasks) <= 1 or not can_fork():
        return [t() for t in tasks]
    results: list = [None] * len(tasks)
    running: dict[int, tuple[int, int]] = {}  # task index -> (pid, read end)
    pending = list(range(1, len(tasks)))
    try:
        def start_more():
            while pending and len(running) < jobs - 1:
                i = pending.pop(0)
                r, w = os.pipe()
                pid = os.fork()
                if pid == 0:
                    os.close(r)
                    _child(tasks[i], w)
                os.close(w)
                running[i] = (pid, r)

        start_more()
        results[0] = tasks[0]()
        while running or pending:
            start_more()
            i = min(running)
            pid, r = running[i]
            try:
                data = _read_all(r)
            finally:
                os.close(r)
            os.waitpid(pid, 0)
            del running[i]
            if not data:
                raise GraphbuildError("a worker process ended without a result (killed, or out of memory?); "
                                      "run again with --jobs 1")
            ok, value = pickle.loads(data)
            if not ok:
                raise value
            results[i] = value
    finally:
        for pid, r in running.values():
            try:
                os.kill(pid, signal.SIGTERM)
                os.waitpid(pid, 0)
            except OSError:
                pass
            try:
                os.close(r)
            except OSError:
                pass
    return results
