"""The query functions under report, entities and html, on graphs written for the test."""

import networkx as nx
import pytest
from click.testing import CliRunner

from graphbuild.cli import cli
from graphbuild.pipeline import parse_types
from graphbuild.query import entity_rows, ranking

pytestmark = pytest.mark.unit


@pytest.fixture
def star(tmp_path):
    G = nx.Graph()
    G.add_node("p:hub", label="Hub Person", type="PERSON", mentions=9, documents=3)
    for i, t in enumerate(["ORG", "ORG", "GPE", "PERSON"]):
        G.add_node(f"x:{i}", label=f"Leaf {i}", type=t, mentions=i + 1, documents=1)
        G.add_edge("p:hub", f"x:{i}", weight=i + 1, evidence="[]")
    path = tmp_path / "g.graphml"
    nx.write_graphml(G, path)
    return G, path


def test_ranking_orders_filters_and_numbers_rows(star):
    G, _ = star
    rows, m = ranking(G, ["weighted_degree", "degree"], top=0)
    assert [r["id"] for r in rows] == ["p:hub", "x:3", "x:2", "x:1", "x:0"]
    assert [r["rank"] for r in rows] == [1, 2, 3, 4, 5] and rows[0]["weighted_degree"] == 10.0
    orgs, _ = ranking(G, ["weighted_degree"], top=1, types=["org"])
    assert [(r["id"], r["rank"]) for r in orgs] == [("x:1", 1)]  # the measure is the whole graph's
    assert m.sampled == []


def test_entity_rows_most_mentioned_first_and_cut(star):
    G, _ = star
    assert [r["id"] for r in entity_rows(G)] == ["p:hub", "x:3", "x:2", "x:1", "x:0"]
    assert [r["id"] for r in entity_rows(G, types=["PERSON"], min_mentions=5)] == ["p:hub"]


def test_parse_types_checks_labels_only_where_asked():
    assert parse_types("person,Gpe") == ("PERSON", "GPE")
    with pytest.raises(ValueError, match="unknown entity type 'CLUB'"):
        parse_types("CLUB")
    assert parse_types("club", known=None) == ("CLUB",)  # a graph made elsewhere has its own types
    with pytest.raises(ValueError, match="no entity type given"):
        parse_types(",", known=None)


def test_html_types_option_errors_in_one_line(star, tmp_path):
    _, path = star
    r = CliRunner().invoke(cli, ["html", str(path), "-o", str(tmp_path / "p.html"), "--types", ","])
    assert r.exit_code == 2 and "no entity type given" in r.output and "Traceback" not in r.output
    r = CliRunner().invoke(cli, ["html", str(path), "-o", str(tmp_path / "p.html"), "--types", "org"])
    assert r.exit_code == 0, r.output
    page = (tmp_path / "p.html").read_text("utf-8")
    assert "Leaf 0" in page and "Hub Person" not in page
