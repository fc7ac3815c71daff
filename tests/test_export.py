"""Exports: GraphML valid against the schema and readable by networkx and igraph; safe CSV; mentions."""

import csv
import io
import json

import networkx as nx
import pytest
from lxml import etree

from graphbuild.export.graphml import graphml_bytes, write_graphml
from graphbuild.export.tables import safe_cell, write_edges_csv, write_entities_csv

from .conftest import ROOT

pytestmark = pytest.mark.unit

SCHEMA_DIR = ROOT / "tests" / "schemas"


@pytest.fixture(scope="module")
def graphml_schema():
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / "graphml.xsd")))


def small_graph():
    G = nx.Graph()
    G.add_node("person:a", label="Al\x07i <b>&amp;</b>", type="PERSON", aliases="A | Ali", mentions=3,
               documents=1, degree=1.0, weighted_degree=2.0, betweenness=0.0, pagerank=0.5, eigenvector=0.7,
               community=0)
    G.add_node("org:b", label="=HYPERLINK(\"x\")", type="ORG", aliases="B", mentions=1, documents=1, degree=1.0,
               weighted_degree=2.0, betweenness=0.0, pagerank=0.5, eigenvector=0.7, community=0)
    G.add_edge("person:a", "org:b", weight=2, documents=1, npmi=0.25,
               evidence=json.dumps([{"doc": "d", "start": 0, "end": 3, "text": "A\x00b\ud800c"}]))
    return G


def test_graphml_is_schema_valid_and_round_trips(graphml_schema, tmp_path):
    G = small_graph()
    path = write_graphml(G, tmp_path / "g.graphml")
    doc = etree.parse(str(path))
    graphml_schema.assertValid(doc)
    H = nx.read_graphml(path)
    assert set(H.nodes) == set(G.nodes)
    a = H.nodes["person:a"]
    assert a["label"] == "Ali <b>&amp;</b>"  # control character removed, markup kept as text
    assert isinstance(a["mentions"], int) and isinstance(a["pagerank"], float)
    e = H["person:a"]["org:b"]
    assert e["weight"] == 2 and e["npmi"] == 0.25
    assert json.loads(e["evidence"])[0]["text"] == "A\x00b\ud800c"  # JSON escapes survive XML intact
    # one key per attribute, each with a single type
    keys = doc.findall("{http://graphml.graphdrawing.org/xmlns}key")
    names = [(k.get("for"), k.get("attr.name")) for k in keys]
    assert len(names) == len(set(names))


def test_graphml_reads_back_with_igraph(tmp_path):
    igraph = pytest.importorskip("igraph")
    path = write_graphml(small_graph(), tmp_path / "g.graphml")
    g = igraph.Graph.Read_GraphML(str(path))
    assert g.vcount() == 2 and g.ecount() == 1
    assert sorted(g.vs["type"]) == ["ORG", "PERSON"]
    assert g.es[0]["weight"] == 2


def test_graphml_bytes_are_deterministic():
    assert graphml_bytes(small_graph()) == graphml_bytes(small_graph())


@pytest.mark.parametrize("value, expected", [("=1+1", "'=1+1"), ("+33", "'+33"), ("-x", "'-x"),
                                             ("@SUM(A1)", "'@SUM(A1)"), ("Iran", "Iran"), (-0.5, -0.5)])
def test_csv_cells_are_neutralised(value, expected):
    assert safe_cell(value) == expected


def test_entities_and_edges_csv(tmp_path):
    G = small_graph()
    rows = list(csv.DictReader(io.StringIO(write_entities_csv(G, tmp_path / "e.csv").read_text("utf-8"))))
    assert {r["id"] for r in rows} == {"person:a", "org:b"}
    assert next(r for r in rows if r["id"] == "org:b")["label"].startswith("'=")
    rows = list(csv.DictReader(io.StringIO(write_edges_csv(G, tmp_path / "x.csv").read_text("utf-8"))))
    assert rows[0]["Weight"] == "2" and rows[0]["evidence_doc"] == "d"


