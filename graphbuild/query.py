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

__all__ = ["load_graph", "read_graph_file", "simple_graph", "GraphFile", "node_keys", "find_node", "check_types",
           "neighbors", "path_nodes", "path_rows", "strongest_path", "communities", "evidence_row", "shorten",
           "ranking", "entity_rows", "timeline_rows", "compare_rows"]


def read_graph_file(path: str | Path) -> nx.Graph:
    """Parse a GraphML (ours, Gephi's, anyone's), GEXF or node-link JSON file as networkx reads it."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{path}: no such graph file (build one with `graphbuild build`)")
    suffix = p.suffix.lower()
    try:
        if suffix == ".gexf":
            return nx.read_gexf(p)
        if suffix == ".json":
            return nx.node_link_graph(json.loads(p.read_text("utf-8")), edges="links")
        return nx.read_graphml(p)
    except Exception as exc:  # parsers raise many kinds; the user needs the file and the reason
        kind = {".gexf": "GEXF", ".json": "node-link JSON"}.get(suffix, "GraphML")
        raise InputError(f"{path}: cannot read it as {kind} ({str(exc).splitlines()[0][:200]})") from None


def simple_graph(G: nx.Graph) -> nx.Graph:
    """G as the queries see it: undirected, parallel and reciprocal edges merged with their weights
    summed (as Gephi does), self-loops left out, a missing ``weight`` counted as 1 (whole weights as
    int), a missing ``label`` the node id, ``evidence`` as JSON text (node-link JSON holds a list)."""
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


def load_graph(path: str | Path) -> nx.Graph:
    """Read a GraphML (ours, Gephi's, anyone's), GEXF or node-link JSON file as an undirected graph
    (see simple_graph), from the build's index when it matches the file (see GraphFile).

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
    return GraphFile(path).graph()


#: The node attributes the query functions of this module read (and the CLI's commands but html):
#: all a query graph from the index carries (see GraphFile.graph).
QUERY_ATTRIBUTES = ("label", "type", "aliases", "mentions", "documents", "community", "first_date", "last_date",
                    "periods")


class GraphFile:
    """A graph file opened for queries: answered from the index the build wrote beside it
    (``graph.index.sqlite``, see graphbuild/graphindex.py) when that index was made for this very
    file, else from the file itself, read whole once. The answers are the same either way.

    A query asks for what it needs: ``graph("none")`` (entities: node rows only), then
    :meth:`add_ties` (neighbors: one node's ties), ``graph("weights")`` then :meth:`add_edge_values`
    (path: the weights, then the evidence of the hops), :meth:`measures` (report). Without an index,
    ``graph`` gives the whole graph whatever it is asked, and the others add nothing.
    """

    def __init__(self, path: str | Path):
        from .graphindex import GraphIndex

        self.path = Path(path)
        if not self.path.exists():
            raise InputError(f"{path}: no such graph file (build one with `graphbuild build`)")
        self.index = GraphIndex.open(self.path)
        self._whole: nx.Graph | None = None

    def graph(self, edges: str = "all") -> nx.Graph:
        """The graph with every tie and value (``"all"``); from an index, with ties carrying only
        their weight (``"weights"``) or no ties (``"none"``), and nodes carrying only the
        QUERY_ATTRIBUTES."""
        if self.index is not None:
            return self.index.graph(edges, None if edges == "all" else QUERY_ATTRIBUTES)
        if self._whole is None:
            self._whole = simple_graph(read_graph_file(self.path))
        return self._whole

    @property
    def in_order(self) -> bool:
        """True when graph() lists every node's ties in G.edges() order (see path_nodes)."""
        return self.index is not None

    def add_ties(self, G: nx.Graph, node) -> None:
        """Give G every tie of ``node`` with all its values (G from graph("none"))."""
        if self.index is not None:
            self.index.add_ties(G, node)

    def add_edge_values(self, G: nx.Graph, pairs) -> None:
        """Give the ties ``pairs`` of G (from graph("weights")) all their values."""
        if self.index is not None:
            self.index.add_edge_values(G, pairs)

    def name_keys(self) -> dict | None:
        """The match keys of every node's names (see find_node), when the index has them."""
        return self.index.name_keys() if self.index is not None else None

    def measures(self, names, exact: bool = False) -> Measures | None:
        """The measures ``names`` as :func:`analysis.measures` computes them on this graph, from the
        index (the build computed them on the graph as this file holds it, sampled as a report
        samples them); None when the index has not got them all or ``exact`` asks for others."""
        if self.index is None:
            return None
        values, sampled = self.index.measures()
        if any(m not in values for m in names) or (exact and any(m in sampled for m in names)):
            return None
        return Measures({m: values[m] for m in names}, [m for m in names if m in sampled])


