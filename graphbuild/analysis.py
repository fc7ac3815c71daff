"""Analyse stage: centrality measures and communities, computed the same way for any graph."""

from __future__ import annotations

import logging
from typing import Callable

import networkx as nx

__all__ = ["MEASURES", "NODE_MEASURES", "SAMPLED", "compute_measure", "add_centralities", "add_communities",
           "with_distance", "is_sampled", "sample_size", "SAMPLE_ABOVE"]

log = logging.getLogger("graphbuild")


def with_distance(G: nx.Graph, weight: str = "weight") -> nx.Graph:
    """A view-like copy with ``distance = 1 / weight`` on every edge (strong ties are short)."""
    H = nx.Graph()
    H.add_nodes_from(G.nodes)
    for u, v, d in G.edges(data=True):
        w = _as_weight(d.get(weight, 1))
        H.add_edge(u, v, weight=w, distance=1.0 / w if w > 0 else float("inf"))
    return H


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
#: Sources sampled: about half a million edge relaxations in all, between 30 and 300 sources.
SAMPLE_BUDGET = 500_000
SAMPLE_MIN, SAMPLE_MAX = 30, 300


def sample_size(G: nx.Graph) -> int:
    """Number of sampled sources for a graph of this size."""
    k = SAMPLE_BUDGET // max(1, G.number_of_nodes() + G.number_of_edges())
    return min(G.number_of_nodes(), max(SAMPLE_MIN, min(SAMPLE_MAX, k)))
#: Measures that are superlinear and sampled on large graphs unless exact=True.
SAMPLED = ("betweenness", "closeness")


def is_sampled(G: nx.Graph, name: str, exact: bool = False) -> bool:
    """True when ``name`` is estimated rather than exact on G."""
    return not exact and name in SAMPLED and G.number_of_nodes() > SAMPLE_ABOVE


def _betweenness(G, sample=False):
    k = sample_size(G) if sample else None
    return nx.betweenness_centrality(G, k=k, weight="distance", normalized=True, seed=42 if k else None)


def _closeness(G, sample=False):
    if not sample:
        return nx.closeness_centrality(G, distance="distance")
    # Eppstein-Wang estimate: distances from k random pivots stand for distances to everyone
    import random

    nodes = sorted(G.nodes, key=str)
    pivots = random.Random(42).sample(nodes, sample_size(G))
    total = dict.fromkeys(nodes, 0.0)
    hits = dict.fromkeys(nodes, 0)
    comp = {}
    for c in nx.connected_components(G):
        for n in c:
            comp[n] = len(c)
    for p in pivots:
        for n, dist in nx.single_source_dijkstra_path_length(G, p, weight="distance").items():
            total[n] += dist
            hits[n] += 1
    n_all = len(nodes)
    out = {}
    for n in nodes:
        r = comp[n]
        if r <= 1 or hits[n] == 0 or total[n] == 0:
            out[n] = 0.0
            continue
        est_sum = total[n] * (r - 1) / hits[n]
        out[n] = ((r - 1) / est_sum) * ((r - 1) / (n_all - 1))
    return out


def _eigenvector(G):
    if G.number_of_edges() == 0:
        return {n: 0.0 for n in G}
    try:
        tol = 1e-13 if len(G) <= SAMPLE_ABOVE else 1e-9  # tol is per node: n * tol in all
        return nx.eigenvector_centrality(G, weight="weight", max_iter=5000, tol=tol)
    except (nx.PowerIterationFailedConvergence, nx.NetworkXException):
        try:
            return nx.eigenvector_centrality_numpy(G, weight="weight")
        except Exception:  # pragma: no cover - numeric failure on a pathological graph
            log.warning("eigenvector centrality did not converge; reported as 0")
            return {n: 0.0 for n in G}


def _pagerank(G):
    if len(G) == 0:
        return {}
    return nx.pagerank(G, weight="weight", tol=1e-12, max_iter=1000)


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


def compute_measure(G: nx.Graph, name: str, exact: bool = False) -> dict:
    """One measure for every node of G (weights read from the ``weight`` edge attribute).

    Betweenness and closeness are sampled estimates on graphs above SAMPLE_ABOVE nodes unless
    ``exact``; see is_sampled.
    """
    H = with_distance(G)
    return {n: float(v) for n, v in _run(H, name, exact).items()}


def _r(x: float) -> float:
    return float(f"{x:.12g}")


def add_centralities(G: nx.Graph, measures=NODE_MEASURES, exact: bool = False) -> list[str]:
    """Store each measure as a node attribute (rounded to 12 significant digits); return the names
    of the measures that were estimated by sampling."""
    H = with_distance(G)
    sampled = [m for m in measures if is_sampled(H, m, exact)]
    for name in measures:
        values = _run(H, name, exact)
        for n in G:
            G.nodes[n][name] = _r(values.get(n, 0.0))
    return sampled


def add_communities(G: nx.Graph, seed: int = 42) -> None:
    """Louvain communities (fixed seed), numbered by size, largest first, as node attribute ``community``."""
    if G.number_of_edges() == 0:
        comms = [{n} for n in G]
    else:
        comms = nx.community.louvain_communities(G, weight="weight", seed=seed)
    comms = sorted(comms, key=lambda c: (-len(c), min(c)))
    for i, c in enumerate(comms):
        for n in c:
            G.nodes[n]["community"] = i
