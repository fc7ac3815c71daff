"""Clean stage: drop boilerplate lines and return the article's paragraphs as offsets into its text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import InputError
from .lexicon import data_text

__all__ = ["Rule", "load_rules", "clean_regions", "DEFAULT_RULES_FILE"]

DEFAULT_RULES_FILE = "boilerplate.tsv"
_ACTIONS = ("drop", "drop+next", "prefix")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r|$)")


@dataclass(frozen=True)
class Rule:
    """One boilerplate pattern: what to do with a line that matches ``pattern``."""

    action: str
    pattern: re.Pattern


def _parse_rules(text: str, origin: str) -> tuple[Rule, ...]:
    rules = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
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


def clean_regions(text: str, rules: tuple[Rule, ...] | None = None) -> list[tuple[int, int]]:
    """Return the article's paragraphs as ``(start, end)`` offsets into ``text``.

    Boilerplate lines are left out; paragraphs are runs of non-empty lines separated by blank
    lines (or by a removed line). Offsets always point into the original text.

    >>> text = "Via Financial Times\\n\\nIran and Iraq.\\nREAD ALSO  FBI probes firm\\n"
    >>> [text[s:e] for s, e in clean_regions(text)]
    ['Iran and Iraq.']
    """
    if rules is None:
        rules = load_rules()
    regions: list[tuple[int, int]] = []
    cur_start = cur_end = None
    skip_next = False

    def close():
        nonlocal cur_start, cur_end
        if cur_start is not None and any(c.isalnum() for c in text[cur_start:cur_end]):
            regions.append((cur_start, cur_end))
        cur_start = cur_end = None

    for start, end in _lines(text):
        line = text[start:end]
        stripped = line.strip()
        if not stripped:
            close()
            continue
        if skip_next:
            skip_next = False
            close()
            continue
        lead = len(line) - len(line.lstrip())
        s = start + lead
        e = start + len(line.rstrip())
        dropped = False
        for rule in rules:
            m = rule.pattern.search(stripped)
            if not m:
                continue
            if rule.action == "prefix":
                if m.start() == 0 and m.end() > 0:
                    s += m.end()
                    stripped = text[s:e]
                continue
            dropped = True
            skip_next = rule.action == "drop+next"
            break
        if dropped or s >= e:
            close()
            continue
        if cur_start is None:
            cur_start = s
        cur_end = e
    close()
    return regions
