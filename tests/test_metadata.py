"""Unit tests of document metadata (issue #13, item 1): every reader path, dates, the header block's
offsets, the evidence and documents.csv rows, and the queries' columns, on data written for the test."""

import csv
import io
import json
import logging

import networkx as nx
import pytest
from click.testing import CliRunner

from graphbuild.cli import cli
from graphbuild.corpus import CorpusOptions, read_documents
from graphbuild.evidence import dump_evidence
from graphbuild.export.tables import write_documents_csv
from graphbuild.extract import Mention, Sentence
from graphbuild.graph import cooccurrence_graph
from graphbuild.meta import iso_date, name_date, split_header
from graphbuild.pipeline import BuildConfig, DocRecord, document_rows, inputs_key
from graphbuild.query import neighbors, strongest_path
from graphbuild.resolve import Entity

pytestmark = pytest.mark.unit


def read(paths, **options):
    return list(read_documents(paths, CorpusOptions(**options)))


@pytest.mark.parametrize("value, iso", [
    ("26-FEB-1987 15:01:01.79", "1987-02-26T15:01:01"),         # Reuters
    ("Tue, 31 Jan 2024 10:00:00 +0000", "2024-01-31T10:00:00+00:00"),  # RFC 2822
    ("2024-01-31T10:00:00Z", "2024-01-31T10:00:00+00:00"),
    ("2000-01-01", "2000-01-01"),                                # every field equal to the first default
    ("1 Jan 2000 00:00", "2000-01-01T00:00:00"),                 # midnight is a time given
    ("31 January 2024", "2024-01-31"),
    ("January 2024", "2024-01"),
    ("2024", "2024"),
    ("31 January", None),                                        # no year: no date
    ("2024-02-30", None),
    ("next Tuesday", None),
    ("", None),
])
def test_iso_date_keeps_the_precision_given(value, iso):
    assert iso_date(value) == iso


def test_jsonl_metadata_with_custom_field_names(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps({"id": "r1", "body": "Merkel met Macron.", "headline": "Talks\nin  Paris",
                             "published": "Tue, 31 Jan 2024 10:00:00 +0000", "link": "https://example.org/a",
                             "outlet": "Wire", "title": "not this one"}) + "\n", "utf-8")
    (doc,) = read([f], text_field="body", title_field="headline", date_field="published", url_field="link",
                  source_field="outlet")
    assert doc.meta == {"title": "Talks in Paris", "date": "2024-01-31T10:00:00+00:00",
                        "url": "https://example.org/a", "source": "Wire"}
    assert list(doc.meta) == ["title", "date", "url", "source"]
    (doc,) = read([f], text_field="body")  # the default names: only the record's "title" field
    assert doc.meta == {"title": "not this one"}


def test_csv_metadata_and_empty_cells(tmp_path):
    f = tmp_path / "a.csv"
    f.write_text("id,text,title,date,url,source\n"
                 "1,Merkel met Macron.,Talks,26-FEB-1987 15:01:01.79,,Reuters\n"
                 "2,Putin spoke.,,,,\n", "utf-8")
    docs = read([f])
    assert [(d.id, d.meta) for d in docs] == [
        ("1", {"title": "Talks", "date": "1987-02-26T15:01:01", "source": "Reuters"}), ("2", {})]


def test_text_header_is_metadata_and_blanked_so_offsets_hold(tmp_path):
    header = "Title: Talks in Paris\r\nDate: 31 January 2024\r\nURL: https://example.org/a\r\nSrc: Wire\r\n"
    body = "\r\nAngela Merkel met Emmanuel Macron.\r\n"
    f = tmp_path / "a.txt"
    f.write_bytes((header + body).encode("utf-8"))
    (doc,) = read([f])
    assert doc.meta == {"title": "Talks in Paris", "date": "2024-01-31", "url": "https://example.org/a",
                        "source": "Wire"}
    assert len(doc.text) == len(header + body) and doc.text[len(header):] == body  # offsets of the file
    assert set(doc.text[:len(header)]) == {" ", "\r", "\n"} and doc.text.count("\n") == (header + body).count("\n")


def test_header_keys_follow_the_configured_field_names(tmp_path):
    f = tmp_path / "a.md"
    f.write_text("Headline: Talks\nAuthor: Ann Lee\n\nMerkel met Macron.", "utf-8")
    assert read([f])[0].meta == {"title": "Talks"}  # Headline is a known key; Author is header too
    assert read([f])[0].text.strip() == "Merkel met Macron."
    f.write_text("Kicker: Talks\n\nMerkel met Macron.", "utf-8")
    assert read([f], title_field="kicker")[0].meta == {"title": "Talks"}


