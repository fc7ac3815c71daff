"""Report and query commands on known graphs, ours and foreign ones, in every format."""

import csv
import io
import json

import networkx as nx
import pytest
from click.testing import CliRunner
from lxml import etree

from graphbuild.cli import cli
from graphbuild.export.gexf import write_gexf
from graphbuild.export.graphml import write_graphml

from .conftest import OUTPUT, ROOT

pytestmark = pytest.mark.e2e

SCHEMA_DIR = ROOT / "tests" / "schemas"
MEASURES = ["degree", "weighted_degree", "betweenness", "closeness", "eigenvector", "pagerank"]


def run(*args):
    r = CliRunner().invoke(cli, [str(a) for a in args])
    return r


@pytest.fixture
def florentine(tmp_path):
    G = nx.florentine_families_graph()
    for i, (u, v) in enumerate(sorted(G.edges())):
        G[u][v]["weight"] = 1 + i % 4
    for n in G:
        G.nodes[n]["label"] = n
        G.nodes[n]["type"] = "FAMILY"
    path = tmp_path / "florentine.graphml"
    nx.write_graphml(G, path)
    return G, path


def expected(G):
    D = G.copy()
    for _, _, d in D.edges(data=True):
        d["distance"] = 1 / d["weight"]
    return {
        "degree": nx.degree_centrality(G), "weighted_degree": dict(G.degree(weight="weight")),
        "betweenness": nx.betweenness_centrality(D, weight="distance"),
        "closeness": nx.closeness_centrality(D, distance="distance"),
        "eigenvector": nx.eigenvector_centrality(G, weight="weight", max_iter=5000, tol=1e-14),
        "pagerank": nx.pagerank(G, weight="weight", tol=1e-13, max_iter=2000),
    }


def check_report_matches(G, path):
    r = run("report", path, "--measure", "all", "--top", "0", "--format", "csv")
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert len(rows) == G.number_of_nodes()
    exp = expected(G)
    for row in rows:
        for m in MEASURES:
            assert float(row[m]) == pytest.approx(exp[m][row["id"]], abs=1e-9), (m, row["id"])
    return rows


def test_report_matches_networkx_on_florentine(florentine):
    G, path = florentine
    rows = check_report_matches(G, path)
    pr = expected(G)["pagerank"]
    assert rows[0]["id"] == max(pr, key=pr.get) and list(rows[0])[3] == "pagerank"  # 'all': PageRank first
    rows = list(csv.DictReader(io.StringIO(run("report", path, "--measure", "degree", "--format", "csv").stdout)))
    assert rows[0]["label"] == "Medici"  # sorted by the first measure given


def test_report_matches_networkx_on_the_seeds_graph():
    G = nx.read_graphml(OUTPUT / "graph.graphml")
    check_report_matches(G, OUTPUT / "graph.graphml")


def test_report_table_is_aligned_with_ranks(florentine):
    _, path = florentine
    r = run("report", path, "--measure", "betweenness", "--measure", "pagerank", "--top", "3")
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["rank", "entity", "type", "betweenness", "pagerank"]
    assert [l.split()[0] for l in lines[2:]] == ["1", "2", "3"]
    assert lines[2].split()[1] == "Medici"
    widths = {len(l) for l in lines[2:]}
    assert len(widths) == 1  # right-aligned numbers end in the same column


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "markdown"])
def test_every_format_and_output_file(florentine, fmt, tmp_path):
    _, path = florentine
    out = tmp_path / f"r.{fmt}"
    r = run("report", path, "--measure", "pagerank", "--format", fmt, "-o", out)
    assert r.exit_code == 0, r.output
    text = out.read_text("utf-8")
    assert "Medici" in text
    if fmt == "json":
        data = json.loads(text)
        assert data[0]["rank"] == 1 and isinstance(data[0]["pagerank"], float)
    if fmt == "markdown":
        assert text.startswith("| rank | entity |")


def test_type_filter(tmp_path):
    r = run("report", OUTPUT / "graph.graphml", "--type", "PERSON", "--format", "json", "--top", "0")
    data = json.loads(r.stdout)
    assert data and all(d["type"] == "PERSON" for d in data)


