"""The query index (graph.index.sqlite): the same answers as the GraphML, and ignored when it is not this file's."""

import json
import random
import shutil
import sqlite3

import networkx as nx
import pytest
from click.testing import CliRunner

from graphbuild import graphindex, query
from graphbuild.analysis import MEASURES, Measures, measures, measures_key
from graphbuild.cli import cli
from graphbuild.export import export_all
from graphbuild.export import index as export_index
from graphbuild.export.graphml import read_back, write_graphml
from graphbuild.export.index import write_index
from graphbuild.graphindex import index_path
from graphbuild.pipeline import BuildResult
from graphbuild.query import GraphFile, read_graph_file, simple_graph

pytestmark = pytest.mark.unit


def tricky_graph(n_extra: int = 0, seed: int = 7) -> nx.Graph:
    """Names that share a surname, equal weights (ties broken by order), text a parser could change
    (control characters, CR LF, "INF", an empty alias), int and float weights, a bool, isolated nodes
    and several components; ``n_extra`` more nodes in random ties (above 1,000: sampled measures)."""
    G = nx.Graph(title="Test graph", window="sentence")
    people = [("person:ann-lee", "Ann Lee", "PERSON"), ("person:bo-lee", "Bo Lee", "PERSON"),
              ("org:acme", "Acme\x01 Corp", "ORG"), ("gpe:rome", "Rome", "GPE"), ("gpe:oslo", "Oslo", "GPE"),
              ("person:cy", "Cy", "PERSON"), ("org:inf", "INF Group", "ORG"), ("gpe:alone", "Alone", "GPE")]
    for i, (n, label, t) in enumerate(people):
        G.add_node(n, label=label, type=t, aliases=f"{label} | {label.split()[-1]}" if i % 3 else "",
                   mentions=10 - i, documents=1 + i % 3, flagged=bool(i % 2), size=1.5 + i, x=float(i), y=-0.0)
    G.add_node("bare:node")  # no label: the id stands in
    for n, label in (("org:delta", "Delta"), ("org:delta-2", "Delta"), ("gpe:pa", "Pa"), ("gpe:pb", "Pb"),
                     ("gpe:zed", "Zed")):  # two Deltas tied alike to Cy; two equal paths from Oslo to Zed
        G.add_node(n, label=label, type=n.split(":")[0].upper(), mentions=1, documents=1)
    ev = [{"doc": "d1.txt", "start": 0, "end": 20, "text": "Ann Lee met\r\n Bo Lee."},
          {"doc": "d2.txt", "start": 5, "end": 40, "text": "INFLATION\x0b in Rome"}]
    ties = [("person:ann-lee", "person:bo-lee", 3), ("person:ann-lee", "org:acme", 2), ("person:bo-lee", "org:acme", 2),
            ("org:acme", "gpe:rome", 2.5), ("gpe:rome", "person:cy", 1), ("person:ann-lee", "gpe:rome", 4.0),
            ("gpe:oslo", "org:inf", 1), ("person:cy", "bare:node", 2), ("person:cy", "org:delta-2", 1),
            ("org:delta", "person:cy", 1), ("gpe:zed", "gpe:pb", 1), ("gpe:oslo", "gpe:pa", 1),
            ("gpe:pa", "gpe:zed", 1), ("gpe:oslo", "gpe:pb", 1)]
    for i, (u, v, w) in enumerate(ties):
        G.add_edge(u, v, weight=w, documents=1 + i % 2, npmi=0.1 * i, evidence=json.dumps(ev[: 1 + i % 2]))
    rng = random.Random(seed)
    extra = [f"org:x{i:04d}" for i in range(n_extra)]
    for i, n in enumerate(extra):
        G.add_node(n, label=f"Extra Company {i}", type="ORG", aliases=f"X{i}", mentions=1 + i % 7, documents=1)
    for i, n in enumerate(extra[1:], 1):
        for m in rng.sample(extra[:i], min(i, 2)):
            G.add_edge(n, m, weight=rng.choice([1, 1, 2, 3]), documents=1, npmi=0.5, evidence=json.dumps(ev[:1]))
    if extra:
        G.add_edge(extra[0], "gpe:rome", weight=1, documents=1, npmi=0.5, evidence="[]")
    return G


