"""Alias files: a user's merges, renames, retypes and drops (CSV or YAML), and the shipped defaults."""

from __future__ import annotations

import csv
import io
import logging
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .lexicon import data_text, uncommented
from .text import match_key

__all__ = ["AliasEntry", "AliasTable", "load_alias_file", "default_alias_table", "DEFAULT_FILES"]

log = logging.getLogger("graphbuild")

#: Shipped alias files, used unless --no-default-aliases: a curated one whose names are used as
#: labels, and a gazetteer from the OFAC SDN list that only merges (labels come from the corpus).
DEFAULT_FILES = (("default_aliases.csv", True), ("ofac_gazetteer.csv", False))


@dataclass
class AliasEntry:
    """One entity of an alias file."""

    name: str
    type: str = ""
    aliases: list[str] = field(default_factory=list)
    drop: bool = False
    authoritative: bool = True  # its name becomes the node label
    source: str = ""

    def names(self) -> list[str]:
        return [self.name, *self.aliases]


class AliasTable:
    """Alias entries indexed by match key; later entries override earlier ones for a key."""

    def __init__(self, entries: list[AliasEntry] | None = None):
        self.entries: list[AliasEntry] = []
        self.by_key: dict[str, int] = {}
        for e in entries or []:
            self.add(e)

    def add(self, entry: AliasEntry) -> None:
        idx = len(self.entries)
        self.entries.append(entry)
        for n in entry.names():
            k = match_key(n)
            if k:
                self.by_key[k] = idx

    def extend(self, other: "AliasTable") -> None:
        for e in other.entries:
            self.add(e)

    def index(self, key: str) -> int | None:
        return self.by_key.get(key)

    def ruler_patterns(self) -> tuple[tuple[str, str], ...]:
        """EntityRuler patterns ``(label, phrase)`` for entries with a type.

        Gazetteer entries give only multi-word names (single words there are too often ordinary
        words); one- and two-letter acronyms are never patterns ("IS", "US" in headlines).
        """
        out = set()
        for i, e in enumerate(self.entries):
            if e.drop or not e.type:
                continue
            for n in e.names():
                if self.by_key.get(match_key(n)) != i:
                    continue  # overridden by a later entry
                words = n.split()
                if len(n) < 3 or (not e.authoritative and len(words) < 2):
                    continue
                forms = {n}
                if e.authoritative and len(words) >= 2 and words[0][:1].isupper():
                    forms.add(" ".join([words[0]] + [w.lower() for w in words[1:]]))  # "Quds force"
                for f in forms:
                    for variant in {f, f.replace("'", "’"), f.replace("’", "'")}:
                        out.add((e.type, variant))
        return tuple(sorted(out))


def _split_aliases(value: str) -> list[str]:
    return [a.strip() for a in (value or "").split("|") if a.strip()]


def _entry(row: dict, origin: str, authoritative: bool) -> AliasEntry | None:
    name = (row.get("name") or "").strip()
    aliases = row.get("aliases") or []
    if isinstance(aliases, str):
        aliases = _split_aliases(aliases)
    aliases = [str(a).strip() for a in aliases if str(a).strip()]
    action = (row.get("action") or "").strip().lower()
    if action not in ("", "merge", "drop"):
        raise InputError(f"{origin}: action must be 'merge' or 'drop', not '{action}'")
    if not name:
        if not aliases:
            return None
        raise InputError(f"{origin}: a row has aliases but no name")
    etype = (row.get("type") or "").strip().upper()
    return AliasEntry(name, etype, aliases, action == "drop", authoritative, origin)


def _parse(text: str, origin: str, authoritative: bool) -> list[AliasEntry]:
    entries = []
    if origin.lower().endswith((".yaml", ".yml")):
        import yaml

        try:
            data = yaml.safe_load(text) or []
        except yaml.YAMLError as exc:
            raise InputError(f"{origin}: not valid YAML ({exc})".splitlines()[0]) from None
        if isinstance(data, dict):
            data = data.get("entities", [])
        if not isinstance(data, list):
            raise InputError(f"{origin}: expected a list of entities with name, type, aliases, action")
        for n, item in enumerate(data, 1):
            if not isinstance(item, dict):
                raise InputError(f"{origin}: entry {n} is not a mapping with a 'name'")
            e = _entry(item, f"{origin}: entry {n}", authoritative)
            if e:
                entries.append(e)
        return entries
    reader = csv.reader(io.StringIO(uncommented(text)), strict=True)  # comment lines are blank rows
    try:
        header = [f.strip() for f in next((r for r in reader if r), [])]
        if "name" not in header:
            raise InputError(f"{origin}: the first line must be a header with at least 'name' "
                             "(columns: name,type,aliases,action)")
        for cells in reader:
            if cells:
                row = dict(zip(header, cells + [""] * (len(header) - len(cells))))
                e = _entry(row, f"{origin}: line {reader.line_num}", authoritative)
                if e:
                    entries.append(e)
    except csv.Error as exc:
        raise InputError(f"{origin}: not valid CSV after line {reader.line_num} ({exc}); is a quote opened and "
                         "never closed?") from None
    return entries


def load_alias_file(path: str | Path, authoritative: bool = True) -> AliasTable:
    """Read an alias file (``.csv``, ``.yaml`` or ``.yml``) into an AliasTable."""
    try:
        text = Path(path).read_text("utf-8-sig")
    except OSError as exc:
        raise InputError(f"{path}: cannot read alias file ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: alias file is not UTF-8 text") from None
    entries = _parse(text, str(path), authoritative)
    _warn_shared_forms(entries, str(path))
    return AliasTable(entries)


def _warn_shared_forms(entries: list[AliasEntry], origin: str) -> None:
    """Warn of name forms one file lists under two names: a form means one entity wherever it is written, so
    the later entry takes it ("Senate" under "Senate (Italy)" and "Senate (France)")."""
    first: dict[str, AliasEntry] = {}
    shared = []
    for e in entries:
        for n in e.names():
            k = match_key(n)
            if k and first.setdefault(k, e) is not e and match_key(first[k].name) != match_key(e.name):
                shared.append(f"'{n}' ({first[k].name} / {e.name})")
    if shared:
        more = f" and {len(shared) - 5} more" if len(shared) > 5 else ""
        log.warning("%s: %d name forms are listed for two entities; the later entry takes them: %s%s", origin,
                    len(shared), ", ".join(shared[:5]), more)


def default_alias_table() -> AliasTable:
    """The shipped alias files (see DEFAULT_FILES), gazetteer first so curated entries win."""
    table = AliasTable()
    for name, authoritative in sorted(DEFAULT_FILES, key=lambda x: x[1]):
        text = data_text(name)
        table.extend(AliasTable(_parse(text, name, authoritative)))
    return table
