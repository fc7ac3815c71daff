"""The library API: articles in, a resolved co-occurrence graph out (build_graph, build)."""

from __future__ import annotations

import base64
import logging
import os
import time
from collections import Counter
from contextlib import closing
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

import networkx as nx

from .aliases import AliasTable, default_alias_table, load_alias_file
from .analysis import (
    MEASURES,
    NODE_MEASURES,
    Measures,
    community_numbers,
    is_sampled,
    measures,
    measures_key,
    set_node_values,
)
from .cache import ExtractionCache, code_digest, settings_key, text_hash
from .clean import load_rules
from .coref import entity_sexes, resolve_references
from .corpus import CorpusOptions, count_documents, quiet, read_documents
from .dedup import groups, signature
from .errors import GraphbuildError
from .extract import (
    NAME_LABELS,
    ExtractedDoc,
    Mention,
    Sentence,
    default_model_name,
    drop_capital_words,
    drop_common_words,
    drop_word_persons,
    extract_documents,
    join_defined_spans,
    join_demonym_names,
    load_model,
    lowercase_words,
    split_abbreviation_tails,
    split_conjoined,
)
from .graph import WindowSpec, cooccurrence_graph, parse_window
from .layout import add_viz, layout
from .lexicon import dictionary_words
from .meta import META_KEYS
from .parallel import run_side_by_side
from .resolve import ResolveConfig, find_acronym_definitions, find_common_acronyms, find_named_aliases, resolve
from .timeline import PERIODS, DateRange, choose_period, day_of, parse_range

__all__ = ["BuildConfig", "BuildResult", "DocRecord", "build", "build_graph", "DEFAULT_TYPES", "stage", "parse_types"]

log = logging.getLogger("graphbuild")

#: People, groups and states.
DEFAULT_TYPES = ("PERSON", "ORG", "NORP", "GPE")
#: Below this many documents (when the count is known) extraction runs in one process.
MULTIPROCESS_MIN_DOCS = 200


@dataclass
class BuildConfig:
    """Everything that shapes a build; the CLI options of ``graphbuild build`` map one to one onto
    these fields (``--types`` to ``types``, ``--window`` to ``window``, ``--no-cache`` to
    ``cache=None``, ...).

    >>> config = BuildConfig(types=("PERSON", "GPE"), window="paragraph", jobs=2)
    >>> config.window, config.min_weight, config.cache is None
    ('paragraph', 1, True)
    """

    model: str | None = None
    types: Sequence[str] = DEFAULT_TYPES
    window: WindowSpec | str = "sentence"
    min_weight: int = 1
    aliases: Sequence[str | os.PathLike] = ()
    default_aliases: bool = True
    demonyms: str = "map"
    boilerplate: str | None = None
    text_field: str = "text"
    id_field: str = "id"
    title_field: str = "title"  # metadata fields of records (and header keys of text files)
    date_field: str = "date"
    url_field: str = "url"
    source_field: str = "source"
    strict: bool = False
    batch_size: int = 16  # texts per NER batch: small batches keep both workers busy to the end
    jobs: int = 1
    cache: str | os.PathLike | None = None  # path of the extraction cache; None: no cache
    exact: bool = False  # exact betweenness on large graphs
    scheduler: str | None = None  # a Dask scheduler's address (or local[:N]) to extract on; None: this machine
    since: str | None = None  # only documents dated from this day (a year, month or day: see timeline.parse_range)
    until: str | None = None  # ... to this one; with either, undated documents are left out
    period: str = "auto"  # what ties are counted by over time: auto, day, week or month (see timeline.py)
    keep_duplicates: bool = False  # count syndicated copies (see dedup.py) as articles of their own
    coref: bool = False  # ties through pronouns and descriptions ("he", "the company"): see coref.py
    progress: "Progress | None" = None  # told where the build is (the CLI draws it); None: nobody is told


