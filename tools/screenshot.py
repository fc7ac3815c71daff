"""Take the README screenshot of output/graph.html in Debian's headless Chromium (via Playwright).

Usage: python tools/screenshot.py [PAGE] [PNG] [--fitted]

--fitted: the page as it opens (the whole network fitted, nothing selected), for a corpus page; without it, the
demo's view (a search and a tie's evidence, which name the seeds' entities).
"""

import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def main(page_path: Path, png: Path, fitted: bool = False) -> None:
    profile = tempfile.mkdtemp()
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(profile, executable_path=shutil.which("chromium"), args=ARGS,
                                                   headless=True, viewport={"width": 1400, "height": 860})
        page = ctx.new_page()
        page.route("http*://**/*", lambda r: r.abort())
        page.goto(page_path.resolve().as_uri())
        page.wait_for_selector("body[data-ready='1']")
        if fitted:
            page.wait_for_timeout(500)
            page.screenshot(path=str(png))
            ctx.close()
            return
        page.fill("#search", "Nasrallah")
        page.press("#search", "Enter")
        page.evaluate("graphbuild.network.fit()")
        page.evaluate("""() => { const e = graphbuild.data.edges.find(e =>
            e.from === 'org:hezbollah' && e.to === 'person:hassan-nasrallah');
            graphbuild.network.selectEdges([e.id]); graphbuild.showEdge(e.id); }""")
        page.screenshot(path=str(png))
        ctx.close()
    shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--fitted"]
    main(Path(args[0]) if args else ROOT / "output" / "graph.html",
         Path(args[1]) if len(args) > 1 else ROOT / "docs" / "screenshot.png", "--fitted" in sys.argv[1:])
