"""The query index written beside the GraphML (graphbuild/graphindex.py): what goes into it."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from ..analysis import MEASURES, Measures, is_sampled, measures, measures_key
from ..graphindex import graphml_digest, index_path, write_rows
from .graphml import read_back

__all__ = ["write_index"]


def _rebuilt_in_order(H: nx.Graph) -> bool:
    """True when adding H's nodes, then its ties in H.edges() order (as the index stores them) gives
    every node its neighbours in H's order: the order shortest paths and sorts break ties by."""
    R = nx.Graph()
    R.add_nodes_from(H)
    R.add_edges_from(H.edges())
    return list(R) == list(H) and all(list(R.adj[n]) == list(H.adj[n]) for n in H)


def _report_measures(H: nx.Graph, measured: Measures | None) -> Measures:
    """Every measure of ``report`` on H as report computes them (sampled above 1,000 nodes): those of
    ``measured`` where they were computed on a graph that gives the same values (its measures_key is
    H's) and sampled as report samples them; the rest computed."""
    names = list(MEASURES)
    reuse = {}
    if measured is not None and measured.graph_key and measured.graph_key == measures_key(H):
        reuse = {m: measured.values[m] for m in names
                 if m in measured.values and (m in measured.sampled) == is_sampled(H, m)}
    missing = [m for m in names if m not in reuse]
    fresh = measures(H, missing) if missing else Measures({}, [])
    return Measures({m: reuse[m] if m in reuse else fresh.values[m] for m in names},
                    [m for m in names if is_sampled(H, m)])


def write_index(G: nx.Graph, graphml: str | Path, measured: Measures | None = None) -> Path | None:
    """Write the index of ``graphml``, the GraphML file :func:`write_graphml` wrote of G (read for
    its digest), beside it; return its path, or None when G cannot be indexed faithfully (a value
    SQLite would change, a node order it would not keep), so that queries read the GraphML.

    The rows are the graph a query reads from the file (query.simple_graph of what networkx reads
    back, see graphml.read_back), with every node's name match keys and every measure of ``report``
    on that graph as ``report`` computes them (sampled above 1,000 nodes): ``measured`` (a build's
    BuildResult.measures) where they hold for it, else computed.

    >>> import tempfile
    >>> from graphbuild.export.graphml import write_graphml
    >>> G = nx.Graph([("person:a", "org:b", {"weight": 2, "evidence": "[]"})])
    >>> path = write_graphml(G, Path(tempfile.mkdtemp()) / "graph.graphml")
    >>> write_index(G, path).name
    'graph.index.sqlite'
    """
    from ..query import node_keys, simple_graph

    target = index_path(graphml)
    target.unlink(missing_ok=True)  # never leave the index of another file beside this one
    H = simple_graph(read_back(G))
    if not _rebuilt_in_order(H):
        return None
    return write_rows(target, H, node_keys(H), _report_measures(H, measured), graphml_digest(graphml))
