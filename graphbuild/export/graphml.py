"""GraphML export: scalar attributes only, XML-safe strings, NMTOKEN ids (Gephi and igraph load it)."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx

from ..text import xml_safe
from .files import atomic_write

__all__ = ["clean_for_xml", "write_graphml", "graphml_bytes"]


def _scalar(v):
    if isinstance(v, bool):
        return v
    if isinstance(v, int):
        return int(v)
    if isinstance(v, float):
        return float(v)
    if hasattr(v, "item"):  # numpy scalar
        return _scalar(v.item())
    if v is None:
        return None
    return xml_safe(str(v))


def clean_for_xml(G: nx.Graph) -> nx.Graph:
    """A copy of G whose attributes are plain str/int/float/bool with XML-forbidden characters removed."""
    H = nx.Graph()
    H.graph.update({k: _scalar(v) for k, v in G.graph.items() if _scalar(v) is not None})
    for n, d in G.nodes(data=True):
        H.add_node(xml_safe(str(n)), **{k: _scalar(v) for k, v in d.items() if _scalar(v) is not None})
    for u, v, d in G.edges(data=True):
        H.add_edge(xml_safe(str(u)), xml_safe(str(v)),
                   **{k: _scalar(x) for k, x in d.items() if _scalar(x) is not None})
    return H


def _gephi_safe(H: nx.Graph) -> None:
    """Gephi rewrites "INF" inside string values to "Infinity": in the JSON evidence, spell the I as
    a JSON escape (json.loads gives the same text back)."""
    for _, _, d in H.edges(data=True):
        ev = d.get("evidence")
        if isinstance(ev, str) and "INF" in ev:
            d["evidence"] = ev.replace("INF", "\\u0049NF")


def graphml_bytes(G: nx.Graph) -> bytes:
    """GraphML bytes: one typed key per attribute, nodes and edges in sorted order."""
    H = clean_for_xml(G)
    _gephi_safe(H)
    S = nx.Graph()
    S.graph.update(H.graph)
    S.add_nodes_from(sorted(H.nodes(data=True), key=lambda nd: nd[0]))
    S.add_edges_from(sorted(H.edges(data=True), key=lambda e: (e[0], e[1])))
    buf = io.BytesIO()
    nx.write_graphml(S, buf, encoding="utf-8", prettyprint=True, infer_numeric_types=True)
    return buf.getvalue()


def write_graphml(G: nx.Graph, path: str | Path) -> Path:
    """Write G as GraphML (atomically) and return the path."""
    data = graphml_bytes(G)
    with atomic_write(path, "wb") as f:
        f.write(data)
    return Path(path)
