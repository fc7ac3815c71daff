"""The query index: a built graph as SQLite rows beside its GraphML, for queries that need a little of it fast.

Parsing a GraphML file is most of what a query costs on a large graph (the 19,043-article Reuters
graph: 65 MB, 6.6 s). ``graph.index.sqlite`` holds the same graph as rows: nodes (with their name
match keys), ties (weights and other values apart from the evidence), the evidence text, and the
centralities ``report`` ranks by. A query reads only the rows it needs: node rows for ``entities``,
the ties of one node for ``neighbors``, the weights for ``path`` and ``report``.

The rows are the graph networkx reads back from the GraphML file, node for node, tie for tie and
value for value, in the file's order (see export/graphml.read_back), so an answer from the index is
the answer from the file. The index names the GraphML file it was made for by its size and SHA-256
and the graphbuild code that wrote it (``code_digest`` of the modules below); a GraphML edited or
saved by Gephi, a file of another build or other code, and any unreadable index are ignored, and
the query reads the file itself. The file holds no time stamp, so one build gives the same bytes.

This module stores and reads rows; export/index.py decides what goes in, query.GraphFile reads it.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import sqlite3
import tempfile
from pathlib import Path

import networkx as nx

__all__ = ["INDEX_SUFFIX", "index_path", "graphml_digest", "write_rows", "GraphIndex"]

#: The index of ``NAME.graphml`` is ``NAME.index.sqlite``, beside it.
INDEX_SUFFIX = ".index.sqlite"
#: Bump when the layout of the rows changes.
FORMAT = "graphbuild query index 1"
#: The modules whose code shapes the rows: their digest is part of the index, so that rows made by
#: other code (other match keys, other measures, another GraphML reading) are never used.
CODE = ("graphindex.py", "query.py", "analysis.py", "text.py", "evidence.py", "export/graphml.py",
        "export/index.py")
_EVIDENCE = "evidence"  # the one edge attribute kept in a table of its own: most of the bytes
_INT64 = 2**63


def index_path(graph_path: str | os.PathLike) -> Path:
    """Where the index of a GraphML file lives.

    >>> index_path("output/graph.graphml").as_posix()
    'output/graph.index.sqlite'
    """
    p = Path(graph_path)
    return p.with_name(p.stem + INDEX_SUFFIX)


def graphml_digest(path: str | os.PathLike) -> dict:
    """What ties an index to its GraphML file: the file's size, SHA-256, and the code's digest."""
    from .cache import code_digest

    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            h.update(block)
    sha = h.hexdigest()
    return {"format": FORMAT, "graphml_size": str(os.path.getsize(path)), "graphml_sha256": sha,
            "code": code_digest(*CODE)}


def _column_kinds(records) -> dict[str, str] | None:
    """``{attribute: "bool" | "value"}`` over dicts, attributes in first-seen order; None when a value
    is none SQLite keeps exactly (a NaN, an integer beyond 64 bits, a list) or a column mixes bools
    with other values."""
    kinds: dict[str, set] = {}
    for d in records:
        for k, v in d.items():
            if type(v) not in (bool, int, float, str):
                return None
            if (type(v) is float and math.isnan(v)) or (type(v) is int and not -_INT64 <= v < _INT64):
                return None
            kinds.setdefault(k, set()).add(type(v) is bool)
    if any(len(s) > 1 for s in kinds.values()):
        return None
    return {k: "bool" if True in s else "value" for k, s in kinds.items()}


def _create(con: sqlite3.Connection, node_cols: dict, edge_cols: dict, measure_names) -> None:
    nc = "".join(f", c{i}" for i in range(len(node_cols)))
    ec = "".join(f", c{i}" for i, k in enumerate(edge_cols) if k != _EVIDENCE)
    mc = "".join(f", c{i}" for i in range(len(measure_names)))
    for sql in ("meta(key TEXT PRIMARY KEY, value)",
                "attributes(domain TEXT, position INTEGER, name TEXT, kind TEXT, PRIMARY KEY(domain, position))",
                f"nodes(seq INTEGER PRIMARY KEY, id TEXT NOT NULL, keys TEXT NOT NULL{nc})",
                f"edges(seq INTEGER PRIMARY KEY, u INTEGER NOT NULL, v INTEGER NOT NULL{ec})",
                "evidence(edge INTEGER PRIMARY KEY, value)",
                f"measures(node INTEGER PRIMARY KEY{mc})"):
        con.execute(f"CREATE TABLE {sql}")


def write_rows(path: str | os.PathLike, H: nx.Graph, keys: dict, measures, digest: dict) -> Path | None:
    """Write H (a graph as query.simple_graph returns it: nodes and ties in order), the name match
    ``keys`` of every node, the ``measures`` (analysis.Measures) and the ``digest`` of its GraphML
    file as a new index at ``path`` (atomically); return the path, or None, writing nothing, when H
    holds a value SQLite would not give back as it is (see _column_kinds)."""
    node_cols = _column_kinds(d for _, d in H.nodes(data=True))
    edge_cols = _column_kinds(d for _, _, d in H.edges(data=True))
    if None in (node_cols, edge_cols, _column_kinds(measures.values.values())) or not _json_safe(H.graph):
        return None
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        con = sqlite3.connect(tmp, isolation_level=None)
        try:
            con.execute("PRAGMA page_size = 4096")
            con.execute("PRAGMA journal_mode = OFF")
            con.execute("BEGIN")
            _create(con, node_cols, edge_cols, list(measures.values))
            _fill(con, H, keys, measures, digest, node_cols, edge_cols)
            con.execute("CREATE INDEX edges_u ON edges(u, v)")
            con.execute("CREATE INDEX edges_v ON edges(v)")
            con.execute("COMMIT")
        finally:
            con.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _json_safe(value) -> bool:
    try:
        return json.loads(json.dumps(value)) == value
    except (TypeError, ValueError):
        return False


def _fill(con, H, keys, measures, digest, node_cols, edge_cols) -> None:
    meta = {**digest, "graph": json.dumps(H.graph),
            "sampled": json.dumps(measures.sampled), "measures": json.dumps(list(measures.values))}
    con.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
    con.executemany("INSERT INTO attributes VALUES (?, ?, ?, ?)",
                    [("node", i, k, kind) for i, (k, kind) in enumerate(node_cols.items())]
                    + [("edge", i, k, kind) for i, (k, kind) in enumerate(edge_cols.items())])
    seq = {n: i for i, n in enumerate(H)}
    marks = ", ?" * len(node_cols)
    con.executemany(f"INSERT INTO nodes VALUES (?, ?, ?{marks})",
                    ((seq[n], n, "\n".join(sorted(keys[n])), *(d.get(k) for k in node_cols))
                     for n, d in H.nodes(data=True)))
    plain = [k for k in edge_cols if k != _EVIDENCE]
    marks = ", ?" * len(plain)
    con.executemany(f"INSERT INTO edges VALUES (?, ?, ?{marks})",
                    ((i, seq[u], seq[v], *(d.get(k) for k in plain)) for i, (u, v, d) in enumerate(H.edges(data=True))))
    if _EVIDENCE in edge_cols:
        con.executemany("INSERT INTO evidence VALUES (?, ?)",
                        ((i, d[_EVIDENCE]) for i, (_, _, d) in enumerate(H.edges(data=True)) if _EVIDENCE in d))
    names = list(measures.values)
    marks = ", ?" * len(names)
    con.executemany(f"INSERT INTO measures VALUES (?{marks})",
                    ((seq[n], *(measures.values[m][n] for m in names)) for n in H))


class GraphIndex:
    """An index opened for reading (see :meth:`open`); every method reads rows, nothing is cached but
    the node ids."""

    def __init__(self, con: sqlite3.Connection, meta: dict):
        self.con = con
        self.meta = meta
        self._ids: list | None = None
        self._seq: dict | None = None
        self.cols = {domain: [(name, kind) for name, kind in con.execute(
            "SELECT name, kind FROM attributes WHERE domain = ? ORDER BY position", (domain,))]
            for domain in ("node", "edge")}

    @property
    def ids(self) -> list:
        """Node ids by row number."""
        if self._ids is None:
            self._ids = [row[0] for row in self.con.execute("SELECT id FROM nodes ORDER BY seq")]
        return self._ids

    @property
    def seq(self) -> dict:
        """Row numbers by node id."""
        if self._seq is None:
            self._seq = {n: i for i, n in enumerate(self.ids)}
        return self._seq

    @classmethod
    def open(cls, graphml: str | os.PathLike) -> GraphIndex | None:
        """The index beside ``graphml`` if it was made for this very file by this code, else None."""
        p = Path(graphml)
        ip = index_path(p)
        if p.suffix.lower() != ".graphml" or not ip.is_file() or not p.is_file():
            return None
        try:
            con = sqlite3.connect(f"{ip.resolve().as_uri()}?mode=ro", uri=True)
            meta = dict(con.execute("SELECT key, value FROM meta"))
            if meta.get("format") != FORMAT or meta.get("graphml_size") != str(p.stat().st_size):
                return None
            want = graphml_digest(p)
            if any(meta.get(k) != v for k, v in want.items()):
                return None
            return cls(con, meta)
        except (sqlite3.Error, OSError, ValueError):
            return None

    def _node_rows(self, attributes=None) -> list:
        """``(id, attributes)`` of every node in order (only ``attributes``, if given)."""
        chosen = [(i, k, kind) for i, (k, kind) in enumerate(self.cols["node"])
                  if attributes is None or k in attributes]
        cols = "".join(f", c{i}" for i, _, _ in chosen)
        names = [(k, kind) for _, k, kind in chosen]
        sql = f"SELECT id{cols} FROM nodes ORDER BY seq"
        rows = [(row[0], _record(names, row[1:])) for row in self.con.execute(sql)]
        if self._ids is None:
            self._ids = [n for n, _ in rows]
        return rows

    def _edge_sql(self, where: str = "") -> tuple[str, list]:
        names = self.cols["edge"]
        cols = "".join(f", e.c{i}" if k != _EVIDENCE else ", x.value" for i, (k, _) in enumerate(names))
        return (f"SELECT e.u, e.v{cols} FROM edges e LEFT JOIN evidence x ON x.edge = e.seq {where} "
                "ORDER BY e.seq"), names

    def graph(self, edges: str = "all", node_attributes=None) -> nx.Graph:
        """The graph: every node, with every attribute or only ``node_attributes``; ties with every
        value (``"all"``), with their weight only (``"weights"``), or none (``"none"``)."""
        G = nx.Graph()
        G.graph.update(json.loads(self.meta["graph"]))
        G.add_nodes_from(self._node_rows(node_attributes))
        ids = self.ids
        if edges == "weights":
            col = next(i for i, (k, _) in enumerate(self.cols["edge"]) if k == "weight")
            G.add_edges_from((ids[u], ids[v], {"weight": w})
                             for u, v, w in self.con.execute(f"SELECT u, v, c{col} FROM edges ORDER BY seq"))
        elif edges == "all":
            sql, names = self._edge_sql()
            G.add_edges_from((ids[row[0]], ids[row[1]], _record(names, row[2:])) for row in self.con.execute(sql))
        return G

    def add_ties(self, G: nx.Graph, node) -> None:
        """Add the ties of ``node``, with every value, to G (in the order the whole graph has them)."""
        sql, names = self._edge_sql("WHERE e.u = ?1 OR e.v = ?1")
        ids = self.ids
        for row in self.con.execute(sql, (self.seq[node],)):
            G.add_edge(ids[row[0]], ids[row[1]], **_record(names, row[2:]))

    def add_edge_values(self, G: nx.Graph, pairs) -> None:
        """Give the ties ``pairs`` (node pairs, each a tie of G) every value they have."""
        sql, names = self._edge_sql("WHERE (e.u = ?1 AND e.v = ?2) OR (e.u = ?2 AND e.v = ?1)")
        for a, b in pairs:
            for row in self.con.execute(sql, (self.seq[a], self.seq[b])):
                G[a][b].update(_record(names, row[2:]))

    def name_keys(self) -> dict:
        """``{node: {match key of its id, label and aliases}}``, as query.node_keys computes them."""
        ids = self.ids
        return {ids[s]: set(k.split("\n")) if k else set()
                for s, k in self.con.execute("SELECT seq, keys FROM nodes ORDER BY seq")}

    def measures(self) -> tuple[dict, list[str]]:
        """The measures computed by the build on this graph (``{measure: {node: value}}``) and the
        names of the sampled ones."""
        names = json.loads(self.meta["measures"])
        values: dict[str, dict] = {m: {} for m in names}
        cols = ", ".join(f"c{i}" for i in range(len(names)))
        ids = self.ids
        for row in self.con.execute(f"SELECT node, {cols} FROM measures ORDER BY node") if names else ():
            for m, v in zip(names, row[1:]):
                values[m][ids[row[0]]] = v
        return values, json.loads(self.meta["sampled"])


def _record(names, values) -> dict:
    return {k: (bool(v) if kind == "bool" else v) for (k, kind), v in zip(names, values) if v is not None}
