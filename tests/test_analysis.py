"""Centralities and communities on known graphs, compared with networkx directly."""

import networkx as nx
import pytest

from graphbuild.analysis import MEASURES, add_centralities, add_communities, measures


def compute_measure(G, name, exact=False):
    return measures(G, [name], exact).values[name]

pytestmark = pytest.mark.unit


@pytest.fixture
def florentine():
    G = nx.florentine_families_graph()
    for i, (u, v) in enumerate(sorted(G.edges())):
        G[u][v]["weight"] = 1 + i % 4
    return G


def test_measures_match_networkx(florentine):
    G = florentine
    D = G.copy()
    for u, v, d in D.edges(data=True):
        d["distance"] = 1 / d["weight"]
    expected = {
        "degree": nx.degree_centrality(G),
        "weighted_degree": dict(G.degree(weight="weight")),
        "betweenness": nx.betweenness_centrality(D, weight="distance"),
        "closeness": nx.closeness_centrality(D, distance="distance"),
        "eigenvector": nx.eigenvector_centrality_numpy(G, weight="weight"),
        "pagerank": nx.pagerank(G, weight="weight", tol=1e-13, max_iter=2000),  # a tighter tolerance
    }
    for name in MEASURES:
        got = compute_measure(G, name)
        for n in G:
            assert got[n] == pytest.approx(expected[name][n], abs=1e-9), (name, n)
    # the known answer: Medici is the most between family
    assert max(compute_measure(G, "betweenness").items(), key=lambda kv: kv[1])[0] == "Medici"


def test_edge_cases_do_not_crash():
    for G in (nx.Graph(), nx.empty_graph(1), nx.empty_graph(3)):
        add_centralities(G)
        add_communities(G)
        assert all("pagerank" in d and "community" in d for _, d in G.nodes(data=True))
    G = nx.Graph([(1, 2), (3, 4)])  # two components
    add_centralities(G)
    assert G.nodes[1]["degree"] == pytest.approx(1 / 3)


def test_communities_are_deterministic(florentine):
    a, b = florentine.copy(), florentine.copy()
    add_communities(a)
    add_communities(b)
    assert dict(a.nodes(data="community")) == dict(b.nodes(data="community"))
    sizes = {}
    for _, c in a.nodes(data="community"):
        sizes[c] = sizes.get(c, 0) + 1
    assert [sizes[c] for c in sorted(sizes)] == sorted(sizes.values(), reverse=True)


@pytest.mark.parametrize("make", [nx.karate_club_graph, nx.les_miserables_graph, nx.florentine_families_graph])
def test_louvain_finds_partitions_as_good_as_networkx(make):
    from graphbuild.analysis import louvain

    G = make()
    ours = louvain(G)
    assert sorted(n for c in ours for n in c) == sorted(G)  # a partition of every node
    theirs = nx.community.louvain_communities(G, weight="weight", seed=42)
    assert nx.community.modularity(G, ours) >= nx.community.modularity(G, theirs) - 0.01
    assert louvain(G) == ours


@pytest.mark.slow
def test_sampled_betweenness_tracks_the_exact_one():
    from graphbuild.analysis import SAMPLE_ABOVE, is_sampled

    G = nx.barabasi_albert_graph(SAMPLE_ABOVE + 200, 2, seed=7)
    for i, (u, v) in enumerate(G.edges()):
        G[u][v]["weight"] = 1 + i % 3
    assert is_sampled(G, "betweenness") and not is_sampled(G, "betweenness", exact=True)
    est = compute_measure(G, "betweenness")
    exact = compute_measure(G, "betweenness", exact=True)
    top = lambda d: {n for n, _ in sorted(d.items(), key=lambda kv: -kv[1])[:20]}  # noqa: E731
    assert len(top(est) & top(exact)) >= 15
    assert sum(est.values()) == pytest.approx(sum(exact.values()), rel=0.25)
    close_est = compute_measure(G, "closeness")
    close_exact = compute_measure(G, "closeness", exact=True)
    assert max(abs(close_est[n] - close_exact[n]) / close_exact[n] for n in G) < 0.1


def test_measures_gives_every_node_and_rejects_unknown_names(florentine):
    G = florentine.copy()
    G.add_node("alone")
    m = measures(G, ["pagerank", "degree"])
    assert set(m.values) == {"pagerank", "degree"} and set(m.values["pagerank"]) == set(G)
    assert m.values["degree"]["alone"] == 0.0 and m.values["pagerank"]["alone"] > 0  # teleport reaches it
    assert sum(m.values["pagerank"].values()) == pytest.approx(1.0)
    assert m.sampled == []
    with pytest.raises(ValueError, match="unknown measure 'katz'"):
        measures(G, ["katz"])


def test_communities_and_report_use_the_same_pagerank(florentine):
    from graphbuild.query import communities, ranking

    rows, _ = ranking(florentine, ["pagerank"], top=0)
    by_rank = {r["id"]: r["pagerank"] for r in rows}
    for c in communities(florentine, top=100):
        for member in c["members"]:
            assert member["pagerank"] == by_rank[member["id"]]