def _names(G: nx.Graph, n) -> list[str]:
    d = G.nodes[n]
    names = [str(d.get("label", n)), str(n)]
    if d.get("aliases"):
        names += [a for a in str(d["aliases"]).split(" | ") if a]
    return names


def _ranked(G: nx.Graph, nodes) -> list:
    """Nodes most mentioned first (then by label), for listings a user picks from."""
    return sorted(nodes, key=lambda n: (-int(G.nodes[n].get("mentions", 0) or 0), str(G.nodes[n].get("label", n))))


def _listing(G: nx.Graph, nodes, limit: int = 8) -> str:
    shown = _ranked(G, nodes)[:limit]
    more = f"; and {len(nodes) - limit} more" if len(nodes) > limit else ""
    return "; ".join(f"{G.nodes[n].get('label', n)} ({n})" for n in shown) + more


#: How a name is looked up, in order: a whole name, the end of a name (a surname: "Putin" for
#: "Vladimir Putin"), then any run of whole words of a name ("Hezbollah" for "Lebanese Hezbollah").
_LOOKUPS = (
    ("exact", lambda key, k: k == key),
    ("end of a name", lambda key, k: k.endswith(" " + key)),
    ("words of a name", lambda key, k: f" {key} " in f" {k} "),
)


def node_keys(G: nx.Graph) -> dict:
    """``{node: {match key of its id, label and every alias}}``: what find_node compares a name with."""
    return {n: {match_key(x) for x in _names(G, n)} for n in G}


def find_node(G: nx.Graph, name: str, keys: dict | None = None):
    """The node whose id, label or alias is ``name`` (case, accents, dots and quotes ignored); else
    the one node with a name ending in ``name`` (a surname); else the one node with a name holding
    ``name`` as whole words.

    A name that fits several entities at the first step that finds any raises InputError listing
    them (most mentioned first); a name that fits none raises InputError with "did you mean"
    suggestions: names and words of names spelt alike. ``keys`` is node_keys(G), if known already.

    >>> G = nx.Graph()
    >>> G.add_node("org:kh", label="Kata'ib Hezbollah", aliases="Kata'ib Hezbollah | KH")
    >>> G.add_node("person:vp", label="Vladimir Putin")
    >>> find_node(G, "KATA’IB HEZBOLLAH"), find_node(G, "kh"), find_node(G, "putin"), find_node(G, "Hezbollah")
    ('org:kh', 'org:kh', 'person:vp', 'org:kh')
    >>> find_node(G, "Katib Hezbolah")
    Traceback (most recent call last):
    ...
    graphbuild.errors.InputError: no entity named 'Katib Hezbolah' in the graph. Did you mean: Kata'ib Hezbollah?
    """
    if name in G:
        return name
    key = match_key(name)
    if not key:
        raise InputError(f"'{name}' is not a name")
    keys = node_keys(G) if keys is None else keys
    for how, fits in _LOOKUPS:
        hits = [n for n in G if any(fits(key, k) for k in keys[n])]
        if len(hits) == 1:
            return hits[0]
        if hits:
            what = "names" if how == "exact" else f"is the {how} of"
            raise InputError(f"'{name}' {what} several entities: {_listing(G, hits)}. Use the full name or the id.")
    sugg = _suggestions(G, key, keys)
    hint = f" Did you mean: {', '.join(str(G.nodes[n].get('label', n)) for n in sugg)}?" if sugg else ""
    raise InputError(f"no entity named '{name}' in the graph.{hint}")


def _suggestions(G: nx.Graph, key: str, keys: dict, limit: int = 5) -> list:
    """Up to ``limit`` nodes with a name or a word of a name spelt like ``key`` (rapidfuzz ratio 75+,
    and within 15 of the closest), the closest first, then the most mentioned."""
    from rapidfuzz import fuzz, process

    choices: dict[str, set] = {}
    for n, ks in keys.items():
        for k in ks:
            for c in {k, *(w for w in k.split() if len(w) >= 3)}:
                choices.setdefault(c, set()).add(n)
    best: dict = {}
    for text, score, _ in process.extract(key, list(choices), scorer=fuzz.ratio, limit=50, score_cutoff=75):
        for n in choices[text]:
            best[n] = max(best.get(n, 0.0), score)
    top = max(best.values(), default=0.0)
    best = {n: v for n, v in best.items() if v >= top - 15}
    mentions = {n: int(G.nodes[n].get("mentions", 0) or 0) for n in best}
    return sorted(best, key=lambda n: (-best[n], -mentions[n], str(G.nodes[n].get("label", n))))[:limit]


