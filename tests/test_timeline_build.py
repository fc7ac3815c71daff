"""Dated ties through a real build (issue #13, items 2 and 3): periods on ties and entities, the
dynamic GEXF, --since/--until on build and on the queries, `timeline` and `report --compare`, on a
corpus written for the test (four dated articles over three weeks, one undated)."""

import datetime as dt
import json
import subprocess

import networkx as nx
import pytest
from click.testing import CliRunner

from graphbuild.cli import cli
from graphbuild.timeline import parse_counts
from tests.conftest import ROOT

pytestmark = pytest.mark.e2e

RECORDS = [
    {"id": "a1", "date": "2024-01-01", "source": "Wire", "title": "Paris talks", "url": "https://example.org/a1",
     "text": "Angela Merkel met Emmanuel Macron in Paris."},
    {"id": "a2", "date": "2024-01-03", "source": "Wire", "text": "Angela Merkel met Emmanuel Macron in Berlin."},
    {"id": "a3", "date": "2024-01-10", "source": "Daily",
     "text": "Vladimir Putin met Xi Jinping in Moscow. Emmanuel Macron was in Paris."},
    {"id": "a4", "date": "2024-01-17", "source": "Daily", "text": "Angela Merkel called Vladimir Putin."},
    {"id": "a5", "text": "Emmanuel Macron thanked Angela Merkel."},
]
# a wire story (a6) and two syndicated copies of it (a7 with a dateline, a8 with a credit line), and a
# follow-up story on the same people that is no copy (a9)
STORY = ("Justin Trudeau met Joe Biden in Washington on Wednesday to discuss the climate, trade and energy prices. "
         "The two leaders agreed to meet again in the spring, officials said, and the guest praised Biden for his "
         "patience during the long talks.")
RECORDS += [
    {"id": "a6", "date": "2024-01-10", "source": "Wire", "text": STORY},
    {"id": "a7", "date": "2024-01-11", "source": "Post", "url": "https://example.org/a7",
     "text": "WASHINGTON - " + STORY},
    {"id": "a8", "date": "2024-01-11", "source": "Herald", "text": STORY + " Reporting by staff."},
    {"id": "a9", "date": "2024-01-12", "source": "Herald",
     "text": "Justin Trudeau later flew home to Ottawa, where he told reporters that Joe Biden had been a generous "
             "host and that the talks on energy, trade and the climate would go on in the spring in Ottawa."},
]
BIDEN, TRUDEAU = "person:joe-biden", "person:justin-trudeau"
MERKEL, MACRON, PUTIN = "person:angela-merkel", "person:emmanuel-macron", "person:vladimir-putin"


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("dated")
    (tmp / "news.jsonl").write_text("".join(json.dumps(r) + "\n" for r in RECORDS), "utf-8")
    code, out = run("build", tmp / "news.jsonl", "--out", tmp / "out", "--period", "week", "--no-cache", "-q",
                    "--format", "graphml,gexf,csv,json")
    assert code == 0, out
    return tmp


def test_ties_and_entities_carry_their_weeks(corpus):
    G = nx.read_graphml(corpus / "out" / "graph.graphml")
    assert G.graph["period"] == "week" and G.graph["dated_documents"] == 6  # the copies a7, a8 count in a6
    tie = G.edges[MERKEL, MACRON]
    assert tie["weight"] == 3  # a1, a2 and the undated a5
    assert parse_counts(tie["periods"]) == {dt.date(2024, 1, 1): (2, 2)}  # a5 has no date: in no period
    assert (tie["first_date"], tie["last_date"]) == ("2024-01-01", "2024-01-03")
    assert G.edges[MERKEL, PUTIN]["periods"] == "2024-01-15:1:1"
    assert G.nodes[MERKEL]["periods"] == "2024-01-01:2:2 2024-01-15:1:1" and G.nodes[MERKEL]["mentions"] == 4
    J = json.loads((corpus / "out" / "graph.json").read_text("utf-8"))
    assert next(n for n in J["nodes"] if n["id"] == MACRON)["periods"] == "2024-01-01:2:2 2024-01-08:1:1"


