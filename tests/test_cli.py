"""End-to-end: the real CLI on seeds/ with the real spaCy model, and its error messages."""

import json
import subprocess
import sys

import networkx as nx
import pytest
from click.testing import CliRunner

from graphbuild.cli import cli
from graphbuild.text import match_key

from .conftest import OUTPUT, ROOT, SEEDS

pytestmark = pytest.mark.e2e

DEMO_ARGS = ["build", "seeds/", "--out", "output/", "--format", "all", "--title", "graphbuild demo: seeds"]
OUTPUT_FILES = ("graph.graphml", "graph.gexf", "graph.json", "graph.html", "entities.csv", "nodes.csv", "edges.csv",
                "documents.csv", "mentions.jsonl", "merges.csv")


@pytest.fixture(scope="module")
def seeds_build(tmp_path_factory):
    """Run the demo's command into a fresh folder (from the repo root, as `make demo` does)."""
    out = tmp_path_factory.mktemp("out")
    runner = CliRunner()
    import os

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        args = [a if a != "output/" else str(out) for a in DEMO_ARGS]
        result = runner.invoke(cli, args, catch_exceptions=False)
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    return out, result


@pytest.fixture(scope="module")
def G(seeds_build):
    return nx.read_graphml(seeds_build[0] / "graph.graphml")


def node_by_name(G, name):
    """The node whose label or one of whose aliases is ``name`` (compared by match key)."""
    k = match_key(name)
    hits = [n for n, d in G.nodes(data=True)
            if k == match_key(d["label"]) or k in {match_key(a) for a in d["aliases"].split(" | ")}]
    assert len(hits) == 1, (name, hits)
    return hits[0]


def test_build_writes_every_output(seeds_build):
    out, result = seeds_build
    for name in (*OUTPUT_FILES, "graph.index.sqlite"):
        assert (out / name).stat().st_size > 0, name
    assert "wrote" in result.output


def test_no_boilerplate_nodes_and_clean_labels(G):
    labels = {d["label"] for _, d in G.nodes(data=True)}
    aliases = {a for _, d in G.nodes(data=True) for a in d["aliases"].split(" | ")}
    for junk in ("FBI", "BlackRock", "China", "Financial Times", "Via Financial Times", "CNN", "West News Wire"):
        assert junk not in labels and junk not in aliases
    for label in labels:
        assert not label.lower().startswith("the "), label
        assert not label.endswith(("'s", "’s", "'", "’")), label


@pytest.mark.parametrize("a, b", [("Soleimani", "Quds Force"), ("Nasrallah", "Hezbollah"), ("Kadhimi", "PMF")])
def test_key_ties_with_evidence_naming_both(G, a, b):
    u, v = node_by_name(G, a), node_by_name(G, b)
    assert G.has_edge(u, v)
    evidence = json.loads(G[u][v]["evidence"])
    assert evidence
    for rec in evidence:
        low = rec["text"].lower()
        for n in (u, v):
            names = [G.nodes[n]["label"], *G.nodes[n]["aliases"].split(" | ")]
            assert any(x.lower() in low for x in names), (rec, n)
        doc_text = (SEEDS / rec["doc"]).read_text("utf-8")
        assert doc_text[rec["start"]:rec["end"]] == rec["text"]


@pytest.mark.parametrize("name, etype", [
    ("Qassem Soleimani", "PERSON"), ("Donald Trump", "PERSON"), ("Abu Mahdi al-Muhandis", "PERSON"),
    ("Esmail Qaani", "PERSON"), ("Mike Pompeo", "PERSON"), ("Hassan Nasrallah", "PERSON"),
    ("Mustafa al-Kadhimi", "PERSON"), ("John Raine", "PERSON"), ("Quds Force", "ORG"), ("Kata'ib Hezbollah", "ORG"),
    ("Popular Mobilization Forces", "ORG"), ("Hezbollah", "ORG"), ("Islamic Revolutionary Guard Corps", "ORG"),
    ("United States", "GPE"), ("Iran", "GPE"), ("Iraq", "GPE"),
])
def test_one_node_per_entity_with_the_right_type(G, name, etype):
    n = node_by_name(G, name)
    assert G.nodes[n]["type"] == etype
    if etype == "PERSON":  # no second node for the surname or a spelling variant
        last = match_key(name).split()[-1]
        others = [m for m, d in G.nodes(data=True) if m != n and last in match_key(d["label"]).split()]
        assert others == []


@pytest.mark.parametrize("form", ["US", "U.S.", "United States", "America"])
def test_united_states_forms(G, form):
    assert node_by_name(G, form) == node_by_name(G, "United States")


@pytest.mark.parametrize("a, b", [("Hezbollah", "Kata'ib Hezbollah"), ("Abu Mahdi al-Muhandis", "Adel Abdul Mahdi"),
                                  ("Iran", "Iraq"), ("Soleimani", "Iran"), ("Trump", "United States")])
def test_forbidden_merges_on_the_seeds(G, a, b):
    assert node_by_name(G, a) != node_by_name(G, b)


def test_mentions_jsonl_offsets_and_contract(seeds_build, G):
    out, _ = seeds_build
    lines = (out / "mentions.jsonl").read_text("utf-8").splitlines()
    assert lines
    texts = {}
    for line in lines:
        r = json.loads(line)
        assert set(r) == {"doc", "start", "end", "text", "label", "entity", "type"}
        t = texts.setdefault(r["doc"], (SEEDS / r["doc"]).read_text("utf-8"))
        assert t[r["start"]:r["end"]] == r["text"]
        assert r["entity"] in G and G.nodes[r["entity"]]["type"] == r["type"]


