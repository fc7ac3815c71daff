"""Resolve stage: group mentions into entities.

A :class:`Clusters` object owns everything resolution knows: one *unit* per name form (match key) per
document, the clusters that units are joined into, their members and their types. Each rule is one
function that reads the clusters and asks them to join units; the rules run in the order of
:data:`RULES` and know nothing of each other beyond that order:

1. ``alias_file``: a user's or the shipped alias file (a bare surname alias of a person waits for 4);
2. ``person_in_document``: "Blair", "Mr Blair" -> the one full name with that surname in the same article
   (names with initials and spelling variants of one article join first);
3. ``organisation_in_document``: "Northgate" -> the one "Northgate Energy plc" written before it there;
4. ``qualified_in_document``: "Finance Ministry" -> the one "Japanese Finance Ministry" of its article, where
   the corpus qualifies it by several states;
   ``acronym_in_document``: an acronym defined in an article is its long form there, where the corpus
   defines it otherwise too ("ADB": Asian or African Development Bank);
5. ``alias_file_surnames``: a bare surname alias, for the mentions step 2 left;
6. ``exact``: the same name form across articles (not "Mr X" with "Mrs X");
7. ``acronym_defined``: "Popular Mobilization Forces (PMF)", across the corpus where it has one meaning;
8. ``acronym_initials``: "RUF" -> the one "Revolutionary United Front" of the same type;
   ``blended_names``: "Conrail" -> the one "Consolidated Rail Corp" of its article (its words' beginnings);
   ``acronym_expanded``: "EC Commission" -> "European Community Commission", by the acronym's long form;
9. ``qualified_forms``: "West German Bundesbank" -> "Bundesbank", where no other state qualifies it;
   ``polity_forms``: "Kingdom of Thailand" -> "Thailand", where the corpus gives it one formal name;
   ``other_state_names``: "Côte d'Ivoire" -> "Ivory Coast", "Burma" -> "Myanmar" (data/states.tsv);
10. ``spelling_variants``: guarded fuzzy matching, complete linkage (no chaining);
11. ``middle_names``: "John Lichtblau" -> the one "John H. Lichtblau", with evidence that they are one;
    ``nicknames``: "Jim Wright" -> the one "James Wright", with evidence that they are one;
12. ``person_in_corpus``: a surname never linked in its article -> the one full name in the corpus;
13. ``organisation_forms``: "Tories" / "Conservatives" / "Conservative Party" (rule + editable table).

Demonyms become their state as units are made. Types come from a vote over each cluster's mentions
(NER labels and the cues around each mention); labels from the fullest well-formed name a cluster's
mentions use.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Iterable, Iterator, NamedTuple, Sequence

from rapidfuzz import fuzz

from .aliases import AliasTable
from .extract import (
    _TICKER,
    ARABIC_ARTICLE,
    NAME_PREFIXES,
    Mention,
    dateline_abbreviations,
    place_abbreviations,
    product_shaped,
)
from .lexicon import demonyms as demonym_rows
from .lexicon import dictionary_words, state_names, word_list, word_set
from .lexicon import table as data_table
from .names import given_name_first, given_names, is_word_name, name_tokens, not_person_words
from .repair import glued_word
from .text import is_acronym, match_key, slug

__all__ = [
    "Entity", "Resolution", "ResolveConfig", "resolve", "find_acronym_definitions", "find_common_acronyms",
    "find_named_aliases",
    "fuzzy_match", "load_demonyms", "TYPE_PRIORITY", "RULES", "Clusters",
]

log = logging.getLogger("graphbuild")

#: Tie-break order of type voting.
TYPE_PRIORITY = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW",
                 "WORK_OF_ART", "LANGUAGE")
#: Rules that join a unit to a name of its own document: such a unit never joins others by its name form.
DOCUMENT_RULES = frozenset({"surname", "given-name", "initials", "short-form", "qualified-in-document",
                            "acronym-defined-here", "office-in-corpus", "place-typo"})
#: How many NER votes one type cue of the text is worth ("the oil company X", "X shares").
CUE_WEIGHT = 2
_VOWELS = re.compile(r"[aeiouy]")
#: an Arabic article joined to a capitalised word ("al-Sham", "ash-Shabab")
_ARTICLE_WORD_RE = rf"{ARABIC_ARTICLE}-[A-Z][\w'’-]*"
#: a word of a name: capitalised, or an Arabic article joined to a capitalised word
_NAME_WORD_RE = rf"(?:{_ARTICLE_WORD_RE}|[A-Z][\w'’-]*)"
#: small words inside a defined name ("Bank of England", "Transportes Ferroviarios del Norte", "Partido dos ...")
_DEF_SMALL = "of|the|and|for|in|on|de|del|do|dos|da|das|della|di|du|des|la|le|y"
_DEF_RE = re.compile(rf"((?:(?:[A-Z]\.){{2,}}\s+|{_NAME_WORD_RE}\s+|(?:{_DEF_SMALL}|al|el)\s+){{1,9}}?"
                     rf"{_NAME_WORD_RE})"
                     rf"(\s+<{_TICKER.pattern}>)?\s+\(\s*([A-Z][A-Za-z.&-]{{1,9}})\s*\)")


@dataclass
class Entity:
    """A resolved entity: a node of the graph."""

    id: str
    label: str
    type: str
    aliases: list[str]
    mentions: int
    documents: int
    coref_mentions: int | None = None  # pronouns and descriptions that refer to it (builds with --coref)


@dataclass
class ResolveConfig:
    """Options of the resolve stage."""

    aliases: AliasTable = field(default_factory=AliasTable)
    demonyms: str = "map"  # map | drop | keep
    demonym_table: dict[str, str] | None = None  # {demonym: state}; None: data/demonyms.tsv


#: Least rapidfuzz ratio of two tokens that count as one spelt two ways (see fuzzy_match).
MIN_TOKEN_RATIO = 70.0


@dataclass
class Resolution:
    """The result of resolution: entities, the entity of each mention, and the audit trail."""

    entities: dict[str, Entity]
    assign: list[str | None]
    merges: list[dict]


@lru_cache(maxsize=1)
def load_demonyms() -> dict[str, str]:
    """The packaged demonym table: match key of a demonym -> state name."""
    return {match_key(d): state for d, state in demonym_rows()}


@lru_cache(maxsize=1)
def _title_classes() -> dict[str, frozenset[str]]:
    """Title -> its classes (a title may have several rows: "Lord" is male and a peer)."""
    out: dict[str, set[str]] = defaultdict(set)
    for row in data_table("title_classes.tsv"):
        if len(row) > 1:
            out[match_key(row[0])].add(row[1])
    return {k: frozenset(v) for k, v in out.items()}


# --------------------------------------------------------------------------- name helpers

def find_acronym_definitions(text: str) -> list[tuple[str, str]]:
    """Find "Long Form Name (ACRO)" definitions whose initials spell the acronym.

    >>> find_acronym_definitions("Iraq's Popular Mobilization Forces (PMF), an umbrella group")
    [('PMF', 'Popular Mobilization Forces')]
    >>> find_acronym_definitions("The Velsk Quarrie Institute for Global Change (VQI) says")
    [('VQI', 'Velsk Quarrie Institute for Global Change')]
    >>> find_acronym_definitions("The Velsk Trade Commission, VTC, voted. The International Cocoa Organization (ICCO)")
    [('VTC', 'Velsk Trade Commission'), ('ICCO', 'International Cocoa Organization')]
    """
    out = []
    for m in _DEF_RE.finditer(text):
        short, words = m.group(3), m.group(1).split()
        long = _defined_long_form(short.replace(".", ""), words, ticker=bool(m.group(2)))
        if long:
            out.append((short, long))
    for m in _DEF_COMMA_RE.finditer(text):  # "The U.S. International Trade Commission, ITC, voted"
        long = _defined_long_form(m.group(2).replace(".", ""), m.group(1).split())
        if long:
            out.append((m.group(2), long))
    return sorted(out, key=lambda d: text.find(d[1]))


def _defined_long_form(acro: str, words: list[str], ticker: bool = False) -> str:
    """The name of a definition "WORDS (ACRO)": the shortest tail of capitalised words whose initials spell the
    acronym; or the first words that spell it ("Tony Blair Institute for Global Change (TBI)"); or as many
    capitalised words as it has letters, each letter one of their initials (an acronym of the name in
    another language: "Kurdistan Workers' Party (PKK)"); or, after a
    ticker in wire copy ("Volkswagen AG <VOWG.F> (VW)"), the company name the short name starts as. "" for none."""
    for i in range(len(words) - 1, -1, -1):
        tail = words[i:]
        if (tail[0][:1].isupper() or re.fullmatch(_ARTICLE_WORD_RE, tail[0])) and _initials_match(acro, tail):
            return " ".join(tail)  # ("al-Qaeda in the Arabian Peninsula (AQAP)")
    for i in range(len(words) - 2, -1, -1):  # letters beyond the initials: "International Cocoa Organization (ICCO)"
        tail = words[i:]
        if tail[0][:1].isupper() and all(w[:1].isupper() or w in word_set("initial_stopwords.txt") for w in tail) \
                and _spells(acro.casefold(), [w.casefold() for w in tail]):
            return " ".join(tail)
    for i in range(len(words)):
        if words[i][:1].isupper() and words[i].casefold() not in word_set("initial_stopwords.txt") and any(
                _initials_match(acro, words[i:j]) and words[j].islower() for j in range(i + 2, len(words))):
            return " ".join(words[i:])
    tail = words[-len(acro):] if 2 <= len(acro) <= len(words) else []
    if tail and not ticker and acro.isupper() and all(w[:1].isupper() for w in tail) \
            and tail[0].casefold() not in ("the", "a", "an") and set(acro) <= set(_initials(tail, True)):
        return " ".join(tail)  # a name's letters in another language's order: "Kurdistan Workers' Party (PKK)"
    if ticker and acro.isupper() and _company_suffix_end(words) and match_key(acro) not in place_abbreviations() \
            and match_key(acro) not in load_demonyms():
        name = _company_name(words)
        if name[0][0] == acro[0] and _letters_in_order(acro, " ".join(name[:-1])):
            return " ".join(name)
    return ""


def _spells(acro: str, words: list[str]) -> bool:
    """Whether ``acro`` is, word by word, each word's initial and maybe more of its letters in order (small
    words may give none): "icco" of "international cocoa organization"."""
    if not words:
        return not acro
    w = words[0]
    if w in word_set("initial_stopwords.txt") and _spells(acro, words[1:]):
        return True
    if not acro or acro[0] != w[0]:
        return False
    return any(_letters_in_order(acro[1:k], w[1:]) and _spells(acro[k:], words[1:]) for k in range(1, len(acro) + 1))


def _letters_in_order(acro: str, name: str) -> bool:
    """Whether the acronym's letters stand in the name in its order ("VW" in "Volkswagen"; not "NYSE" in
    "Nestle")."""
    rest = iter(name.casefold())
    return all(ch in rest for ch in acro.casefold())


def _company_suffix_end(words: list[str]) -> bool:
    return len(words) >= 2 and words[-1].casefold().rstrip(".") in _company_suffixes()


def _company_name(words: list[str]) -> list[str]:
    """The run of capitalised words a name ends with ("of Volkswagen AG" -> Volkswagen AG)."""
    i = len(words) - 1
    while i > 0 and words[i - 1][:1].isupper():
        i -= 1
    return words[i:]


_DEF_COMMA_RE = re.compile(rf"((?:(?:[A-Z]\.){{2,}}\s+|[A-Z][\w'’-]*\s+|(?:{_DEF_SMALL})\s+){{1,9}}?"
                           r"[A-Z][\w'’-]*),\s+([A-Z]{2,6}),")
_LOWER_DEF = (re.compile(r"((?:[a-z][a-z-]*\s+){0,5}[a-z][a-z-]*)[\"”']?\s*\(\s*([A-Z]{2,6})\s*\)"),
              re.compile(r"((?:[a-z][a-z-]*\s+){0,5}[a-z][a-z-]*),?\s+or\s+([A-Z]{2,6})\b"),
              re.compile(r"((?:[a-z][a-z-]*\s+){0,5}[a-z][a-z-]*),\s+([A-Z]{2,6})(?=[,.;])"))


_WORD = rf"(?:\b{ARABIC_ARTICLE}-)?[A-Z][\w'’.&-]*"  # a capitalised word, maybe after an article ("al-Saadi")
_NAME = rf"{_WORD}(?:\s+(?:(?:of|the|and|for|de|al|el|bin)\s+)?{_WORD}){{0,6}}"
_KNOWN_AS = re.compile(rf"({_NAME}),?\s+\(?(?:(?:also |better |popularly |widely |once |formerly |previously )?"
                       rf"known as|formerly|or)\s+(?:the\s+)?[\"“']?({_NAME})")


_ADDRESS_END = re.compile(r"[A-Z][\w'’.-]*,\s*$")  # "Mountain View, " before a place: an address
_SENTENCE_END = re.compile(r"(?<=\w{4})\.\s+")  # "al-Saadi. He": a name ends there ("St. Petersburg" goes on)
_REAL_NAME = re.compile(rf"({_NAME}),\s+whose\s+(?:real|birth|full)\s+name\s+(?:is|was)\s+({_NAME})")


def find_named_aliases(text: str) -> list[tuple[str, str]]:
    """Short names the text gives a name itself: "X, known as Y", "X (better known as Y)", "X, formerly Y",
    "X, once known as Y", "X, whose real name was Y", 'X ("Y")' (Y is the alias), "X, or Y" where
    Y begins as X does ("Petroleo Brasileiro SA, or Petrobras", "Bank of Mexico, or Banxico"), and a word cut
    from a name's first word before the name in brackets ("the Fed (Federal Reserve Board)"); as
    ``(short, long)`` pairs like find_acronym_definitions'.

    >>> find_named_aliases("Mohamed Velsk Dagalo, known as Hemedti, said. Qarvan Oil Co, or Qarvanoil, rose.")
    [('Hemedti', 'Mohamed Velsk Dagalo'), ('Qarvanoil', 'Qarvan Oil Co')]
    >>> find_named_aliases("the Fed (Federal Reserve Board) said; Paris (France Telecom) fell; Mar (March Group)")
    [('Fed', 'Federal Reserve Board')]
    """
    out = []
    for m in _KNOWN_AS.finditer(text):
        if _ADDRESS_END.search(text, 0, m.start(1)) and match_key(m.group(1)) in known_places():
            continue  # "in Mountain View, California, known as the Googleplex": the address's, not the place's
        long, short = _SENTENCE_END.split(m.group(1))[-1], _SENTENCE_END.split(m.group(2).split(",")[0])[0].strip()
        if short.endswith(".") and not re.search(r"(?:\b[A-Z]\.)+$", short):
            short = short[:-1]  # the sentence's full stop ("also known as Wissam al-Saadi."), not "U.S."
        said_or = re.search(r",?\s+or\s+", text[m.end(1):m.start(2)]) is not None
        if said_or and not short.casefold().startswith(long.split()[0][:3].casefold()):
            continue  # "Kenya, or Uganda": two names, not one
        if short != long and len(short.split()) <= 5:  # ("also known as Wissam Mohammed Saber al-Saadi")
            out.append((short, long))
    for m in _REAL_NAME.finditer(text):  # "Baghdadi, whose real name was Ibrahim Awad al-Badri": the name
        real = _SENTENCE_END.split(m.group(2))[0].rstrip(".")  # the text uses is the entity's; the real
        out.append((real, _SENTENCE_END.split(m.group(1))[-1]))  # one is its alias
    generic = word_set("generic_names.txt") | word_set("org_heads.txt") | word_set("law_heads.txt")
    for m in _QUOTED_SHORT.finditer(text):  # 'Velsk Energy AG ("Velsk")': the short name a release defines
        long, short = _SENTENCE_END.split(m.group(1))[-1], m.group(2).strip()
        if short != long and short[:1].isupper() and len(short.split()) <= 4 and not all(
                w in generic for w in match_key(short).split()):  # ('("Bank")', '("Agreement")': no name)
            out.append((short, long))
    months = word_set("months.txt")
    for m in _CLIPPED.finditer(text):  # "the Fed (Federal Reserve Board)": a word cut from the name's first
        short, long = m.group(1), m.group(2)
        first = long.split()[0]
        if first.casefold().startswith(short.casefold()) and first != short and len(long.split()) >= 2 \
                and short.casefold() not in months and first.casefold() not in months:
            out.append((short, long))
    return out


#: 'Velsk Energy AG ("Velsk")', 'Velsk Inc. (NASDAQ: VLSK) ("Velsk" or "the Company")': a name, maybe its
#: ticker in brackets, then the short name it is defined by, quoted in brackets
_QUOTED_SHORT = re.compile(rf"({_NAME}(?:,?\s+(?:plc|inc|ltd|llc|ag|sa|se|nv|spa|gmbh)\b)?\.?)\s*"
                           rf"(?:\([^()\n]{{1,30}}\)\s*)?\(\s*[\"“]([^\"”\n]{{2,40}})[\"”]")
_CLIPPED = re.compile(rf"\b([A-Z][a-z]{{2,5}})\s+\(\s*({_NAME})\s*\)")


#: where each of _LOWER_DEF ends: a pattern is only tried just before one (a whole text's every letter is slow)
_LOWER_ANCHORS = (re.compile(r"\(\s*[A-Z]{2,6}\s*\)"), re.compile(r"\sor\s+[A-Z]{2,6}\b"),
                  re.compile(r",\s+[A-Z]{2,6}(?=[,.;])"))


def _ending_at_anchors(pattern: re.Pattern, anchor: re.Pattern, text: str) -> Iterator[re.Match]:
    """pattern.finditer(text) for a pattern that ends with ``anchor`` and starts at most 200 characters
    before it: the same matches, found by searching only before each anchor."""
    end = 0
    for a in anchor.finditer(text):  # (a character more: the patterns look one ahead)
        lo = max(end, a.start() - 200)
        m = pattern.search(text, lo, a.end() + 1) if a.end() > end else None
        while m and m.start() == lo > end:  # the window may have cut the match short (a run of spaces): widen it
            lo = max(end, lo - 1000)
            m = pattern.search(text, lo, a.end() + 1)
        while m and m.end() < a.end():
            m = pattern.search(text, m.start() + 1, a.end() + 1)
        if m:
            end = m.end()
            yield m


def find_common_acronyms(text: str) -> list[tuple[str, str]]:
    """Acronyms the text defines by lowercase words: the short form of a common noun, not a name.

    >>> find_common_acronyms("design of application specific integrated circuits (ASIC) and payment-in-kind, or PIK,")
    [('ASIC', 'application specific integrated circuits'), ('PIK', 'payment-in-kind')]
    >>> find_common_acronyms("a measure called the producer subsidy equivalent, PSE. The rest, IBM, did not")
    [('PSE', 'producer subsidy equivalent')]
    >>> find_common_acronyms('imbalances of "market-on-close" (MOC) orders')
    [('MOC', 'market-on-close')]
    """
    out = []
    for pattern, anchor in zip(_LOWER_DEF, _LOWER_ANCHORS):
        for m in _ending_at_anchors(pattern, anchor, text):
            words, acro = m.group(1).split(), m.group(2)
            for i in range(len(words) - 1, -1, -1):  # the shortest tail of words whose initials spell it
                if _initials(words[i:], False) == acro or _initials(words[i:], True) == acro:
                    out.append((acro, " ".join(words[i:])))
                    break
    return sorted(out, key=lambda d: text.find(d[1]))


def _initials(words: Sequence[str], skip_stop: bool) -> str:
    stop = word_set("initial_stopwords.txt")
    parts = [piece[0] for w in words for piece in re.split(r"[-\s]+", w)
             if piece and not (skip_stop and piece.lower() in stop)]
    return "".join(parts).upper()


def _all_initials(words: Sequence[str]) -> set[str]:
    """What the words' initials spell, with or without small words, with or without the legal forms at
    the end ("General Motors Corp": GMC, GM), with an article joined to a word ("al-Qaeda": A, Q), with
    a dotted abbreviation's every letter ("U.S."), and with
    an institution's head first as well as last ("Agriculture Department": Department of Agriculture).

    >>> sorted(_all_initials("Bank of New England Corp".split()))
    ['BNE', 'BNEC', 'BONE', 'BONEC']
    >>> "USDA" in _all_initials("U.S. Agriculture Department".split())
    True
    """
    out = set()
    stop = word_set("initial_stopwords.txt")
    for variant in _initials_variants(list(words)):
        while len(variant) >= 2:
            out |= {_initials(variant, True), _initials(variant, False)}
            # small words out, an article joined to a word in ("al-Qaeda in the Arabian Peninsula": AQAP)
            out.add(_initials([w for w in variant if w.lower() not in stop], False))
            if variant[-1].casefold().rstrip(".") not in _company_suffixes():
                break
            variant = variant[:-1]
    return out


def _initials_variants(words: list[str]) -> list[list[str]]:
    """The word lists whose initials a name spells: as written; a dotted abbreviation's letters as words
    ("U.S." -> "U", "S"; "UK" -> "U", "K"); and a last head of data/inverted_heads.txt put first after any of the words
    before it ("U.S. Agriculture Department" -> "U.S. Department of Agriculture")."""
    out = [words]
    if len(words) >= 2 and match_key(words[-1]) in _inverted_heads():  # the head between words, not letters
        out += [words[:k] + [words[-1], "of"] + words[k:-1] for k in range(len(words) - 1)]
    for ws in list(out):
        if any(_LETTER_WORD.fullmatch(w) for w in ws):
            out.append([p for w in ws for p in (list(w.replace(".", "")) if _LETTER_WORD.fullmatch(w) else [w])])
    return out


#: a word written in letters, dotted or not ("U.S.", "UK", "BBC"): each letter may be one of an acronym's
_LETTER_WORD = re.compile(r"(?:[A-Z]\.){1,3}|[A-Z]{2,3}")


@lru_cache(maxsize=1)
def _inverted_heads() -> frozenset[str]:
    return frozenset(match_key(w) for w in word_set("inverted_heads.txt"))


def head_last(key: str) -> str:
    """A match key with an institution's head (data/inverted_heads.txt) last, as one key for both ways of
    writing the name; other keys as they are.

    >>> head_last("u s department of agriculture"), head_last("ministry of the interior")
    ('u s agriculture department', 'interior ministry')
    >>> head_last("department of agriculture of japan"), head_last("bank of japan")
    ('agriculture of japan department', 'bank of japan')
    """
    toks = key.split()
    for i, t in enumerate(toks[:4]):
        if t in _inverted_heads() and toks[i + 1:i + 2] == ["of"]:
            rest = toks[i + 2:]
            rest = rest[1:] if rest[:1] == ["the"] else rest
            if rest:
                return " ".join(toks[:i] + rest + [t])
    return key


def _initials_match(acro: str, words: Sequence[str]) -> bool:
    """True when the words' initials spell the acronym, with or without small words, and with or without
    a legal form at the end ("Nigerian National Petroleum Company Ltd (NNPC)")."""
    return acro.upper().replace(".", "") in _all_initials(words)


def _skeleton(token: str) -> str:
    s = _VOWELS.sub("", token)
    return re.sub(r"(.)\1+", r"\1", s)


def fuzzy_match(a: str, b: str, min_token_ratio: float = 70.0) -> float:
    """Score (0-100) if match keys ``a`` and ``b`` are spelling variants of one name, else 0.

    Guarded for transliterated names: same number of words; every word that differs starts with the
    same letter (or two vowels: Esmail/Ismail), has the same consonant skeleton (vowels and doubled
    letters dropped: Qassem/Qasem, Hezbollah/Hizballah, Quds/Qods) of at least 3 letters, and a
    similarity of at least ``min_token_ratio``.
    Iran/Iraq (skeletons rn/rq) and Armenia/Romania (first letters) never match.

    >>> fuzzy_match("qassem soleimani", "qasem soleimani") > 0, fuzzy_match("iran", "iraq")
    (True, 0.0)
    >>> fuzzy_match("armenia", "romania")
    0.0
    """
    ta, tb = a.split(), b.split()
    if a == b or len(ta) != len(tb):
        return 0.0
    for x, y in zip(ta, tb):
        if x == y:
            continue
        if not (x.isalpha() and y.isalpha()) or (x[0] != y[0] and not {x[0], y[0]} <= set("aeiou")):
            return 0.0
        sx = _skeleton(x)
        if sx != _skeleton(y) or len(sx) < 3 or fuzz.ratio(x, y) < min_token_ratio:
            return 0.0
    return round(fuzz.ratio(a, b), 1)


def _vote(votes: Counter) -> str:
    if not votes:
        return ""
    best = max(votes.values())
    for t in TYPE_PRIORITY:
        if votes.get(t) == best:
            return t
    return sorted(t for t, v in votes.items() if v == best)[0]


def well_formed(form: str) -> bool:
    """False for a form no label should have: glued words ("ofNew Labour"), a possessive, a lowercase start.

    >>> well_formed("New Labour"), well_formed("ofNew Labour"), well_formed("McDonald's"), well_formed("al-Qaeda")
    (True, False, True, True)
    """
    words = form.split()
    if not words or glued_word(form):
        return False
    first = words[0]
    particle = match_key(first).partition(" ")[0] in word_set("name_particles.txt")
    return first[0].isupper() or first[0].isdigit() or particle


# --------------------------------------------------------------------------- the clusters

@dataclass
class Unit:
    """The mentions of one name form (match key) in one document."""

    key: str
    doc: str
    count: int = 0
    forms: Counter = field(default_factory=Counter)  # surface forms that may become the label
    extra: Counter = field(default_factory=Counter)  # (alias-only form, rule): demonyms, titled forms
    votes: Counter = field(default_factory=Counter)
    titles: Counter = field(default_factory=Counter)  # title classes seen before the name
    offices: Counter = field(default_factory=Counter)  # the titles themselves, when offices ("treasury secretary")
    cues: Counter = field(default_factory=Counter)  # types the words around the name suggest (type_cue)
    possessors: Counter = field(default_factory=Counter)  # states named in the possessive before it ("Kenya's")
    entry: int | None = None  # alias table entry (applied by alias_file)
    deferred: int | None = None  # alias entry of a bare surname (applied by alias_file_surnames)
    fixed_type: str = ""  # set by demonym mapping
    gender: str = ""  # "female"/"male" when a title says so ("Mrs Howard"): such units never mix
    peer: bool = False  # titled as a peer ("Lord Reed"): never one unit, or one name, with "Mr Reed"
    first: int = -1  # offset of its first mention in the document
    last: int = -1  # ... and of its last
    rule: str = "exact"
    score: float | None = None
    via: str = ""  # key of the unit it was joined to

    @cached_property
    def acronym(self) -> bool:
        """All its forms are acronyms (read by the rules, once the units are made: forms no longer change)."""
        return bool(self.forms) and all(is_acronym(f) for f in self.forms)


class Clusters:
    """Units and the clusters they are joined into (a union-find with members and cached types)."""

    def __init__(self, units: list[Unit], table: AliasTable, states: dict[str, str]):
        self.units = units
        self.table = table
        self.states = states  # match key -> the state's name
        self.places = known_places()  # match key -> GPE or LOC (cities, US states, continents)
        self._state_counts: dict[str, Counter] | None = None
        self.unit_state: dict[int, str] = {}  # the state exact() gave a unit of a name many states share
        self.generic_units: set[int] = set()  # the units of such names (whether exact() split them or not)
        self.parent = list(range(len(units)))
        self._members: dict[int, list[int]] = {i: [i] for i in range(len(units))}
        self._types: dict[int, str] = {}
        self.by_key: dict[str, list[int]] = defaultdict(list)
        self.by_doc: dict[str, list[int]] = defaultdict(list)
        self._key_types: dict[str, str] = {}
        self._key_titles: dict[str, set[str]] = {}
        self._key_votes: dict[str, Counter] = {}
        self.acronyms: dict | None = None  # acronym -> AcronymMeaning (acronym_in_document)
        self.stem_docs: dict[str, set[str]] | None = None  # org_stem -> its articles (_docs_of_name)
        for i, u in enumerate(units):
            self.by_key[u.key].append(i)
            self.by_doc[u.doc].append(i)

    @cached_property
    def by_long_prefix(self) -> dict[str, list[str]]:
        """The name forms (match keys) of two words or more by their first word (and first two words)."""
        out: dict[str, list[str]] = defaultdict(list)
        for key in self.by_key:
            toks = key.split()
            for n in (1, 2):
                if len(toks) > n:
                    out[" ".join(toks[:n])].append(key)
        return out

    @cached_property
    def by_last_word(self) -> dict[str, list[str]]:
        """The name forms (match keys) of two words or more by their last word."""
        out: dict[str, list[str]] = defaultdict(list)
        for key in self.by_key:
            toks = name_tokens(key)
            if len(toks) >= 2:
                out[toks[-1]].append(key)
        return out

    def root(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def members(self, i: int) -> list[int]:
        return self._members[self.root(i)]

    def roots(self) -> list[int]:
        return sorted(self._members)

    def join(self, target: int, unit: int, rule: str = "", via: str = "", score: float | None = None) -> int:
        """Join ``unit``'s cluster into ``target``'s; ``rule`` is recorded on the units that joined by name alone."""
        ra, rb = self.root(target), self.root(unit)
        if ra == rb:
            return ra
        if rule:  # the units that were there only by their name form came in by this rule
            for x in self._members[rb]:
                if self.units[x].rule == "exact":
                    self.units[x].rule, self.units[x].via, self.units[x].score = rule, via, score
        keep, gone = (ra, rb) if ra < rb else (rb, ra)
        self.parent[gone] = keep
        self._members[keep].extend(self._members.pop(gone))
        self._types.pop(gone, None)
        self._types.pop(keep, None)
        return keep

    def retype(self, i: int) -> None:
        """Forget the cached type of ``i``'s cluster (after a rule changed its units' votes)."""
        self._types.pop(self.root(i), None)

    def fixed(self, i: int) -> bool:
        """True when an alias file entry decides what the cluster is."""
        return any(self.units[x].entry is not None for x in self.members(i))

    def type(self, i: int) -> str:
        r = self.root(i)
        if r not in self._types:
            self._types[r] = self._type_of(self._members[r])
        return self._types[r]

    def by_name(self, ms: list[int]) -> list[int]:
        """The units of ``ms`` that are there by their own name (same form, alias file, spelling variant),
        not by a rule that linked another name to them (surname, acronym, organisation form)."""
        rules = (self.units[x].rule for x in ms)
        return [x for x, rule in zip(ms, rules) if rule in ("exact", "alias-file") or rule.startswith("fuzzy")]

    def entry_type(self, ms: list[int]) -> str:
        """The type an alias file entry of one of the units gives, or ""."""
        for x in ms:
            e = self.units[x].entry
            if e is not None and self.table.entries[e].type:
                return self.table.entries[e].type
        return ""

    def _type_of(self, ms: list[int], core_only: bool = True) -> str:
        if self.entry_type(ms):
            return self.entry_type(ms)
        core = self.by_name(ms) + [x for x in ms if self.units[x].rule.startswith("acronym-defined")] \
            if core_only else list(ms)
        # an acronym's votes count half beside its long form's ("GATT" beside "General Agreement on ...")
        mixed = any(self.units[x].acronym for x in core) and any(not self.units[x].acronym for x in core)
        votes: Counter = Counter()
        cues: Counter = Counter()
        for x in core or ms:
            u = self.units[x]
            w = 1 if mixed and u.acronym else 2
            for t, k in u.votes.items():
                votes[t] += w * k
            for t, k in u.cues.items():
                cues[t] += w * k
            if u.fixed_type:
                votes[u.fixed_type] += 10 ** 6
        model_votes = Counter(votes)
        for t, k in cues.items():
            votes[t] += CUE_WEIGHT * k
        if cues.get("PRODUCT") and all(product_shaped(f) for x in core or ms for f in self.units[x].forms):
            return "PRODUCT"  # a code read once as a product ("the M-1 gauge") is one wherever it stands
        best = _vote(votes)
        if best == "PERSON" and not self._person_like(ms):
            best = self._not_a_person(ms, votes, cues) or best
        if ms and best not in ("GPE", "LOC") and not cues and all(self.units[x].key in self.states for x in core or ms):
            best = "GPE"  # a state's name the model typed otherwise ("Mali" tagged PERSON, "Cameroon" ORG)
        elif best in ("GPE", "LOC") and cues.get("ORG") and not any(
                self.units[x].key in self.places or self.units[x].key in self.states for x in core or ms):
            best = "ORG"  # "the state oil company Pertamina": a "place" no table knows, with a company's cue
        elif best == "ORG" and model_votes and set(model_votes) <= {"GPE", "LOC"} and all(
                self.units[x].key in self.places for x in core or ms) \
                and sum(model_votes.values()) > CUE_WEIGHT * cues.get("ORG", 0):  # (not "Barcelona's board")
            best = _vote(model_votes)  # a known city the model always reads as one ("the Frankfurt stock exchange")
        return best

    def _not_a_person(self, ms: list[int], votes: Counter, cues: Counter) -> str:
        """The type of a "person" never written with a given name, a title or a person's cue, when the
        evidence says otherwise: a cue of the text ("the oil company X"), a known state's name, or more than a third
        of the model's votes for another type. "" when nothing does."""
        others = Counter({t: k for t, k in votes.items() if t != "PERSON"})
        if any(t != "PERSON" for t in cues) or (others and 3 * max(others.values()) > votes["PERSON"]):
            return _vote(others)
        if any(self.units[x].key in self.states for x in ms):
            return "GPE"
        if ms and all(self.units[x].key in self.places for x in ms):
            return self.places[self.units[ms[0]].key]  # "Rotterdam", "Nevada", "Europe" typed a person
        return ""

    def _person_like(self, ms: list[int]) -> bool:
        return any(u.titles or u.gender or u.cues.get("PERSON") or len(name_tokens(u.key)) >= 2
                   for u in (self.units[x] for x in ms))

    def key_type(self, key: str) -> str:
        """The type all units of one name form vote for, as read (cached: rules never change votes)."""
        if key not in self._key_types:
            self._key_types[key] = self._type_of(self.by_key.get(key, []), core_only=False)
        return self._key_types[key]

    def key_titles(self, key: str) -> set[str]:
        """The title classes of all units of one name form (cached)."""
        if key not in self._key_titles:
            self._key_titles[key] = {t for x in self.by_key.get(key, ()) for t in self.units[x].titles}
        return self._key_titles[key]

    def article_state(self, doc: str) -> str:
        """The match key of the state an article is about: the state it names most, twice or more and at
        least twice as often as any other ("" when none is: an article on two states' relations)."""
        top = self.state_counts(doc).most_common(2)
        ok = top and top[0][1] >= 2 and (len(top) == 1 or top[0][1] >= 2 * top[1][1])
        return top[0][0] if ok else ""

    def state_counts(self, doc: str) -> Counter:
        """How often an article names each state (match keys of the states' names): by the state's name, by a
        place in it ("Nairobi", "Imo State": data/place_states.tsv), or at the head of an organisation's name
        ("Nigerian Bar Association", "Kenya Revenue Authority"); a country's own news seldom names it otherwise."""
        if self._state_counts is None:
            self._state_counts = {}
            for d, ids in self.by_doc.items():
                counts = Counter()
                for x in ids:
                    state = self._state_named(self.units[x].key, self.units[x].acronym)
                    if state:
                        counts[_sovereign(state)] += self.units[x].count
                self._state_counts[d] = counts
        return self._state_counts.get(doc, Counter())

    def _state_named(self, key: str, acronym: bool = False) -> str:
        """The match key of the state a name form names or places itself in: a state, a place of
        place_states.tsv, or the head of an institution's name ("Nigerian Bar Association"; not a company's:
        "American Express"); "" for none, and for a continent ("African National Congress") or an acronym
        ("SAN" is no city of Mali)."""
        if key in self.states:
            return match_key(self.states[key])
        if key in _place_states():  # (not a person or a company named like a city: "Kennedy", "SAN")
            return _place_states()[key] if not acronym and self.key_type(key) in ("GPE", "LOC") else ""
        toks = key.split()
        if len(toks) >= 2 and toks[-1] in _institution_words() and self.key_type(key) == "ORG":  # ("American Express")
            for n in (2, 1):
                head = " ".join(toks[:n])
                state = match_key(self.states[head]) if head in self.states else _demonym_states().get(head, "")
                if len(toks) > n and state:
                    return "" if self.places.get(state) == "LOC" else state
        return ""

    def key_votes(self, key: str) -> Counter:
        """The NER votes of all units of one name form (cached)."""
        if key not in self._key_votes:
            votes: Counter = Counter()
            for x in self.by_key.get(key, ()):
                votes.update(self.units[x].votes)
            self._key_votes[key] = votes
        return self._key_votes[key]