@dataclass(slots=True)
class DocRecord:
    """What a build keeps of one document: ids and offsets, never the text; its metadata and length
    (read from the corpus on every build, never cached)."""

    id: str
    sentences: list[Sentence]
    mentions: list[Mention]
    definitions: list[tuple[str, str]]
    digest: str = ""
    meta: dict = field(default_factory=dict)
    chars: int = 0
    signature: bytes | None = None  # its MinHash signature (dedup.py), cached with it
    signed: bool = False  # whether ``signature`` was computed (None then: a text too short to sign)
    group: str = ""  # the original of its group of syndicated copies ("" when it has no copy)
    refs: list[tuple] = field(default_factory=list)  # pronouns and descriptions (coref.referring_expressions)

    def to_cache(self) -> dict:
        rec = {"s": [[s.start, s.end, s.para] for s in self.sentences],
               "m": [[m.start, m.end, m.text, m.label, m.sent, m.title, m.cue, m.initial, m.role]
                     + ([m.state] if m.state else []) for m in self.mentions],
               "d": [list(d) for d in self.definitions], "r": [list(r) for r in self.refs]}
        if self.signed:  # "" for a text too short to sign: a rebuild need not try again
            rec["h"] = base64.b64encode(self.signature).decode("ascii") if self.signature is not None else ""
        return rec

    @classmethod
    def from_cache(cls, doc_id: str, rec: dict, digest: str = "") -> "DocRecord":
        return cls(doc_id, [Sentence(*s) for s in rec["s"]],
                   [Mention(doc_id, *m[:9], state=m[9] if len(m) > 9 else "") for m in rec["m"]],
                   [tuple(d) for d in rec["d"]], digest,
                   signature=base64.b64decode(rec["h"]) if rec.get("h") else None, signed="h" in rec,
                   refs=[tuple(r) for r in rec.get("r", ())])


@dataclass
class BuildResult:
    """A built graph and the records behind it."""

    graph: nx.Graph
    mentions: list[dict] | None
    merges: list[dict] | None
    stats: dict
    documents: list[dict] | None = None  # one row a document: its metadata and counts (documents.csv)
    #: every measure of ``report`` on the graph as the build computed it (the query index reuses them)
    measures: Measures | None = None


def _alias_table(config: BuildConfig) -> AliasTable:
    table = default_alias_table() if config.default_aliases else AliasTable()
    for path in config.aliases:
        table.extend(load_alias_file(path))
    return table


def _model_identity(name: str) -> dict:
    """Name and version of a spaCy model without loading it (for the cache key)."""
    import json
    from importlib import metadata

    p = Path(name)
    if p.exists():
        meta = p / "meta.json"
        info = json.loads(meta.read_text("utf-8")) if meta.exists() else {}
        return {"model": str(p.resolve()), "version": info.get("version", ""), "mtime": meta.stat().st_mtime
                if meta.exists() else 0}
    for dist in (name, name.replace("_", "-")):
        try:
            return {"model": name, "version": metadata.version(dist)}
        except metadata.PackageNotFoundError:
            continue
    return {"model": name, "version": "unknown"}


def record_of(ex: ExtractedDoc) -> DocRecord:
    """The compact record of one extracted document (with the acronym and alias definitions it makes)."""
    defs = []
    for s, e in ex.regions:
        acronyms = find_acronym_definitions(ex.doc.text[s:e])
        defs.extend(acronyms)
        defs.extend(find_common_acronyms(ex.doc.text[s:e]))
        defs.extend(find_named_aliases(ex.doc.text[s:e]))
        join_defined_spans(ex.doc.text, s, e, ex.mentions, acronyms)
    return DocRecord(ex.doc.id, ex.sentences, ex.mentions, defs, refs=ex.refs)


def extraction_settings(model: str, patterns: tuple, rules) -> str:
    """The key of everything that shapes an extraction record: the model's name and version, the listed
    names, the boilerplate rules and the extraction code (the cache's key; a cluster's workers check it)."""
    return settings_key(**_model_identity(model), patterns=patterns,
                        rules=[(r.action, r.pattern.pattern) for r in rules])


