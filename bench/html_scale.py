"""Time until the explorer page is drawn and responsive in headless Chromium, for synthetic graphs.

Usage: python bench/html_scale.py [--sizes 1000 5000]

For each size: a seeded scale-free graph (about 3 ties a node, four entity types, one evidence
sentence a tie) is laid out and rendered by graphbuild's HTML exporter, then opened from file:// in
Debian's Chromium (network blocked). Printed: build seconds (layout + page), page size, seconds from
navigation to the first complete drawing, and seconds for a search-and-focus plus a click on a node
to update the panel (responsiveness). Target: under 5 s to drawn for 5,000 nodes on 2 cores.
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


def synthetic(n: int) -> nx.Graph:
    rng = random.Random(n)
    B = nx.barabasi_albert_graph(n, 3, seed=n)
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


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    args = ap.parse_args(argv)
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="gb-html-"))
    try:
        with sync_playwright() as p:
            ctx = p.chromium.launch_persistent_context(str(tmp / "profile"), executable_path=chromium, args=ARGS,
                                                       headless=True, viewport={"width": 1400, "height": 900})
            print(f"{'nodes':>6} {'edges':>6} {'build s':>8} {'page MB':>8} {'drawn s':>8} {'search+click s':>15}")
            for n in args.sizes:
                G = synthetic(n)
                t = time.perf_counter()
                add_viz(G)
                path = write_html(G, tmp / f"g{n}.html", title=f"{n} nodes")
                build_s = time.perf_counter() - t
                page = ctx.new_page()
                page.route("http*://**/*", lambda r: r.abort())
                errors: list[str] = []
                page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
                t = time.perf_counter()
                page.goto(path.as_uri(), wait_until="commit")
                page.wait_for_selector("body[data-ready='1']", timeout=120000)
                drawn = time.perf_counter() - t
                t = time.perf_counter()
                page.fill("#search", f"Entity {n // 2} ")
                page.press("#search", "Enter")
                page.wait_for_selector(f"#details[data-node='x:{n // 2}']")
                node = f"x:{n // 2}"
                pos = page.evaluate(f"""() => {{ const p = graphbuild.network.getPositions(['{node}'])['{node}'];
                    const d = graphbuild.network.canvasToDOM(p); const b = document.getElementById('network')
                    .getBoundingClientRect(); return {{x: d.x + b.left, y: d.y + b.top}}; }}""")
                page.mouse.click(pos["x"], pos["y"])
                page.wait_for_selector(f"#details[data-node='x:{n // 2}']")
                respond = time.perf_counter() - t
                size = path.stat().st_size / 1e6
                print(f"{n:>6} {G.number_of_edges():>6} {build_s:>8.2f} {size:>8.1f} {drawn:>8.2f} {respond:>15.2f}"
                      + (f"  errors: {errors}" if errors else ""))
                page.close()
            ctx.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
