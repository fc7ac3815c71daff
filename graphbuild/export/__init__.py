"""Export stage: write a built graph and its records to files (GraphML, CSV, JSONL, HTML)."""

from __future__ import annotations

import os
from pathlib import Path

from .files import atomic_write
from .graphml import write_graphml
from .tables import write_edges_csv, write_entities_csv, write_mentions_jsonl, write_merges_csv, write_nodes_csv

__all__ = ["export_all", "write_graphml", "atomic_write", "FORMATS", "DEFAULT_FORMATS", "Stamp"]

#: Formats `build --format` can choose; mentions.jsonl and merges.csv are always written.
FORMATS = ("graphml", "gexf", "json", "csv", "html")
DEFAULT_FORMATS = ("graphml", "html", "csv")


def export_all(result, out_dir: str | os.PathLike, formats=DEFAULT_FORMATS, title: str = "graphbuild") -> list[Path]:
    """Write the chosen formats of a BuildResult (or of a bare graph) into ``out_dir``; return the
    paths written. mentions.jsonl and merges.csv come with a BuildResult only.

    >>> import networkx as nx, tempfile
    >>> G = nx.Graph([("person:a", "org:b", {"weight": 2})])
    >>> [p.name for p in export_all(G, tempfile.mkdtemp(), formats=("graphml", "csv"))]
    ['graph.graphml', 'entities.csv', 'nodes.csv', 'edges.csv']
    """
    import networkx as nx

    if isinstance(result, nx.Graph):
        from ..pipeline import BuildResult

        result = BuildResult(result, None, None, {})
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    # everything is written into a staging folder first and moved into place at the end, so that an
    # error or Ctrl-C half way leaves the previous outputs of the folder as they were
    import shutil
    import tempfile

    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out))
    try:
        staged = _write_all(result, staging, formats, title)
        written = []
        for p in staged:
            os.replace(p, out / p.name)
            written.append(out / p.name)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _write_all(result, out: Path, formats, title: str) -> list[Path]:
    G = result.graph
    written: list[Path] = []
    if "graphml" in formats:
        written.append(write_graphml(G, out / "graph.graphml"))
    if "gexf" in formats:
        from .gexf import write_gexf

        written.append(write_gexf(G, out / "graph.gexf", description=title))
    if "json" in formats:
        from .nodelink import write_json

        written.append(write_json(G, out / "graph.json"))
    if "csv" in formats:
        written.append(write_entities_csv(G, out / "entities.csv"))
        written.append(write_nodes_csv(G, out / "nodes.csv"))
        written.append(write_edges_csv(G, out / "edges.csv"))
    if result.mentions is not None:
        written.append(write_mentions_jsonl(result.mentions, out / "mentions.jsonl"))
    if result.merges is not None:
        written.append(write_merges_csv(result.merges, out / "merges.csv"))
    if "html" in formats:
        from .html import write_html

        written.append(write_html(G, out / "graph.html", title=title))
    return written


class Stamp:
    """Remembers, in ``OUT/.graphbuild-stamp.json``, which inputs and options the outputs of a folder
    were built from, with each output's size and modification time; a build from the same inputs
    whose outputs are untouched has nothing to do."""

    NAME = ".graphbuild-stamp.json"

    def __init__(self, out_dir, extra: dict):
        import hashlib
        import json

        self.path = Path(out_dir) / self.NAME
        self.extra = hashlib.sha256(json.dumps(extra, sort_keys=True, default=str).encode()).hexdigest()

    def _key(self, inputs: str) -> str:
        return f"{inputs}:{self.extra}"

    def fresh(self, inputs: str) -> bool:
        import json

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
        import json

        files = {}
        for p in written:
            st = Path(p).stat()
            files[Path(p).name] = (st.st_size, st.st_mtime_ns)
        with atomic_write(self.path, "w") as f:
            json.dump({"key": self._key(inputs), "files": files}, f, sort_keys=True)

    def remove(self) -> None:
        try:
            self.path.unlink()
        except OSError:
            pass