def parse_types(types: str | Iterable[str], known: Iterable[str] | None = NAME_LABELS) -> tuple[str, ...]:
    """Entity types from "PERSON,org" or a list, upper-cased; ValueError for none at all or for a
    type not in ``known`` (by default the labels spaCy gives names, extract.NAME_LABELS; None takes
    any, for a graph made elsewhere).

    >>> parse_types("person, org,PERSON")
    ('PERSON', 'ORG')
    """
    items = types.split(",") if isinstance(types, str) else list(types)
    out = tuple(dict.fromkeys(str(t).strip().upper() for t in items if str(t).strip()))
    unknown = [t for t in out if known is not None and t not in known]
    if unknown or not out:
        what = f"unknown entity type {unknown[0]!r}" if unknown else "no entity type given"
        raise ValueError(f"{what}; choose from {', '.join(sorted(known))}" if known is not None else what)
    return out


class Progress:
    """Where a build is, told to whoever shows it: the library calls these methods and never prints;
    a front end (the CLI's progress bar) overrides them. This base class ignores everything.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Angela Merkel met Emmanuel Macron in Paris.")
    >>> class Log(Progress):
    ...     def stage(self, message): print(message)
    ...     def advance(self, n=1): print(f"+{n} document")
    >>> result = build([folder], BuildConfig(progress=Log()))
    +1 document
    resolving 3 names to entities
    connecting 3 entities
    centralities, communities and layout of 3 entities, 3 ties
    """

    def stage(self, message: str) -> None:
        """The build has entered a stage (resolving, connecting, analysing, writing ...)."""

    def start(self, total: int | None) -> None:
        """Extraction begins, of about ``total`` documents (None: unknown)."""

    def advance(self, n: int = 1) -> None:
        """``n`` more documents are extracted (or taken from the cache)."""

    def finish(self) -> None:
        """Extraction has ended (also when it stopped with an error)."""


def stage(config: BuildConfig, message: str) -> None:
    """Tell the build's Progress, if any, which stage the build is in."""
    if config.progress is not None:
        config.progress.stage(message)


def extract_records(paths, config: BuildConfig, table: AliasTable, rules, stats: dict,
                    lowercase: set[str] | None = None) -> list[DocRecord]:
    """Run (or fetch from the cache) the extraction of every document; return compact records.
    ``lowercase``, when given, receives every word the corpus writes in lowercase (for corpus_span_rules)."""
    options = corpus_options(config)
    model = config.model or default_model_name()
    patterns = listed_names(table)
    total = count_documents(paths)
    records: list[DocRecord] = []
    digests: dict[str, str] = {}
    read: dict[str, tuple[dict, int, bytes | None]] = {}  # id -> (metadata, characters, signature)
    cache = ExtractionCache(config.cache, extraction_settings(model, patterns, rules)) if config.cache else None
    dates = date_range(config)
    progress = config.progress or Progress()
    progress.start(total)
    extracted = 0
    try:
        def uncached():
            for doc in read_documents(paths, options):
                if dates is not None and day_of(doc.meta.get("date")) not in dates:
                    stats["out_of_range"] = stats.get("out_of_range", 0) + 1
                    progress.advance()
                    continue
                digest = text_hash(doc.text)
                if lowercase is not None:
                    lowercase.update(lowercase_words(doc.text))
                rec = cache.get(digest) if cache else None
                sig, signed = _signature(doc.text, rec, config.keep_duplicates)
                read[doc.id] = (doc.meta, len(doc.text), sig)
                if rec is not None:
                    if signed and "h" not in rec:  # a record cached before signatures, or by --keep-duplicates
                        rec["h"] = base64.b64encode(sig).decode("ascii") if sig is not None else ""
                        cache.put(digest, rec)
                    records.append(DocRecord.from_cache(doc.id, rec, digest))
                    progress.advance()
                    continue
                digests[doc.id] = digest
                yield doc

        with closing(_extract_missing(uncached(), config, model, patterns, rules, total, digests)) as fresh:
            for rec in fresh:
                rec.digest = digests.pop(rec.id)
                rec.signature, rec.signed = read[rec.id][2], not config.keep_duplicates
                records.append(rec)
                if cache:
                    cache.put(rec.digest, rec.to_cache())
                extracted += 1
                progress.advance()
    finally:
        progress.finish()
        if cache:
            cache.close()
    stats["extracted"] = extracted
    stats["cached"] = len(records) - extracted
    records.sort(key=lambda r: r.id)
    for r in records:
        r.meta, r.chars, r.signature = read[r.id]
    return records


