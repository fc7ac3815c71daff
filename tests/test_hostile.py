"""An article full of markup, built by the real CLI and opened in Chromium: nothing in it runs."""

import json

import pytest
from click.testing import CliRunner

from graphbuild.cli import cli

from .test_browser import Page, browser  # noqa: F401  (the fixture)

pytestmark = pytest.mark.browser

HOSTILE = """Hassan Nasrallah met Qassem Soleimani in Beirut <script>alert("script")</script> on Sunday.

Mike Pompeo said <img src=x onerror="alert('img')"> that Iran and Iraq would talk. </script><script>alert(1)</script>

Donald Trump posted <a href="javascript:alert('link')">a link</a> about Hezbollah and Nasrallah.

<svg onload=alert('svg')> Qassem Soleimani and Hezbollah were named again, href=javascript:alert(2).
"""


def test_page_from_a_hostile_article_runs_nothing(browser, tmp_path):  # noqa: F811
    src = tmp_path / "in"
    src.mkdir()
    (src / "<img src=x onerror=alert('doc')>.txt").write_text(HOSTILE, "utf-8")
    aliases = tmp_path / "evil.csv"
    aliases.write_text('name,type,aliases,action\n"<img src=x onerror=alert(\'name\')>",PERSON,Mike Pompeo,\n',
                       "utf-8")
    out = tmp_path / "out"
    r = CliRunner().invoke(cli, ["build", str(src), "--out", str(out), "--aliases", str(aliases),
                                 "--title", "<script>alert('title')</script>", "-q"])
    assert r.exit_code == 0, r.output
    page = Page(browser, out / "graph.html")
    p = page.page
    evil = "<img src=x onerror=alert('name')>"
    # search finds the hostile name by its alias and shows it as text
    p.fill("#search", "Pompeo")
    assert evil in p.inner_text("#results")
    p.press("#search", "Enter")
    assert evil in p.inner_text("#details .name")
    # every tie's evidence, markup included, shows as text
    for e in page.js("graphbuild.data.edges"):
        page.js("id => graphbuild.showEdge(id)", e["id"])
        shown = " ".join(p.inner_text("#details").split())
        for rec in e["evidence"]:
            assert " ".join(rec["text"].split()) in shown
    assert any("<script>" in rec["text"] for e in page.js("graphbuild.data.edges") for rec in e["evidence"])
    # (the time control's histogram, #hist, is the page's own markup, empty for an undated graph)
    assert p.locator("#side img, #side script, #side svg:not(#hist), #side a, #hist *").count() == 0
    assert p.title() == "<script>alert('title')</script>"
    assert page.dialogs == [] and page.errors == [] and page.requests == []
    # and the tooltips are plain strings
    titles = page.js("graphbuild.nodes.get().map(n => typeof n.title)")
    assert set(titles) == {"string"}
    page.page.close()
    # the records keep the hostile document name as plain data
    assert json.loads((out / "mentions.jsonl").read_text("utf-8").splitlines()[0])["doc"].startswith("<img")
