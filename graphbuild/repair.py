"""Text repair before NER, with a map back to the text as read.

Scraped news carries mojibake ("KarbalaÂ " from a no-break space decoded as Latin-1) and words glued
together ("the central purpose ofNew Labour", "in the city.The minister"). Both mislead spaCy's
sentence splitter and NER. :func:`repair` returns the repaired text that NER reads and an offset map,
so that every sentence and mention still points into the text as read.

Mojibake is fixed by ftfy (the maintained library for it), one line at a time, only where ftfy
changes something; an alignment of the changed line (words first, then the characters of the changed
words) gives the offsets. Glued words get a space inserted, recorded in the map as it is made. The line
breaks of hard-wrapped prose (wire copy, plain-text archives) become spaces, one character for one.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from .lexicon import word_list

__all__ = ["repair", "glued_word", "fix_encoding", "unwrap", "Repaired"]

#: a sentence-final full stop glued to the next word: "city.The", "U.S.And", "1985/86.He" (not "U.S.", "e.g.",
#: "www.NewsCorp", "3.5")
_GLUED_STOP = re.compile(r"(?<=[a-z]{2}[.!?])(?<!www\.)(?=[A-Z][a-z])|(?<=\b[A-Z]\.[A-Z]\.)(?=[A-Z][a-z]{2})"
                         r"|(?<=\d{2}[.!?])(?=(?:The|He|She|It|They|We|In|But|A)\b)")
#: what is left of a no-break space decoded as Latin-1 once the space itself was normalised ("KarbalaÂ said")
_LONE_A_CIRCUMFLEX = re.compile("(?<=\\S)\u00c2(?=[ \u00a0])")
_TOKENS = re.compile(r"\s+|\S+")
_MOJIBAKE_HINT = re.compile("[\u00c2\u00c3\u00e2\u00c5\u00d0\u00d1\u00ef\u00bb\u00bf\ufffd]")


@lru_cache(maxsize=1)
def _glued_function_word() -> re.Pattern:
    words = "|".join(sorted(map(re.escape, word_list("function_words.txt")), key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z'’])(?:{words})(?=[A-Z][a-z])")


@lru_cache(maxsize=1)
def _glued_title() -> re.Pattern:
    """A one-word title glued to the name after it ("PresidentWilliam Ruto", "secretary-generalFikile")."""
    titles = {t for t in word_list("titles.txt")
              if " " not in t and t.isalpha() and (len(t) >= 5 or t in ("Mr", "Mrs", "Ms", "Dr"))}
    words = "|".join(sorted(map(re.escape, titles), key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z])(?i:{words})(?=[A-Z][a-z])")


def glued_word(form: str) -> bool:
    """True when ``form`` has a lowercase function word glued to a capitalised word ("ofNew Labour").

    >>> glued_word("ofNew Labour"), glued_word("BlackRock"), glued_word("iPhone")
    (True, False, False)
    """
    return _glued_function_word().search(form) is not None


class Repaired:
    """A repaired text and the map from its offsets to the offsets of the original."""

    __slots__ = ("text", "_starts", "_ends")

    def __init__(self, text: str, starts: list[int] | None = None, ends: list[int] | None = None):
        self.text = text
        self._starts = starts
        self._ends = ends

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original offsets of the repaired text's ``[start, end)``."""
        if self._starts is None or start >= end:
            return start, end
        return self._starts[start], self._ends[end - 1]

    @property
    def changed(self) -> bool:
        return self._starts is not None


def fix_encoding(line: str) -> str:
    """``line`` with mojibake repaired by ftfy (nothing else changed)."""
    if not _MOJIBAKE_HINT.search(line):
        return line
    import ftfy

    line = _LONE_A_CIRCUMFLEX.sub("", line)
    return ftfy.fix_text(line, unescape_html=False, fix_line_breaks=False, uncurl_quotes=False,
                         fix_latin_ligatures=False, fix_character_width=False, normalization=None,
                         remove_terminal_escapes=False, fix_surrogates=False, remove_control_chars=False)


