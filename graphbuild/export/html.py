"""HTML export: a self-contained offline explorer page (our template, our data, vis-network inlined).

What pyvis is used for: the vis-network 9.1.2 build it ships (``vis-network.min.js`` and its CSS,
inside the pyvis package). Inlining those files is what lets the page open with no network. The
page's records and its template are our own, and pyvis's ``Network`` is not used: its
``add_edge`` scans every edge already added (quadratic: minutes at 20,000 ties), its template
loads assets from a CDN or from files beside the page, and it has no evidence or search panels.
The package is found without importing it (importing pyvis imports IPython).
"""

from __future__ import annotations

import importlib.util
import json
import math
from importlib import resources
from pathlib import Path

import networkx as nx

from ..errors import GraphbuildError
from ..evidence import evidence_of
from ..layout import induced_subgraph, layout, node_sizes, to_screen, type_color
from ..text import no_surrogates
from ..timeline import is_dated, parse_counts, period_end
from .files import atomic_write

__all__ = ["write_html", "render_html", "select_subgraph", "DEFAULT_MAX_NODES"]

#: Above this many nodes the page shows the strongest part (by weighted degree) and says so.
DEFAULT_MAX_NODES = 5000
COMMUNITY_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
                    "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39",
                    "#7b4173", "#3182bd", "#e6550d", "#31a354", "#756bb1", "#636363"]


def select_subgraph(G: nx.Graph, max_nodes: int = DEFAULT_MAX_NODES, min_weight: float = 1,
                    types=None, focus: str | None = None, depth: int = 1) -> nx.Graph:
    """The part of G a page shows: ties of at least ``min_weight``, chosen types, an ego network
    around ``focus`` (a node id) of radius ``depth``, then at most ``max_nodes`` nodes, strongest
    (by weighted degree) first."""
    H = nx.Graph()
    H.graph.update(G.graph)
    keep_types = {t.upper() for t in types} if types else None
    for n, d in G.nodes(data=True):
        if keep_types is None or d.get("type") in keep_types:
            H.add_node(n, **d)
    for u, v, d in G.edges(data=True):
        if u in H and v in H and float(d.get("weight", 1)) >= min_weight:
            H.add_edge(u, v, **d)
    if focus is not None:
        H = induced_subgraph(H, nx.ego_graph(H, focus, radius=depth).nodes)
    if H.number_of_nodes() > max_nodes:
        strength = dict(H.degree(weight="weight"))
        top = sorted(H.nodes, key=lambda n: (-strength[n], n))[:max_nodes]
        H = induced_subgraph(H, top)
    H.graph["complete"] = H.number_of_nodes() == G.number_of_nodes() and H.number_of_edges() == G.number_of_edges()
    H.graph["omitted_nodes"] = G.number_of_nodes() - H.number_of_nodes()
    H.graph["omitted_edges"] = G.number_of_edges() - H.number_of_edges()
    return H


def _selection(G: nx.Graph, H: nx.Graph, max_nodes: int, min_weight: float, types, focus, depth: int) -> str:
    """What part of G the page shows, in words ("" when it shows all of it)."""
    if H.graph.get("omitted_nodes", 0) <= 0 and H.graph.get("omitted_edges", 0) <= 0:
        return ""
    parts = []
    if focus is not None:
        label = G.nodes[focus].get("label", focus)
        parts.append(f"{label} and the entities within {depth} tie{'s' if depth != 1 else ''}")
    if types:
        parts.append("types " + ", ".join(sorted({str(t).upper() for t in types})))
    if min_weight > 1:
        parts.append(f"ties of weight {min_weight:g} or more")
    if H.number_of_nodes() >= max_nodes:
        parts.append(f"the {max_nodes:,} strongest entities (by weighted degree)")
    return "; ".join(parts) or "the strongest part"