def test_yaml_front_matter(tmp_path):
    text = "---\ntitle: \"Talks: day two\"\ndate: 2024-01-31\ntags: [a, b]\nsource: Wire\n---\nMerkel met Macron.\n"
    f = tmp_path / "a.md"
    f.write_text(text, "utf-8")
    (doc,) = read([f])
    assert doc.meta == {"title": "Talks: day two", "date": "2024-01-31", "source": "Wire"}
    end = text.index("Merkel")
    assert doc.text[end:] == text[end:] and not doc.text[:end].strip() and len(doc.text) == len(text)


@pytest.mark.parametrize("text", [
    "West News Wire: Pompeo made a lecture.\n\nMore.",       # a first line with a colon, no known key
    "Title: Talks\nAnd then Merkel met Macron in Paris.\n\nMore.",  # a prose line before the blank line
    "\nTitle: Talks\n\nMerkel met Macron.",                  # the header starts on the first line
    "---\nMerkel met Macron.\n",                             # a rule, no closing line
])
def test_text_that_only_looks_like_a_header_is_text(tmp_path, text):
    f = tmp_path / "a.txt"
    f.write_text(text, "utf-8")
    (doc,) = read([f])
    assert doc.meta == {} and doc.text == text


def test_front_matter_that_is_not_yaml_is_text_with_a_warning(tmp_path, caplog):
    text = "---\n- a list\n- not a mapping\n---\nMerkel met Macron.\n"
    (tmp_path / "a.md").write_text(text, "utf-8")
    with caplog.at_level(logging.WARNING, logger="graphbuild"):
        (doc,) = read([tmp_path])
    assert doc.text == text and doc.meta == {}
    assert "a.md" in caplog.text and "not YAML front matter" in caplog.text


def test_a_file_with_only_a_header_is_skipped_with_a_warning(tmp_path, caplog):
    (tmp_path / "a.txt").write_text("Title: Talks\nDate: 2024-01-31\n", "utf-8")
    (tmp_path / "b.txt").write_text("Merkel met Macron.", "utf-8")
    with caplog.at_level(logging.WARNING, logger="graphbuild"):
        assert [d.id for d in read([tmp_path])] == ["b.txt"]
    assert "a.txt: skipped, the file has a header and no text" in caplog.text


def test_date_from_the_file_name_when_the_header_has_none(tmp_path):
    (tmp_path / "2024-01-31-talks.txt").write_text("Merkel met Macron.", "utf-8")
    (tmp_path / "20240201_talks.md").write_text("Title: Talks\n\nMerkel met Macron.", "utf-8")
    (tmp_path / "2024-02-02-dated.txt").write_text("Date: 5 March 2024\n\nMerkel met Macron.", "utf-8")
    (tmp_path / "talks-123456789.txt").write_text("Merkel met Macron.", "utf-8")
    got = {d.id: d.meta for d in read([tmp_path])}
    assert got == {"2024-01-31-talks.txt": {"date": "2024-01-31"},
                   "20240201_talks.md": {"title": "Talks", "date": "2024-02-01"},
                   "2024-02-02-dated.txt": {"date": "2024-03-05"},  # the header wins
                   "talks-123456789.txt": {}}
    assert name_date("2023-02-29-talks.txt") is None


def test_a_bad_date_is_a_warning_and_the_document_is_kept(tmp_path, caplog):
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps({"id": "r1", "text": "Merkel met Macron.", "date": "next Tuesday", "title": "T"})
                 + "\n", "utf-8")
    (tmp_path / "2024-01-31-b.txt").write_text("Date: soon\n\nPutin spoke.", "utf-8")
    with caplog.at_level(logging.WARNING, logger="graphbuild"):
        docs = read([tmp_path], strict=True)  # not even --strict stops at a bad date
    assert [(d.id, d.meta) for d in docs] == [("2024-01-31-b.txt", {"date": "2024-01-31"}), ("r1", {"title": "T"})]
    assert "a.jsonl:1: date 'next Tuesday' is not a date" in caplog.text and "kept without a date" in caplog.text
    assert "2024-01-31-b.txt: date 'soon'" in caplog.text and "kept with the date of its file name" in caplog.text


