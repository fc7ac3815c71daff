"""GEXF 1.3 export (Gephi's own format) with viz colour, size and position; valid against the spec."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from .. import __version__
from ..text import xml_safe
from ..timeline import is_dated, parse_counts, period_end, period_start
from .files import atomic_write

__all__ = ["gexf_bytes", "write_gexf"]

NS = "http://gexf.net/1.3"
VIZ = "http://gexf.net/1.3/viz"
_VIZ_KEYS = {"x", "y", "size", "color", "viz"}
#: The id of the dynamic weight attribute of a dated graph's ties (its title is "weight").
DYNAMIC_WEIGHT = "weight_in_period"


def _kind(v) -> str | None:
    if v is None or isinstance(v, (dict, list)):
        return None
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int):
        return "long"
    if isinstance(v, float):
        return "double"
    return "string"


def _gexf_type(kinds: set) -> str:
    if kinds == {"boolean"}:
        return "boolean"
    if kinds == {"long"}:
        return "long"
    if kinds <= {"long", "double"}:
        return "double"
    return "string"


def _fmt(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return repr(v)
    return xml_safe(str(v))


def _columns(records, skip: set) -> list[tuple[str, str]]:
    """(attribute, GEXF type) of every scalar attribute in ``records``, in first-seen order."""
    kinds: dict[str, set] = {}
    for d in records:
        for k, v in d.items():
            if k not in skip and (kind := _kind(v)) is not None:
                kinds.setdefault(k, set()).add(kind)
    return [(k, _gexf_type(ks)) for k, ks in kinds.items()]


def _rgb(color: str) -> tuple[int, int, int]:
    c = color.lstrip("#")
    if len(c) != 6:
        c = "969696"
    try:
        return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)
    except ValueError:
        return 150, 150, 150


def _spans(d: dict, period: str) -> list[tuple[str, str, int]]:
    """``(first day, last day, weight)`` of each period of a node or tie (see timeline.py)."""
    counts = parse_counts(d.get("periods"))
    return [(p.isoformat(), period_end(p, period).isoformat(), w) for p, (w, _) in counts.items()]


def _spells(spans) -> list[tuple[str, str]]:
    """The spans joined where one period follows the other."""
    out: list[list[str]] = []
    for start, end, _ in spans:
        if out and dt.date.fromisoformat(out[-1][1]) + dt.timedelta(1) == dt.date.fromisoformat(start):
            out[-1][1] = end
        else:
            out.append([start, end])
    return [(a, b) for a, b in out]


def _write_spells(w, spans, indent: str) -> None:
    if spans:
        w(f"{indent}<spells>\n")
        for a, b in _spells(spans):
            w(f'{indent}  <spell start="{a}" end="{b}"/>\n')
        w(f"{indent}</spells>\n")


def _write_head(w, G: nx.Graph, description: str, period: str | None, ncols, ecols) -> None:
    """The GEXF up to the nodes: meta, the graph element (with its interval when ``period``) and the
    attribute declarations."""
    q = quoteattr
    w("<?xml version='1.0' encoding='UTF-8'?>\n")
    w(f'<gexf xmlns="{NS}" xmlns:viz="{VIZ}" version="1.3">\n')
    w(f"  <meta>\n    <creator>graphbuild {__version__}</creator>\n")
    if description:
        w(f"    <description>{escape(xml_safe(description))}</description>\n")
    w("  </meta>\n")
    if period:  # the graph's interval: from the first day of its first period to the last of its last
        first = period_start(dt.date.fromisoformat(G.graph["first_date"]), period)
        last = period_end(period_start(dt.date.fromisoformat(G.graph["last_date"]), period), period)
        w(f'  <graph defaultedgetype="undirected" mode="dynamic" timeformat="date" timerepresentation="interval" '
          f'start="{first}" end="{last}">\n')
    else:
        w('  <graph defaultedgetype="undirected" mode="static">\n')
    for cls, cols in (("node", ncols), ("edge", ecols)):
        if cols:
            w(f'    <attributes class="{cls}" mode="static">\n')
            for k, t in cols:
                w(f'      <attribute id={q(xml_safe(k))} title={q(xml_safe(k))} type="{t}"/>\n')
            w("    </attributes>\n")
    if period:
        w('    <attributes class="edge" mode="dynamic">\n'
          f'      <attribute id="{DYNAMIC_WEIGHT}" title="weight" type="double"/>\n    </attributes>\n')


def _write(G: nx.Graph, fh, description: str) -> None:
    """Stream G as GEXF 1.3 into the binary file ``fh`` (no tree in memory): node attributes as
    attvalues, x/y/size/color as viz elements; nodes and edges sorted by id. A dated graph (see
    timeline.py) is dynamic: every node and tie has the spells of the periods it is seen in, and a
    tie its weight in each period (the attribute titled "weight", which Gephi reads as the dynamic
    weight), so that Gephi's Timeline plays it."""
    out = io.TextIOWrapper(fh, encoding="utf-8", newline="\n", write_through=False)
    w = out.write
    q = quoteattr
    nodes = sorted(G.nodes, key=str)
    edges = sorted(G.edges, key=lambda e: (str(e[0]), str(e[1])))
    ncols = _columns((d for _, d in G.nodes(data=True)), _VIZ_KEYS | {"label"})
    ecols = _columns((d for _, _, d in G.edges(data=True)), {"weight", "id", "label"})
    period = G.graph["period"] if is_dated(G) else None
    _write_head(w, G, description, period, ncols, ecols)

    def attvalues(d: dict, cols, indent: str) -> None:
        vals = [(k, d[k]) for k, _ in cols if d.get(k) is not None]
        if vals:
            w(f"{indent}<attvalues>\n")
            for k, v in vals:
                w(f"{indent}  <attvalue for={q(xml_safe(k))} value={q(_fmt(v))}/>\n")
            w(f"{indent}</attvalues>\n")

    w(f'    <nodes count="{len(nodes)}">\n')
    for n in nodes:
        d = G.nodes[n]
        w(f"      <node id={q(xml_safe(str(n)))} label={q(_fmt(d.get('label', n)))}>\n")
        attvalues(d, ncols, "        ")
        if period:
            _write_spells(w, _spans(d, period), "        ")
        if "color" in d:
            r, g, b = _rgb(str(d["color"]))
            w(f'        <viz:color r="{r}" g="{g}" b="{b}"/>\n')
        if "x" in d and "y" in d:
            w(f'        <viz:position x="{_fmt(float(d["x"]))}" y="{_fmt(float(d["y"]))}" z="0.0"/>\n')
        if "size" in d:
            w(f'        <viz:size value="{_fmt(float(d["size"]))}"/>\n')
        w("      </node>\n")
    w("    </nodes>\n")
    w(f'    <edges count="{len(edges)}">\n')
    for i, (u, v) in enumerate(edges):
        d = G.edges[u, v]
        w(f'      <edge id="{i}" source={q(xml_safe(str(u)))} target={q(xml_safe(str(v)))} '
          f'weight="{_fmt(float(d.get("weight", 1)))}">\n')
        spans = _spans(d, period) if period else []
        if spans:
            vals = [(k, d[k]) for k, _ in ecols if d.get(k) is not None]
            w("        <attvalues>\n")
            for k, v in vals:
                w(f"          <attvalue for={q(xml_safe(k))} value={q(_fmt(v))}/>\n")
            for a, b, x in spans:
                w(f'          <attvalue for="{DYNAMIC_WEIGHT}" value="{_fmt(float(x))}" start="{a}" end="{b}"/>\n')
            w("        </attvalues>\n")
            _write_spells(w, spans, "        ")
        else:
            attvalues(d, ecols, "        ")
        w("      </edge>\n")
    w("    </edges>\n  </graph>\n</gexf>\n")
    out.flush()
    out.detach()


def gexf_bytes(G: nx.Graph, description: str = "") -> bytes:
    """The graph as GEXF 1.3 bytes (see write_gexf)."""
    buf = io.BytesIO()
    _write(G, buf, description)
    return buf.getvalue()


def write_gexf(G: nx.Graph, path, description: str = "") -> Path:
    """Write G as GEXF 1.3 (atomically, streamed) and return the path."""
    with atomic_write(path, "wb") as f:
        _write(G, f, description)
    return Path(path)
