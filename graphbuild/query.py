"""Queries on a graph: load any GraphML/GEXF/JSON, find entities by alias, neighbours, paths, communities."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from .analysis import Measures, louvain, measures, ordered_communities
from .errors import InputError
from .evidence import dump_evidence, evidence_of
from .meta import META_KEYS
from .text import match_key

__all__ = ["load_graph", "find_node", "neighbors", "strongest_path", "communities", "first_sentence",
           "first_evidence", "ranking", "entity_rows"]


def load_graph(path: str | Path) -> nx.Graph:
    """Read a GraphML (ours, Gephi's, anyone's), GEXF or node-link JSON file as an undirected graph.

    Parallel and reciprocal edges are merged, their weights summed (as Gephi does); a missing
    ``weight`` counts as 1 and a missing ``label`` is the node id; ``evidence`` is JSON text whatever
    the format (node-link JSON holds it as a list).

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp(), "g.graphml")
    >>> nx.write_graphml(nx.MultiGraph([("a", "b"), ("b", "a"), ("b", "c")]), path)
    >>> G = load_graph(path)
    >>> G["a"]["b"]["weight"], G.nodes["c"]["label"]
    (2, 'c')
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
            d = {**d, "evidence": dump_evidence(evidence_of(d))}
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

    >>> G = nx.Graph()
    >>> G.add_node("org:kh", label="Kata'ib Hezbollah", aliases="Kata'ib Hezbollah | KH")
    >>> find_node(G, "KATA’IB HEZBOLLAH"), find_node(G, "kh")
    ('org:kh', 'org:kh')
    >>> find_node(G, "Katib Hezbolah")
    Traceback (most recent call last):
    ...
    graphbuild.errors.InputError: no entity named 'Katib Hezbolah' in the graph. Did you mean: Kata'ib Hezbollah?
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


