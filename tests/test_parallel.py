"""run_side_by_side: results in order, errors raised in the parent, no process left behind."""

from __future__ import annotations

import os

import pytest

from graphbuild.parallel import can_fork, run_side_by_side

pytestmark = [pytest.mark.unit, pytest.mark.skipif(not can_fork(), reason="needs os.fork")]


def test_results_come_back_in_task_order_from_the_children():
    big = list(range(200_000))  # inherited by the children, and a result larger than a pipe's buffer
    tasks = [lambda i=i: (i, os.getpid(), sum(big) + i, big if i == 3 else None) for i in range(5)]
    got = run_side_by_side(tasks, jobs=3)
    assert [g[0] for g in got] == list(range(5))
    assert [g[2] for g in got] == [sum(big) + i for i in range(5)]
    assert got[3][3] == big
    assert got[0][1] == os.getpid()  # task 0 runs here
    assert all(g[1] != os.getpid() for g in got[1:])  # the others in forked children
    assert run_side_by_side(tasks, jobs=1)[4][1] == os.getpid()


def test_a_childs_exception_is_raised_here_and_no_child_is_left(monkeypatch):
    forked = []
    real_fork = os.fork

    def fork():
        pid = real_fork()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)

    def fail():
        raise ValueError("bad input in a child")

    with pytest.raises(ValueError, match="bad input in a child"):
        run_side_by_side([lambda: 1, fail, lambda: 3], jobs=2)
    import time

    with pytest.raises(ValueError):  # the parent's own task fails: the running child is stopped
        run_side_by_side([fail, lambda: time.sleep(60)], jobs=2)
    assert len(forked) == 2
    for pid in forked:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # reaped already


def test_side_effects_in_children_do_not_reach_the_parent():
    seen = []
    run_side_by_side([lambda: seen.append("parent"), lambda: seen.append("child")], jobs=2)
    assert seen == ["parent"]


def test_a_child_that_dies_without_a_result_is_a_clear_error():
    import signal

    from graphbuild.errors import GraphbuildError

    def die():
        os.kill(os.getpid(), signal.SIGKILL)

    with pytest.raises(GraphbuildError, match="ended without a result"):
        run_side_by_side([lambda: 1, die], jobs=2)


def _square_all(batch):
    return [x * x for x in batch], os.getpid()


def _die_on_seven(batch):
    import signal

    if 7 in batch:
        os.kill(os.getpid(), signal.SIGKILL)
    return batch


def test_ordered_map_keeps_input_order_and_runs_in_workers():
    from graphbuild.parallel import ordered_map

    batches = [list(range(i, i + 3)) for i in range(0, 30, 3)]
    got = list(ordered_map(_square_all, iter(batches), 2, died="lost"))
    assert [b for b, _ in got] == batches
    assert [r[0] for _, r in got] == [[x * x for x in b] for b in batches]
    assert all(r[1] != os.getpid() for _, r in got)


@pytest.mark.timeout(300)  # this once hung (a worker killed holding a queue's lock): fail, never stall
def test_ordered_map_a_dead_worker_is_an_error_and_a_stopped_caller_leaves_no_worker():
    from graphbuild.errors import GraphbuildError
    from graphbuild.parallel import ordered_map

    with pytest.raises(GraphbuildError, match="^a worker died$"):
        list(ordered_map(_die_on_seven, iter([[1], [2], [7], [8]]), 2, died="a worker died"))
    stream = ordered_map(_square_all, iter([[i] for i in range(100)]), 2, died="lost")
    _, (_, pid) = next(stream)
    stream.close()  # the caller stops (an error or Ctrl-C in the build): the workers are gone
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_a_stopped_caller_stops_every_worker_however_often_it_happens():
    """Stopping the stream kills the workers; killing only some of them once left the rest waiting for ever
    on a queue lock the killed one held, and the executor's shutdown waiting on them. Many rounds, each
    stopped early, with workers that are at once reading, computing and starting."""
    import multiprocessing

    from graphbuild.parallel import ordered_map

    for round_ in range(150):
        stream = ordered_map(_square_all, iter([[i] for i in range(50)]), 3, died="lost")
        for _ in range(round_ % 3 + 1):  # stopped after one result, while the others are still starting
            next(stream)
        stream.close()
    assert multiprocessing.active_children() == []


_ORPHAN_SCRIPT = """
import multiprocessing
from graphbuild.parallel import ordered_map
from test_parallel import _pid_then_sleep
for _ in ordered_map(_pid_then_sleep, iter([[i] for i in range(8)]), 2, died="lost"):
    print(" ".join(str(p.pid) for p in multiprocessing.active_children()), flush=True)
"""


def _pid_then_sleep(batch):
    import time

    if batch[0] >= 2:
        time.sleep(120)
    return os.getpid()


def test_workers_of_a_build_killed_outright_do_not_outlive_it(tmp_path):
    """kill -9 of the build leaves it no time to stop its workers: the kernel stops them (Linux)."""
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    if not sys.platform.startswith("linux"):
        pytest.skip("parent-death signal is Linux only")
    script = tmp_path / "build.py"
    script.write_text(_ORPHAN_SCRIPT, "utf-8")
    tests = Path(__file__).parent
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True,
                            cwd=tests, env={**os.environ, "PYTHONPATH": f"{tests}{os.pathsep}{tests.parent}"})
    workers = {int(pid) for pid in proc.stdout.readline().split()}
    assert len(workers) == 2 and proc.pid not in workers
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    alive = set(workers)
    for _ in range(600):  # the kernel signals them at once; wait a minute at most before failing
        alive = {pid for pid in alive if _is_alive(pid)}
        if not alive:
            break
        time.sleep(0.1)
    for pid in alive:  # a failing run leaves nothing behind either
        os.kill(pid, signal.SIGKILL)
    assert not alive


def _is_alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[-1][:1] != "Z"  # a zombie waiting for init to reap it is gone
    except FileNotFoundError:
        return False