def check_types(G: nx.Graph, types) -> tuple[str, ...]:
    """``types`` (names, or comma-separated names) upper-cased, each one a type some entity of G has;
    ValueError naming the graph's types otherwise.

    >>> G = nx.Graph()
    >>> G.add_node("a", type="PERSON")
    >>> check_types(G, ["person"])
    ('PERSON',)
    >>> check_types(G, ["FOO"])
    Traceback (most recent call last):
    ...
    ValueError: no entity of type 'FOO' in the graph; its types: PERSON
    """
    want = tuple(dict.fromkeys(t.strip().upper() for x in types or () for t in str(x).split(",") if t.strip()))
    have = {str(t or "").upper() for _, t in G.nodes(data="type")}
    for t in want:
        if t not in have:
            raise ValueError(f"no entity of type {t!r} in the graph; its types: {', '.join(sorted(have - {''}))}")
    return want


def evidence_row(d: dict) -> dict:
    """The first evidence record of an edge as row fields: ``doc``, ``start``, ``end`` and the whole
    ``sentence`` (as stored; the CLI's table shortens it), with its document's title, date, url and
    source (those it has); empty fields for an edge without any.

    >>> evidence_row({"evidence": '[{"doc": "a.txt", "start": 0, "end": 20, "text": "Ali met  Bo in Rome.", '
    ...                           '"date": "2024-01-31"}]'})
    {'doc': 'a.txt', 'start': 0, 'end': 20, 'sentence': 'Ali met  Bo in Rome.', 'date': '2024-01-31'}
    """
    ev = evidence_of(d)
    if not ev:
        return {"doc": "", "start": "", "end": "", "sentence": ""}
    r = ev[0]
    return {"doc": str(r.get("doc", "")), "start": r.get("start", ""), "end": r.get("end", ""),
            "sentence": str(r.get("text", "")),
            **{k: str(r[k]) for k in META_KEYS if r.get(k) not in (None, "")}}


def shorten(text: str, limit: int = 160) -> str:
    """``text`` on one line, cut to ``limit`` characters with "…" (for tables read on a terminal).

    >>> shorten("Ali met\\n Bo in Rome.", 10)
    'Ali met B…'
    """
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def neighbors(G: nx.Graph, node) -> list[dict]:
    """The ties of ``node``, strongest first, each with its evidence count and first evidence record.

    >>> G = nx.Graph([("a", "b", {"weight": 1}), ("a", "c", {"weight": 3})])
    >>> [(r["id"], r["weight"], r["evidence"]) for r in neighbors(G, "a")]
    [('c', 3, 0), ('b', 1, 0)]
    """
    rows = []
    for other in G[node]:
        d = G[node][other]
        rows.append({"id": other, "label": G.nodes[other].get("label", other), "type": G.nodes[other].get("type", ""),
                     "weight": d.get("weight", 1), "documents": d.get("documents", ""),
                     "evidence": len(evidence_of(d)), **evidence_row(d)})
    rows.sort(key=lambda r: (-float(r["weight"]), str(r["label"])))
    return rows


def path_nodes(G: nx.Graph, a, b, in_order: bool = False) -> list:
    """The nodes of the shortest path from a to b with distance = 1/weight (strong ties are short);
    InputError when there is none.

    The path is searched on with_distance(G), whose nodes list their ties in the order G.edges()
    gives them, which breaks ties between equally short paths. ``in_order`` says that G's nodes list
    their ties in that order already (true of a graph from the index: see export/index.py), so the
    search runs on G itself, the same steps without the copy."""
    from .analysis import tie_distance, with_distance

    try:
        if in_order:
            return nx.shortest_path(G, a, b, weight=tie_distance)
        return nx.shortest_path(with_distance(G), a, b, weight="distance")
    except nx.NetworkXNoPath:
        la, lb = G.nodes[a].get("label", a), G.nodes[b].get("label", b)
        raise InputError(f"no path between {la} and {lb}: they are in different parts of the graph") from None


