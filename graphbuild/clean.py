"""Clean stage: drop boilerplate lines and return the article's paragraphs as offsets into its text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import InputError
from .lexicon import data_text, uncommented

__all__ = ["Rule", "load_rules", "clean_regions", "DEFAULT_RULES_FILE"]

DEFAULT_RULES_FILE = "boilerplate.tsv"
_ACTIONS = ("drop", "drop+next", "drop+list", "drop+prev", "prefix")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r|$)")
#: a list item after a "Related Topics" heading: a short line with no sentence punctuation at its end
_LIST_ITEM = re.compile(r"^\S.{0,70}$")
_LIST_WORDS = 8


@dataclass(frozen=True)
class Rule:
    """One boilerplate pattern: what to do with a line that matches ``pattern``."""

    action: str
    pattern: re.Pattern


def _parse_rules(text: str, origin: str) -> tuple[Rule, ...]:
    rules = []
    for n, line in enumerate(uncommented(text).splitlines(), 1):
        if not line.strip():
            continue
        action, sep, regex = line.partition("\t")
        action = action.strip()
        if not sep or action not in _ACTIONS:
            raise InputError(
                f"{origin}:{n}: expected 'ACTION<TAB>REGEX' with ACTION one of {', '.join(_ACTIONS)}"
            )
        try:
            rules.append(Rule(action, re.compile(regex.strip())))
        except re.error as exc:
            raise InputError(f"{origin}:{n}: bad regular expression: {exc}") from None
    return tuple(rules)


@lru_cache(maxsize=8)
def load_rules(path: str | None = None) -> tuple[Rule, ...]:
    """Load boilerplate rules from ``path``, or the packaged default file when None."""
    if path is None:
        text = data_text(DEFAULT_RULES_FILE)
        return _parse_rules(text, DEFAULT_RULES_FILE)
    try:
        text = Path(path).read_text("utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot read boilerplate file ({exc.strerror or exc})") from None
    return _parse_rules(text, str(path))


def _lines(text: str):
    """Yield (start, end) of each line's content (without its line break)."""
    pos = 0
    n = len(text)
    while pos < n:
        m = _LINE.match(text, pos)
        line_end = m.end()
        content_end = line_end
        while content_end > pos and text[content_end - 1] in "\r\n":
            content_end -= 1
        yield pos, content_end
        if line_end == pos:  # pragma: no cover - defensive, _LINE always advances here
            break
        pos = line_end


def _runs_on(line: str) -> bool:
    """True for a line that does not end a sentence (so a wrapped line goes on in the next)."""
    stripped = line.rstrip()
    return bool(stripped) and stripped[-1] not in ".!?:;\"”’')]"


def _match(line: str, rules: tuple[Rule, ...]) -> tuple[str, int]:
    """What the rules say of a line: ("drop" | "drop+next" | "drop+list" | "keep", characters of prefix to
    cut). Lines are matched with their mojibake repaired ("Â© 2024 ..."), so that the rules see what a
    reader sees; the prefix is cut from the line as read."""
    from .repair import fix_encoding

    line = re.sub(r"[\r\n]", " ", line)  # a logical line's breaks (one character for one)
    fixed = fix_encoding(line)
    cut = 0
    for rule in rules:
        m = rule.pattern.search(fixed)
        if not m:
            continue
        if rule.action == "prefix":
            if m.start() == 0 and m.end() > 0:
                piece = fixed[:m.end()]
                # the prefix as read: as many characters of the line as repair to the matched piece
                k = m.end() if fixed == line else next(
                    (i for i in range(len(line) + 1) if fix_encoding(line[:i]) == piece), m.end())
                cut += k
                line, fixed = line[k:], fixed[m.end():]
            continue
        return rule.action, cut
    return "keep", cut


def _run_on_end(text: str, lines: list[tuple[int, int]], i: int) -> int:
    """The index of the last physical line that line ``i`` runs on into when it was hard-wrapped (see
    repair.unwrap), or ``i``."""
    from .repair import WRAPPED_LINE

    j = i
    while j + 1 < len(lines) and len(text[lines[j][0]:lines[j][1]].strip()) >= WRAPPED_LINE \
            and _runs_on(text[lines[j][0]:lines[j][1]]):
        nxt = text[lines[j + 1][0]:lines[j + 1][1]]
        if not nxt.strip() or nxt[:1].isspace():
            break
        j += 1
    return j


def _short_name_line(line: str) -> bool:
    """True for a line that is only a short name ("Ian Doyle" above "Liverpool Echo Chief Sports Writer")."""
    words = line.split()
    return 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


def clean_regions(text: str, rules: tuple[Rule, ...] | None = None) -> list[tuple[int, int]]:
    """Return the article's paragraphs as ``(start, end)`` offsets into ``text``.

    Boilerplate lines are left out; paragraphs are runs of non-empty lines separated by blank
    lines (or by a removed line). Offsets always point into the original text. A hard-wrapped line
    that no rule drops alone is matched again together with the lines it runs on into ("(Reporting by
    A; Additional reporting" + "by B; Editing by C)"); ``drop+list`` drops a heading ("Related Topics")
    and the short lines of the list after it; ``drop+prev`` also drops a short name line just before.

    >>> text = "Via Financial Times\\n\\nIran and Iraq.\\nREAD ALSO  FBI probes firm\\n"
    >>> [text[s:e] for s, e in clean_regions(text)]
    ['Iran and Iraq.']
    """
    if rules is None:
        rules = load_rules()
    lines = list(_lines(text))
    regions: list[tuple[int, int]] = []
    kept: list[tuple[int, int]] = []  # the lines of the paragraph being read
    skip = ""  # "next": the next line goes; "first", then "list": the next line, then short lines, go

    def close():
        if kept and any(c.isalnum() for c in text[kept[0][0]:kept[-1][1]]):
            regions.append((kept[0][0], kept[-1][1]))
        kept.clear()

    i = 0
    while i < len(lines):
        start, end = lines[i]
        line = text[start:end]
        stripped = line.strip()
        i += 1
        if not stripped:
            close()
            skip = ""
            continue
        if skip in ("next", "first") or (skip == "list" and _LIST_ITEM.match(stripped)
                                         and len(stripped.split()) <= _LIST_WORDS and not _ends_sentence(stripped)):
            skip = {"next": "", "first": "list"}.get(skip, skip)  # a list's first item goes whatever its length
            close()
            continue
        skip = ""
        action, cut = _match(stripped, rules)
        j = _run_on_end(text, lines, i - 1)
        if action == "keep" and j > i - 1:
            whole, _ = _match(text[start:lines[j][1]].strip(), rules)
            if whole != "keep":
                action, cut, i = whole, 0, j + 1
        elif action not in ("keep", "prefix") and j > i - 1:
            while i <= j and text[lines[i][0]:lines[i][1]].lstrip()[:1].islower():
                i += 1  # a dropped line's wrapped rest ("... Additional reporting" + "by C; Editing by D)")
        if action == "drop+prev" and kept and _short_name_line(text[kept[-1][0]:kept[-1][1]]):
            kept.pop()
        s = start + len(line) - len(line.lstrip()) + cut
        e = start + len(line.rstrip())
        if action != "keep" or s >= e:
            skip = {"drop+next": "next", "drop+list": "first"}.get(action, "")
            close()
            continue
        kept.append((s, e))
    close()
    return regions


def _ends_sentence(line: str) -> bool:
    return line.rstrip()[-1:] in ".!?"
