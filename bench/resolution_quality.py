"""Resolution quality: CoNLL-2003 spans, Re-DocRED alias clusters and relation ties, a Reuters hand gold.

Usage: python bench/resolution_quality.py [--only conll|redocred|reuters] [--limit N] [--json]
                                          [--code PATH] [--details] [--model NAME] [--jobs N]

graphbuild is imported the ordinary way (PYTHONPATH first, else the installed copy); the first line
printed names the package used. Elapsed wall-clock seconds are printed per section and in all.

Systems, side by side:
- "raw spaCy": the model alone (graphbuild.extract.load_model without alias patterns), its spans as given.
- "graphbuild": the code imported, default aliases.
- "graphbuild --no-default-aliases": BuildConfig(default_aliases=False) (CoNLL: an empty AliasTable).
- "previous release" (with --code PATH): this script's own "graphbuild" figures, run in a subprocess with
  PYTHONPATH=PATH and --json (one JSON line on stdout); the child must import graphbuild from PATH.

1. CoNLL-2003 dev (eng.testa), exactly as bench/ner_quality.py (its functions are imported): each
   -DOCSTART- block is one document (tokens joined by spaces, one sentence a line); span-level exact-match
   precision, recall and F1 for PER, ORG, LOC and ALL (micro over the three), PERSON->PER, ORG->ORG,
   GPE/LOC/FAC->LOC, MISC and every other label left out on both sides. graphbuild's spans are the
   cleaned mentions typed by resolution, demonyms kept as NORP (not mapped to their state).

2. Re-DocRED dev (../shared/eval/redocred-dev.json, the first --limit documents): each document's text
   is its sentences' tokens joined with single spaces, the sentences joined with newlines; gold mention
   offsets are computed on that text. Gold mentions are the distinct (start, end) spans of type PER, ORG
   or LOC (a span listed twice in one entity counts once; a span of two entities would be left out).
   All documents are one build: a temporary JSONL file (ids redocred-NNN), BuildConfig(types=PERSON,
   ORG,GPE,LOC,FAC,NORP) and otherwise the defaults (sentence window, min weight 1, demonyms mapped to
   their state unless --demonyms says otherwise: Re-DocRED mostly keeps "French" (LOC) and "France"
   apart, so mapping counts as wrong merges there).
   A gold mention is "found" when the system has a mention with exactly its offsets (graphbuild: a record
   of BuildResult.mentions, i.e. after span clean-up); "found" prints found / gold mentions.
   (a) Alias pairs: every unordered pair of found gold mentions of one document. Gold says "same" when
       both are in one vertexSet entity, the system when both have one entity id. P = pairs both call
       same / pairs the system calls same; R = the same / pairs gold calls same; pooled over documents.
   (b) Relation edges: a document's distinct unordered gold entity pairs {h, t} with at least one
       relation in `labels` (several relations between two entities, or both directions, count once),
       kept when both entities are found (at least one found mention each, hence a PER/ORG/LOC one).
       Recall = the share of those for which some entity A of a found mention of h and B of a found
       mention of t, A != B, are tied in the graph by that very document (a window of the document holds
       both). Two gold entities merged into one are a miss. "ties" = edges of the graph (raw spaCy: the
       sum of the documents' ties, its entities being per document); "ties/doc" = mean over documents
       of the ties each document supports. Of the edges missed, the bench counts those whose two
       entities no sentence names together (by the gold mentions of every type), and of those the ones
       with the document's first-named entity (what "he" and "it" mostly refer to in these articles):
       a limit on what coreference (--coref) can add.
   With --coref the builds resolve pronouns and descriptions (BuildConfig.coref) and their mentions join
   the documents' windows; the alias pairs count name mentions only.
   Which documents support a tie: an edge keeps `documents` (a count) and at most MAX_EVIDENCE evidence
   records, so the graph cannot tell for ties with more documents. They are recomputed with graphbuild's
   own functions: after the build, pipeline.extract_records reads the extraction records (sentences,
   each mention's sentence) back from the extraction cache the build has just filled, each mention gets
   its entity from BuildResult.mentions, and graph.cooccurrence_graph runs on each document alone with
   the build's window: its edges are that document's ties. Checked: every such tie is an edge of the
   graph, and per edge the number of documents found equals its `documents`; a mismatch is printed.
   raw spaCy: the model's entities with those six labels on the same texts; mentions with the same exact
   text in a document are one entity; ties join distinct entities with mentions in one spaCy sentence.

3. Reuters hand golds (bench/reuters_gold.py, when present; its docstring says how it scores), one section
   per file of bench/gold/: the articles its selection block picks (select_articles(corpus, selection),
   100 held-out articles), written as input by its write_jsonl, are built
   with BuildConfig() (default types, jobs from --jobs) and with default_aliases=False, and the totals
   of score(result, load_gold()) are printed (found, alias mentions, splits, split entities, wrong
   merges, junk, wrong types, wrong labels, missed); its details only with --details. --limit keeps
   the first N selected articles (the gold then counts entities of the others as missed).
   raw spaCy has no row there (the gold scores a BuildResult).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from bisect import bisect_right
from collections import Counter, defaultdict
from contextlib import contextmanager
from itertools import combinations
from pathlib import Path
from typing import Any, Iterable, Iterator

import networkx as nx

import graphbuild
from graphbuild.aliases import AliasTable, default_alias_table
from graphbuild.extract import load_model
from graphbuild.pipeline import BuildConfig, BuildResult, build

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared"
CONLL = SHARED / "eval" / "conll2003-dev.txt"
REDOCRED = SHARED / "eval" / "redocred-dev.json"
REUTERS = SHARED / "corpus" / "reuters21578.jsonl.gz"
SECTIONS = ("conll", "redocred", "reuters")
SYSTEMS = {"raw": "raw spaCy", "graphbuild": "graphbuild", "no-aliases": "graphbuild --no-default-aliases"}
PREVIOUS = "previous release"
GOLD_TYPES = ("PER", "ORG", "LOC")
#: spaCy labels that cover gold PER/ORG/LOC, so that the type option filters no found mention.
BUILD_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")
REUTERS_TOTALS = ("found", "alias_mentions", "splits", "split_entities", "wrong_merges", "junk", "wrong_types",
                  "wrong_labels", "missed")
Span = tuple[int, int]


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def gb_config(system: str, **fields: Any) -> BuildConfig:
    return BuildConfig(default_aliases=system != "no-aliases", **fields)


# --- 1. CoNLL-2003 ---------------------------------------------------------------------------------

def conll_section(systems: list[str], args: argparse.Namespace) -> dict:
    """{system: {PER|ORG|LOC|ALL: [P, R, F1]}} and the counts."""
    # imported here, after graphbuild: ner_quality puts this checkout first on sys.path
    import ner_quality as nq

    docs = list(nq.read_conll(CONLL))[: args.limit]
    gold = {(d, s, e, t) for d, _, g in docs for (s, e, t) in g}
    out: dict = {}
    for system in systems:
        log(f"conll: {SYSTEMS[system]}")
        if system == "raw":
            pred = nq.raw_spacy(docs, args.model)
        else:
            table = default_alias_table() if system == "graphbuild" else AliasTable()
            pred = nq.graphbuild_spans(docs, args.model, table)
        out[SYSTEMS[system]] = {t: list(v) for t, v in nq.prf(pred, gold).items()}
    return {"documents": len(docs), "gold": len(gold), "systems": out}


def print_conll(sec: dict) -> None:
    cols = GOLD_TYPES + ("ALL",)
    print(f"CoNLL-2003 dev: {sec['documents']} documents, {sec['gold']} gold PER/ORG/LOC spans "
          "(span P/R/F1, exact match)")
    print(f"{'':34}" + "".join(f"{t:>22}" for t in cols))
    print(f"{'':34}" + "".join(f"{'P     R     F1':>22}" for _ in cols))
    for name, r in sec["systems"].items():
        print(f"{name:34}" + "".join(f"{r[t][0]:>10.3f}{r[t][1]:6.3f}{r[t][2]:6.3f}" for t in cols))


# --- 2. Re-DocRED: gold ------------------------------------------------------------------------------

def redocred_doc(i: int, raw: dict) -> dict:
    """One document: id, text, gold {span: entity index} (PER/ORG/LOC) and relation pairs."""
    starts: list[list[int]] = []
    lines, pos = [], 0
    for sent in raw["sents"]:
        offs = []
        for tok in sent:
            offs.append(pos)
            pos += len(tok) + 1  # a space after each token; the last one's is the newline
        starts.append(offs + [pos])
        lines.append(" ".join(sent))
    spans: dict[Span, set[int]] = defaultdict(set)
    for k, ent in enumerate(raw["vertexSet"]):
        for m in ent:
            if m["type"] in GOLD_TYPES:
                a, b = m["pos"]
                offs = starts[m["sent_id"]]
                spans[(offs[a], offs[b] - 1)].add(k)
    mentions = {span: next(iter(ks)) for span, ks in spans.items() if len(ks) == 1}
    pairs = {frozenset((r["h"], r["t"])) for r in raw["labels"] if r["h"] != r["t"]}
    sents = [{m["sent_id"] for m in ent} for ent in raw["vertexSet"]]  # the sentences naming each entity
    first = min(range(len(raw["vertexSet"])),
                key=lambda k: min((m["sent_id"], m["pos"][0]) for m in raw["vertexSet"][k]))
    return {"id": f"redocred-{i:03d}", "text": "\n".join(lines), "mentions": mentions, "pairs": pairs,
            "sents": sents, "first": first}


def load_redocred(limit: int | None) -> list[dict]:
    raw = json.loads(REDOCRED.read_text("utf-8"))[:limit]
    docs = [redocred_doc(i, d) for i, d in enumerate(raw)]
    for d in docs:  # the offsets must point at the gold names (tokens joined by single spaces)
        for (s, e) in d["mentions"]:
            assert d["text"][s:e] == d["text"][s:e].strip() and e > s, (d["id"], s, e)
    return docs


# --- 2. Re-DocRED: systems ---------------------------------------------------------------------------

def raw_spacy_redocred(docs: list[dict], model: str | None) -> dict:
    """Mentions {doc: {span: entity}} and ties {doc: {frozenset pair}} of the model alone."""
    nlp = load_model(model)
    mentions: dict[str, dict[Span, str]] = {}
    ties: dict[str, set[frozenset]] = {}
    for d, sdoc in zip(docs, nlp.pipe(d["text"] for d in docs)):
        found, by_sent = {}, defaultdict(set)
        for ent in sdoc.ents:
            if ent.label_ in BUILD_TYPES:
                found[(ent.start_char, ent.end_char)] = ent.text
                by_sent[ent.sent.start].add(ent.text)
        mentions[d["id"]] = found
        ties[d["id"]] = {frozenset(p) for names in by_sent.values() for p in combinations(sorted(names), 2)}
    return {"mentions": mentions, "ties": ties, "total_ties": sum(len(t) for t in ties.values()), "checks": []}


@contextmanager
def temp_corpus(docs: Iterable[dict]) -> Iterator[Path]:
    """A temporary folder with corpus.jsonl ({"id", "text"} a line); removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="gb-resq-") as tmp:
        path = Path(tmp) / "corpus.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for d in docs:
                fh.write(json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False) + "\n")
        yield path


