"""Analyse stage: centrality measures and communities, computed the same way for any graph."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable

import networkx as nx

__all__ = ["MEASURES", "NODE_MEASURES", "SAMPLED", "Measures", "measures", "add_centralities", "add_communities",
           "with_distance", "tie_distance", "is_sampled", "sample_size", "SAMPLE_ABOVE", "to_igraph", "louvain",
           "seeded_igraph", "ordered_communities", "community_numbers", "set_node_values", "measures_key"]

log = logging.getLogger("graphbuild")


def with_distance(G: nx.Graph, weight: str = "weight") -> nx.Graph:
    """A view-like copy with ``distance = 1 / weight`` on every edge (strong ties are short)."""
    H = nx.Graph()
    H.add_nodes_from(G.nodes)
    for u, v, d in G.edges(data=True):
        w = _as_weight(d.get(weight, 1))
        H.add_edge(u, v, weight=w, distance=_distance(w))
    return H


def _distance(w: float) -> float:
    return 1.0 / w if w > 0 else float("inf")


def tie_distance(u, v, d: dict) -> float:
    """The ``distance`` with_distance gives the tie u-v of attributes ``d``, as a networkx weight
    function (for a shortest path on G itself, without the copy).

    >>> tie_distance("a", "b", {"weight": 4}), tie_distance("a", "b", {})
    (0.25, 1.0)
    """
    return _distance(_as_weight(d.get("weight", 1)))


def _as_weight(x) -> float:
    try:
        w = float(x)
    except (TypeError, ValueError):
        return 1.0
    return w if w > 0 else 1.0


def _degree(G):
    return nx.degree_centrality(G) if len(G) > 1 else {n: 0.0 for n in G}


def _weighted_degree(G):
    return {n: float(d) for n, d in G.degree(weight="weight")}


#: Betweenness and closeness are estimated from sampled source nodes above this many nodes.
SAMPLE_ABOVE = 1000
#: Sources sampled (igraph's C code): about 2*10^7 edge relaxations in all, between 100 and 500 sources.
SAMPLE_BUDGET = 20_000_000
SAMPLE_MIN, SAMPLE_MAX = 100, 500


def sample_size(G: nx.Graph) -> int:
    """Number of sampled sources for a graph of this size."""
    k = SAMPLE_BUDGET // max(1, G.number_of_nodes() + G.number_of_edges())
    return min(G.number_of_nodes(), max(SAMPLE_MIN, min(SAMPLE_MAX, k)))
#: Measures that are superlinear and sampled on large graphs unless exact=True.
SAMPLED = ("betweenness", "closeness")


def is_sampled(G: nx.Graph, name: str, exact: bool = False) -> bool:
    """True when ``name`` is estimated rather than exact on G."""
    return not exact and name in SAMPLED and G.number_of_nodes() > SAMPLE_ABOVE


def to_igraph(G: nx.Graph, edge_attrs=()):
    """G as an igraph Graph (nodes in sorted order, edges sorted, ``edge_attrs`` copied), and the
    node list that maps igraph's vertex numbers back to G's nodes."""
    import igraph

    nodes = sorted(G.nodes, key=str)
    index = {n: i for i, n in enumerate(nodes)}
    pairs = sorted((min(index[u], index[v]), max(index[u], index[v])) for u, v in G.edges)
    g = igraph.Graph(n=len(nodes), edges=pairs)
    for attr in edge_attrs:
        g.es[attr] = [G[nodes[a]][nodes[b]][attr] for a, b in pairs]
    return g, nodes


def _igraph(G):
    return to_igraph(G, ("distance",))


def _pivots(n: int, k: int) -> list[int]:
    import random

    return sorted(random.Random(42).sample(range(n), k))


def _betweenness(G, sample=False):
    if not sample:
        return nx.betweenness_centrality(G, weight="distance", normalized=True)
    # Brandes from k seeded random sources, in igraph's C code, scaled as networkx scales its k-sample
    n = len(G)
    g, nodes = _igraph(G)
    k = sample_size(G)
    raw = g.betweenness(weights="distance", sources=_pivots(n, k))
    scale = 2.0 / ((n - 1) * (n - 2)) * n / k
    return {v: raw[i] * scale for i, v in enumerate(nodes)}


#: Pivots whose distances sampled closeness holds in memory at once.
CLOSENESS_BLOCK = 32


def _closeness(G, sample=False):
    if not sample:
        return nx.closeness_centrality(G, distance="distance")
    # Eppstein-Wang estimate: distances from k seeded random pivots stand for distances to everyone
    n = len(G)
    g, nodes = _igraph(G)
    pivots = _pivots(n, sample_size(G))
    import numpy as np

    comp = np.zeros(n)
    for c in g.connected_components():
        comp[c] = len(c)
    # the distances of a block of pivots at a time (all 500 rows of a large graph would take ~300 MB
    # as Python floats), summed row after row as numpy's sum over the rows adds them: the same values
    total, hits = np.zeros(n), np.zeros(n, dtype=np.intp)
    for i in range(0, len(pivots), CLOSENESS_BLOCK):
        d = np.asarray(g.distances(source=pivots[i:i + CLOSENESS_BLOCK], weights="distance"), dtype=float)
        finite = np.isfinite(d.reshape(-1, n))
        for row, ok in zip(np.where(finite, d.reshape(-1, n), 0.0), finite):
            total += row
            hits += ok
    out = {}
    for i, v in enumerate(nodes):
        r = comp[i]
        if r <= 1 or hits[i] == 0 or total[i] == 0:
            out[v] = 0.0
            continue
        est_sum = total[i] * (r - 1) / hits[i]
        out[v] = float(((r - 1) / est_sum) * ((r - 1) / (n - 1)))
    return out


def _edge_arrays(G: nx.Graph, weight: str = "weight"):
    """G's weighted adjacency as symmetric coordinate arrays (rows, cols, values) over ``list(G)``:
    both directions of every tie, a self-loop once, as networkx's adjacency matrix has them."""
    import numpy as np

    nodes = list(G)
    index = {n: i for i, n in enumerate(nodes)}
    m = G.number_of_edges()
    u = np.empty(m, dtype=np.intp)
    v = np.empty(m, dtype=np.intp)
    w = np.empty(m, dtype=float)
    for k, (a, b, d) in enumerate(G.edges(data=weight, default=1)):
        u[k], v[k], w[k] = index[a], index[b], d
    two = u != v
    return nodes, np.concatenate([u, v[two]]), np.concatenate([v, u[two]]), np.concatenate([w, w[two]])


