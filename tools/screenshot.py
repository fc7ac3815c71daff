"""Take the README screenshot of output/graph.html in Debian's headless Chromium (via Playwright).

Usage: python tools/screenshot.py [PAGE] [PNG]
"""

import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def main(page_path: Path, png: Path) -> None:
    profile = tempfile.mkdtemp()
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(profile, executable_path=shutil.which("chromium"), args=ARGS,
                                                   headless=True, viewport={"width": 1400, "height": 860})
        page = ctx.new_page()
        page.route("http*://**/*", lambda r: r.abort())
        page.goto(page_path.resolve().as_uri())
        page.wait_for_selector("body[data-ready='1']")
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
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "output" / "graph.html",
         Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "docs" / "screenshot.png")