def doc_ties(paths: list[Path], config: BuildConfig, result: BuildResult) -> dict[str, set[frozenset]]:
    """The ties each document supports, recomputed as the module docstring says (from the cache)."""
    from graphbuild import extract, pipeline
    from graphbuild.graph import cooccurrence_graph, parse_window
    from graphbuild.resolve import Entity

    stats: dict = {}
    args = (paths, config, pipeline._alias_table(config), pipeline.load_rules(config.boilerplate), stats)
    if hasattr(pipeline, "corpus_span_rules"):  # the build's corpus-wide span rules, after the cache
        lowercase: set = set()
        records = pipeline.extract_records(*args, lowercase)
        pipeline.corpus_span_rules([r.mentions for r in records], lowercase)
    else:
        records = pipeline.extract_records(*args)
        if hasattr(extract, "split_conjoined"):  # releases that split "A and B" only
            extract.split_conjoined([r.mentions for r in records])
    if stats.get("extracted"):
        raise RuntimeError(f"{stats['extracted']} documents were not in the build's extraction cache")
    entity_of = {(m["doc"], m["start"], m["end"]): m["entity"] for m in result.mentions if "via" not in m}
    referring = defaultdict(list)  # with --coref: the pronouns and descriptions of each document
    for m in result.mentions:
        if "via" in m:
            referring[m["doc"]].append(m)
    window = parse_window(config.window)
    ties = {}
    for r in records:
        assigned = [(m, entity_of[(m.doc, m.start, m.end)]) for m in r.mentions
                    if (m.doc, m.start, m.end) in entity_of]
        starts = [s.start for s in r.sentences]
        assigned += [(extract.Mention(r.id, m["start"], m["end"], m["text"], "", bisect_right(starts, m["start"]) - 1,
                                      via=m["via"]), m["entity"]) for m in referring[r.id]]
        entities = {eid: Entity(eid, eid, "", [], 0, 0) for _, eid in assigned}
        g = cooccurrence_graph([(r.id, None, r.sentences, assigned)], entities, window=window,
                               min_weight=1, max_evidence=0, fetch_texts=lambda needed: {})
        ties[r.id] = {frozenset(e) for e in g.edges}
    return ties


