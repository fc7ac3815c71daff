"""Centrality measures: graphbuild's `measures()` against networkx's own functions, on a graph the size
of a large news corpus's.

Usage: python bench/measures.py [--nodes 30000] [--edges 75000]

graphbuild takes every measure from networkx or igraph except eigenvector centrality, whose
networkx power iteration is a pure-Python loop. This prints, for eigenvector centrality, the
seconds of networkx's function and of the one `measures()` runs, and the largest difference
between their values: the figures behind that exception (graphbuild/analysis.py,
_eigenvector). The graph is random (seeded), weighted 1-5, with isolated nodes, as news graphs
have. Numbers, not assertions.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from graphbuild.analysis import MEASURES, with_distance  # noqa: E402


def _graph(nodes: int, edges: int) -> nx.Graph:
    G = nx.gnm_random_graph(nodes, edges, seed=1)
    rng = random.Random(1)
    for _, _, d in G.edges(data=True):
        d["weight"] = rng.randint(1, 5)
    G.add_nodes_from(range(nodes, nodes + nodes // 30))  # isolated entities
    return G


def _timed(fn):
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=30000)
    ap.add_argument("--edges", type=int, default=75000)
    args = ap.parse_args()
    G = _graph(args.nodes, args.edges)
    H = with_distance(G)
    print(f"graph: {G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges, "
          f"{nx.number_connected_components(G):,} components")
    refs = {
        "eigenvector": ("nx.eigenvector_centrality",
                        lambda: nx.eigenvector_centrality(G, weight="weight", max_iter=10000, tol=1e-13)),
    }
    print(f"{'measure':<12} {'networkx function':<28} {'networkx s':>10} {'measures() s':>12} {'max |diff|':>11}")
    for name, (label, ref) in refs.items():
        want, t_ref = _timed(ref)
        got, t_ours = _timed(lambda name=name: MEASURES[name][0](H))
        diff = max(abs(want[n] - got[n]) for n in G)
        print(f"{name:<12} {label:<28} {t_ref:>10.2f} {t_ours:>12.2f} {diff:>11.1e}")
    try:
        nx.eigenvector_centrality_numpy(G, weight="weight")
        print("nx.eigenvector_centrality_numpy: ran")
    except nx.AmbiguousSolution as exc:
        print(f"nx.eigenvector_centrality_numpy: refuses this graph ({exc})")


if __name__ == "__main__":
    main()