@pytest.mark.parametrize("G", [nx.Graph([(1, 2), (3, 4), (4, 5)]), nx.empty_graph(1), nx.empty_graph(4)],
                         ids=["components", "single", "no-edges"])
def test_report_edge_cases(G, tmp_path):
    path = tmp_path / "g.graphml"
    nx.write_graphml(G, path)
    r = run("report", path)
    assert r.exit_code == 0, r.output
    assert len(r.stdout.splitlines()) == 2 + G.number_of_nodes()


def test_report_on_an_empty_graph(tmp_path):
    path = tmp_path / "g.graphml"
    nx.write_graphml(nx.Graph(), path)
    r = run("report", path)
    assert r.exit_code == 0 and "no entities" in r.output


def test_report_errors_are_one_line(tmp_path):
    r = run("report", tmp_path / "none.graphml")
    assert r.exit_code == 1 and "no such graph file" in r.output and "Traceback" not in r.output
    bad = tmp_path / "bad.graphml"
    bad.write_text("<graphml><oops", "utf-8")
    r = run("report", bad)
    assert r.exit_code == 1 and "cannot read it as GraphML" in r.output
    r = run("report", OUTPUT / "graph.graphml", "--measure", "fame")
    assert r.exit_code == 2 and "unknown measure" in r.output


