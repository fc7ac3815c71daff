"""Analyse stage: centrality measures and communities, computed the same way for any graph."""

from __future__ import annotations

import logging
from typing import Callable

import networkx as nx

__all__ = ["MEASURES", "NODE_MEASURES", "compute_measure", "add_centralities", "add_communities",
           "with_distance"]

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


def _betweenness(G):
    return nx.betweenness_centrality(G, weight="distance", normalized=True)


def _closeness(G):
    return nx.closeness_centrality(G, distance="distance")


def _eigenvector(G):
    if G.number_of_edges() == 0:
        return {n: 0.0 for n in G}
    try:
        return nx.eigenvector_centrality(G, weight="weight", max_iter=1000, tol=1e-10)
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


def compute_measure(G: nx.Graph, name: str) -> dict:
    """One measure for every node of G (weights read from the ``weight`` edge attribute)."""
    H = with_distance(G)
    return {n: float(v) for n, v in MEASURES[name][0](H).items()}


def _r(x: float) -> float:
    return float(f"{x:.12g}")


def add_centralities(G: nx.Graph, measures=NODE_MEASURES) -> None:
    """Store each measure as a node attribute (rounded to 12 significant digits)."""
    H = with_distance(G)
    for name in measures:
        values = MEASURES[name][0](H)
        for n in G:
            G.nodes[n][name] = _r(values.get(n, 0.0))


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
