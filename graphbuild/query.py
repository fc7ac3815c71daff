"""Queries on a graph: load any GraphML/GEXF/JSON, find entities by alias, neighbours, paths, communities."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from .analysis import louvain
from .errors import InputError
from .text import match_key

__all__ = ["load_graph", "find_node", "neighbors", "strongest_path", "communities", "first_sentence"]


def load_graph(path: str | Path) -> nx.Graph:
    """Read a GraphML (ours, Gephi's, anyone's), GEXF or node-link JSON file as an undirected graph.

    Parallel and reciprocal edges are merged, their weights summed (as Gephi does); a missing
    ``weight`` counts as 1 and a missing ``label`` is the node id; ``evidence`` is JSON text whatever
    the format (node-link JSON holds it as a list).
    """
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such graph file (build one with `graphbuild build`)")
    suffix = p.suffix.lower()
    try:
        if suffix == ".gexf":
            G = nx.read_gexf(p)
        elif suffix == ".json":
            G = nx.node_link_graph(json.loads(p.read_text("utf-8")), edges="links")
        else:
            G = nx.read_graphml(p)
    except Exception as exc:  # parsers raise many kinds; the user needs the file and the reason
        kind = {".gexf": "GEXF", ".json": "node-link JSON"}.get(suffix, "GraphML")
        raise InputError(f"{path}: cannot read it as {kind} ({str(exc).splitlines()[0][:200]})") from None
    H = nx.Graph()
    H.graph.update(G.graph)
    for n, d in G.nodes(data=True):
        d = {k: v for k, v in d.items() if k != "viz"}
        d.setdefault("label", str(n))
        H.add_node(n, **d)
    for u, v, d in G.edges(data=True):
        if u == v:
            continue
        w = d.get("weight", 1)
        try:
            w = float(w)
        except (TypeError, ValueError):
            w = 1.0
        if isinstance(d.get("evidence"), list):  # node-link JSON holds it as a list, GraphML as JSON text
            d = {**d, "evidence": json.dumps(d["evidence"], ensure_ascii=False)}
        if H.has_edge(u, v):
            H[u][v]["weight"] += w
        else:
            H.add_edge(u, v, **{**d, "weight": w})
    for _, _, d in H.edges(data=True):
        if float(d["weight"]).is_integer():
            d["weight"] = int(d["weight"])
    return H


def _names(G: nx.Graph, n) -> list[str]:
    d = G.nodes[n]
    names = [str(d.get("label", n)), str(n)]
    if d.get("aliases"):
        names += [a for a in str(d["aliases"]).split(" | ") if a]
    return names


def find_node(G: nx.Graph, name: str):
    """The node whose id, label or alias is ``name`` (case, accents, dots and quotes ignored).

    An unknown name raises InputError with "did you mean" suggestions; a name shared by several
    entities raises InputError listing them.
    """
    if name in G:
        return name
    key = match_key(name)
    exact = [n for n in G if key in {match_key(x) for x in _names(G, n)}]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        listing = "; ".join(f"{G.nodes[n].get('label', n)} ({n})" for n in sorted(exact, key=str))
        raise InputError(f"'{name}' names several entities: {listing}. Use the id.")
    from rapidfuzz import fuzz, process

    choices = {}
    for n in G:
        for x in _names(G, n)[:1] + _names(G, n)[2:]:
            choices.setdefault(x, n)
    hits = process.extract(name, list(choices), scorer=fuzz.WRatio, limit=12, score_cutoff=60)
    seen, sugg = set(), []
    for text, _score, _ in hits:
        n = choices[text]
        if n not in seen:
            seen.add(n)
            sugg.append(str(G.nodes[n].get("label", n)))
    hint = f" Did you mean: {', '.join(sugg[:5])}?" if sugg else ""
    raise InputError(f"no entity named '{name}' in the graph.{hint}")


def first_sentence(d: dict, limit: int = 160) -> tuple[str, str]:
    """(doc, text) of an edge's first evidence record, text on one line and cut to ``limit``."""
    try:
        ev = json.loads(d.get("evidence") or "[]")
    except (ValueError, TypeError):
        ev = []
    if not ev:
        return "", ""
    text = " ".join(str(ev[0].get("text", "")).split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return str(ev[0].get("doc", "")), text


def _evidence_count(d: dict) -> int:
    try:
        return len(json.loads(d.get("evidence") or "[]"))
    except (ValueError, TypeError):
        return 0


def neighbors(G: nx.Graph, node) -> list[dict]:
    """The ties of ``node``, strongest first, each with its evidence count and one sentence."""
    rows = []
    for other in G[node]:
        d = G[node][other]
        doc, text = first_sentence(d)
        rows.append({"id": other, "label": G.nodes[other].get("label", other), "type": G.nodes[other].get("type", ""),
                     "weight": d.get("weight", 1), "documents": d.get("documents", ""),
                     "evidence": _evidence_count(d), "doc": doc, "sentence": text})
    rows.sort(key=lambda r: (-float(r["weight"]), str(r["label"])))
    return rows


def strongest_path(G: nx.Graph, a, b) -> list[dict]:
    """The shortest path from a to b with distance = 1/weight (strong ties are short), one row a hop."""
    from .analysis import with_distance

    H = with_distance(G)
    try:
        path = nx.shortest_path(H, a, b, weight="distance")
    except nx.NetworkXNoPath:
        la, lb = G.nodes[a].get("label", a), G.nodes[b].get("label", b)
        raise InputError(f"no path between {la} and {lb}: they are in different parts of the graph") from None
    rows = []
    for u, v in zip(path, path[1:]):
        d = G[u][v]
        doc, text = first_sentence(d)
        rows.append({"from": G.nodes[u].get("label", u), "to": G.nodes[v].get("label", v),
                     "weight": d.get("weight", 1), "doc": doc, "sentence": text})
    return rows


def communities(G: nx.Graph, top: int = 8, seed: int = 42) -> list[dict]:
    """Communities (the graph's ``community`` attribute, else Louvain with a fixed seed), largest
    first, each with its most central members (PageRank)."""
    if G.number_of_nodes() and all("community" in d for _, d in G.nodes(data=True)):
        groups: dict = {}
        for n, c in G.nodes(data="community"):
            groups.setdefault(c, set()).add(n)
        comms = list(groups.values())
    else:
        comms = louvain(G, seed)
    pr = nx.pagerank(G, weight="weight") if G.number_of_edges() else {n: 0.0 for n in G}
    comms = sorted(comms, key=lambda c: (-len(c), min(map(str, c))))
    out = []
    for i, c in enumerate(comms):
        members = sorted(c, key=lambda n: (-pr.get(n, 0), str(n)))
        out.append({"community": i, "size": len(c),
                    "members": [{"id": n, "label": G.nodes[n].get("label", n), "type": G.nodes[n].get("type", ""),
                                 "pagerank": pr.get(n, 0.0)} for n in members[:top]]})
    return out