def _signature(text: str, cached: dict | None, keep_duplicates: bool) -> tuple[bytes | None, bool]:
    """A document's MinHash signature, from its cache record when that has one, and whether it is known
    (a None signature that is known: a text too short to sign). With --keep-duplicates nothing is signed."""
    if cached is not None and "h" in cached:
        return (base64.b64decode(cached["h"]) if cached["h"] else None), True
    if keep_duplicates:
        return None, False
    return signature(text), True


def date_range(config: BuildConfig) -> DateRange | None:
    """The build's --since/--until as a DateRange; None when neither is given."""
    if not (config.since or config.until):
        return None
    try:
        return parse_range(config.since, config.until)
    except ValueError as exc:
        raise GraphbuildError(str(exc)) from None


def corpus_options(config: BuildConfig, strict: bool | None = None) -> CorpusOptions:
    """The reader's options of a build: its field names, and ``strict`` unless told otherwise."""
    return CorpusOptions(config.text_field, config.id_field, config.strict if strict is None else strict,
                         config.title_field, config.date_field, config.url_field, config.source_field)


def _extract_missing(docs: Iterator, config: BuildConfig, model: str, patterns: tuple, rules,
                     total: int | None, digests: dict[str, str] | None = None) -> Iterator[DocRecord]:
    """The records of ``docs``: on the Dask cluster of ``config.scheduler`` (see cluster.py; in the order
    tasks finish), else here, in ``config.jobs`` processes (in input order). The model is loaded, and
    a cluster reached, only when there is a document to extract. ``digests``: the documents' text digests
    by id, computed already for the cache (a cluster's tasks name them)."""
    first = next(docs, None)
    if first is None:
        return
    docs = chain([first], docs)
    if config.scheduler:
        from .cluster import ExtractSpec, connect, extract_on_cluster

        spec = ExtractSpec(model, patterns, tuple(rules), config.batch_size,
                           extraction_settings(model, patterns, rules), corpus_options(config, strict=False))
        with connect(config.scheduler) as client, \
                closing(extract_on_cluster(docs, spec, client, digests=digests)) as done:
            for doc_id, rec in done:
                yield DocRecord.from_cache(doc_id, rec)
        return
    nlp = load_model(model, patterns)
    if config.coref and "tagger" not in nlp.pipe_names:
        log.warning("model %s has no tagger: --coref cannot resolve pronouns or descriptions in the articles it "
                    "extracts (use a model with a tagger, such as en_core_web_sm)", model)
    jobs = 1 if total is not None and total < MULTIPROCESS_MIN_DOCS else max(1, config.jobs)
    for ex in extract_documents(docs, nlp, rules=rules, batch_size=config.batch_size, n_process=jobs):
        yield record_of(ex)


def listed_names(table: AliasTable) -> tuple[tuple[str, str], ...]:
    """The names NER is given as listed names ``(label, phrase)``: the alias table's and org_form_patterns'."""
    return tuple(sorted(set(table.ruler_patterns()) | set(org_form_patterns())))


def org_form_patterns() -> tuple[tuple[str, str], ...]:
    """The party and group names of data/org_forms.tsv of two words or more, singular and plural ("Liberal
    Democrats", "Lib Dem"), as listed names: found whole where the model keeps only "Democrats"."""
    from .lexicon import table as data_table

    out = set()
    for row in data_table("org_forms.tsv"):
        for name in row[:2]:
            if len(name.split()) >= 2:
                out.update({("ORG", name), ("ORG", name[:-1] if name.endswith("s") else name + "s")})
    return tuple(sorted(out))