def test_gexf_is_dynamic_valid_and_read_back(corpus):
    path = corpus / "out" / "graph.gexf"
    for kind, schema, file in (("--relaxng", "gexf-1.3/gexf.rng", path),
                               ("--schema", "graphml.xsd", corpus / "out" / "graph.graphml")):
        check = subprocess.run(["xmllint", "--noout", "--nonet", kind, str(ROOT / "tests" / "schemas" / schema),
                                str(file)], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
    G = nx.read_gexf(path)
    assert G.graph["mode"] == "dynamic" and (G.graph["start"], G.graph["end"]) == ("2024-01-01", "2024-01-21")
    assert G.nodes[MACRON]["spells"] == [("2024-01-01", "2024-01-14")]  # two weeks in a row: one spell
    assert G.nodes[MERKEL]["spells"] == [("2024-01-01", "2024-01-07"), ("2024-01-15", "2024-01-21")]
    assert G.edges[MERKEL, PUTIN]["spells"] == [("2024-01-15", "2024-01-21")]
    text = path.read_text("utf-8")
    assert '<attribute id="weight_in_period" title="weight" type="double"/>' in text
    assert '<attvalue for="weight_in_period" value="2.0" start="2024-01-01" end="2024-01-07"/>' in text


def test_build_since_until_keeps_only_articles_in_range(corpus):
    code, out = run("build", corpus / "news.jsonl", "--out", corpus / "late", "--since", "2024-01-08",
                    "--no-cache", "-q", "--format", "graphml")
    assert code == 0 and "3 articles left out" in out
    G = nx.read_graphml(corpus / "late" / "graph.graphml")
    assert not G.has_edge(MERKEL, MACRON) and G.edges[MERKEL, PUTIN]["weight"] == 1
    assert sorted(G) == sorted(["gpe:moscow", "gpe:ottawa", "gpe:paris", "gpe:washington", BIDEN, MACRON, MERKEL,
                                PUTIN, TRUDEAU, "person:xi-jinping"])
    code, out = run("build", corpus / "news.jsonl", "--out", corpus / "none", "--since", "2025", "--no-cache", "-q")
    assert code != 0 and "no article dated in 2025-01-01.." in out
    code, out = run("build", corpus / "news.jsonl", "--out", corpus / "none", "--since", "2025-13", "-q")
    assert code != 0 and "is not a date" in out


def test_queries_in_a_range(corpus):
    graph = corpus / "out" / "graph.graphml"
    code, out = run("neighbors", "Merkel", "-g", graph, "--since", "2024-01-15", "--format", "json")
    assert code == 0, out
    rows = json.loads(out[out.index("["):])
    assert [(r["label"], r["weight"]) for r in rows] == [("Vladimir Putin", 1)] and rows[0]["doc"] == "a4"
    code, out = run("neighbors", "Xi Jinping", "-g", graph, "--until", "2024-01-07")
    assert code != 0 and "not mentioned in ..2024-01-07" in out
    code, out = run("report", graph, "-m", "degree", "--until", "2024-01-07", "--format", "csv")
    assert code == 0 and "Vladimir Putin" not in out and "Berlin" in out
    code, out = run("path", "Berlin", "Putin", "-g", graph, "--until", "2024-01-07")
    assert code != 0 and "not mentioned" in out
    code, out = run("entities", graph, "--since", "2024-01-10", "--until", "2024-01-10", "--format", "csv")
    assert code == 0 and "note: the graph counts ties by week; the range is read as 2024-01-08..2024-01-14" in out
    assert "Xi Jinping" in out and "Berlin" not in out
    code, out = run("communities", graph, "--since", "2024-01-08", "--format", "json")
    assert code == 0 and "Berlin" not in out and "Moscow" in out


def test_timeline_and_compare(corpus):
    graph = corpus / "out" / "graph.graphml"
    code, out = run("timeline", "Angela Merkel", "-g", graph, "--format", "csv")
    assert code == 0, out
    assert out.splitlines() == ["period,mentions,documents,ties,top_ties",
                                '2024-01-01,2,2,3,"Emmanuel Macron (2), Berlin (1), Paris (1)"',
                                "2024-01-08,0,0,0,", "2024-01-15,1,1,1,Vladimir Putin (1)"]
    code, out = run("report", graph, "--compare", "2024-01-01..2024-01-07", "2024-01-08..", "-m", "pagerank",
                    "--format", "json")
    rows = {r["label"]: r for r in json.loads(out)}
    assert rows["Vladimir Putin"]["change"] == "new" and rows["Vladimir Putin"]["rank_a"] is None
    assert rows["Berlin"]["change"] == "gone" and rows["Angela Merkel"]["change"] == "-9"
    code, out = run("report", graph, "--compare", "2024-01", "2024-02", "--since", "2024")
    assert code != 0 and "--compare takes its own two periods" in out


def test_undated_graph_refuses_time_queries(tmp_path):
    (tmp_path / "a.txt").write_text("Angela Merkel met Emmanuel Macron in Paris.", "utf-8")
    code, out = run("build", tmp_path / "a.txt", "--out", tmp_path / "out", "--no-cache", "-q", "--format", "graphml")
    assert code == 0
    graph = tmp_path / "out" / "graph.graphml"
    for args in (("timeline", "Merkel", "-g", graph), ("report", graph, "--since", "2024")):
        code, out = run(*args)
        assert code != 0 and "the graph has no dates" in out


def test_syndicated_copies_count_once(corpus):
    out = corpus / "out"
    rows = (out / "documents.csv").read_text("utf-8").splitlines()
    groups = {r.split(",")[0]: r.split(",")[5] for r in rows[1:]}
    assert {d: g for d, g in groups.items() if g} == {"a6": "a6", "a7": "a6", "a8": "a6"}  # a9 is no copy
    G = nx.read_graphml(out / "graph.graphml")
    tie = G.edges[BIDEN, TRUDEAU]
    assert (tie["weight"], tie["documents"], tie["periods"]) == (2, 2, "2024-01-08:2:2")  # a6 once, and a9
    evidence = {e["doc"]: e for e in json.loads(tie["evidence"])}
    assert sorted(evidence) == ["a6", "a9"]
    assert evidence["a6"]["copies"] == [{"doc": "a7", "date": "2024-01-11", "url": "https://example.org/a7",
                                         "source": "Post"}, {"doc": "a8", "date": "2024-01-11", "source": "Herald"}]
    assert (G.nodes[BIDEN]["mentions"], G.nodes[BIDEN]["documents"]) == (3, 2)
    copies = [json.loads(line) for line in (out / "mentions.jsonl").read_text("utf-8").splitlines()]
    assert {m["doc"] for m in copies if m.get("copy_of") == "a6"} == {"a7", "a8"}  # nothing lost


def test_keep_duplicates_counts_every_copy(corpus):
    code, out = run("build", corpus / "news.jsonl", "--out", corpus / "kept", "--keep-duplicates", "--no-cache",
                    "-q", "--format", "graphml,csv")
    assert code == 0, out
    G = nx.read_graphml(corpus / "kept" / "graph.graphml")
    assert (G.edges[BIDEN, TRUDEAU]["weight"], G.edges[BIDEN, TRUDEAU]["documents"]) == (4, 4)
    assert G.nodes[BIDEN]["mentions"] == 7
    assert ",a6," not in (corpus / "kept" / "documents.csv").read_text("utf-8")


def test_cached_rebuild_reuses_the_signatures(corpus, monkeypatch):
    """The cache keeps each article's MinHash signature: a rebuild with a new option signs nothing again and
    finds the same group."""
    from graphbuild import pipeline

    cache = corpus / "sig-cache.sqlite"
    code, out = run("build", corpus / "news.jsonl", "--out", corpus / "c1", "--cache", cache, "-q", "--format", "csv")
    assert code == 0, out
    signed = []
    real = pipeline.signature
    monkeypatch.setattr(pipeline, "signature", lambda text: signed.append(text) or real(text))
    code, out = run("build", corpus / "news.jsonl", "--out", corpus / "c2", "--cache", cache, "-q", "--format", "csv",
                    "--min-weight", "2")
    assert code == 0, out
    assert signed == []
    rows = (corpus / "c2" / "documents.csv").read_text("utf-8").splitlines()
    assert {r.split(",")[0] for r in rows[1:] if r.split(",")[5] == "a6"} == {"a6", "a7", "a8"}
    (corpus / "news.jsonl").write_text((corpus / "news.jsonl").read_text("utf-8") + json.dumps(
        {"id": "a10", "date": "2024-01-20", "text": "Olaf Scholz met Joe Biden in Washington."}) + "\n", "utf-8")
    try:
        code, out = run("build", corpus / "news.jsonl", "--out", corpus / "c3", "--cache", cache, "-q", "--format",
                        "csv")
        assert code == 0, out
        assert len(signed) == 1 and "Olaf Scholz" in signed[0]  # the new article only
    finally:
        (corpus / "news.jsonl").write_text("".join(json.dumps(r) + "\n" for r in RECORDS), "utf-8")
