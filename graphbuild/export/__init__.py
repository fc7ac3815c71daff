"""Export stage: write a built graph and its records to files (GraphML, CSV, JSONL, HTML)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from ..parallel import run_side_by_side
from .files import atomic_write
from .graphml import write_graphml
from .stamp import Stamp
from .tables import (
    write_documents_csv,
    write_edges_csv,
    write_entities_csv,
    write_mentions_jsonl,
    write_merges_csv,
    write_nodes_csv,
)

__all__ = ["export_all", "write_graphml", "atomic_write", "FORMATS", "DEFAULT_FORMATS", "Stamp"]

#: Formats `build --format` can choose; mentions.jsonl, merges.csv and documents.csv are always written.
FORMATS = ("graphml", "gexf", "json", "csv", "html")
DEFAULT_FORMATS = ("graphml", "html", "csv")


def export_all(result, out_dir: str | os.PathLike, formats=DEFAULT_FORMATS, title: str = "graphbuild",
               jobs: int = 1) -> list[Path]:
    """Write the chosen formats of a BuildResult (or of a bare graph) into ``out_dir``; return the
    paths written. mentions.jsonl, merges.csv and documents.csv come with a BuildResult only; with graphml
    comes graph.index.sqlite, the query index of that file (graphbuild/graphindex.py). With ``jobs`` > 1
    the files of a large graph are written by that many processes side by side.

    >>> import networkx as nx, tempfile
    >>> G = nx.Graph([("person:a", "org:b", {"weight": 2})])
    >>> [p.name for p in export_all(G, tempfile.mkdtemp(), formats=("graphml", "csv"))]
    ['graph.graphml', 'graph.index.sqlite', 'entities.csv', 'nodes.csv', 'edges.csv']
    """
    import networkx as nx

    if isinstance(result, nx.Graph):
        from ..pipeline import BuildResult

        result = BuildResult(result, None, None, {})
    result.graph.graph["title"] = title  # in the GraphML/JSON too: `graphbuild html` titles its page with it
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    # everything is written into a staging folder first and moved into place at the end, so that an
    # error or Ctrl-C half way leaves the previous outputs of the folder as they were
    import shutil
    import tempfile

    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out))
    try:
        staged = _write_all(result, staging, formats, title, jobs)
        written = []
        for p in staged:
            os.replace(p, out / p.name)
            written.append(out / p.name)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)


#: Graphs with fewer ties are written by one process (forking would cost more than it saves).
PARALLEL_MIN_EDGES = 2000


def _tasks(result, out: Path, formats, title: str) -> list[tuple[float, Callable[[], Path | list]]]:
    """(relative cost, writer) for every file to write, in the order they are reported; a writer
    returns the path it wrote, or a list of them (None for a file it did not write)."""
    G = result.graph
    m = G.number_of_edges() + 1
    tasks: list = []
    if "graphml" in formats:
        def graphml():  # and the query index beside it, made for this file (see graphbuild/graphindex.py)
            from .index import write_index

            path = write_graphml(G, out / "graph.graphml")
            return [path, write_index(G, path, result.measures)]
        tasks.append((3.5 * m, graphml))
    if "gexf" in formats:
        def gexf():
            from .gexf import write_gexf

            return write_gexf(G, out / "graph.gexf", description=title)
        tasks.append((2.5 * m, gexf))
    if "json" in formats:
        def node_link():
            from .nodelink import write_json

            return write_json(G, out / "graph.json")
        tasks.append((1.5 * m, node_link))
    if "csv" in formats:
        tasks.append((0.3 * m, lambda: write_entities_csv(G, out / "entities.csv")))
        tasks.append((0.3 * m, lambda: write_nodes_csv(G, out / "nodes.csv")))
        tasks.append((1.2 * m, lambda: write_edges_csv(G, out / "edges.csv")))
    if result.mentions is not None:
        tasks.append((0.05 * len(result.mentions), lambda: write_mentions_jsonl(result.mentions,
                                                                                 out / "mentions.jsonl")))
    if result.merges is not None:
        tasks.append((0.05 * len(result.merges), lambda: write_merges_csv(result.merges, out / "merges.csv")))
    if result.documents is not None:
        tasks.append((0.05 * len(result.documents), lambda: write_documents_csv(result.documents,
                                                                                 out / "documents.csv")))
    if "html" in formats:
        def html():
            from .html import write_html

            return write_html(G, out / "graph.html", title=title)
        tasks.append((3 * m, html))
    return tasks


def _paths(written) -> list[Path]:
    return [p for p in (written if isinstance(written, list) else [written]) if p is not None]


def _write_all(result, out: Path, formats, title: str, jobs: int = 1) -> list[Path]:
    tasks = _tasks(result, out, formats, title)
    if jobs <= 1 or result.graph.number_of_edges() < PARALLEL_MIN_EDGES:
        return [p for _, write in tasks for p in _paths(write())]
    # longest first, each to the least loaded of `jobs` groups; the groups run side by side
    groups: list[list[int]] = [[] for _ in range(min(jobs, len(tasks)))]
    load = [0.0] * len(groups)
    for i in sorted(range(len(tasks)), key=lambda i: (-tasks[i][0], i)):
        k = load.index(min(load))
        groups[k].append(i)
        load[k] += tasks[i][0]
    done = run_side_by_side([lambda g=g: [(i, tasks[i][1]()) for i in g] for g in groups], jobs)
    return [p for _, written in sorted(done_pair for group in done for done_pair in group) for p in _paths(written)]