def _vis_asset(name: str) -> str:
    """A file of the vis-network build inside the pyvis package (found, not imported)."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise GraphbuildError("the pyvis package is missing (it ships the page's vis-network): "
                              "pip install graphbuild again")
    return Path(list(spec.submodule_search_locations)[0], "lib", "vis-9.1.2", name).read_text("utf-8")


def _time_axis(G: nx.Graph, H: nx.Graph) -> dict | None:
    """The page's time control: every period from the first to the last of H's entities (quiet ones
    too), and the documents G counts in each; None for a graph without dates."""
    import datetime as dt

    if not is_dated(G):
        return None
    seen = set()
    for _, text in H.nodes(data="periods"):
        seen.update(parse_counts(text))
    docs = {p: n for p, (n, _) in parse_counts(G.graph.get("document_periods")).items()}
    seen.update(docs)
    if not seen:
        return None
    period, starts, p = G.graph["period"], [], min(seen)
    while p <= max(seen):
        starts.append(p)
        p = period_end(p, period) + dt.timedelta(1)
    return {"period": period, "starts": [p.isoformat() for p in starts], "documents": [docs.get(p, 0) for p in starts],
            "undated": int(G.graph.get("undated_documents", 0))}


def _indexed(text, slot: dict) -> list[list[int]]:
    """A ``periods`` text as ``[[index of the period on the time axis, weight], ...]``."""
    return [[slot[p.isoformat()], w] for p, (w, _) in parse_counts(text).items() if p.isoformat() in slot]


def _network_data(H: nx.Graph, pos: dict, time: dict | None = None) -> tuple[list[dict], list[dict]]:
    """Nodes and edges as vis-network records, in id order (with their weight per period of ``time``)."""
    nodes, edges = [], []
    slot = {p: i for i, p in enumerate(time["starts"])} if time else {}
    sizes = node_sizes(H)
    for n, d in sorted(H.nodes(data=True)):
        x, y = pos.get(n, (0.0, 0.0))
        t = str(d.get("type", ""))
        # title is plain text: vis-network shows it as text, never as HTML
        title = f"{d.get('label', n)} ({t})\n{d.get('mentions', 0)} mentions in {d.get('documents', 0)} documents"
        nodes.append({
            "id": n, "label": str(d.get("label", n)), "title": title, "shape": "dot",
            "x": round(x, 2), "y": round(y, 2), "size": sizes[n],
            "color": type_color(t), "type": t, "community": int(d.get("community", 0) or 0),
            "aliases": str(d.get("aliases", "")), "mentions": int(d.get("mentions", 0) or 0),
            **({"coref_mentions": int(d["coref_mentions"] or 0)} if "coref_mentions" in d else {}),
            "documents": int(d.get("documents", 0) or 0),
            "measures": {k: d[k] for k in ("degree", "weighted_degree", "betweenness", "pagerank", "eigenvector")
                         if k in d},
            **({"periods": _indexed(d.get("periods"), slot), "first_date": d.get("first_date", ""),
                "last_date": d.get("last_date", "")} if time else {}),
        })
    hiw = max([float(d.get("weight", 1)) for _, _, d in H.edges(data=True)] or [1.0])
    ordered = sorted(((min(u, v), max(u, v), d) for u, v, d in H.edges(data=True)), key=lambda e: (e[0], e[1]))
    for i, (u, v, d) in enumerate(ordered):
        w = float(d.get("weight", 1))
        evidence = evidence_of(d)
        edges.append({
            "id": f"e{i}", "from": u, "to": v, "weight": w,
            "width": round(1 + 7 * math.sqrt(w / hiw), 2),
            "title": f"{H.nodes[u].get('label', u)} – {H.nodes[v].get('label', v)}: {w:g} shared windows",
            "documents": int(d.get("documents", 0) or 0), "npmi": d.get("npmi", 0), "evidence": evidence,
            **({"periods": _indexed(d.get("periods"), slot)} if time else {}),
        })
    return nodes, edges


def render_html(G: nx.Graph, title: str = "graphbuild", max_nodes: int = DEFAULT_MAX_NODES,
                min_weight: float = 1, types=None, focus: str | None = None, depth: int = 1) -> str:
    """The explorer page for G as one self-contained HTML string."""
    import jinja2

    H = select_subgraph(G, max_nodes=max_nodes, min_weight=min_weight, types=types, focus=focus, depth=depth)
    if H.graph["complete"] and all("x" in d and "y" in d for _, d in H.nodes(data=True)):
        pos = {n: to_screen(d) for n, d in H.nodes(data=True)}  # the build's layout (or Gephi's)
    else:  # a part of the graph: laid out for what is shown
        pos = layout(H)
    time = _time_axis(G, H)
    nodes, edges = _network_data(H, pos, time)
    types_present = sorted({n["type"] for n in nodes})
    data = {
        "title": title, "nodes": nodes, "edges": edges,
        "types": [{"type": t, "color": type_color(t)} for t in types_present],
        "community_colors": COMMUNITY_COLORS,
        "selection": _selection(G, H, max_nodes, min_weight, types, focus, depth),
        "omitted_nodes": int(H.graph.get("omitted_nodes", 0)),
        "omitted_edges": int(H.graph.get("omitted_edges", 0)),
        "total_nodes": G.number_of_nodes(), "total_edges": G.number_of_edges(),
        "physics": False,  # the page opens on the build's layout; its Physics button starts a live one
        "window": str(G.graph.get("window", "")),
        "time": time,
    }
    payload = no_surrogates(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")))
    # inside <script type="application/json"> only "</" could end the element early
    payload = payload.replace("</", "<\\/").replace("<!--", "<\\!--")
    tpl = resources.files("graphbuild.templates").joinpath("explorer.html").read_text("utf-8")
    env = jinja2.Environment(autoescape=True)
    return env.from_string(tpl).render(
        title=no_surrogates(title), payload=jinja2.utils.markupsafe.Markup(payload),
        vis_js=jinja2.utils.markupsafe.Markup(_vis_asset("vis-network.min.js").replace("</script", "<\\/script")),
        vis_css=jinja2.utils.markupsafe.Markup(_vis_asset("vis-network.css")),
    )


def write_html(G: nx.Graph, path: str | Path, title: str = "graphbuild", **kwargs) -> Path:
    """Write the explorer page for G to ``path`` (atomically; nothing else is written)."""
    html = render_html(G, title=title, **kwargs)
    with atomic_write(path, "w", newline="\n") as f:
        f.write(html)
    return Path(path)
