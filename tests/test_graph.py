"""Unit tests of the build stage on hand-made sentences and mentions."""

import json
import math

import pytest

from graphbuild.extract import Mention, Sentence
from graphbuild.graph import WindowSpec, cooccurrence_graph, parse_window
from graphbuild.resolve import Entity

pytestmark = pytest.mark.unit

TEXT = "A met B. B met C.\n\nA and C spoke. D was alone."
SENTS = [Sentence(0, 8, 0), Sentence(9, 17, 0), Sentence(19, 33, 1), Sentence(34, 45, 1)]


def ent(eid):
    return Entity(eid, eid.upper(), "PERSON", [eid.upper()], 1, 1)


def m(start, sent):
    return Mention("doc", start, start + 1, TEXT[start], "PERSON", sent)


ASSIGNED = [(m(0, 0), "a"), (m(6, 0), "b"), (m(9, 1), "b"), (m(15, 1), "c"), (m(19, 2), "a"),
            (m(25, 2), "c"), (m(34, 3), "d")]
ENTITIES = {k: ent(k) for k in "abcd"}


def build(window, **kw):
    return cooccurrence_graph([("doc", TEXT, SENTS, ASSIGNED)], ENTITIES, window=parse_window(window), **kw)


def test_sentence_window():
    G = build("sentence")
    assert sorted(G.edges) == [("a", "b"), ("a", "c"), ("b", "c")]
    assert G["a"]["b"]["weight"] == 1 and G["a"]["b"]["documents"] == 1
    assert "d" in G and G.degree("d") == 0  # every entity is a node
    (ev,) = json.loads(G["a"]["b"]["evidence"])
    assert ev == {"doc": "doc", "start": 0, "end": 8, "text": "A met B."}


def test_paragraph_and_document_windows():
    G = build("paragraph")
    assert sorted(G.edges) == [("a", "b"), ("a", "c"), ("a", "d"), ("b", "c"), ("c", "d")]
    assert G["a"]["c"]["weight"] == 2  # paragraph 1 and paragraph 2
    G = build("document")
    assert G.number_of_edges() == 6 and all(d["weight"] == 1 for _, _, d in G.edges(data=True))


def test_n_sentence_sliding_window():
    G = build("2")  # windows: s0-s1, s1-s2, s2-s3
    assert G["a"]["b"]["weight"] == 2  # both windows that contain s0 or s1 with a and b
    assert G["c"]["d"]["weight"] == 1
    assert not G.has_edge("b", "d")
    assert parse_window("1") == WindowSpec("sentence")
    with pytest.raises(ValueError):
        parse_window("0")


def test_npmi_and_min_weight():
    # four sentence windows: x with y in s0 and s1, x with z in s2, y with z in s3
    text = "x y. x y. x z. y z."
    sents = [Sentence(5 * i, 5 * i + 4, 0) for i in range(4)]
    spots = [(0, "x"), (2, "y"), (5, "x"), (7, "y"), (10, "x"), (12, "z"), (15, "y"), (17, "z")]
    assigned = [(Mention("doc", at, at + 1, text[at], "PERSON", at // 5), eid) for at, eid in spots]
    G = cooccurrence_graph([("doc", text, sents, assigned)], {k: ent(k) for k in "xyz"}, window=parse_window("1"))
    # p(x) = p(y) = 3/4, p(z) = 2/4; npmi = log(p_ab / (p_a p_b)) / -log(p_ab)
    assert G["x"]["y"]["npmi"] == pytest.approx(math.log(0.5 / (0.75 * 0.75)) / -math.log(0.5))  # below chance
    assert G["x"]["z"]["npmi"] == pytest.approx(math.log(0.25 / (0.75 * 0.5)) / -math.log(0.25))
    assert G["x"]["y"]["npmi"] < 0 and G["x"]["z"]["npmi"] < 0 and G["y"]["z"]["npmi"] == G["x"]["z"]["npmi"]
    assert build("paragraph")["a"]["c"]["npmi"] == 1.0  # together in every window
    assert build("paragraph", min_weight=2).number_of_edges() == 1


def test_evidence_is_capped_and_spread_over_documents():
    docs = []
    for d in range(4):
        text = "A B. " * 3
        sents = [Sentence(i * 5, i * 5 + 4, 0) for i in range(3)]
        assigned = []
        for i in range(3):
            assigned += [(Mention(f"d{d}", i * 5, i * 5 + 1, "A", "PERSON", i), "a"),
                         (Mention(f"d{d}", i * 5 + 2, i * 5 + 3, "B", "PERSON", i), "b")]
        docs.append((f"d{d}", text, sents, assigned))
    G = cooccurrence_graph(docs, {"a": ent("a"), "b": ent("b")})
    ev = json.loads(G["a"]["b"]["evidence"])
    assert G["a"]["b"]["weight"] == 12 and G["a"]["b"]["documents"] == 4
    assert len(ev) == 5 and [e["doc"] for e in ev[:4]] == ["d0", "d1", "d2", "d3"]
