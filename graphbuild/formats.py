"""Render rows of results as an aligned table, CSV, JSON or Markdown (one loop for every command)."""

from __future__ import annotations

import csv
import io
import json

__all__ = ["render", "OUTPUT_FORMATS"]

OUTPUT_FORMATS = ("table", "csv", "json", "markdown")


def _cell(v, floats: int) -> str:
    if isinstance(v, float):
        return f"{v:.{floats}f}" if v == v else "nan"
    return " ".join(str(v).split())


def render(rows: list[dict], columns: list[str], fmt: str = "table", floats: int = 6,
           headers: dict | None = None) -> str:
    """Rows (dicts) as text in ``fmt``. Table and Markdown round floats; CSV and JSON keep full precision."""
    headers = headers or {}
    if fmt == "json":
        return json.dumps([{c: r.get(c) for c in columns} for r in rows], ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        from .export.tables import safe_cell

        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow([safe_cell(repr(v) if isinstance(v, float) else v) for v in (r.get(c, "") for c in columns)])
        return buf.getvalue()
    head = [headers.get(c, c) for c in columns]
    # a column of whole numbers (weighted degree of integer weights) prints without decimals
    whole = {c for c in columns if rows and all(isinstance(r.get(c), (int, float)) and float(r.get(c)).is_integer()
                                                for r in rows)}
    body = [[_cell(int(r[c]) if c in whole else r.get(c, ""), floats) for c in columns] for r in rows]
    numeric = [all(isinstance(r.get(c), (int, float)) for r in rows) and rows for c in columns]
    if fmt == "markdown":
        def esc(s):
            return s.replace("|", "\\|")
        lines = ["| " + " | ".join(esc(h) for h in head) + " |",
                 "|" + "|".join("---:" if num else "---" for num in numeric) + "|"]
        lines += ["| " + " | ".join(esc(c) for c in row) + " |" for row in body]
        return "\n".join(lines) + "\n"
    widths = [max([len(h)] + [len(row[i]) for row in body]) for i, h in enumerate(head)]

    def line(cells):
        return "  ".join(c.rjust(w) if num else c.ljust(w) for c, w, num in zip(cells, widths, numeric)).rstrip()

    out = [line(head), "  ".join("-" * w for w in widths)]
    out += [line(row) for row in body]
    return "\n".join(out) + "\n"
