"""Readers of the packaged data files (``graphbuild/data``): word lists and tab-separated tables.

Every file is plain UTF-8 text; lines starting with ``#`` and blank lines are comments. Domain
knowledge (titles, particles, demonyms, party forms) lives in these files, never in code.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from .text import match_key

__all__ = ["data_text", "uncommented", "content_lines", "word_list", "word_set", "table"]


def data_text(name: str) -> str:
    """The text of the packaged data file ``name``."""
    return resources.files("graphbuild.data").joinpath(name).read_text("utf-8")


def uncommented(text: str) -> str:
    r"""``text`` with its ``#`` comment lines made blank, so that line numbers still count from the
    top: the one reading of the comment convention, for every data, alias and boilerplate file.

    >>> uncommented("# a comment\nMr\n  # another\nMrs")
    '\nMr\n\nMrs'
    """
    return "\n".join("" if line.lstrip().startswith("#") else line for line in text.splitlines())


def content_lines(text: str) -> list[str]:
    """The lines of ``text`` that are neither blank nor ``#`` comments."""
    return [line for line in uncommented(text).splitlines() if line.strip()]


@lru_cache(maxsize=None)
def word_list(name: str) -> tuple[str, ...]:
    """The entries of a one-a-line data file, stripped, in file order.

    >>> "Mr" in word_list("titles.txt")
    True
    """
    return tuple(line.strip() for line in content_lines(data_text(name)))


@lru_cache(maxsize=None)
def word_set(name: str) -> frozenset[str]:
    """The entries of a one-a-line data file, case-folded."""
    return frozenset(w.casefold() for w in word_list(name))


@lru_cache(maxsize=None)
def table(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of a tab-separated data file, each cell stripped; rows with an empty first cell skipped."""
    rows = []
    for line in content_lines(data_text(name)):
        cells = tuple(c.strip() for c in line.split("\t"))
        if cells[0]:
            rows.append(cells)
    return tuple(rows)


#: endings of a demonym whose plural only adds an "s" ("Kuwaiti" -> "Kuwaitis", "Ghanaian" -> "Ghanaians")
_PLURAL_BY_S = ("an", "i", "er", "ot")


@lru_cache(maxsize=1)
def state_names() -> frozenset[str]:
    """The match keys of the states' names (data/states.tsv, no adjectives) and the codes news writes for
    them without dots ("UK", "US", "USA"): the one list of what names a state.

    >>> {"kenya", "united kingdom", "uk", "us"} <= state_names(), "kenyan" in state_names()
    (True, False)
    """
    return frozenset(match_key(row[0]) for row in table("states.tsv")) | {"uk", "us", "usa", "britain", "great britain"}


@lru_cache(maxsize=1)
def demonyms() -> tuple[tuple[str, str], ...]:
    """The (demonym, state) rows of data/demonyms.tsv, with the plural of every demonym that makes it by
    adding an "s" when the table has no row for it.

    >>> rows = dict(demonyms())
    >>> rows["Kuwaitis"], rows["Ghanaians"], "Swisss" in rows, "Britishs" in rows
    ('Kuwait', 'Ghana', False, False)
    """
    rows = [(r[0], r[1]) for r in table("demonyms.tsv") if len(r) > 1 and r[1]]
    known = {r[0].casefold() for r in rows}
    plurals = [(d + "s", state) for d, state in rows if d.endswith(_PLURAL_BY_S) and not d.endswith("man")
               and d[:1].isupper() and (d + "s").casefold() not in known]  # ("Dutchman": "Dutchmen")
    return tuple(rows + plurals)


@lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """The lowercase words of an English dictionary (Webster's Second International, public domain, as the
    english-words package ships it: about 210,000 words): a capitalised word listed here in lowercase
    may be a common word rather than a name ("Morale", "Sulphur"), which the span rules weigh with what
    the corpus itself says."""
    from english_words import get_english_words_set

    return frozenset(w for w in get_english_words_set(["web2"]) if w.islower())