def _align(orig: str, fixed: str, base: int, starts: list[int], ends: list[int]) -> None:
    """Append the original start and end offset (plus ``base``) of each character of ``fixed``.

    Words are aligned first (difflib over word and space tokens: nearly all are equal, so this is fast
    on long lines), then the characters of each changed run of words, which is short."""
    tok_a, tok_b = _TOKENS.findall(orig), _TOKENS.findall(fixed)
    at_a = [0]
    for t in tok_a:
        at_a.append(at_a[-1] + len(t))
    at_b = [0]
    for t in tok_b:
        at_b.append(at_b[-1] + len(t))
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, tok_a, tok_b, autojunk=False).get_opcodes():
        a1, a2, b1, b2 = at_a[i1], at_a[i2], at_b[j1], at_b[j2]
        if tag == "equal":
            starts.extend(range(base + a1, base + a2))
            ends.extend(range(base + a1 + 1, base + a2 + 1))
        else:
            _align_chars(orig[a1:a2], fixed[b1:b2], base + a1, starts, ends)


def _align_chars(orig: str, fixed: str, base: int, starts: list[int], ends: list[int]) -> None:
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, orig, fixed, autojunk=False).get_opcodes():
        if tag == "equal":
            starts.extend(range(base + i1, base + i2))
            ends.extend(range(base + i1 + 1, base + i2 + 1))
        else:  # a replacement covers what it replaces; an insertion is empty in the original
            starts.extend([base + i1] * (j2 - j1))
            ends.extend([base + i2] * (j2 - j1))


def _insert_spaces(line: str, starts: list[int], ends: list[int]) -> tuple[str, list[int], list[int]]:
    """Split glued words ("ofNew", "city.The", "PresidentWilliam") by inserting spaces; the maps gain an
    empty span for each."""
    at = sorted({m.end() for m in _glued_function_word().finditer(line)}
                | {m.end() for m in _glued_title().finditer(line) if not line[m.start():m.end()].isupper()}
                | {m.start() for m in _GLUED_STOP.finditer(line)})
    if not at:
        return line, starts, ends
    pieces, new_starts, new_ends, prev = [], [], [], 0
    for i in at:
        pieces += [line[prev:i], " "]
        new_starts += starts[prev:i] + [starts[i] if i < len(starts) else ends[-1]]
        new_ends += ends[prev:i] + [new_starts[-1]]
        prev = i
    pieces.append(line[prev:])
    return "".join(pieces), new_starts + starts[prev:], new_ends + ends[prev:]


_WRAP = re.compile(r"(?<=[^\s.!?:;])\n(?=\S)")
#: a line at least this long that runs on into the next line without indentation was wrapped by its writer
WRAPPED_LINE = 40


def unwrap(text: str) -> str:
    r"""``text`` with the line breaks of hard-wrapped prose turned into spaces (same length, same offsets):
    "in the Far\nEast" is one name to NER. A break after sentence punctuation, before an indented line
    (a new paragraph) or after a short line (a headline) stays.

    >>> unwrap("Prices rose sharply in the markets of the Far\nEast, traders said.\nShort line\nnext")
    'Prices rose sharply in the markets of the Far East, traders said.\nShort line\nnext'
    """
    out = None
    for m in _WRAP.finditer(text):
        i = m.start()
        if i - (text.rfind("\n", 0, i) + 1) >= WRAPPED_LINE:
            out = out if out is not None else list(text)
            out[i] = " "
    return text if out is None else "".join(out)


def repair(text: str) -> Repaired:
    """Repair mojibake and glued words in ``text``; offsets map back to ``text``.

    >>> r = repair("the purpose ofNew Labour in the city.The minister")
    >>> r.text
    'the purpose of New Labour in the city. The minister'
    >>> s, e = r.span(r.text.index("New"), r.text.index("New") + 10)
    >>> "the purpose ofNew Labour in the city.The minister"[s:e]
    'New Labour'
    """
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    changed = False
    pos = 0
    for line in text.splitlines(keepends=True):
        fixed = fix_encoding(line)
        line_starts: list[int] = []
        line_ends: list[int] = []
        if fixed == line:
            line_starts.extend(range(pos, pos + len(line)))
            line_ends.extend(range(pos + 1, pos + len(line) + 1))
        else:
            _align(line, fixed, pos, line_starts, line_ends)
        fixed, line_starts, line_ends = _insert_spaces(fixed, line_starts, line_ends)
        changed = changed or fixed != line
        pieces.append(fixed)
        starts += line_starts
        ends += line_ends
        pos += len(line)
    if not changed:
        return Repaired(unwrap(text))  # one character for one: the offsets stay as they are
    return Repaired(unwrap("".join(pieces)), starts, ends)
