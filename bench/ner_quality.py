"""NER quality on CoNLL-2003 dev (eng.testa): graphbuild's mentions and types vs raw spaCy.

Usage: python bench/ner_quality.py [--conll ../shared/eval/conll2003-dev.txt] [--model NAME]

Each -DOCSTART- block is one document (tokens joined by spaces, one sentence a line). Span-level
exact-match precision, recall and F1 for PER, ORG and LOC (PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC;
other labels and CoNLL's MISC are left out on both sides). graphbuild's figures use the span after
clean-up (no "the", possessive or title) and the type that resolution decided for the mention's
entity. Demonyms are kept as NORP here (--demonyms keep): CoNLL tags nationalities MISC, and mapping
"Iranian" to the state is a graph decision, not an NER one.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graphbuild import extract, pipeline  # noqa: E402
from graphbuild.aliases import AliasTable, default_alias_table  # noqa: E402
from graphbuild.corpus import Document  # noqa: E402
from graphbuild.extract import extract_documents, load_model  # noqa: E402
from graphbuild.resolve import ResolveConfig, resolve  # noqa: E402

MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
TYPES = ("PER", "ORG", "LOC")


def read_conll(path: Path):
    """Yield (doc_id, text, gold spans {(start, end, type)})."""
    docs, sents, sent = [], [], []
    for line in path.read_text("utf-8").splitlines() + ["-DOCSTART- -X- O O"]:
        if line.startswith("-DOCSTART-"):
            if sent:
                sents.append(sent)
            if sents:
                docs.append(sents)
            sents, sent = [], []
        elif not line.strip():
            if sent:
                sents.append(sent)
            sent = []
        else:
            tok, *_, tag = line.split()
            sent.append((tok, tag))
    for i, sents in enumerate(docs):
        text, gold, pos = [], set(), 0
        for s in sents:
            cur = None
            for j, (tok, tag) in enumerate(s):
                start = pos
                pos += len(tok)
                kind = tag[2:] if tag != "O" else None
                begins = tag.startswith("B-") or (kind and (cur is None or cur[2] != kind))
                if cur and (kind is None or begins):
                    gold.add(tuple(cur))
                    cur = None
                if kind and cur is None:
                    cur = [start, pos, kind]
                elif kind:
                    cur[1] = pos
                pos += 1  # the space (or the newline after the last token)
            if cur:
                gold.add(tuple(cur))
            text.append(" ".join(t for t, _ in s))
        yield f"conll-{i:03d}", "\n".join(text), {g for g in gold if g[2] in TYPES}


def prf(pred: set, gold: set) -> dict:
    out = {}
    for t in TYPES + ("ALL",):
        p = {x for x in pred if t == "ALL" or x[-1] == t}
        g = {x for x in gold if t == "ALL" or x[-1] == t}
        tp = len(p & g)
        prec = tp / len(p) if p else 0.0
        rec = tp / len(g) if g else 0.0
        out[t] = (prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return out


def raw_spacy(docs, model):
    nlp = load_model(model)
    pred = set()
    for doc_id, text, _ in docs:
        for ent in nlp(text).ents:
            if ent.label_ in MAP:
                pred.add((doc_id, ent.start_char, ent.end_char, MAP[ent.label_]))
    return pred


def graphbuild_spans(docs, model, table: AliasTable):
    listed = pipeline.listed_names(table) if hasattr(pipeline, "listed_names") else table.ruler_patterns()
    nlp = load_model(model, listed)
    documents = [Document(d, t) for d, t, _ in docs]
    per_doc = [ex.mentions for ex in extract_documents(documents, nlp)]
    if hasattr(pipeline, "corpus_span_rules"):  # the build's corpus-wide span rules
        lowercase = set().union(*(extract.lowercase_words(t) for _, t, _ in docs))
        pipeline.corpus_span_rules(per_doc, lowercase)
    elif hasattr(extract, "split_conjoined"):  # as the build did (releases before it had no such step)
        extract.split_conjoined(per_doc)
    mentions = [m for doc in per_doc for m in doc]
    res = resolve(mentions, (), ResolveConfig(aliases=table, demonyms="keep"))
    pred = set()
    for m, eid in zip(mentions, res.assign):
        if eid is None:
            continue
        t = MAP.get(res.entities[eid].type)
        if t:
            pred.add((m.doc, m.start, m.end, t))
    return pred


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--conll", type=Path, default=ROOT.parent / "shared" / "eval" / "conll2003-dev.txt")
    ap.add_argument("--model", default=None)
    args = ap.parse_args(argv)
    if not args.conll.exists():
        sys.exit(f"{args.conll}: not found (pass --conll PATH)")
    docs = list(read_conll(args.conll))
    gold = {(d, s, e, t) for d, _, g in docs for (s, e, t) in g}
    print(f"{len(docs)} documents, {len(gold)} gold PER/ORG/LOC spans")
    rows = []
    t0 = time.perf_counter()
    rows.append(("raw spaCy", prf(raw_spacy(docs, args.model), gold)))
    rows.append(("graphbuild", prf(graphbuild_spans(docs, args.model, default_alias_table()), gold)))
    rows.append(("graphbuild --no-default-aliases", prf(graphbuild_spans(docs, args.model, AliasTable()), gold)))
    print(f"{'':34}" + "".join(f"{t:>22}" for t in TYPES + ("ALL",)))
    print(f"{'':34}" + "".join(f"{'P     R     F1':>22}" for _ in TYPES + ("ALL",)))
    for name, r in rows:
        print(f"{name:34}" + "".join(f"{r[t][0]:>10.3f}{r[t][1]:6.3f}{r[t][2]:6.3f}" for t in TYPES + ("ALL",)))
    print(f"({time.perf_counter() - t0:.1f} s)")


if __name__ == "__main__":
    main()