def test_documents_without_dates_are_counted_in_one_warning(tmp_path, caplog):
    f = tmp_path / "a.jsonl"
    f.write_text("".join(json.dumps({"id": str(i), "text": "Merkel met Macron.", **({"date": "2024"} if i else {})})
                         + "\n" for i in range(3)), "utf-8")
    with caplog.at_level(logging.WARNING, logger="graphbuild"):
        read([f])
    assert caplog.text.count("have no date") == 1 and "1 of 3 documents have no date" in caplog.text
    caplog.clear()
    f.write_text(json.dumps({"id": "1", "text": "Merkel met Macron."}) + "\n", "utf-8")
    with caplog.at_level(logging.WARNING, logger="graphbuild"):
        read([f])
    assert caplog.text == ""  # a corpus without any date: nothing to warn about


def test_odd_urls_are_kept_as_data(tmp_path):
    # kept as given: the page must never make a link of it (issue #13, item 4), the data keeps it
    (tmp_path / "a.txt").write_text("URL: javascript:alert(1)\nSource: <b>Wire</b>\n\nMerkel met Macron.", "utf-8")
    assert read([tmp_path])[0].meta == {"url": "javascript:alert(1)", "source": "<b>Wire</b>"}


def test_split_header_ignores_empty_values_and_keeps_the_first():
    assert split_header("Title:\nTitle: A\nTitle: B\n\nText") == ({"title": "A"}, 25, "")


# ---------------------------------------------------------------- evidence, documents.csv, inputs key

def test_evidence_records_carry_their_documents_metadata():
    sents = [Sentence(0, 8, 0)]
    assigned = [(Mention("d1", 0, 1, "A", "PERSON", 0), "a"), (Mention("d1", 6, 7, "B", "PERSON", 0), "b")]
    entities = {k: Entity(k, k.upper(), "PERSON", [k.upper()], 1, 1) for k in "ab"}
    docs = [("d1", "A met B.", sents, assigned), ("d2", "A met B.", sents,
                                                   [(Mention("d2", m.start, m.end, m.text, m.label, 0), e)
                                                    for m, e in assigned])]
    meta = {"d1": {"title": "Talks", "date": "2024-01-31", "url": "javascript:alert(1)"}}
    G = cooccurrence_graph(docs, entities, doc_meta=meta)
    assert json.loads(G["a"]["b"]["evidence"]) == [
        {"doc": "d1", "start": 0, "end": 8, "text": "A met B.", "title": "Talks", "date": "2024-01-31",
         "url": "javascript:alert(1)"},
        {"doc": "d2", "start": 0, "end": 8, "text": "A met B."}]  # a document without metadata: as before


def test_documents_csv_rows_are_exact(tmp_path):
    recs = [DocRecord("a.txt", [Sentence(0, 10, 0), Sentence(11, 20, 0)], [], [],
                      meta={"title": "=Talks, day 2", "date": "2024-01-31", "source": "Wire"}, chars=20),
            DocRecord("b.txt", [Sentence(0, 5, 0)], [], [], chars=5)]
    mentions = [{"doc": "a.txt", "entity": "gpe:iran"}, {"doc": "a.txt", "entity": "gpe:iraq"},
                {"doc": "a.txt", "entity": "gpe:iran"}]
    write_documents_csv(document_rows(recs, mentions), tmp_path / "documents.csv")
    assert (tmp_path / "documents.csv").read_bytes() == (
        b"id,title,date,url,source,group,characters,sentences,mentions,entities\r\n"
        b"a.txt,\"'=Talks, day 2\",2024-01-31,,Wire,,20,2,3,2\r\n"   # a formula is neutralised
        b"b.txt,,,,,,5,1,0,0\r\n")


def test_inputs_key_changes_with_metadata_only():
    def key(meta):
        return inputs_key([DocRecord("a.txt", [], [], [], "d", meta=meta)], BuildConfig(), _table(), ())
    assert key({}) != key({"title": "A"}) != key({"title": "B"})


def _table():
    from graphbuild.aliases import AliasTable

    return AliasTable()


# ---------------------------------------------------------------- neighbors and path

def _graph(tmp_path, with_meta=True):
    ev = {"doc": "d1", "start": 0, "end": 12, "text": "Ali met Bo."}
    if with_meta:
        ev.update(title="A very long headline about the talks between Ali and Bo in Rome", date="2024-01-31",
                  url="https://example.org/a", source="Wire")
    G = nx.Graph()
    for n, label in [("p:ali", "Ali"), ("p:bo", "Bo"), ("p:cy", "Cy")]:
        G.add_node(n, label=label, type="PERSON")
    G.add_edge("p:ali", "p:bo", weight=2, documents=1, evidence=dump_evidence([ev]))
    G.add_edge("p:bo", "p:cy", weight=1, documents=1, evidence="[]")
    path = tmp_path / "g.graphml"
    nx.write_graphml(G, path)
    return G, path