def test_streamed_node_link_json_is_the_whole_document_json_dumps_would_write():
    import json

    from graphbuild.export.nodelink import node_link_json

    def reference(G):
        links = []
        for u, v, d in sorted(G.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))):
            rec = {"source": u, "target": v, **d}
            if isinstance(rec.get("evidence"), str):
                rec["evidence"] = json.loads(rec["evidence"])
            links.append(rec)
        data = {"directed": False, "multigraph": False, "graph": dict(G.graph),
                "nodes": [{"id": n, **d} for n, d in sorted(G.nodes(data=True), key=lambda nd: str(nd[0]))],
                "links": links}
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)

    G = nx.Graph(window="sentence", nested={"a": [1, {"b": None}]})
    G.add_edge("org:b", "person:a", weight=2, evidence=json.dumps([{"doc": "d", "text": "line\nbreak “q”"}]))
    G.add_node("gpe:é", label="É", aliases=["x", "y"])
    for g in (G, nx.Graph(), nx.empty_graph(2), nx.path_graph(4)):
        assert node_link_json(g) == reference(g)


def test_a_page_of_part_of_a_graph_is_the_same_whatever_python_s_hash_seed(tmp_path):
    """The part of a large graph a page shows (--max-nodes), its layout and its edge list do not depend on
    the order Python iterates sets of strings in (networkx's subgraph views iterate the node set)."""
    import os
    import subprocess
    import sys

    G = nx.Graph()
    for i in range(120):
        G.add_node(f"org:n{i:03d}", label=f"Name {i}", type="ORG", mentions=1 + i % 7, documents=1)
    for i in range(80):  # a linked core, the rest isolated (more than half of the graph)
        for j in (i + 1, i + 7):
            if j < 80:
                G.add_edge(f"org:n{j:03d}", f"org:n{i:03d}", weight=1 + (i * j) % 5, evidence="[]")
    for i in range(0, 39, 3):
        G.add_edge(f"org:n{i + 80:03d}", f"org:n{i + 81:03d}", weight=1, evidence="[]")
    src = tmp_path / "g.graphml"
    nx.write_graphml(G, src)
    script = ("import sys, networkx as nx; from graphbuild.export.html import render_html; "
              "sys.stdout.write(render_html(nx.read_graphml(sys.argv[1]), max_nodes=int(sys.argv[2])))")
    pages = {}
    for seed in ("1", "2", "3"):
        for cut in ("50", "200"):
            env = {**os.environ, "PYTHONHASHSEED": seed}
            pages[seed, cut] = subprocess.run([sys.executable, "-c", script, str(src), cut], env=env, cwd=ROOT,
                                              capture_output=True, text=True, check=True).stdout
    data = json.loads(pages["1", "50"].split('id="graph-data">', 1)[1].split("</script>", 1)[0])
    assert (data["total_nodes"], len(data["nodes"])) == (120, 50) and pages["1", "50"] != pages["1", "200"]
    assert pages["1", "50"] == pages["2", "50"] == pages["3", "50"]
    assert pages["1", "200"] == pages["2", "200"] == pages["3", "200"]


def test_the_layout_of_a_graph_of_mostly_isolated_entities_is_the_same_whatever_python_s_hash_seed(tmp_path):
    """A guard: the layout takes the linked entities through a subgraph, whose order may follow the hash
    seed; the positions (GraphML, GEXF, the page) must not."""
    import os
    import subprocess
    import sys

    G = nx.Graph()
    G.add_nodes_from(f"gpe:p{i:04d}" for i in range(500))  # 200 linked (a force layout), 300 isolated
    G.add_edges_from((f"gpe:p{i:04d}", f"gpe:p{(i * 7 + 3) % 200:04d}") for i in range(200) if i != (i * 7 + 3) % 200)
    src = tmp_path / "g.graphml"
    nx.write_graphml(G, src)
    script = ("import sys, json, networkx as nx; from graphbuild.layout import layout; "
              "print(json.dumps(sorted(layout(nx.read_graphml(sys.argv[1])).items())))")
    runs = [subprocess.run([sys.executable, "-c", script, str(src)], env={**os.environ, "PYTHONHASHSEED": seed},
                           cwd=ROOT, capture_output=True, text=True, check=True).stdout for seed in ("1", "2", "3")]
    assert len(json.loads(runs[0])) == 500 and runs[0] == runs[1] == runs[2]
