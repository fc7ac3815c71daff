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
    values = [[r.get(c) for r in rows] for c in columns]
    numeric = [bool(rows) and all(isinstance(v, (int, float)) for v in col) for col in values]
    # a column of whole numbers (weighted degree of integer weights) prints without decimals
    cells = [[str(int(v)) for v in col] if num and all(float(v).is_integer() for v in col)
             else [_cell("" if v is None and c not in r else v, floats) for v, r in zip(col, rows)]
             for c, col, num in zip(columns, values, numeric)]
    if fmt == "markdown":
        def esc(s):
            return s.replace("|", "\\|")
        lines = ["| " + " | ".join(esc(h) for h in head) + " |",
                 "|" + "|".join("---:" if num else "---" for num in numeric) + "|"]
        lines += ["| " + " | ".join(esc(c) for c in row) + " |" for row in zip(*cells)]
        return "\n".join(lines) + "\n"
    widths = [max([len(h)] + [len(c) for c in col]) for h, col in zip(head, cells)]
    padded = [[c.rjust(w) if num else c.ljust(w) for c in col] for col, w, num in zip(cells, widths, numeric)]
    out = ["  ".join(h.rjust(w) if num else h.ljust(w) for h, w, num in zip(head, widths, numeric)).rstrip(),
           "  ".join("-" * w for w in widths)]
    out += ["  ".join(row).rstrip() for row in zip(*padded)]
    return "\n".join(out) + "\n"