# --------------------------------------------------------------------------- units from mentions

@lru_cache(maxsize=1)
def _place_states() -> dict[str, str]:
    """data/place_states.tsv: match key of a place -> match key of the state it is in."""
    return {match_key(row[0]): match_key(row[1]) for row in data_table("place_states.tsv") if len(row) > 1}


@lru_cache(maxsize=1)
def _institution_words() -> frozenset[str]:
    """The last words of institutions', groups' and parties' names (institution_heads.txt, org_heads.txt,
    party_heads.txt): a name ending so and beginning with a state's name says the article's state."""
    return frozenset(word_set("institution_heads.txt") | word_set("org_heads.txt") | word_set("party_heads.txt"))


@lru_cache(maxsize=1)
def _demonym_states() -> dict[str, str]:
    """The demonym table: match key of a people's word -> match key of its state ("nigerian" -> "nigeria")."""
    return {k: match_key(v) for k, v in load_demonyms().items()}


@lru_cache(maxsize=1)
def known_places() -> dict[str, str]:
    """Places news names with a bare word (data/places.tsv: cities, US states, continents): match key ->
    GPE or LOC."""
    return {match_key(row[0]): row[1] for row in data_table("places.tsv") if len(row) > 1}


@lru_cache(maxsize=1)
def _constituents() -> dict[str, str]:
    """data/constituent_countries.tsv: match key of a country -> match key of the state it is part of."""
    return {match_key(row[0]): match_key(row[1]) for row in data_table("constituent_countries.tsv") if len(row) > 1}


def _sovereign(state: str) -> str:
    """The state (match key) an article about ``state`` is about for institutions: Scotland's is the United
    Kingdom (data/constituent_countries.tsv); other states are their own."""
    return _constituents().get(state, state)


def _states(demonyms: dict[str, str], table: AliasTable) -> dict[str, str]:
    """The states the tables know: match key -> the state's name ("us" -> "United States"; data/states.tsv,
    the demonym table's states and the alias table's places)."""
    states = dict(_state_rows())
    states.update((match_key(s), s) for s in demonyms.values())
    for e in table.entries:
        if e.type in ("GPE", "LOC"):
            states.update((match_key(n), e.name) for n in e.names())
    return states


