"""GraphML export: scalar attributes only, XML-safe strings, NMTOKEN ids (Gephi and igraph load it)."""

from __future__ import annotations

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


_NS = "http://graphml.graphdrawing.org/xmlns"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"


def _key_type(values) -> str:
    if all(isinstance(v, bool) for v in values):
        return "boolean"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "long" if any(abs(v) > 2**31 - 1 for v in values) else "int"
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return "double"
    return "string"


def _text(v, t: str) -> str:
    if t == "boolean":
        return "true" if v else "false"
    if t == "double":
        return repr(float(v))
    return str(v)


def graphml_bytes(G: nx.Graph) -> bytes:
    """GraphML bytes: one typed key per attribute (a mix of int and float is double), nodes and
    edges in sorted order; written with lxml (networkx's writer is several times slower)."""
    from lxml import etree

    H = clean_for_xml(G)
    _gephi_safe(H)
    nodes = sorted(H.nodes(data=True), key=lambda nd: nd[0])
    edges = sorted(((min(u, v), max(u, v), d) for u, v, d in H.edges(data=True)), key=lambda e: (e[0], e[1]))
    root = etree.Element(f"{{{_NS}}}graphml", nsmap={None: _NS, "xsi": _XSI})
    root.set(f"{{{_XSI}}}schemaLocation", f"{_NS} {_NS}/1.0/graphml.xsd")
    keys: dict[tuple[str, str], tuple[str, str]] = {}
    for domain, records in (("graph", [H.graph]), ("node", [d for _, d in nodes]), ("edge", [d for _, _, d in edges])):
        seen: dict[str, list] = {}
        for d in records:
            for k, v in d.items():
                seen.setdefault(k, []).append(v)
        for k, vals in seen.items():
            kid = f"d{len(keys)}"
            t = _key_type(vals)
            keys[(domain, k)] = (kid, t)
            etree.SubElement(root, f"{{{_NS}}}key", {"id": kid, "for": domain, "attr.name": k, "attr.type": t})
    graph = etree.SubElement(root, f"{{{_NS}}}graph", {"edgedefault": "undirected"})

    def data(el, domain, d):
        for k, v in d.items():
            kid, t = keys[(domain, k)]
            etree.SubElement(el, f"{{{_NS}}}data", {"key": kid}).text = _text(v, t)

    data(graph, "graph", H.graph)
    for n, d in nodes:
        data(etree.SubElement(graph, f"{{{_NS}}}node", {"id": n}), "node", d)
    for u, v, d in edges:
        data(etree.SubElement(graph, f"{{{_NS}}}edge", {"source": u, "target": v}), "edge", d)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def write_graphml(G: nx.Graph, path: str | Path) -> Path:
    """Write G as GraphML (atomically) and return the path."""
    data = graphml_bytes(G)
    with atomic_write(path, "wb") as f:
        f.write(data)
    return Path(path)