def path_rows(G: nx.Graph, path: list) -> list[dict]:
    """One row a hop of ``path``: from, to, weight and one sentence (and its document's metadata:
    see evidence_row)."""
    rows = []
    for u, v in zip(path, path[1:]):
        d = G[u][v]
        rows.append({"from": G.nodes[u].get("label", u), "to": G.nodes[v].get("label", v),
                     "weight": d.get("weight", 1), **evidence_row(d)})
    return rows


def strongest_path(G: nx.Graph, a, b) -> list[dict]:
    """The shortest path from a to b with distance = 1/weight (strong ties are short), one row a hop.

    >>> G = nx.Graph([("a", "b", {"weight": 1}), ("a", "c", {"weight": 5}), ("c", "b", {"weight": 5})])
    >>> [(r["from"], r["to"]) for r in strongest_path(G, "a", "b")]  # 1/5 + 1/5 is shorter than 1/1
    [('a', 'c'), ('c', 'b')]
    """
    return path_rows(G, path_nodes(G, a, b))


def communities(G: nx.Graph, top: int = 8, seed: int = 42, pagerank: dict | None = None) -> list[dict]:
    """Communities (the graph's ``community`` attribute, else Louvain with a fixed seed), largest
    first, each with its most central members (PageRank, computed unless ``pagerank`` gives it).

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
    pr = pagerank if pagerank is not None else measures(G, ["pagerank"]).values["pagerank"]
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


def ranking(G: nx.Graph, names, top: int = 20, types=(), exact: bool = False,
            measured: Measures | None = None) -> tuple[list[dict], Measures]:
    """Entities ranked by the measures ``names`` (highest first on the first one, then by label),
    1-based ``rank``, at most ``top`` rows (0: all), only ``types`` if given; and the measures (for
    the names of the sampled ones). Measures are computed on the whole graph, then filtered, unless
    ``measured`` holds them already (GraphFile.measures).

    >>> G = nx.Graph([("a", "b"), ("b", "c")])
    >>> rows, m = ranking(G, ["degree"], top=2)
    >>> [(r["rank"], r["id"], r["degree"]) for r in rows]
    [(1, 'b', 1.0), (2, 'a', 0.5)]
    """
    m = measured if measured is not None else measures(G, names, exact)
    rows = [{"id": n, "label": G.nodes[n].get("label", n), "type": G.nodes[n].get("type", ""),
             **{k: m.values[k][n] for k in names}} for n in _of_types(G, types)]
    rows.sort(key=lambda r: (-r[names[0]], str(r["label"])))
    if top:
        rows = rows[:top]
    for i, r in enumerate(rows, 1):
        r["rank"] = i
    return rows, m


def entity_rows(G: nx.Graph, types=(), min_mentions: int = 1) -> list[dict]:
    """The entities of G, most mentioned first (then by label): id, label, type, mentions (with
    ``coref_mentions`` when the graph counts them: a build with --coref), documents and aliases; an entity
    with fewer than ``min_mentions`` mentions is left out (a graph without mention counts keeps every entity).

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
                     **({"coref_mentions": int(d["coref_mentions"] or 0)} if "coref_mentions" in d else {}),
                     "documents": int(d.get("documents", 0) or 0), "aliases": d.get("aliases", "")})
    rows.sort(key=lambda r: (-r["mentions"], str(r["label"])))
    return rows


def alias_file_rows(rows: list[dict]) -> tuple[list[list[str]], list[str]]:
    """Alias-file lines (name, type, aliases, action) for the entity rows of entity_rows, ready to edit and
    rebuild with: an alias is listed only for the one entity that has it, since an alias file's name form
    means one entity wherever it is written ("Senate" of three states' senates, "Becker" of a husband and a
    wife would be merged into the last one listed). Returns the lines and the forms left out, with how many
    entities share each.

    >>> rows = [{"label": "Senate (Italy)", "type": "ORG", "aliases": "Senate | Senate (Italy)"},
    ...         {"label": "Senate (France)", "type": "ORG", "aliases": "Senate"},
    ...         {"label": "Ann Lee", "type": "PERSON", "aliases": "Ann Lee | Lee | Mrs Lee"}]
    >>> alias_file_rows(rows)
    ([['Senate (Italy)', 'ORG', '', ''], ['Senate (France)', 'ORG', '', ''],
      ['Ann Lee', 'PERSON', 'Lee|Mrs Lee', '']], ['Senate (2)'])
    """
    forms = [[a for a in str(r["aliases"]).split(" | ") if a and a != r["label"]] for r in rows]
    owners: dict[str, set[int]] = {}
    for i, r in enumerate(rows):
        for f in [str(r["label"]), *forms[i]]:
            owners.setdefault(match_key(f), set()).add(i)
    lines, shared = [], {}
    for i, r in enumerate(rows):
        kept = [a for a in forms[i] if len(owners[match_key(a)]) == 1]
        shared.update({a: len(owners[match_key(a)]) for a in forms[i] if len(owners[match_key(a)]) > 1})
        lines.append([str(r["label"]), str(r["type"]), "|".join(kept), ""])
    return lines, [f"{a} ({n})" for a, n in sorted(shared.items())]


