"""Extraction on a Dask cluster (``graphbuild build --scheduler ADDRESS``): the one stage that costs, NER,
run as Dask tasks on the cluster's workers; everything after it stays on the client.

- A task is a batch of documents (their text is shipped with it: the client reads the corpus anyway, for
  the cache's digests, the corpus-wide word list of the span rules and, at the end, the evidence
  sentences). On the worker it runs the same ``extract_documents`` as a local build: cleaning, text
  repair, NER, span clean-up, and returns compact records (``DocRecord.to_cache`` dicts, the cache's
  form), never spaCy Docs.
- A worker plugin (``ExtractorPlugin``), registered once per build and set up by Dask on every worker
  (also on one that joins or restarts later), takes the build's settings (model, listed names,
  boilerplate rules), checks that the worker's own graphbuild and model make the same extraction
  settings key as the client's (so a worker with other code or another model refuses instead of
  mixing other records in) and loads the spaCy pipeline once. A task then carries only that key and
  its documents.
- The client keeps at most ``TASKS_PER_WORKER`` tasks per worker thread in flight (memory does not grow
  with the corpus) and yields records as tasks finish, in whatever order; the caller sorts them by
  document id, so the outputs are the same whatever the number of workers, the partitions or the
  order tasks finish in. A worker lost mid-build is Dask's to retry (``distributed.scheduler.
  allowed-failures``); a task that kept killing workers is one error.
- ``local`` or ``local:N`` starts a ``distributed.LocalCluster`` of N single-threaded worker processes
  on this machine (for trying it and for tests).

Dask is an optional extra (``pip install 'graphbuild[dask]'``): it is imported only here, and only
when a scheduler is asked for.
"""

from __future__ import annotations

import logging
import os
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import Iterable, Iterator

from .corpus import Document
from .errors import GraphbuildError

try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # the [dask] extra is not installed: connect() says so
    WorkerPlugin = object

__all__ = ["ExtractSpec", "ExtractorPlugin", "connect", "extract_on_cluster", "extract_batch", "DOCS_PER_TASK"]

log = logging.getLogger("graphbuild")

#: Documents per task: large enough that Dask's per-task cost (a few ms) is small beside NER, small
#: enough that the last tasks of a build keep every worker busy.
DOCS_PER_TASK = 64
#: Tasks in flight per worker thread: one running, the rest queued on the worker so it never waits.
TASKS_PER_WORKER = 3
INSTALL_HINT = "pip install 'graphbuild[dask]'"


@dataclass(frozen=True)
class ExtractSpec:
    """What a worker needs to extract like the client would: the model, the listed names NER is
    given, the boilerplate rules, the NER batch size, and the settings key they make."""

    model: str
    patterns: tuple
    rules: tuple
    batch_size: int
    settings: str


#: On a worker: the ExtractSpec of each build it serves, by settings key (set by ExtractorPlugin).
_SPECS: dict[str, ExtractSpec] = {}


class ExtractorPlugin(WorkerPlugin):
    """Registered once per build, set up by Dask on every worker, those that join later or restart
    included: it checks that the worker would extract as the client does and loads the spaCy
    pipeline, so that tasks carry only the settings key and their documents (a spec with the listed
    names is about 300 kB)."""

    def __init__(self, spec: ExtractSpec):
        self.spec = spec
        self.name = f"graphbuild-extract-{spec.settings}"

    def setup(self, worker=None) -> None:
        from .extract import load_model
        from .pipeline import extraction_settings

        spec = self.spec
        if extraction_settings(spec.model, spec.patterns, spec.rules) != spec.settings:
            raise GraphbuildError(f"the Dask worker on {os.uname().nodename} extracts with other settings than the "
                                  "client (another graphbuild version, model version or data files): install the "
                                  "same graphbuild and model on the workers as on the client")
        load_model(spec.model, spec.patterns)
        _SPECS[spec.settings] = spec

    def teardown(self, worker=None) -> None:
        _SPECS.pop(self.spec.settings, None)


