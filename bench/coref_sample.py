"""Coreference on Reuters-21578: how many links `build --coref` makes, and the precision of 50 links drawn
at random and judged by hand.

Usage: python bench/coref_sample.py [--slice D] [--corpus PATH] [--verdicts PATH] [--show]

Builds (library API, BuildConfig(coref=True), other options at their defaults) the first ARTICLES articles
with a text whose id ends in the digit --slice: 7 (the default) is the development slice, whose sampled
links were read while the rules were written (bench/gold/coref_verdicts.yaml); 1 is held out, drawn and
judged once after the rules were fixed (--slice 1 --verdicts bench/gold/coref_verdicts_heldout.yaml).
Prints the number of articles, name mentions, coreferent mentions (pronouns, descriptions) and the ties
they add (edges of the build that a build without --coref lacks). Then draws SAMPLE of the coreferent
mentions at random: those whose sha256 of "SEED:doc:start:end" is lowest (a link keeps its place in the
draw when the rules change others), and prints the precision of the verdicts file over them: a link is
right when the words refer to the entity it names (its label), judged by reading the article around it.
A sampled link without a verdict (the rules have changed since the verdicts were written) is counted and
printed as unjudged, never as right. --show prints each sampled link with its sentence and the
antecedent's, to write verdicts.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graphbuild.pipeline import BuildConfig, build  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "reuters21578.jsonl.gz"
DEFAULT_VERDICTS = Path(__file__).resolve().parent / "gold" / "coref_verdicts.yaml"
ARTICLES = 400
SAMPLE = 50
SEED = 12


def articles(path: Path, digit: str) -> list[dict]:
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r.get("text") and str(r["id"]).endswith(digit):
                out.append({"id": str(r["id"]), "title": r.get("title", ""), "date": r.get("date", ""),
                            "text": r["text"]})
                if len(out) == ARTICLES:
                    break
    return out


def draw_key(m: dict) -> str:
    """A link's place in the random draw: a hash of where it is (the same link keeps its place when the rules
    add or drop others, so verdicts carry over)."""
    return hashlib.sha256(f"{SEED}:{m['doc']}:{m['start']}:{m['end']}".encode()).hexdigest()


def sentence_around(text: str, start: int, end: int) -> str:
    a = max(text.rfind(".", 0, start) + 1, text.rfind("\n", 0, start) + 1, start - 300)
    b = min(x for x in (text.find(".", end), text.find("\n", end), end + 300) if x >= 0)
    return " ".join((text[a:start] + "[" + text[start:end] + "]" + text[end:b + 1]).split())


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--slice", default="7", choices=list("0123456789"), help="last digit of the ids (default 7)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--verdicts", type=Path, default=DEFAULT_VERDICTS)
    ap.add_argument("--show", action="store_true", help="print every sampled link with its context")
    args = ap.parse_args(argv)
    recs = articles(args.corpus, args.slice)
    texts = {r["id"]: r["text"] for r in recs}
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "reuters.jsonl"
        src.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
        cache = Path(tmp) / "cache.sqlite"
        with_coref = build([src], BuildConfig(coref=True, cache=cache))
        without = build([src], BuildConfig(cache=cache))
    links = sorted((m for m in with_coref.mentions if "via" in m), key=lambda m: (m["doc"], m["start"]))
    names = sum("via" not in m for m in with_coref.mentions)
    added = sum(1 for u, v in with_coref.graph.edges if not without.graph.has_edge(u, v))
    vias = {v: sum(m["via"] == v for m in links) for v in ("pronoun", "description")}
    print(f"{len(recs)} Reuters articles (ids ending in {args.slice}): {names:,} name mentions, "
          f"{len(links):,} coreferent ({vias['pronoun']:,} pronouns, {vias['description']:,} descriptions); ties "
          f"{without.graph.number_of_edges():,} -> {with_coref.graph.number_of_edges():,} (+{added:,})")
    sample = sorted(links, key=draw_key)[:SAMPLE]
    labels = {n: d["label"] for n, d in with_coref.graph.nodes(data=True)}
    verdicts = {}
    if args.verdicts.exists():
        for v in yaml.safe_load(args.verdicts.read_text(encoding="utf-8")) or []:
            verdicts[(str(v["doc"]), v["start"], v["end"], v["entity"])] = v["verdict"]
    right = wrong = unjudged = 0
    for k, m in enumerate(sample, 1):
        verdict = verdicts.get((m["doc"], m["start"], m["end"], m["entity"]))
        right += verdict == "right"
        wrong += verdict == "wrong"
        unjudged += verdict is None
        if args.show:
            text = texts[m["doc"]]
            a, b = m["antecedent"]
            print(f"\n{k}. - doc: '{m['doc']}'\n   start: {m['start']}\n   end: {m['end']}\n   text: {m['text']!r}\n"
                  f"   entity: {m['entity']}   # {labels.get(m['entity'], '')} ({m['via']})\n"
                  f"   # {sentence_around(text, m['start'], m['end'])}\n"
                  f"   # antecedent: {sentence_around(text, a, b)}\n   verdict: {verdict}")
    judged = right + wrong
    print(f"sample of {len(sample)} links (seed {SEED}): {right} right, {wrong} wrong, {unjudged} unjudged; "
          f"precision {right / judged if judged else 0:.2f} ({args.verdicts.name})")


if __name__ == "__main__":
    main()
