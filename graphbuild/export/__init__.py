"""Export stage: write a built graph and its records to files (GraphML, CSV, JSONL, HTML)."""

from __future__ import annotations

import os
from pathlib import Path

from .files import atomic_write
from .graphml import write_graphml
from .tables import write_edges_csv, write_entities_csv, write_mentions_jsonl, write_merges_csv, write_nodes_csv

__all__ = ["export_all", "write_graphml", "atomic_write", "FORMATS", "DEFAULT_FORMATS"]

#: Formats `build --format` can choose; mentions.jsonl and merges.csv are always written.
FORMATS = ("graphml", "gexf", "json", "csv", "html")
DEFAULT_FORMATS = ("graphml", "html", "csv")


def export_all(result, out_dir: str | os.PathLike, formats=DEFAULT_FORMATS, title: str = "graphbuild") -> list[Path]:
    """Write the chosen formats of a BuildResult into ``out_dir``; return the paths written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    G = result.graph
    written: list[Path] = []
    if "graphml" in formats:
        written.append(write_graphml(G, out / "graph.graphml"))
    if "gexf" in formats:
        from .gexf import write_gexf

        written.append(write_gexf(G, out / "graph.gexf", description=title))
    if "json" in formats:
        from .gexf import write_json

        written.append(write_json(G, out / "graph.json"))
    if "csv" in formats:
        written.append(write_entities_csv(G, out / "entities.csv"))
        written.append(write_nodes_csv(G, out / "nodes.csv"))
        written.append(write_edges_csv(G, out / "edges.csv"))
    if result.mentions is not None:
        written.append(write_mentions_jsonl(result.mentions, out / "mentions.jsonl"))
    if result.merges is not None:
        written.append(write_merges_csv(result.merges, out / "merges.csv"))
    if "html" in formats:
        from .html import write_html

        written.append(write_html(G, out / "graph.html", title=title))
    return written
