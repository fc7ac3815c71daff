"""Read stage: find input files, decode them, and yield Documents with stable ids."""

from __future__ import annotations

import csv
import gzip
import io
import json
import logging
import os
import sys
import threading
from array import array
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from .errors import InputError
from .meta import META_KEYS, blank, clean_value, headline, iso_date, name_date, split_header
from .repair import repair

__all__ = ["Document", "CorpusOptions", "TEXT_SUFFIXES", "RECORD_SUFFIXES", "discover", "read_documents",
           "decode_bytes", "count_documents", "document_meta", "locate", "read_located"]

log = logging.getLogger("graphbuild")

TEXT_SUFFIXES = (".txt", ".md")
RECORD_SUFFIXES = (".jsonl", ".ndjson", ".csv")
ALL_SUFFIXES = TEXT_SUFFIXES + RECORD_SUFFIXES


@dataclass(frozen=True)
class Document:
    """One article: its id, its decoded text (offsets point into this; a text file's header block is
    blanked with spaces), where it came from (``source``: the file, and the record's line), and its
    metadata (``meta``: the ``title``, ``date`` (ISO 8601), ``url`` and ``source`` (the outlet) it has,
    in that order; see meta.py)."""

    id: str
    text: str
    source: str = ""
    meta: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class CorpusOptions:
    """Field names of JSONL/CSV records (the metadata ones are also header keys of text files)."""

    text_field: str = "text"
    id_field: str = "id"
    strict: bool = False
    title_field: str = "title"
    date_field: str = "date"
    url_field: str = "url"
    source_field: str = "source"

    def meta_fields(self) -> dict[str, str]:
        """The field name of each metadata key."""
        return {"title": self.title_field, "date": self.date_field, "url": self.url_field,
                "source": self.source_field}


def _suffix(p: Path) -> str:
    """The format suffix of a file, looking through a .gz ending ("a.jsonl.gz" -> ".jsonl")."""
    name = p.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return os.path.splitext(name)[1]


#: the file that marks a folder as graphbuild's output (export/stamp.py writes it)
OUTPUT_MARK = ".graphbuild-stamp.json"


def _skip(msg: str, options: CorpusOptions | None) -> None:
    if options is not None and options.strict:
        raise InputError(msg + " (--strict stops at the first bad input)")
    log.warning(msg)


def discover(paths: Iterable[str | os.PathLike], options: CorpusOptions | None = None) -> list[tuple[Path, str]]:
    """Return ``(file, doc_id)`` for every article file under ``paths``, sorted by doc id.

    A folder is searched recursively for .txt, .md, .jsonl, .ndjson and .csv files (optionally
    .gz), leaving out hidden files and folders and graphbuild's own output folders (those holding
    OUTPUT_MARK), and its files get ids relative to it; a file given
    directly gets its file name as id.
    Raises InputError for a path that does not exist or a folder without such files.
    """
    found: list[tuple[str, Path]] = []
    for raw in paths:
        p = Path(raw)
        if p.is_symlink() and not p.exists():
            raise InputError(f"{raw}: broken symbolic link")
        if not p.exists():
            raise InputError(f"{raw}: no such file or folder")
        if p.is_dir():
            files = []
            seen_dirs = set()
            for dirpath, dirnames, filenames in os.walk(p, followlinks=True, onerror=None):
                real = os.path.realpath(dirpath)
                if real in seen_dirs:
                    _skip(f"{dirpath}: skipped, a symbolic link loop leads back to a folder already read", options)
                    dirnames[:] = []
                    continue
                seen_dirs.add(real)
                if OUTPUT_MARK in filenames:  # an --out folder inside the corpus: its CSV and JSONL are no articles
                    log.warning("%s: skipped, a graphbuild output folder (it holds %s)", dirpath, OUTPUT_MARK)
                    dirnames[:] = []
                    continue
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))  # .git, .ipynb_checkpoints
                for name in sorted(filenames):
                    f = Path(dirpath) / name
                    if name.startswith(".") or _suffix(f) not in ALL_SUFFIXES:
                        continue
                    if f.is_symlink() and not f.exists():
                        _skip(f"{f}: skipped, broken symbolic link", options)
                        continue
                    files.append(f)
            if not files:
                raise InputError(
                    f"{raw}: folder has no article files ({', '.join(ALL_SUFFIXES)}, optionally .gz); "
                    "point graphbuild at a folder of articles"
                )
            for f in files:
                found.append((f.relative_to(p).as_posix(), f))
        else:
            found.append((p.name, p))
    # the same file reached twice (a folder and a file in it) is read once; different files that get
    # the same id are all read, and read_documents gives the later ones a suffix
    out, real_seen = [], set()
    for doc_id, f in sorted(found, key=lambda kf: (kf[0], str(kf[1]))):
        real = os.path.realpath(f)
        if real not in real_seen:
            real_seen.add(real)
            out.append((f, doc_id))
    return out