def tie_checks(G: nx.Graph, ties: dict[str, set[frozenset]]) -> list[str]:
    """Disagreements between the per-document ties and the graph (none expected)."""
    per_edge = Counter(t for ts in ties.values() for t in ts)
    problems = [f"tie {sorted(t)} of a document is not an edge of the graph" for t in per_edge
                if not G.has_edge(*t)]
    for u, v, n in G.edges(data="documents"):
        if per_edge.get(frozenset((u, v)), 0) != n:
            problems.append(f"edge {u} -- {v}: documents={n}, recomputed {per_edge.get(frozenset((u, v)), 0)}")
    return problems


def graphbuild_redocred(docs: list[dict], system: str, args: argparse.Namespace) -> dict:
    config = gb_config(system, types=BUILD_TYPES, model=args.model, jobs=args.jobs, demonyms=args.demonyms,
                       coref=args.coref)
    with temp_corpus(docs) as path:
        config.cache = path.parent / "extraction.sqlite"
        result = build([path], config)
        ties = doc_ties([path], config, result)
    mentions: dict[str, dict[Span, str]] = defaultdict(dict)
    for m in result.mentions:
        if "via" not in m:  # alias pairs count name mentions only
            mentions[m["doc"]][(m["start"], m["end"])] = m["entity"]
    return {"mentions": mentions, "ties": ties, "total_ties": result.graph.number_of_edges(),
            "checks": tie_checks(result.graph, ties)}