def _eigenvector(G, max_iter: int = 10000, tol: float = 1e-13):
    """networkx's eigenvector_centrality (power iteration on A + I from a uniform start, Euclidean
    normalisation, stop when the L1 change is below n * tol), with numpy sums over the edges.

    The one measure not taken from networkx, because bench/measures.py shows it earns its place:
    networkx's loop is pure Python (about 20 s on a 30,000-entity graph, against 0.2 s here, same
    values to 1e-16) and its eigenvector_centrality_numpy refuses graphs with several components,
    which every news graph has."""
    if G.number_of_edges() == 0:
        return {n: 0.0 for n in G}
    import numpy as np

    nodes, rows, cols, vals = _edge_arrays(G)
    n = len(nodes)
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = x
        x = last + np.bincount(rows, weights=vals * last[cols], minlength=n)
        norm = np.linalg.norm(x) or 1.0
        x = x / norm
        if np.abs(x - last).sum() < n * tol:
            return {v: float(x[i]) for i, v in enumerate(nodes)}
    log.warning("eigenvector centrality did not converge in %d iterations; the last estimate is reported",
                max_iter)
    return {v: float(x[i]) for i, v in enumerate(nodes)}


def _pagerank(G):
    """networkx's PageRank (alpha 0.85, weighted ties, dangling nodes spread evenly), run to a
    tolerance tight enough that the 12 digits stored are the converged ones."""
    if len(G) == 0:
        return {}
    return nx.pagerank(G, alpha=0.85, weight="weight", tol=1e-10, max_iter=1000)


#: name -> (function over a graph with weight and distance, description for --help)
MEASURES: dict[str, tuple[Callable, str]] = {
    "degree": (_degree, "share of the other nodes a node is tied to"),
    "weighted_degree": (_weighted_degree, "sum of the weights of its ties (strength)"),
    "betweenness": (_betweenness, "share of shortest paths through it (distance = 1/weight)"),
    "closeness": (_closeness, "inverse mean distance to the nodes it reaches (distance = 1/weight)"),
    "eigenvector": (_eigenvector, "tied to others who are central (weighted)"),
    "pagerank": (_pagerank, "PageRank on weighted ties"),
}
#: Measures stored on every node of a built graph.
NODE_MEASURES = ("degree", "weighted_degree", "betweenness", "pagerank", "eigenvector")


def _run(H: nx.Graph, name: str, exact: bool) -> dict:
    fn = MEASURES[name][0]
    if name in SAMPLED:
        return fn(H, sample=is_sampled(H, name, exact))
    return fn(H)


def _r(x: float) -> float:
    return float(f"{x:.12g}")


