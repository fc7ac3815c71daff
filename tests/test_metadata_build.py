"""Document metadata through a real build (issue #13, item 1): documents.csv, evidence offsets under a
header block, the queries on the built graph, and a build whose metadata changes nothing else."""

import csv
import json

import networkx as nx
import pytest
from click.testing import CliRunner

from graphbuild import BuildConfig, build, export_all
from graphbuild.cli import cli
from graphbuild.evidence import evidence_of
from graphbuild.meta import META_KEYS

pytestmark = pytest.mark.e2e

HEADER = ("Title: Emmanuel Macron in Berlin\nDate: Tue, 06 Feb 2024 09:30:00 +0100\nURL: https://example.org/b\n"
          "Src: Wire\n")
BODY = "\nEmmanuel Macron spoke in Berlin. Angela Merkel listened.\n"
RECORDS = [{"id": "c1", "text": "Vladimir Putin met Xi Jinping in Moscow.", "title": "Moscow talks",
            "date": "26-FEB-1987 15:01:01.79", "source": "Reuters"},
           {"id": "c2", "text": "Nothing happened here."}]


def _build(folder, out, records):
    folder.mkdir()
    (folder / "2024-01-31-talks.txt").write_text("Angela Merkel met Emmanuel Macron in Paris.", "utf-8")
    (folder / "b.md").write_text(HEADER + BODY, "utf-8")
    (folder / "c.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    result = build([folder], BuildConfig(types=("PERSON", "GPE")))
    export_all(result, out, formats=("graphml", "csv", "json"))
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("meta")
    return tmp / "in", _build(tmp / "in", tmp / "out", RECORDS)


def test_documents_csv_is_exactly_as_expected(built):
    _, out = built
    assert (out / "documents.csv").read_bytes().decode("utf-8") == (
        "id,title,date,url,source,group,characters,sentences,mentions,entities\r\n"
        "2024-01-31-talks.txt,,2024-01-31,,,,43,1,3,3\r\n"
        "b.md,Emmanuel Macron in Berlin,2024-02-06T09:30:00+01:00,https://example.org/b,Wire,,166,2,3,3\r\n"
        "c1,Moscow talks,1987-02-26T15:01:01,,Reuters,,40,1,3,3\r\n"
        "c2,,,,,,22,1,0,0\r\n")


def test_offsets_under_a_header_point_into_the_file_as_read(built):
    folder, out = built
    text = (folder / "b.md").read_text("utf-8")
    mentions = [json.loads(line) for line in (out / "mentions.jsonl").read_text("utf-8").splitlines()]
    mine = [m for m in mentions if m["doc"] == "b.md"]
    assert mine and all(text[m["start"]:m["end"]] == m["text"] for m in mine)
    assert all(m["start"] >= len(HEADER) for m in mine)  # nothing of the header reached NER
    G = nx.read_graphml(out / "graph.graphml")
    (ev,) = evidence_of(G.edges["gpe:berlin", "person:emmanuel-macron"])
    assert text[ev["start"]:ev["end"]] == ev["text"] == "Emmanuel Macron spoke in Berlin."
    assert {k: ev[k] for k in META_KEYS} == {"title": "Emmanuel Macron in Berlin",
                                            "date": "2024-02-06T09:30:00+01:00", "url": "https://example.org/b",
                                            "source": "Wire"}
    nodelink = json.loads((out / "graph.json").read_text("utf-8"))
    assert any(r.get("title") == "Moscow talks" for link in nodelink["links"] for r in link["evidence"])


def test_neighbors_and_path_json_on_the_built_graph(built):
    _, out = built
    r = CliRunner().invoke(cli, ["neighbors", "Vladimir Putin", "-g", str(out / "graph.graphml"), "--format", "json"])
    assert r.exit_code == 0, r.output
    assert {(row["label"], row["doc"], row["title"], row["date"]) for row in json.loads(r.stdout)} == {
        ("Xi Jinping", "c1", "Moscow talks", "1987-02-26T15:01:01"),
        ("Moscow", "c1", "Moscow talks", "1987-02-26T15:01:01")}
    r = CliRunner().invoke(cli, ["path", "Angela Merkel", "Berlin", "-g", str(out / "graph.graphml"),
                                 "--format", "json"])
    assert r.exit_code == 0, r.output
    assert [(h["to"], h["doc"], h["date"], h["url"]) for h in json.loads(r.stdout)] == [
        ("Emmanuel Macron", "2024-01-31-talks.txt", "2024-01-31", None),  # the date of the file name
        ("Berlin", "b.md", "2024-02-06T09:30:00+01:00", "https://example.org/b")]


def test_metadata_adds_fields_and_changes_nothing_else(built, tmp_path):
    _, out = built
    bare = [{k: r[k] for k in ("id", "text")} for r in RECORDS]
    plain = _build(tmp_path / "in", tmp_path / "out", bare)
    for name in ("mentions.jsonl", "merges.csv", "entities.csv", "nodes.csv"):
        assert (plain / name).read_bytes() == (out / name).read_bytes(), name
    with_meta = list(csv.DictReader((out / "edges.csv").open(encoding="utf-8", newline="")))
    without = list(csv.DictReader((plain / "edges.csv").open(encoding="utf-8", newline="")))
    assert {r["evidence_source"] for r in with_meta if r["evidence_doc"] == "c1"} == {"Reuters"}
    assert {r["evidence_source"] for r in without if r["evidence_doc"] == "c1"} == {""}

    def rest(rows):
        return [{k: v for k, v in r.items() if k not in ("evidence_date", "evidence_source", "first_date", "last_date")}
                for r in rows]
    assert rest(with_meta) == rest(without)  # edges.csv: the dates and the first evidence's source, nothing else
    G, H = nx.read_graphml(out / "graph.graphml"), nx.read_graphml(plain / "graph.graphml")
    assert sorted(G.edges) == sorted(H.edges)
    for u, v, d in G.edges(data=True):
        stripped = [{k: x for k, x in r.items() if not (r["doc"].startswith("c") and k in META_KEYS)}
                    for r in evidence_of(d)]
        assert stripped == evidence_of(H.edges[u, v]), (u, v)