def corpus_span_rules(mentions: list[list[Mention]], lowercase: set[str], fetch=None) -> None:
    """The span rules only the whole corpus can decide, applied in place to one list of mentions per
    document: "A and B" split where both are names elsewhere (split_conjoined), "American" + "Petroleum
    Institute" joined where the name is never written alone (join_demonym_names), "U.S. Firms" cut to the
    state (split_abbreviation_tails), sentence-initial common words dropped (drop_common_words;
    ``lowercase``: the words the corpus writes in lowercase), common words in capitals
    (drop_capital_words), and common words the model called persons (drop_word_persons: words the corpus
    writes in lowercase, and dictionary words never capitalised inside a sentence). ``fetch`` reads texts
    back from the corpus where a rule needs them (see _fetch_texts)."""
    split_conjoined(mentions)
    join_demonym_names(mentions, fetch)
    split_abbreviation_tails(mentions, lowercase)
    drop_common_words(mentions, lowercase)
    drop_capital_words(mentions, lowercase)
    drop_word_persons(mentions, lowercase, dictionary_words())


def _fetch_texts(paths, config: BuildConfig):
    """Read the evidence sentences back from the corpus (the texts are not kept in memory)."""
    options = corpus_options(config, strict=False)

    def fetch(needed: dict[str, set]) -> dict:
        out = {}
        if not needed:
            return out
        with quiet():  # the warnings were given on the first read
            for doc in read_documents(paths, options):
                spans = needed.get(doc.id)
                if spans:
                    for s, e in spans:
                        out[(doc.id, s, e)] = doc.text[s:e]
        return out

    return fetch


