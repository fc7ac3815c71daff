"""Text helpers shared by the stages: match keys, slugs, XML-safe strings."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["match_key", "fold_quotes", "slug", "xml_safe", "no_surrogates", "is_acronym"]

_FOLD = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'", "′": "'",
                       "“": '"', "”": '"', "„": '"', "‐": "-", "‑": "-", "–": "-", "—": "-"})
_SURROGATE = re.compile("[\ud800-\udfff]")
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def fold_quotes(s: str) -> str:
    """Fold curly quotes, primes and dashes to their ASCII forms.

    >>> print(fold_quotes("Kata’ib “Hezbollah” – Iraq"))
    Kata'ib "Hezbollah" - Iraq
    """
    return s.translate(_FOLD)


@lru_cache(maxsize=1 << 17)
def match_key(s: str) -> str:
    """The form used to compare names: quotes, dots, case and accents folded away.

    >>> match_key("Kata’ib Hezbollah") == match_key("KATA'IB HEZBOLLAH") == "kataib hezbollah"
    True
    >>> match_key("U.S."), match_key("al-Muhandis")
    ('us', 'al muhandis')
    """
    s = unicodedata.normalize("NFKD", fold_quotes(s))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.casefold().replace("'", "").replace(".", "").replace("-", " ")
    return " ".join(s.split())


def is_acronym(form: str) -> bool:
    """True for forms like "PMF", "U.S.", "IRGC" (2-7 capitals, optional dots)."""
    letters = form.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 7 and letters.isalpha() and letters.isupper()


def slug(s: str) -> str:
    """A lowercase id fragment that is a valid XML NMTOKEN (letters, digits and '-').

    >>> slug("Kata’ib Hezbollah"), slug("Qassem Soleimani")
    ('kataib-hezbollah', 'qassem-soleimani')
    """
    k = match_key(s)
    k = re.sub(r"[^\w]+", "-", k).strip("-_")
    return k or "x"


def xml_safe(s: str) -> str:
    """Remove characters XML 1.0 forbids (control characters, lone surrogates, U+FFFE/FFFF)."""
    return _XML_BAD.sub("", s)


def no_surrogates(s: str) -> str:
    """Replace lone surrogates (which no UTF-8 file can hold) with U+FFFD."""
    return _SURROGATE.sub("\ufffd", s)
