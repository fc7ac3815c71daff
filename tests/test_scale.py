"""Corpus formats, the extraction cache, processes and long documents (fast; no timing asserts)."""

import csv
import gzip
import json
import logging

import pytest

import graphbuild.pipeline as pipeline
from graphbuild.corpus import read_documents
from graphbuild.export import export_all
from graphbuild.pipeline import BuildConfig, build

pytestmark = pytest.mark.e2e

ARTICLES = [
    ("a1", "Angela Merkel met Emmanuel Macron in Paris on Monday. Merkel said Germany would help."),
    ("a2", "Hassan Nasrallah, the leader of Hezbollah, spoke in Beirut. Nasrallah warned Israel."),
    ("a3", "The Islamic Revolutionary Guard Corps (IRGC) said Iran would respond. The IRGC fired missiles."),
]


def write_corpus(folder, articles=ARTICLES):
    folder.mkdir(parents=True, exist_ok=True)
    for i, t in articles:
        (folder / f"{i}.txt").write_text(t, "utf-8")
    return folder


def test_jsonl_csv_and_gz_records(tmp_path, caplog):
    jl = tmp_path / "news.jsonl.gz"
    with gzip.open(jl, "wt", encoding="utf-8") as f:
        for i, t in ARTICLES[:2]:
            f.write(json.dumps({"id": i, "title": "T", "text": t}) + "\n")
        f.write("{not json\n")
    cs = tmp_path / "more.csv"
    with open(cs, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["story", "body"])
        w.writerow(["s1", ARTICLES[2][1]])
        w.writerow(["s2", ""])
    with caplog.at_level(logging.WARNING, logger="graphbuild"):
        docs = list(read_documents([jl]))
        assert [d.id for d in docs] == ["a1", "a2"]
        assert "news.jsonl.gz:3" in caplog.text and "not a JSON object" in caplog.text
        from graphbuild.corpus import CorpusOptions

        docs = list(read_documents([cs], CorpusOptions(text_field="body", id_field="story")))
        assert [d.id for d in docs] == ["s1"] and "more.csv:3" in caplog.text
        assert list(read_documents([cs])) == [] and "no 'text' column" in caplog.text


def test_second_build_runs_no_ner_and_gives_the_same_files(tmp_path):
    src = write_corpus(tmp_path / "in")
    cfg = BuildConfig(cache=tmp_path / "cache.sqlite")
    r1 = build([src], cfg)
    assert r1.stats["extracted"] == 3 and r1.stats["cached"] == 0
    export_all(r1, tmp_path / "o1")
    r2 = build([src], cfg)
    assert r2.stats["extracted"] == 0 and r2.stats["cached"] == 3
    export_all(r2, tmp_path / "o2")
    for f in (tmp_path / "o1").iterdir():
        assert f.read_bytes() == (tmp_path / "o2" / f.name).read_bytes(), f.name


def test_changed_document_is_re_extracted_and_options_reuse_the_cache(tmp_path):
    src = write_corpus(tmp_path / "in")
    cfg = BuildConfig(cache=tmp_path / "c.sqlite")
    build([src], cfg)
    (src / "a2.txt").write_text(ARTICLES[1][1] + " Nasrallah met Qassem Soleimani.", "utf-8")
    (src / "a4.txt").write_text("Joe Biden called Justin Trudeau.", "utf-8")
    r = build([src], cfg)
    assert r.stats["extracted"] == 2 and r.stats["cached"] == 2
    r = build([src], BuildConfig(cache=tmp_path / "c.sqlite", window="document", types=("PERSON",),
                                 demonyms="drop"))
    assert r.stats["extracted"] == 0
    r = build([src], BuildConfig(cache=tmp_path / "c.sqlite", default_aliases=False))
    assert r.stats["extracted"] == 4  # the EntityRuler's patterns changed, so NER is run again


def test_interrupted_build_leaves_a_usable_cache(tmp_path, monkeypatch):
    src = write_corpus(tmp_path / "in")
    real = pipeline.record_of
    calls = {"n": 0}

    def flaky(ex):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(ex)

    monkeypatch.setattr(pipeline, "record_of", flaky)
    with pytest.raises(KeyboardInterrupt):
        build([src], BuildConfig(cache=tmp_path / "c.sqlite"))
    monkeypatch.setattr(pipeline, "record_of", real)
    r = build([src], BuildConfig(cache=tmp_path / "c.sqlite"))
    assert r.stats["cached"] == 2 and r.stats["extracted"] == 1


