"""Entity resolution against a hand-written gold on 100 held-out Reuters-21578 articles.

Usage: python bench/reuters_gold.py [--corpus PATH] [--gold PATH] [--details]

The gold (bench/gold/reuters_untuned.yaml) lists the 40 most mentioned entities of 100 articles
that no rule was tuned on, with their aliases, the look-alike forms they must never merge with,
and junk forms that name no entity. main() builds the 100 articles twice (with and without the
default alias table) and prints totals: splits, wrong merges, junk nodes, wrong types, wrong
labels and missed entities. --details also prints which gold entities failed how (this names
entities of the held-out articles: keep it away from anyone tuning the rules).

Other bench scripts can import select_articles, load_gold and score. Surface forms are compared
with graphbuild.text.match_key.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

import yaml

try:
    from graphbuild.text import match_key
except ImportError:  # a checkout without graphbuild installed: use the one next to bench/
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from graphbuild.text import match_key

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = Path(__file__).resolve().parent / "gold" / "reuters_untuned.yaml"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "reuters21578.jsonl.gz"
#: The default selection (the dev gold's): id % mod == rest, at least min_chars of text, count spread.
DEFAULT_SELECTION = {"mod": 10, "rest": 7, "min_chars": 1500, "count": 100}
TOTALS = ("found", "alias_mentions", "splits", "wrong_merges", "junk", "wrong_types", "wrong_labels", "missed")


def _read_records(path: Path) -> Iterator[dict]:
    """The JSON objects of a (possibly gzipped) JSONL file."""
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def is_held_out(record: dict, selection: dict | None = None) -> bool:
    """True for the articles a gold's selection sets aside (default: id ending in 7, 1,500+ characters)."""
    sel = {**DEFAULT_SELECTION, **(selection or {})}
    return int(record["id"]) % sel["mod"] == sel["rest"] and len(record.get("text") or "") >= sel["min_chars"]


