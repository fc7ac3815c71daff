"""Document metadata: title, date, url and source (the outlet), from a record's fields, from the header
block or YAML front matter of a text file, or from a date in its file name; dates as ISO 8601.

Only what a document has is kept: a document without metadata has an empty dict, so everything
written from it is what it was before metadata was read.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from functools import lru_cache

from .text import xml_safe

__all__ = ["META_KEYS", "iso_date", "clean_value", "split_header", "name_date", "blank"]

#: The metadata a document can carry, in the order every output lists them.
META_KEYS = ("title", "date", "url", "source")
#: Header and front-matter keys (lower case) read as each metadata key, besides its configured field name.
HEADER_KEYS = {"title": "title", "headline": "title", "date": "date", "url": "url", "link": "url",
               "src": "source", "source": "source", "outlet": "source"}

_LINE = re.compile(r"([^\r\n]*)(?:\r\n|\n|\r)?")
_HEADER_LINE = re.compile(r"([A-Za-z][A-Za-z0-9 _-]{0,29}):(.*)")
_FRONT_OPEN = re.compile(r"---[ \t]*\r?\n")
_FRONT_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.M)
#: Front matter longer than this is taken for text that happens to start with a "---" line.
MAX_FRONT_MATTER = 20_000
_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)([-_.]?)(\d\d)\2(\d\d)(?!\d)")
# two defaults that differ in every field: a field that comes out the same under both was in the text
_DEFAULTS = (dt.datetime(2000, 1, 1, 0, 0, 0), dt.datetime(2001, 2, 2, 1, 1, 1))


def clean_value(value) -> str | None:
    """A metadata value as one line of XML-safe text; None for an empty or non-scalar value.

    >>> clean_value("  Iran's\\nresponse \\x01"), clean_value(2024), clean_value(dt.date(2024, 1, 31))
    ("Iran's response", '2024', '2024-01-31')
    >>> clean_value(""), clean_value(None), clean_value(True), clean_value(["a"])
    (None, None, None, None)
    """
    if isinstance(value, (dt.date, dt.datetime)):
        value = value.isoformat()
    elif isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    text = " ".join(xml_safe(str(value)).split())
    return text or None


@lru_cache(maxsize=1 << 15)
def iso_date(value: str) -> str | None:
    """A date or time as ISO 8601, to the precision the text gives (python-dateutil reads it); None
    when it is no date with a year.

    >>> iso_date("26-FEB-1987 15:01:01.79"), iso_date("Tue, 31 Jan 2024 10:00:00 +0000")
    ('1987-02-26T15:01:01', '2024-01-31T10:00:00+00:00')
    >>> iso_date("31 January 2024"), iso_date("January 2024"), iso_date("2024")
    ('2024-01-31', '2024-01', '2024')
    >>> iso_date("31 January"), iso_date("yesterday"), iso_date("")
    (None, None, None)
    >>> iso_date("27-MAR-1987 14:02:56.54&#5;&#5;V RM"), iso_date("31-MAR-1987 605:12:19.12"), iso_date("about 1987")
    ('1987-03-27', '1987-03-31', None)
    """
    from dateutil import parser

    with warnings.catch_warnings():  # an unknown time zone name is left out, not printed
        warnings.simplefilter("ignore")
        try:
            a = b = parser.parse(value, default=_DEFAULTS[0])
            d = _DEFAULTS[0]
            if a.year == d.year or a.month == d.month or a.day == d.day or a.hour == d.hour:
                b = parser.parse(value, default=_DEFAULTS[1])  # a field equal to the default may be missing
        except (ValueError, OverflowError, TypeError):  # dateutil's ParserError is a ValueError
            # a date followed by junk ("27-MAR-1987 605:12:19.12", "9-APR-1987 # a note"): the date alone
            words = value.split(maxsplit=1)
            return iso_date(words[0]) if len(words) > 1 and re.search(r"\d{4}", words[0]) else None
    if a.year != b.year:
        return None
    if a.month != b.month:
        return f"{a.year:04d}"
    if a.day != b.day:
        return f"{a.year:04d}-{a.month:02d}"
    if a.hour != b.hour:
        return a.date().isoformat()
    return a.isoformat(timespec="seconds")


def name_date(name: str) -> str | None:
    """The date in a file name ("2024-01-31-talks.txt", "20240131_talks.md"), as ISO 8601; None without one.

    >>> name_date("2024-01-31-talks.txt"), name_date("20240131_talks.md"), name_date("talks-2024_02_29.txt")
    ('2024-01-31', '2024-01-31', '2024-02-29')
    >>> name_date("2023-02-29.txt"), name_date("report-123456789.txt"), name_date("talks.txt")
    (None, None, None)
    """
    for m in _NAME_DATE.finditer(name):
        try:
            return dt.date(int(m.group(1)), int(m.group(3)), int(m.group(4))).isoformat()
        except ValueError:
            continue
    return None


def blank(text: str) -> str:
    """``text`` with every character but line breaks replaced by a space (same length: offsets hold).

    >>> blank("Title: A\\r\\nDate: B\\n")
    '        \\r\\n       \\n'
    """
    return re.sub(r"[^\r\n]", " ", text)


_HEADLINE = re.compile(r"[ \t]*(?:#{1,6}[ \t]+)?([^\r\n]{1,200}?)[ \t]*\r?\n[ \t]*\r?\n")


def headline(text: str) -> str:
    """The first line of an article file with no header block, as its title, when a blank line follows it
    and it reads as a headline: three to 25 words with a lowercase letter, no date, no full stop, colon,
    semicolon or comma at its end, before a closing quote too ("... for Britain.\u201d" is a quoted sentence;
    'Turner warns of pensions "crisis"' is a headline), no
    byline or page furniture first ("By ...", "Via ...", "Reporting by ...", "Published ...", "Share ...");
    a Markdown "#" is left out; else "". The line stays in the text: NER reads it.

    >>> headline("Glazer wins control of Manchester United\\n\\nThe American ..."), headline("# Talks in Rome\\n\\nA.")
    ('Glazer wins control of Manchester United', 'Talks in Rome')
    >>> [headline(t + "\\n\\nText.") for t in ("Merkel met Macron.", "LONDON", "12 March 2021", "Share this article")]
    ['', '', '', '']
    """
    m = _HEADLINE.match(text)
    line = m.group(1).strip() if m else ""
    words = line.split()
    if not 3 <= len(words) <= 25 or line.rstrip("\"'\u201d\u2019)]")[-1:] in (".", ":", ";", ",", "") \
            or not re.search(r"[a-z]", line) \
            or words[0].casefold() in _NOT_HEADLINE or iso_date(line) is not None:
        return ""
    return line


#: first words of a first line that is no headline: bylines and page furniture
_NOT_HEADLINE = frozenset({"by", "via", "reporting", "published", "updated", "share", "advertisement"})


def split_header(text: str, names: dict[str, str] | None = None) -> tuple[dict, int, str]:
    """The metadata at the top of an article file, the length of the block that holds it, and a
    problem to warn about ("" when none).

    The block is YAML front matter (a ``---`` line, ``key: value`` lines, a ``---`` line), or a header:
    ``Key: value`` lines from the first line to the first blank line, one of them a known key
    (``Title``, ``Date``, ``URL``, ``Src``/``Source``, ...). ``names`` maps more keys (lower case) to
    metadata keys (the configured field names). Values are raw: the caller parses dates. Without
    a block: ``({}, 0, "")``.

    >>> split_header("Title: Talks in Rome\\nDate: 31 Jan 2024\\n\\nAli met Bo.")
    ({'title': 'Talks in Rome', 'date': '31 Jan 2024'}, 39, '')
    >>> split_header("---\\ntitle: Talks\\nsrc: Wire\\n---\\nAli met Bo.")
    ({'title': 'Talks', 'source': 'Wire'}, 31, '')
    >>> split_header("West News Wire: Ali met Bo.\\n\\nMore.")
    ({}, 0, '')
    """
    keys = {**HEADER_KEYS, **(names or {})}
    if _FRONT_OPEN.match(text):
        return _front_matter(text, keys)
    fields: dict = {}
    known = False
    pos = 0
    while pos < len(text):
        line = _LINE.match(text, pos)
        if not line.group(1).strip():
            break
        m = _HEADER_LINE.fullmatch(line.group(1))
        if m is None:
            return {}, 0, ""
        key = keys.get(m.group(1).strip().lower())
        if key:
            known = True
            if m.group(2).strip():
                fields.setdefault(key, m.group(2).strip())
        pos = line.end()
    if not known:
        return {}, 0, ""
    return fields, pos, ""


def _front_matter(text: str, keys: dict[str, str]) -> tuple[dict, int, str]:
    """split_header for text that starts with a "---" line: YAML front matter, or no block at all."""
    import yaml

    start = _FRONT_OPEN.match(text).end()
    close = _FRONT_CLOSE.search(text, start, min(len(text), MAX_FRONT_MATTER))
    if close is None:
        return {}, 0, ""
    try:
        data = yaml.safe_load(text[start:close.start()])
    except yaml.YAMLError:
        data = None
    if not isinstance(data, dict):
        return {}, 0, "starts with a '---' line but what follows is not YAML front matter (key: value lines); " \
                      "read as text"
    fields: dict = {}
    for k, v in data.items():
        key = keys.get(str(k).strip().lower())
        if key and v is not None:
            fields.setdefault(key, v)
    return fields, close.end(), ""