@dataclass(frozen=True)
class Measures:
    """What :func:`measures` found: ``values`` is ``{measure: {node: value}}`` (every node of the
    graph, 12 significant digits) and ``sampled`` names the measures estimated by sampling;
    ``graph_key``, where given, is the measures_key of the graph they were computed on."""

    values: dict[str, dict]
    sampled: list[str]
    graph_key: str = ""


def measures(G: nx.Graph, names=NODE_MEASURES, exact: bool = False) -> Measures:
    """Centrality measures of every node of G: the one implementation that build, report and
    communities use. Weights come from the ``weight`` edge attribute (missing or bad: 1); the
    distance view (1/weight) is built once for all measures. Betweenness and closeness are sampled
    estimates on graphs above SAMPLE_ABOVE nodes unless ``exact`` (see is_sampled).

    >>> G = nx.Graph([("a", "b", {"weight": 2}), ("b", "c", {"weight": 1})])
    >>> m = measures(G, ["degree", "weighted_degree", "pagerank"])
    >>> m.values["weighted_degree"]
    {'a': 2.0, 'b': 3.0, 'c': 1.0}
    >>> max(m.values["pagerank"], key=m.values["pagerank"].get), m.sampled
    ('b', [])
    """
    unknown = [name for name in names if name not in MEASURES]
    if unknown:
        raise ValueError(f"unknown measure {unknown[0]!r}; choose from {', '.join(MEASURES)}")
    H = with_distance(G)
    values = {}
    for name in names:
        got = _run(H, name, exact)
        values[name] = {n: _r(float(got.get(n, 0.0))) for n in G}
    return Measures(values, [name for name in names if is_sampled(H, name, exact)])


def measures_key(G: nx.Graph) -> str:
    """A digest of all that :func:`measures` reads of G: its nodes in order, each with its ties in
    order and their weights. Two graphs with one key get the same values, to the last bit.

    >>> measures_key(nx.Graph([("a", "b", {"weight": 2})])) == measures_key(nx.Graph([("a", "b", {"weight": 2.0})]))
    True
    >>> measures_key(nx.Graph([("a", "b"), ("b", "c")])) == measures_key(nx.Graph([("b", "c"), ("a", "b")]))
    False
    """
    import hashlib

    h = hashlib.sha256()
    for n, ties in G.adj.items():
        h.update(repr((n, [(m, _as_weight(d.get("weight", 1))) for m, d in ties.items()])).encode("utf-8", "replace"))
    return h.hexdigest()


def add_centralities(G: nx.Graph, names=NODE_MEASURES, exact: bool = False) -> list[str]:
    """Store each measure of :func:`measures` as a node attribute; return the sampled ones."""
    m = measures(G, names, exact)
    set_node_values(G, m.values)
    return m.sampled


def set_node_values(G: nx.Graph, values: dict) -> None:
    """Store ``{attribute: {node: value}}`` on G's nodes."""
    for name, per_node in values.items():
        for n, v in per_node.items():
            G.nodes[n][name] = v


@contextmanager
def seeded_igraph(seed: int):
    """igraph's random numbers from a private generator seeded with ``seed`` (not the global one)."""
    import random

    import igraph

    igraph.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        igraph.set_random_number_generator(random)


def louvain(G: nx.Graph, seed: int = 42) -> list[set]:
    """Louvain communities (weighted modularity, resolution 1) in igraph's C code, seeded: the same
    graph always gives the same partition. Isolated nodes are communities of one."""
    if G.number_of_edges() == 0:
        return [{n} for n in G]
    g, nodes = to_igraph(G)
    g.es["weight"] = [_as_weight(G[nodes[a]][nodes[b]].get("weight", 1)) for a, b in
                      (e.tuple for e in g.es)]
    with seeded_igraph(seed):
        parts = g.community_multilevel(weights="weight")
    return [{nodes[i] for i in part} for part in parts]


def ordered_communities(communities) -> list[set]:
    """Communities in the order they are numbered: largest first, ties by their first node id."""
    return sorted(communities, key=lambda c: (-len(c), min(map(str, c))))


def community_numbers(G: nx.Graph, seed: int = 42) -> dict:
    """``{node: community}``: Louvain communities (fixed seed) numbered by size, largest first."""
    return {n: i for i, c in enumerate(ordered_communities(louvain(G, seed))) for n in c}


def add_communities(G: nx.Graph, seed: int = 42) -> None:
    """Louvain communities (fixed seed), numbered by size, largest first, as node attribute ``community``."""
    set_node_values(G, {"community": community_numbers(G, seed)})
