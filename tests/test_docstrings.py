"""The examples in graphbuild's docstrings run and give what they show (one test per module)."""

import doctest
import importlib
import pkgutil

import pytest

import graphbuild

pytestmark = pytest.mark.unit

#: Modules whose examples run a build (they load the spaCy model: the e2e tier).
BUILDS = {"graphbuild.pipeline"}
MODULES = [pytest.param(name, marks=[pytest.mark.e2e] if name in BUILDS else [])
           for name in sorted(m.name for m in pkgutil.walk_packages(graphbuild.__path__, "graphbuild.")
                              if not m.name.endswith("__main__"))]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