def _bare_surname_alias(key: str, entry) -> bool:
    """True for an alias that is only the surname of the person the entry names ("Blair" of Tony Blair)."""
    if entry.type != "PERSON" or len(name_tokens(key)) != 1:
        return False
    return any(len(name_tokens(match_key(n))) >= 2 and name_tokens(match_key(n))[-1] == name_tokens(key)[0]
               for n in entry.names())


def _mention_key(m: Mention, form: str, demonyms: dict[str, str], config: ResolveConfig) -> tuple[str, str]:
    """``(key, state)``: the match key a mention is grouped under, and the state a demonym names."""
    key = match_key(form)
    dem_key = re.sub(rf"^(?:{'|'.join(NAME_PREFIXES)})\s+", "", key)
    if config.aliases.index(key) is not None:
        return key, ""  # an alias file's name wins over the demonym table ("Turk" listed as a person)
    place = place_abbreviations().get(key) if m.label in ("GPE", "LOC") and not re.fullmatch(r"[A-Z]{2,3}", form) \
        else None  # ("NC president", "Airtel Kenya MD", "SC slams": capitals without dots are other acronyms)
    if not place and m.cue == "GPE":  # "LOMBARD, Ill., March 2": see extract.dateline_place
        place = dateline_abbreviations().get(key)
    if place:  # "Calif.", "Fla.", "USSR"
        return match_key(place), place
    if dem_key in demonyms and config.demonyms != "keep" and m.label != "PERSON" and (
        m.label == "NORP" or dem_key != match_key(demonyms[dem_key])
    ):  # ("Turk said": a person, not Turkey)
        if config.demonyms == "drop":
            return "", "demonym-dropped"
        return match_key(demonyms[dem_key]), demonyms[dem_key]
    return head_last(key), ""


#: a nickname in quotes inside a person's name ('Hans-Jürgen "Hansi" Kessler', 'Maria Cristina "Tina" Reyes')
_QUOTED_NICKNAME = re.compile(r"(?<=\S)\s+[\"“][A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*)?[\"”](?=\s+\S)")


def _club_of_place(key: str, demonyms: dict[str, str]) -> bool:
    """Whether a name reads as an organisation named after its place, not a person: two words (not
    "Ketanji Brown Jackson"), the last a known place or state (data/places.tsv, states.tsv), the first no
    given name, the whole no place ("Slovan Bratislava", "Wisła Kraków"; not "George Washington", "New York")."""
    toks = key.split()
    places = known_places()
    return len(toks) == 2 and key not in places and key not in state_names() and (
        toks[-1] in places or toks[-1] in state_names()) and toks[0] not in given_names() \
        and toks[0] not in word_set("name_particles.txt") and toks[0] not in demonyms


def _units(mentions: Sequence[Mention], config: ResolveConfig, demonyms: dict[str, str],
           common: frozenset[str] = frozenset()):
    """Group mentions into units (one per name form per document); returns units, each mention's
    unit (None: dropped) and the dropped forms. Acronyms of ``common`` nouns are dropped."""
    table = config.aliases
    classes = _title_classes()
    units: list[Unit] = []
    index: dict[tuple[str, str], int] = {}
    of_mention: list[int | None] = []
    dropped: Counter = Counter()
    org_words = {(m.doc, match_key(m.text)) for m in mentions if m.label == "ORG" and " " not in m.text.strip()}
    for m in mentions:
        written = " ".join(m.text.split())
        form = " ".join(_QUOTED_NICKNAME.sub(" ", written).split())  # 'Hans-Jürgen "Hansi" Kessler'
        key, state = _mention_key(m, form, demonyms, config)
        entry = table.index(key) if key else None
        if not key or (entry is not None and table.entries[entry].drop) or (key in common and entry is None):
            of_mention.append(None)
            dropped[(form, state if not key else "common-acronym" if key in common else "alias-file:drop")] += 1
            continue
        classes_here = {c for t in _title_words(m.title) for c in classes.get(match_key(t), ())} if m.title else set()
        gender = next((g for g in _GENDER if g in classes_here), "")
        peer = "peerage" in classes_here
        ui = index.get((m.doc, key, gender, peer))
        if ui is None:
            ui = index[(m.doc, key, gender, peer)] = len(units)
            u = Unit(key, m.doc, gender=gender, peer=peer)
            if entry is not None and _bare_surname_alias(key, table.entries[entry]):
                u.deferred = entry
            else:
                u.entry = entry
            units.append(u)
        u = units[ui]
        u.count += 1
        u.first = m.start if u.first < 0 else min(u.first, m.start)
        u.last = max(u.last, m.start)
        if state:
            abbreviated = match_key(form) in place_abbreviations() or match_key(form) in dateline_abbreviations()
            u.extra[(form, "abbreviation" if abbreviated else "demonym")] += 1
            u.forms[state] += 0  # the state's name is a label candidate, not the adjective
            place_type = known_places().get(match_key(state), "GPE")  # a continent's adjective: its LOC
            u.votes[place_type] += 1
            u.fixed_type = place_type
        else:
            u.forms[form] += 1
            u.votes[m.label] += 1
            if written != form:  # the name with its nickname is an alias, the name without it the label
                u.extra[(written, "nickname")] += 1
        if m.state:
            u.possessors[match_key(m.state)] += 1
        if not m.title and _club_of_place(key, demonyms) and (
                m.label == "PERSON" or m.label in ("GPE", "LOC", "FAC") and (m.doc, key.split()[0]) in org_words):
            u.cues["ORG"] += 1  # "Slovan Bratislava", "Dinamo Zagreb" taken for a person: a club of a place; or
            # for a place where its article calls its first word an organisation ("Bayern Munich" beside "Bayern")
        if m.cue:
            u.cues[m.cue] += 1
        elif len(key.split()) >= 2 and key.split()[-1] in _org_endings():
            u.cues["ORG"] += 1  # "Newcastle United", "Velsk Holdings Ltd": only organisations end so
        if m.title:
            u.extra[(" ".join(f"{m.title} {form}".split()), "title")] += 1
            u.titles.update(classes_here)
            if set(classes_here) - _NOT_ROLES:
                u.offices[match_key(m.title)] += 1
            if classes_here:
                u.votes["PERSON"] += CUE_WEIGHT  # "Mr Okafor", "Chief Constable Harding": a person
        of_mention.append(ui)
    for u in units:
        if not u.fixed_type and given_name_first(u.key):
            u.votes["PERSON"] += 1  # once per article: a cue that the NER's votes outweigh when they agree
    return units, of_mention, dropped


def _title_words(title: str) -> list[str]:
    """The titles in a stripped title string ("Home Secretary", "Sir"): the whole and each word."""
    return [title, *title.split()]


# --------------------------------------------------------------------------- person-name helpers

_GENDER = ("female", "male")
_GENDER_SEX = {"female": "f", "male": "m"}
#: title classes that say nothing of a person's office ("Dr Ruto" may be President Ruto)
_NOT_ROLES = frozenset(_GENDER) | {"honorific", "given"}


def titles_conflict(a: set[str], b: set[str]) -> bool:
    """True when title classes say two names are different people.

    >>> titles_conflict({"female"}, {"male", "political"}), titles_conflict({"judicial"}, {"political"})
    (True, True)
    >>> titles_conflict({"male"}, {"political"}), titles_conflict(set(), {"judicial"})
    (False, False)
    """
    ga, gb = a & set(_GENDER), b & set(_GENDER)
    if ga and gb and not ga & gb:
        return True
    ra, rb = a - _NOT_ROLES, b - _NOT_ROLES
    return bool(ra and rb and not ra & rb)


def _short_tokens(u: Unit, hyphenated: bool = False) -> list[str] | None:
    """The name tokens of a unit that may be a short reference to a person (a surname, a double surname
    such as "Vargas Restrepo", or a kunya such as "Abu Mahdi"; with ``hyphenated``, also a hyphenated
    surname such as "Thomas-Symonds"), else None. A name titled as a venerated figure ("Imam Hussein",
    "Prophet Muhammad": data/title_classes.tsv) is the figure's whole name, no one's surname or given name."""
    if u.acronym or u.fixed_type or "venerated" in u.titles:
        return None
    toks = name_tokens(u.key)
    if len(toks) == 1 or (len(toks) == 2 and (toks[0] in word_set("kunya.txt") or toks[0] not in given_names()
                                                or _surname_titled(u))):
        return toks  # (two words with no given name first, or after "Ms": a double surname, "Ms Vargas Restrepo")
    if hyphenated and len(toks) == 2 and _hyphenated(u):
        return toks
    return None


def _double_surname_fits(u: Unit, short: list[str], full: list[str]) -> bool:
    """Whether a two-word short name that is neither a kunya nor hyphenated (a double surname, "Vargas
    Restrepo") may refer to the full name ``full``: it must end it after a given name ("Camila Vargas
    Restrepo"; not "Upper Klamath Lake", "Patriot Hills Base Camp")."""
    if len(short) != 2 or short[0] in word_set("kunya.txt") or _hyphenated(u):
        return True
    person = u.titles or u.gender or u.votes.get("PERSON", 0) * 2 > sum(u.votes.values())
    return bool(person) and full[-2:] == short and full[0] in given_names()  # ("Saint Laurent" the brand: no)


def _surname_titled(u: Unit) -> bool:
    """True when a title says the unit's one name is a surname: a title that takes no given name ("Mr Howard",
    "Judge Clark"; not "Sir Ian", "Prince Charles")."""
    return bool(u.titles) and "given" not in u.titles


def _part_of_double_surname(full: Unit, short: list[str]) -> bool:
    """Whether a one-word short form is only a part of a full name's double surname ("Zuma" of "Nkosazana
    Dlamini-Zuma": every form of it ends with a hyphenated word): that person is not "Zuma"."""
    if len(short) != 1 or not full.forms:
        return False
    lasts = [f.split()[-1] for f in full.forms if f.split()]
    particles = word_set("name_particles.txt")
    return bool(lasts) and all("-" in w and short[0] in match_key(w).split() and match_key(w) != short[0]
                               and match_key(w.split("-")[0]) not in particles for w in lasts)  # ("al-Amiri")


def _hyphenated(u: Unit) -> bool:
    """True when every form of a unit is one hyphenated word ("Thomas-Symonds")."""
    return bool(u.forms) and all(" " not in f and "-" in f for f in u.forms)


def _refers_to(short: list[str], full: list[str], min_ratio: float, titled: bool = False,
               inner: bool = False) -> str:
    """How short name tokens can refer to the full name: "exact" (its surname, its first two words for a
    kunya, its last two for a hyphenated surname), "given" (after a title, its first word: "Sir Ian", or
    a surname written first, "President Xi"),
    "variant" (a spelling variant of its surname), with ``inner`` "middle" (the word before the last of a
    name of three words or more after a given name, itself no given name: the first of a double surname
    written without the hyphen, "Boric" of "Gabriel Boric Font", "Tchiroma" of "Issa Tchiroma Bakary"),
    or "" (not at all).

    >>> _refers_to(["boric"], ["gabriel", "boric", "font"], 90, inner=True)
    'middle'
    >>> full = ["sarah", "jessica", "parker"]
    >>> _refers_to(["jessica"], full, 90, inner=True), _refers_to(["boric"], ["boric", "font"], 90, inner=True)
    ('', '')
    """
    if len(full) < 2 or len(full) <= len(short):
        return ""
    if len(short) == 2:
        return "exact" if full[:2] == short or (short[0] not in word_set("kunya.txt") and full[-2:] == short) else ""
    if full[-1] == short[0]:
        return "exact"
    if titled and full[0] == short[0]:
        return "given"  # (or a surname written first: "President Xi", "Mr Lee" of "Lee Jae-myung")
    if fuzzy_match(short[0], full[-1], min_ratio) > 0:
        return "variant"
    middle = inner and len(full) >= 3 and full[-2] == short[0] and full[0] in given_names()
    return "middle" if middle and short[0] not in given_names() else ""


def _link_ok(how: str, short_titles: set[str], full_titles: set[str]) -> bool:
    """Titles allow the link: none says another person, and a spelling variant ("Reagan" for "Regan")
    also needs the short form's office, if it has one, on the full name."""
    if not how or titles_conflict(short_titles, full_titles):
        return False
    if "royal" in short_titles and "royal" not in full_titles and full_titles - _NOT_ROLES:
        return False  # "Prince Charles" is no "Lib Dem leader Charles Kennedy" (an untitled name may be his)
    roles = short_titles - _NOT_ROLES
    return how in ("exact", "given") or not roles or bool(roles & full_titles)


def _may_be_person(cl: Clusters, u: Unit) -> bool:
    """A short form that is a known place ("Jordan" beside "Michael Jordan"), or a name that five or more
    articles use and that the NER almost never calls a person, is not a surname."""
    if u.key in cl.states:
        return False
    if u.entry is not None and cl.table.entries[u.entry].type not in ("", "PERSON"):
        return False
    if u.votes.get("PERSON"):
        return True
    votes = cl.key_votes(u.key)
    return len(cl.by_key[u.key]) < 5 or votes.get("PERSON", 0) >= 0.1 * sum(votes.values())


# --------------------------------------------------------------------------- the rules

def alias_file(cl: Clusters, config: ResolveConfig) -> None:
    """Units named by the same alias file entry are one entity."""
    first: dict[int, int] = {}
    for i, u in enumerate(cl.units):
        if u.entry is None:
            continue
        u.rule = "alias-file"
        if u.entry in first:
            cl.join(first[u.entry], i)
        else:
            first[u.entry] = i


def _initials_of(a: list[str], b: list[str]) -> bool:
    """True when two full names are one person written with and without initials ("J. H. Dearle",
    "John Henry Dearle"): same surname and length, every given name equal or the initial of the other,
    at least one initial."""
    if len(a) != len(b) or len(a) < 2 or a[-1] != b[-1] or a == b:
        return False
    pairs = list(zip(a[:-1], b[:-1]))
    fits = all(x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y)) for x, y in pairs)
    return fits and any(len(x) == 1 or len(y) == 1 for x, y in pairs)


def _middle_names_left_out(a: list[str], b: list[str]) -> bool:
    """True when name ``a`` is ``b`` without some of its middle names or initials: same first and last
    word, ``a``'s words in ``b`` in order ("john lichtblau", "john h lichtblau")."""
    if len(a) < 2 or len(a) >= len(b) or a[0] != b[0] or a[-1] != b[-1]:
        return False
    rest = iter(b[1:-1])
    return all(any(w == v for v in rest) for w in a[1:-1])


def _document_fulls(cl: Clusters, ids: list[int], person_keys: dict[str, bool],
                    min_ratio: float) -> list[tuple[int, list[str]]]:
    """The full person names of one document, longest first; names written with initials join the one
    written out in full ("J. H. Dearle" -> "John Henry Dearle") when only one fits."""
    fulls = []
    for x in ids:
        u = cl.units[x]
        toks = name_tokens(u.key)
        if len(toks) < 2 or u.acronym:
            continue
        if u.key not in person_keys:
            person_keys[u.key] = cl.key_type(u.key) == "PERSON"
        if person_keys[u.key]:
            fulls.append((x, toks))
    fulls.sort(key=lambda item: (-len(item[1]), -sum(len(t) for t in item[1])))
    for x, toks in fulls:
        if any(len(t) == 1 for t in toks[:-1]):
            written = [f for f, other in fulls if _initials_of(toks, other) and not any(len(t) == 1 for t in other)]
            if len(written) == 1:
                cl.join(written[0], x, "initials", cl.units[written[0]].key)
    for x, toks in fulls:  # "John Lichtblau" beside "John H. Lichtblau" (an initial: "Luis Armando Roche" may be a son)
        longer = {cl.root(f) for f, other in fulls if _middle_names_left_out(toks, other)
                  and all(len(t) == 1 for t in other[1:-1] if t not in toks)}
        if len(longer) == 1 and cl.root(x) not in longer:
            f = next(f for f, other in fulls if cl.root(f) in longer)
            cl.join(f, x, "initials", cl.units[f].key)
    _document_variants(cl, fulls, min_ratio)
    return fulls


def _document_variants(cl: Clusters, fulls: list[tuple[int, list[str]]], min_ratio: float) -> None:
    """Full names of one article that are spelling variants of each other ("Khalifa Haftar", "Khalifa
    Hifter") are one person: the article is the evidence. Complete linkage, most mentioned first, as in
    spelling_variants."""
    order = sorted((x for x, _ in fulls), key=lambda x: (-cl.units[x].count, cl.units[x].key))
    for i, x in enumerate(order):
        for y in order[:i]:
            if cl.root(x) == cl.root(y):
                continue
            keys = {cl.units[z].key for z in cl.members(y) if cl.units[z].rule not in DOCUMENT_RULES}
            scores = [fuzzy_match(cl.units[x].key, k, min_ratio) for k in keys]
            if keys and all(scores):
                cl.join(y, x, f"fuzzy:{min(scores):g}", cl.units[y].key, min(scores))
                break


def _document_candidates(cl: Clusters, x: int, short: list[str], fulls, min_ratio: float) -> dict:
    """The full names of the document ``short`` (unit ``x``) may refer to (see _refers_to)."""
    u = cl.units[x]
    cands: dict[int, tuple[int, str]] = {}
    for f, toks in fulls:
        how = _refers_to(short, toks, min_ratio, bool(u.titles) or bool(u.gender), inner=True)
        if f != x and how and not _part_of_double_surname(cl.units[f], short) and _double_surname_fits(u, short, toks):
            cands.setdefault(cl.root(f), (f, how))
    if _surname_titled(u) and given_names().get(short[0]) in ("m", "f") and any(
            how == "exact" for _, how in cands.values()):  # "Mr Howard": Michael Howard, not Howard Flight (but
        cands = {r: c for r, c in cands.items() if c[1] != "given"}  # "Mr Mahathir" may be Mahathir Mohamad)
    return cands


#: How far (characters) the second full name must come after a surname's first use for the surname to
#: mean the first one ("Mrs Dorling, his wife Sara Dorling" names her at once: no guess).
AFTER = 100


def _exact_first(cands: dict) -> dict:
    """Where a surname is one full name's surname as written and only a spelling variant of the others'
    ("Reagan": Ronald Reagan, not Donald Regan), the one it is written as; ``cands`` maps a cluster to
    (anything, how) as _refers_to says how.

    >>> _exact_first({1: ("ronald reagan", "exact"), 2: ("donald regan", "variant")})
    {1: ('ronald reagan', 'exact')}
    >>> len(_exact_first({1: ("ed miliband", "exact"), 2: ("david miliband", "exact")}))
    2
    """
    exact = {r: c for r, c in cands.items() if c[1] in ("exact", "given")}
    if any(c[1] == "middle" for c in cands.values()):
        return cands  # "Boric" beside "Gabriel Boric Font" and "Ana Boric": either, no guess
    return exact if len(exact) == 1 else cands


def _narrow(cl: Clusters, u: Unit, ids: list[int], cands: dict) -> dict:
    """The candidates a surname can still mean: those of the sex its title gives ("Mrs Clinton": not Bill
    Clinton, by data/given_names.tsv); where several remain and its title is an office, the one its article
    gives that office; with no office, if only one full name had been written when the surname is first
    used, that one ("Tony Blair ... Blair said ... Cherie Blair")."""
    sex = {"female": "f", "male": "m"}.get(u.gender, "")
    if sex:  # even a single candidate of the other sex is no match ("Mr Gandhi" is never Sonia Gandhi)
        cands = {r: c for r, c in cands.items() if given_names().get(name_tokens(cl.units[c[0]].key)[0]) != (
            "m" if sex == "f" else "f")}
    cands = _exact_first(cands)
    if len(cands) < 2:
        return cands
    roles = set(u.titles) - _NOT_ROLES
    if roles:  # "President Lee": the one full name its article gives that office, if only one
        same = [r for r in cands if roles & {t for y in ids if cl.root(y) == r for t in cl.units[y].titles}]
        return {same[0]: cands[same[0]]} if len(same) == 1 else cands
    first = {r: min(cl.units[y].first for y in ids if cl.root(y) == r) for r in cands}
    before = [r for r in cands if first[r] < u.first]
    later = min((first[r] for r in cands if r not in before), default=u.first + AFTER)
    if len(cands) > 1 and len(before) == 1 and cands[before[0]][1] in ("exact", "given") and later - u.first >= AFTER:
        return {before[0]: cands[before[0]]}
    return cands


