"""What a new user hit on a real corpus (issue 14, item 7): each behaviour of the CLI on graphs written for the test."""

import json
import re

import networkx as nx
import pytest
from click.testing import CliRunner

from graphbuild.cli import cli
from graphbuild.errors import InputError
from graphbuild.query import find_node

from .conftest import ROOT

pytestmark = pytest.mark.unit

LONG = ("Vladimir Putin met Recep Tayyip Erdogan in Sochi on Tuesday, where the two leaders spoke for more than "
        "four hours about the war, the grain corridor, the pipeline, the price of gas and the prisoners that "
        "both sides hold, according to officials.")


@pytest.fixture
def graph(tmp_path):
    G = nx.Graph(title="Black Sea corpus")
    people = [("person:vladimir-putin", "Vladimir Putin", 40),
              ("person:recep-tayyip-erdogan", "Recep Tayyip Erdogan", 30),
              ("person:muammar-gaddafi", "Muammar Gaddafi", 12), ("person:saif-gaddafi", "Saif al-Islam Gaddafi", 5),
              ("org:crown-prosecution-service", "Crown Prosecution Service", 50)]
    for n, label, m in people:
        G.add_node(n, label=label, type="ORG" if n.startswith("org") else "PERSON", mentions=m, documents=3,
                   aliases=label)
    G.add_node("gpe:sochi", label="Sochi", type="GPE", mentions=4, documents=2, aliases="Sochi")
    start = 100
    ev = [{"doc": "news/2022-08-05.txt", "start": start, "end": start + len(LONG), "text": LONG}]
    G.add_edge("person:vladimir-putin", "person:recep-tayyip-erdogan", weight=3, documents=2,
               evidence=json.dumps(ev))
    G.add_edge("person:recep-tayyip-erdogan", "gpe:sochi", weight=1, documents=1, evidence=json.dumps(ev))
    G.add_edge("person:muammar-gaddafi", "person:saif-gaddafi", weight=1, documents=1, evidence="[]")
    G.add_edge("org:crown-prosecution-service", "gpe:sochi", weight=1, documents=1, evidence="[]")
    path = tmp_path / "graph.graphml"
    nx.write_graphml(G, path)
    return G, path


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


# -- html without -o

def test_html_without_output_writes_beside_the_graph_and_keeps_the_builds_page(graph):
    _, path = graph
    build_page = path.with_name("graph.html")
    build_page.write_text("the build's page", "utf-8")
    r = run("html", path)
    assert r.exit_code == 0, r.output
    assert build_page.read_text("utf-8") == "the build's page"
    page = path.with_name("graph-view.html").read_text("utf-8")
    assert "<title>Black Sea corpus</title>" in page  # the build's title, not the file's name


def test_html_title_option_wins_and_the_graph_itself_is_never_overwritten(graph, tmp_path):
    _, path = graph
    r = run("html", path, "-o", tmp_path / "p.html", "--title", "Mine")
    assert r.exit_code == 0 and "<title>Mine</title>" in (tmp_path / "p.html").read_text("utf-8")
    before = path.read_bytes()
    r = run("html", path, "-o", path)
    assert r.exit_code == 1 and "is the graph file itself" in r.output and path.read_bytes() == before


def test_a_built_graph_carries_its_title(tmp_path):
    from graphbuild.export import export_all
    from graphbuild.query import load_graph

    G = nx.Graph([("person:a", "org:b", {"weight": 2})])
    export_all(G, tmp_path, formats=("graphml",), title="Reuters 1987")
    assert load_graph(tmp_path / "graph.graphml").graph["title"] == "Reuters 1987"


# -- unknown types

@pytest.mark.parametrize("args", [["report", "--type", "FOO"], ["entities", "--type", "FOO"],
                                  ["html", "--types", "PERSON,FOO"], ["report", "--type", "person,foo"]])
