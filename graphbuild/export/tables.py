"""Table exports: entities.csv, nodes.csv, edges.csv, documents.csv, merges.csv and mentions.jsonl."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx

from ..evidence import evidence_of
from ..text import no_surrogates
from .files import atomic_write

__all__ = ["safe_cell", "write_entities_csv", "write_edges_csv", "write_merges_csv", "write_mentions_jsonl",
           "write_nodes_csv", "write_documents_csv", "ENTITY_COLUMNS", "NODE_COLUMNS", "EDGE_COLUMNS",
           "DOCUMENT_COLUMNS"]

ENTITY_COLUMNS = ("id", "label", "type", "aliases", "mentions", "documents", "degree", "weighted_degree",
                  "betweenness", "pagerank", "eigenvector", "community")
#: Gephi's spreadsheet importer reads Id/Label (nodes) and Source/Target/Type/Weight (edges).
NODE_COLUMNS = ("Id", "Label", "Type", "aliases", "mentions", "documents", "degree", "weighted_degree",
                "betweenness", "pagerank", "eigenvector", "community", "color", "size", "x", "y")
EDGE_COLUMNS = ("Source", "Target", "Type", "Weight", "source_label", "target_label", "documents", "npmi",
                "evidence_doc", "evidence")
#: documents.csv: the metadata of every document and what the build found in it (pipeline.document_rows).
#: ``group``: the original of the document's group of syndicated copies (itself for the original), else empty.
DOCUMENT_COLUMNS = ("id", "title", "date", "url", "source", "group", "characters", "sentences", "mentions",
                    "entities")


def safe_cell(v):
    """A CSV cell that a spreadsheet will not run: text starting with = + - @ (or tab/CR) gets a quote."""
    if isinstance(v, str):
        v = no_surrogates(v)
        if v[:1] in ("=", "+", "-", "@", "\t", "\r"):
            return "'" + v
    return v


def _write_rows(path, columns, rows) -> Path:
    with atomic_write(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(columns)
        for row in rows:
            w.writerow([safe_cell(c) for c in row])
    return Path(path)


def _with_coref(G: nx.Graph, columns: tuple[str, ...]) -> tuple[str, ...]:
    """``columns`` with ``coref_mentions`` after ``mentions`` when the graph counts them (build --coref)."""
    if not any("coref_mentions" in d for _, d in G.nodes(data=True)):
        return columns
    k = columns.index("mentions") + 1
    return columns[:k] + ("coref_mentions",) + columns[k:]


def write_entities_csv(G: nx.Graph, path) -> Path:
    """entities.csv: one row an entity, most mentioned first (name mentions; with --coref the pronouns and
    descriptions that refer to it count apart, in ``coref_mentions``)."""
    rows = sorted(G.nodes(data=True), key=lambda nd: (-nd[1].get("mentions", 0), nd[0]))
    columns = _with_coref(G, ENTITY_COLUMNS)
    return _write_rows(path, columns, ([n] + [d.get(c, "") for c in columns[1:]] for n, d in rows))


def write_nodes_csv(G: nx.Graph, path) -> Path:
    """nodes.csv for Gephi's spreadsheet importer (Id, Label, Type, then every attribute)."""
    rows = sorted(G.nodes(data=True), key=lambda nd: (-nd[1].get("mentions", 0), nd[0]))
    columns = _with_coref(G, NODE_COLUMNS)
    return _write_rows(path, columns, ([n, d.get("label", n), d.get("type", "")]
                                       + [d.get(c, "") for c in columns[3:]] for n, d in rows))


#: what edges.csv adds when the graph has it: the tie's first and last day (a dated build), and the date and
#: source (outlet) of the first evidence sentence's document (documents with metadata)
EDGE_DATE_COLUMNS = ("first_date", "last_date")
EVIDENCE_META_COLUMNS = ("evidence_date", "evidence_source")


def write_edges_csv(G: nx.Graph, path) -> Path:
    """edges.csv, readable by Gephi (Source, Target, Type, Weight) and by people (names, first evidence, and
    when the build knows them, the tie's dates and the first evidence's date and source)."""
    edges = sorted(G.edges(data=True), key=lambda e: (-e[2].get("weight", 1), e[0], e[1]))
    firsts = [(evidence_of(d) or [{}])[0] for _, _, d in edges]
    dated = tuple(c for c in EDGE_DATE_COLUMNS if any(d.get(c) for _, _, d in edges))
    meta = tuple(c for c in EVIDENCE_META_COLUMNS if any(f.get(c.split("_", 1)[1]) for f in firsts))

    def row(u, v, d, first):
        return [u, v, "Undirected", d.get("weight", 1), G.nodes[u].get("label", u), G.nodes[v].get("label", v),
                d.get("documents", ""), d.get("npmi", ""), *(d.get(c, "") for c in dated), first.get("doc", ""),
                *(first.get(c.split("_", 1)[1], "") for c in meta), " ".join(first.get("text", "").split())]

    columns = EDGE_COLUMNS[:-2] + dated + EDGE_COLUMNS[-2:-1] + meta + EDGE_COLUMNS[-1:]
    return _write_rows(path, columns, (row(u, v, d, f) for (u, v, d), f in zip(edges, firsts)))


def write_documents_csv(rows: list[dict], path) -> Path:
    """documents.csv: one row a document (DOCUMENT_COLUMNS), in the order given (the build's: by id)."""
    return _write_rows(path, DOCUMENT_COLUMNS, ([r.get(c, "") for c in DOCUMENT_COLUMNS] for r in rows))


def write_merges_csv(merges: list[dict], path) -> Path:
    cols = ("entity", "label", "type", "form", "mentions", "rule", "score", "via")
    return _write_rows(path, cols, ([m.get(c, "") for c in cols] for m in merges))


def write_mentions_jsonl(records: list[dict], path) -> Path:
    with atomic_write(path, "w", newline="\n") as f:
        for r in sorted(records, key=lambda r: (r["doc"], r["start"], r["end"])):
            f.write(no_surrogates(json.dumps(r, ensure_ascii=False)) + "\n")
    return Path(path)