@pytest.fixture(scope="module", params=[0, 1100], ids=["small", "sampled"])
def built(request, tmp_path_factory):
    """A graph exported with its index, and a copy of the GraphML alone (read by parsing)."""
    out = tmp_path_factory.mktemp("out")
    export_all(tricky_graph(request.param), out, formats=("graphml",), title="Test graph")
    bare = tmp_path_factory.mktemp("bare") / "graph.graphml"
    shutil.copyfile(out / "graph.graphml", bare)
    return out / "graph.graphml", bare


def same_graph(A: nx.Graph, B: nx.Graph) -> None:
    """Equal down to node order, every node's order of ties, every value and its type."""
    assert A.graph == B.graph
    assert list(A.nodes) == list(B.nodes)
    for n in A:
        assert [(k, v, type(v)) for k, v in A.nodes[n].items()] == [(k, v, type(v)) for k, v in B.nodes[n].items()]
        assert list(A.adj[n]) == list(B.adj[n]), n
    for u, v, d in A.edges(data=True):
        assert sorted((k, repr(x)) for k, x in d.items()) == sorted((k, repr(x)) for k, x in B[u][v].items())


def test_the_index_holds_the_graph_a_query_reads_from_the_graphml(built):
    indexed, bare = built
    source = GraphFile(indexed)
    assert source.index is not None and GraphFile(bare).index is None
    same_graph(source.graph(), simple_graph(read_graph_file(bare)))


def test_read_back_is_what_networkx_reads_from_the_file(tmp_path):
    G = tricky_graph()
    path = write_graphml(G, tmp_path / "g.graphml")
    same_graph(read_back(G), nx.read_graphml(path))


QUERIES = [
    ["report", "{g}", "--top", "0", "--format", "csv"],
    ["report", "{g}"],
    ["report", "{g}", "--measure", "closeness,pagerank", "--type", "PERSON", "--format", "json"],
    ["report", "{g}", "--exact", "--top", "5", "--measure", "degree,weighted-degree"],
    ["neighbors", "Ann Lee", "-g", "{g}", "--format", "csv"],
    ["neighbors", "acme corp", "-g", "{g}"],
    ["neighbors", "Rome", "-g", "{g}", "--format", "json", "--top", "0"],
    ["neighbors", "Lee", "-g", "{g}"],  # two entities: the error lists both
    ["neighbors", "Romme", "-g", "{g}"],  # did you mean
    ["neighbors", "bare:node", "-g", "{g}"],
    ["path", "Bo Lee", "Cy", "-g", "{g}", "--format", "json"],
    ["path", "Oslo", "Ann Lee", "-g", "{g}"],  # no path
    ["path", "Zed", "Oslo", "-g", "{g}", "--format", "csv"],  # two as short: the order of ties decides
    ["neighbors", "Cy", "-g", "{g}", "--format", "csv"],  # two Deltas as strong: the order of ties decides
    ["entities", "{g}", "--format", "csv"],
    ["entities", "{g}", "--format", "aliases", "--min-mentions", "3"],
    ["entities", "{g}", "--type", "GPE"],
    ["entities", "{g}", "--type", "FOO"],
    ["communities", "{g}", "--format", "json"],
]


@pytest.mark.parametrize("args", QUERIES, ids=[" ".join(a[:3]) for a in QUERIES])
def test_every_query_answers_the_same_from_the_index(built, args, monkeypatch):
    indexed, bare = built
    runner = CliRunner()
    expected = runner.invoke(cli, [a.format(g=bare) for a in args])

    def no_parsing(path):
        raise AssertionError(f"{path} was parsed although its index matches it")

    monkeypatch.setattr(query, "read_graph_file", no_parsing)
    got = runner.invoke(cli, [a.format(g=indexed) for a in args])
    assert (got.exit_code, got.stdout, got.stderr.replace(str(indexed), str(bare))) == \
        (expected.exit_code, expected.stdout, expected.stderr)


