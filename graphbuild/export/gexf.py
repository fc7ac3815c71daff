"""GEXF 1.3 export (Gephi's own format) with viz colour, size and position; valid against the spec."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from lxml import etree

from .. import __version__
from ..text import xml_safe
from .files import atomic_write

__all__ = ["gexf_bytes", "write_gexf"]

NS = "http://gexf.net/1.3"
VIZ = "http://gexf.net/1.3/viz"
_VIZ_KEYS = {"x", "y", "size", "color", "viz"}


def _gexf_type(values) -> str:
    if all(isinstance(v, bool) for v in values):
        return "boolean"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "long"
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return "double"
    return "string"


def _fmt(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return repr(v)
    return xml_safe(str(v))


def _attributes(graph_el, cls: str, records: list[dict], skip: set) -> list[tuple[str, str]]:
    keys: dict[str, list] = {}
    for d in records:
        for k, v in d.items():
            if k not in skip and v is not None and not isinstance(v, (dict, list)):
                keys.setdefault(k, []).append(v)
    cols = [(k, _gexf_type(vs)) for k, vs in keys.items()]
    if cols:
        attrs = etree.SubElement(graph_el, f"{{{NS}}}attributes", {"class": cls, "mode": "static"})
        for k, t in cols:
            etree.SubElement(attrs, f"{{{NS}}}attribute", {"id": k, "title": k, "type": t})
    return cols


def _attvalues(el, d: dict, cols) -> None:
    vals = [(k, d[k]) for k, _ in cols if d.get(k) is not None]
    if vals:
        av = etree.SubElement(el, f"{{{NS}}}attvalues")
        for k, v in vals:
            etree.SubElement(av, f"{{{NS}}}attvalue", {"for": k, "value": _fmt(v)})


def _rgb(color: str) -> dict:
    c = color.lstrip("#")
    if len(c) != 6:
        c = "969696"
    return {"r": str(int(c[0:2], 16)), "g": str(int(c[2:4], 16)), "b": str(int(c[4:6], 16))}


def gexf_bytes(G: nx.Graph, description: str = "") -> bytes:
    """The graph as GEXF 1.3: node attributes as attvalues, x/y/size/color as viz elements."""
    root = etree.Element(f"{{{NS}}}gexf", nsmap={None: NS, "viz": VIZ}, version="1.3")
    meta = etree.SubElement(root, f"{{{NS}}}meta")
    etree.SubElement(meta, f"{{{NS}}}creator").text = f"graphbuild {__version__}"
    if description:
        etree.SubElement(meta, f"{{{NS}}}description").text = xml_safe(description)
    graph = etree.SubElement(root, f"{{{NS}}}graph", defaultedgetype="undirected", mode="static")
    nodes = sorted(G.nodes(data=True), key=lambda nd: str(nd[0]))
    edges = sorted(G.edges(data=True), key=lambda e: (str(e[0]), str(e[1])))
    ncols = _attributes(graph, "node", [d for _, d in nodes], _VIZ_KEYS | {"label"})
    ecols = _attributes(graph, "edge", [d for _, _, d in edges], {"weight", "id", "label"})
    nodes_el = etree.SubElement(graph, f"{{{NS}}}nodes", count=str(len(nodes)))
    for n, d in nodes:
        el = etree.SubElement(nodes_el, f"{{{NS}}}node", id=xml_safe(str(n)), label=_fmt(d.get("label", n)))
        _attvalues(el, d, ncols)
        if "color" in d:
            etree.SubElement(el, f"{{{VIZ}}}color", _rgb(str(d["color"])))
        if "x" in d and "y" in d:
            etree.SubElement(el, f"{{{VIZ}}}position", x=_fmt(float(d["x"])), y=_fmt(-float(d["y"])), z="0.0")
        if "size" in d:
            etree.SubElement(el, f"{{{VIZ}}}size", value=_fmt(float(d["size"])))
    edges_el = etree.SubElement(graph, f"{{{NS}}}edges", count=str(len(edges)))
    for i, (u, v, d) in enumerate(edges):
        el = etree.SubElement(edges_el, f"{{{NS}}}edge", id=str(i), source=xml_safe(str(u)), target=xml_safe(str(v)),
                              weight=_fmt(float(d.get("weight", 1))))
        _attvalues(el, d, ecols)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_gexf(G: nx.Graph, path, description: str = "") -> Path:
    data = gexf_bytes(G, description)
    with atomic_write(path, "wb") as f:
        f.write(data)
    return Path(path)