def extract_batch(settings: str, docs: list[Document]) -> list[tuple[str, dict]]:
    """A task: ``(document id, record)`` for every document of the batch (runs on a worker)."""
    from .extract import extract_documents, load_model
    from .pipeline import record_of

    spec = _SPECS.get(settings)
    if spec is None:
        raise GraphbuildError(f"the Dask worker on {os.uname().nodename} was not set up for this build (its "
                              "graphbuild plugin failed: see the worker's log)")
    nlp = load_model(spec.model, spec.patterns)
    return [(ex.doc.id, record_of(ex).to_cache())
            for ex in extract_documents(docs, nlp, rules=list(spec.rules), batch_size=spec.batch_size)]


def _local_workers(address: str) -> int | None:
    """N of ``local:N`` (``local``: one per core); None for any other address."""
    if address != "local" and not address.startswith("local:"):
        return None
    n = address.partition(":")[2]
    if not n:
        return os.cpu_count() or 1
    if not n.isdigit() or int(n) < 1:
        raise GraphbuildError(f"--scheduler {address}: write local or local:N with N a number of workers >= 1")
    return int(n)


@contextmanager
def connect(address: str, timeout: float = 10.0) -> Iterator[object]:
    """A ``distributed.Client`` of the scheduler at ``address`` (or of a new LocalCluster for
    ``local[:N]``), closed on leaving; one clear error when Dask is missing, the scheduler cannot be
    reached or it has no worker within ``timeout`` seconds."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise GraphbuildError(f"--scheduler needs Dask, which is not installed: {INSTALL_HINT}") from None
    n = _local_workers(address)
    cluster = None
    try:
        if n is not None:
            import dask

            # Dask's nannies give workers MALLOC_TRIM_THRESHOLD_=65536, which turns off glibc's adaptive
            # threshold: spaCy then spends ~20% more time, most of it in the kernel (bench/throughput.py)
            with dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}):
                cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                                       silence_logs=logging.ERROR)
            client = Client(cluster)
        else:
            try:
                client = Client(address, timeout=timeout)
            except (OSError, TimeoutError, ValueError) as exc:
                raise GraphbuildError(f"cannot reach the Dask scheduler at {address} ({exc}); check the address "
                                      "and that `dask scheduler` runs there") from None
        try:
            try:
                client.wait_for_workers(1, timeout=timeout)
            except (TimeoutError, OSError):
                raise GraphbuildError(f"the Dask scheduler at {address} has no worker after {timeout:g} s; start "
                                      f"some with `dask worker {address}`") from None
            yield client
        finally:
            client.close()
    finally:
        if cluster is not None:
            cluster.close()


def _threads(client) -> int:
    return max(1, sum(client.nthreads().values()))


def extract_on_cluster(docs: Iterable[Document], spec: ExtractSpec, client,
                       per_task: int | None = None) -> Iterator[tuple[str, dict]]:
    """Yield ``(document id, record)`` for every document, extracted by the cluster's workers, as
    their tasks finish (in no fixed order). Stopping the iteration (an error, Ctrl-C) cancels the
    tasks still queued. ``per_task``: documents per task (default DOCS_PER_TASK)."""
    from distributed import as_completed
    from distributed.scheduler import KilledWorker

    shipped = (Document(d.id, d.text, d.source) for d in docs)  # the text, not the reader's metadata
    batches = iter(lambda: list(islice(shipped, per_task or DOCS_PER_TASK)), [])
    pending = as_completed()
    futures: set = set()

    def submit(n: int) -> None:
        for batch in islice(batches, n):
            future = client.submit(extract_batch, spec.settings, batch, pure=False)
            futures.add(future)
            pending.add(future)

    plugin = ExtractorPlugin(spec)
    client.register_plugin(plugin)
    try:
        target = TASKS_PER_WORKER * _threads(client)
        submit(target)
        for done, future in enumerate(pending, 1):
            try:
                result = future.result()
            except KilledWorker as exc:
                raise GraphbuildError(f"a batch of articles killed {exc.args[0] if exc.args else 'several'} Dask "
                                      "workers in turn (out of memory?); give the workers more memory") from None
            futures.discard(future)
            future.release()
            if done % 16 == 0:  # workers may have joined or left
                target = TASKS_PER_WORKER * _threads(client)
            submit(max(0, target - len(futures)))
            yield from result
    finally:
        if futures:
            client.cancel(list(futures))
        client.unregister_worker_plugin(plugin.name)
