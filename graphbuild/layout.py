"""Layout stage: seeded positions, colours by type and sizes by centrality, stored on the nodes."""

from __future__ import annotations

import math

import networkx as nx

__all__ = ["layout", "induced_subgraph", "add_viz", "to_screen", "node_sizes", "type_color", "TYPE_COLORS",
           "OTHER_COLOR"]

TYPE_COLORS = {
    "PERSON": "#e6550d", "ORG": "#3182bd", "GPE": "#31a354", "NORP": "#756bb1", "LOC": "#8c6d31",
    "FAC": "#636363", "EVENT": "#d6616b", "PRODUCT": "#e7ba52", "LAW": "#7b4173", "WORK_OF_ART": "#ce6dbd",
    "LANGUAGE": "#17becf",
}
OTHER_COLOR = "#969696"
#: Kamada-Kawai (nicer, quadratic memory) up to this many linked nodes, Fruchterman-Reingold above.
KK_MAX_NODES = 150


def type_color(t: str) -> str:
    """The colour of an entity type ("#rrggbb")."""
    return TYPE_COLORS.get(t, OTHER_COLOR)


def _igraph_fr(G: nx.Graph, seed: int) -> dict:
    """Fruchterman-Reingold in igraph's C code (grid-accelerated: seconds for 10^4 nodes, where
    networkx takes minutes), seeded, scaled to [-1, 1]."""
    from .analysis import seeded_igraph, to_igraph

    g, nodes = to_igraph(G)
    with seeded_igraph(seed):
        coords = g.layout_fruchterman_reingold(niter=500, grid="auto").coords
    xs = [c[0] for c in coords]
    ys = [c[1] for c in coords]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    half = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9) / 2
    return {n: ((xs[i] - cx) / half, (ys[i] - cy) / half) for i, n in enumerate(nodes)}


def induced_subgraph(G: nx.Graph, nodes) -> nx.Graph:
    """A copy of G on ``nodes`` with G's node and edge order. (networkx's ``G.subgraph(nodes)`` iterates
    the set of ``nodes`` when it is under half of G, in an order that changes with Python's hash seed
    from run to run: a page's list of ties changed with it. The layouts order nodes themselves.)

    >>> G = nx.Graph([("c", "a"), ("a", "b"), ("b", "d")])
    >>> list(induced_subgraph(G, {"d", "b", "a"}).edges)
    [('a', 'b'), ('b', 'd')]
    """
    keep = set(nodes)
    H = G.__class__()
    H.graph.update(G.graph)
    H.add_nodes_from((n, d) for n, d in G.nodes(data=True) if n in keep)
    H.add_edges_from((u, v, d) for u, v, d in G.edges(data=True) if u in keep and v in keep)
    return H


def layout(G: nx.Graph, seed: int = 42) -> dict:
    """Seeded positions in screen units: Kamada-Kawai for small graphs, Fruchterman-Reingold for
    large ones (networkx); isolated nodes go in rows below the network."""
    if len(G) == 0:
        return {}
    linked = induced_subgraph(G, [n for n in G if G.degree(n) > 0])
    isolated = sorted(n for n in G if G.degree(n) == 0)
    pos: dict = {}
    if len(linked):
        n = len(linked)
        if n <= KK_MAX_NODES:
            raw = nx.kamada_kawai_layout(linked, weight=None)
        else:
            raw = _igraph_fr(linked, seed)
        scale = 90 * math.sqrt(n) + 150
        pos = {k: (float(x) * scale, float(y) * scale) for k, (x, y) in raw.items()}
    if isolated:
        xs = [p[0] for p in pos.values()] or [0.0]
        ys = [p[1] for p in pos.values()] or [0.0]
        left, bottom = min(xs), max(ys) + 150
        per_row = max(8, int(math.sqrt(len(isolated)) * 2))
        for i, n in enumerate(isolated):
            pos[n] = (left + (i % per_row) * 110, bottom + (i // per_row) * 60)
    return {k: (round(x, 2), round(y, 2)) for k, (x, y) in pos.items()}


def to_screen(d: dict) -> tuple[float, float]:
    """A node's stored position (y up, see add_viz) in the page's screen units (y down).

    >>> to_screen({"x": 3.0, "y": 2.5})
    (3.0, -2.5)
    """
    return float(d["x"]), 0.0 - float(d["y"])


def node_sizes(G: nx.Graph) -> dict:
    """``{node: size}``: 8 to 40 by the square root of PageRank over the graph's highest (the area
    of a dot grows with PageRank); 8 for every node of a graph without PageRank.

    >>> G = nx.Graph()
    >>> G.add_nodes_from([("a", {"pagerank": 0.4}), ("b", {"pagerank": 0.1}), ("c", {})])
    >>> node_sizes(G)
    {'a': 40.0, 'b': 24.0, 'c': 8.0}
    """
    pr = {n: float(d.get("pagerank", 0) or 0) for n, d in G.nodes(data=True)}
    hi = max(pr.values()) if pr and max(pr.values()) > 0 else 1.0
    return {n: round(8 + 32 * math.sqrt(p / hi), 2) for n, p in pr.items()}


def add_viz(G: nx.Graph, seed: int = 42, pos: dict | None = None) -> None:
    """Store ``x``, ``y`` (``pos``, else the layout), ``color`` (by type) and ``size`` (node_sizes)
    on every node. Stored ``y`` points up, as Gephi reads ``x``/``y`` from GraphML and
    ``viz:position`` from GEXF; the page (screen units, y down) draws ``-y`` (see to_screen), so the
    page and Gephi show one picture from either file."""
    if pos is None:
        pos = layout(G, seed)
    sizes = node_sizes(G)
    for n, d in G.nodes(data=True):
        x, y = pos.get(n, (0.0, 0.0))
        d["x"], d["y"] = x, 0.0 - y  # 0.0 - y: no "-0.0" in the files
        d["color"] = type_color(str(d.get("type", "")))
        d["size"] = sizes[n]
