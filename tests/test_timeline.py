"""Dated ties: periods counted by the build stage, date ranges, a graph cut to a range (unit tier)."""

import datetime as dt
import json

import networkx as nx
import pytest

from graphbuild.extract import Mention, Sentence
from graphbuild.graph import cooccurrence_graph
from graphbuild.resolve import Entity
from graphbuild.timeline import (
    DateRange,
    choose_period,
    parse_counts,
    parse_range,
    period_end,
    period_start,
    restrict,
    widened,
)

pytestmark = pytest.mark.unit

TEXT = "A met B. A met B and C."
SENTS = [Sentence(0, 8, 0), Sentence(9, 23, 0)]
D = dt.date


def ent(eid):
    return Entity(eid, eid.upper(), "PERSON", [eid.upper()], 1, 1)


def doc(doc_id, with_c=True):
    def m(start, sent):
        return Mention(doc_id, start, start + 1, TEXT[start], "PERSON", sent)
    assigned = [(m(0, 0), "a"), (m(6, 0), "b"), (m(9, 1), "a"), (m(15, 1), "b")]
    return doc_id, TEXT, SENTS, assigned + ([(m(21, 1), "c")] if with_c else [])


ENTITIES = {k: ent(k) for k in "abc"}
# d1, d2 in the week of 2 March 1987 (a Monday), d3 the next week, d4 undated
DAYS = {"d1": D(1987, 3, 2), "d2": D(1987, 3, 8), "d3": D(1987, 3, 11)}
META = {k: {"date": v.isoformat()} for k, v in DAYS.items()}


def graph(period="week"):
    docs = [doc("d1"), doc("d2", with_c=False), doc("d3"), doc("d4")]
    return cooccurrence_graph(docs, ENTITIES, doc_meta=META, doc_days=DAYS, period=period)


def test_ties_count_weight_and_documents_per_period():
    G = graph()
    ab = G["a"]["b"]
    assert ab["weight"] == 8 and ab["documents"] == 4  # undated d4 counts in the totals
    assert parse_counts(ab["periods"]) == {D(1987, 3, 2): (4, 2), D(1987, 3, 9): (2, 1)}
    assert (ab["first_date"], ab["last_date"]) == ("1987-03-02", "1987-03-11")
    assert parse_counts(G["a"]["c"]["periods"]) == {D(1987, 3, 2): (1, 1), D(1987, 3, 9): (1, 1)}
    assert G.graph["period"] == "week" and G.graph["dated_documents"] == 3
    assert (G.graph["first_date"], G.graph["last_date"]) == ("1987-03-02", "1987-03-11")


def test_entities_count_mentions_and_documents_per_period():
    G = graph()
    assert parse_counts(G.nodes["a"]["periods"]) == {D(1987, 3, 2): (4, 2), D(1987, 3, 9): (2, 1)}
    assert parse_counts(G.nodes["c"]["periods"]) == {D(1987, 3, 2): (1, 1), D(1987, 3, 9): (1, 1)}
    assert G.nodes["c"]["first_date"] == "1987-03-02"


def test_day_periods_and_no_dates():
    G = graph("day")
    assert parse_counts(G["a"]["b"]["periods"]) == {D(1987, 3, 2): (2, 1), D(1987, 3, 8): (2, 1),
                                                     D(1987, 3, 11): (2, 1)}
    plain = cooccurrence_graph([doc("d1")], ENTITIES)
    assert "periods" not in plain["a"]["b"] and "period" not in plain.graph


def test_choose_period_by_span_both_ways():
    start = D(2024, 1, 1)
    assert choose_period([start, start + dt.timedelta(92)]) == "day"
    assert choose_period([start, start + dt.timedelta(93)]) == "week"
    assert choose_period([start, start + dt.timedelta(3 * 366 + 1)]) == "month"
    with pytest.raises(ValueError):
        choose_period([start], "fortnight")


def test_period_bounds():
    assert period_start(D(2024, 1, 7), "week") == D(2024, 1, 1)  # a Sunday belongs to the week before
    assert period_end(D(2024, 12, 1), "month") == D(2024, 12, 31)
    assert period_end(D(2023, 2, 1), "month") == D(2023, 2, 28)


def test_parse_range():
    r = parse_range("1987-03", "1987-03-10")
    assert (r.since, r.until) == (D(1987, 3, 1), D(1987, 3, 10))
    assert D(1987, 3, 10) in r and D(1987, 3, 11) not in r and None not in r
    assert parse_range(spec="1987") == DateRange(D(1987, 1, 1), D(1987, 12, 31))
    for bad in (("1987-13", None), ("yesterday", None), ("1987-04", "1987-03")):
        with pytest.raises(ValueError):
            parse_range(*bad)


def test_restrict_keeps_the_periods_in_range():
    G = graph()
    H = restrict(G, parse_range("1987-03-09", "1987-03-15"))
    assert H["a"]["b"]["weight"] == 2 and H["a"]["b"]["documents"] == 1
    # the last day is known (in range); the first is not (the periods hold no days): the range's start bounds it
    assert (H["a"]["b"]["first_date"], H["a"]["b"]["last_date"]) == ("1987-03-09", "1987-03-11")
    assert H.nodes["a"]["mentions"] == 2
    evidence = json.loads(H["a"]["b"]["evidence"])
    assert evidence and {e["doc"] for e in evidence} == {"d3"}
    early = restrict(G, parse_range(until="1987-03-08"))
    assert early["a"]["b"]["weight"] == 4 and early["a"]["c"]["weight"] == 1
    assert restrict(G, parse_range("1988")).number_of_nodes() == 0


def test_restrict_widens_to_whole_periods_and_refuses_undated_graphs():
    G = graph()
    r = parse_range("1987-03-10", "1987-03-10")  # a Tuesday: the week of 9 March counts whole
    assert restrict(G, r)["a"]["b"]["weight"] == 2
    assert str(widened(G, r)) == "1987-03-09..1987-03-15"
    with pytest.raises(ValueError, match="no dates"):
        restrict(nx.Graph([("a", "b")]), r)
