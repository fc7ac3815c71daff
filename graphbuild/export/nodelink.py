"""Node-link JSON export (d3, sigma.js): the graph with evidence as a list, not a string."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from ..text import no_surrogates
from .files import atomic_write

__all__ = ["node_link_json", "write_json"]


def node_link_json(G: nx.Graph) -> str:
    """Node-link JSON (d3, sigma.js): evidence as a list, not a string."""
    data = {"directed": False, "multigraph": False, "graph": dict(G.graph), "nodes": [], "links": []}
    for n, d in sorted(G.nodes(data=True), key=lambda nd: str(nd[0])):
        data["nodes"].append({"id": n, **d})
    for u, v, d in sorted(G.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))):
        rec = {"source": u, "target": v, **d}
        if isinstance(rec.get("evidence"), str):
            try:
                rec["evidence"] = json.loads(rec["evidence"])
            except ValueError:
                pass
        data["links"].append(rec)
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)


def write_json(G: nx.Graph, path) -> Path:
    with atomic_write(path, "w", newline="\n") as f:
        f.write(no_surrogates(node_link_json(G)) + "\n")
    return Path(path)
