"""Build stage: a weighted co-occurrence graph of entities, each edge with its evidence."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import Callable, Iterable, Sequence

import networkx as nx

from .evidence import dump_evidence
from .extract import Mention, Sentence
from .resolve import Entity
from .text import xml_safe
from .timeline import format_counts, period_start

__all__ = ["WindowSpec", "parse_window", "cooccurrence_graph", "MAX_EVIDENCE"]

#: Evidence records kept per edge.
MAX_EVIDENCE = 5
#: Longest evidence text; a longer span is cut to the sentences of the two mentions.
MAX_EVIDENCE_CHARS = 1200


@dataclass(frozen=True)
class WindowSpec:
    """How co-occurrence windows are cut: 'sentence', 'paragraph', 'document', or N sentences."""

    kind: str
    size: int = 1

    def __str__(self) -> str:
        return str(self.size) if self.kind == "sentences" else self.kind


def parse_window(value: str | int) -> WindowSpec:
    """Parse a --window value.

    >>> parse_window("sentence"), parse_window("3")
    (WindowSpec(kind='sentence', size=1), WindowSpec(kind='sentences', size=3))
    """
    v = str(value).strip().lower()
    if v in ("sentence", "paragraph", "document"):
        return WindowSpec(v)
    if v.isdigit() and int(v) >= 1:
        return WindowSpec("sentence") if int(v) == 1 else WindowSpec("sentences", int(v))
    raise ValueError(f"window must be sentence, paragraph, document or a number of sentences >= 1, not {value!r}")


def _windows(sentences: Sequence[Sentence], spec: WindowSpec) -> list[tuple[int, int]]:
    """Windows of one document as ranges of sentence indexes [first, last]."""
    n = len(sentences)
    if n == 0:
        return []
    if spec.kind == "sentence":
        return [(i, i) for i in range(n)]
    if spec.kind == "document":
        return [(0, n - 1)]
    if spec.kind == "paragraph":
        out, start = [], 0
        for i in range(1, n + 1):
            if i == n or sentences[i].para != sentences[start].para:
                out.append((start, i - 1))
                start = i
        return out
    k = spec.size
    return [(i, min(n, i + k) - 1) for i in range(max(1, n - k + 1))]


def _evidence(sentences: Sequence[Sentence], ma: Mention, mb: Mention, doc: str) -> tuple[str, int, int]:
    """(doc, start, end) of the sentences of two mentions (the first one's alone when both are too long)."""
    a, b = sorted((ma.sent, mb.sent))
    start, end = sentences[a].start, sentences[b].end
    if end - start > MAX_EVIDENCE_CHARS and a != b:
        start, end = sentences[a].start, sentences[a].end
        if not (start <= mb.start < end):
            start, end = sentences[b].start, sentences[b].end
    return (doc, start, end)


def _texts_from(docs_text: dict[str, str]) -> Callable:
    def fetch(needed: dict[str, set]) -> dict:
        return {(d, s, e): docs_text[d][s:e] for d, spans in needed.items() for s, e in spans}
    return fetch


def cooccurrence_graph(
    docs: Iterable[tuple],
    entities: dict[str, Entity],
    window: WindowSpec = WindowSpec("sentence"),
    min_weight: int = 1,
    max_evidence: int = MAX_EVIDENCE,
    fetch_texts: Callable[[dict[str, set]], dict] | None = None,
    doc_meta: dict[str, dict] | None = None,
    doc_days: dict | None = None,
    period: str | None = None,
    copies: dict[str, list[dict]] | None = None,
) -> nx.Graph:
    """Build the co-occurrence graph.

    ``docs`` yields ``(doc_id, text, sentences, [(mention, entity_id), ...])`` (with --coref the mentions
    include pronouns and descriptions, ``Mention.via``: they share windows like names, count in no
    entity's mentions, and the evidence records that hold them list them in ``refs``: ``{"start", "end",
    "text", "entity"}``, offsets into the document); ``text`` may be None
    when ``fetch_texts`` is given: it is then called once, at the end, with ``{doc_id: {(start, end)}}``
    of the evidence kept and returns ``{(doc_id, start, end): text}`` (so no document text has to stay
    in memory). An edge joins two entities that share a window; ``weight`` counts shared windows,
    ``documents`` the documents with one, ``npmi`` the normalised pointwise mutual information of the
    pair over windows, and ``evidence`` keeps up to ``max_evidence`` records (doc, start, end, text),
    spread over documents, each with the metadata of its document in ``doc_meta`` (``{doc_id: {"title":
    ..., "date": ..., "url": ..., "source": ...}}``: the keys a document has, after the record's own).
    With ``doc_days`` (``{doc_id: datetime.date}`` of the documents dated to the day) and ``period``
    (see timeline.py), ties and entities also carry ``first_date``, ``last_date`` and their ``periods``.
    ``copies`` (``{doc_id: [{"doc": copy id, ...its metadata}]}``) lists the syndicated copies of a
    document in every evidence record from it (the copies themselves are not in ``docs``).
    """
    tally = _Tally(window, max_evidence, _Dates(period) if period and doc_days else None)
    kept_texts: dict[str, str] = {}
    undated = 0
    for doc_id, text, sentences, assigned in docs:
        if fetch_texts is None:
            kept_texts[doc_id] = text
        tally.document(doc_id, sentences, assigned, doc_days.get(doc_id) if tally.dates else None)
        undated += doc_days.get(doc_id) is None if tally.dates else 0
    chosen = {pair: _spread(ev_lists, max_evidence) for pair, ev_lists in tally.cands.items()
              if tally.weight[pair] >= min_weight}
    needed: dict[str, set] = defaultdict(set)
    for recs in chosen.values():
        for d, s, e, _ in recs:
            needed[d].add((s, e))
    texts = (fetch_texts or _texts_from(kept_texts))(needed)
    meta, copies = doc_meta or {}, copies or {}

    def evidence(d: str, s: int, e: int, refs: tuple) -> dict:
        return {"doc": d, "start": s, "end": e, "text": xml_safe(texts.get((d, s, e), "")),
                **({"refs": [{"start": rs, "end": re_, "text": xml_safe(t), "entity": eid} for rs, re_, t, eid in refs]}
                   if refs else {}),
                **meta.get(d, {}), **({"copies": copies[d]} if d in copies else {})}

    G = tally.graph(entities, min_weight, lambda pair: dump_evidence([evidence(*r) for r in chosen.get(pair, [])]))
    G.graph["window"] = str(window)
    if tally.dates:
        G.graph.update(tally.dates.graph_values(doc_days))
        G.graph["undated_documents"] = undated  # (not dated to the day: in no period)
    return G


class _Tally:
    """What the windows of every document add up to: weights, documents and evidence candidates of each
    pair, windows of each entity, and (with ``dates``) the counts per period."""

    def __init__(self, window: WindowSpec, max_evidence: int, dates: _Dates | None):
        self.window, self.max_evidence, self.dates = window, max_evidence, dates
        self.weight: dict[tuple[str, str], int] = defaultdict(int)
        self.pair_docs: dict[tuple[str, str], int] = defaultdict(int)
        self.cands: dict[tuple[str, str], list[list[tuple]]] = defaultdict(list)
        self.node_windows: dict[str, int] = defaultdict(int)
        self.total_windows = 0

    def document(self, doc_id: str, sentences, assigned, day) -> None:
        """Count one document's windows (``assigned``: its ``(mention, entity_id)`` pairs; ``day``: its date
        to the day, or None)."""
        if day:
            self.dates.mentions(day, [eid for m, eid in assigned if not m.via])
        by_sent: dict[int, list[tuple[Mention, str]]] = defaultdict(list)
        for m, eid in assigned:
            if not m.role:  # an outlet at its work ("told Reuters") is in no window
                by_sent[m.sent].append((m, eid))
        seen_pairs: set = set()
        per_doc: dict[tuple[str, str], list[tuple]] = {}
        for first, last in _windows(sentences, self.window):
            self.total_windows += 1
            first_mention: dict[str, Mention] = {}
            referring: list[tuple[int, int, str, str]] = []  # the pronouns and descriptions in the window
            for si in range(first, last + 1):
                for m, eid in by_sent.get(si, ()):
                    first_mention.setdefault(eid, m)
                    if m.via:
                        referring.append((m.start, m.end, m.text, eid))
            for eid in first_mention:
                self.node_windows[eid] += 1
            for pair in combinations(sorted(first_mention), 2):
                self.weight[pair] += 1
                new_doc = pair not in seen_pairs
                if new_doc:
                    seen_pairs.add(pair)
                    self.pair_docs[pair] += 1
                if day:
                    self.dates.tie(pair, day, new_doc)
                ev = per_doc.setdefault(pair, [])
                if len(ev) < self.max_evidence:
                    rec = _evidence(sentences, first_mention[pair[0]], first_mention[pair[1]], doc_id)
                    rec += (tuple(r for r in referring if r[3] in pair and rec[1] <= r[0] and r[1] <= rec[2]),)
                    if not ev or rec[:3] != ev[-1][:3]:
                        ev.append(rec)
        for pair, ev in per_doc.items():
            self.cands[pair].append(ev)

    def graph(self, entities: dict[str, Entity], min_weight: int, evidence: Callable) -> nx.Graph:
        """The graph of ``entities`` and of the pairs of at least ``min_weight`` (``evidence(pair)``: its
        evidence text)."""
        dates = self.dates
        G = nx.Graph()
        for eid in sorted(entities):
            e = entities[eid]
            G.add_node(eid, label=e.label, type=e.type, aliases=" | ".join(e.aliases), mentions=e.mentions,
                       **({} if e.coref_mentions is None else {"coref_mentions": e.coref_mentions}),
                       documents=e.documents, **(dates.of(eid) if dates else {}))
        W = max(1, self.total_windows)
        for (u, v) in sorted(self.weight):
            w = self.weight[(u, v)]
            if w < min_weight:
                continue
            p_ab = w / W
            p_a, p_b = self.node_windows[u] / W, self.node_windows[v] / W
            npmi = 1.0 if p_ab >= 1 else math.log(p_ab / (p_a * p_b)) / -math.log(p_ab)
            G.add_edge(u, v, weight=w, documents=self.pair_docs[(u, v)], npmi=float(f"{npmi:.12g}"),
                       evidence=evidence((u, v)), **(dates.of((u, v)) if dates else {}))
        G.graph["windows"] = self.total_windows
        return G


class _Dates:
    """Counts per period, and first and last day, of every entity (mentions) and tie (windows)."""

    def __init__(self, period: str):
        self.period = period
        self.counts: dict = defaultdict(lambda: defaultdict(lambda: [0, 0]))
        self.span: dict = {}

    def _seen(self, key, day) -> None:
        lo, hi = self.span.get(key, (day, day))
        self.span[key] = (min(lo, day), max(hi, day))

    def mentions(self, day, eids: list[str]) -> None:
        """The mentions of one document (``eids``: the entity of each), dated ``day``."""
        p = period_start(day, self.period)
        for eid, n in Counter(eids).items():
            c = self.counts[eid][p]
            c[0] += n
            c[1] += 1
            self._seen(eid, day)

    def tie(self, pair, day, new_doc: bool) -> None:
        c = self.counts[pair][period_start(day, self.period)]
        c[0] += 1
        c[1] += new_doc
        self._seen(pair, day)

    def of(self, key) -> dict:
        if key not in self.span:
            return {}
        lo, hi = self.span[key]
        periods = {p: (w, d) for p, (w, d) in self.counts[key].items()}
        return {"first_date": lo.isoformat(), "last_date": hi.isoformat(), "periods": format_counts(periods)}

    def graph_values(self, doc_days: dict) -> dict:
        """The graph's period, first and last day, dated documents, and documents per period (as ``periods``
        texts of entities, documents twice)."""
        days = list(doc_days.values())
        per = Counter(period_start(d, self.period) for d in days)
        return {"period": self.period, "first_date": min(days).isoformat(), "last_date": max(days).isoformat(),
                "dated_documents": len(days), "document_periods": format_counts({p: (n, n) for p, n in per.items()})}


def _spread(per_doc: list[list[tuple]], k: int) -> list[tuple]:
    """Take up to k evidence records, one document at a time (round robin), in document order."""
    out: list[tuple] = []
    depth = 0
    while len(out) < k and any(depth < len(ev) for ev in per_doc):
        for ev in per_doc:
            if depth < len(ev) and len(out) < k:
                out.append(ev[depth])
        depth += 1
    return out
