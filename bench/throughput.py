"""Throughput, cache and memory of `graphbuild build` on Reuters-21578, against bare spaCy NER.

Usage: python bench/throughput.py [-n 1000] [--all] [--repeat 3] [--jobs N] [--corpus PATH] [--scheduler ADDR] [--coref]

Takes the first N articles of ../shared/corpus/reuters21578.jsonl.gz (read from there, never copied
into the project) and prints, on the same texts and the same number of processes:
  - words/s of bare spaCy NER (the limit) and of the whole `graphbuild build` process;
  - the time of a second, cached build (target: at most 5% of the first), and of one with a changed
    option (the NER cache is reused, the graph and outputs are rebuilt);
  - peak resident memory of the build (with --all: at 1,000, 5,000 and 19,043 articles);
  - the time to add 10 new articles to a cached corpus of N;
  - with --scheduler (e.g. local:2), the same first build on that Dask cluster beside the local one
    (alternately, medians): its throughput as a share of the local build's, the client's peak memory,
    and whether the outputs are byte-identical.
Bare NER and the first build run --repeat times, alternately, and the medians are compared (a shared
machine varies 5-15% from run to run); every run's time is printed too. Numbers, not assertions: run
it on an idle machine.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graphbuild.pipeline import BuildConfig  # noqa: E402

BATCH = BuildConfig.batch_size  # bare spaCy gets graphbuild's batch size

# the console script itself (graphbuild.cli:main), with its peak memory reported from an atexit handler
WRAPPER = """
import atexit, json, resource, sys, time
t = time.perf_counter()

def report():
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    c = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"seconds": time.perf_counter() - t, "rss_main_kb": r, "rss_worker_kb": c}), file=sys.stderr)

atexit.register(report)
sys.argv = ["graphbuild", *sys.argv[1:]]
from graphbuild.cli import main
main()
"""


def load(corpus: Path, n: int | None) -> list[dict]:
    out = []
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            out.append(json.loads(line))
            if n and len(out) >= n:
                break
    return out


def words(records) -> int:
    return sum(len(r["text"].split()) for r in records)


def write_jsonl(records, path: Path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps({"id": str(r["id"]), "title": r.get("title", ""), "date": r.get("date", ""),
                                "text": r["text"]}) + "\n")


def run_build(src: Path, out: Path, jobs: int, extra=()) -> dict:
    cmd = [sys.executable, "-c", WRAPPER, "build", str(src), "--out", str(out), "--jobs", str(jobs), "-q", *extra]
    t = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit(f"build failed:\n{p.stderr[-2000:]}")
    info = json.loads(p.stderr.strip().splitlines()[-1])
    info["wall"] = wall
    return info


def bare_ner(records, jobs: int, model: str | None) -> float:
    """Seconds for spaCy alone: the same model, processes and batch size, over the same texts, with only
    what NER and sentences need (no tagger, which graphbuild runs for coreference)."""
    code = f"""
import json, sys, time
import spacy
from graphbuild.extract import _EXCLUDE, default_model_name
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
t = time.perf_counter()
nlp = spacy.load({model!r} or default_model_name(), exclude=[*_EXCLUDE, "tagger"])  # NER and sentences only
nlp.enable_pipe("senter")
n = 0
for doc in nlp.pipe(texts, batch_size={BATCH}, n_process={jobs}):
    n += len(doc.ents)
