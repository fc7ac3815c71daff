"""Every third-party package graphbuild imports at run time is one it declares (setup.cfg)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[1]

PROBE = r"""
import json, sys
from graphbuild.cli import cli

out = sys.argv[1]
for args in (["build", sys.argv[2], "--out", out, "--format", "all", "--no-cache", "-q"],
             ["report", out + "/graph.graphml", "--measure", "all", "--format", "json"],
             ["communities", out + "/graph.graphml"],
             ["html", out + "/graph.graphml", "-o", out + "/again.html"]):
    try:
        cli.main(args, standalone_mode=False)
    except SystemExit as e:
        assert not e.code, args
print(json.dumps(sorted({m.split(".")[0] for m in list(sys.modules)})), file=sys.stderr)
"""


def _name(requirement: str) -> str | None:
    if "extra ==" in requirement:
        return None
    m = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement)
    return m.group(0).lower().replace("_", "-") if m else None


def _closure(dist: str) -> set[str]:
    """``dist`` and everything it requires, transitively (extras left out)."""
    seen: set[str] = set()
    todo = [dist]
    while todo:
        d = todo.pop()
        if d in seen:
            continue
        seen.add(d)
        try:
            reqs = metadata.requires(d) or []
        except metadata.PackageNotFoundError:
            continue
        todo.extend(n for n in map(_name, reqs) if n)
    return seen


@pytest.mark.e2e
def test_runtime_imports_are_declared_dependencies(tmp_path):
    try:
        metadata.distribution("graphbuild")
    except metadata.PackageNotFoundError:
        pytest.skip("graphbuild is not installed (pip install -e .)")
    p = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path / "out"), str(ROOT / "seeds")],
                       capture_output=True, text=True, cwd=tmp_path, timeout=600)
    assert p.returncode == 0, p.stderr[-3000:]
    modules = json.loads(p.stderr.strip().splitlines()[-1])
    declared = _closure("graphbuild")
    owners = metadata.packages_distributions()
    undeclared = {}
    for mod in modules:
        if mod in sys.stdlib_module_names or mod in ("graphbuild", "__main__") or mod.startswith("_"):
            continue
        dists = {d.lower().replace("_", "-") for d in owners.get(mod, [])}
        if dists and not dists & declared:
            undeclared[mod] = sorted(dists)
    assert not undeclared, f"imported at run time but not required by graphbuild: {undeclared}"