def test_an_unknown_type_is_refused_naming_the_graphs_types(graph, tmp_path, args):
    _, path = graph
    cmd, *rest = args
    extra = ["-o", tmp_path / "p.html"] if cmd == "html" else []
    r = run(cmd, path, *rest, *extra)
    assert r.exit_code == 2, r.output
    assert "no entity of type 'FOO' in the graph; its types: GPE, ORG, PERSON" in r.output
    assert not (tmp_path / "p.html").exists()


def test_known_types_still_filter(graph):
    _, path = graph
    r = run("entities", path, "--type", "gpe", "--format", "csv")
    assert r.exit_code == 0 and [line.split(",")[0] for line in r.output.splitlines()[1:]] == ["Sochi"]
    r = run("report", path, "--type", "ORG,GPE", "--format", "json", "--measure", "degree")
    assert r.exit_code == 0 and {row["type"] for row in json.loads(r.output)} == {"ORG", "GPE"}


# -- evidence in machine formats

def test_neighbors_json_and_csv_carry_the_whole_sentence_and_offsets(graph):
    _, path = graph
    r = run("neighbors", "Vladimir Putin", "--graph", path, "--format", "json")
    row = json.loads(r.output)[0]
    assert row["sentence"] == LONG and (row["doc"], row["start"], row["end"]) == ("news/2022-08-05.txt", 100,
                                                                                    100 + len(LONG))
    r = run("neighbors", "Vladimir Putin", "--graph", path, "--format", "csv")
    header, first = r.output.splitlines()[:2]
    assert header.split(",")[6:9] == ["doc", "start", "end"] and LONG in first and "…" not in first


def test_path_json_carries_offsets_and_the_table_shortens(graph):
    _, path = graph
    hops = json.loads(run("path", "Putin", "Sochi", "--graph", path, "--format", "json").output)
    assert [h["sentence"] for h in hops] == [LONG, LONG] and all(h["start"] == 100 for h in hops)
    table = run("path", "Putin", "Sochi", "--graph", path).output
    assert "…" in table and LONG not in table and "start" not in table
    assert max(len(cell) for line in table.splitlines() for cell in re.split(r"\s{2,}", line)) <= 160


# -- name lookup

def test_a_unique_surname_or_word_finds_the_entity(graph):
    G, _ = graph
    assert find_node(G, "Putin") == "person:vladimir-putin"
    assert find_node(G, "erdogan") == "person:recep-tayyip-erdogan"
    assert find_node(G, "Tayyip") == "person:recep-tayyip-erdogan"  # a word inside the name
    assert find_node(G, "Prosecution Service") == "org:crown-prosecution-service"


def test_a_surname_of_two_entities_is_not_guessed(graph):
    G, _ = graph
    with pytest.raises(InputError, match=r"'Gaddafi' is the end of a name of several entities: Muammar Gaddafi "
                                         r"\(person:muammar-gaddafi\); Saif al-Islam Gaddafi"):
        find_node(G, "Gaddafi")


def test_part_of_a_word_is_not_a_match(graph):
    G, _ = graph
    with pytest.raises(InputError, match="no entity named 'Put'"):
        find_node(G, "Put")  # not "Putin": whole words only


def test_did_you_mean_ranks_names_spelt_alike(graph):
    G, _ = graph
    with pytest.raises(InputError) as e:
        find_node(G, "Poutin")
    assert "Did you mean: Vladimir Putin?" in str(e.value)  # not the Crown Prosecution Service
    with pytest.raises(InputError) as e:
        find_node(G, "Gadaffi")
    assert "Did you mean: Muammar Gaddafi, Saif al-Islam Gaddafi?" in str(e.value)  # the most mentioned first


# -- README and --help say one thing

def test_the_sampling_range_is_the_same_in_help_readme_and_code():
    from graphbuild.analysis import SAMPLE_MAX, SAMPLE_MIN

    span = f"{SAMPLE_MIN}-{SAMPLE_MAX}"
    assert span in " ".join(run("report", "--help").output.split())
    readme = (ROOT / "README.md").read_text("utf-8")
    assert span in readme and not re.search(r"\b\d+-\d+ (seeded )?(random |sampled )+sources", readme.replace(span, ""))