GEPHI_GRAPHML = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key attr.name="label" attr.type="string" for="node" id="label"/>
<key attr.name="Edge Label" attr.type="string" for="edge" id="edgelabel"/>
<key attr.name="weight" attr.type="double" for="edge" id="weight"/>
<key attr.name="r" attr.type="int" for="node" id="r"/>
<key attr.name="x" attr.type="float" for="node" id="x"/>
<key attr.name="type" attr.type="string" for="node" id="type"/>
<graph edgedefault="directed">
<node id="0"><data key="label">Medici</data><data key="r">200</data><data key="x">1.5</data>
<data key="type">FAMILY</data></node>
<node id="1"><data key="label">Strozzi</data><data key="type">FAMILY</data></node>
<node id="2"><data key="label">Pazzi</data></node>
<edge id="e0" source="0" target="1"><data key="weight">2.0</data></edge>
<edge id="e1" source="1" target="0"><data key="weight">1.0</data></edge>
<edge id="e2" source="0" target="2"/>
</graph>
</graphml>
"""


def test_graphml_saved_by_gephi(tmp_path):
    path = tmp_path / "gephi.graphml"
    path.write_text(GEPHI_GRAPHML, "utf-8")
    r = run("report", path, "--measure", "weighted-degree", "--format", "json")
    assert r.exit_code == 0, r.output
    data = {d["label"]: d for d in json.loads(r.stdout)}
    assert data["Medici"]["weighted_degree"] == 4.0  # directed 0->1 and 1->0 summed, missing weight is 1
    r = run("neighbors", "medici", "--graph", path)
    assert r.exit_code == 0 and "Strozzi" in r.stdout


def test_gexf_is_valid_and_round_trips(tmp_path):
    G = nx.read_graphml(OUTPUT / "graph.graphml")
    path = write_gexf(G, tmp_path / "g.gexf")
    rng = etree.RelaxNG(etree.parse(str(SCHEMA_DIR / "gexf-1.3" / "gexf.rng")))
    rng.assertValid(etree.parse(str(path)))
    H = nx.read_gexf(path)
    assert H.number_of_nodes() == G.number_of_nodes() and H.number_of_edges() == G.number_of_edges()
    n = "person:qassem-soleimani"
    for key in ("type", "aliases", "mentions", "pagerank", "community"):
        assert H.nodes[n][key] == G.nodes[n][key] and type(H.nodes[n][key]) is type(G.nodes[n][key]), key
    assert H.nodes[n]["label"] == G.nodes[n]["label"]
    viz = H.nodes[n]["viz"]
    assert viz["size"] == G.nodes[n]["size"] and "position" in viz
    assert "#%02x%02x%02x" % (viz["color"]["r"], viz["color"]["g"], viz["color"]["b"]) == G.nodes[n]["color"]
    u, v = "org:hezbollah", "person:hassan-nasrallah"
    assert H[u][v]["weight"] == G[u][v]["weight"] and H[u][v]["evidence"] == G[u][v]["evidence"]
    report = run("report", path, "--measure", "pagerank", "--format", "json")
    assert report.exit_code == 0 and json.loads(report.stdout)


def test_committed_exports_validate_and_read_back():
    schema = etree.XMLSchema(etree.parse(str(SCHEMA_DIR / "graphml.xsd")))
    schema.assertValid(etree.parse(str(OUTPUT / "graph.graphml")))
    rng = etree.RelaxNG(etree.parse(str(SCHEMA_DIR / "gexf-1.3" / "gexf.rng")))
    rng.assertValid(etree.parse(str(OUTPUT / "graph.gexf")))
    igraph = pytest.importorskip("igraph")
    g = igraph.Graph.Read_GraphML(str(OUTPUT / "graph.graphml"))
    G = nx.read_graphml(OUTPUT / "graph.graphml")
    assert (g.vcount(), g.ecount()) == (G.number_of_nodes(), G.number_of_edges())
    assert set(g.vs["type"]) == {d["type"] for _, d in G.nodes(data=True)}
    for attr in ("label", "color", "size", "x", "y"):
        assert attr in g.vs.attributes()
    assert all(c.startswith("#") and len(c) == 7 for c in g.vs["color"])
    data = json.loads((OUTPUT / "graph.json").read_text("utf-8"))
    assert len(data["nodes"]) == G.number_of_nodes() and isinstance(data["links"][0]["evidence"], list)
    rows = list(csv.DictReader(io.StringIO((OUTPUT / "nodes.csv").read_text("utf-8"))))
    assert {"Id", "Label", "Type"} <= set(rows[0]) and len(rows) == G.number_of_nodes()
    rows = list(csv.DictReader(io.StringIO((OUTPUT / "edges.csv").read_text("utf-8"))))
    assert {"Source", "Target", "Type", "Weight"} <= set(rows[0]) and rows[0]["Type"] == "Undirected"


def test_gephi_clean_graphml(tmp_path):
    G = nx.Graph()
    G.add_node("org:inf", label="INF Treaty", type="ORG")
    G.add_node("gpe:x", label="X", type="GPE")
    G.add_edge("org:inf", "gpe:x", weight=1, evidence=json.dumps([{"doc": "d", "start": 0, "end": 9,
                                                                   "text": "INFLATION hit X"}]))
    path = write_graphml(G, tmp_path / "g.graphml")
    raw = path.read_text("utf-8")
    evidence_line = next(line for line in raw.splitlines() if "INFLATION" in line or "u0049NF" in line)
    assert "INF" not in evidence_line.replace("u0049NF", "")
    H = nx.read_graphml(path)
    assert json.loads(H["org:inf"]["gpe:x"]["evidence"])[0]["text"] == "INFLATION hit X"


def test_neighbors_path_communities_and_suggestions():
    r = run("neighbors", "Qasem Soleimani", "--format", "json")
    rows = json.loads(r.stdout)
    assert rows and rows == sorted(rows, key=lambda x: -x["weight"])
    assert all(row["sentence"] for row in rows)
    r = run("path", "Pompeo", "Nasrallah", "--format", "json")
    hops = json.loads(r.stdout)
    assert hops[0]["from"] == "Mike Pompeo" and hops[-1]["to"] == "Hassan Nasrallah"
    assert all(h["sentence"] for h in hops)
    r = run("communities", "--format", "json")
    comms = json.loads(r.stdout)
    assert sum(c["size"] for c in comms) == nx.read_graphml(OUTPUT / "graph.graphml").number_of_nodes()
    grouped = json.loads(run("communities", "--format", "json", "--min-size", "2").stdout)
    assert grouped == [c for c in comms if c["size"] >= 2] and len(grouped) < len(comms)  # singletons out
    assert json.loads(run("communities", "--format", "json", "--limit", "2").stdout) == comms[:2]
    r = run("neighbors", "Solemani")
    assert r.exit_code == 1 and "Did you mean: Qassem Soleimani" in r.output


def test_path_between_disconnected_entities(tmp_path):
    path = tmp_path / "g.graphml"
    nx.write_graphml(nx.Graph([("a", "b"), ("c", "d")]), path)
    r = run("path", "a", "d", "--graph", path)
    assert r.exit_code == 1 and "no path" in r.output


def test_entities_command_lists_aliases_and_writes_alias_lines(tmp_path):
    r = run("entities", "--type", "PERSON")
    assert r.exit_code == 0 and "Qassem Soleimani" in r.stdout and "Qasem Soleimani" in r.stdout
    out = tmp_path / "aliases.csv"
    r = run("entities", "--format", "aliases", "-o", out)
    from graphbuild.aliases import load_alias_file

    table = load_alias_file(out)
    e = next(x for x in table.entries if x.name == "Qassem Soleimani")
    assert e.type == "PERSON" and "Soleimani" in e.aliases


def test_html_command_focus_and_limits(tmp_path, monkeypatch):
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    out = tmp_path / "p.html"
    r = run("html", OUTPUT / "graph.graphml", "-o", out, "--focus", "Nasrallah", "--depth", "1", "--title", "Nasrallah")
    assert r.exit_code == 0, r.output
    page = out.read_text("utf-8")
    data = json.loads(page.split('id="graph-data">', 1)[1].split("</script>", 1)[0])
    G = nx.read_graphml(OUTPUT / "graph.graphml")
    ego = nx.ego_graph(G, "person:hassan-nasrallah", 1)
    assert len(data["nodes"]) == ego.number_of_nodes() and data["omitted_nodes"] > 0
    assert data["selection"] == "Hassan Nasrallah and the entities within 1 tie"  # the page says what it shows
    r = run("html", OUTPUT / "graph.graphml", "-o", out, "--max-nodes", "5", "--min-weight", "2")
    data = json.loads(out.read_text("utf-8").split('id="graph-data">', 1)[1].split("</script>", 1)[0])
    assert len(data["nodes"]) == 5 and data["omitted_nodes"] == G.number_of_nodes() - 5
    assert data["selection"] == "ties of weight 2 or more; the 5 strongest entities (by weighted degree)"
    run("html", OUTPUT / "graph.graphml", "-o", out)
    data = json.loads(out.read_text("utf-8").split('id="graph-data">', 1)[1].split("</script>", 1)[0])
    assert data["selection"] == "" and data["omitted_nodes"] == 0
    assert list(cwd.iterdir()) == []  # pyvis copies lib/ into the current folder; we never let it
    assert "http://" not in page.split("<script>", 1)[0] and "https://" not in page.split("<script>", 1)[0]


@pytest.mark.parametrize("name", ["graph.graphml", "graph.gexf", "graph.json"])
def test_every_query_command_reads_every_export_format(name, tmp_path):
    """The three graph files the build writes answer the same questions (node-link JSON holds the
    evidence as a list, the others as JSON text)."""
    def out(*args):
        r = run(*args)
        assert r.exit_code == 0, (args, r.output)
        return r.output

    graph = OUTPUT / name
    top = out("report", graph, "--top", "3", "--measure", "pagerank", "--format", "json")
    assert top == out("report", OUTPUT / "graph.graphml", "--top", "3", "--measure", "pagerank", "--format", "json")
    near = json.loads(out("neighbors", "Soleimani", "-g", graph, "--format", "json"))
    assert near and all(r["sentence"] for r in near)
    assert json.loads(out("path", "Pompeo", "Nasrallah", "-g", graph, "--format", "json"))
    assert json.loads(out("communities", graph, "--format", "json"))
    page = tmp_path / "page.html"
    out("html", graph, "-o", page)
    assert "The response to [shedding]" in page.read_text("utf-8")  # evidence reached the page


def test_report_takes_the_graph_as_argument_or_as_the_queries_option(florentine, tmp_path):
    _, path = florentine
    by_argument = run("report", path, "--top", "3", "--format", "csv")
    by_option = run("report", "-g", path, "--top", "3", "--format", "csv")
    assert by_argument.exit_code == by_option.exit_code == 0, by_option.output
    assert by_option.stdout == by_argument.stdout and "Medici" in by_option.stdout
    missing = run("report", "-g", tmp_path / "none.graphml")
    assert missing.exit_code != 0  # the option is read, not the default graph


def test_a_build_s_output_folder_stands_for_its_graph(tmp_path):
    by_file = run("report", OUTPUT / "graph.graphml", "--top", "3", "--format", "json")
    by_folder = run("report", OUTPUT, "--top", "3", "--format", "json")
    assert by_folder.exit_code == 0 and by_folder.stdout == by_file.stdout
    assert run("neighbors", "Soleimani", "-g", OUTPUT).exit_code == 0
    empty = tmp_path / "empty"
    empty.mkdir()
    r = run("report", empty)
    assert r.exit_code == 1 and "empty: a folder with no graph.graphml" in r.output  # one line naming it


def test_exported_alias_lines_leave_out_forms_several_entities_share(tmp_path):
    G = nx.Graph()
    G.add_node("org:s-it", label="Senate (Velskia)", type="ORG", mentions=5, aliases="Senate | Senate (Velskia)")
    G.add_node("org:s-fr", label="Senate (Qarvania)", type="ORG", mentions=4, aliases="Senate")
    G.add_node("p:k", label="Klaus Vellner", type="PERSON", mentions=3, aliases="Klaus Vellner | Vellner | Mr Vellner")
    G.add_node("p:s", label="Sabine Vellner", type="PERSON", mentions=2, aliases="Sabine Vellner | Vellner")
    G.add_edge("org:s-it", "p:k", weight=1)
    nx.write_graphml(G, tmp_path / "g.graphml")
    out = tmp_path / "aliases.csv"
    r = run("entities", "--graph", tmp_path / "g.graphml", "--format", "aliases", "-o", out)
    assert r.exit_code == 0, r.output
    from graphbuild.aliases import load_alias_file

    table = load_alias_file(out)  # the file the user edits and passes back: no form means two entities
    by_name = {e.name: e.aliases for e in table.entries}
    assert by_name == {"Senate (Velskia)": [], "Senate (Qarvania)": [], "Klaus Vellner": ["Mr Vellner"],
                       "Sabine Vellner": []}
    assert out.read_text("utf-8").startswith("# left out") and "Senate (2)" in out.read_text("utf-8")


def test_an_alias_file_that_lists_one_form_for_two_entities_warns(tmp_path, caplog):
    from graphbuild.aliases import load_alias_file

    f = tmp_path / "a.csv"
    f.write_text("name,type,aliases,action\nSenate (Velskia),ORG,Senate,\nSenate (Qarvania),ORG,Senate,\n"
                 "Ada Roe,PERSON,Roe,\n", "utf-8")
    with caplog.at_level("WARNING", logger="graphbuild"):
        table = load_alias_file(f)
    assert "'Senate' (Senate (Velskia) / Senate (Qarvania))" in caplog.text
    assert table.entries[table.index("senate")].name == "Senate (Qarvania)"  # (the later one, as documented)
    caplog.clear()
    f.write_text("name,type,aliases,action\nAda Roe,PERSON,Roe,\n", "utf-8")
    with caplog.at_level("WARNING", logger="graphbuild"):
        load_alias_file(f)
    assert caplog.text == ""


def test_a_table_s_heading_comes_before_it_on_standard_output():
    r = run("neighbors", "Soleimani", "--graph", OUTPUT / "graph.graphml", "--top", "2")
    assert r.exit_code == 0 and r.stdout.splitlines()[0].startswith("Qassem Soleimani (PERSON): ")
    r = run("neighbors", "Soleimani", "--graph", OUTPUT / "graph.graphml", "--format", "csv")
    assert r.stdout.startswith("rank,")  # a machine format has no heading
