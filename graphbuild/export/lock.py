"""A lock on an output folder, so that two builds never write into it at once."""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path

from ..errors import GraphbuildError

__all__ = ["output_lock", "LOCK_NAME"]

LOCK_NAME = ".graphbuild.lock"


@contextmanager
def output_lock(out_dir: str | os.PathLike):
    """Hold an exclusive lock on ``out_dir`` (created if missing); fail at once if another build has it."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            try:
                other = os.pread(fd, 32, 0).decode(errors="replace").strip()
            except OSError:
                other = ""
            who = f" (pid {other})" if other else ""
            raise GraphbuildError(f"{out}: another graphbuild build is writing here{who}; "
                                  "wait for it to finish or use another --out") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock
