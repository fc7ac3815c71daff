"""Extraction on a Dask cluster (``graphbuild build --scheduler ADDRESS``): the one stage that costs, NER,
run as Dask tasks on the cluster's workers; everything after it stays on the client.

- A task is a batch of documents. Where a document's file can be found again by path and line (a
  .txt/.md file, a record of an uncompressed JSONL file: ``corpus.locate``), the task carries only
  that reference and the text's digest, and the worker reads the text itself from the file system it
  shares with the client (the same absolute path); otherwise, and for every document a worker could
  not read or read otherwise (another file at that path, a file changed since: the digest differs),
  the text is shipped: such documents come back unread and are sent again with their text, and if a
  whole task comes back unread before any worker read a file (the workers see none of our files),
  every later task ships the text.
  The client reads the corpus anyway, for the cache's digests, the corpus-wide word list of the span
  rules and, at the end, the evidence sentences. On the worker a task runs the same
  ``extract_documents`` as a local build: cleaning, text repair, NER, span clean-up, and returns
  compact records (``DocRecord.to_cache`` dicts, the cache's form), never spaCy Docs.
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

from .cache import text_hash
from .corpus import CorpusOptions, Document, locate, read_located
from .errors import GraphbuildError

try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # the [dask] extra is not installed: connect() says so
    WorkerPlugin = object

__all__ = ["ExtractSpec", "DocRef", "ExtractorPlugin", "connect", "extract_on_cluster", "extract_batch", "task_items",
           "DOCS_PER_TASK"]

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
    given, the boilerplate rules, the NER batch size, the settings key they make, and the reader's
    options (for documents the worker reads itself)."""

    model: str
    patterns: tuple
    rules: tuple
    batch_size: int
    settings: str
    corpus: CorpusOptions = CorpusOptions()  # how the client read the corpus, for workers that read it too


@dataclass(frozen=True)
class DocRef:
    """A document a worker reads itself: its id, ``(path, line)`` of corpus.locate, and the digest
    (cache.text_hash) of its text as the client read it."""

    id: str
    path: str
    line: int
    digest: str


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


def extract_batch(settings: str, items: list) -> tuple[list[tuple[str, dict]], list[str]]:
    """A task (runs on a worker): ``(document id, record)`` for every document of the batch (a Document,
    or a DocRef the worker reads itself), and the ids of the DocRefs it could not read as the client did."""
    from .extract import extract_documents, load_model
    from .pipeline import record_of

    spec = _SPECS.get(settings)
    if spec is None:
        raise GraphbuildError(f"the Dask worker on {os.uname().nodename} was not set up for this build (its "
                              "graphbuild plugin failed: see the worker's log)")
    docs, unread = read_items(items, spec.corpus)
    nlp = load_model(spec.model, spec.patterns)
    records = [(ex.doc.id, record_of(ex).to_cache())
               for ex in extract_documents(docs, nlp, rules=list(spec.rules), batch_size=spec.batch_size)]
    return records, unread


def read_items(items: list, options: CorpusOptions) -> tuple[list[Document], list[str]]:
    """The Documents of a task's items, the DocRefs read here (with the reader's ``options``), and the
    ids of the DocRefs whose file cannot be read here or whose text is not the one the client read."""
    docs, unread = [], []
    for item in items:
        if isinstance(item, DocRef):
            text = read_located(item.path, item.line, options)
            if text is None or text_hash(text) != item.digest:
                unread.append(item.id)
                continue
            item = Document(item.id, text, f"{item.path}:{item.line}" if item.line else item.path)
        docs.append(item)
    return docs, unread


def task_items(batch: list[Document], refer: bool, digests: dict[str, str] | None = None) -> list:
    """What a task carries for ``batch``: a DocRef for each document a worker can read itself (if
    ``refer``), else the document's id, text and source (not the reader's metadata). ``digests``: the
    text_hash of documents by id, where the caller has it already (the cache's digests)."""
    items = []
    for d in batch:
        where = locate(d) if refer else None
        if where:
            digest = (digests or {}).get(d.id) or text_hash(d.text)
            items.append(DocRef(d.id, where[0], where[1], digest))
        else:
            items.append(Document(d.id, d.text, d.source))
    return items


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