# --- 2. Re-DocRED: scores ----------------------------------------------------------------------------

def prf(tp: int, n_pred: int, n_gold: int) -> list[float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return [p, r, 2 * p * r / (p + r) if p + r else 0.0]


def score_redocred(docs: list[dict], system: dict) -> dict:
    """Pair P/R/F1, relation-edge recall and tie counts of one system (see the module docstring)."""
    c: Counter = Counter()
    for d in docs:
        pred = system["mentions"].get(d["id"], {})
        found = [(g, pred[span]) for span, g in d["mentions"].items() if span in pred]
        c["gold"] += len(d["mentions"])
        c["found"] += len(found)
        for (g1, p1), (g2, p2) in combinations(found, 2):
            c["tp"] += g1 == g2 and p1 == p2
            c["gold_same"] += g1 == g2
            c["pred_same"] += p1 == p2
        ents: dict[int, set[str]] = defaultdict(set)
        for g, p in found:
            ents[g].add(p)
        tied = system["ties"].get(d["id"], set())
        for pair in d["pairs"]:
            h, t = tuple(pair)
            if ents[h] and ents[t]:
                c["eligible"] += 1
                hit = any(a != b and frozenset((a, b)) in tied for a in ents[h] for b in ents[t])
                c["hits"] += hit
                if not hit and not d["sents"][h] & d["sents"][t]:  # never named in one sentence
                    c["missed_apart"] += 1
                    c["missed_apart_first"] += d["first"] in (h, t)
    n = max(1, len(docs))
    return {"gold_mentions": c["gold"], "found": c["found"], "pairs_gold_same": c["gold_same"],
            "pairs_pred_same": c["pred_same"], "pair_prf": prf(c["tp"], c["pred_same"], c["gold_same"]),
            "relation_edges": c["eligible"], "relation_hits": c["hits"],
            "relation_recall": c["hits"] / c["eligible"] if c["eligible"] else 0.0,
            "missed_apart": c["missed_apart"], "missed_apart_first": c["missed_apart_first"],
            "ties": system["total_ties"],
            "ties_per_doc": sum(len(system["ties"].get(d["id"], ())) for d in docs) / n,
            "check_failures": len(system["checks"]), "checks": system["checks"][:10]}


def redocred_section(systems: list[str], args: argparse.Namespace) -> dict:
    docs = load_redocred(args.limit)
    out = {}
    for system in systems:
        log(f"redocred: {SYSTEMS[system]}")
        found = raw_spacy_redocred(docs, args.model) if system == "raw" else graphbuild_redocred(docs, system, args)
        out[SYSTEMS[system]] = score_redocred(docs, found)
    return {"documents": len(docs), "relation_pairs": sum(len(d["pairs"]) for d in docs),
            "demonyms": args.demonyms, "systems": out}


FP_CHECK = HERE / "gold" / "redocred_fp_check.jsonl"


def fp_check() -> tuple[int, int, str] | None:
    """(judged, same, about) of the hand check of sampled false-positive pairs, or None without the file."""
    if not FP_CHECK.exists():
        return None
    head = json.loads(FP_CHECK.read_text("utf-8").splitlines()[0])
    return head["judged"], head["same"], head["about"]


def print_redocred(sec: dict) -> None:
    print(f"Re-DocRED dev: {sec['documents']} documents, {sec['relation_pairs']} gold relation edges "
          f"(entity pairs); pairs over found gold PER/ORG/LOC mentions; demonyms {sec['demonyms']}")
    print(f"{'':34}{'found':>13}{'pairs P     R     F1':>26}{'rel. edges recall':>24}{'ties':>9}{'ties/doc':>10}")
    for name, r in sec["systems"].items():
        p, rc, f = r["pair_prf"]
        print(f"{name:34}{r['found']:>6}/{r['gold_mentions']:<6}{p:>14.3f}{rc:6.3f}{f:6.3f}"
              f"{r['relation_hits']:>8}/{r['relation_edges']:<6}{r['relation_recall']:>7.3f}"
              f"{r['ties']:>12}{r['ties_per_doc']:>10.1f}")
    for name, r in sec["systems"].items():
        if "missed_apart" in r:
            print(f"  {name}: of {r['relation_edges'] - r['relation_hits']} relation edges missed, "
                  f"{r['missed_apart']} join entities that no sentence names together (gold mentions), "
                  f"{r['missed_apart_first']} of them with the article's first-named entity")
    check = fp_check()
    if check and "graphbuild" in sec["systems"]:
        judged, same, _ = check
        r = sec["systems"]["graphbuild"]
        tp = r["pair_prf"][0] * r["pairs_pred_same"]
        fp = r["pairs_pred_same"] - tp
        print(f"  hand check ({FP_CHECK.name}): {same} of {judged} sampled false-positive pairs name one entity; "
              f"counting that share of graphbuild's {fp:.0f} as right, pair precision would be "
              f"{(tp + fp * same / judged) / r['pairs_pred_same']:.3f}")
    for name, r in sec["systems"].items():
        if r["check_failures"]:
            print(f"  {r['check_failures']} tie checks failed ({name}), the first: " + "; ".join(r["checks"]))


# --- 3. Reuters hand gold ----------------------------------------------------------------------------

def bench_module(name: str):
    """A module of this folder (bench/), or None when its file is missing."""
    import importlib

    if str(HERE) not in sys.path:
        sys.path.insert(1, str(HERE))
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        return None


def write_articles(rg: Any, articles: list, path: Path) -> None:
    """The selected articles as graphbuild input, written as reuters_gold writes them when it can."""
    if hasattr(rg, "write_jsonl"):
        rg.write_jsonl(articles, path)
        return
    with path.open("w", encoding="utf-8") as fh:
        for a in articles:
            fh.write(json.dumps({"id": str(a["id"]), "text": a["text"]}, ensure_ascii=False) + "\n")


GOLDS = sorted((HERE / "gold").glob("reuters_*.yaml"))  # the entity golds (not duplicates_verdicts.yaml)


def reuters_sections(systems: list[str], args: argparse.Namespace) -> dict:
    """One section per gold file of bench/gold ("reuters NAME"), see reuters_section."""
    if bench_module("reuters_gold") is None:
        return {"reuters": {"missing": str(HERE / "reuters_gold.py")}}
    return {f"reuters {g.stem}": reuters_section(systems, args, g) for g in GOLDS}


def reuters_section(systems: list[str], args: argparse.Namespace, gold_path: Path) -> dict:
    """{"systems": {system: {"totals": {...}, "details": [...] only with --details}}}."""
    t0 = time.perf_counter()
    rg = bench_module("reuters_gold")
    gold = rg.load_gold(gold_path)
    articles = list(rg.select_articles(REUTERS, gold.get("selection")))[: args.limit]
    sec: dict = {"documents": len(articles), "entities": len(gold.get("entities", ())), "systems": {},
                 "gold": gold_path.name, "selection": gold.get("selection", {}).get("rule", "")}
    if gold.get("articles") and [str(a["id"]) for a in articles] != [str(i) for i in gold["articles"]]:
        sec["warning"] = "the articles differ from the gold's list" + (" (--limit)" if args.limit else "")
    with tempfile.TemporaryDirectory(prefix="gb-resq-") as tmp:
        path = Path(tmp) / "reuters.jsonl"
        write_articles(rg, articles, path)
        for system in (s for s in systems if s != "raw"):
            log(f"reuters {gold_path.stem}: {SYSTEMS[system]}")
            scored = dict(rg.score(build([path], gb_config(system, model=args.model, jobs=args.jobs,
                                                           coref=args.coref)), gold))
            details = scored.pop("details", None)
            row = {"totals": scored.get("totals", scored)}
            if args.details:
                row["details"] = details
            sec["systems"][SYSTEMS[system]] = row
    sec["seconds"] = round(time.perf_counter() - t0, 1)
    return sec


def print_reuters(sec: dict, details: bool) -> None:
    if "missing" in sec:
        print(f"Reuters hand gold: {sec['missing']} is missing; section skipped")
        return
    rows = sec["systems"]
    keys = [k for k in REUTERS_TOTALS if any(k in r["totals"] for r in rows.values())]
    keys += [k for k in dict.fromkeys(k for r in rows.values() for k in r["totals"]) if k not in keys + ["entities"]]
    print(f"Reuters hand gold {sec.get('gold', '')}: {sec['documents']} articles ({sec.get('selection', '')}), "
          f"{sec['entities']} gold entities (found and alias_mentions: higher is better; the rest are errors)")
    if sec.get("warning"):
        print(f"  warning: {sec['warning']}")
    print(f"{'':34}" + "".join(f"{k:>{len(k) + 2}}" for k in keys))
    for name, r in rows.items():
        print(f"{name:34}" + "".join(f"{str(r['totals'].get(k, '-')):>{len(k) + 2}}" for k in keys))
    print("  (raw spaCy: no row, the gold scores a build's entities)")
    for name, r in rows.items():
        if details and "details" in r:
            print(f"details, {name}:")
            for line in r["details"] if isinstance(r["details"], list) else [r["details"]]:
                print(f"    {line}")


# --- running and printing ----------------------------------------------------------------------------

RUNNERS = {"conll": conll_section, "redocred": redocred_section, "reuters": reuters_sections}


def run_sections(args: argparse.Namespace, systems: list[str]) -> dict:
    report: dict = {"graphbuild": str(Path(graphbuild.__file__).resolve().parent),
                    "version": getattr(graphbuild, "__version__", "?"), "sections": {}}
    for name in ([args.only] if args.only else SECTIONS):
        t0 = time.perf_counter()
        found = RUNNERS[name](systems, args)
        for key, sec in (found.items() if name == "reuters" else [(name, found)]):
            sec.setdefault("seconds", round(time.perf_counter() - t0, 1))
            report["sections"][key] = sec
    return report


def child_command(args: argparse.Namespace) -> list[str]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--json", "--systems", "graphbuild",
           "--jobs", str(args.jobs)]
    for flag, value in (("--only", args.only), ("--limit", args.limit), ("--model", args.model),
                        ("--demonyms", args.demonyms)):
        if value is not None:
            cmd += [flag, str(value)]
    return cmd + (["--details"] if args.details else [])