def test_the_page_is_the_same_from_the_index(built, tmp_path):
    indexed, bare = built
    for graph, page in ((bare, tmp_path / "a.html"), (indexed, tmp_path / "b.html")):
        r = CliRunner().invoke(cli, ["html", str(graph), "-o", str(page)])
        assert r.exit_code == 0, r.output
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


def test_report_reads_the_stored_measures(built, monkeypatch):
    indexed, _ = built

    def no_measures(*args, **kwargs):
        raise AssertionError("measures computed although the index has them")

    monkeypatch.setattr(query, "measures", no_measures)
    r = CliRunner().invoke(cli, ["report", str(indexed), "--top", "3"])
    assert r.exit_code == 0, r.output
    # above 1,000 entities the index's values are sampled estimates: --exact computes its own
    r = CliRunner().invoke(cli, ["report", str(indexed), "--exact"])
    assert (r.exit_code == 0) == (GraphFile(indexed).graph("none").number_of_nodes() <= 1000)


def _index_used(graph) -> bool:
    return GraphFile(graph).index is not None


def test_a_changed_graphml_is_read_itself(tmp_path):
    export_all(tricky_graph(), tmp_path, formats=("graphml",))
    graph = tmp_path / "graph.graphml"
    assert _index_used(graph)
    text = graph.read_text("utf-8")
    graph.write_text(text.replace("Bo Lee", "Bo Lea"), "utf-8")  # same size, other bytes
    assert not _index_used(graph)
    r = CliRunner().invoke(cli, ["neighbors", "Bo Lea", "-g", str(graph)])
    assert r.exit_code == 0 and "Ann Lee" in r.stdout
    G = read_graph_file(graph)  # saved by another tool (Gephi): other bytes, other size
    nx.write_graphml(G, graph)
    assert not _index_used(graph)
    graph.write_text(text, "utf-8")
    assert _index_used(graph)  # the very file again (a copy, a checkout: other times, same bytes)


