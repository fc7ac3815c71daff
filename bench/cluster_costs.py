"""What a build on a Dask cluster costs, per piece, and how many workers a large corpus needs.

Usage: python bench/cluster_costs.py [-n 19043] [--scheduler local:2] [--corpus PATH]

On the first N Reuters-21578 articles (../shared/corpus, read from there) it measures:
  - per task, on the workers: compute seconds (Dask's task stream), hence NER-and-extraction seconds per
    1,000 words and articles per hour for one single-threaded worker;
  - transfer: pickled bytes sent per document (with its text, or as a reference to its file) and received (its
    compact record);
  - on the client: reading and hashing the corpus (documents/s), and the reduction (resolution,
    co-occurrence, centralities, layout, communities) from a warm cache, in seconds per million
    mentions, with the client's peak memory per mention;
and prints the workers a 1 M and a 100 M article corpus need for a one-hour build, and where the
client becomes the bottleneck. Numbers, not assertions: run it on an idle machine.
"""

from __future__ import annotations

import argparse
import gzip
import json
import pickle
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graphbuild import cluster  # noqa: E402
from graphbuild.cache import text_hash  # noqa: E402
from graphbuild.corpus import CorpusOptions, read_documents  # noqa: E402
from graphbuild.extract import lowercase_words  # noqa: E402
from graphbuild.pipeline import BuildConfig, build  # noqa: E402


def write_corpus(src: Path, n: int, out: Path) -> int:
    words = 0
    with gzip.open(src, "rt", encoding="utf-8") as f, open(out, "w", encoding="utf-8") as o:
        for i, line in enumerate(f):
            if i >= n:
                break
            r = json.loads(line)
            words += len(r["text"].split())
            o.write(json.dumps({"id": str(r["id"]), "text": r["text"]}) + "\n")
    return words


def client_reading(path: Path) -> tuple[int, float]:
    t = time.perf_counter()
    n = 0
    for doc in read_documents([path], CorpusOptions()):
        text_hash(doc.text)
        lowercase_words(doc.text)
        n += 1
    return n, time.perf_counter() - t


def transfer_bytes(path: Path, records: dict) -> tuple[float, float, float]:
    """Mean pickled bytes a document costs on the way out, as tasks carry it: with its text, and as a
    reference to its file (workers on a shared file system), and back (its record)."""
    docs = list(read_documents([path], CorpusOptions()))
    per = cluster.DOCS_PER_TASK

    def out(refer: bool) -> int:
        return sum(len(pickle.dumps(cluster.task_items(docs[i:i + per], refer), protocol=5))
                   for i in range(0, len(docs), per))

    back = sum(len(pickle.dumps((k, v), protocol=5)) for k, v in records.items())
    return out(False) / len(docs), out(True) / len(docs), back / len(docs)


def _rss_now() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=19043)
    ap.add_argument("--scheduler", default="local:2")
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "reuters21578.jsonl.gz")
    args = ap.parse_args(argv)
    from distributed import get_task_stream

    tmp = Path(tempfile.mkdtemp(prefix="gb-cluster-"))
    src = tmp / "corpus.jsonl"
    words = write_corpus(args.corpus, args.n, src)
    n, read_s = client_reading(src)
    print(f"corpus: {n:,} articles, {words:,} words ({words / n:.0f} words/article); scheduler {args.scheduler}")
    print(f"client: read, hash and list the lowercase words of every article: {n / read_s:,.0f} articles/s")

    records: dict = {}
    baseline = _rss_now()
    t = time.perf_counter()
    with cluster.connect(args.scheduler) as client:
        with get_task_stream(client) as ts:
            result = build([src], BuildConfig(cache=tmp / "cache.sqlite", scheduler=client.scheduler.address))
        wall = time.perf_counter() - t
        computes = [s["stop"] - s["start"] for task in ts.data for s in task["startstops"]
                    if s["action"] == "compute"]
        threads = sum(client.nthreads().values())
    with sqlite3.connect(tmp / "cache.sqlite") as db:
        for key, blob in db.execute("SELECT key, data FROM extraction"):
            records[key] = json.loads(zlib.decompress(blob))
    per_doc = sum(computes) / n
    ner_per_kword = sum(computes) / (words / 1000)
    print(f"workers: {threads} threads; {len(computes)} tasks of up to {cluster.DOCS_PER_TASK} articles, median "
          f"{statistics.median(computes):.2f} s; {ner_per_kword:.3f} s of worker time per 1,000 words "
          f"({per_doc * 1000:.1f} ms per article); build on the cluster {wall:.1f} s")
    sent, referred, back = transfer_bytes(src, records)
    print(f"transfer: {sent / 1024:.2f} kB sent per article with its text, {referred / 1024:.2f} kB as a reference to "
          f"its file (workers reading a shared file system), {back / 1024:.2f} kB back (its record)")

    t = time.perf_counter()
    warm = build([src], BuildConfig(cache=tmp / "cache.sqlite"))
    reduce_s = warm.stats["seconds"] - warm.stats["extract_seconds"]
    mentions = sum(len(r["m"]) for r in records.values())
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - baseline  # what the builds added
    per_million = reduce_s / (mentions / 1e6)
    print(f"client reduction from a warm cache: {reduce_s:.1f} s for {mentions:,} mentions "
          f"({per_million:.1f} s per million mentions, {mentions / n:.1f} mentions/article; whole warm build "
          f"{time.perf_counter() - t:.1f} s); client peak memory above its start {rss / 2**20:.0f} MB "
          f"({rss / mentions:.0f} bytes per mention)")
    del result, warm

    per_worker_hour = 3600 / per_doc
    print(f"\none single-threaded worker: {per_worker_hour:,.0f} articles/hour at {words / n:.0f} words/article")
    for total in (1_000_000, 100_000_000):
        need = total / per_worker_hour
        red = per_million * total * mentions / n / 1e6
        mem = rss / mentions * mentions / n * total
        read = total / (n / read_s)
        print(f"{total:>11,} articles in one hour: {need:,.0f} workers at Reuters length "
              f"({need * 600 / (words / n):,.0f} at 600 words/article); client: reading {read / 3600:.2f} h, "
              f"reduction {red / 3600:.2f} h, memory {mem / 2**30:,.0f} GB")


if __name__ == "__main__":
    main()
