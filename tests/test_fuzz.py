"""Property tests: arbitrary Unicode through cleaning, span clean-up, resolution and every exporter."""

import csv
import io
import json

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from graphbuild.clean import clean_regions
from graphbuild.export.gexf import gexf_bytes
from graphbuild.export.graphml import graphml_bytes
from graphbuild.export.html import render_html
from graphbuild.export.nodelink import node_link_json
from graphbuild.export.tables import write_edges_csv, write_entities_csv
from graphbuild.extract import Mention, clean_span
from graphbuild.resolve import resolve
from graphbuild.text import match_key, slug, xml_safe

pytestmark = pytest.mark.unit

# every code point, control characters, lone surrogates, RTL marks, emoji and combining marks included
ANY_TEXT = st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=80)
TRICKY = st.text(st.sampled_from(list("\x00\x07\x1b\u202e\u200f\u0301\ud800\udfff\ufeff\ufffe😀👍🏽<>&\"'’`=+-@\r\n\t ")
                                 + list("Iran Hezbollah ’s the READ ALSO")), max_size=60)
TEXTS = st.one_of(ANY_TEXT, TRICKY)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(TEXTS)
def test_clean_regions_offsets_are_inside_the_text(text):
    for s, e in clean_regions(text):
        assert 0 <= s < e <= len(text)
        assert text[s:e].strip()  # a region is never blank


@FAST
@given(TEXTS, st.sampled_from(["PERSON", "ORG", "GPE", "NORP"]))
def test_clean_span_stays_inside_the_span(text, label):
    for s, e, title in clean_span(text, 0, len(text), label):
        assert 0 <= s < e <= len(text)
        assert any(c.isupper() for c in text[s:e])


@FAST
@given(TEXTS)
def test_keys_and_slugs(text):
    k = match_key(text)
    assert match_key(k) == k  # a key is its own key
    assert k == k.strip() and "  " not in k
    sl = slug(text)
    assert sl and " " not in sl


def graph_with(names, sentence):
    G = nx.Graph()
    for i, n in enumerate(names):
        G.add_node(f"person:{slug(n)}-{i}", label=n, type="PERSON", aliases=" | ".join(names), mentions=i + 1,
                   documents=1, pagerank=0.1 * i, degree=0.5, community=i % 2, color="#e6550d", size=9.5,
                   x=float(i), y=-float(i))
    nodes = list(G)
    for u, v in zip(nodes, nodes[1:]):
        G.add_edge(u, v, weight=2, documents=1, npmi=-0.5,
                   evidence=json.dumps([{"doc": sentence[:10], "start": 0, "end": len(sentence), "text": sentence}],
                                       ensure_ascii=False))
    return G


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.lists(TEXTS, min_size=1, max_size=4), TEXTS)
def test_every_exporter_writes_what_a_parser_reads_back(tmp_path_factory, names, sentence):
    G = graph_with(names, sentence)
    xml = graphml_bytes(G)
    H = nx.read_graphml(io.BytesIO(xml))
    assert H.number_of_nodes() == G.number_of_nodes() and H.number_of_edges() == G.number_of_edges()
    for n, d in H.nodes(data=True):
        assert isinstance(d["mentions"], int) and isinstance(d["pagerank"], float)
        assert d["label"] == xml_safe(G.nodes[n]["label"])  # every character XML can hold comes back
    for _, _, d in H.edges(data=True):
        json.loads(d["evidence"])
    gexf = gexf_bytes(G)
    etree.fromstring(gexf)
    assert nx.read_gexf(io.BytesIO(gexf)).number_of_nodes() == G.number_of_nodes()
    json.loads(node_link_json(G))
    out = tmp_path_factory.mktemp("csv")
    for writer, name in ((write_entities_csv, "e.csv"), (write_edges_csv, "x.csv")):
        rows = list(csv.reader(io.StringIO(writer(G, out / name).read_text("utf-8"), newline="")))
        assert len(rows) == 1 + (G.number_of_nodes() if name == "e.csv" else G.number_of_edges())
    page = render_html(G, title=sentence)
    data = json.loads(page.split('id="graph-data">', 1)[1].split("</script>", 1)[0])
    assert len(data["nodes"]) == G.number_of_nodes()
    # as many script tags (and closing tags) as a page of harmless names: nothing from the text
    benign = render_html(graph_with(["Ali"], "Ali met Omar."), title="t")
    assert page.count("<script") == benign.count("<script")
    assert page.count("</script") == benign.count("</script")


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(TEXTS, st.sampled_from(["PERSON", "ORG", "GPE", "NORP", "LOC"])), max_size=8))
def test_resolution_never_crashes_and_assigns_every_mention(specs):
    ms = [Mention("d", 0, len(t), t, lab, i) for i, (t, lab) in enumerate(specs) if t]
    res = resolve(ms)
    assert len(res.assign) == len(ms)
    assert all(a is None or a in res.entities for a in res.assign)
