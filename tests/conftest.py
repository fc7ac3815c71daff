"""Shared fixtures and helpers: the repository paths, a loaded spaCy model, a spy on the texts it is given,
small mention builders."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuild.extract import Mention

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
OUTPUT = ROOT / "output"


@pytest.fixture(scope="session")
def nlp():
    from graphbuild.extract import default_model_name, load_model

    # the model without listed names: a build loads its own (with data/org_forms.tsv's names), so a test
    # that changes this object and runs a build must hand it over (monkeypatch pipeline.load_model)
    return load_model(default_model_name(), ())


def record_texts(monkeypatch, nlp) -> list[str]:
    """The texts ``nlp.pipe`` is given from now on (the spy goes with the test's monkeypatch)."""
    seen: list[str] = []
    real = nlp.pipe

    def pipe(texts, *args, **kwargs):
        texts = list(texts)
        seen.extend(texts)
        return real(texts, *args, **kwargs)

    monkeypatch.setitem(vars(nlp), "pipe", pipe)  # an instance attribute, deleted again on undo
    return seen


def mentions(*specs):
    """Build Mentions from (text, label) or (text, label, doc) tuples; each in its own sentence."""
    out = []
    for i, spec in enumerate(specs):
        text, label, doc = (*spec, "d1") if len(spec) == 2 else spec
        out.append(Mention(doc, 0, len(text), text, label, i))
    return out


TIERS = ("unit", "e2e", "browser")


def pytest_collection_modifyitems(config, items):
    """Every test belongs to a tier (setup.cfg's markers): one without a mark is an error, not a guess."""
    unmarked = [item.nodeid for item in items if not any(item.get_closest_marker(t) for t in TIERS)]
    if unmarked:
        raise pytest.UsageError("tests without a tier mark (unit, e2e or browser): " + ", ".join(unmarked[:10]))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item (``item.rep_call``), for fixtures that act on a failure (the
    browser tests' screenshots)."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, "rep_" + report.when, report)