def test_a_broken_cache_file_is_replaced(tmp_path, caplog):
    src = write_corpus(tmp_path / "in")
    bad = tmp_path / "c.sqlite"
    bad.write_bytes(b"this is not sqlite" * 100)
    with caplog.at_level(logging.WARNING, logger="graphbuild"):
        r = build([src], BuildConfig(cache=bad))
    assert r.stats["extracted"] == 3 and "not a usable cache" in caplog.text


def test_one_and_two_processes_give_identical_results(tmp_path, monkeypatch):
    src = write_corpus(tmp_path / "in", ARTICLES * 1 + [(f"x{i}", t) for i, (_, t) in enumerate(ARTICLES)])
    import graphbuild.export as export

    monkeypatch.setattr(pipeline, "MULTIPROCESS_MIN_DOCS", 0)
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_NODES", 0)  # analysis and layout side by side
    monkeypatch.setattr(export, "PARALLEL_MIN_EDGES", 0)  # files written by two processes
    r1 = build([src], BuildConfig(jobs=1))
    r2 = build([src], BuildConfig(jobs=2, batch_size=1))  # batches of one: both workers, out of step
    export_all(r1, tmp_path / "o1", formats=export.FORMATS, jobs=1)
    export_all(r2, tmp_path / "o2", formats=export.FORMATS, jobs=2)
    assert len(list((tmp_path / "o1").iterdir())) == 11  # documents.csv, and graph.index.sqlite with the GraphML
    for f in (tmp_path / "o1").iterdir():
        assert f.read_bytes() == (tmp_path / "o2" / f.name).read_bytes(), f.name


def test_spacys_own_multiprocessing_where_fork_is_not_used(tmp_path, monkeypatch):
    from spacy.language import Language

    from graphbuild import extract

    src = write_corpus(tmp_path / "in", ARTICLES * 2)
    monkeypatch.setattr(pipeline, "MULTIPROCESS_MIN_DOCS", 0)
    r1 = build([src], BuildConfig(jobs=1))
    monkeypatch.setattr(extract, "can_fork", lambda: False)
    calls = []
    real = Language._multiprocessing_pipe

    def spy(self, *args, **kwargs):
        calls.append(1)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Language, "_multiprocessing_pipe", spy)
    r2 = build([src], BuildConfig(jobs=2, batch_size=1))
    assert calls and r1.mentions == r2.mentions


def test_a_failing_worker_stops_the_build_with_its_error(tmp_path, monkeypatch):
    from graphbuild import extract

    src = write_corpus(tmp_path / "in", ARTICLES * 2)
    monkeypatch.setattr(pipeline, "MULTIPROCESS_MIN_DOCS", 0)

    def broken(sdoc):
        raise RuntimeError("worker broke")

    monkeypatch.setattr(extract, "_annotate", broken)  # inherited by the forked workers
    with pytest.raises(RuntimeError, match="worker broke"):
        build([src], BuildConfig(jobs=2, batch_size=1))


KILLED_WORKER = r"""
import os, signal, sys
import graphbuild.extract as extract
import graphbuild.pipeline as pipeline
from graphbuild.errors import GraphbuildError
pipeline.MULTIPROCESS_MIN_DOCS = 0
real, n = extract._annotate, [0]

def dying(sdoc):  # runs in a forked worker: the second text kills it
    n[0] += 1
    if n[0] == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(sdoc)

extract._annotate = dying
try:
    pipeline.build([sys.argv[1]], pipeline.BuildConfig(jobs=2, batch_size=1))
except GraphbuildError as exc:
    print("error:", exc)
"""


def test_a_killed_worker_stops_the_build_instead_of_hanging(tmp_path):
    import subprocess
    import sys

    from .conftest import ROOT

    src = write_corpus(tmp_path / "in", ARTICLES * 2)
    p = subprocess.run([sys.executable, "-c", KILLED_WORKER, str(src)], capture_output=True, text=True,
                       cwd=ROOT, timeout=300)  # multiprocessing.Pool would wait for ever
    assert p.returncode == 0, p.stderr[-2000:]
    assert "error: an NER worker process died" in p.stdout and "--jobs" in p.stdout