def test_graphml_attributes_follow_the_contract(G):
    for n, d in G.nodes(data=True):
        assert set(d) >= {"label", "type", "aliases", "mentions", "documents", "degree", "weighted_degree",
                          "betweenness", "pagerank", "eigenvector", "community"}
        assert n == n.strip() and " " not in n and ":" in n
    for u, v, d in G.edges(data=True):
        assert set(d) >= {"weight", "documents", "npmi", "evidence"}
        assert 1 <= len(json.loads(d["evidence"])) <= 5


def test_makefile_demo_runs_the_same_command():
    make = (ROOT / "Makefile").read_text("utf-8")
    assert "graphbuild " + " ".join(a if " " not in a else f'"{a}"' for a in DEMO_ARGS) in make


def test_committed_demo_output_is_reproduced_byte_for_byte(seeds_build):
    out, _ = seeds_build
    for name in OUTPUT_FILES:
        committed = OUTPUT / name
        assert committed.exists(), f"{committed} is not committed: run `make demo`"
        assert (out / name).read_bytes() == committed.read_bytes(), f"{name} differs: the build is not deterministic " \
            "or output/ is stale (run `make demo`)"


def _rows(path) -> list[str]:
    import sqlite3

    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def test_committed_demo_index_is_reproduced_row_for_row(seeds_build):
    """The query index holds the same rows (an SQLite file's bytes also carry the SQLite library's
    version, so another machine may write other bytes; one machine writes the same bytes: test_index)."""
    out, _ = seeds_build
    committed = OUTPUT / "graph.index.sqlite"
    assert committed.exists(), f"{committed} is not committed: run `make demo`"
    assert _rows(out / "graph.index.sqlite") == _rows(committed), "graph.index.sqlite differs: output/ is stale " \
        "(run `make demo`; the index carries the digest of the code that reads it, see graphbuild/graphindex.py)"
    from graphbuild.query import GraphFile

    assert GraphFile(committed.with_name("graph.graphml")).index is not None  # a checkout's index matches its GraphML


def test_missing_path_is_one_line_and_nonzero(tmp_path):
    r = CliRunner().invoke(cli, ["build", str(tmp_path / "nope"), "--out", str(tmp_path / "o")])
    assert r.exit_code != 0
    assert "nope: no such file or folder" in r.output and "Traceback" not in r.output


def test_folder_without_text_files(tmp_path):
    (tmp_path / "empty").mkdir()
    r = CliRunner().invoke(cli, ["build", str(tmp_path / "empty"), "--out", str(tmp_path / "o")])
    assert r.exit_code != 0 and "folder has no article files" in r.output and "Traceback" not in r.output


def test_bad_window_and_missing_alias_file(tmp_path):
    r = CliRunner().invoke(cli, ["build", str(SEEDS), "--window", "weekly", "--out", str(tmp_path)])
    assert r.exit_code == 2 and "--window" in r.output
    r = CliRunner().invoke(cli, ["build", str(SEEDS), "--aliases", str(tmp_path / "a.csv"), "--out", str(tmp_path)])
    assert r.exit_code == 1 and "alias file not found" in r.output


def test_options_change_the_graph(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Angela Merkel met Emmanuel Macron in Paris.\n\nLater Merkel flew to Berlin.", "utf-8")
    r = CliRunner().invoke(cli, ["build", str(src), "--out", str(tmp_path / "s"), "-q"])
    assert r.exit_code == 0, r.output
    G1 = nx.read_graphml(tmp_path / "s" / "graph.graphml")
    r = CliRunner().invoke(cli, ["build", str(src), "--out", str(tmp_path / "d"), "--window", "document",
                                 "--types", "PERSON", "-q"])
    assert r.exit_code == 0, r.output
    G2 = nx.read_graphml(tmp_path / "d" / "graph.graphml")
    assert {d["type"] for _, d in G2.nodes(data=True)} == {"PERSON"}
    assert G2.number_of_edges() >= 1
    assert set(G1.nodes) > set(G2.nodes)


def test_every_command_has_help():
    for name, cmd in cli.commands.items():
        r = CliRunner().invoke(cli, [name, "--help"])
        assert r.exit_code == 0 and "Usage" in r.output and cmd.help, name


def test_python_dash_m_works():
    r = subprocess.run([sys.executable, "-m", "graphbuild", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0 and "build" in r.stdout


def test_the_console_script_flushes_everything_and_keeps_exit_codes(tmp_path):
    """main() leaves with os._exit after the atexit handlers: output must be complete, codes kept."""
    import os

    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # buffered, as usual
    graph = ROOT / "output" / "graph.graphml"
    expected = CliRunner().invoke(cli, ["report", str(graph), "--format", "csv", "--top", "1000"]).output
    r = subprocess.run([sys.executable, "-m", "graphbuild", "report", str(graph), "--format", "csv", "--top", "1000"],
                       capture_output=True, text=True, cwd=tmp_path, env=env)
    assert r.returncode == 0 and r.stdout == expected and len(r.stdout.splitlines()) > 40
    r = subprocess.run([sys.executable, "-m", "graphbuild", "report", str(tmp_path / "missing.graphml")],
                       capture_output=True, text=True, cwd=tmp_path, env=env)
    assert r.returncode == 1 and "missing.graphml" in r.stderr and "Traceback" not in r.stderr
    r = subprocess.run([sys.executable, "-m", "graphbuild", "report", "--no-such-option"],
                       capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 2 and "no such option" in r.stderr.lower()