def test_report_help_states_the_closeness_scale():
    text = " ".join(run("report", "--help").output.split())
    assert "values above 1 are normal" in text


def test_the_readme_search_examples_are_aliases_of_the_demo_graph():
    from graphbuild.query import load_graph

    readme = (ROOT / "README.md").read_text("utf-8")
    line = next(x for x in readme.splitlines() if x.startswith("- **Find**"))
    examples = re.findall(r'"([^"]+)"', line)
    G = load_graph(ROOT / "output" / "graph.graphml")
    aliases = {a.casefold() for _, d in G.nodes(data=True) for a in str(d.get("aliases", "")).split(" | ")}
    assert examples and [e for e in examples if e.casefold() not in aliases] == []


# -- interruptions and paths

@pytest.mark.parametrize("flag, says, never", [([], "the cache keeps the articles extracted so far", "nothing was"),
                                               (["--no-cache"], "nothing was cached (--no-cache)", "cache keeps")])
def test_ctrl_c_says_what_the_cache_kept(tmp_path, monkeypatch, flag, says, never):
    import graphbuild.pipeline as pipeline

    def interrupted(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "build", interrupted)
    (tmp_path / "a.txt").write_text("Angela Merkel met Emmanuel Macron.", "utf-8")
    r = run("build", tmp_path / "a.txt", "--out", tmp_path / "out", *flag)
    assert r.exit_code == 130 and says in r.output and never not in r.output


def test_ctrl_c_in_a_query_does_not_talk_about_a_cache(graph, monkeypatch):
    import graphbuild.query as query

    def interrupted(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(query, "ranking", interrupted)
    r = run("report", graph[1])
    assert r.exit_code == 130 and r.output.strip() == "interrupted: stopped"


def test_an_output_folder_that_is_a_file(tmp_path):
    (tmp_path / "a.txt").write_text("Angela Merkel met Emmanuel Macron.", "utf-8")
    (tmp_path / "out").write_text("not a folder", "utf-8")
    r = run("build", tmp_path / "a.txt", "--out", tmp_path / "out")
    assert r.exit_code == 1 and "out: is a file, not a folder" in r.output and "File exists" not in r.output


def test_a_query_output_that_is_a_folder(graph, tmp_path):
    r = run("report", graph[1], "-o", tmp_path)
    assert r.exit_code == 1 and "is a folder, not a file" in r.output, r.output


# -- one picture in Gephi from either file, and on the page

def test_graphml_gexf_and_page_positions_agree(tmp_path):
    from graphbuild.export import export_all
    from graphbuild.layout import add_viz

    G = nx.Graph([("a", "b", {"weight": 1}), ("b", "c", {"weight": 2}), ("c", "d", {"weight": 1})])
    add_viz(G)
    export_all(G, tmp_path, formats=("graphml", "gexf", "html"))
    gml = nx.read_graphml(tmp_path / "graph.graphml")
    gexf = nx.read_gexf(tmp_path / "graph.gexf")
    html = (tmp_path / "graph.html").read_text("utf-8")
    data = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)[1]
    page = {d["id"]: d for d in json.loads(data.replace("<\\/", "</"))["nodes"]}
    ys = {n: float(d["y"]) for n, d in gml.nodes(data=True)}
    assert len(set(ys.values())) > 1  # a real layout, so a mirror would show
    for n, d in gexf.nodes(data=True):
        assert (d["viz"]["position"]["x"], d["viz"]["position"]["y"]) == pytest.approx((float(gml.nodes[n]["x"]),
                                                                                         ys[n]))
        # the page draws screen units (y down): the same picture as Gephi's (y up)
        assert (page[n]["x"], page[n]["y"]) == pytest.approx((float(gml.nodes[n]["x"]), -ys[n]))
