"""GraphML export: scalar attributes only, XML-safe strings, NMTOKEN ids (Gephi and igraph load it)."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx

from ..text import xml_safe
from .files import atomic_write

__all__ = ["write_graphml", "graphml_bytes", "read_back"]

_NS = "http://graphml.graphdrawing.org/xmlns"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_CR = {"\r": "&#13;"}  # a parser would read a raw CR as LF


def _scalar(v):
    """A value GraphML can hold (bool, int, float, str without XML-forbidden characters), or None."""
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


def _gephi_safe(key: str, value):
    """Gephi rewrites "INF" inside string values to "Infinity": in the JSON evidence, spell the I as
    a JSON escape (json.loads gives the same text back)."""
    if key == "evidence" and isinstance(value, str) and "INF" in value:
        return value.replace("INF", "\\u0049NF")
    return value


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


def _clean(d: dict) -> dict:
    """The attributes of ``d`` as written: scalars only, XML-safe, Gephi-safe."""
    return {k: _gephi_safe(k, s) for k, v in d.items() if (s := _scalar(v)) is not None}


def _keys(G: nx.Graph) -> dict[tuple[str, str], tuple[str, str]]:
    """``{(domain, attribute): (key id, GraphML type)}``: one typed key per attribute (a mix of int
    and float is double), numbered in the order the attributes are first seen."""
    seen: dict[tuple[str, str], set] = {}
    domains = (("graph", [G.graph]), ("node", (d for _, d in G.nodes(data=True))),
               ("edge", (d for _, _, d in G.edges(data=True))))
    for domain, records in domains:
        for d in records:
            for k, v in d.items():
                s = _scalar(v)
                if s is not None:
                    seen.setdefault((domain, k), set()).add(type(s) if not isinstance(s, int) or isinstance(s, bool)
                                                           else (int, abs(s) > 2**31 - 1))
    keys: dict[tuple[str, str], tuple[str, str]] = {}
    for (domain, k), kinds in seen.items():
        samples = []
        for kind in kinds:
            if isinstance(kind, tuple):
                samples.append(2**40 if kind[1] else 1)
            else:
                samples.append({bool: True, float: 1.0, str: ""}.get(kind, ""))
        keys[(domain, k)] = (f"d{len(keys)}", _key_type(samples))
    return keys


def _records(G: nx.Graph):
    """What the file holds, in its order: the keys, the graph's data, then ``("node", id, data)``
    and ``("edge", (source, target), data)`` records with cleaned values, nodes and edges sorted by id."""
    keys = _keys(G)
    yield keys, _clean(G.graph)
    node_data = dict(G.nodes(data=True))
    for n in sorted(G.nodes, key=lambda n: xml_safe(str(n))):
        yield "node", xml_safe(str(n)), _clean(node_data[n])
    edge_data = {(xml_safe(str(u)), xml_safe(str(v))): d for u, v, d in G.edges(data=True)}
    for u, v in sorted((min(a, b), max(a, b)) for a, b in edge_data):
        d = edge_data.get((u, v))
        yield "edge", (u, v), _clean(d if d is not None else edge_data[(v, u)])


def _write(G: nx.Graph, fh) -> None:
    """Stream G as GraphML into the binary file ``fh`` (no tree in memory)."""
    from xml.sax.saxutils import escape, quoteattr

    records = _records(G)
    keys, graph_data = next(records)
    # streamed as text: escaping by the standard library, every string already XML-safe
    out = io.TextIOWrapper(fh, encoding="utf-8", newline="\n", write_through=False)
    w = out.write
    w("<?xml version='1.0' encoding='utf-8'?>\n")
    w(f'<graphml xmlns="{_NS}" xmlns:xsi="{_XSI}" xsi:schemaLocation="{_NS} {_NS}/1.0/graphml.xsd">\n')
    for (domain, k), (kid, t) in keys.items():
        w(f'  <key id="{kid}" for="{domain}" attr.name={quoteattr(k)} attr.type="{t}"/>\n')
    w('  <graph edgedefault="undirected">\n')

    def data(d: dict, domain: str, indent: str) -> None:
        for k, v in d.items():
            kid, t = keys[(domain, k)]
            w(f'{indent}<data key="{kid}">{escape(_text(v, t), _CR)}</data>\n')

    data(graph_data, "graph", "    ")
    for kind, name, d in records:
        if kind == "node":
            w(f"    <node id={quoteattr(name)}>\n")
            data(d, "node", "      ")
            w("    </node>\n")
        else:
            w(f"    <edge source={quoteattr(name[0])} target={quoteattr(name[1])}>\n")
            data(d, "edge", "      ")
            w("    </edge>\n")
    w("  </graph>\n</graphml>\n")
    out.flush()
    out.detach()


#: How a GraphML reader (networkx's) turns the text of a value back into a value, by the key's type.
_READ = {"boolean": lambda text: {"true": True, "false": False, "0": False, "1": True}[text.lower()],
         "int": int, "long": int, "double": float, "string": str}


def read_back(G: nx.Graph) -> nx.Graph:
    """The graph networkx's ``read_graphml`` returns for the file :func:`write_graphml` writes of G,
    without writing or parsing it: nodes and edges in the file's order, ids as text, every value
    typed by its key (an int under a double key comes back a float), and the graph's
    ``node_default``/``edge_default`` the reader adds.

    The query index (graphbuild/graphindex.py) is written from it, so that a query answers the same
    from the index as from the file (tests/test_index.py compares both on tricky values).

    >>> H = read_back(nx.Graph([(2, 1, {"weight": 3, "share": 0.5, "note": "a\x01"})]))
    >>> list(H.nodes), H["1"]["2"], H.graph
    (['1', '2'], {'weight': 3, 'share': 0.5, 'note': 'a'}, {'node_default': {}, 'edge_default': {}})
    """
    records = _records(G)
    keys, graph_data = next(records)

    def typed(d: dict, domain: str) -> dict:
        out = {}
        for k, v in d.items():
            t = keys[(domain, k)][1]
            text = _text(v, t)
            out[k] = _READ[t](text) if text else ""  # networkx reads an empty element as "", whatever its type
        return out

    H = nx.Graph()
    H.graph.update({"node_default": {}, "edge_default": {}})
    for kind, name, d in records:
        if kind == "node":
            H.add_node(name, **typed(d, "node"))
        else:
            H.add_edge(*name, **typed(d, "edge"))
    H.graph.update(typed(graph_data, "graph"))
    return H


def graphml_bytes(G: nx.Graph) -> bytes:
    """The graph as GraphML bytes (see write_graphml)."""
    buf = io.BytesIO()
    _write(G, buf)
    return buf.getvalue()


def write_graphml(G: nx.Graph, path: str | Path) -> Path:
    """Write G as GraphML (atomically, streamed) and return the path."""
    with atomic_write(path, "wb") as f:
        _write(G, f)
    return Path(path)
