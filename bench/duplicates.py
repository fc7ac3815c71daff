"""Syndicated copies on Reuters-21578: how many groups graphbuild's near-duplicate detection finds, what
it costs, and the precision of a sample of 20 groups checked by hand.

Usage: python bench/duplicates.py [--corpus PATH] [--verdicts PATH] [--show]

Signs every article with graphbuild.dedup.signature and groups them with graphbuild.dedup.groups with
their dates (what a build does), then prints: articles, articles long enough to sign, groups, copies, group sizes,
seconds. The sample is 20 groups spread evenly over the groups in order of their original's id; for
each, the pair (original, first copy) with its estimated and exact Jaccard similarity of shingles.
The verdicts file (bench/gold/duplicates_verdicts.yaml) says for each sampled pair whether it is the
same story (a copy) or not, written by reading both texts in full; the bench prints the precision of
the sample from it, and says so when the sample has pairs the file has no verdict for. --show prints
both texts of every sampled pair, to write verdicts.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

try:
    from graphbuild import dedup
except ImportError:  # a checkout without graphbuild installed: use the one next to bench/
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from graphbuild import dedup
from graphbuild.meta import iso_date
from graphbuild.timeline import day_of

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "reuters21578.jsonl.gz"
DEFAULT_VERDICTS = Path(__file__).resolve().parent / "gold" / "duplicates_verdicts.yaml"
SAMPLE = 20


def read_records(path: Path) -> dict[str, dict]:
    """``{id: record}`` of the articles with a text."""
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        records = (json.loads(line) for line in f if line.strip())
        return {str(r["id"]): r for r in records if r.get("text")}


def shingles(text: str) -> set[str]:
    words = dedup._WORD.findall(text.lower())
    n = dedup.SHINGLE_WORDS
    return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}


def exact_jaccard(a: str, b: str) -> float:
    x, y = shingles(a), shingles(b)
    return len(x & y) / max(1, len(x | y))


def sample_pairs(grouped: dict[str, str], k: int = SAMPLE) -> list[tuple[str, str]]:
    """(original, first copy by id) of k groups spread evenly over the groups in original-id order."""
    members: dict[str, list[str]] = {}
    for doc, original in grouped.items():
        if doc != original:
            members.setdefault(original, []).append(doc)
    originals = sorted(members, key=lambda d: (len(d), d))
    picked = [originals[i * len(originals) // k] for i in range(min(k, len(originals)))]
    return [(o, sorted(members[o], key=lambda d: (len(d), d))[0]) for o in picked]


def boundary_pairs(grouped: dict[str, str], sigs: dict, k: int = SAMPLE) -> list[tuple[str, str]]:
    """(original, copy) of the k pairs of a copy and its original least alike (the threshold's edge)."""
    pairs = [(o, d) for d, o in grouped.items() if d != o]
    return sorted(pairs, key=lambda p: (dedup.similarity(sigs[p[0]], sigs[p[1]]), p))[:k]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--verdicts", type=Path, default=DEFAULT_VERDICTS)
    ap.add_argument("--show", action="store_true", help="print both texts of every sampled pair")
    args = ap.parse_args(argv)
    records = read_records(args.corpus)
    texts = {d: r["text"] for d, r in records.items()}
    t0 = time.perf_counter()
    sigs = {d: dedup.signature(t) for d, t in texts.items()}
    days = {d: day for d, r in records.items() if (day := day_of(iso_date(str(r.get("date") or "")))) is not None}
    t1 = time.perf_counter()
    grouped = dedup.groups(sigs, days)
    t2 = time.perf_counter()
    sizes = Counter(Counter(grouped.values()).values())
    n_groups = sum(sizes.values())
    print(f"articles {len(texts):,}; signed (>= {dedup.MIN_SHINGLES} shingles) "
          f"{sum(s is not None for s in sigs.values()):,}; threshold {dedup.THRESHOLD} (estimated Jaccard of "
          f"{dedup.SHINGLE_WORDS}-word shingles, {dedup.NUM_PERM} permutations)")
    print(f"groups {n_groups:,}; copies counted once {len(grouped) - n_groups:,}; group sizes "
          + ", ".join(f"{s}: {c}" for s, c in sorted(sizes.items())))
    print(f"seconds: signatures {t1 - t0:.2f} ({(t1 - t0) / max(1, len(texts)) * 1e3:.3f} ms an article), "
          f"grouping {t2 - t1:.2f}")
    verdicts = yaml.safe_load(args.verdicts.read_text("utf-8")) if args.verdicts.exists() else {}
    verdicts = {(str(v["original"]), str(v["copy"])): v for v in (verdicts or {}).get("pairs", [])}
    for name, pairs in (("spread evenly over the groups", sample_pairs(grouped)),
                        ("least alike (the threshold's edge)", boundary_pairs(grouped, sigs))):
        right = judged = 0
        print(f"\nsample of {SAMPLE} pairs, {name} (original, copy: estimated / exact Jaccard, verdict)")
        for o, c in pairs:
            v = verdicts.get((o, c))
            est, exact = dedup.similarity(sigs[o], sigs[c]), exact_jaccard(texts[o], texts[c])
            print(f"  {o:>6} {c:>6}  {est:.2f} / {exact:.2f}  {v['verdict'] if v else 'NO VERDICT'}"
                  f"{'  (' + v['note'] + ')' if v and v.get('note') else ''}")
            if v:
                judged += 1
                right += v["verdict"] == "copy"
            if args.show:
                print(f"--- {o} {records[o].get('date')}\n{texts[o]}\n--- {c} {records[c].get('date')}\n{texts[c]}\n")
        if judged:
            print(f"precision of the sample: {right}/{judged} = {right / judged:.2f}"
                  + ("" if judged == SAMPLE else f" (only {judged} of {SAMPLE} pairs have a verdict)"))
        else:
            print(f"no verdicts in {args.verdicts}: run with --show and write them")
    return 0


if __name__ == "__main__":
    sys.exit(main())