def first_evidence(d: dict, limit: int = 160) -> dict:
    """The ``doc`` and ``sentence`` (on one line, cut to ``limit``) of an edge's first evidence record,
    with its document's title, date, url and source (those it has).

    >>> first_evidence({"evidence": '[{"doc": "a.txt", "start": 0, "end": 20, "text": "Ali met  Bo in Rome.", '
    ...                             '"date": "2024-01-31"}]'})
    {'doc': 'a.txt', 'sentence': 'Ali met Bo in Rome.', 'date': '2024-01-31'}
    """
    ev = evidence_of(d)
    if not ev:
        return {"doc": "", "sentence": ""}
    text = " ".join(str(ev[0].get("text", "")).split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return {"doc": str(ev[0].get("doc", "")), "sentence": text,
            **{k: str(ev[0][k]) for k in META_KEYS if ev[0].get(k) not in (None, "")}}


def first_sentence(d: dict, limit: int = 160) -> tuple[str, str]:
    """(doc, text) of an edge's first evidence record, text on one line and cut to ``limit``.

    >>> first_sentence({"evidence": '[{"doc": "a.txt", "start": 0, "end": 20, "text": "Ali met  Bo in Rome."}]'})
    ('a.txt', 'Ali met Bo in Rome.')
    """
    first = first_evidence(d, limit)
    return first["doc"], first["sentence"]


def neighbors(G: nx.Graph, node) -> list[dict]:
    """The ties of ``node``, strongest first, each with its evidence count and one sentence (with its
    document's metadata: see first_evidence).

    >>> G = nx.Graph([("a", "b", {"weight": 1}), ("a", "c", {"weight": 3})])
    >>> [(r["id"], r["weight"], r["evidence"]) for r in neighbors(G, "a")]
    [('c', 3, 0), ('b', 1, 0)]
    """
    rows = []
    for other in G[node]:
        d = G[node][other]
        rows.append({"id": other, "label": G.nodes[other].get("label", other), "type": G.nodes[other].get("type", ""),
                     "weight": d.get("weight", 1), "documents": d.get("documents", ""),
                     "evidence": len(evidence_of(d)), **first_evidence(d)})
    rows.sort(key=lambda r: (-float(r["weight"]), str(r["label"])))
    return rows


def strongest_path(G: nx.Graph, a, b) -> list[dict]:
    """The shortest path from a to b with distance = 1/weight (strong ties are short), one row a hop,
    each with one sentence (and its document's metadata: see first_evidence).

    >>> G = nx.Graph([("a", "b", {"weight": 1}), ("a", "c", {"weight": 5}), ("c", "b", {"weight": 5})])
    >>> [(r["from"], r["to"]) for r in strongest_path(G, "a", "b")]  # 1/5 + 1/5 is shorter than 1/1
    [('a', 'c'), ('c', 'b')]
    """
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
        rows.append({"from": G.nodes[u].get("label", u), "to": G.nodes[v].get("label", v),
                     "weight": d.get("weight", 1), **first_evidence(d)})
    return rows


def communities(G: nx.Graph, top: int = 8, seed: int = 42) -> list[dict]:
    """Communities (the graph's ``community`` attribute, else Louvain with a fixed seed), largest
    first, each with its most central members (PageRank).

    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y")])
    >>> [(c["community"], c["size"], [m["id"] for m in c["members"]]) for c in communities(G, top=2)]
    [(0, 3, ['a', 'b']), (1, 2, ['x', 'y'])]
    """
    if G.number_of_nodes() and all("community" in d for _, d in G.nodes(data=True)):
        groups: dict = {}
        for n, c in G.nodes(data="community"):
            groups.setdefault(c, set()).add(n)
        comms = list(groups.values())
    else:
        comms = louvain(G, seed)
    pr = measures(G, ["pagerank"]).values["pagerank"]
    out = []
    for i, c in enumerate(ordered_communities(comms)):
        members = sorted(c, key=lambda n: (-pr.get(n, 0), str(n)))
        out.append({"community": i, "size": len(c),
                    "members": [{"id": n, "label": G.nodes[n].get("label", n), "type": G.nodes[n].get("type", ""),
                                 "pagerank": pr.get(n, 0.0)} for n in members[:top]]})
    return out


def _of_types(G: nx.Graph, types) -> list:
    want = {str(t).upper() for t in types or ()}
    return [n for n, t in G.nodes(data="type") if not want or str(t or "").upper() in want]


def ranking(G: nx.Graph, names, top: int = 20, types=(), exact: bool = False) -> tuple[list[dict], Measures]:
    """Entities ranked by the measures ``names`` (highest first on the first one, then by label),
    1-based ``rank``, at most ``top`` rows (0: all), only ``types`` if given; and the measures (for
    the names of the sampled ones). Measures are computed on the whole graph, then filtered.

    >>> G = nx.Graph([("a", "b"), ("b", "c")])
    >>> rows, m = ranking(G, ["degree"], top=2)
    >>> [(r["rank"], r["id"], r["degree"]) for r in rows]
    [(1, 'b', 1.0), (2, 'a', 0.5)]
    """
    m = measures(G, names, exact)
    rows = [{"id": n, "label": G.nodes[n].get("label", n), "type": G.nodes[n].get("type", ""),
             **{k: m.values[k][n] for k in names}} for n in _of_types(G, types)]
    rows.sort(key=lambda r: (-r[names[0]], str(r["label"])))
    if top:
        rows = rows[:top]
    for i, r in enumerate(rows, 1):
        r["rank"] = i
    return rows, m


def entity_rows(G: nx.Graph, types=(), min_mentions: int = 1) -> list[dict]:
    """The entities of G, most mentioned first (then by label): id, label, type, mentions,
    documents and aliases; an entity with fewer than ``min_mentions`` mentions is left out (a graph
    without mention counts keeps every entity).

    >>> G = nx.Graph()
    >>> G.add_node("p:a", label="Ann Lee", type="PERSON", mentions=3, documents=2, aliases="Ann Lee | Lee")
    >>> G.add_node("p:b", label="Bo", type="PERSON", mentions=1, documents=1)
    >>> [r["label"] for r in entity_rows(G, min_mentions=2)]
    ['Ann Lee']
    """
    rows = []
    for n in _of_types(G, types):
        d = G.nodes[n]
        m = int(d.get("mentions", 0) or 0)
        if m < min_mentions and "mentions" in d:
            continue
        rows.append({"id": n, "label": d.get("label", n), "type": d.get("type", ""), "mentions": m,
                     "documents": int(d.get("documents", 0) or 0), "aliases": d.get("aliases", "")})
    rows.sort(key=lambda r: (-r["mentions"], str(r["label"])))
    return rows