print(time.perf_counter() - t)
"""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps({"text": r["text"]}) + "\n")
    try:
        t = time.perf_counter()
        p = subprocess.run([sys.executable, "-c", code, f.name], capture_output=True, text=True, cwd=ROOT)
        wall = time.perf_counter() - t
        if p.returncode != 0:
            sys.exit(p.stderr[-2000:])
        return wall  # the whole process, model load included, as for graphbuild
    finally:
        os.unlink(f.name)


def cluster_line(scheduler: str, clustered: list[dict], local: dict, w: int, out: Path, out_cluster: Path) -> str:
    mid = sorted(clustered, key=lambda r: r["wall"])[len(clustered) // 2]
    files = sorted(p.name for p in out.iterdir() if p.is_file() and not p.name.startswith(".")
                   and p.suffix != ".sqlite")
    same = all((out / f).read_bytes() == (out_cluster / f).read_bytes() for f in files)
    return (f"--scheduler {scheduler:<9}{mid['wall']:6.1f} s  {w / mid['wall']:8.0f} words/s  "
            f"({local['wall'] / mid['wall']:.2f}x the local build's throughput){runs([r['wall'] for r in clustered])}\n"
            f"                    client peak memory {mid['rss_main_kb'] / 1024:.0f} MB (local build's main process "
            f"{local['rss_main_kb'] / 1024:.0f} MB); outputs {'byte-identical' if same else 'DIFFERENT'} "
            f"({len(files)} files)")


def runs(times) -> str:
    return "" if len(times) < 2 else "  runs: " + ", ".join(f"{t:.1f}" for t in times)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=1000, help="articles (default 1000)")
    ap.add_argument("--all", action="store_true", help="also 5,000 and all 19,043 articles (memory growth)")
    ap.add_argument("--repeat", type=int, default=3,
                    help="runs of bare NER and of the first build at the first size, alternately (median)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--model", default=None)
    ap.add_argument("--coref", action="store_true", help="builds with --coref")
    ap.add_argument("--scheduler", default=None, help="also build on this Dask cluster (local:2, tcp://...)")
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "reuters21578.jsonl.gz")
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        sys.exit(f"{args.corpus}: not found (pass --corpus PATH)")
    print(f"machine: {os.cpu_count()} cores; processes: {args.jobs}")
    sizes = [args.n] + ([5000, None] if args.all else [])
    allrecs = load(args.corpus, None if args.all else args.n + 10)
    tmp = Path(tempfile.mkdtemp(prefix="gb-bench-"))
    try:
        for size in sizes:
            recs = allrecs[:size] if size else allrecs
            n = len(recs)
            w = words(recs)
            src = tmp / f"corpus-{n}.jsonl"
            write_jsonl(recs, src)
            out = tmp / f"out-{n}"
            print(f"\n== {n} articles, {w:,} words")
            extra = (("--model", args.model) if args.model else ()) + (("--coref",) if args.coref else ())
            repeat = max(1, args.repeat) if size == args.n else 1
            ners, firsts, clustered = [], [], []
            for _ in range(repeat):
                ners.append(bare_ner(recs, args.jobs, args.model))
                shutil.rmtree(out, ignore_errors=True)
                firsts.append(run_build(src, out, args.jobs, extra))
                if args.scheduler:
                    shutil.rmtree(tmp / "out-cluster", ignore_errors=True)
                    clustered.append(run_build(src, tmp / "out-cluster", args.jobs,
                                               (*extra, "--scheduler", args.scheduler)))
            ner = statistics.median(ners)
            first = sorted(firsts, key=lambda r: r["wall"])[len(firsts) // 2]
            print(f"bare spaCy NER      {ner:8.1f} s  {w / ner:8.0f} words/s{runs(ners)}")
            print(f"graphbuild build    {first['wall']:8.1f} s  {w / first['wall']:8.0f} words/s  "
                  f"({100 * ner / first['wall']:.0f}% of bare NER){runs([r['wall'] for r in firsts])}")
            print(f"peak memory         main process {first['rss_main_kb'] / 1024:.0f} MB, "
                  f"largest child process (NER worker or writer) {first['rss_worker_kb'] / 1024:.0f} MB")
            if clustered:
                print(cluster_line(args.scheduler, clustered, first, w, out, tmp / "out-cluster"))
            second = run_build(src, out, args.jobs, extra)
            print(f"cached rebuild      {second['wall']:8.1f} s  ({100 * second['wall'] / first['wall']:.1f}% of the "
                  "first; nothing changed, outputs up to date)")
            third = run_build(src, out, args.jobs, (*extra, "--min-weight", "2"))
            print(f"cached, new option  {third['wall']:8.1f} s  ({100 * third['wall'] / first['wall']:.1f}% of the "
                  "first; --min-weight 2: no NER, graph and outputs rebuilt)")
            if size == args.n:
                more = allrecs[: n + 10]
                src2 = tmp / f"corpus-{n}-plus10.jsonl"
                write_jsonl(more, src2)
                shutil.copy(out / "cache.sqlite", tmp / "cache-copy.sqlite")
                plus = run_build(src2, out, args.jobs, extra)
                print(f"add 10 articles     {plus['wall']:8.1f} s  (NER on the 10 new ones only)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