def decode_bytes(data: bytes, name: str, options: CorpusOptions | None = None) -> str | None:
    """Decode article bytes: UTF-8 (a BOM is dropped), else cp1252/latin-1 with a warning.

    Returns None (after a warning) for data that looks binary.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    head = data[:8192]
    magic = head.startswith((b"\x89PNG", b"%PDF", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x7fELF"))
    if magic or head.count(b"\x00") > max(8, len(head) // 100):
        _skip(f"{name}: skipped, looks like a binary file, not text", options)
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = exc.start
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    if controls > len(head) // 50:
        _skip(f"{name}: skipped, looks like a binary file, not text", options)
        return None
    for enc in ("cp1252", "latin-1"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        log.warning("%s: not valid UTF-8 (byte %d); read as %s, check the names in it or re-save it as UTF-8",
                    name, bad, enc)
        return text
    return None  # pragma: no cover - latin-1 decodes every byte


def _read_bytes(f: Path, options) -> bytes | None:
    try:
        data = f.read_bytes()
    except OSError as exc:
        _skip(f"{f}: skipped, cannot be read ({exc.strerror or exc})", options)
        return None
    if f.name.lower().endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            _skip(f"{f}: skipped, not a valid .gz file ({exc})", options)
            return None
    return data


def _open_text(f: Path):
    if f.name.lower().endswith(".gz"):
        return io.TextIOWrapper(gzip.open(f, "rb"), encoding="utf-8-sig", errors="replace", newline="")
    return open(f, encoding="utf-8-sig", errors="replace", newline="")


def _records(f: Path, doc_id: str, options: CorpusOptions) -> Iterator[Document]:
    """Documents from a JSONL or CSV file, one a record."""
    kind = _suffix(f)
    try:
        fh = _open_text(f)
    except OSError as exc:
        _skip(f"{f}: skipped, cannot be read ({exc.strerror or exc})", options)
        return
    with fh:
        if kind == ".csv":
            csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
            reader = csv.DictReader(fh)
            if reader.fieldnames is None or options.text_field not in reader.fieldnames:
                _skip(f"{f}: skipped, no '{options.text_field}' column (columns: "
                      f"{', '.join(reader.fieldnames or [])}); use --text-field", options)
                return
            rows = ((reader.line_num, row) for row in reader)
        else:
            def rows_jsonl():
                for n, line in enumerate(fh, 1):
                    if not line.strip():
                        continue
                    try:
                        obj = json.loads(line)
                    except ValueError as exc:
                        _skip(f"{f}:{n}: skipped, not a JSON object ({exc.msg})", options)
                        continue
                    if not isinstance(obj, dict):
                        _skip(f"{f}:{n}: skipped, not a JSON object", options)
                        continue
                    yield n, obj
            rows = rows_jsonl()
        no_id = kept = 0
        try:
            for n, row in rows:
                text = row.get(options.text_field)
                if not isinstance(text, str) or not text.strip():
                    _skip(f"{f}:{n}: skipped, record has no '{options.text_field}' text", options)
                    continue
                kept += 1
                rid = row.get(options.id_field)
                if rid in (None, ""):
                    no_id += 1
                    rid = f"{doc_id}:{n}"
                else:
                    rid = str(rid)
                meta = document_meta({k: row.get(name) for k, name in options.meta_fields().items()}, f"{f}:{n}")
                yield Document(id=rid, text=text.replace("\x00", ""), source=f"{f}:{n}", meta=meta)
        except (csv.Error, OSError, EOFError) as exc:
            _skip(f"{f}: stopped reading, {exc}", options)
        if no_id:
            log.warning("%s: %d of %d records have no '%s' field; they are named '%s:LINE' (--id-field names "
                        "the id field)", f, no_id, kept, options.id_field, doc_id)


def document_meta(raw: dict, where: str, fallback_date: str | None = None) -> dict:
    """The metadata of a document from its raw values (``{"title": ..., "date": ...}``): one line of
    text each, the title's mis-decoded characters mended (repair.py), the date as ISO 8601; a date that
    is no date is left out with a warning naming ``where`` (``fallback_date``, from a file name, is used
    then, and when there is no date)."""
    out = {}
    for key in META_KEYS:
        value = clean_value(raw.get(key))
        if value is not None and key == "date":
            iso = iso_date(value)
            if iso is None:
                log.warning("%s: date %r is not a date with a year that python-dateutil can read; the document "
                            "is kept %s", where, value,
                            "with the date of its file name" if fallback_date else "without a date")
            value = iso
        elif value is not None and key == "title":
            value = repair(value).text  # mis-decoded text mended as NER reads it ("Greenâ€™s" -> "Green’s")
        if value is not None:
            out[key] = value
    if "date" not in out and fallback_date:
        out["date"] = fallback_date
    return {k: out[k] for k in META_KEYS if k in out}


def _text_meta(text: str, f: Path, options: CorpusOptions) -> tuple[str, dict]:
    """The text of an article file with its header block (if any) blanked, and its metadata (from the
    header, else a date in the file name)."""
    names = {name.strip().lower(): key for key, name in options.meta_fields().items() if name.strip()}
    raw, length, problem = split_header(text, names)
    if problem:
        log.warning("%s: %s", f, problem)
    if length:
        text = blank(text[:length]) + text[length:]
    elif title := headline(text):
        raw = {"title": title}  # "Headline\n\nBody": the first line is the title, and still text
    return text, document_meta(raw, str(f), name_date(f.name))


def read_documents(paths: Iterable[str | os.PathLike], options: CorpusOptions | None = None) -> Iterator[Document]:
    """Yield a Document for each readable article under ``paths``, in file order.

    .txt/.md files are one article each (id: path relative to the folder given); .jsonl/.ndjson/.csv
    files hold one article a record (id: the record's id field). Bad files and records are skipped
    with a warning naming them (or raise InputError with ``options.strict``).
    """
    options = options or CorpusOptions()
    seen: dict[str, int] = {}
    dated = total = 0
    for doc in _documents(paths, options):
        total += 1
        dated += "date" in doc.meta
        if doc.id in seen:  # ids are unique across the whole corpus: the cache and the graph rely on it
            n = seen[doc.id]
            while f"{doc.id}#{n + 1}" in seen:
                n += 1
            seen[doc.id] = n + 1
            new = f"{doc.id}#{n + 1}"
            log.warning("%s: duplicate id '%s', used '%s'", doc.source, doc.id, new)
            doc = replace(doc, id=new)
        seen[doc.id] = seen.get(doc.id, 1)
        yield doc
    if 0 < dated < total:  # a corpus without any date is not warned about: nothing asked for dates
        log.warning("%d of %d documents have no date (field '%s', a Date: header or a date in the file name)",
                    total - dated, total, options.date_field)


def _documents(paths, options: CorpusOptions) -> Iterator[Document]:
    for f, doc_id in discover(paths, options):
        if _suffix(f) in RECORD_SUFFIXES:
            yield from _records(f, doc_id, options)
            continue
        doc = _text_document(f, doc_id, options)
        if doc is not None:
            yield doc


def _text_document(f: Path, doc_id: str, options: CorpusOptions) -> Document | None:
    """The Document of one .txt/.md article file (None, after a warning, if it has no text)."""
    data = _read_bytes(f, options)
    if data is None:
        return None
    text = decode_bytes(data, str(f), options)
    if text is None:
        return None
    if not text.strip():
        _skip(f"{f}: skipped, the file is empty", options)
        return None
    if "\x00" in text:
        log.warning("%s: NUL characters removed", f)
        text = text.replace("\x00", " ")
    if doc_id.lower().endswith(".gz"):
        doc_id = doc_id[:-3]
    text, meta = _text_meta(text, f, options)
    if not text.strip():
        _skip(f"{f}: skipped, the file has a header and no text", options)
        return None
    return Document(id=doc_id, text=text, source=str(f), meta=meta)


#: record files whose records another reader can find by line without reading the file before them
SEEKABLE_RECORD_SUFFIXES = (".jsonl", ".ndjson")


def locate(doc: Document) -> tuple[str, int] | None:
    """Where another process (a cluster worker on a shared file system) finds ``doc``'s text again:
    ``(absolute path, line)`` of a .txt/.md file (line 0) or of an uncompressed JSONL record; None for
    CSV records (a record may span lines) and records of a compressed file (no seeking into a gzip
    stream), whose text must be sent. See read_located."""
    if _suffix(Path(doc.source)) in TEXT_SUFFIXES:
        return os.path.abspath(doc.source), 0
    path, _, line = doc.source.rpartition(":")
    if not line.isdigit() or path.lower().endswith(".gz") or _suffix(Path(path)) not in SEEKABLE_RECORD_SUFFIXES:
        return None
    return os.path.abspath(path), int(line)


def read_located(path: str, line: int, options: CorpusOptions) -> str | None:
    """The text read_documents reads for the document at ``(path, line)`` of locate (None if it cannot
    be read here), without warnings: the reader that found the document gave them. A caller compares
    the text's digest with the first reader's, so a file changed in between, or one that splits lines
    otherwise than Python's text mode (a lone CR), is never read wrong."""
    options = replace(options, strict=False)
    f = Path(path)
    with quiet():
        try:
            if line == 0:
                doc = _text_document(f, f.name, options)
                return None if doc is None else doc.text
            return _record_text(f, line, options)
        except Exception:  # noqa: BLE001 - whatever goes wrong here (a file changed to a FIFO, a broken .gz),
            return None  # the caller sends the text it read instead


def _record_text(f: Path, line: int, options: CorpusOptions) -> str | None:
    st = f.stat()
    starts = _line_starts(str(f), st.st_size, st.st_mtime_ns)
    if not 0 < line < len(starts):
        return None
    with open(f, "rb") as fh:
        fh.seek(starts[line - 1])
        data = fh.read(starts[line] - starts[line - 1])
    obj = json.loads(data.decode("utf-8-sig" if line == 1 else "utf-8", errors="replace"))
    text = obj.get(options.text_field) if isinstance(obj, dict) else None
    return text.replace("\x00", "") if isinstance(text, str) else None


@lru_cache(maxsize=4)
def _line_starts(path: str, size: int, mtime_ns: int) -> array:
    """The byte offset of every line start of a file, and its end (one scan per file and version;
    tasks come file by file, so a few files are enough)."""
    starts = array("q", [0])
    with open(path, "rb") as fh:
        for row in fh:
            starts.append(starts[-1] + len(row))
    return starts


class _Quiet(logging.Filter):
    """Drops graphbuild's warnings in the threads inside quiet() (a Dask worker reads in several threads
    at once: the logger's level is the whole process's and must not change)."""

    local = threading.local()

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.ERROR or not getattr(self.local, "depth", 0)


log.addFilter(_Quiet())


@contextmanager
def quiet():
    """Warnings of the corpus readers left out in this thread, for a second pass over a corpus whose first
    pass gave them."""
    _Quiet.local.depth = getattr(_Quiet.local, "depth", 0) + 1
    try:
        yield
    finally:
        _Quiet.local.depth -= 1


def count_documents(paths: Iterable[str | os.PathLike]) -> int | None:
    """About how many documents there are (for a progress bar): text files count one, JSONL files
    their non-empty lines, CSV files their records. None if the paths cannot be read."""
    try:
        with quiet():  # the read that follows gives discover's warnings
            files = discover(paths)
    except InputError:
        return None
    n = 0
    for f, _ in files:
        kind = _suffix(f)
        if kind not in RECORD_SUFFIXES:
            n += 1
            continue
        try:
            with _open_text(f) as fh:
                if kind == ".csv":
                    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
                    n += max(0, sum(1 for _ in csv.reader(fh)) - 1)
                else:
                    n += sum(1 for line in fh if line.strip())
        except (OSError, EOFError, csv.Error):
            continue
    return n
