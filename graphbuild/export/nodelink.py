"""Node-link JSON export (d3, sigma.js): the graph with evidence as a list, not a string."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from ..evidence import evidence_of
from ..text import no_surrogates
from .files import atomic_write

__all__ = ["node_link_json", "write_json"]


def _dumps(value, level: int) -> str:
    """``value`` as json.dumps(indent=1, sort_keys=True) writes it ``level`` levels deep."""
    text = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)
    return text.replace("\n", "\n" + " " * level)  # JSON strings hold no raw newline


def _links(G: nx.Graph):
    for u, v in sorted(G.edges, key=lambda e: (str(e[0]), str(e[1]))):
        rec = {"source": u, "target": v, **G.edges[u, v]}
        if "evidence" in rec:
            rec["evidence"] = evidence_of(rec)
        yield rec


def _write(G: nx.Graph, write) -> None:
    """Stream node-link JSON through ``write``, one node or link at a time: the same text as
    json.dumps(indent=1, sort_keys=True) of the whole document, without building it in memory."""
    def array(name: str, records, last: bool) -> None:
        write(f' "{name}": [')
        first = True
        for rec in records:
            write(("\n" if first else ",\n") + "  " + _dumps(rec, 2))
            first = False
        write(("]" if first else "\n ]") + ("\n" if last else ",\n"))

    write('{\n "directed": false,\n "graph": ' + _dumps(dict(G.graph), 1) + ",\n")
    array("links", _links(G), last=False)
    write(' "multigraph": false,\n')
    array("nodes", ({"id": n, **G.nodes[n]} for n in sorted(G.nodes, key=str)), last=True)
    write("}")


def node_link_json(G: nx.Graph) -> str:
    """Node-link JSON (d3, sigma.js): evidence as a list, not a string."""
    parts: list[str] = []
    _write(G, parts.append)
    return "".join(parts)


def write_json(G: nx.Graph, path) -> Path:
    """Write node-link JSON (streamed, atomically) and return the path."""
    with atomic_write(path, "w", newline="\n") as f:
        _write(G, lambda text: f.write(no_surrogates(text)))
        f.write("\n")
    return Path(path)
