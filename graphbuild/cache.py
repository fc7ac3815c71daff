"""Extraction cache: an SQLite file of NER results keyed by document content, model and settings."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import zlib
from pathlib import Path

__all__ = ["ExtractionCache", "text_hash", "settings_key", "code_digest"]

log = logging.getLogger("graphbuild")

#: Bump when extraction output changes for the same text and settings.
EXTRACTION_VERSION = 2


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


#: The modules whose code shapes extraction records (with every data file: users edit those).
EXTRACTION_SOURCES = ("corpus.py", "clean.py", "repair.py", "extract.py", "coref.py", "lexicon.py", "text.py",
                      "names.py", "resolve.py", "pipeline.py", "cache.py")
_DATA = Path(__file__).resolve().parent / "data"


def code_digest(*modules: str) -> str:
    """A digest of graphbuild's own source files (all of them by default, with the data files), so
    that results made by other code are never taken for current ones."""
    root = Path(__file__).resolve().parent
    files = [root / m for m in modules] if modules else sorted(
        p for p in root.rglob("*") if p.is_file() and p.suffix in (".py", ".txt", ".tsv", ".csv", ".html"))
    h = hashlib.sha256()
    for f in files:
        h.update(f.relative_to(root).as_posix().encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def settings_key(**parts) -> str:
    """A digest of everything that shapes extraction (model name and version, patterns, limits, and
    the source of the extraction code)."""
    code = code_digest(*EXTRACTION_SOURCES, *sorted(f"data/{p.name}" for p in _DATA.iterdir() if p.is_file()))
    blob = json.dumps({"v": EXTRACTION_VERSION, "code": code, **parts}, sort_keys=True, ensure_ascii=True,
                      default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:32]


class ExtractionCache:
    """Cached extraction records, written in transactions of ``batch`` documents.

    A build killed halfway leaves every committed batch usable; a file that is not a cache is
    moved aside with a warning and a new one started.
    """

    def __init__(self, path: str | os.PathLike, settings: str, batch: int = 200):
        self.path = Path(path)
        self.settings = settings
        self.batch = batch
        self.pending = 0
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = self._open()
        except sqlite3.DatabaseError as exc:
            bad = self.path.with_name(self.path.name + ".broken")
            log.warning("%s: not a usable cache (%s); moved to %s and starting a new one", self.path, exc, bad)
            os.replace(self.path, bad)
            self.db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(str(self.path), timeout=60, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("CREATE TABLE IF NOT EXISTS extraction (key TEXT PRIMARY KEY, data BLOB NOT NULL)")
        db.execute("SELECT count(*) FROM extraction LIMIT 1").fetchone()
        return db

    def _key(self, digest: str) -> str:
        return f"{self.settings}:{digest}"

    def get(self, digest: str) -> dict | None:
        row = self.db.execute("SELECT data FROM extraction WHERE key = ?", (self._key(digest),)).fetchone()
        if row is None:
            return None
        try:
            return json.loads(zlib.decompress(row[0]))
        except (zlib.error, ValueError):  # a damaged record is extracted again
            return None

    def put(self, digest: str, record: dict) -> None:
        if self.pending == 0:
            self.db.execute("BEGIN")
        data = zlib.compress(json.dumps(record, separators=(",", ":"), ensure_ascii=False).encode("utf-8",
                                                                                                 "surrogatepass"), 3)
        self.db.execute("INSERT OR REPLACE INTO extraction (key, data) VALUES (?, ?)", (self._key(digest), data))
        self.pending += 1
        if self.pending >= self.batch:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.db.execute("COMMIT")
            self.pending = 0

    def close(self) -> None:
        """Commit the batch in progress (records are whole, so even on Ctrl-C it is kept) and close."""
        try:
            self.flush()
        finally:
            self.db.close()