class _Tasks:
    """The tasks of one build in flight: what each carries, and whether the workers read our files."""

    def __init__(self, client, spec: ExtractSpec, stats: dict, digests: dict[str, str] | None = None):
        from distributed import as_completed

        self.client, self.spec, self.stats, self.digests = client, spec, stats, digests
        self.pending = as_completed()
        self.futures: dict = {}  # future -> the documents of its task, and how many it sent as references
        self.refer = True  # send references to files while the workers can read them
        self.shares = False  # a worker has read a file
        for key in ("referred", "shipped", "resent"):
            stats.setdefault(key, 0)

    def send(self, batch: list[Document], refer: bool) -> None:
        items = task_items(batch, refer, self.digests)
        referred = sum(isinstance(item, DocRef) for item in items)
        self.stats["referred"] += referred
        self.stats["shipped"] += len(items) - referred
        future = self.client.submit(extract_batch, self.spec.settings, items, pure=False)
        self.futures[future] = batch, referred
        self.pending.add(future)

    def done(self, future) -> list[tuple[str, dict]]:
        """The records of a finished task; the documents a worker could not read are sent again with
        their text, and if none of a task's were read and no worker has read a file yet, the workers
        see none of our files: every later task carries its text."""
        from distributed.scheduler import KilledWorker

        try:
            records, unread = future.result()
        except KilledWorker as exc:
            raise GraphbuildError(f"a batch of articles killed {exc.args[0] if exc.args else 'several'} Dask "
                                  "workers in turn (out of memory?); give the workers more memory") from None
        batch, referred = self.futures.pop(future)
        future.release()
        self.shares = self.shares or len(unread) < referred
        if unread:
            if self.refer and not self.shares:
                log.warning("the Dask workers cannot read this corpus's files (no file system shared with this "
                            "machine at the same path): the articles' text is sent with every task")
            self.refer = self.refer and self.shares
            again = set(unread)
            self.stats["resent"] += len(again)
            self.send([d for d in batch if d.id in again], refer=False)
        return records


def extract_on_cluster(docs: Iterable[Document], spec: ExtractSpec, client, per_task: int | None = None,
                       stats: dict | None = None, digests: dict[str, str] | None = None) -> Iterator[tuple[str, dict]]:
    """Yield ``(document id, record)`` for every document, extracted by the cluster's workers, as
    their tasks finish (in no fixed order). Stopping the iteration (an error, Ctrl-C) cancels the
    tasks still queued. ``per_task``: documents per task (default DOCS_PER_TASK). ``stats``, if given,
    counts the documents sent as references (``referred``), with their text (``shipped``), and sent
    again with their text because a worker could not read them (``resent``). ``digests``: the texts'
    digests by document id that the caller has computed already (else they are computed here)."""
    docs = iter(docs)
    batches = iter(lambda: list(islice(docs, per_task or DOCS_PER_TASK)), [])
    tasks = _Tasks(client, spec, stats if stats is not None else {}, digests)

    def submit(n: int) -> None:
        for batch in islice(batches, n):
            tasks.send(batch, tasks.refer)

    plugin = ExtractorPlugin(spec)
    client.register_plugin(plugin)
    try:
        target = TASKS_PER_WORKER * _threads(client)
        submit(target)
        for done, future in enumerate(tasks.pending, 1):
            records = tasks.done(future)
            if done % 16 == 0:  # workers may have joined or left
                target = TASKS_PER_WORKER * _threads(client)
            submit(max(0, target - len(tasks.futures)))
            yield from records
    finally:
        if tasks.futures:
            client.cancel(list(tasks.futures))
        client.unregister_worker_plugin(plugin.name)
