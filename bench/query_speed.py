"""Wall time and peak memory of the query commands, as a user runs them, with and without the index.

Usage: python bench/query_speed.py [--graph FILE | --corpus PATH [-n N] [--out DIR]] [--repeat 3]
                                   [--name NAME] [--path NAME NAME]

Takes a graph the build wrote (``--graph``, default output/graph.graphml), or builds one first
(``--corpus``: the first N articles of a JSONL corpus such as ../shared/corpus/reuters21578.jsonl.gz,
all of them without -n, with `graphbuild build --format graphml`), and times each query command as
its own `graphbuild ...` process (the console script beside this Python), twice over:
  - "index": on the build's graph.graphml, answered from graph.index.sqlite beside it;
  - "GraphML": on a copy of the same file in a folder without the index (the way a GraphML saved by
    Gephi, or one from an older build, is read: parsed whole by networkx).
Each command runs --repeat times in each setting, alternately; the table shows the median wall time
and the largest peak resident memory of the process (from wait4), and whether both settings printed
the same bytes. Names default to the most mentioned PERSON (neighbors) and the two most mentioned
PERSONs (path). Numbers, not assertions: run it on an idle machine.
"""

from __future__ import annotations

import argparse
import gzip
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

from graphbuild.graphindex import index_path  # noqa: E402
from graphbuild.query import GraphFile  # noqa: E402


def graphbuild_command() -> list[str]:
    script = Path(sys.executable).with_name("graphbuild")
    return [str(script)] if script.exists() else [sys.executable, "-m", "graphbuild"]


def run(args: list[str]) -> tuple[float, int, bytes]:
    """Wall seconds, peak resident memory (MB, from wait4) and stdout of one process."""
    t = time.perf_counter()
    with open(os.devnull, "wb") as null, tempfile.TemporaryFile() as out:
        pid = os.posix_spawn(args[0], args, os.environ, file_actions=[
            (os.POSIX_SPAWN_DUP2, out.fileno(), 1), (os.POSIX_SPAWN_DUP2, null.fileno(), 2)])
        _, status, usage = os.wait4(pid, 0)
        seconds = time.perf_counter() - t
        out.seek(0)
        text = out.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(args)} failed (exit {os.waitstatus_to_exitcode(status)})")
    return seconds, usage.ru_maxrss // 1024, text


def build(corpus: Path, n: int | None, out: Path) -> Path:
    src = corpus
    if n:
        src = out / f"first-{n}.jsonl"
        out.mkdir(parents=True, exist_ok=True)
        with gzip.open(corpus, "rt", encoding="utf-8") if corpus.suffix == ".gz" else open(corpus) as f, \
                open(src, "w", encoding="utf-8") as w:
            for i, line in enumerate(f):
                if i >= n:
                    break
                w.write(line)
    subprocess.run([*graphbuild_command(), "build", str(src), "--out", str(out), "--format", "graphml", "-q"],
                   check=True)
    return out / "graph.graphml"


def default_names(graph: Path) -> tuple[str, str, str]:
    """The labels of the two most mentioned PERSONs that name one entity each."""
    from graphbuild.errors import InputError
    from graphbuild.query import find_node

    source = GraphFile(graph)
    G, keys = source.graph("none"), source.name_keys()
    people = sorted((n for n, t in G.nodes(data="type") if t == "PERSON"),
                    key=lambda n: (-int(G.nodes[n].get("mentions", 0)), n))
    labels = []
    for n in people:
        try:
            if find_node(G, str(G.nodes[n]["label"]), keys) == n:
                labels.append(str(G.nodes[n]["label"]))
        except InputError:
            continue
        if len(labels) == 2:
            break
    labels = labels or [str(n) for n in list(G)[:2]]
    return labels[0], labels[0], labels[-1]


def commands(graph: Path, name: str, a: str, b: str) -> list[tuple[str, list[str]]]:
    return [(f"neighbors {name!r}", ["neighbors", name, "-g", str(graph)]),
            (f"path {a!r} {b!r}", ["path", a, b, "-g", str(graph)]),
            ("entities", ["entities", str(graph)]),
            ("report", ["report", str(graph)]),
            ("communities", ["communities", str(graph)])]


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--graph", type=Path, default=None)
    ap.add_argument("--corpus", type=Path, default=None)
    ap.add_argument("-n", type=int, default=None, help="first N articles of --corpus (default: all)")
    ap.add_argument("--out", type=Path, default=None, help="where --corpus is built (default: a temporary folder)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--name", default=None)
    ap.add_argument("--path", nargs=2, default=None)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        graph = args.graph or (build(args.corpus, args.n, args.out or Path(tmp) / "built") if args.corpus
                               else ROOT / "output" / "graph.graphml")
        if not index_path(graph).exists() or GraphFile(graph).index is None:
            raise SystemExit(f"{graph}: no index matches it; rebuild it with this graphbuild")
        bare = Path(tmp) / "no-index" / graph.name
        bare.parent.mkdir()
        shutil.copyfile(graph, bare)
        name, a, b = default_names(graph)
        name, (a, b) = args.name or name, args.path or (a, b)
        G = GraphFile(graph).graph("weights")
        print(f"{graph}: {graph.stat().st_size / 1e6:.1f} MB GraphML, {index_path(graph).stat().st_size / 1e6:.1f} MB "
              f"index, {G.number_of_nodes():,} entities, {G.number_of_edges():,} ties; median of {args.repeat}")
        print(f"{'command':<48} {'GraphML':>16} {'index':>16} {'speed-up':>9}  same output")
        cli = graphbuild_command()
        for label, extra in commands(graph, name, a, b):
            with_bare = [a2 if a2 != str(graph) else str(bare) for a2 in extra]
            got: dict[str, list] = {"GraphML": [], "index": []}
            for _ in range(args.repeat):
                got["GraphML"].append(run([*cli, *with_bare]))
                got["index"].append(run([*cli, *extra]))
            cells = {k: (statistics.median(r[0] for r in v), max(r[1] for r in v)) for k, v in got.items()}
            same = got["GraphML"][0][2] == got["index"][0][2]
            (slow, slow_mb), (fast, fast_mb) = cells["GraphML"], cells["index"]
            print(f"{label:<48} {slow:6.2f} s {slow_mb:5d} MB {fast:6.2f} s {fast_mb:5d} MB {slow / fast:8.1f}x"
                  f"  {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
