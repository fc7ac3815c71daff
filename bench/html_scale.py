"""Time until the explorer page is drawn and responsive in headless Chromium, for synthetic graphs.

Usage: python bench/html_scale.py [--sizes 1000 5000] [--ties 3 4]

For each size and ties-per-node m: a seeded scale-free graph (Barabási-Albert, about m ties a node, so
5,000 entities with m = 4 have 19,984 ties; four entity types, one evidence sentence a tie) is laid out and
rendered by graphbuild's HTML exporter, then opened from file:// in Debian's Chromium (network blocked).
Printed, per page: build seconds (layout + page), page size, seconds from navigation to the first complete
drawing, and, measured inside the page with performance.now():
  - search: the search box's answer to typing a name (its input handler, synchronous);
  - filter: unticking a type, and ticking it again, until the next frame is drawn (the filters, the views
    and the redraw): the slower of the two;
  - pan: the longest task (PerformanceObserver "longtask", tasks over 50 ms) while the view is dragged 30
    times by the mouse, 0 when none is that long;
  - search+click: a search, Enter, and a click on the found node until its panel shows (seconds, from outside).
Targets (issue 14): first draw < 1 s, search < 50 ms, filter change < 200 ms, no task over 200 ms while
panning, at 5,000 entities and 20,000 ties. Numbers, not assertions.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graphbuild.analysis import add_centralities, add_communities  # noqa: E402
from graphbuild.export.html import write_html  # noqa: E402
from graphbuild.layout import add_viz  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def synthetic(n: int, m: int = 3) -> nx.Graph:
    rng = random.Random(n)
    B = nx.barabasi_albert_graph(n, m, seed=n)
    G = nx.Graph()
    types = ["PERSON", "ORG", "GPE", "NORP"]
    for i in B:
        name = f"Entity {i} {rng.choice(['Alpha', 'Beta', 'Gamma', 'Delta'])}"
        G.add_node(f"x:{i}", label=name, type=rng.choice(types), aliases=f"{name} | E{i}", mentions=rng.randint(1, 50),
                   documents=rng.randint(1, 10))
    for u, v in B.edges:
        G.add_edge(f"x:{u}", f"x:{v}", weight=rng.randint(1, 9), documents=1, npmi=0.1, evidence=json.dumps(
            [{"doc": "d.txt", "start": 0, "end": 40, "text": f"Entity {u} met Entity {v} in a synthetic city."}]))
    add_centralities(G)
    add_communities(G)
    return G


SEARCH_MS = """(q) => { const s = document.getElementById('search'); const t = performance.now();
    s.value = q; s.dispatchEvent(new Event('input')); const ms = performance.now() - t;
    s.value = ''; s.dispatchEvent(new Event('input')); return ms; }"""
FILTER_MS = """async () => { const box = document.querySelector('#legend input[data-type]');
    const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    const timed = async () => {
        const t = performance.now(); box.click(); await frame(); return performance.now() - t; };
    await frame(); const off = await timed(); const on = await timed(); return Math.max(off, on); }"""
WATCH_LONG_TASKS = """() => { window.__long = 0; new PerformanceObserver(l => l.getEntries().forEach(e => {
    window.__long = Math.max(window.__long, e.duration); })).observe({ type: 'longtask' }); }"""


def pan(page) -> float:
    """The longest task (ms) while the view is dragged by the mouse, back and forth."""
    page.evaluate(WATCH_LONG_TASKS)
    box = page.locator("#network").bounding_box()
    x, y = box["x"] + box["width"] * 0.8, box["y"] + box["height"] * 0.1  # an empty corner, not a node
    page.mouse.move(x, y)
    page.mouse.down()
    for i in range(30):
        page.mouse.move(x - 10 * (i % 15), y + 6 * (i % 15), steps=2)
    page.mouse.up()
    page.wait_for_timeout(300)
    return page.evaluate("() => window.__long")


def measure(ctx, tmp: Path, n: int, m: int) -> str:
    G = synthetic(n, m)
    t = time.perf_counter()
    add_viz(G)
    path = write_html(G, tmp / f"g{n}-{m}.html", title=f"{n} nodes")
    build_s = time.perf_counter() - t
    page = ctx.new_page()
    page.route("http*://**/*", lambda r: r.abort())
    errors: list[str] = []
    page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
    t = time.perf_counter()
    page.goto(path.as_uri(), wait_until="commit")
    page.wait_for_selector("body[data-ready='1']", timeout=120000)
    drawn = time.perf_counter() - t
    search_ms = page.evaluate(SEARCH_MS, f"Entity {n // 3}")
    filter_ms = page.evaluate(FILTER_MS)
    pan_ms = pan(page)
    node = f"x:{n // 2}"
    t = time.perf_counter()
    page.fill("#search", f"Entity {n // 2} ")
    page.press("#search", "Enter")
    page.wait_for_selector(f"#details[data-node='{node}']")
    pos = page.evaluate(f"""() => {{ const p = graphbuild.network.getPositions(['{node}'])['{node}'];
        const d = graphbuild.network.canvasToDOM(p); const b = document.getElementById('network')
        .getBoundingClientRect(); return {{x: d.x + b.left, y: d.y + b.top}}; }}""")
    page.mouse.click(pos["x"], pos["y"])
    page.wait_for_selector(f"#details[data-node='{node}']")
    respond = time.perf_counter() - t
    page.close()
    size = path.stat().st_size / 1e6
    return (f"{n:>6} {G.number_of_edges():>6} {build_s:>8.2f} {size:>8.1f} {drawn:>8.2f} {search_ms:>10.1f} "
            f"{filter_ms:>10.1f} {pan_ms:>7.0f} {respond:>15.2f}" + (f"  errors: {errors}" if errors else ""))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    ap.add_argument("--ties", type=int, nargs="+", default=[3, 4], help="ties per node (Barabási-Albert m)")
    args = ap.parse_args(argv)
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="gb-html-"))
    try:
        with sync_playwright() as p:
            ctx = p.chromium.launch_persistent_context(str(tmp / "profile"), executable_path=chromium, args=ARGS,
                                                       headless=True, viewport={"width": 1400, "height": 900})
            print(f"{'nodes':>6} {'edges':>6} {'build s':>8} {'page MB':>8} {'drawn s':>8} {'search ms':>10} "
                  f"{'filter ms':>10} {'pan ms':>7} {'search+click s':>15}")
            for n in args.sizes:
                for m in args.ties:
                    print(measure(ctx, tmp, n, m), flush=True)
            ctx.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
