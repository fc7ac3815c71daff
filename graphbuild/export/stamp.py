"""The up-to-date check of an output folder: what its files were built from."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from ..corpus import OUTPUT_MARK
from .files import atomic_write

__all__ = ["Stamp"]


class Stamp:
    """Remembers, in ``OUT/.graphbuild-stamp.json``, which inputs and options the outputs of a folder
    were built from, with each output's size and modification time; a build from the same inputs
    whose outputs are untouched has nothing to do."""

    NAME = OUTPUT_MARK

    def __init__(self, out_dir, extra: dict):
        self.path = Path(out_dir) / self.NAME
        self.extra = hashlib.sha256(json.dumps(extra, sort_keys=True, default=str).encode()).hexdigest()

    def _key(self, inputs: str) -> str:
        return f"{inputs}:{self.extra}"

    def fresh(self, inputs: str) -> bool:
        """True when the folder's outputs were built from ``inputs`` and these options, untouched since."""
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            return False
        if data.get("key") != self._key(inputs) or not data.get("files"):
            return False
        for name, (size, mtime) in data["files"].items():
            try:
                st = (self.path.parent / name).stat()
            except OSError:
                return False
            if st.st_size != size or st.st_mtime_ns != mtime:
                return False
        return True

    def write(self, inputs: str, written) -> None:
        """Remember ``inputs``, the options and the files ``written`` (their sizes and times)."""
        files = {}
        for p in written:
            st = Path(p).stat()
            files[Path(p).name] = (st.st_size, st.st_mtime_ns)
        with atomic_write(self.path, "w") as f:
            json.dump({"key": self._key(inputs), "files": files}, f, sort_keys=True)

    def remove(self) -> None:
        """Forget (before outputs are rewritten: a build stopped half way leaves no stamp)."""
        try:
            self.path.unlink()
        except OSError:
            pass