def test_document_over_max_length_keeps_exact_offsets(tmp_path, nlp, monkeypatch):
    """A build splits a paragraph longer than the model's max_length and keeps exact offsets. The build
    is handed the fixture's model with a lowered limit: on its own it would load another object (with
    listed names) whose limit is the default 1,000,000, and nothing would be split."""
    from .conftest import record_texts

    para = "Hassan Nasrallah met Qassem Soleimani in Beirut while Iraq watched. "
    text = "\n\n".join(para * 30 for _ in range(4))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "long.txt").write_text(text, "utf-8")
    monkeypatch.setattr(nlp, "max_length", 1000)
    monkeypatch.setattr(pipeline, "load_model", lambda name, patterns: nlp)
    seen = record_texts(monkeypatch, nlp)
    r = build([tmp_path / "in"], BuildConfig(default_aliases=False))
    # the four paragraphs (2,039 characters each) reached this model in pieces under the lowered limit
    assert len(seen) > 4 and all(len(t) <= 1000 for t in seen), [len(t) for t in seen]
    assert len(r.mentions) > 300
    for m in r.mentions:
        assert text[m["start"]:m["end"]] == m["text"]
    G = r.graph
    ev = json.loads(G["person:hassan-nasrallah"]["person:qassem-soleimani"]["evidence"])
    assert all(text[e["start"]:e["end"]] == e["text"] for e in ev)


def test_up_to_date_outputs_are_not_rewritten_unless_something_changed(tmp_path):
    from click.testing import CliRunner

    from graphbuild.cli import cli

    src = write_corpus(tmp_path / "in")
    out = tmp_path / "out"

    def run(*extra):
        r = CliRunner().invoke(cli, ["build", str(src), "--out", str(out), *extra])
        assert r.exit_code == 0, r.output
        return r.output

    assert "wrote" in run()
    before = (out / "graph.graphml").stat().st_mtime_ns
    assert "up to date" in run()
    assert (out / "graph.graphml").stat().st_mtime_ns == before
    assert "wrote" in run("--min-weight", "2")  # an option changed
    assert "up to date" in run("--min-weight", "2")
    (out / "edges.csv").write_text("edited by hand", "utf-8")  # an output changed
    assert "wrote" in run("--min-weight", "2")
    (src / "a1.txt").write_text(ARTICLES[0][1] + " Merkel met Joe Biden.", "utf-8")  # an input changed
    assert "2 from cache" in run("--min-weight", "2")  # rebuilt, with NER on the changed article only
    assert "wrote" in run("--min-weight", "2", "--force") and "up to date" in run("--min-weight", "2")


def _run_in_pty(args, cwd):
    import os
    import pty
    import select
    import subprocess

    master, slave = pty.openpty()
    p = subprocess.Popen(args, stdout=slave, stderr=slave, close_fds=True, cwd=cwd)
    os.close(slave)
    out = b""
    while True:
        try:
            ready, _, _ = select.select([master], [], [], 120)
            if not ready:
                break
            data = os.read(master, 4096)
        except OSError:
            break
        if not data:
            break
        out += data
    p.wait()
    os.close(master)
    return p.returncode, out.decode(errors="replace")


@pytest.mark.slow
def test_progress_bar_on_a_terminal_only(tmp_path):
    import subprocess
    import sys

    from .conftest import ROOT

    src = write_corpus(tmp_path / "in")
    args = [sys.executable, "-m", "graphbuild", "build", str(src), "--out", str(tmp_path / "o"), "--no-cache"]
    code, out = _run_in_pty(args, ROOT)
    assert code == 0, out
    assert "extracting" in out and "3/3" in out and "docs/s" in out
    for stage in ("resolving", "connecting", "centralities, communities and layout", "writing graphml"):
        assert stage in out  # the work after extraction says what it is doing
    assert "3 documents (0 from cache)" in out
    p = subprocess.run(args + ["--force"], capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 0 and "extracting" not in p.stderr and "resolving" not in p.stderr
    assert "3 documents" in p.stderr
    p = subprocess.run(args + ["--force", "-q"], capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 0 and p.stderr == "" and p.stdout == ""