def _person_shaped(cl: Clusters, ids: list[int], fulls: list[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    """The names of a document that read as a person's full name although the model typed them otherwise
    ("Kemi Badenoch" tagged GPE): two or three capitalised words, none that organisations or places end
    with, no known state, and no organisation's cue."""
    known = {x for x, _ in fulls}
    out = []
    for x in ids:
        u = cl.units[x]
        toks = name_tokens(u.key)
        if x in known or not 2 <= len(toks) <= 3 or u.acronym or u.fixed_type or u.key in cl.states:
            continue
        if any(t in cl.states or t in not_person_words() for t in u.key.split()) or u.cues.get("ORG"):
            continue  # (nor one the text says is an organisation: "Slovan Bratislava", a club of a place)
        particles = word_set("name_particles.txt")
        if all(w[:1].isupper() for f in u.forms for w in f.split() if match_key(w) not in particles):
            out.append((x, toks))
    return out


def _given_name_candidates(cl: Clusters, short: list[str], pool: list[tuple[int, list[str]]]) -> dict:
    """The full names a bare word may be the given name of ("Hunter" of "Hunter Biden", "Saddam" of "Saddam
    Hussein"): those it starts, when no full name of the article ends with it (then it is a surname). The
    word must be tagged a person or be a known given name (person_in_document)."""
    if len(short) != 1 or any(toks[-1] == short[0] for _, toks in pool):
        return {}
    cands: dict[int, tuple[int, str]] = {}
    for f, toks in pool:
        if toks[0] == short[0] and len(toks) >= 2 and not any(t in not_person_words() for t in toks):
            cands.setdefault(cl.root(f), (f, "exact"))
    return cands


def _titles_for_link(cl: Clusters, u: Unit, target: int, ids: list[int]) -> set[str]:
    """The titles a link of ``u`` to ``target`` is checked against: those the article gives the target (offices
    change over time: "General Powell" may be a later Secretary of State), and, when ``u``'s title is a
    judge's or a police officer's ("Judge Reeves"), those the whole corpus gives it (a judge is no
    chancellor, whenever)."""
    here = {t for y in ids if cl.root(y) == cl.root(target) for t in cl.units[y].titles}
    if set(u.titles) & {"judicial", "police"}:  # (the rules before ``exact`` see one article's units)
        here |= {t for y in cl.members(target) for t in cl.units[y].titles} | cl.key_titles(cl.units[target].key)
    return here


def person_in_document(cl: Clusters, config: ResolveConfig) -> None:
    """A surname ("Blair", "Mr Blair", "al-Amiri", "Thomas-Symonds") joins the one full name in the same
    document that ends with it (or a spelling variant of it), or after a title that takes a given name the one
    it starts ("Sir Ian"); where two such names fit, the one of the title's sex, or the one written before the surname's
    first use while the other was not yet (see _narrow); a title of another person ("Mrs" beside "Mr",
    "Judge" beside a minister) keeps it apart. A gendered title also finds a full name the model typed
    otherwise ("Mrs Badenoch" -> "Kemi Badenoch", then a person). A bare word that no full name ends with
    but one starts is that person's given name ("Hunter" -> "Hunter Biden")."""
    person_keys: dict[str, bool] = {}
    for doc, ids in cl.by_doc.items():
        fulls = _document_fulls(cl, ids, person_keys, MIN_TOKEN_RATIO)
        shaped: list | None = None
        for x in ids:
            u = cl.units[x]
            short = _short_tokens(u, hyphenated=True)
            if short is None or u.entry is not None or not _may_be_person(cl, u):
                continue
            pool = fulls
            person_votes = u.votes.get("PERSON", 0)
            if u.gender or person_votes > sum(u.votes.values()) - person_votes:  # "Mrs Badenoch", "Kohli"
                shaped = shaped if shaped is not None else _person_shaped(cl, ids, fulls)
                pool = fulls + shaped
            found = _document_candidates(cl, x, short, pool, MIN_TOKEN_RATIO)
            cands, rule = _narrow(cl, u, ids, found), "surname"
            if not found and (u.votes.get("PERSON") or short[0] in given_names() and not is_word_name(short[0])):
                cands, rule = _given_name_candidates(cl, short, fulls), "given-name"
            elif len(short) == 1 and not _surname_titled(u) and any(
                    toks[0] == short[0] and cl.root(f) not in found and toks[-1] not in cl.states
                    and not _hyphenated(cl.units[f]) for f, toks in fulls):  # ("Zuma-Sambudla" starts no given name)
                continue  # the surname of one full name and the given name of another ("Prabowo"): no guess
                # (not of a name glued to a state: "told Funaro Brazil had to"; "Mr Howard" is a surname)
            if len(cands) != 1:
                continue
            target, how = next(iter(cands.values()))
            if how == "variant" and (_someones_surname(cl, short[-1]) or _read_as_organisation([u])):
                continue  # "Reagan" beside "Donald Regan" is Ronald Reagan where the corpus has him
            if how == "middle" and (_someones_surname(cl, short[-1]) or _read_as_organisation([u])):
                continue  # "Huckabee" beside "Sarah Huckabee Sanders" is Mike Huckabee where the corpus has him
            if rule == "surname" and _no_persons_surname(cl, [u], cl.units[target].key):
                continue  # "Bratislava" (a place here) of "Slovan Bratislava" (a club the model took for a person)
            if _link_ok(how, set(u.titles), _titles_for_link(cl, u, target, ids)):
                cl.join(target, x, rule, cl.units[target].key)
                if cl.type(target) != "PERSON" and (u.gender or u.titles):
                    cl.units[target].cues["PERSON"] += u.count  # the titles say who the name is
                    cl.retype(target)


def _read_as_organisation(us: list[Unit]) -> bool:
    """Whether the units of a bare name read as an organisation's (a vote or a cue) and never as a person's
    (no PERSON vote, no title): no misspelt surname ("the ruling Morena party" beside "Alejandro Moreno")."""
    return not any(u.votes.get("PERSON") or u.titles or u.gender for u in us) and any(
        u.votes.get("ORG") or u.cues.get("ORG") for u in us)


def _no_persons_surname(cl: Clusters, us: list[Unit], full: str) -> bool:
    """True when a bare name (its units ``us``) that the model never reads as a person, and no title
    marks, is no surname of the full name ``full`` (a match key) ends with: a people's name ("a Slovak
    footballer" beside "Samuel Slovák"), or a known place's beside a full name with no given name before it
    ("Bratislava" beside "Slovan Bratislava": a club's name the model took for a person's)."""
    if any(u.votes.get("PERSON") or u.titles or u.gender for u in us):
        return False
    return us[0].key in load_demonyms() or us[0].key in cl.places and not any(
        t in given_names() for t in name_tokens(full)[:-1])


def place_typos_in_document(cl: Clusters, config: ResolveConfig) -> None:
    """A one-word name one letter off a known place or state that its article names (a letter wrong, added or
    left out, or two swapped: "Toyko" beside "Tokyo", "Equador" beside "Ecuador") is that place, when it is
    itself no known place or state and no English word, has five letters or more, starts with the same
    letter, is taken for a place by at least half the model's votes ("Brasil" of "Banco do Brasil" is an
    ORG), and is no demonym ("Russian" is one letter off "Russia") and has no title. Two known states are never one
    ("Iran", "Iraq"): spelling_variants leaves places alone, so their typos are caught here, in an article."""
    from rapidfuzz.distance import OSA

    demonyms = config.demonym_table if config.demonym_table is not None else load_demonyms()
    for doc, ids in cl.by_doc.items():
        known = {cl.units[y].key: y for y in ids if " " not in cl.units[y].key
                 and (cl.units[y].key in cl.states or cl.units[y].key in cl.places)}
        if not known:
            continue
        for x in ids:
            u, key = cl.units[x], cl.units[x].key
            if " " in key or len(key) < 5 or key in cl.states or key in cl.places or u.entry is not None \
                    or u.titles or u.gender or 2 * (u.votes.get("GPE", 0) + u.votes.get("LOC", 0)) < \
                    sum(u.votes.values()) or key in demonyms or _singular(key) in demonyms \
                    or u.rule in DOCUMENT_RULES or {key, _singular(key)} & dictionary_words() \
                    or not _typo_only_beside(cl, key, known, x):  # (last: it reads the key's other articles)
                continue
            cands = [y for k, y in known.items() if k[0] == key[0] and OSA.distance(k, key) == 1]
            if len(cands) == 1:
                cl.join(cands[0], x, "place-typo", cl.units[cands[0]].key)


def _typo_only_beside(cl: Clusters, key: str, known: dict[str, int], x: int) -> bool:
    """A misspelling has no articles of its own: every article with ``key`` names a known place one letter off
    it, and here it is rarer than the place ("Paros" written alone elsewhere is an island, not Paris)."""
    from rapidfuzz.distance import OSA

    near = [y for k, y in known.items() if OSA.distance(k, key) == 1]
    if not near or cl.units[x].count >= max(cl.units[y].count for y in near):
        return False
    for z in cl.by_key[key]:
        doc_keys = {cl.units[w].key for w in cl.by_doc[cl.units[z].doc]}
        if not any(OSA.distance(k, key) == 1 and (k in cl.states or k in cl.places) for k in doc_keys):
            return False
    return True


def _someones_surname(cl: Clusters, word: str, ids: list[int] | None = None) -> bool:
    """Whether some full name that reads as a person ends with ``word`` as written: of the corpus, or of the
    article of the units ``ids`` ("Rockefeller" beside "David Rockefeller")."""
    keys = cl.by_last_word.get(word, ())
    if ids is not None:
        here = {cl.units[y].key for y in ids}
        keys = [k for k in keys if k in here]
    return any(cl.key_type(k) == "PERSON" for k in keys)


def organisation_in_document(cl: Clusters, config: ResolveConfig) -> None:
    """An organisation's short form ("Northgate") joins the one longer organisation name of its article that
    starts with it, or a company's that does once initials are left out ("G.D. Searle and Co ... Searle"),
    and comes before it ("Northgate Energy plc ... Northgate said"; see _written_before), as news writes a
    name in full first and short after, when it only ever stands for that name (see _short_form_of); or, with none,
    the one company whose name ends with it ("Eastman Kodak Co ... Kodak", see _last_word_of_company). Known
    places and alias-file names are left alone."""
    for doc, ids in cl.by_doc.items():
        longs = [(x, [w.rstrip(",") for w in cl.units[x].key.split()]) for x in ids  # "Sears, Roebuck and Co"
                 if len(cl.units[x].key.split()) >= 2 and cl.key_type(cl.units[x].key) == "ORG"
                 and not cl.units[x].acronym]
        if not longs:
            continue
        for x in ids:
            u = cl.units[x]
            toks = u.key.split()
            if u.entry is not None or u.key in cl.states or len(toks) > 2 or u.rule in DOCUMENT_RULES \
                    or (u.acronym and len(toks) > 1) or _read_as_place(cl, u):
                continue
            if _vote(u.votes + Counter({t: CUE_WEIGHT * k for t, k in u.cues.items()})) != "ORG":
                _company_word(cl, x, longs)  # "Moore" of "Moore Corp Ltd", taken for a person
                continue
            starting = [(y, long) for y, long in longs if len(long) > len(toks) and long[:len(toks)] == toks
                        or not u.acronym and _legal_form(cl.units[y].key)
                        and _without_initials(cl, y)[:len(toks)] == toks]
            cands = _written_before(cl, u, starting)
            if len(cands) == 1:
                y = next(iter(cands.values()))
                if _short_form_of(cl, u.key, cl.units[y].key, strict=u.acronym) \
                        and not _name_of_its_own(cl, x, cl.units[y].key, ids):
                    cl.join(y, x, "short-form", cl.units[y].key)
            elif not cands and len(toks) == 1 and not u.acronym and not _someones_surname(cl, u.key, ids):
                _last_word_of_company(cl, x, longs)


def _read_as_place(cl: Clusters, u: Unit) -> bool:
    """Whether a name is a known place (data/places.tsv) that the model reads as a place in the article:
    "Abu Dhabi" of "another Abu Dhabi fund ... Abu Dhabi, the capital" is no short form of "Abu Dhabi National
    Oil Company"; "Toyota", a city the model reads as the company there, may be "Toyota Motor Corp"'s (and
    "Orange" of "Orange SA" stays the company's, whatever a wildfire story calls Orange, California)."""
    return u.key in cl.places and u.votes.get("GPE", 0) + u.votes.get("LOC", 0) > 0


def _written_before(cl: Clusters, u: Unit, longs: list[tuple[int, list[str]]], late: bool = False) -> dict[int, int]:
    """{root: unit} of the names ``longs`` written before the short form ``u``'s first mention, or, with
    none and ``late``, before one of its mentions (a headline may use the short form first: "Nvidia
    abandons ..." over "Nvidia Corp has abandoned ..."; only for a company named by the word and a legal
    form: "Amazon" is never "Amazon Web Services" for being written before it too)."""
    for at in (u.first, u.last) if late else (u.first,):
        cands = {cl.root(y): y for y, _ in longs if cl.units[y].first < at}
        if cands:
            return cands
    return {}


def _name_of_its_own(cl: Clusters, x: int, long: str, ids: list[int]) -> bool:
    """Whether the short form ``x`` of ``long`` (the words it leaves out are no legal form or generic head)
    names something else: an institution of its own ("Velsk University" beside "Velsk University School
    of Law"; not "Velsk Bank" beside "Velsk Bank of Qarvania"), the parent of a subsidiary named by a place
    ("Velsk Motors" beside "Velsk Motors Canada Ltd"), or a person of the article ("Rockefeller" beside
    "David Rockefeller" and the "Rockefeller Brothers Fund")."""
    key = cl.units[x].key
    extra = long.split()[len(key.split()):]
    if all(w in _company_suffixes() or w in word_set("org_heads.txt") for w in extra):
        return False
    if key.split()[-1] in word_set("institution_heads.txt") | word_set("facility_heads.txt") \
            and extra[0] not in ("of", "for"):  # ("Commonwealth Bank" is the "Commonwealth Bank of Australia")
        return True
    spans = {" ".join(extra[i:j]) for i in range(len(extra)) for j in range(i + 1, min(i + 3, len(extra)) + 1)}
    return any(s in cl.states or s in cl.places for s in spans) or _someones_surname(cl, key, ids)


def _last_word_of_company(cl: Clusters, x: int, longs: list[tuple[int, list[str]]]) -> None:
    """A one-word organisation ("Kodak") joins the one company of its article, written before it with a legal
    form, whose name ends with that word once the legal form and generic heads are left out ("Eastman Kodak
    Co"), when no article uses the word without that company's name, and no other word of that name starts
    another name of the article: "Dow Corning Corp ... Dow Chemical Co and Corning" names a joint venture of
    two companies, not one."""
    u = cl.units[x]
    heads = _company_suffixes() | word_set("org_heads.txt") | word_set("initial_stopwords.txt")
    cands = {}
    for y, long in longs:
        core = list(long)
        while core and core[-1] in heads:
            core.pop()
        if len(core) >= 2 and core[-1] == u.key and cl.units[y].first < u.first and _legal_form(cl.units[y].key):
            # the first words of the article's other names ("Dow" of "Dow Chemical Co" beside "Dow Corning")
            others = {cl.units[z].key.split()[0] for z in cl.by_doc[u.doc]
                      if cl.root(z) not in (cl.root(x), cl.root(y))}
            if not any(w in others for w in core[:-1]):
                cands[cl.root(y)] = y
    if len(cands) == 1:
        y = next(iter(cands.values()))
        with_long = {cl.units[z].doc for z in cl.by_key[cl.units[y].key]}
        if all(cl.units[z].doc in with_long for z in cl.by_key[u.key]):
            cl.join(y, x, "short-form", cl.units[y].key)


def _company_word(cl: Clusters, x: int, longs: list[tuple[int, list[str]]]) -> None:
    """A one-word name the model took for a person ("Goodrich said Moore is looking for acquisitions"), or
    for a place or a people where a company's cue says otherwise ("Piedmont shares"), joins the one company
    of its article, written before it with a legal form, whose name it starts once initials are left out
    ("Moore Corp Ltd", "N.M. Rothschild and Sons Ltd"), unless it is person-like there (a title, a gender, a
    person's cue) or a known place: in that article the word is the company, not a person of the same name
    elsewhere in the corpus."""
    u = cl.units[x]
    voted = _vote(u.votes)
    if " " in u.key or u.titles or u.gender or u.cues.get("PERSON") or u.key in cl.places or u.key in cl.states \
            or u.fixed_type or voted not in ("PERSON", "GPE", "LOC", "NORP"):
        return
    # a place or people named like a company ("Bougainville" of "Bougainville Copper Ltd") stays, unless
    # "Piedmont shares" says, or the company's name is the word and a legal form ("Nvidia Corp ... Nvidia")
    cue = voted == "PERSON" or u.cues.get("ORG")
    cands = _written_before(cl, u, [(y, long) for y, long in longs if _legal_form(cl.units[y].key) and (
        _without_initials(cl, y)[:1] == [u.key] if cue else
        voted != "NORP" and _without_initials(cl, y) == [u.key, _legal_form(cl.units[y].key)])], late=not cue)
    if len(cands) == 1:
        y = next(iter(cands.values()))
        cl.join(y, x, "short-form", cl.units[y].key)


def _without_initials(cl: Clusters, y: int) -> list[str]:
    """The words of a unit's name after the initials it starts with ("N.M. Rothschild" -> rothschild)."""
    form = max(cl.units[y].forms, key=lambda f: (cl.units[y].forms[f], f))
    words = form.split()
    while words and re.fullmatch(r"(?:[A-Z]\.)+", words[0]):
        words = words[1:]
    return match_key(" ".join(words)).split()


def _short_form_of(cl: Clusters, short: str, long: str, strict: bool = False) -> bool:
    """True when ``short`` only ever stands for ``long``: the words it leaves out are a legal form or a
    generic head ("Velsk" of "Velsk Holdings Ltd"), or no article uses it without ``long`` ("Boeing" has
    articles of its own, so it is never folded into "Boeing Capital"). ``strict`` (an acronym, which stands
    for many things: "EC" and "EC Commission") takes only the second."""
    extra = long.split()[len(short.split()):]
    if not strict and all(w in _company_suffixes() or w in word_set("org_heads.txt") for w in extra):
        return True
    docs = _docs_of_name(cl, long)
    with_long = sum(cl.units[x].doc in docs for x in cl.by_key[short])
    return with_long == len(cl.by_key[short]) or not strict and 5 * with_long >= 3 * len(cl.by_key[short]) \
        and len(cl.by_key[short]) >= 10 and _only_long_name(cl, short, long)


def _only_long_name(cl: Clusters, short: str, long: str) -> bool:
    """Whether ``long`` is the one organisation name of the corpus that starts with ``short``, counting its
    other forms as one ("Moody's Investors Service Inc", "Moody's Investor Services") and leaving out a
    country's subsidiary ("Moody's Japan K.K."): then a short form of ten articles or more, three in five of
    them beside it, stands for it where written alone too ("Boeing" stays apart from "Boeing Capital" and "Boeing
    Co": two names)."""
    stem = org_stem(long).stem.split()[:len(short.split()) + 1]
    for key in cl.by_long_prefix.get(short, ()):
        extra = key.split()[len(short.split()):]
        if any(w in cl.states or w in cl.places for w in extra) or cl.key_type(key) != "ORG":
            continue
        if org_stem(key).stem.split()[:len(stem)] != stem:
            return False
    return True


def _docs_of_name(cl: Clusters, key: str) -> set[str]:
    """The articles that write a name with or without its legal form ("Velsk Semiconductor Inc", "Velsk
    Semiconductor"): those of every key with its org_stem, when that stem is two words or more."""
    stem = org_stem(key).stem
    if " " not in stem:
        return {cl.units[x].doc for x in cl.by_key[key]}
    if cl.stem_docs is None:
        cl.stem_docs = defaultdict(set)
        for u in cl.units:
            if len(u.key.split()) >= 2:
                cl.stem_docs[org_stem(u.key).stem].add(u.doc)
    return cl.stem_docs[stem] | {cl.units[x].doc for x in cl.by_key[key]}


def _state_key(cl: Clusters, key: str, demonyms: dict[str, str]) -> str:
    """The match key of the state a name form names ("american" -> "united states", "us" -> "united states"
    through the alias table, or an abbreviation the corpus's NER calls a GPE), or of a body of states that
    qualifies names as one does ("un" -> "united nations"), or "". Cities are no states: "Manchester United"
    is no "United" of Manchester."""
    if key in demonyms:
        return _sovereign(match_key(demonyms[key]))
    e = cl.table.index(key)
    if e is not None and cl.table.entries[e].type == "GPE":
        return _sovereign(match_key(cl.table.entries[e].name))
    if key in cl.states or re.fullmatch(r"(?:[a-z] ){1,2}[a-z]", key) and cl.key_type(key) == "GPE":
        return _sovereign(key)  # a state of the tables, or an abbreviation the corpus calls a place ("u s")
    return _supranational().get(key, "")  # "UN Security Council" (data/supranational.tsv)


@lru_cache(maxsize=1)
def _supranational() -> dict[str, str]:
    return {match_key(row[0]): match_key(row[1]) for row in data_table("supranational.tsv") if len(row) > 1}


def _bare_key(cl: Clusters, bare: str) -> str:
    """The key the corpus writes an organisation's bare name by: ``bare`` itself (where the corpus has it
    as a name of its own, not only as a short form of one article), or a form data/org_forms.tsv gives that
    name ("fed" for "federal reserve", where only "Fed" is written), or the name with an institution's head
    ("treasury department" for "US Treasury"), else ``bare`` as a short form, else ""."""
    if bare in cl.by_key and cl.key_type(bare) == "ORG":
        if _representative(cl, bare) is not None:
            return bare
    forms = _org_forms_of().get(bare, ()) + tuple(f"{bare} {h}" for h in sorted(_inverted_heads()))
    return next((k for k in forms if k in cl.by_key and cl.key_type(k) == "ORG"), bare if bare in cl.by_key
                and cl.key_type(bare) == "ORG" else "")


@lru_cache(maxsize=1)
def _org_forms_of() -> dict[str, tuple[str, ...]]:
    """data/org_forms.tsv the other way: match key of a name -> the match keys of its forms, sorted."""
    out: dict[str, list[str]] = defaultdict(list)
    for form, name in _org_form_names().items():
        out[match_key(name)].append(form)
    return {name: tuple(sorted(forms)) for name, forms in out.items()}


def _qualified(cl: Clusters, config: ResolveConfig) -> dict[str, dict[str, list[int]]]:
    """Organisation names qualified by a state ("West German Bundesbank", "U.S. Congress"), by the name
    without the state, when that name is an organisation of the corpus too: {bare key: {state: [units]}}."""
    demonyms = config.demonym_table if config.demonym_table is not None else load_demonyms()
    out: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for i, u in enumerate(cl.units):
        state = _possessor(cl, u, demonyms)
        if state and u.key not in cl.states:  # "Kenya's Senate": the Senate qualified by Kenya in its article
            out[u.key][state].append(i)
            continue
        toks = u.key.split()
        if len(toks) < 2 or u.entry is not None or u.acronym or cl.key_type(u.key) not in ("ORG", "NORP"):
            continue  # ("Saudi Aramco" is often typed NORP)
        for n in range(1, min(3, len(toks) - 1) + 1):
            bare, state = " ".join(toks[n:]), _state_key(cl, " ".join(toks[:n]), demonyms)
            if state and _bare_key(cl, bare) and bare not in cl.states:
                out[bare][state].append(i)
                break
    return out


def _possessor(cl: Clusters, u: Unit, demonyms: dict[str, str]) -> str:
    """The state that names an organisation's unit in the possessive ("Kenya's Senate"), when its article
    gives it one such state only, and the corpus has it as an organisation."""
    if not u.possessors or u.entry is not None or cl.key_type(u.key) not in ("ORG", "NORP"):
        return ""
    states = {_state_key(cl, k, demonyms) for k in u.possessors}
    return states.pop() if len(states) == 1 else ""


def qualified_in_document(cl: Clusters, config: ResolveConfig) -> None:
    """A bare institution's name that the corpus qualifies by several states ("Finance Ministry" beside
    "Japanese Finance Ministry" here and "French Finance Ministry" there) is, in an article that
    qualifies it once, the qualified one; elsewhere it stays as it is."""
    for bare, by_state in _qualified(cl, config).items():
        if len(by_state) < 2:
            continue
        for x in cl.by_key.get(_bare_key(cl, bare), ()):
            u = cl.units[x]
            here = {s: [q for q in qs if cl.units[q].doc == u.doc] for s, qs in by_state.items()}
            here = {s: qs for s, qs in here.items() if qs}
            if len(here) == 1 and u.entry is None and u.rule not in DOCUMENT_RULES:
                q = next(iter(here.values()))[0]
                cl.join(q, x, "qualified-in-document", cl.units[q].key)


def qualified_forms(cl: Clusters, config: ResolveConfig) -> None:
    """An institution's name qualified by the one state the corpus ever qualifies it by ("West German
    Bundesbank", "U.S. Congress", "American Congress") is that institution ("Bundesbank", "Congress"), when
    one article uses both forms ("American Express" joins no "Express" it never stands beside), or, for a bare
    name of two words or more, where most of its articles name that state and are about no other one
    ("U.S. Agriculture Department": "Agriculture Department" in articles that name the United States;
    "American Stock Exchange" joins no "Stock Exchange" of articles about Britain)."""
    for bare, by_state in _qualified(cl, config).items():
        target = _representative(cl, _bare_key(cl, bare))
        if len(by_state) != 1 or target is None:
            continue
        (state, qualified), = by_state.items()
        bare_docs = {cl.units[x].doc for x in cl.by_key[_bare_key(cl, bare)]}
        if not any(cl.units[q].doc in bare_docs for q in qualified) and not (
                " " in bare and _articles_about(cl, bare_docs, state)):
            continue
        bkey = _bare_key(cl, bare)
        for q in qualified:  # the bare name of the qualified one's own article first ("Italian Democratic Party"
            t = next((y for y in cl.by_key[bkey] if cl.units[y].doc == cl.units[q].doc), target)  # ... "Democrats")
            if not (cl.fixed(q) and cl.fixed(t)):
                cl.join(t, q, "qualified", bare)


def region_heads(cl: Clusters, config: ResolveConfig) -> None:
    """The bare name of a region written with its capitalised head ("Nineveh" beside "Nineveh Province",
    data/region_heads.txt) is a place where the model took it for a person in the region's own article
    with no title and no given name in it. It stays another place than the region (the town the province is
    named after: "Kermanshah", "Kermanshah Province")."""
    heads = frozenset(match_key(w) for w in word_set("region_heads.txt"))
    for r in cl.roots():
        if cl.type(r) not in ("GPE", "LOC"):
            continue
        for x in cl.by_name(cl.members(r)):
            toks = cl.units[x].key.split()
            if len(toks) < 2 or toks[-1] not in heads or any(t in given_names() for t in toks[:-1]):
                continue
            for y in cl.by_doc[cl.units[x].doc]:
                u = cl.units[y]
                if u.key == " ".join(toks[:-1]) and 2 * u.votes.get("PERSON", 0) > sum(u.votes.values()) and not (
                        u.titles or u.gender or u.entry is not None):
                    u.cues[cl.type(x)] += u.count * CUE_WEIGHT  # the region's article says what the name is
                    cl.retype(y)


def _articles_about(cl: Clusters, docs: set[str], state: str) -> bool:
    """Whether more than half of the articles ``docs`` name ``state`` and are about no other state (see
    Clusters.article_state)."""
    return 2 * sum(cl.state_counts(d)[state] > 0 and cl.article_state(d) in ("", state) for d in docs) > len(docs)


@lru_cache(maxsize=1)
def _polity_form() -> re.Pattern:
    heads = "|".join(sorted((re.escape(match_key(w)) for w in word_list("polity_heads.txt")), key=len, reverse=True))
    return re.compile(rf"^(?:[a-z]+ ){{0,2}}(?:{heads}) of (?:the )?(.+)$")


def polity_forms(cl: Clusters, config: ResolveConfig) -> None:
    """A state's formal name is the state ("Kingdom of Thailand", "People's Republic of China", "State of
    Israel"), where the corpus writes the short name as a place and gives it one formal name only."""
    formal: dict[str, set[str]] = defaultdict(set)
    for key in cl.by_key:
        m = _polity_form().match(key)
        if m and m.group(1) in cl.by_key and cl.key_type(m.group(1)) in ("GPE", "LOC"):
            formal[m.group(1)].add(key)
    for short, keys in sorted(formal.items()):
        target = _representative(cl, short)
        if len(keys) != 1 or target is None:
            continue  # "Republic of China" and "People's Republic of China": two states
        for x in cl.by_key[next(iter(keys))]:
            if cl.units[x].rule not in DOCUMENT_RULES and not (cl.fixed(x) and cl.fixed(target)):
                cl.join(target, x, "formal-name", short)


def other_state_names(cl: Clusters, config: ResolveConfig) -> None:
    """The names data/states.tsv gives one state are that state ("Côte d'Ivoire" and "Ivory Coast", "DR Congo"
    and "Democratic Republic of Congo", "Burma" and "Myanmar"), where the corpus writes them as places; "Congo"
    (no row of its own: the Republic or the Democratic Republic) stays as it is."""
    groups: dict[str, list[str]] = defaultdict(list)
    for key, name in _state_rows().items():
        state = match_key(name)
        if key in cl.by_key and cl.key_type(key) == "GPE":  # (a LOC would take a state out of the graph)
            groups[state].append(key)
    for state, keys in sorted(groups.items()):
        reps = [x for x in (_representative(cl, k) for k in sorted(keys, key=lambda k: (k != state, k)))
                if x is not None]
        for x in reps[1:]:
            if not (cl.fixed(x) and cl.fixed(reps[0])):
                cl.join(reps[0], x, "state-name", state)


@lru_cache(maxsize=1)
def _state_rows() -> dict[str, str]:
    """data/states.tsv: the match key of a state's name -> the state's label ("burma" -> "Myanmar")."""
    return {match_key(row[0]): row[1] for row in data_table("states.tsv") if len(row) > 1}


def alias_file_surnames(cl: Clusters, config: ResolveConfig) -> None:
    """A bare surname listed in an alias file ("Blair" for Tony Blair) names that person only where its
    document did not already say who it is (another "Ian Blair" there keeps it)."""
    anchor = {u.entry: i for i, u in enumerate(cl.units) if u.entry is not None}
    for i, u in enumerate(cl.units):
        if u.deferred is None or u.rule in DOCUMENT_RULES:
            continue
        u.entry, u.rule = u.deferred, "alias-file"
        if u.deferred in anchor:
            cl.join(anchor[u.deferred], i)
        else:
            anchor[u.deferred] = i


def office_in_corpus(cl: Clusters, config: ResolveConfig) -> None:
    """A bare surname its article titles with an office ("Treasury Secretary Baker") and did not resolve is,
    in that article, the corpus's one person of that surname whose full name is titled with that office
    ("Treasury Secretary James Baker" elsewhere), whatever other people of that surname the corpus has
    (Howard Baker): the other articles' bare "Baker" stay for the rules after (person_in_corpus)."""
    holders: dict[tuple[str, str], set[str]] = defaultdict(set)  # (surname, office) -> full names' keys
    anchor: dict[str, int] = {}
    for i, u in enumerate(cl.units):
        toks = name_tokens(u.key)
        if u.rule in DOCUMENT_RULES or len(toks) < 2 or u.acronym or cl.key_type(u.key) != "PERSON":
            continue
        anchor.setdefault(u.key, i)
        for t in u.offices:
            holders[(toks[-1], t)].add(u.key)
    for i, u in enumerate(cl.units):
        toks = name_tokens(u.key)
        offices = set(u.offices)
        if u.rule in DOCUMENT_RULES or u.entry is not None or len(toks) != 1 or not offices:
            continue
        keys = set().union(*(holders.get((toks[0], t), set()) for t in offices))
        if len(keys) == 1:
            full = next(iter(keys))
            cl.join(anchor[full], i, "office-in-corpus", full)


def exact(cl: Clusters, config: ResolveConfig) -> None:
    """The same name form (match key) is the same entity across documents, except surnames that their
    document already resolved and names a title gives another gender, or makes a peer ("Lord Reed"), and
    institutions' names many states share in articles about different states (see _generic_places)."""
    places = _stem_places(cl, config)
    cl.unit_state.update(places)
    for key, ids in cl.by_key.items():
        free = [x for x in ids if cl.units[x].rule not in DOCUMENT_RULES]
        apart = _titled_apart(cl, key, free)
        genders = _bare_gender(cl, [x for x in free if x not in apart])
        first: dict[tuple[str, bool, str, bool], int] = {}
        for x in free:  # "Mr Howard" and "Mrs Howard" are two people; "Howard" goes with either if only one is
            gender = cl.units[x].gender if x in apart else (
                cl.units[x].gender or (next(iter(genders)) if len(genders) == 1 else ""))
            g = (gender, cl.units[x].peer, places.get(x, ""), x in apart)
            if g in first:
                cl.join(first[g], x)
            else:
                first[g] = x


def short_forms_in_corpus(cl: Clusters, config: ResolveConfig) -> None:
    """A short form that every article with a long name gave one company ("Ford" of "Ford Motor Co", see
    organisation_in_document; forms of one name count as one, the most mentioned taking it) stands for that
    company in the articles that write it alone too, where the corpus reads it as an organisation and
    nothing else joined it."""
    for key, ids in sorted(cl.by_key.items()):
        taken = {cl.root(x) for x in ids if cl.units[x].rule == "short-form"}
        stems = {org_stem(cl.units[x].via).stem for x in ids if cl.units[x].rule == "short-form"}
        if not taken or len(stems) != 1:
            continue  # (forms of one name, "Moody's Investors Service Inc" and "Moody's Investors", are one)
        target = min(taken, key=lambda r: (-sum(cl.units[y].count for y in cl.members(r)), r))
        for r in sorted({cl.root(x) for x in ids} - {target}):
            if cl.type(r) == "ORG" and {cl.units[y].key for y in cl.by_name(cl.members(r))} == {key} \
                    and not (cl.fixed(r) and cl.fixed(target)):
                cl.join(target, r, "short-form-corpus", cl.units[target].key)


def _bare_gender(cl: Clusters, ids: list[int]) -> set[str]:
    """The genders the units of a name form are titled with ({"female"} for "Mrs Howard"), which units
    without a title take when there is one ("Howard" is Mrs Howard where no Mr Howard is); none when
    those titles are on fewer than a fifth as many mentions as the untitled ones ("Mrs Reagan" twice
    says who those two are, not who a thousand "Reagan"s are)."""
    genders = {cl.units[x].gender for x in ids} - {""}
    titled = sum(cl.units[x].count for x in ids if cl.units[x].gender)
    bare = sum(cl.units[x].count for x in ids if not cl.units[x].gender)
    return genders if 5 * titled >= bare else set()


def _titled_apart(cl: Clusters, key: str, ids: list[int]) -> set[int]:
    """The units of a name form that a title makes a person ("President Ford") where the rest of the form's
    units are an organisation's or a place's: the model reads them otherwise (a third of the votes for a
    person at most), they are at least twice as many, and the corpus says the name is no person's: a cue
    of another type with them ("the carmaker Ford") or a longer name of that type starting with it ("Ford
    Motor Co"). Those units stay apart from the rest ({} otherwise)."""
    titled = {x for x in ids if cl.units[x].titles or cl.units[x].gender}
    rest = [x for x in ids if x not in titled]
    if not titled or not rest:
        return set()
    votes: Counter = Counter()
    for x in rest:
        votes.update(cl.units[x].votes)
    n_titled = sum(cl.units[x].count for x in titled)
    if 3 * votes["PERSON"] > sum(votes.values()) or sum(votes.values()) < 2 * n_titled:
        return set()
    cued = any(t != "PERSON" for x in rest for t in cl.units[x].cues)
    longer = any(k.startswith(key + " ") and cl.key_type(k) in ("ORG", "GPE", "FAC") for k in cl.by_key)
    return titled if cued or longer else set()


def _stem_places(cl: Clusters, config: ResolveConfig) -> dict[int, str]:
    """The state of each unit of the names many states' institutions share (words of data/generic_names.txt
    only: "Congress", "Supreme Court", "Conservatives"), decided over all the forms of one name together
    (org_stem: "Conservative", "Conservatives", "Conservative Party"), see _generic_places."""
    qualified = _qualified(cl, config)
    words = word_set("generic_names.txt")
    by_stem: dict[str, tuple[list[int], set[str]]] = {}
    for key, ids in cl.by_key.items():
        if all(w in words for w in key.split()) and cl.key_type(key) in ("ORG", "NORP"):
            units, qualifiers = by_stem.setdefault(org_stem(key).stem, ([], set()))
            units.extend(x for x in ids if cl.units[x].rule not in DOCUMENT_RULES)
            qualifiers.update(qualified.get(key, ()))
            cl.generic_units.update(ids)
    own = {x: state for bare, by_state in qualified.items() for state, xs in by_state.items()
           for x in xs if cl.units[x].key == bare}  # "Kenya's Senate": the Senate of Kenya, whatever else it names
    places: dict[int, str] = {}
    for stem in sorted(by_stem):
        places.update(_generic_places(cl, *by_stem[stem], own))
    return places


def _generic_places(cl: Clusters, ids: list[int], qualifiers: set[str] = frozenset(),
                    own: dict[int, str] | None = None) -> dict[int, str]:
    """For the units of a name many states' institutions share (see _stem_places), the state each unit's
    article is about; an article about no one state goes with the state most of the name's articles are
    about (two thirds of them), else stays apart from them ("?"). An article about another state that names
    the main one too has the main one's, unless the corpus qualifies the name by the article's state.
    ``qualifiers``: the states the corpus qualifies the name by ("U.S. Congress", "Peruvian Congress"); an
    article about a state that is not one of them, naming one that is, has that one's ("Congress" in an
    article about Iran's arms deals that names the United States is no "Congress (Iran)"). Where most of the
    name's articles are about no one state (a country's own news seldom names it, and its "Labour" in a
    story on Rwanda is still the one party), the articles of a state are apart only where two states or
    more are named by two articles each, or qualify the name ("Peruvian Congress"); the others stay
    together. {} (one entity across articles) where no two states are apart. States are counted as their
    sovereign (data/constituent_countries.tsv: Scotland's "Labour" is the United Kingdom's). ``own``: the
    state of units their article qualifies in the possessive ("Kenya's Senate")."""
    own = own or {}
    places = {x: own.get(x) or _institution_state(cl, cl.units[x].doc, qualifiers) for x in ids}
    known = Counter(p for p in places.values() if p)
    if len(known) < 2:
        return {}
    lean = _lean(known) if max(known.values()) >= 3 else "?"  # (two articles of one state are no main state)
    if 2 * sum(known.values()) < len(places):  # most articles say no state: a country's own news
        return _stateless_places(cl, places, qualifiers)
    if lean != "?":  # an article about another state that names the main one too: the main one's institution
        for x, p in places.items():  # ("Labour" in a British paper's story on Iraq that names Britain)
            if p and p != lean and p not in qualifiers and cl.state_counts(cl.units[x].doc)[lean]:
                places[x] = lean
        if all(p in ("", lean) for p in places.values()):
            return {}
    return {x: p or lean for x, p in places.items()}


def _stateless_places(cl: Clusters, places: dict[int, str], qualifiers: set[str]) -> dict[int, str]:
    """_generic_places where most of the name's articles name no state. Their own state ("home") is the one
    a third of them name at least once, and twice as many as any other (Reuters' stories with a "Foreign
    Ministry" name the United States, and Japan nearly as often: no home; its ministries are Japan's or
    Brazil's); an article on another state that names it is about its institution
    ("Congress" in a story on Iran's arms deals that names the United States); the other states keep their
    articles where two of them, or a qualified name, say so (one story on Rwanda is no "Labour" of it), if two
    states are left; the rest go with home (or stay together, with none)."""
    stateless = {cl.units[x].doc for x, p in places.items() if not p}
    named = sorted(Counter(p for d in stateless for p, k in cl.state_counts(d).items() if k).items(),
                   key=lambda kv: (-kv[1], kv[0]))
    home = named[0][0] if named and 3 * named[0][1] >= len(stateless) \
        and (len(named) == 1 or named[0][1] >= 2 * named[1][1]) else ""
    out = {}
    for x, p in places.items():
        named_home = home and cl.state_counts(cl.units[x].doc)[home]
        out[x] = home if p and p not in qualifiers and named_home else p
    docs: dict[str, set[str]] = defaultdict(set)
    for x, p in out.items():
        docs[p].add(cl.units[x].doc)
    apart = {p for p in docs if p and (p in qualifiers or len(docs[p]) >= 2)}
    return {x: p if p in apart else home for x, p in out.items()} if len(apart) >= 2 else {}


def _institution_state(cl: Clusters, doc: str, qualifiers: set[str]) -> str:
    state = cl.article_state(doc)
    if not state or not qualifiers or state in qualifiers:
        return state
    named = [s for s, _ in sorted(cl.state_counts(doc).items(), key=lambda kv: (-kv[1], kv[0])) if s in qualifiers]
    return named[0] if named else state


def _representative(cl: Clusters, key: str) -> int | None:
    """A unit of the name form ``key`` that no document rule took, in its largest cluster (a name exact()
    kept apart by state, "Treasury", is joined to through its main entity, not the first state's)."""
    free = [x for x in cl.by_key.get(key, ()) if cl.units[x].rule not in DOCUMENT_RULES]
    if len({cl.root(x) for x in free}) <= 1:
        return free[0] if free else None
    size = {r: sum(cl.units[y].count for y in cl.members(r)) for r in {cl.root(x) for x in free}}
    return min(free, key=lambda x: (-size[cl.root(x)], x))


class AcronymMeaning(NamedTuple):
    """What the corpus's definitions of one acronym say: its long forms grouped by name (each group: the
    name's words, its long forms' match keys, the articles defining it), and the group that the articles
    not defining it take (None: no one meaning, see acronym_defined)."""

    groups: list[tuple[list[str], set[str], set[str]]]
    meaning: int | None


def _acronym_meanings(cl: Clusters, definitions: Iterable[tuple[str, str, str]]) -> dict[str, AcronymMeaning]:
    groups: dict[str, list[tuple[list[str], set[str], set[str]]]] = defaultdict(list)
    for doc, acro, long in sorted(set(definitions)):
        key, lkey = match_key(acro), head_last(match_key(long))
        if lkey not in cl.by_key or lkey == key or (key.replace(" ", "") in lkey.split() and is_acronym(acro)):
            continue  # "Opec (OPEC)", "ICO Inc (ICO)" define nothing (but 'Velsk Chips Inc ("Velsk")' does)
        if cl.key_type(lkey) in ("GPE", "LOC") and not is_acronym(acro) and key in cl.by_key \
                and cl.key_type(key) not in ("GPE", "LOC", "FAC"):
            continue  # "a project in Basra, known as the Gas Growth Integrated Project": the project's name
        words = _name_words(lkey)
        group = next((g for g in groups[key] if _same_name(g[0], words)), None)
        if group is None:
            groups[key].append((words, {lkey}, {doc}))
        else:
            group[1].add(lkey)
            group[2].add(doc)
    spelling = _spellings(cl) if groups else {}
    out = {}
    for key, found in groups.items():
        best = max(range(len(found)), key=lambda i: (len(found[i][2]), -i))
        if 5 * len(found[best][2]) < 4 * sum(len(g[2]) for g in found) or _spelt_otherwise(
                cl, key, found[best], spelling):
            best = None
        out[key] = AcronymMeaning(found, best)
    return out


def acronym_in_document(cl: Clusters, definitions: Iterable[tuple[str, str, str]] = ()) -> None:
    """An acronym defined in an article ("Amalgamated Metal Corp (AMC)") is its long form there when the
    corpus's other articles may mean something else by it (see acronym_defined)."""
    cl.acronyms = _acronym_meanings(cl, definitions)
    for key, am in sorted(cl.acronyms.items()):
        for i, (_, lkeys, docs) in enumerate(am.groups):
            if i == am.meaning:
                continue  # its articles go with the rest (acronym_defined)
            for doc in sorted(docs):
                here = {cl.units[x].key: x for x in cl.by_doc.get(doc, ())}
                a, lf = here.get(key), next((here[k] for k in sorted(lkeys) if k in here), None)
                if a is not None and lf is not None and cl.root(a) != cl.root(lf) and cl.units[a].entry is None:
                    cl.join(lf, a, "acronym-defined-here", cl.units[lf].key)


def acronym_defined(cl: Clusters, config: ResolveConfig, definitions: Iterable[tuple[str, str, str]] = ()) -> None:
    """An acronym defined in the text ("Popular Mobilization Forces (PMF)") joins its long form across the
    corpus too: every spelling of it the corpus defines it by ("Organisation"/"Organization for Economic
    Cooperation and Development"). Where the corpus defines it as different names ("ADB": the Asian and the
    African Development Bank), the articles that do not say which go with the name of four in five of its
    definitions, else with none; where its articles name another organisation whose initials spell it more
    often than the defined one ("AMC" defined once as Amalgamated Metal Corp, in forty articles on American
    Motors Corp), with none either (acronym_initials may still find it). An article defining it as another
    name keeps that one (acronym_in_document). A "long form" with the acronym among its words ("ICO Inc")
    defines nothing."""
    meanings = cl.acronyms
    if meanings is None:
        meanings = _acronym_meanings(cl, definitions)
    for key, am in sorted(meanings.items()):
        a = _representative(cl, key)
        if a is None or am.meaning is None:
            continue
        for lkey in sorted(am.groups[am.meaning][1]):
            lf = _representative(cl, lkey)
            if lf is None or cl.root(a) == cl.root(lf) or (cl.fixed(a) and cl.fixed(lf)):
                continue
            cl.join(lf, a, "acronym-defined", cl.units[lf].key)


def _spelt_otherwise(cl: Clusters, key: str, meaning: tuple[list[str], set[str], set[str]],
                     spelling: dict[str, list[int]]) -> bool:
    """Whether the articles of acronym ``key`` name some other long name whose initials spell it in more of
    them than the long forms of ``meaning`` (a group of AcronymMeaning), as written (``spelling``: initials
    -> units, see _spellings); another spelling of that name ("Organisation" for "Organization") is no
    other name."""
    docs = {cl.units[x].doc for x in cl.by_key[key]}
    found: dict[str, set[str]] = defaultdict(set)
    for x in spelling.get(key.replace(" ", ""), ()):
        if cl.units[x].doc in docs:
            found[cl.units[x].key].add(cl.units[x].doc)
    words, lkeys, _ = meaning
    own = set().union(*(found.pop(k, set()) for k in lkeys))
    others = {k: d for k, d in found.items() if not _same_name(_name_words(k), words)
              and all(fuzz.ratio(k, lk) < SAME_NAME_RATIO for lk in lkeys)}
    return any(len(d) > len(own) for d in others.values())


def _spellings(cl: Clusters) -> dict[str, list[int]]:
    """The units of names of two words or more by the initials they spell (lowercase; with and without
    the stop words of data/initial_stopwords.txt)."""
    out: dict[str, list[int]] = defaultdict(list)
    for i, u in enumerate(cl.units):
        if not u.acronym and len(u.key.split()) >= 2:
            for ini in {_initials(u.key.split(), True), _initials(u.key.split(), False)}:
                out[ini.lower()].append(i)
    return out


def _name_words(key: str) -> list[str]:
    """The words of a long form that tell it from another: singular, no stop words ("of", "and")."""
    stop = word_set("initial_stopwords.txt")
    return [_singular(w) for w in key.split() if w not in stop]


def _same_name(a: list[str], b: list[str]) -> bool:
    """Whether two long forms (their _name_words) are one name written two ways: the same words in any
    order, or as many words each the same but for a spelling slip ("Organisation"/"Organization",
    "Agreeement") or cut short ("Auto" of "Automobile"). "Asian" and "African" are two words.

    >>> _same_name(["organisation", "economic"], ["organization", "economic"])
    True
    >>> _same_name(["asian", "development", "bank"], ["african", "development", "bank"])
    False
    >>> _same_name(["agreeement", "tariff", "trade"], ["agreement", "trade", "tariff"])
    True
    """
    if len(a) != len(b):
        return False
    return _words_alike(a, b) or _words_alike(sorted(a), sorted(b))  # in any order ("Trade and Tariffs")


def _words_alike(a: list[str], b: list[str]) -> bool:
    for x, y in zip(a, b):
        if x == y or (len(x) >= 4 and len(y) >= 4 and (x.startswith(y) or y.startswith(x))):
            continue
        if x[:1] != y[:1] or fuzz.ratio(x, y) < SAME_WORD_RATIO:
            return False
    return True


#: Least rapidfuzz ratio of two long forms of one acronym that are one name spelt two ways, and of two
#: words of long forms that are one word spelt two ways (see _same_name).
SAME_NAME_RATIO = 85.0
SAME_WORD_RATIO = 80.0


_AND_LETTERS = re.compile(r"([a-z]) (?:and|&) ([a-z])")


def _and_between(letters: re.Match, key: str) -> bool:
    """Whether a name has "and" between words with those letters first ("C and W": "cable and wireless plc")."""
    toks = key.split()
    return any(toks[i] in ("and", "&") and toks[i - 1][:1] == letters.group(1) and toks[i + 1][:1] == letters.group(2)
               for i in range(1, len(toks) - 1))


def acronym_initials(cl: Clusters, config: ResolveConfig) -> None:
    """An acronym alone joins the one long name of its type whose initials spell it ("RUF"), written with
    capitals, when some article has both (of several such names, the only one an article names beside
    it, counting forms of one name as one: "General Motors", "General Motors Corp"); an acronym of two
    letters only one of its own article; two letters joined by "and" are one ("C and W": Cable and Wireless).
    A name
    with the acronym among its words spells nothing ("EC Commission" is no long form of "EC")."""
    long_forms: dict[str, set[int]] = defaultdict(set)
    stop = word_set("initial_stopwords.txt")
    for i, u in enumerate(cl.units):
        if not u.acronym and len(u.key.split()) >= 2:
            for form in u.forms:
                if any(not (w[:1].isupper() or w.casefold() in stop) for w in form.split()):
                    continue  # "Baath party" spells no "BP"
                for ini in _all_initials(form.split()):
                    long_forms[ini].add(cl.root(i))
    types = {r: cl.type(r) for r in cl.roots()}
    for r in cl.roots():
        ms = cl.members(r)
        keys = {cl.units[x].key for x in ms}
        letters = _AND_LETTERS.fullmatch(next(iter(keys))) if len(keys) == 1 else None  # "C and W"
        if len(keys) != 1 or any(cl.units[x].entry is not None for x in ms) or not letters and 2 * sum(
                cl.units[x].count for x in ms if cl.units[x].acronym) <= sum(cl.units[x].count for x in ms):
            continue  # (most of its mentions in capitals: "ATT" beside a headline's "Att")
        acro = "".join(letters.groups()).upper() if letters else next(iter(keys)).replace(" ", "").upper()
        cands = [c for c in long_forms.get(acro, ()) if types.get(c) == types[r] and c != r
                 and not any(acro.lower() in cl.units[x].key.split() for x in cl.members(c))  # not "EC Commission"
                 and (not letters or any(_and_between(letters, cl.units[x].key) for x in cl.members(c)))]
        docs = {cl.units[x].doc for x in ms}
        beside = [c for c in cands if any(cl.units[x].doc in docs for x in cl.members(c))]
        if len(beside) > 1 and len({org_stem(cl.units[c].key).stem for c in beside}) == 1:
            beside = sorted(beside)[:1]  # "General Motors Corp" and "General Motors": one name (organisation_forms)
        if len(acro) < 3:  # two letters spell too much ("GP", "BP"): only a long form of the same article
            cands = beside
        elif len(cands) == 1 and not beside:
            cands = []  # an acronym and a long form no article has together ("DCP", "Dangote Cement Plc")
        elif len(cands) > 1 and len(beside) == 1:
            cands = beside  # of two long forms, the one some article names beside the acronym
        if len(cands) == 1:
            cl.join(cands[0], r, "acronym-initials", cl.units[cands[0]].key)


def blends(word: str, words: list[str]) -> bool:
    """Whether ``word`` is the beginnings of two or more of ``words`` run together, from the first, three
    letters or more of each ("conrail": "consolidated rail"; "petrobras": "petroleo brasileiro"; not "intel":
    "international telecom").

    >>> blends("conrail", ["consolidated", "rail"]), blends("petrobras", ["petroleo", "brasileiro"])
    (True, True)
    >>> blends("intel", ["international", "telecom"])
    False
    >>> blends("consolidated", ["consolidated", "rail"]), blends("railcon", ["consolidated", "rail"])
    (False, False)
    """
    if not words:
        return False
    first, rest = words[0], words[1:]
    for n in range(3, len(first) + 1):
        if not word.startswith(first[:n]):
            break
        left = word[n:]
        if not left:
            return False  # one word's beginning alone is no blend
        if rest and (len(left) >= 3 and len(rest) == 1 and rest[0].startswith(left) or blends(left, rest)):
            return True
    return False


def blended_names(cl: Clusters, config: ResolveConfig) -> None:
    """A one-word name made of the beginnings of a long name's words ("Conrail": Consolidated Rail Corp,
    "Pemex": Petroleos Mexicanos) joins that long name, where some article names both and no other long name
    there so blends. Small words and legal forms are skipped; five letters or more and no dictionary word,
    an ORG both."""
    stop = word_set("initial_stopwords.txt") | _company_suffixes()
    for r in cl.roots():
        keys = {cl.units[x].key for x in cl.members(r)}
        if len(keys) != 1 or cl.type(r) != "ORG" or cl.fixed(r) or cl.units[r].acronym:
            continue
        word = next(iter(keys))
        if " " in word or len(word) < 5 or not word.isalpha() or word in dictionary_words():
            continue  # "House" is no blend of "House of Seagram"
        beside = {(cl.root(y), cl.units[y].key) for x in cl.members(r) for y in cl.by_doc[cl.units[x].doc]
                  if " " in cl.units[y].key and word[:2] == cl.units[y].key[:2]}
        cands = {lr for lr, key in beside if lr != r and cl.type(lr) == "ORG"
                 and blends(word, [w for w in key.split() if w not in stop])}
        if len({org_stem(cl.units[c].key).stem for c in cands}) == 1:
            target = min(cands)
            cl.join(target, r, "blend", cl.units[target].key)


def acronym_expanded(cl: Clusters, config: ResolveConfig) -> None:
    """A name that starts with an acronym ("EC Commission") is the name that starts with the acronym's
    long form instead ("European Community Commission"), where the corpus writes that name and the
    acronym's cluster holds one such long form only."""
    longs_of: dict[int, set[str]] = {}  # acronym's root -> its long forms (once per acronym: no n^2)
    for i, u in enumerate(cl.units):
        toks = u.key.split()
        if len(toks) < 2 or u.rule in DOCUMENT_RULES or u.entry is not None:
            continue
        acro = _representative(cl, toks[0])
        if acro is None or not cl.units[acro].acronym:
            continue
        rest = " ".join(toks[1:])
        if cl.root(acro) not in longs_of:
            longs_of[cl.root(acro)] = {cl.units[x].key for x in cl.members(acro) if not cl.units[x].acronym}
        longs = longs_of[cl.root(acro)]
        targets = {cl.root(y) for lk in longs for y in cl.by_key.get(f"{lk} {rest}", ())
                   if cl.units[y].rule not in DOCUMENT_RULES}
        if len(targets) == 1 and cl.root(i) not in targets and not (cl.fixed(i) and cl.fixed(next(iter(targets)))):
            target = next(iter(targets))
            cl.join(target, i, "acronym-expanded", min(cl.units[x].key for x in cl.members(target)))


def _co_mentions(cl: Clusters) -> dict[str, set[str]]:
    return {doc: {cl.units[x].key for x in ids} for doc, ids in cl.by_doc.items()}


def _same_person_evidence(cl: Clusters, a: int, b: int, co: dict[str, set[str]], rare: bool = False) -> bool:
    """Two person names that differ only by spelling are one person only when the evidence says so: a
    document that has both, or at least two other names that both are mentioned with (with ``rare``,
    names in at most one article in a hundred: "United States" and "Washington" say nothing of who two
    Millers are)."""
    da = {cl.units[x].doc for x in cl.members(a)}
    db = {cl.units[x].doc for x in cl.members(b)}
    if da & db:
        return True
    own = {cl.units[x].key for x in cl.members(a) + cl.members(b)}
    na = set().union(*(co[d] for d in da)) - own
    nb = set().union(*(co[d] for d in db)) - own
    shared = na & nb
    if rare:
        most = max(2, len(cl.by_doc) // 100)
        shared = {k for k in shared if len(cl.by_key[k]) <= most}
    return len(shared) >= 2


def spelling_variants(cl: Clusters, config: ResolveConfig) -> None:
    """Guarded fuzzy matching with complete linkage (no chaining): every name form of the cluster joined
    must be a spelling variant of the newcomer (see fuzzy_match). Only clusters with the same type and
    consonant skeletons are compared, never places ("Niger", "Nigeria"); two people's names, and two
    one-word names, also need evidence that they are one (a shared article, or two rare names both are
    mentioned with: "United States" beside "Philips" and "Phillips" says nothing), and one-word names six
    letters or more."""
    co = None
    core = {r: {cl.units[x].key for x in cl.by_name(cl.members(r))} for r in cl.roots()}
    order = [r for r in cl.roots() if len(core[r]) == 1 and not cl.fixed(r) and not cl.units[r].acronym]
    order.sort(key=lambda r: (-sum(cl.units[x].count for x in cl.members(r)), min(core[r])))
    by_shape: dict[tuple, list[int]] = defaultdict(list)
    for r in order:
        key, t = next(iter(core[r])), cl.type(r)
        if t in ("GPE", "LOC"):
            continue  # places keep their spelling ("Niger" is no "Nigeria")
        shape = (t, tuple(_skeleton(x) for x in key.split()))
        best = None
        for other in by_shape[shape]:
            group = core[cl.root(other)]
            if key in cl.states and group & cl.states.keys():
                continue  # two states the tables know are two states, however alike ("Austria", "Australia")
            scores = [fuzzy_match(key, k, MIN_TOKEN_RATIO) for k in group]
            if all(scores) and (best is None or min(scores) > best[0]):
                best = (min(scores), other)
        one_word = " " not in key
        if best and one_word and min(len(key), *(len(k) for k in core[cl.root(best[1])])) < 6:
            best = None  # short single words are too alike ("Fatah", "Faith")
        if best and (t == "PERSON" or one_word):
            co = co if co is not None else _co_mentions(cl)
            if not _same_person_evidence(cl, best[1], r, co, rare=True):
                best = None
        if best:
            via = min(core[cl.root(best[1])])
            merged = core.pop(cl.root(best[1])) | core.pop(r)
            core[cl.join(best[1], r, f"fuzzy:{best[0]:g}", via, best[0])] = merged
        else:
            by_shape[shape].append(r)


#: the Arabic article a surname is written with or without ("al-Sistani", "Sistani"): of ARABIC_ARTICLE only
#: the forms that are no English word once a match key splits them off ("as", "at", "an" are)
_ARTICLES = frozenset({"al", "el"})


def particle_variants(cl: Clusters, config: ResolveConfig) -> None:
    """A person's full name written with and without the Arabic article ("Ali al-Sistani", "Ali Sistani",
    "Ali el-Sistani") is one name: the names of two words or more that are the same without it join, unless
    their titles say two people ("Mrs" and "Mr")."""
    groups: dict[str, set[int]] = defaultdict(set)
    for r in cl.roots():
        if cl.type(r) != "PERSON":
            continue
        for x in cl.by_name(cl.members(r)):
            toks = cl.units[x].key.split()
            bare = [t for t in toks if t not in _ARTICLES]
            if len(bare) >= 2 and len(bare) < len(toks):
                groups[" ".join(bare)].add(r)
    for bare, roots in sorted(groups.items()):
        t = _representative(cl, bare) if cl.key_type(bare) == "PERSON" else None
        target = t if t is not None else min(roots)
        for r in sorted(roots):
            titles = {c for y in cl.members(r) for c in cl.units[y].titles}
            if cl.root(r) == cl.root(target) or (cl.fixed(r) and cl.fixed(target)) or titles_conflict(
                    titles, {c for y in cl.members(target) for c in cl.units[y].titles}):
                continue
            cl.join(target, r, "particle", bare)


def middle_names(cl: Clusters, config: ResolveConfig) -> None:
    """A person's name written without a middle name or initial ("John Lichtblau") joins the one longer
    name of the corpus it leaves them out of ("John H. Lichtblau"), when the evidence says they are one
    (a shared article, or two names both are mentioned with: as for spelling variants; however rare the
    surname, "George Bush" may be "George W. Bush"'s father). In one article,
    only an initial may be left out: "Luis Roche" beside "Luis Armando Roche" may be his father."""
    longer: dict[tuple[str, str], list[tuple[int, list[str]]]] = defaultdict(list)
    for r in cl.roots():
        if cl.type(r) == "PERSON":
            for x in cl.by_name(cl.members(r)):
                toks = name_tokens(cl.units[x].key)
                if len(toks) >= 3:
                    longer[(toks[0], toks[-1])].append((r, toks))
    co = None
    for r in cl.roots():
        keys = {cl.units[x].key for x in cl.by_name(cl.members(r))}
        if cl.type(r) != "PERSON" or len(keys) != 1 or cl.fixed(r):
            continue
        toks = name_tokens(next(iter(keys)))
        fits = [(cl.root(f), other) for f, other in longer.get((toks[0], toks[-1]), ())
                if _middle_names_left_out(toks, other)]
        cands = {f for f, _ in fits} - {cl.root(r)}
        if len(cands) == 1:
            co = co if co is not None else _co_mentions(cl)
            target = cands.pop()
            docs = {cl.units[x].doc for x in cl.members(r)} & {cl.units[x].doc for x in cl.members(target)}
            extra = [t for f, other in fits if f == target for t in other[1:-1] if t not in toks]
            initials = all(len(t) == 1 for t in extra)
            if docs and not initials:
                continue  # one article, a middle name: maybe father and son ("Luis Roche", "Luis Armando Roche")
            if _same_person_evidence(cl, target, r, co):
                cl.join(target, r, "middle-names", min(cl.units[x].key for x in cl.by_name(cl.members(target))))


def swapped_names(cl: Clusters, config: ResolveConfig) -> None:
    """A person's two-word name written in the other order ("Nakamura Kenji" and "Kenji Nakamura": East
    Asian and Hungarian names in their own order and in English order) is one person, when one of its words
    only is a given name ("Paul Simon" and "Simon Paul" may be two), no article has both (there they are two
    people) and two names both are mentioned with say so (see _same_person_evidence)."""
    co = None
    for r in sorted(cl.roots()):
        if cl.type(r) != "PERSON" or cl.fixed(r):
            continue
        for key in sorted({cl.units[x].key for x in cl.by_name(cl.members(r))}):
            toks = key.split()
            given = [t in given_names() for t in toks]
            other = " ".join(reversed(toks)) if len(toks) == 2 and given.count(True) == 1 else ""
            t = _representative(cl, other) if other in cl.by_key and cl.key_type(other) == "PERSON" else None
            if t is None or cl.root(t) == cl.root(r) or cl.fixed(t):
                continue
            co = co if co is not None else _co_mentions(cl)
            docs_t = {cl.units[x].doc for x in cl.members(t)}
            if not docs_t & {cl.units[x].doc for x in cl.members(r)} and _same_person_evidence(
                    cl, cl.root(t), cl.root(r), co):  # (in one article, "Ahmed Said" and "Said Ahmed" are two)
                cl.join(t, r, "swapped-names", other)


def quoted_nicknames(cl: Clusters, config: ResolveConfig) -> None:
    """A nickname and surname ("Tina Reyes") are the person whose name the corpus writes with that nickname in
    quotes ('Maria Cristina "Tina" Dela Cruz Reyes'), when it writes it so for one person only."""
    people: dict[str, set[int]] = defaultdict(set)
    for i, u in enumerate(cl.units):
        for (written, rule), _ in u.extra.items():
            nick = _QUOTED_NICKNAME.search(written) if rule == "nickname" else None
            if nick:
                people[match_key(nick.group(0).strip(' "“”') + " " + u.key.split()[-1])].add(i)
    for key, ids in sorted(people.items()):
        if len({cl.root(i) for i in ids}) == 1 and key in cl.by_key and cl.key_type(key) == "PERSON":
            target = min(ids)
            for x in cl.by_key[key]:
                if not cl.fixed(x):
                    cl.join(target, x, "quoted-nickname", cl.units[target].key)


@lru_cache(maxsize=1)
def _nicknames() -> dict[str, tuple[str, ...]]:
    return {match_key(row[0]): tuple(match_key(n) for n in row[1].split("|")) for row in data_table("nicknames.tsv")
            if len(row) > 1}


def nicknames(cl: Clusters, config: ResolveConfig) -> None:
    """A person's name with a nickname for the given name ("Jim Wright") joins the one person of the corpus
    named with a given name it shortens ("James Wright"; data/nicknames.tsv), when the evidence says they
    are one: an article with both, or two names both are mentioned with that few articles have."""
    table = _nicknames()
    people: dict[str, list[int]] = defaultdict(list)
    for r in cl.roots():
        if cl.type(r) == "PERSON":
            for key in {cl.units[x].key for x in cl.by_name(cl.members(r))}:
                people[key].append(r)
    co = None
    for r in cl.roots():
        keys = {cl.units[x].key for x in cl.by_name(cl.members(r))}
        if cl.type(r) != "PERSON" or len(keys) != 1 or cl.fixed(r):
            continue
        toks = next(iter(keys)).split()
        if len(toks) < 2 or toks[0] not in table:
            continue
        cands = {cl.root(f) for given in table[toks[0]] for f in people.get(" ".join([given, *toks[1:]]), ())}
        cands.discard(cl.root(r))
        if len(cands) != 1:
            continue
        co = co if co is not None else _co_mentions(cl)
        target = cands.pop()
        if _same_person_evidence(cl, target, r, co, rare=True):
            cl.join(target, r, "nickname", min(cl.units[x].key for x in cl.by_name(cl.members(target))))


def person_in_corpus(cl: Clusters, config: ResolveConfig) -> None:
    """A surname its documents did not resolve joins the corpus's full name only when exactly one person
    with that surname (or a spelling variant of it, with evidence that they are one: see _same_person_evidence)
    exists, the surname looks like a person, and no person
    of the corpus has it as a given name ("Hunter": Hunter Biden or Mark Hunter?) unless the office it is titled
    with is that person's ("President Reagan" beside a "Reagan Smith"). Where several people have the
    surname, the one it is written as (_exact_first), then the one of its office (_by_office)."""
    fulls: dict[str, list[tuple[int, list[str], str]]] = defaultdict(list)
    first_names: set[str] = set()  # the first words of the corpus's people's full names
    co = None
    words = not_person_words()
    for r in cl.roots():
        if cl.type(r) != "PERSON":
            continue
        for x in cl.members(r):
            toks = name_tokens(cl.units[x].key)
            if len(toks) >= 2 and not cl.units[x].acronym:
                if not _part_of_double_surname(cl.units[x], toks[-1:]):  # ("Dlamini-Zuma" is no "Zuma")
                    fulls[_skeleton(toks[-1])].append((r, toks, cl.units[x].key))
                fulls[" ".join(toks[:2])].append((r, toks, cl.units[x].key))
                if len(toks) >= 3:  # (a double surname: "Hidalgo Navarro" of "Patricia Hidalgo Navarro")
                    fulls[" ".join(toks[-2:])].append((r, toks, cl.units[x].key))
                if not any(t in words or _singular(t) in words for t in toks[1:]):
                    first_names.add(toks[0])  # not of "Reagan White House", "Reagan Administrations"
    for r in cl.roots():
        ms = cl.members(r)
        u = cl.units[r]
        short = _short_tokens(u)
        if short is None or cl.fixed(r) or len({cl.units[x].key for x in ms}) != 1 or u.key in cl.states:
            continue
        lookup = " ".join(short) if len(short) == 2 else _skeleton(short[0])
        cands: dict[int, tuple[str, str]] = {}
        for f, toks, key in fulls.get(lookup, ()):
            how = _refers_to(short, toks, MIN_TOKEN_RATIO)
            if how and _double_surname_fits(u, short, toks):
                cands.setdefault(cl.root(f), (key, how))
        cands.pop(cl.root(r), None)
        titles = {t for x in ms for t in cl.units[x].titles}
        # the offices of its titled forms that office_in_corpus gave their articles' person ("President Varga")
        titles |= {t for x in cl.by_key[u.key] if cl.units[x].rule == "office-in-corpus" for t in cl.units[x].titles}
        # "Mr Quandhi" is never Sonia Quandhi, even when she is the only Quandhi
        sexes = {_GENDER_SEX[g] for g in titles & set(_GENDER)}
        cands = {c: (via, how) for c, (via, how) in cands.items()
                 if given_names().get(name_tokens(via)[0], "u") in sexes | {"u"} or not sexes}
        cands = _by_office(cl, _exact_first(cands), titles)
        if len(cands) != 1:
            continue
        target, (via, how) = cands.popitem()
        if len(short) == 1 and short[0] in first_names and not _office_of(cl, target, titles):
            continue  # a given name of someone in the corpus ("Hunter" of "Hunter Biden"): no surname to guess
        if not _link_ok(how, titles, {t for x in cl.members(target) for t in cl.units[x].titles}):
            continue
        if how == "variant":  # a spelling variant across articles ("Bird" for "Byrd") needs evidence
            co = co if co is not None else _co_mentions(cl)
            if not _same_person_evidence(cl, target, r, co, rare=True) or _read_as_organisation(
                    [cl.units[x] for x in ms]):
                continue
        if _reads_as_surname(cl, ms, target) and not _no_persons_surname(cl, [cl.units[x] for x in ms], via):
            cl.join(target, r, "surname", via)


def _by_office(cl: Clusters, cands: dict, titles: set[str]) -> dict:
    """Where several people of the corpus fit a surname, the one the corpus gives the office the surname
    is titled with ("President Reagan": Ronald Reagan, not Nancy Reagan), if only one has it: the titles
    of its own name forms, not of surnames its articles joined to it (a guess of those articles)."""
    if len(cands) < 2 or not titles - _NOT_ROLES:
        return cands
    same = [r for r in cands if _office_of(cl, r, titles)]
    return {same[0]: cands[same[0]]} if len(same) == 1 else cands


def _office_of(cl: Clusters, r: int, titles: set[str]) -> bool:
    """Whether the person ``r``'s own name forms (not surnames joined to it) carry an office of ``titles``."""
    roles = titles - _NOT_ROLES
    return bool(roles & {t for x in cl.members(r) if cl.units[x].rule not in DOCUMENT_RULES
                         for t in cl.units[x].titles})


def _reads_as_surname(cl: Clusters, ms: list[int], target: int) -> bool:
    """Whether the units ``ms`` of one bare name may be the surname of the person ``target`` across the
    corpus: the model calls it a person in 30% of its mentions, or half the articles of the name (with
    those that resolved it already), two at least, name that person in full, or it shares an article with that person's
    full name and is no common name of something else: it is in fewer than five articles or a person in
    10% of its mentions. ("Europe" of 300
    articles, never a person, is not the surname of "Specialty Steels-Europe" of one.) A known place's name
    (data/places.tsv) needs the last: "Rotterdam", which the model calls a person, is not "Stad Rotterdam"."""
    votes: Counter = Counter()
    for x in ms:
        votes.update(cl.units[x].votes)
    person, total = votes.get("PERSON", 0), max(1, sum(votes.values()))
    key = cl.units[ms[0]].key
    docs = {cl.units[x].doc for x in ms}
    person_docs = {cl.units[x].doc for x in cl.members(target)}
    key_docs = {cl.units[x].doc for x in cl.by_key[key]}  # with those its articles resolved
    named = len(key_docs & person_docs)
    half = named >= 2 and 2 * named >= len(key_docs)
    if key in cl.places:  # a city's name: only where half its articles (two or more) name the person
        return half
    if person >= 0.3 * total or half:
        return True
    return bool(docs & person_docs) and (len(docs) < 5 or person >= 0.1 * total)


@lru_cache(maxsize=1)
def _org_forms() -> dict[str, str]:
    return {match_key(row[0]): match_key(row[1]) for row in data_table("org_forms.tsv") if len(row) > 1}


@lru_cache(maxsize=1)
def _org_form_names() -> dict[str, str]:
    """data/org_forms.tsv: match key of a form -> the name as the table writes it ("Democratic Party")."""
    return {match_key(row[0]): row[1] for row in data_table("org_forms.tsv") if len(row) > 1}


def _singular(word: str) -> str:
    """The singular of an English plural noun, by its ending ("funds", "companies", "congresses", "houses").

    >>> [_singular(w) for w in ("funds", "companies", "congresses", "churches", "houses", "bus", "glass")]
    ['fund', 'company', 'congress', 'church', 'house', 'bus', 'glass']
    """
    if len(word) >= 5 and word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if len(word) >= 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) >= 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=1)
def _org_endings() -> frozenset[str]:
    words = word_set("org_endings.txt") | word_set("org_heads.txt") | word_set("company_suffixes.txt")
    return frozenset(match_key(w) for w in words) - {""}


@lru_cache(maxsize=1)
def _company_suffixes() -> frozenset[str]:
    return frozenset(match_key(w) for w in word_set("company_suffixes.txt"))


def _singular_key(key: str) -> str:
    toks = key.split()
    return " ".join(toks[:-1] + [_singular(toks[-1])]) if toks else key


class OrgForm(NamedTuple):
    """What org_stem makes of a name: the stem its forms share, and how it was reached."""

    stem: str
    head: str = ""  # the generic head dropped ("al shabaab movement" -> "al shabaab": "movement")
    plural: bool = False  # a plural was made singular ("conservatives" -> "conservative")
    canon: str = ""  # the name data/org_forms.tsv gives it ("tories" -> "conservative party"), if any

    @property
    def plain(self) -> bool:
        """Reached with no head dropped and no plural undone: true anywhere, no shared article needed."""
        return not (self.head or self.plural)


def org_stem(key: str) -> OrgForm:
    """What the singular, plural, member and short forms of a group share, and how it was reached.

    >>> [org_stem(k).stem for k in ("tories", "conservatives", "conservative party", "lib dems")]
    ['conservative', 'conservative', 'conservative', 'liberal democrat']
    >>> org_stem("al shabaab movement").head, org_stem("texaco inc").stem, org_stem("socialists").plural
    ('movement', 'texaco', True)
    >>> org_stem("merrill lynch and co inc").stem, org_stem("procter and gamble co").stem
    ('merrill lynch', 'procter and gamble')
    >>> org_stem("phillips").stem, org_stem("democrats").stem
    ('phillips', 'democratic')
    """
    forms, heads = _org_forms(), word_set("org_heads.txt")
    head, plural = "", False
    canon = ""
    for _ in range(2):
        if key in forms or _singular_key(key) in forms:
            key = canon = forms.get(key) or forms[_singular_key(key)]
        toks = key.split()
        while len(toks) >= 2 and toks[-1] in _company_suffixes():
            toks = toks[:-1]  # "Texaco Inc" is "Texaco" wherever it is written
            if len(toks) >= 2 and toks[-1] in ("and", "&"):
                toks = toks[:-1]  # "Merrill Lynch and Co Inc" is "Merrill Lynch Co Inc"
        if len(toks) >= 2 and toks[-1] in heads:
            toks, head = toks[:-1], head or ("" if canon else toks[-1])
        single = _singular(toks[-1])
        if single in given_names() and single not in dictionary_words():  # ("Marines": no given name)
            single = toks[-1]  # "Phillips", "Williams", "Lloyds": surnames made of a given name, no plurals
        plural = plural or (single != toks[-1] and not canon)
        key = " ".join(toks[:-1] + [single])
    return OrgForm(key, head, plural, canon)


def _forms_match(a: tuple[str, OrgForm], b: tuple[str, OrgForm]) -> str:
    """How two names with one stem may join: "anywhere", "article" (only with a shared article) or "".
    A head is never dropped to reach a name the table gives ("Democratic Alliance" is no "Democrats")."""
    fa, fb = a[1], b[1]
    for (k, f), (_, g) in ((a, b), (b, a)):
        if g.canon and f.head and _singular_key(k) != _singular_key(g.canon):
            return ""
    if (fa.canon and fa.canon == b[0]) or (fb.canon and fb.canon == a[0]):
        return "anywhere"  # the table says the one is the other's name ("Democratic": Democratic Party)
    # both written in the plural ("General Motors", "General Motors Corp"): no plural was undone between them
    # both with the same head ("USAir Group", "USAir Group Inc"): no head was dropped between them either
    return "anywhere" if fa.head == fb.head and fa.plural == fb.plural else "article"


def organisation_forms(cl: Clusters, config: ResolveConfig) -> None:
    """The singular, plural, member and short forms of a party or group are one entity ("Tory", "Tories",
    "Conservatives", "Conservative Party"): names with the same org_stem, one of them an ORG (or a NORP
    whose form data/org_forms.tsv lists), the others ORG, NORP, or PERSON with no title. A form that needs
    a plural undone or a generic head dropped ("al-Shabaab movement") joins only a cluster it shares an
    article with; the table's names and legal forms ("Texaco Inc") join anywhere. The entity is an ORG.
    Groups that are all NORP ("Muslim", "Muslims") join their singular and plural in a shared article and
    stay NORP."""
    groups: dict[str, list[tuple[str, OrgForm, int]]] = defaultdict(list)
    for r in cl.roots():
        t = cl.type(r)
        if t not in ("ORG", "NORP", "PERSON") or (t == "PERSON" and any(
                cl.units[x].titles or given_name_first(cl.units[x].key) for x in cl.members(r))):
            continue  # a person's full name is no form of the firm named after them ("Ivan F. Boesky and Co LP")
        keys = {cl.units[x].key for x in cl.members(r) if cl.units[x].rule not in DOCUMENT_RULES
                and not (t != "ORG" and _someones_surname(cl, cl.units[x].key, cl.by_doc[cl.units[x].doc]))}
        # ("Adani, chairman of the Adani Group", where Gautam and Sagar Adani are named: a person, no form)
        for key in sorted(keys - cl.places.keys() - cl.states.keys()):  # "Florida" is no form of "Florida Inc"
            form = org_stem(key)
            groups[form.stem].append((key, form, r))
    for stem, items in sorted(groups.items()):
        items = _one_company(cl, items)  # "Porsche SE" and "Porsche AG" in one article: two companies
        for group in _by_state(cl, stem, items):
            _join_group(cl, group)


def _by_state(cl: Clusters, stem: str, items: list) -> list[list]:
    """The items of a stem many states' institutions share ("labour party"), by the state their
    clusters stand for (_cluster_state), the clusters of no state with the state of two thirds of the
    others' mentions (else "?", a group of their own), as _generic_places groups articles; other stems are
    one group."""
    if not all(w in word_set("generic_names.txt") for w in stem.split()):
        return [items]
    state, known = {}, Counter()
    for item in items:
        state[item] = _cluster_state(cl, item[2])
        if state[item]:
            known[state[item]] += sum(cl.units[x].count for x in cl.members(item[2]))
    if len(known) < 2:
        return [items]
    lean = _lean(known)
    groups: dict[str, list] = defaultdict(list)
    for item in items:
        groups[state[item] or lean].append(item)
    return list(groups.values())


def _cluster_state(cl: Clusters, r: int, generic_only: bool = False) -> str:
    """The state a cluster's mentions stand for, by mentions: the one exact() gave its units of a name many
    states have (none where it kept the name one), or, for a cluster with no such unit ("Tories"; not with
    ``generic_only``), its articles'; "" for none or a tie."""
    votes: Counter = Counter()
    ms = cl.members(r)
    generic = generic_only or any(x in cl.generic_units for x in ms)
    for x in ms:
        if generic and x not in cl.generic_units:
            continue  # (a typo's article does not place the 160 articles of "Treasury")
        s = cl.unit_state.get(x, "") if generic else cl.article_state(cl.units[x].doc)
        if s and s != "?":
            votes[s] += cl.units[x].count
    top = votes.most_common(2)
    return top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else ""


def _lean(known: Counter) -> str:
    """The state with two thirds of the counts of ``known`` (articles or mentions by state), else "?" (no
    state leads: what names none stays apart)."""
    top, n = min(known.items(), key=lambda kv: (-kv[1], kv[0]))
    return top if n * 3 >= 2 * sum(known.values()) else "?"


def _join_group(cl: Clusters, items: list[tuple[str, OrgForm, int]]) -> None:
    """Join the clusters of one stem's forms into its largest ORG (see organisation_forms)."""
    roots = {cl.root(r) for _, _, r in items}
    orgs = [r for r in roots if cl.type(r) == "ORG"]
    if not orgs and any(f.canon for _, f, _ in items):
        orgs = [r for r in roots if cl.type(r) == "NORP"]
    size = lambda r: (sum(cl.units[x].count for x in cl.members(r)), -r)  # noqa: E731
    if len(roots) > 1 and orgs:
        _join_forms(cl, items, max(orgs, key=size))
    elif len(roots) > 1 and all(cl.type(r) == "NORP" for r in roots) \
            and not any(f.head for _, f, _ in items):  # "Muslim" / "Muslims" in one article: one group
        _join_forms(cl, items, max(roots, key=size), "NORP")


def _one_company(cl: Clusters, items: list[tuple[str, OrgForm, int]]) -> list[tuple[str, OrgForm, int]]:
    """The items of one stem that are one company. Across articles "Texaco Inc" and "Texaco Corp" are one
    (all items); but legal forms one article names side by side ("Porsche SE", "Porsche AG") are two
    companies, and so may other legal forms be ("Porsche Holding GmbH"): then the name's forms with no
    legal form ("Porsche") are the company of the legal form with two thirds of those legal forms'
    mentions, and so are the names with that legal form ("British Petroleum Plc" beside "British Petroleum
    Co PLC"), the other legal forms stay apart, and nothing joins where no legal form has two thirds."""
    forms: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # doc -> legal form -> keys
    for key, _, _ in items:
        if _legal_form(key):
            for x in cl.by_key[key]:
                forms[cl.units[x].doc][_legal_form(key)].add(key)
    apart = {key for by_form in forms.values() if len(by_form) > 1 for keys in by_form.values() for key in keys}
    if not apart:
        return items
    mentions = Counter()
    for key in apart:
        mentions[key] = sum(cl.units[x].count for x in cl.by_key[key])
    top, n = max(mentions.items(), key=lambda kv: (kv[1], kv[0]))
    if 3 * n < 2 * sum(mentions.values()):
        return []
    return [item for item in items if _legal_form(item[0]) in ("", _legal_form(top))]  # "Plc", "Co PLC": one


def _legal_form(key: str) -> str:
    """The company legal form a name ends with ("porsche se" -> "se"), or ""."""
    last = key.rsplit(" ", 1)[-1]
    return last if " " in key and last in _company_suffixes() else ""


def _join_forms(cl: Clusters, items: list[tuple[str, OrgForm, int]], target: int, etype: str = "ORG") -> None:
    """Join the forms that match a form of the target's cluster (see _forms_match), again and again: a
    form joined may be the one another matches ("Conservative" in an article with "Tories" only, which
    join "Conservative Party" anywhere)."""
    joined, grew = False, True
    items = sorted(items, key=lambda item: (not item[1].plain, item[0]))
    while grew:
        grew = False
        for key, form, r in items:
            r, tr = cl.root(r), cl.root(target)
            if r == tr or (cl.fixed(r) and cl.fixed(tr)):
                continue
            ways = {_forms_match((key, form), (k, f)) for k, f, x in items if cl.root(x) == tr} - {""}
            if "anywhere" not in ways:
                docs = {cl.units[x].doc for x in cl.members(tr)}
                if not ways or not any(cl.units[x].doc in docs for x in cl.members(r)):
                    continue
            cl.join(tr, r, "organisation-form", cl.units[tr].key)
            joined = grew = True
    if joined and not cl.fixed(target):
        for x in cl.members(target):
            cl.units[x].fixed_type = etype  # a party or group, whatever its members' forms voted
        cl.retype(target)


#: The rules in the order they run (each a function of the clusters and the config).
RULES: tuple[str, ...] = (
    "alias_file", "person_in_document", "organisation_in_document", "qualified_in_document", "acronym_in_document",
    "place_typos_in_document",
    "alias_file_surnames", "office_in_corpus", "exact", "short_forms_in_corpus", "acronym_defined", "acronym_initials",
    "blended_names", "acronym_expanded", "qualified_forms", "polity_forms", "other_state_names", "region_heads",
    "spelling_variants",
    "particle_variants", "middle_names", "swapped_names",
    "nicknames", "quoted_nicknames", "person_in_corpus", "organisation_forms")


# --------------------------------------------------------------------------- entities

def _label(cl: Clusters, ms: list[int], etype: str) -> str:
    """The fullest well-formed name the cluster's mentions use (an alias file's name when it has one)."""
    for x in ms:
        e = cl.units[x].entry
        if e is not None and cl.table.entries[e].authoritative:
            return cl.table.entries[e].name
    core = [x for x in ms if cl.units[x].rule not in DOCUMENT_RULES | {"qualified", "formal-name"}] or ms
    qualified = [x for x in ms if cl.units[x].rule == "qualified" and _named_by_state(cl.units[x].key)]
    if sum(cl.units[x].count for x in qualified) >= sum(cl.units[x].count for x in core if not cl.units[x].acronym):
        core += qualified  # the state is part of the name as most mentions write it ("UK Independence Party")
    forms: Counter = Counter()
    for x in core:
        forms.update(cl.units[x].forms)  # zero counts too: a demonym's state is a candidate
    if etype == "ORG":  # a party's or group's name data/org_forms.tsv gives its forms ("Democrats"): a candidate
        names = _org_form_names()
        for f in list(forms):
            name = names.get(match_key(f)) or names.get(_singular_key(match_key(f)))
            if name:
                forms[name] += 0
    acronyms = {f for f in forms if is_acronym(f)}
    # "Opec" beside a commoner "OPEC" is the acronym in another case; a headline's "REUTERS" makes no acronym
    # of the "Reuters" written more often
    acronyms = {f for f in acronyms if not any(g != f and g.upper() == f and forms[g] > forms[f] for g in forms)}
    acronyms |= {f for f in forms if f.upper() in acronyms and forms[f.upper()] >= forms[f]}
    if any(f not in acronyms for f in forms):
        forms = Counter({f: k for f, k in forms.items() if f not in acronyms})
    fullest = etype in ("PERSON", "ORG")
    keys = {f: match_key(f) for f in forms}
    # a plural of another form is no fuller name ("Congresses" beside "Congress", "Funds" beside "Fund")
    # (unless it is the commoner: "Reuters" written 26 times beside "Reuter" 4 times is the name)
    singular_count = Counter()
    for f in forms:
        singular_count[keys[f]] += forms[f]
    plural = {f for f in forms if _singular_key(keys[f]) != keys[f] and _singular_key(keys[f]) in keys.values()
              and singular_count[keys[f]] <= singular_count[_singular_key(keys[f])]}
    plural |= {f for f in forms if _generic_plural(keys[f], set(keys.values()))}
    short = {f for f in forms if any(abbreviates(keys[f], keys[g]) for g in forms if g not in plural)}
    short |= {f for f in forms if keys[f] in _org_forms()}  # "New Labour", "Tories": forms of the name
    values = set(keys.values())
    short |= {f for f in forms if etype == "PERSON" and " " in keys[f] and any(  # "Jim Wright" of "James Wright"
        " ".join([given, keys[f].split(" ", 1)[1]]) in values for given in _nicknames().get(keys[f].split()[0], ()))}

    # a dateline's or table's capitals beside the same name written as often in mixed case ("CHICAGO", "Chicago")
    shouted = {f for f in forms if f.isupper() and any(keys[g] == keys[f] and not g.isupper() and forms[g] >= forms[f]
                                                       for g in forms)}

    def rank(f: str):
        proper = all(w[:1].isupper() or not w[:1].isalpha()
                     or match_key(w).partition(" ")[0] in word_set("name_connectors.txt") for w in f.split())
        return (not well_formed(f), f in shouted, f in short, f in plural, not proper,
                -len(keys[f].split()) if fullest else 0, -forms[f], -len(f), f)

    return min(forms, key=rank)


def _named_by_state(key: str) -> bool:
    """Whether a name begins with a state's name or code ("uk independence party"), not its adjective ("danish
    velskbank")."""
    toks = key.split()
    return any(" ".join(toks[:n]) in state_names() for n in range(1, min(3, len(toks) - 1) + 1))


def _generic_plural(key: str, keys: set[str]) -> bool:
    """True for a name that is another form of its entity plus the plural of a generic head ("fed boards"
    beside "fed": several boards, no name), the head being a singular of data/org_heads.txt ("board"; not
    "holdings", listed as it is).

    >>> _generic_plural("fed boards", {"fed", "fed boards"}), _generic_plural("velsk holdings", {"velsk"})
    (True, False)
    """
    words = key.split()
    heads = word_set("org_heads.txt")
    return (len(words) >= 2 and " ".join(words[:-1]) in keys and words[-1] not in heads
            and _singular(words[-1]) != words[-1] and _singular(words[-1]) in heads)


def abbreviates(a: str, b: str) -> bool:
    """True when match key ``a`` is a shortened form of ``b``: as many words, each one the start of the
    other's, at least one shorter ("lib dems" of "liberal democrats").

    >>> abbreviates("lib dems", "liberal democrats"), abbreviates("qasem soleimani", "qassem soleimani")
    (True, False)
    """
    ta, tb = a.split(), b.split()
    if a == b or len(ta) != len(tb):
        return False
    stems = [(x[:-1] if x.endswith("s") and len(x) > 2 else x, y) for x, y in zip(ta, tb)]
    return all(y.startswith(x) for x, y in stems) and any(len(x) < len(y) for x, y in stems)


def _merge_rows(cl: Clusters, ms: list[int], eid: str, label: str, etype: str) -> list[dict]:
    rows: Counter = Counter()
    for x in ms:
        u = cl.units[x]
        items = [((f, u.rule), k) for f, k in u.forms.items() if k] + list(u.extra.items())
        for (form, rule), k in items:
            if rule == "title":
                continue  # the titled form is an alias; its mention is counted under the name
            if u.entry is not None and rule != "demonym":
                rule = "alias-file"
            score = "" if u.score is None or rule != u.rule else u.score
            rows[(form, rule, score, u.via if rule == u.rule else "")] += k
    return [{"entity": eid, "label": label, "type": etype, "form": form, "mentions": k, "rule": rule,
             "score": score, "via": via} for (form, rule, score, via), k in rows.items()]


def _state_labels(cl: Clusters, labels: dict[int, str]) -> dict[int, str]:
    """Labels with their state for the nodes of a name many states share that stand for different states
    ("Congress (India)", "Congress (Brazil)"); a node of articles about no one state keeps its label."""
    by_label: dict[str, list[int]] = defaultdict(list)
    for r, label in labels.items():
        by_label[label].append(r)
    out = {}
    for label, roots in by_label.items():
        if len(roots) < 2:
            continue
        for r in roots:
            state = _cluster_state(cl, r, generic_only=True)  # (a node of no state keeps its label)
            if state:
                out[r] = f"{label} ({cl.states.get(state, state)})"
    return out


def _titled_alias(form: str) -> bool:
    """Whether a titled form is an alias a user would look a name up by: every word capitalised ("President
    Reagan", "Home Secretary Charles Clarke"), not a role written in lowercase ("leader Michael Howard",
    "Party leader Charles Kennedy")."""
    return all(w[:1].isupper() or not w[:1].isalpha() or w in ("of", "the", "for", "and") for w in form.split())


def _entities(cl: Clusters) -> tuple[dict[str, Entity], dict[int, str], list[dict]]:
    entities: dict[str, Entity] = {}
    root_entity: dict[int, str] = {}
    merges: list[dict] = []
    roots = sorted(cl.roots(), key=lambda r: min(cl.units[x].key for x in cl.members(r)))
    labels = {r: _label(cl, cl.members(r), cl.type(r)) for r in roots}
    labels.update(_state_labels(cl, labels))
    for r in roots:
        ms = cl.members(r)
        etype = cl.type(r)
        label = labels[r]
        base = eid = f"{etype.lower()}:{slug(label)}"
        n = 2
        while eid in entities:
            eid, n = f"{base}-{n}", n + 1
        aliases = {f for x in ms for f, k in cl.units[x].forms.items() if k}
        aliases |= {f for x in ms for f, how in cl.units[x].extra if how != "title" or _titled_alias(f)}
        docs = {cl.units[x].doc for x in ms}
        entities[eid] = Entity(eid, label, etype, sorted(aliases), sum(cl.units[x].count for x in ms), len(docs))
        root_entity[r] = eid
        merges.extend(_merge_rows(cl, ms, eid, label, etype))
    return entities, root_entity, merges


def _names_no_actor(long: str) -> bool:
    """Whether a long form an acronym is defined by names a law, treaty or instrument, no actor ("Digital
    Markets Act (DMA)", "United States-Mexico-Canada Agreement (USMCA)"; data/non_entity_heads.txt,
    law_heads.txt)."""
    last = long.split()[-1].casefold() if long.split() else ""
    return " " in long and (last in word_set("non_entity_heads.txt") or last in word_set("law_heads.txt"))


def resolve(
    mentions: Sequence[Mention],
    definitions: Iterable[tuple[str, str, str]] = (),
    config: ResolveConfig | None = None,
) -> Resolution:
    """Resolve mentions to entities by the rules in RULES (see the module docstring).

    ``definitions`` are ``(doc, acronym, long form)`` triples from find_acronym_definitions and
    find_common_acronyms (a lowercase long form: the acronym of a common noun, never an entity, unless
    another article defines it by a name).

    >>> from graphbuild.extract import Mention
    >>> ms = [Mention("a", 0, 10, "Tony Blair", "PERSON", 0), Mention("a", 20, 25, "Blair", "GPE", 1),
    ...       Mention("b", 0, 9, "Ian Blair", "PERSON", 0), Mention("b", 20, 25, "Blair", "PERSON", 1)]
    >>> res = resolve(ms)
    >>> [res.entities[e].label for e in res.assign]
    ['Tony Blair', 'Tony Blair', 'Ian Blair', 'Ian Blair']
    """
    config = config or ResolveConfig()
    demonyms = config.demonym_table if config.demonym_table is not None else load_demonyms()
    definitions = list(definitions)
    named = {match_key(a) for _, a, long in definitions if long[:1].isupper() and not _names_no_actor(long)}
    lawlike: dict[str, set[str]] = defaultdict(set)
    for doc, a, long in definitions:
        if long[:1].isupper() and _names_no_actor(long):
            lawlike[match_key(a)].add(doc)
    used = defaultdict(set)
    for m in mentions:
        if match_key(m.text) in lawlike:
            used[match_key(m.text)].add(m.doc)
    # a law's acronym names no actor where only its articles use it ("EPA": a trade pact in one article, the
    # US agency in another that never spells it out, stays)
    common = frozenset({match_key(a) for _, a, long in definitions if long[:1].islower()}
                       | {a for a, docs in lawlike.items() if used[a] <= docs}) - named
    units, of_mention, dropped = _units(mentions, config, demonyms, common)
    cl = Clusters(units, config.aliases, _states(demonyms, config.aliases))
    for name in RULES:
        if name == "acronym_defined":
            acronym_defined(cl, config, definitions)
        elif name == "acronym_in_document":
            acronym_in_document(cl, definitions)
        else:
            globals()[name](cl, config)
    entities, root_entity, merges = _entities(cl)
    for (form, rule), k in sorted(dropped.items()):
        merges.append({"entity": "", "label": "", "type": "", "form": form, "mentions": k,
                       "rule": rule, "score": "", "via": ""})
    assign = [None if ui is None else root_entity[cl.root(ui)] for ui in of_mention]
    merges.sort(key=lambda row: (row["entity"], -row["mentions"], row["form"], row["rule"]))
    return Resolution(entities, assign, merges)
