"""Syndicated copies: near-duplicate articles (the same wire story republished) found with MinHash
signatures and locality-sensitive hashing (datasketch, the maintained library for both).

A document's shingles are its runs of SHINGLE_WORDS words (lower case, punctuation out, numbers
kept: two earnings reports that differ only in their figures are not copies), hashed with CRC-32
(fast, and the same on every machine). Two documents are
copies when the Jaccard similarity of their shingles, as NUM_PERM MinHash values estimate it, is at
least THRESHOLD and, when both are dated to the day, they are at most MAX_DAYS_APART days apart (the
same text a month later is a recurring report, "the Bundesbank left its rates unchanged", about another
event). A group is every document joined to another by that (transitively), and is named by its
original: its first document by date (undated ones last), then by id. Documents with fewer than MIN_SHINGLES shingles (a
headline, a one-line brief) are never grouped: short texts look alike without being one story.
"""

from __future__ import annotations

import re
import zlib
from functools import lru_cache

import numpy as np

__all__ = ["SHINGLE_WORDS", "NUM_PERM", "THRESHOLD", "MIN_SHINGLES", "signature", "similarity", "groups"]

SHINGLE_WORDS = 5
NUM_PERM = 128
#: Estimated Jaccard similarity of shingles from which two documents are copies (see bench/duplicates.py).
THRESHOLD = 0.8
MIN_SHINGLES = 20
#: datasketch's permutation scheme (2.0's default; signatures of two schemes cannot be compared).
SCHEME = "affine32"
#: Copies of one story are published within this many days of each other (a wire story refiled overnight is a
#: day later; the same text four days later was, on Reuters, a recurring report about another day's market).
MAX_DAYS_APART = 2
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _permutations():
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME).permutations


def signature(text: str) -> bytes | None:
    """The MinHash signature of ``text`` (NUM_PERM 32-bit values as bytes); None for a text with fewer
    than MIN_SHINGLES shingles.

    >>> story = "The central bank raised its main interest rate by half a point on Monday to curb inflation, " \\
    ...         "which rose to six percent in May, the highest in a decade, officials said."
    >>> a, b = signature(story), signature("LONDON - " + story.upper())
    >>> len(a), similarity(a, b) >= THRESHOLD, signature("Too short to say.")
    (512, True, None)
    """
    from datasketch import MinHash

    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8", "surrogatepass")
                for i in range(len(words) - SHINGLE_WORDS + 1)}
    if len(shingles) < MIN_SHINGLES:
        return None
    m = MinHash(num_perm=NUM_PERM, permutations=_permutations(), scheme=SCHEME, hashfunc=zlib.crc32)
    m.update_batch(sorted(shingles))
    return m.hashvalues.astype("<u4").tobytes()


def similarity(a: bytes, b: bytes) -> float:
    """The Jaccard similarity of two documents' shingles as their signatures estimate it."""
    return float(np.mean(np.frombuffer(a, "<u4") == np.frombuffer(b, "<u4")))


def groups(signatures: dict[str, bytes | None], days: dict | None = None,
           threshold: float = THRESHOLD) -> dict[str, str]:
    """``{document: its group's original}`` for every document in a group of copies (the original
    included); documents without a copy are not in it. ``days``: the documents' dates (datetime.date)
    where they have one.

    >>> import datetime as dt
    >>> story = " ".join(f"word{i}" for i in range(40))
    >>> sigs = {"b": signature(story), "a": signature(story + " more"), "c": signature(story[::-1]), "d": None}
    >>> groups(sigs)
    {'a': 'a', 'b': 'a'}
    >>> groups(sigs, {"a": dt.date(2024, 1, 9), "b": dt.date(2024, 1, 8)})
    {'a': 'b', 'b': 'b'}
    >>> groups(sigs, {"a": dt.date(2024, 1, 11), "b": dt.date(2024, 1, 8)})
    {}
    """
    from datasketch import LeanMinHash, MinHashLSH

    days = days or {}
    order = sorted((d for d, s in signatures.items() if s is not None),
                   key=lambda d: (days.get(d) is None, days.get(d) or 0, d))
    rank = {d: i for i, d in enumerate(order)}
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for doc in order:
        sig = signatures[doc]
        m = LeanMinHash(seed=1, hashvalues=np.frombuffer(sig, "<u4").astype(np.uint64), scheme=SCHEME)
        for other in sorted(lsh.query(m), key=rank.get):
            if similarity(sig, signatures[other]) >= threshold and _near(days.get(doc), days.get(other)):
                a, b = sorted((find(doc), find(other)), key=rank.get)
                parent[b] = a
        lsh.insert(doc, m)
    members = set(parent) | {find(d) for d in parent}
    return {d: find(d) for d in sorted(members)}


def _near(a, b) -> bool:
    return a is None or b is None or abs((a - b).days) <= MAX_DAYS_APART