def test_neighbors_and_path_rows_carry_the_metadata(tmp_path):
    G, _ = _graph(tmp_path)
    rows = neighbors(G, "p:bo")
    assert rows[0]["date"] == "2024-01-31" and rows[0]["url"] == "https://example.org/a" and "date" not in rows[1]
    (hop,) = strongest_path(G, "p:ali", "p:bo")
    assert (hop["doc"], hop["title"][:12], hop["source"]) == ("d1", "A very long ", "Wire")


def test_neighbors_and_path_json_and_csv_carry_title_date_url(tmp_path):
    _, path = _graph(tmp_path)
    r = CliRunner().invoke(cli, ["neighbors", "Bo", "-g", str(path), "--format", "json"])
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert {k: rows[0][k] for k in ("doc", "title", "date", "url", "source")} == {
        "doc": "d1", "title": "A very long headline about the talks between Ali and Bo in Rome",
        "date": "2024-01-31", "url": "https://example.org/a", "source": "Wire"}
    assert rows[1]["date"] is None
    r = CliRunner().invoke(cli, ["path", "Ali", "Cy", "-g", str(path), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert list(rows[0]) == ["hop", "from", "to", "weight", "doc", "start", "end", "title", "date", "url", "source",
                             "sentence"]
    assert (rows[0]["date"], rows[0]["url"], rows[1]["date"]) == ("2024-01-31", "https://example.org/a", "")


def test_neighbors_table_shows_date_and_title_beside_the_doc(tmp_path):
    _, path = _graph(tmp_path)
    r = CliRunner().invoke(cli, ["neighbors", "Bo", "-g", str(path)])
    heading, header, _, first = r.stdout.splitlines()[:4]
    assert heading.startswith("Bo (PERSON): ")
    assert header.split() == ["rank", "entity", "type", "weight", "documents", "evidence", "doc", "date", "source",
                              "title", "sentence"]
    assert "d1   2024-01-31  Wire    A very long headline about the talks be…  Ali met Bo." in first
    _, path = _graph(tmp_path, with_meta=False)  # a graph without metadata prints as it always did
    r = CliRunner().invoke(cli, ["path", "Ali", "Bo", "-g", str(path)])
    assert r.stdout.splitlines()[0].split() == ["hop", "from", "to", "weight", "doc", "sentence"]


def test_a_first_line_that_reads_as_a_headline_is_the_title_and_stays_text(tmp_path):
    text = "Qarvan Oil wins control of Velsk United\n\nThe businessman Ada Roe won control of Velsk United.\n"
    (tmp_path / "a.txt").write_text(text, "utf-8")
    (tmp_path / "b.txt").write_text("Ada Roe won control.\n\nShe said so.\n", "utf-8")  # a sentence: no title
    (tmp_path / "c.md").write_text("# Talks in Velsk\n\nAda Roe met Bo Lee.\n", "utf-8")
    (tmp_path / "d.txt").write_text("Title: From the header\n\nHeadline-like line\n\nAda Roe.\n", "utf-8")
    (tmp_path / "e.txt").write_text('Roe warns of pensions "crisis"\n\nAda Roe said.\n', "utf-8")
    (tmp_path / "f.txt").write_text('Ada Roe said: "This is a dark day for Velskia."\n\nShe left.\n', "utf-8")
    docs = {d.id: d for d in read([tmp_path])}
    assert docs["a.txt"].meta == {"title": "Qarvan Oil wins control of Velsk United"} and docs["a.txt"].text == text
    assert docs["b.txt"].meta == {} and docs["c.md"].meta == {"title": "Talks in Velsk"}
    assert docs["d.txt"].meta == {"title": "From the header"}
    assert docs["e.txt"].meta == {"title": 'Roe warns of pensions "crisis"'} and docs["f.txt"].meta == {}


def test_a_query_run_in_a_build_s_out_folder_reads_its_graph(tmp_path, monkeypatch):
    _, path = _graph(tmp_path)
    path.rename(tmp_path / "graph.graphml")
    monkeypatch.chdir(tmp_path)  # no output/graph.graphml here: the folder's own graph
    r = CliRunner().invoke(cli, ["neighbors", "Bo"])
    assert r.exit_code == 0 and "Ali" in r.stdout
    (tmp_path / "graph.graphml").unlink()
    r = CliRunner().invoke(cli, ["neighbors", "Bo"])
    assert r.exit_code == 1 and "output/graph.graphml: no such graph file" in r.output
