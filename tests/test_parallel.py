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
