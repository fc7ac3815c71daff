"""Person-name helpers shared by extraction and resolution: name tokens and given names.

The knowledge lives in data files (``name_particles.txt``, ``given_names.tsv``, the organisation and
place heads); these functions only read it.
"""

from __future__ import annotations

from functools import lru_cache

from .lexicon import demonyms, state_names, table, word_set
from .text import match_key

__all__ = ["name_tokens", "given_names", "given_name_first", "not_person_words", "is_word_name"]


def name_tokens(key: str) -> list[str]:
    """The words of a person's name that identify it: particles dropped ("al muhandis" -> ["muhandis"]).

    >>> name_tokens("abu mahdi al muhandis"), name_tokens("de gaulle")
    (['abu', 'mahdi', 'muhandis'], ['gaulle'])
    """
    particles = word_set("name_particles.txt")
    toks = key.split()
    while len(toks) > 1 and toks[0] in particles:
        toks = toks[1:]
    return [t for i, t in enumerate(toks) if not (t in particles and i < len(toks) - 1)]


@lru_cache(maxsize=1)
def given_names() -> dict[str, str]:
    """The packaged given names (data/given_names.tsv): match key -> sex ("m", "f" or "u").

    >>> given_names()["margaret"], given_names()["john"]
    ('f', 'm')
    """
    return {match_key(row[0]): (row[1] if len(row) > 1 else "u") for row in table("given_names.tsv")}


def is_word_name(key: str) -> bool:
    """True for a given name that starts other names as often ("San", "Royal", "Mark": marked "word").

    >>> is_word_name("dallas"), is_word_name("margaret")
    (True, False)
    """
    return key in _word_names()


@lru_cache(maxsize=1)
def _word_names() -> frozenset[str]:
    return frozenset(match_key(row[0]) for row in table("given_names.tsv") if len(row) > 2 and row[2] == "word")


@lru_cache(maxsize=1)
def not_person_words() -> frozenset[str]:
    """Words (match keys) that organisations and places end with, or that name nothing: no person's name
    has one (data/org_heads.txt, org_endings.txt, company_suffixes.txt, place_heads.txt, non_names.txt,
    portfolios.txt, facility_heads.txt)."""
    words: set[str] = set()
    for name in ("org_heads.txt", "org_endings.txt", "company_suffixes.txt", "place_heads.txt", "non_names.txt",
                 "portfolios.txt", "facility_heads.txt"):
        words |= {match_key(w) for w in word_set(name)}
    return frozenset(words - {""})


def given_name_first(key: str) -> bool:
    """True when a name form (match key) reads as a person's: two or three words after particles, the
    first a known given name (data/given_names.tsv; not one that starts places' names as often, "Dallas
    Cowboys"), no word that organisations or places end with, and no state. A cue, never proof.

    >>> given_name_first("leona naess"), given_name_first("dallas cowboys"), given_name_first("paul group")
    (True, False, False)
    """
    toks = name_tokens(key)
    if not 2 <= len(toks) <= 3 or toks[0] not in given_names() or toks[0] in _word_names():
        return False
    return not any(t in not_person_words() or t in _states() for t in key.split())


@lru_cache(maxsize=1)
def _states() -> frozenset[str]:
    """The words of the states and adjectives of data/demonyms.tsv and the one-word names of states
    (lexicon.state_names)."""
    words = {w for row in demonyms() for cell in row for w in match_key(cell).split()}
    return frozenset(words | {k for k in state_names() if " " not in k})
