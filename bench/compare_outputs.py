"""Compare two build output folders: which files are byte-identical, and where they are not, by how much.

For a refactor that should not change behaviour: every file the same, or only figures of a measure moved
(a new PageRank implementation). Prints, per file, "same" or "differs"; for the node tables, the largest
absolute change of each numeric column, the rows or columns that differ otherwise, and how many places the
ranking by each centrality changed; for mentions.jsonl and merges.csv, the lines only one side has.

    python bench/compare_outputs.py OLD_OUT NEW_OUT
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

TABLES = {"nodes.csv": "Id", "entities.csv": "id"}
RANKED = ("pagerank", "betweenness", "eigenvector", "degree", "weighted_degree")


def _rows(path: Path, key: str) -> dict[str, dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return {r[key]: r for r in csv.DictReader(f)}


def compare_table(old: Path, new: Path, key: str) -> list[str]:
    a, b = _rows(old, key), _rows(new, key)
    out = [f"  rows only in old: {sorted(a.keys() - b.keys())[:10]}", f"  rows only in new: "
           f"{sorted(b.keys() - a.keys())[:10]}"]
    moved: dict[str, float] = {}
    other: list[str] = []
    for k in a.keys() & b.keys():
        for col, value in a[k].items():
            if b[k].get(col) == value:
                continue
            try:
                moved[col] = max(moved.get(col, 0.0), abs(float(value) - float(b[k][col])))
            except (TypeError, ValueError):
                other.append(f"{k}.{col}")
    out += [f"  largest change of {col}: {d:.3g}" for col, d in sorted(moved.items())]
    out.append(f"  non-numeric cells that differ: {len(other)} {sorted(other)[:10]}")
    shared = sorted(a.keys() & b.keys())
    for col in RANKED:
        if col in moved and shared:
            ra = sorted(shared, key=lambda k: (-float(a[k][col]), k))
            rb = sorted(shared, key=lambda k: (-float(b[k][col]), k))
            out.append(f"  places in the {col} ranking that changed: {sum(x != y for x, y in zip(ra, rb))}")
    return out


def compare_lines(old: Path, new: Path) -> list[str]:
    a = old.read_text("utf-8").splitlines()
    b = new.read_text("utf-8").splitlines()
    sa, sb = set(a), set(b)
    gone, added = [x for x in a if x not in sb], [x for x in b if x not in sa]
    return [f"  lines only in old: {len(gone)}", *(f"    - {x[:150]}" for x in gone[:10]),
            f"  lines only in new: {len(added)}", *(f"    + {x[:150]}" for x in added[:10])]


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    old, new = Path(argv[0]), Path(argv[1])
    names = sorted({p.name for p in old.iterdir() if p.is_file()} | {p.name for p in new.iterdir() if p.is_file()})
    same = 0
    for name in names:
        if name.startswith(".") or name == "cache.sqlite":
            continue
        a, b = old / name, new / name
        if not (a.exists() and b.exists()):
            print(f"{name}: only in {'old' if a.exists() else 'new'}")
        elif a.read_bytes() == b.read_bytes():
            same += 1
            print(f"{name}: same")
        else:
            print(f"{name}: differs")
            if name in TABLES:
                print("\n".join(compare_table(a, b, TABLES[name])))
            elif name in ("mentions.jsonl", "merges.csv", "edges.csv"):
                print("\n".join(compare_lines(a, b)))
    print(f"{same} of {len(names)} files byte-identical")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
