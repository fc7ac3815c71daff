"""Read stage: find input files, decode them, and yield Documents with stable ids."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from .errors import InputError

__all__ = ["Document", "TEXT_SUFFIXES", "discover", "read_documents", "decode_bytes"]

log = logging.getLogger("graphbuild")

TEXT_SUFFIXES = (".txt", ".md")


@dataclass(frozen=True)
class Document:
    """One article: its id, its decoded text (offsets point into this), where it came from."""

    id: str
    text: str
    source: str = ""
    meta: dict = field(default_factory=dict, compare=False, hash=False)


def discover(paths: Iterable[str | os.PathLike]) -> list[tuple[Path, str]]:
    """Return ``(file, doc_id)`` for every text file under ``paths``, sorted by doc id.

    A folder is searched recursively for ``.txt`` and ``.md`` files and its files get ids relative
    to it; a file given directly gets its file name as id. Raises InputError for a path that does
    not exist or a folder without text files.
    """
    found: dict[str, Path] = {}
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise InputError(f"{raw}: no such file or folder")
        if p.is_dir():
            files = []
            for dirpath, dirnames, filenames in os.walk(p, followlinks=False):
                dirnames.sort()
                for name in sorted(filenames):
                    f = Path(dirpath) / name
                    if f.suffix.lower() in TEXT_SUFFIXES and not name.startswith("."):
                        files.append(f)
            if not files:
                raise InputError(
                    f"{raw}: folder has no text files ({', '.join(TEXT_SUFFIXES)}); "
                    "point graphbuild at a folder of articles"
                )
            for f in files:
                doc_id = f.relative_to(p).as_posix()
                found.setdefault(doc_id, f)
        else:
            found.setdefault(p.name, p)
    return [(found[k], k) for k in sorted(found)]


def decode_bytes(data: bytes, name: str) -> str | None:
    """Decode article bytes: UTF-8 (a BOM is dropped), else cp1252/latin-1 with a warning.

    Returns None (after a warning) for data that looks binary.
    """
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        log.warning("%s: skipped, looks like a binary file (NUL bytes), not text", name)
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = exc.start
    for enc in ("cp1252", "latin-1"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        log.warning(
            "%s: not valid UTF-8 (byte %d); read as %s, check the names in it or re-save it as UTF-8",
            name, bad, enc,
        )
        return text
    return None  # pragma: no cover - latin-1 decodes every byte


def read_documents(paths: Iterable[str | os.PathLike]) -> Iterator[Document]:
    """Yield a Document for each readable text file under ``paths``, in doc id order."""
    for f, doc_id in discover(paths):
        try:
            data = f.read_bytes()
        except OSError as exc:
            log.warning("%s: skipped, cannot be read (%s)", f, exc.strerror or exc)
            continue
        text = decode_bytes(data, str(f))
        if text is None:
            continue
        if not text.strip():
            log.warning("%s: skipped, the file is empty", f)
            continue
        yield Document(id=doc_id, text=text, source=str(f))