def spread(items: list, k: int) -> list:
    """k items taken evenly over ``items`` (every len/k-th, starting with the first)."""
    n = len(items)
    if n < k:
        raise ValueError(f"only {n} items, {k} wanted")
    return [items[i * n // k] for i in range(k)]


def select_articles(corpus_path: str | Path = DEFAULT_CORPUS, selection: dict | None = None) -> list[dict]:
    """A gold's articles, in id order: the held-out articles of the corpus (see is_held_out), sorted by
    id, then ``count`` of them spread evenly over that list. ``selection`` is the gold's
    ``selection`` block (mod, rest, min_chars, count); missing keys take DEFAULT_SELECTION's."""
    sel = {**DEFAULT_SELECTION, **(selection or {})}
    held = sorted((r for r in _read_records(Path(corpus_path)) if is_held_out(r, sel)), key=lambda r: int(r["id"]))
    return spread(held, sel["count"])


# --- gold ----------------------------------------------------------------------------------------


def load_gold(path: str | Path = DEFAULT_GOLD) -> dict:
    """The gold file as a dict (articles, entities, junk); ValueError when an entity lacks a label,
    a type or aliases."""
    with open(path, encoding="utf-8") as f:
        gold = yaml.safe_load(f)
    if not isinstance(gold, dict) or not isinstance(gold.get("entities"), list):
        raise ValueError(f"{path}: no 'entities' list")
    for i, ent in enumerate(gold["entities"]):
        missing = [k for k in ("label", "type", "aliases") if not ent.get(k)]
        if missing:
            raise ValueError(f"{path}: entity {i} ({ent.get('label', '?')}) has no {', '.join(missing)}")
    gold.setdefault("junk", [])
    problems = form_conflicts([GoldEntity.from_dict(e) for e in gold["entities"]], junk_keys(gold))
    if problems:
        raise ValueError(f"{path}: " + "; ".join(problems))
    return gold


def form_conflicts(ents: list["GoldEntity"], junk: frozenset[str]) -> list[str]:
    """Forms the gold contradicts itself on: an alias of two entities, an alias that is another
    entity's ambiguous form or a junk form, a form both forbidden and ambiguous for one entity."""
    problems = []
    owner: dict[str, str] = {}
    for ent in ents:
        for key in sorted(ent.aliases):
            if key in owner:
                problems.append(f"alias {key!r} of both {owner[key]} and {ent.label}")
            owner[key] = ent.label
        problems += [f"{ent.label}: {k!r} both forbidden and ambiguous" for k in sorted(ent.forbidden & ent.ambiguous)]
    for ent in ents:
        problems += [f"{ent.label}: ambiguous {k!r} is an alias of {owner[k]}" for k in sorted(ent.ambiguous)
                     if k in owner]
    problems += [f"junk {k!r} is an alias of {owner[k]}" for k in sorted(junk) if k in owner]
    return problems


@dataclass(frozen=True)
class GoldEntity:
    """One gold entity with its forms folded by match_key."""

    label: str
    type: str
    labels: frozenset[str]
    aliases: frozenset[str]
    forbidden: frozenset[str]
    ambiguous: frozenset[str]
    docs: frozenset[str] | None

    @classmethod
    def from_dict(cls, ent: dict) -> "GoldEntity":
        def keys(forms: Iterable[Any]) -> frozenset[str]:
            return frozenset(match_key(str(f)) for f in forms or ())

        docs = ent.get("docs")
        return cls(ent["label"], ent["type"], keys([ent["label"], *ent.get("accept_labels", [])]),
                   keys(ent["aliases"]), keys(ent.get("forbidden")), keys(ent.get("ambiguous")),
                   frozenset(str(d) for d in docs) if docs else None)

    def names(self, mention: dict) -> bool:
        """True when the mention's text is an alias of this entity in one of its articles."""
        return match_key(mention["text"]) in self.aliases and (self.docs is None or str(mention["doc"]) in self.docs)


def junk_keys(gold: dict) -> frozenset[str]:
    """The junk forms of the gold, folded (entries are {form, reason} or plain strings)."""
    return frozenset(match_key(str(j["form"] if isinstance(j, dict) else j)) for j in gold.get("junk", ()))


# --- scoring -------------------------------------------------------------------------------------


@dataclass
class _Nodes:
    """What scoring needs of the built graph: per node its label, type and mention forms."""

    label: dict[str, str]
    type: dict[str, str]
    forms: dict[str, Counter]

    @classmethod
    def of(cls, result: Any) -> "_Nodes":
        forms: dict[str, Counter] = defaultdict(Counter)
        texts: dict[str, Counter] = defaultdict(Counter)
        types: dict[str, str] = {}
        for m in result.mentions:
            if "via" in m:  # a pronoun or description (--coref) is no form of the entity's name
                continue
            forms[m["entity"]][match_key(m["text"])] += 1
            texts[m["entity"]][" ".join(m["text"].split())] += 1
            types.setdefault(m["entity"], m.get("type") or m.get("label") or "")
        graph = getattr(result, "graph", None)
        attrs = dict(graph.nodes(data=True)) if graph is not None else {}
        labels, out_types = {}, {}
        for node in set(forms) | set(attrs):
            a = attrs.get(node) or {}
            labels[node] = str(a.get("label") or _most_common(texts.get(node)) or node)
            out_types[node] = str(a.get("type") or types.get(node, ""))
        return cls(labels, out_types, forms)


def _most_common(counts: Counter | None) -> str:
    """The most frequent key of a counter ('' for none)."""
    return counts.most_common(1)[0][0] if counts else ""


def _hits(mentions: list[dict], ents: list[GoldEntity]) -> dict[int, Counter]:
    """For each gold entity (by index), how many of its alias mentions each node received."""
    hits: dict[int, Counter] = defaultdict(Counter)
    for m in mentions:
        for i, ent in enumerate(ents):
            if ent.names(m):
                hits[i][m["entity"]] += 1
    return hits


def _splits(ents: list[GoldEntity], hits: dict[int, Counter], nodes: _Nodes) -> tuple[int, int, list[str]]:
    """Extra nodes over all gold entities, the number of split entities, and details."""
    extra, split, details = 0, 0, []
    for i, ent in enumerate(ents):
        spread_over = hits.get(i) or {}
        if len(spread_over) > 1:
            extra += len(spread_over) - 1
            split += 1
            parts = ", ".join(f"{nodes.label[n]!r} ({c})" for n, c in _ranked(spread_over))
            details.append(f"split: {ent.label} over {len(spread_over)} nodes: {parts}")
    return extra, split, details


def _ranked(counts: Counter | dict) -> list[tuple[str, int]]:
    """Nodes by falling count, then by id (deterministic)."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))


def _wrong_merges(ents: list[GoldEntity], hits: dict[int, Counter], nodes: _Nodes) -> tuple[int, list[str]]:
    """Nodes holding alias mentions of two or more gold entities, or an alias of one with one of its
    forbidden forms; each node counts once."""
    per_node: dict[str, set[int]] = defaultdict(set)
    for i, counts in hits.items():
        for node in counts:
            per_node[node].add(i)
    count, details = 0, []
    for node in sorted(per_node, key=str):
        golds = sorted(per_node[node])
        forms = set(nodes.forms.get(node, ()))
        mixed = [ents[i].label for i in golds]
        bad = {ents[i].label: sorted(forms & ents[i].forbidden) for i in golds if forms & ents[i].forbidden}
        if len(mixed) > 1 or bad:
            count += 1
            what = []
            if len(mixed) > 1:
                what.append("gold " + " + ".join(mixed))
            what += [f"{lab} + forbidden {', '.join(fs)}" for lab, fs in bad.items()]
            details.append(f"wrong merge: node {nodes.label[node]!r}: {'; '.join(what)}")
    return count, details


def _junk(gold: dict, nodes: _Nodes) -> tuple[int, list[str]]:
    """Nodes whose label or any mention text is a junk form."""
    keys = junk_keys(gold)
    count, details = 0, []
    for node in sorted(nodes.label, key=str):
        found = (set(nodes.forms.get(node, ())) | {match_key(nodes.label[node])}) & keys
        if found:
            count += 1
            details.append(f"junk: node {nodes.label[node]!r} ({nodes.type[node]}) holds {', '.join(sorted(found))}")
    return count, details


def _main_nodes(ents: list[GoldEntity], hits: dict[int, Counter], nodes: _Nodes) -> dict[str, Any]:
    """Type and label of the node that received most of each found entity's mentions; missed
    entities."""
    out: dict[str, Any] = {"found": 0, "wrong_types": 0, "wrong_labels": 0, "missed": 0, "details": []}
    for i, ent in enumerate(ents):
        if not hits.get(i):
            out["missed"] += 1
            out["details"].append(f"missed: {ent.label} ({ent.type}): no mention with an alias")
            continue
        out["found"] += 1
        node = _ranked(hits[i])[0][0]
        if nodes.type[node] != ent.type:
            out["wrong_types"] += 1
            out["details"].append(f"wrong type: {ent.label}: node {nodes.label[node]!r} is {nodes.type[node]}, "
                                  f"gold {ent.type}")
        if match_key(nodes.label[node]) not in ent.labels:
            out["wrong_labels"] += 1
            out["details"].append(f"wrong label: {ent.label}: node labelled {nodes.label[node]!r}")
    return out


def score(result: Any, gold: dict) -> dict:
    """Score a graphbuild BuildResult against the gold.

    Returns the totals (entities, found, alias_mentions: gold alias mentions the build kept, splits,
    split_entities, wrong_merges, junk, wrong_types, wrong_labels, missed) and ``details``, one
    string per failure. Mentions of nodes missing from the graph are scored with what the mentions
    say (their type, their most common text).
    """
    if getattr(result, "mentions", None) is None:
        raise ValueError("the result has no mentions (was the build skipped as up to date?)")
    ents = [GoldEntity.from_dict(e) for e in gold["entities"]]
    nodes = _Nodes.of(result)
    hits = _hits(result.mentions, ents)
    splits, split_entities, split_details = _splits(ents, hits, nodes)
    merges, merge_details = _wrong_merges(ents, hits, nodes)
    junk, junk_details = _junk(gold, nodes)
    primary = _main_nodes(ents, hits, nodes)
    return {"entities": len(ents), "found": primary["found"],
            "alias_mentions": sum(sum(c.values()) for c in hits.values()),
            "splits": splits, "split_entities": split_entities,
            "wrong_merges": merges, "junk": junk, "wrong_types": primary["wrong_types"],
            "wrong_labels": primary["wrong_labels"], "missed": primary["missed"],
            "details": split_details + merge_details + junk_details + primary["details"]}


# --- command line --------------------------------------------------------------------------------


def write_jsonl(records: list[dict], path: Path) -> None:
    """Write the articles as graphbuild input (id, text, title, date)."""
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            row = {"id": str(r["id"]), "text": r["text"], "title": r.get("title", ""), "date": r.get("date", "")}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def _row(name: str, cells: dict) -> str:
    """One line of the totals table."""
    return f"{name:<20}" + "".join(f"{cells[k]:>{len(k) + 2}}" for k in TOTALS)


def main(argv: list[str] | None = None) -> int:
    from graphbuild.pipeline import BuildConfig, build

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="reuters21578.jsonl.gz")
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--details", action="store_true", help="print each failure (names held-out entities)")
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        sys.exit(f"{args.corpus}: not found (pass --corpus PATH)")
    gold = load_gold(args.gold)
    records = select_articles(args.corpus, gold.get("selection"))
    ids = [int(r["id"]) for r in records]
    if gold.get("articles") and ids != [int(i) for i in gold["articles"]]:
        sys.exit(f"{args.gold}: the article ids differ from the selection; the corpus changed?")
    logging.getLogger("graphbuild").setLevel(logging.ERROR)
    configs = [("default aliases", BuildConfig(jobs=1)),
               ("no default aliases", BuildConfig(jobs=1, default_aliases=False))]
    print(f"{len(records)} articles, {len(gold['entities'])} gold entities, {len(gold['junk'])} junk forms")
    print(_row("build", {k: k for k in TOTALS}))
    with tempfile.TemporaryDirectory(prefix="reuters-gold-") as tmp:
        path = Path(tmp) / "reuters_untuned.jsonl"
        write_jsonl(records, path)
        for name, config in configs:
            totals = score(build([path], config), gold)
            print(_row(name, totals))
            if args.details:
                for line in totals["details"]:
                    print(f"    {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