def _period_label(p, period: str) -> str:
    return p.isoformat()[:7] if period == "month" else p.isoformat()


def timeline_rows(G: nx.Graph, node, top: int = 3) -> list[dict]:
    """One row a period, from the first period ``node`` is mentioned or tied in to the last (quiet
    periods included, with zeros): its mentions and documents, how many ties it has in the period,
    and its ``top`` strongest ties there (``"Label (weight)"``, strongest first, then by label).
    G is a dated graph (timeline.is_dated) holding every tie of ``node`` with its ``periods``.

    >>> G = nx.Graph(period="week")
    >>> G.add_node("a", label="Ann", periods="2024-01-01:3:2 2024-01-15:1:1")
    >>> G.add_node("b", label="Bo")
    >>> G.add_edge("a", "b", periods="2024-01-01:2:1")
    >>> [(r["period"], r["mentions"], r["ties"], r["top_ties"]) for r in timeline_rows(G, "a")]
    [('2024-01-01', 3, 1, 'Bo (2)'), ('2024-01-08', 0, 0, ''), ('2024-01-15', 1, 0, '')]
    """
    import datetime as dt

    from .timeline import parse_counts, period_end

    period = G.graph["period"]
    own = parse_counts(G.nodes[node].get("periods"))
    ties: dict = {}
    for nb in G[node]:
        for p, (w, _) in parse_counts(G[node][nb].get("periods")).items():
            ties.setdefault(p, []).append((w, str(G.nodes[nb].get("label", nb))))
    starts = set(own) | set(ties)
    if not starts:
        return []
    rows, p = [], min(starts)
    while p <= max(starts):
        here = sorted(ties.get(p, []), key=lambda t: (-t[0], t[1]))
        mentions, documents = own.get(p, (0, 0))
        rows.append({"period": _period_label(p, period), "mentions": mentions, "documents": documents,
                     "ties": len(here), "top_ties": ", ".join(f"{label} ({w})" for w, label in here[:top])})
        p = period_end(p, period) + dt.timedelta(1)
    return rows


def compare_rows(A: nx.Graph, B: nx.Graph, measure: str, top: int = 20, types=()) -> list[dict]:
    """Who rose and fell between two graphs of the same corpus (two periods): the entities in the
    ``top`` of either by ``measure``, each with its rank and value in both (rank None and value 0.0
    where it is not in that graph), and ``change``: places gained (``+3``), lost (``-2``), ``new`` or
    ``gone``; in the order of B's ranks, then A's.

    >>> A, B = nx.Graph([("a", "b"), ("b", "c")]), nx.Graph([("a", "b"), ("a", "c"), ("a", "d")])
    >>> [(r["label"], r["rank_a"], r["rank_b"], r["change"]) for r in compare_rows(A, B, "degree", top=2)]
    [('a', 2, 1, '+1'), ('b', 1, 2, '-1')]
    """
    ra, ma = ranking(A, [measure], top=0, types=types)
    rb, mb = ranking(B, [measure], top=0, types=types)
    rank_a, rank_b = {r["id"]: r["rank"] for r in ra}, {r["id"]: r["rank"] for r in rb}
    chosen = [r["id"] for r in rb[:top or None]] + [r["id"] for r in ra[:top or None]]
    rows = []
    for n in dict.fromkeys(chosen):
        a, b = rank_a.get(n), rank_b.get(n)
        change = "new" if a is None else "gone" if b is None else f"{a - b:+d}" if a != b else "0"
        d = (B.nodes[n] if n in B else A.nodes[n])
        rows.append({"id": n, "label": d.get("label", n), "type": d.get("type", ""), "rank_a": a, "rank_b": b,
                     "change": change, f"{measure}_a": ma.values[measure].get(n, 0.0) if a else 0.0,
                     f"{measure}_b": mb.values[measure].get(n, 0.0) if b else 0.0})
    rows.sort(key=lambda r: (r["rank_b"] is None, r["rank_b"] or 0, r["rank_a"] or 0))
    return rows
