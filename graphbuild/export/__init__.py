"""Export stage: write a built graph and its records to files (GraphML, CSV, JSONL, HTML)."""

from __future__ import annotations

import os
from pathlib import Path

from .files import atomic_write
from .graphml import write_graphml
from .tables import write_edges_csv, write_entities_csv, write_mentions_jsonl, write_merges_csv

__all__ = ["export_all", "write_graphml", "atomic_write", "FORMATS", "DEFAULT_FORMATS"]

FORMATS = ("graphml", "csv", "mentions", "merges", "html")
DEFAULT_FORMATS = FORMATS


def export_all(result, out_dir: str | os.PathLike, formats=DEFAULT_FORMATS, title: str = "graphbuild") -> list[Path]:
    """Write the chosen formats of a BuildResult into ``out_dir``; return the paths written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    G = result.graph
    written: list[Path] = []
    if "graphml" in formats:
        written.append(write_graphml(G, out / "graph.graphml"))
    if "csv" in formats:
        written.append(write_entities_csv(G, out / "entities.csv"))
        written.append(write_edges_csv(G, out / "edges.csv"))
    if "mentions" in formats:
        written.append(write_mentions_jsonl(result.mentions, out / "mentions.jsonl"))
    if "merges" in formats:
        written.append(write_merges_csv(result.merges, out / "merges.csv"))
    if "html" in formats:
        from .html import write_html

        written.append(write_html(G, out / "graph.html", title=title))
    return written