def test_a_missing_broken_or_foreign_index_is_ignored(tmp_path, monkeypatch):
    export_all(tricky_graph(), tmp_path, formats=("graphml",))
    graph, index = tmp_path / "graph.graphml", index_path(tmp_path / "graph.graphml")
    good = index.read_bytes()
    index.write_bytes(b"not an index" * 100)
    assert not _index_used(graph)
    index.write_bytes(good[: len(good) // 2])
    assert not _index_used(graph)
    index.write_bytes(good)
    monkeypatch.setattr(graphindex, "CODE", ("graphindex.py",))  # other code: its rows may differ
    assert not _index_used(graph)
    monkeypatch.undo()
    assert _index_used(graph)
    index.unlink()
    assert not _index_used(graph)
    r = CliRunner().invoke(cli, ["report", str(graph), "--top", "1"])
    assert r.exit_code == 0 and "  1  Cy  " in r.stdout
    for other in ("graph.gexf", "graph.json"):  # the index is the GraphML's only
        export_all(tricky_graph(), tmp_path, formats=("graphml", "gexf", "json"))
        assert GraphFile(tmp_path / other).index is None


def test_a_copied_folder_keeps_its_index(tmp_path):
    export_all(tricky_graph(), tmp_path / "a", formats=("graphml",))
    shutil.copytree(tmp_path / "a", tmp_path / "b")  # new modification times
    assert _index_used(tmp_path / "b" / "graph.graphml")


def test_the_index_is_written_with_the_graphml_and_byte_for_byte_the_same(tmp_path):
    a = export_all(tricky_graph(1100), tmp_path / "a", formats=("graphml", "csv"))
    b = export_all(tricky_graph(1100), tmp_path / "b", formats=("graphml", "csv"), jobs=2)
    assert [p.name for p in a] == ["graph.graphml", "graph.index.sqlite", "entities.csv", "nodes.csv", "edges.csv"]
    assert [p.name for p in b] == [p.name for p in a]
    for p in a:
        assert p.read_bytes() == (tmp_path / "b" / p.name).read_bytes(), p.name
    assert [p.name for p in export_all(tricky_graph(), tmp_path / "c", formats=("csv",))] == \
        ["entities.csv", "nodes.csv", "edges.csv"]


def test_a_graph_sqlite_cannot_hold_gets_no_index(tmp_path):
    G = tricky_graph()
    G.nodes["gpe:rome"]["score"] = float("nan")  # SQLite would give it back as NULL
    path = write_graphml(G, tmp_path / "graph.graphml")
    index_path(path).write_bytes(b"an old index")
    assert write_index(G, path) is None and not index_path(path).exists()
    r = CliRunner().invoke(cli, ["neighbors", "Rome", "-g", str(path)])
    assert r.exit_code == 0 and "Ann Lee" in r.stdout


def test_index_rows_are_readable_with_plain_sqlite(built):
    indexed, _ = built
    con = sqlite3.connect(index_path(indexed))
    meta = dict(con.execute("SELECT key, value FROM meta"))
    assert meta["graphml_size"] == str(indexed.stat().st_size)
    assert json.loads(meta["graph"])["title"] == "Test graph"
    n_edges = con.execute("SELECT count(*) FROM edges").fetchone()[0]
    assert n_edges == read_graph_file(indexed).number_of_edges()


def canonical(G: nx.Graph) -> nx.Graph:
    """G as a build makes it: nodes sorted, ties added in sorted order (the order its GraphML has)."""
    C = nx.Graph(**G.graph)
    C.add_nodes_from(sorted(G.nodes(data=True)))
    C.add_edges_from(sorted((min(u, v), max(u, v), d) for u, v, d in G.edges(data=True)))
    return C


@pytest.mark.parametrize("change", [None, "weight", "order"])
def test_the_builds_measures_are_reused_only_where_they_are_the_same(tmp_path, monkeypatch, change):
    G = canonical(tricky_graph(1100))
    measured = measures(G, list(MEASURES))  # as the build computes them (pipeline._centralities)
    measured = Measures(measured.values, measured.sampled, measures_key(G))
    if change == "weight":  # changed after the measures were taken: they no longer hold
        G["org:x0005"]["org:x0001" if G.has_edge("org:x0005", "org:x0001") else next(iter(G["org:x0005"]))][
            "weight"] = 9
    elif change == "order":  # measured on the same graph with its nodes in another order: other sums, maybe
        # other last digits, so the GraphML's (sorted) graph is measured anew
        R = nx.Graph()
        R.add_nodes_from(reversed(list(G.nodes(data=True))))
        R.add_edges_from(G.edges(data=True))
        measured = Measures(measured.values, measured.sampled, measures_key(R))
    computed = []
    real = export_index.measures
    monkeypatch.setattr(export_index, "measures", lambda H, names, *a: computed.extend(names) or real(H, names, *a))
    export_all(BuildResult(G, None, None, {}, measures=measured), tmp_path / "out", formats=("graphml",))
    assert computed == ([] if change is None else list(MEASURES))
    bare = tmp_path / "bare.graphml"
    shutil.copyfile(tmp_path / "out" / "graph.graphml", bare)
    monkeypatch.undo()
    args = ["report", "--top", "0", "--format", "csv"]
    from_index = CliRunner().invoke(cli, [*args[:1], str(tmp_path / "out" / "graph.graphml"), *args[1:]])
    from_file = CliRunner().invoke(cli, [*args[:1], str(bare), *args[1:]])
    assert from_index.exit_code == 0 and from_index.stdout == from_file.stdout
