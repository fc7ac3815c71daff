"""The library API: articles in, a resolved co-occurrence graph out (build_graph, build)."""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

import networkx as nx

from .aliases import AliasTable, default_alias_table, load_alias_file
from .analysis import add_centralities, add_communities
from .clean import clean_regions, load_rules
from .corpus import read_documents
from .errors import GraphbuildError
from .extract import ExtractedDoc, extract_documents, load_model
from .graph import WindowSpec, cooccurrence_graph, parse_window
from .layout import add_viz
from .resolve import ResolveConfig, find_acronym_definitions, resolve

__all__ = ["BuildConfig", "BuildResult", "build", "build_graph", "DEFAULT_TYPES"]

log = logging.getLogger("graphbuild")

#: People, groups and states.
DEFAULT_TYPES = ("PERSON", "ORG", "NORP", "GPE")


@dataclass
class BuildConfig:
    """Everything that shapes a build; the CLI options map one to one onto these fields."""

    model: str | None = None
    types: Sequence[str] = DEFAULT_TYPES
    window: WindowSpec | str = "sentence"
    min_weight: int = 1
    aliases: Sequence[str | os.PathLike] = ()
    default_aliases: bool = True
    demonyms: str = "map"
    boilerplate: str | None = None
    batch_size: int = 64
    jobs: int = 1
    progress: Callable[[int], None] | None = field(default=None, repr=False)


@dataclass
class BuildResult:
    """A built graph and the records behind it."""

    graph: nx.Graph
    mentions: list[dict]
    merges: list[dict]
    stats: dict


def _alias_table(config: BuildConfig) -> AliasTable:
    table = default_alias_table() if config.default_aliases else AliasTable()
    for path in config.aliases:
        table.extend(load_alias_file(path))
    return table


def build(paths: Iterable[str | os.PathLike], config: BuildConfig | None = None) -> BuildResult:
    """Read, clean, extract, resolve and connect the articles under ``paths``."""
    config = config or BuildConfig()
    t0 = time.perf_counter()
    window = config.window if isinstance(config.window, WindowSpec) else parse_window(config.window)
    types = {t.strip().upper() for t in config.types if t.strip()}
    if config.demonyms not in ("map", "drop", "keep"):
        raise GraphbuildError(f"demonyms must be map, drop or keep, not {config.demonyms!r}")
    table = _alias_table(config)
    rules = load_rules(config.boilerplate)
    nlp = load_model(config.model, table.ruler_patterns())

    extracted: list[ExtractedDoc] = []
    definitions: list[tuple[str, str, str]] = []
    for n, ex in enumerate(extract_documents(read_documents(paths), nlp, rules=rules,
                                             batch_size=config.batch_size, n_process=config.jobs), 1):
        extracted.append(ex)
        for s, e in clean_regions(ex.doc.text, rules):
            definitions.extend((ex.doc.id, a, l) for a, l in find_acronym_definitions(ex.doc.text[s:e]))
        if config.progress:
            config.progress(n)
    if not extracted:
        raise GraphbuildError("no readable articles in the input (see the warnings above)")

    all_mentions = [m for ex in extracted for m in ex.mentions]
    res = resolve(all_mentions, definitions,
                  ResolveConfig(aliases=table, demonyms=config.demonyms))
    entities = {k: e for k, e in res.entities.items() if e.type in types}

    records: list[dict] = []
    per_doc = []
    i = 0
    for ex in extracted:
        assigned = []
        for m in ex.mentions:
            eid = res.assign[i]
            i += 1
            if eid in entities:
                assigned.append((m, eid))
                records.append({"doc": m.doc, "start": m.start, "end": m.end, "text": m.text,
                                "label": m.label, "entity": eid, "type": entities[eid].type})
        per_doc.append((ex.doc.id, ex.doc.text, ex.sentences, assigned))
    G = cooccurrence_graph(per_doc, entities, window=window, min_weight=config.min_weight)
    add_centralities(G)
    add_communities(G)
    add_viz(G)
    merges = [m for m in res.merges if not m["entity"] or m["entity"] in entities
              or m["type"] not in types]
    for m in merges:
        if m["entity"] and m["entity"] not in entities:
            m["rule"] = f"{m['rule']} (type {m['type']} not in --types)"
    stats = {
        "documents": len(extracted),
        "mentions": len(records),
        "entities": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "seconds": round(time.perf_counter() - t0, 2),
    }
    return BuildResult(G, records, merges, stats)


def build_graph(paths: Iterable[str | os.PathLike], config: BuildConfig | None = None) -> nx.Graph:
    """Build the entity co-occurrence graph of the articles under ``paths``.

    >>> G = build_graph(["seeds/"])  # doctest: +SKIP
    >>> G.nodes["person:qassem-soleimani"]["type"]  # doctest: +SKIP
    'PERSON'
    """
    return build(paths, config).graph
