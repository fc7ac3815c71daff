"""graphbuild's processes: every child process a build starts is started here, by one of two mechanisms.

- ``ordered_map``: a stream of batches through a pool of worker processes (the NER workers). It is
  a ``concurrent.futures.ProcessPoolExecutor`` on the fork start method, because a worker that
  dies (killed, out of memory) breaks an executor, and the build stops with a clear error, where
  ``multiprocessing.Pool`` waits for the lost batch for ever. Workers are forked from this process,
  so they share its loaded spaCy pipeline copy-on-write (loaded once, never pickled). An error or
  Ctrl-C stops all of them at once (see ``_stop_workers``).
- ``run_side_by_side``: a few one-off tasks at once (centralities, layout and communities; the
  export writers). They are closures over a large graph, which an executor would have to pickle
  on the way in: a raw fork inherits the graph instead and pickles only the result back.

Beyond one machine, extraction runs on a Dask cluster instead of ``ordered_map`` (``--scheduler``):
that executor is Dask's own, and graphbuild's side of it is in ``cluster.py``.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import pickle
import signal
import sys
from collections import deque
from itertools import islice
from typing import Callable, Iterable, Iterator, Sequence

from .errors import GraphbuildError

__all__ = ["run_side_by_side", "ordered_map", "can_fork", "child_signals"]


def can_fork() -> bool:
    """True where forking a process that has loaded spaCy, numpy and igraph is safe: Linux (on macOS
    system frameworks may crash in a forked child; Windows has no fork)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def child_signals() -> None:
    """In a forked child: the parent decides about Ctrl-C and stops its children with SIGTERM, so a
    child ignores SIGINT and must not run the parent's SIGTERM handler. A parent killed outright
    (``kill -9``, out of memory) cannot stop them, so on Linux the kernel does: a child gets SIGTERM
    when its parent dies, and no worker holding a loaded model is left behind."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        except (OSError, AttributeError):  # no libc prctl: the parent's own cleanup is all there is
            pass


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


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


def _stop_workers(pool) -> None:
    """Stop every worker of ``pool`` at once, not after their batches.

    All of them, never some: the workers share the executor's queues, whose locks are semaphores
    between processes, and a worker killed while it holds one (reading its next batch) would leave
    the others waiting on it for ever, and the executor's shutdown waiting on them (a hang seen in
    CI). With every worker gone the executor finds its pool broken and shuts down at once. Python
    3.14 has ``terminate_workers()`` for this; before it, the executor's own table of processes.
    """
    if hasattr(pool, "terminate_workers"):
        pool.terminate_workers()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        try:
            process.terminate()
        except (OSError, ValueError):  # gone already, or closed
            pass


def ordered_map(fn: Callable[[list], object], batches: Iterable[list], n_process: int,
                died: str) -> Iterator[tuple[list, object]]:
    """Yield ``(batch, fn(batch))`` for every batch, in input order, computed by ``n_process`` forked
    workers with at most two batches per worker in flight (memory does not grow with the input).
    ``fn`` must be a module-level function; what it needs beyond its batch it reads from module
    state set before the call (inherited through fork). A worker that dies raises GraphbuildError
    with the message ``died``; an error or Ctrl-C in the caller stops the workers at once.
    """
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    ctx = mp.get_context("fork")
    pool = ProcessPoolExecutor(n_process, mp_context=ctx, initializer=child_signals)
    batches = iter(batches)
    done = False
    try:
        inflight: deque = deque()
        for batch in islice(batches, 2 * n_process):
            inflight.append((batch, pool.submit(fn, batch)))
        while inflight:
            batch, future = inflight.popleft()
            try:
                result = future.result()
            except BrokenProcessPool:
                raise GraphbuildError(died) from None
            for more in islice(batches, 1):
                inflight.append((more, pool.submit(fn, more)))
            yield batch, result
        done = True
    finally:
        if not done:  # an error or Ctrl-C: stop the workers now, not after their batches
            _stop_workers(pool)
        pool.shutdown(wait=True, cancel_futures=True)