def run_previous(args: argparse.Namespace) -> dict:
    """This script's graphbuild figures for the checkout at --code, from a subprocess."""
    code = Path(args.code).resolve()
    log(f"previous release: running against {code}")
    env = {**os.environ, "PYTHONPATH": str(code)}
    proc = subprocess.run(child_command(args), env=env, stdout=subprocess.PIPE, text=True)
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    if proc.returncode or not lines:
        sys.exit(f"--code {code}: the run failed (exit {proc.returncode})")
    report = json.loads(lines[-1])
    if not Path(report["graphbuild"]).is_relative_to(code):
        sys.exit(f"--code {code}: the run imported graphbuild from {report['graphbuild']}")
    git = subprocess.run(["git", "-C", str(code), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    report["commit"] = git.stdout.strip() if git.returncode == 0 else ""
    return report


def merge_previous(report: dict, prev: dict) -> None:
    """Put the child's "graphbuild" rows in as "previous release", after raw spaCy."""
    report["previous"] = {k: prev.get(k) for k in ("graphbuild", "version", "commit")}
    for name, sec in report["sections"].items():
        theirs = prev["sections"].get(name, {})
        if "systems" not in sec or "graphbuild" not in theirs.get("systems", {}):
            continue
        rows = dict(sec["systems"])
        ordered = {k: v for k, v in rows.items() if k == SYSTEMS["raw"]}
        ordered[PREVIOUS] = theirs["systems"]["graphbuild"]
        ordered.update({k: v for k, v in rows.items() if k != SYSTEMS["raw"]})
        sec["systems"] = ordered
        sec["seconds_previous"] = theirs.get("seconds")


def print_report(report: dict, args: argparse.Namespace) -> None:
    print(f"graphbuild {report['version']} from {report['graphbuild']}")
    if "previous" in report:
        p = report["previous"]
        print(f"{PREVIOUS}: graphbuild {p['version']} from {p['graphbuild']} (commit {p['commit'] or '?'})")
    printers = {"conll": print_conll, "redocred": print_redocred,
                "reuters": lambda sec: print_reuters(sec, args.details)}
    for name, sec in report["sections"].items():
        print()
        printers[name.split()[0]](sec)
        extra = f", previous release {sec['seconds_previous']} s" if sec.get("seconds_previous") else ""
        print(f"({sec['seconds']} s{extra})")
    print(f"\nelapsed {report['seconds']} s")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=SECTIONS, help="run one section")
    ap.add_argument("--limit", type=int, default=None, help="first N documents of each set (quick tries)")
    ap.add_argument("--json", action="store_true", help="print the report as one JSON line")
    ap.add_argument("--code", metavar="PATH", help="also run the graphbuild figures for the checkout at PATH")
    ap.add_argument("--details", action="store_true", help="print the Reuters gold's details")
    ap.add_argument("--model", default=None, help="spaCy model (default: graphbuild's)")
    ap.add_argument("--jobs", type=int, default=1, help="NER processes of the builds (BuildConfig.jobs)")
    ap.add_argument("--demonyms", choices=("map", "drop", "keep"), default="map",
                    help="BuildConfig.demonyms of the Re-DocRED builds (default: map, the build default)")
    ap.add_argument("--coref", action="store_true", help="graphbuild builds with BuildConfig.coref (--coref)")
    ap.add_argument("--systems", default=",".join(SYSTEMS),
                    help=f"comma-separated, of {', '.join(SYSTEMS)} (default: all)")
    args = ap.parse_args(argv)
    args.system_keys = [s.strip() for s in args.systems.split(",") if s.strip()]
    unknown = [s for s in args.system_keys if s not in SYSTEMS]
    if unknown or not args.system_keys:
        ap.error(f"--systems: choose from {', '.join(SYSTEMS)}")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    t0 = time.perf_counter()
    prev = run_previous(args) if args.code else None
    report = run_sections(args, args.system_keys)
    if prev is not None:
        merge_previous(report, prev)
    report["seconds"] = round(time.perf_counter() - t0, 1)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, default=str))
    else:
        print_report(report, args)


if __name__ == "__main__":
    main()