def inputs_key(records: list[DocRecord], config: BuildConfig, table: AliasTable, rules) -> str:
    """A digest of everything a build's outputs depend on: every document's content and id, the
    model, the alias files, the boilerplate rules and every option."""
    import hashlib
    import json

    from . import __version__

    h = hashlib.sha256()
    h.update(json.dumps({
        "version": __version__, "code": code_digest(),
        "model": _model_identity(config.model or default_model_name()),
        "types": sorted(config.types), "window": str(config.window), "min_weight": config.min_weight,
        "demonyms": config.demonyms, "exact": config.exact, "since": config.since, "until": config.until,
        "period": config.period, "keep_duplicates": config.keep_duplicates, "coref": config.coref,
        "aliases": [(e.name, e.type, e.aliases, e.drop, e.authoritative) for e in table.entries],
        "rules": [(r.action, r.pattern.pattern) for r in rules],
    }, sort_keys=True, default=str).encode())
    for r in records:
        h.update(f"{r.id}\0{r.digest}\n".encode("utf-8", "surrogatepass"))
        if r.meta:  # an edited title or date rewrites the outputs too
            h.update(json.dumps(r.meta, sort_keys=True, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def build(paths: Iterable[str | os.PathLike], config: BuildConfig | None = None,
          up_to_date: Callable[[str], bool] | None = None) -> BuildResult:
    """Read, clean, extract, resolve and connect the articles under ``paths`` (files and folders:
    .txt/.md, JSONL, CSV, gzipped or not); return the graph with the mention and merge records
    behind it and the build's figures.

    ``up_to_date`` is called with the digest of all inputs (see inputs_key) once the documents are
    read; when it returns True the build stops there and the result has no graph (the outputs
    written from the same inputs are still valid).

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> text = "Angela Merkel met Emmanuel Macron in Paris. Later, Merkel said they agreed."
    >>> _ = (folder / "a.txt").write_text(text)
    >>> _ = (folder / "b.txt").write_text("Emmanuel Macron spoke in Berlin.")
    >>> result = build([folder], BuildConfig(types=("PERSON", "GPE")))
    >>> result.stats["documents"], result.stats["entities"], result.stats["edges"]
    (2, 4, 4)
    >>> result.graph.nodes["person:angela-merkel"]["mentions"]
    2
    >>> [(m["form"], m["rule"]) for m in result.merges if m["entity"] == "person:angela-merkel"]
    [('Angela Merkel', 'exact'), ('Merkel', 'surname')]
    """
    config = config or BuildConfig()
    paths = list(paths)
    t0 = time.perf_counter()
    window, types = _checked(config)
    table = _alias_table(config)
    rules = load_rules(config.boilerplate)
    stats: dict = {}
    lowercase: set[str] = set()
    records = extract_records(paths, config, table, rules, stats, lowercase)
    if not records:
        if stats.get("out_of_range"):
            raise GraphbuildError(f"no article dated in {date_range(config)}: {stats['out_of_range']} read, none in "
                                  "range or dated to the day (see documents.csv of a build without --since/--until)")
        raise GraphbuildError("no readable articles in the input (see the warnings above)")
    t_extract = time.perf_counter()
    stats["inputs"] = inputs_key(records, config, table, rules)
    if up_to_date is not None and up_to_date(stats["inputs"]):
        stats.update({"documents": len(records), "up_to_date": True,
                      "seconds": round(time.perf_counter() - t0, 2)})
        return BuildResult(None, None, None, stats)

    if not config.keep_duplicates:
        _mark_copies(records, stats)
    corpus_span_rules([r.mentions for r in records], lowercase, _fetch_texts(paths, config))
    all_mentions = [m for r in records for m in r.mentions]
    definitions = [(r.id, a, l) for r in records for a, l in r.definitions]
    stage(config, f"resolving {len(all_mentions):,} names to entities")
    res = resolve(all_mentions, definitions, ResolveConfig(aliases=table, demonyms=config.demonyms))
    entities = {k: e for k, e in res.entities.items() if e.type in types}

    corefs = None
    if config.coref:
        stage(config, "resolving pronouns and descriptions")
        corefs = coreference(records, all_mentions, res)
    stage(config, f"connecting {len(entities):,} entities")
    G, mention_records = _connect(records, res.assign, entities, window, config, paths, corefs)
    # centralities, the layout and the communities are independent: side by side on a large graph
    stage(config, f"centralities, communities and layout of {G.number_of_nodes():,} entities, "
                   f"{G.number_of_edges():,} ties")
    values, sampled, pos, report_measures = _analyse(G, config)
    set_node_values(G, values)
    add_viz(G, pos=pos)
    merges = _kept_merges(res.merges, entities, types)
    documents = document_rows(records, mention_records)
    stats.update({
        "documents": len(records),
        "mentions": len(mention_records),
        "entities": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "sampled": sampled,
        "extract_seconds": round(t_extract - t0, 2),
        "seconds": round(time.perf_counter() - t0, 2),
    })
    return BuildResult(G, mention_records, merges, stats, documents, report_measures)


def _checked(config: BuildConfig) -> tuple[WindowSpec, set[str]]:
    """The window and the set of entity types of ``config``, once every option is checked (one error line
    for the first bad one)."""
    try:
        window = config.window if isinstance(config.window, WindowSpec) else parse_window(config.window)
        types = set(parse_types(config.types))
    except ValueError as exc:
        raise GraphbuildError(str(exc)) from None
    if config.period != "auto" and config.period not in PERIODS:
        raise GraphbuildError(f"period must be auto, {', '.join(PERIODS)}, not {config.period!r}")
    date_range(config)
    if config.demonyms not in ("map", "drop", "keep"):
        raise GraphbuildError(f"demonyms must be map, drop or keep, not {config.demonyms!r}")
    return window, types


def _mark_copies(records: list[DocRecord], stats: dict) -> None:
    """Set the ``group`` of every record in a group of syndicated copies (see dedup.py) to its original's id,
    and count the groups and copies in ``stats``."""
    by_id = {r.id: r for r in records}
    grouped = groups({r.id: r.signature for r in records},
                     {r.id: d for r in records if (d := day_of(r.meta.get("date"))) is not None})
    for doc_id, original in grouped.items():
        by_id[doc_id].group = original
    stats["groups"] = len(set(grouped.values()))
    stats["copies"] = len(grouped) - stats["groups"]


def document_rows(records: list[DocRecord], mention_records: list[dict]) -> list[dict]:
    """One row a document, in id order: its id and metadata (title, date, url, source: "" when it has
    none), the original of its group of syndicated copies ("" when it has no copy), its length in
    characters, its sentences, and the mentions and distinct entities of the kept types in it.

    >>> from .extract import Sentence
    >>> rec = DocRecord("a.txt", [Sentence(0, 12, 0)], [], [], meta={"date": "2024-01-31"}, chars=12)
    >>> document_rows([rec], [{"doc": "a.txt", "entity": "gpe:iran"}, {"doc": "a.txt", "entity": "gpe:iran"}])
    [{'id': 'a.txt', 'title': '', 'date': '2024-01-31', 'url': '', 'source': '', 'group': '', 'characters': 12, \
'sentences': 1, 'mentions': 2, 'entities': 1}]
    """
    mentions: dict[str, int] = {}
    entities: dict[str, set] = {}
    for m in mention_records:
        if "via" in m:  # a pronoun or description counts apart (coref_mentions of the entity)
            continue
        mentions[m["doc"]] = mentions.get(m["doc"], 0) + 1
        entities.setdefault(m["doc"], set()).add(m["entity"])
    return [{"id": r.id, **{k: r.meta.get(k, "") for k in META_KEYS}, "group": r.group, "characters": r.chars,
             "sentences": len(r.sentences), "mentions": mentions.get(r.id, 0), "entities": len(entities.get(r.id, ()))}
            for r in records]


def coreference(records: list[DocRecord], mentions: list[Mention], res) -> list[list[tuple[Mention, str]]]:
    """The coreferent mentions of each record, with their entities (see coref.py); none in syndicated copies.
    ``mentions``: every record's mentions in order, ``res``: their Resolution."""
    types = {k: e.type for k, e in res.entities.items()}
    sexes = entity_sexes(mentions, res.assign, types)
    return [[] if is_copy(r) else resolve_references(r.refs, named, types, sexes, r.id, [s.start for s in r.sentences])
            for r, named in _paired(records, res.assign, lambda eid: eid is not None)]


def _paired(records: list[DocRecord], assign: list, keep: Callable[[str | None], bool]) -> list[tuple]:
    """``(record, [(mention, entity), ...])`` of each record, ``assign`` giving the entity of every mention of
    ``records`` in order, the mentions whose entity ``keep`` takes."""
    ids = iter(assign)
    return [(r, [(m, eid) for m in r.mentions if keep(eid := next(ids))]) for r in records]


def _mention_record(m: Mention, eid: str, entities: dict, r: DocRecord) -> dict:
    """The mentions.jsonl record of a mention (a coreferent one has ``via`` and its ``antecedent``)."""
    return {"doc": m.doc, "start": m.start, "end": m.end, "text": m.text, "label": m.label, "entity": eid,
            "type": entities[eid].type, **({"role": m.role} if m.role else {}),
            **({"via": m.via, "antecedent": list(m.antecedent)} if m.via else {}),
            **({"copy_of": r.group} if is_copy(r) else {})}


def _connect(records: list[DocRecord], assign: list, entities: dict, window: WindowSpec, config: BuildConfig,
             paths, corefs: list[list[tuple[Mention, str]]] | None = None) -> tuple[nx.Graph, list[dict]]:
    """The co-occurrence graph of the kept entities, and the mention records of their mentions
    (``assign`` is the entity of every mention of ``records``, in order; ``corefs``, with --coref, the
    coreferent mentions of each record, which count apart, in ``coref_mentions``). A syndicated copy
    (``group`` naming another document) is in no window and counts in no entity's mentions: its original
    counts for the group, and the original's evidence lists the copies."""
    mention_records: list[dict] = []
    per_record = _paired(records, assign, lambda eid: eid in entities)
    refs = [[(m, eid) for m, eid in c if eid in entities] for c in corefs] if corefs is not None else None
    for k, (r, assigned) in enumerate(per_record):
        both = sorted(assigned + refs[k], key=lambda p: p[0].start) if refs else assigned
        mention_records.extend(_mention_record(m, eid, entities, r) for m, eid in both)
    originals = [(r, assigned) for r, assigned in per_record if not is_copy(r)]
    if len(originals) < len(per_record):
        entities = _counted_once(entities, originals)
    if refs is not None:
        counts = Counter(eid for c in refs for _, eid in c)
        entities = {k: replace(e, coref_mentions=counts.get(k, 0)) for k, e in entities.items()}
        originals = [(r, assigned + c) for (r, assigned), c in zip(per_record, refs) if not is_copy(r)]
    days = {r.id: d for r, _ in originals if (d := day_of(r.meta.get("date"))) is not None}
    copies: dict[str, list[dict]] = {}
    for r in records:
        if is_copy(r):
            copies.setdefault(r.group, []).append({"doc": r.id, **r.meta})
    G = cooccurrence_graph(((r.id, None, r.sentences, assigned) for r, assigned in originals), entities,
                           window=window, min_weight=config.min_weight, fetch_texts=_fetch_texts(paths, config),
                           doc_meta={r.id: r.meta for r in records if r.meta}, doc_days=days,
                           period=choose_period(days.values(), config.period), copies=copies)
    return G, mention_records


def is_copy(r: DocRecord) -> bool:
    """True for a syndicated copy of another document (see dedup.py)."""
    return bool(r.group) and r.group != r.id


def _counted_once(entities: dict, originals: list) -> dict:
    """The entities with their mentions and documents counted in the originals only (an entity named
    only in copies keeps its counts)."""
    mentions: dict[str, int] = {}
    documents: dict[str, int] = {}
    for _, assigned in originals:
        for eid in {eid for _, eid in assigned}:
            documents[eid] = documents.get(eid, 0) + 1
        for _, eid in assigned:
            mentions[eid] = mentions.get(eid, 0) + 1
    return {k: replace(e, mentions=mentions[k], documents=documents[k]) if k in mentions else e
            for k, e in entities.items()}


def _kept_merges(merges: list[dict], entities: dict, types: set[str]) -> list[dict]:
    """The merge rows of the kept entities and of the types left out (said so in their rule)."""
    kept = [m for m in merges if not m["entity"] or m["entity"] in entities or m["type"] not in types]
    for m in kept:
        if m["entity"] and m["entity"] not in entities:
            m["rule"] = f"{m['rule']} (type {m['type']} not in --types)"
    return kept


#: Graphs with fewer entities are analysed in one process.
PARALLEL_MIN_NODES = 500


def _analyse(G: nx.Graph, config: BuildConfig) -> tuple[dict, list[str], dict, Measures]:
    """Centralities and communities of G's nodes (``{attribute: {node: value}}``), the names of the
    sampled measures, the nodes' positions, and every measure of ``report`` as it computes them."""
    jobs = min(3, config.jobs) if G.number_of_nodes() >= PARALLEL_MIN_NODES else 1
    (m, report_measures), pos, communities = run_side_by_side(
        [lambda: _centralities(G, config.exact), lambda: layout(G), lambda: community_numbers(G)], jobs)
    return {**m.values, "community": communities}, m.sampled, pos, report_measures


def _centralities(G: nx.Graph, exact: bool) -> tuple[Measures, Measures]:
    """The measures stored on the nodes (NODE_MEASURES, exact if asked), and all of ``report``'s
    measures as ``report`` computes them (sampled on a large graph) for the query index."""
    stored = measures(G, NODE_MEASURES, exact)
    report = measures(G, [m for m in MEASURES if m not in NODE_MEASURES or (exact and is_sampled(G, m))])
    values = {m: report.values[m] if m in report.values else stored.values[m] for m in MEASURES}
    return stored, Measures(values, [m for m in MEASURES if is_sampled(G, m)], measures_key(G))


def build_graph(paths: Iterable[str | os.PathLike], config: BuildConfig | None = None) -> nx.Graph:
    """Build the entity co-occurrence graph of the articles under ``paths`` (see :func:`build`).

    >>> import json, pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Angela Merkel met Emmanuel Macron in Paris.")
    >>> G = build_graph([folder])
    >>> sorted(G.nodes(data="type"))
    [('gpe:paris', 'GPE'), ('person:angela-merkel', 'PERSON'), ('person:emmanuel-macron', 'PERSON')]
    >>> tie = G.edges["person:angela-merkel", "person:emmanuel-macron"]
    >>> tie["weight"], json.loads(tie["evidence"])[0]["text"]
    (1, 'Angela Merkel met Emmanuel Macron in Paris.')
    """
    return build(paths, config).graph
