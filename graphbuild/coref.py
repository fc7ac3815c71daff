"""Coreference within a document: "he", "its", "the company" and "the militia" resolved to the named
entity they refer to, by rules on spaCy's part-of-speech tags (no model weights; the tagger costs about
1% of NER time, the dependency parser 16-18%, measured on Reuters with en_core_web_sm).

Two halves:

* :func:`referring_expressions` runs where NER runs (extract.py), on the tagged spaCy Doc of a chunk, and
  returns compact records (cached with the document):

  - ``("p", start, end, text, sent, quoted, class, block, inner)``: a third-person pronoun (data/pronouns.tsv),
    ``block`` the end of the last noun before it in its chunk that could be what it means instead (a
    person noun of data/descriptions.tsv or data/person_nouns.txt, or a capitalised word before "said" that
    is no name the model found, for "he"/"she"; any singular common
    noun for "it", any plural
    one for "they"), -1 when none; ``inner`` for an object form ("him") or a possessive in an apposition
    ("Chevron, its rival,"), which never means a name before it in its own sentence; ``quoted`` inside
    double quotes or British single quotes;
  - ``("d", start, end, text, sent, quoted, noun, -1, False)``: a definite description, "the" + modifiers +
    a noun of data/descriptions.tsv ("the Iraqi militia");
  - ``("a", start, end, noun)``: a name the text describes with such a noun: "Kata'ib Hezbollah, an Iraqi
    militia", "Soleimani was a general", "the militia Kata'ib Hezbollah", "oil company Texaco";
  - ``("t", person, thing, plural)``: the chunk's last nouns of each kind (offsets, -1: none), which block
    a pronoun of the next chunk from reaching back past them;
  - ``("v", sent, offset)``: where a sentence's first verb is (what stands before it is the subject);
  - ``("x", start)``: a pronoun in a clause before its sentence's subject ("After he arrived, ..."), which
    may mean a name after it;
  - ``("s", start, end)``: a name where a subject stands (before the first verb, in no prepositional
    phrase); ``("q", start, end)``: a name inside quotation marks; ``("m", start, end)``: a name right
    before a noun ("U.S. corn prices").

* :func:`resolve_references` runs after resolution, on one document's records and its named mentions with
  their entities, and returns the coreferent mentions with the entity each refers to. High precision
  first: a pronoun resolves only when the nearest sentence (its own, before it, then up to two before)
  with a candidate has exactly one entity of a fitting type and sex (or, for a subject pronoun, one such
  subject), and no noun that could be meant instead stands between; "it" and "they" refer to subjects
  only; pronouns inside quotation marks are left alone (they often mean someone the quote's speaker talks
  about, or the speaker), and so are names inside them as antecedents; a description resolves to the one
  entity its document describes with the same noun before it, or ("near" nouns) to the one subject of
  its type nearby.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

from .errors import GraphbuildError
from .lexicon import table, word_set
from .names import given_names, name_tokens
from .text import match_key

__all__ = ["referring_expressions", "resolve_references", "entity_sexes", "LOOKBACK"]

#: Sentences before a pronoun's own that it may reach back to.
LOOKBACK = 2

_NOUN = ("NN", "NNS")
_NAME_TAGS = ("NNP", "NNPS")
_MODIFIERS = ("JJ", "JJR", "JJS", "VBN", "VBG", "NN", "NNP", "NNPS", "HYPH", "CD")
_SPEECH_VERBS = frozenset({"said", "says", "told", "added", "stated", "warned"})
_COPULAS = frozenset({"is", "was", "are", "were", "became", "becomes", "remains", "remained"})
# "it" before a form of these verbs is mostly the empty subject ("it is expected that ...")
_EMPTY_IT_VERBS = frozenset({"is", "was", "'s", "’s", "be", "been", "being", "seems", "seemed", "appears",
                             "appeared", "became", "becomes", "remains", "remained", "takes", "took"})
_EMPTY_IT_SKIP = frozenset({"will", "would", "could", "should", "may", "might", "must", "can", "also", "not",
                            "n't", "has", "had", "have", "still"})
# object forms: never the subject of their clause, whom they cannot mean ("Tibbles wrote it with him")
_OBJECT_FORMS = frozenset({"him", "her", "them"})
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_BLOCK_KIND = {"m": 0, "f": 0, "n": 1, "pl": 2}
_OPENING, _CLOSING = frozenset({"“", "‘‘", "``"}), frozenset({"”", "’’", "''"})
# who each pronoun class can mean, and which types in the deciding sentence make it abstain
_CLASS_TYPES = {"m": (frozenset({"PERSON"}), frozenset()),
                "f": (frozenset({"PERSON"}), frozenset()),
                "n": (frozenset({"ORG", "GPE", "LOC", "FAC"}), frozenset()),
                "pl": (frozenset({"NORP", "ORG"}), frozenset({"PERSON", "GPE"}))}


@lru_cache(maxsize=1)
def _pronouns() -> dict[str, str]:
    """data/pronouns.tsv: form -> class (m, f, n or pl)."""
    rows = table("pronouns.tsv")
    _check("pronouns.tsv", rows, lambda r: len(r) >= 2 and r[1] in _BLOCK_KIND, "FORM <TAB> m, f, n or pl")
    return {row[0].lower(): row[1] for row in rows}


@lru_cache(maxsize=1)
def _nouns() -> dict[str, tuple[str, str]]:
    """data/descriptions.tsv: noun -> (type, "near" or "learned")."""
    rows = table("descriptions.tsv")
    _check("descriptions.tsv", rows, lambda r: len(r) >= 3 and r[2] in ("near", "learned"),
           "NOUN <TAB> TYPE <TAB> near or learned")
    return {row[0].lower(): (row[1], row[2]) for row in rows}


def _check(name: str, rows, ok, form: str) -> None:
    """Raise one clear error for the first row of an edited data file that ``ok`` refuses."""
    for row in rows:
        if not ok(row):
            raise GraphbuildError(f"graphbuild/data/{name}: the row {chr(9).join(row)!r} is not {form}; mend it")


# --- the extraction half -------------------------------------------------------------------------------

def referring_expressions(sdoc, sent_starts: list[int]) -> list[tuple]:
    """The coreference records of one tagged chunk (see the module docstring); ``sent_starts``: the token
    index where each of its sentences starts. Offsets are into the chunk's text. A model without a tagger
    gives none."""
    if not len(sdoc) or not sdoc[0].tag_:
        return []
    in_ent = [""] * len(sdoc)
    for ent in sdoc.ents:
        for i in range(ent.start, ent.end):
            in_ent[i] = ent.label_
    learned = _learned(sdoc, in_ent)
    heads = {rec[4] for rec in learned}
    out: list[tuple] = [rec[:4] for rec in learned] + _subjects(sdoc, sent_starts)
    pronouns, nouns = _pronouns(), _nouns()
    ent_at = {ent.start: ent for ent in sdoc.ents if ent.label_ in _NAME_LABELS}
    blocks = [-1, -1, -1]
    quoted, single, si, verb_seen = False, False, -1, True
    for tok in sdoc:
        i = tok.i
        if si + 1 < len(sent_starts) and i >= sent_starts[si + 1]:  # a new sentence (tokens come in order)
            si, verb_seen = bisect_right(sent_starts, i) - 1, False
        if not verb_seen and tok.tag_[:2] in ("VB", "MD"):
            verb_seen = True
            out.append(("v", si, tok.idx))
        text = tok.text
        if text == '"' or text in _OPENING or text in _CLOSING:
            quoted = (not quoted) if text == '"' else text in _OPENING
            continue
        if text == "‘" or (text == "’" and single):  # British quotes; a lone "’" is also an apostrophe
            single = text == "‘"
            continue
        if in_ent[i]:
            if i in ent_at:
                out.extend(_name_records(sdoc, ent_at[i], quoted or single))
            elif in_ent[i] not in _NAME_LABELS and _before_speech(sdoc, i):
                blocks[0] = tok.idx + len(text)  # a speaker the model took for no name ("Shiratori" PRODUCT)
            continue
        low, tag = tok.lower_, tok.tag_
        if tag in ("PRP", "PRP$") and low in pronouns:
            cls = pronouns[low]
            if not (low == "it" and _empty_it(sdoc, i)):
                # an object form, or a possessive in an apposition ("Chevron, its rival,"), never means a
                # name before it in its own sentence
                inner = (tag == "PRP" and low in _OBJECT_FORMS) or (i > 1 and sdoc[i - 1].text == ","
                                                                    and bool(in_ent[i - 2]))
                out.append(("p", tok.idx, tok.idx + len(text), text, si, quoted or single, cls,
                            blocks[_BLOCK_KIND[cls]], inner))
                if not verb_seen and any(sdoc[j].tag_ in ("IN", "WRB") for j in range(sent_starts[si], i)):
                    out.append(("x", tok.idx))  # "Despite his defense of X, Y said", "When he ...": forward?
            continue
        if tag == "NNP" and _before_speech(sdoc, i):
            blocks[0] = tok.idx + len(text)  # a speaker the model did not find ("..., Shiratori said. ... he")
            continue
        if tag not in _NOUN or i in heads or _compound(sdoc, i):
            continue
        end = tok.idx + len(text)
        if tag == "NN" and low in nouns and (first := _description_start(sdoc, i, in_ent)) is not None:
            out.append(("d", sdoc[first].idx, end, sdoc[first:i + 1].text, si, quoted or single, low, -1, False))
            blocks[0 if nouns[low][0] == "PERSON" else 1] = end  # unless it resolves to the same entity
            continue
        if tag == "NNS":
            blocks[2] = end
        elif nouns.get(low, ("",))[0] == "PERSON" or low in word_set("person_nouns.txt"):
            if _determined(sdoc, i):  # "a spokesman", "the firm's arbitrageur"; not "served as mayor"
                blocks[0] = end
        else:
            blocks[1] = end
    out.append(("t", *blocks))
    return out


def _name_records(sdoc, ent, quoted: bool) -> list[tuple]:
    """``("q", start, end)`` for a name inside quotation marks (the quote's speaker is someone else, whom a
    pronoun outside may mean), ``("m", start, end)`` for a name that modifies a noun or another name ("U.S.
    corn prices", "the U.K. Trade Department": not what "it" refers to)."""
    out = [("q", ent.start_char, ent.end_char)] if quoted else []
    if ent.end < len(sdoc) and sdoc[ent.end].tag_ in _NOUN + _NAME_TAGS:  # "U.K. Trade Department"
        out.append(("m", ent.start_char, ent.end_char))
    return out


def _subjects(sdoc, sent_starts: list[int]) -> list[tuple]:
    """``("s", start, end)`` for every name that stands where a subject does: before the first verb of its
    sentence, and not in a prepositional phrase ("In a filing with the SEC, Acme said ...": Acme only)."""
    out = []
    for ent in sdoc.ents:
        if ent.label_ not in _NAME_LABELS:
            continue
        first = sent_starts[bisect_right(sent_starts, ent.start) - 1]
        if any(sdoc[j].tag_[:2] in ("VB", "MD") for j in range(first, ent.start)):
            continue
        j = ent.start - 1
        while j >= first and (sdoc[j].tag_ in _MODIFIERS + ("DT", "POS", "PRP$") or sdoc[j].ent_type_):
            j -= 1
        if j < first or sdoc[j].tag_ not in ("IN", "TO"):
            out.append(("s", ent.start_char, ent.end_char))
    return out


def _before_speech(sdoc, i: int) -> bool:
    """True for a token right before "said", "told", ... (a speaker)."""
    return i + 1 < len(sdoc) and sdoc[i + 1].lower_ in _SPEECH_VERBS


def _compound(sdoc, i: int) -> bool:
    """True when the noun at ``i`` is not the last of its noun phrase ("company" of "company spokesman")."""
    return i + 1 < len(sdoc) and sdoc[i + 1].tag_ in _NOUN + _NAME_TAGS


def _determined(sdoc, i: int) -> bool:
    """True when a determiner or a possessive opens the noun phrase of the noun at ``i``."""
    j = i - 1
    while j >= 0 and i - j <= 5 and sdoc[j].tag_ in _MODIFIERS:
        j -= 1
    return j >= 0 and sdoc[j].tag_ in ("DT", "PRP$", "POS", "WP$")


def _empty_it(sdoc, i: int) -> bool:
    """True for an "it" that is (most likely) no reference: "it is expected", "it would be difficult"."""
    j = i + 1
    while j < len(sdoc) and sdoc[j].lower_ in _EMPTY_IT_SKIP:
        j += 1
    return j < len(sdoc) and sdoc[j].lower_ in _EMPTY_IT_VERBS


def _description_start(sdoc, i: int, in_ent: list[str]) -> int | None:
    """The index of "the" that opens a definite description ending with the noun at ``i`` ("the Iraqi
    militia"), or None: no "the", a person or organisation name among the modifiers, or a name right after
    it ("the militia Kata'ib Hezbollah": that is a description of the name, see _learned)."""
    if i + 1 < len(sdoc) and in_ent[i + 1] in ("PERSON", "ORG"):
        return None
    j = i - 1
    while j >= 0 and i - j <= 5 and sdoc[j].tag_ in _MODIFIERS and in_ent[j] not in ("PERSON", "ORG"):
        j -= 1
    if j >= 0 and sdoc[j].lower_ == "the":
        return j
    return None


def _learned(sdoc, in_ent: list[str]) -> list[tuple]:
    """``("a", start, end, noun, noun index)`` for every name the chunk describes with a noun of
    data/descriptions.tsv: in apposition after it ("X, an Iraqi militia,"), after a copula ("X is a
    militia"), or right before it ("the militia X", "oil company X")."""
    nouns = _nouns()
    out = []
    for ent in sdoc.ents:
        if ent.label_ not in _NAME_LABELS:
            continue
        before = _noun_before(sdoc, ent.start) if ent.label_ != "NORP" else None  # "committee Democrats": no
        for head in (_noun_after(sdoc, ent.end, in_ent), before):
            if head is not None and sdoc[head].lower_ in nouns:
                out.append(("a", ent.start_char, ent.end_char, sdoc[head].lower_, head))
    return out


def _noun_after(sdoc, k: int, in_ent: list[str]) -> int | None:
    """The head noun of "X, a/the ... NOUN" or "X is a/the ... NOUN" starting at token ``k``, or None."""
    if k < len(sdoc) and sdoc[k].text == "(":  # "X (born 1950) is a ...": past the brackets
        depth = 0
        while k < len(sdoc):
            depth += (sdoc[k].text == "(") - (sdoc[k].text == ")")
            k += 1
            if depth == 0:
                break
    if k + 1 >= len(sdoc) or not (sdoc[k].text == "," or sdoc[k].lower_ in _COPULAS):
        return None
    j = k + 1
    if sdoc[j].lower_ in ("a", "an", "the"):
        j += 1
    elif sdoc[k].text != ",":
        return None  # "X is NOUN": no determiner, no description ("X is chairman" is one, but rare)
    head = None
    while j < len(sdoc) and j - k <= 6 and sdoc[j].tag_ in _MODIFIERS and in_ent[j] not in ("PERSON", "ORG"):
        if sdoc[j].tag_ == "NN":
            head = j
        elif head is not None:
            break
        j += 1
    if head is not None and head + 1 < len(sdoc) and sdoc[head + 1].tag_ in _NOUN + _NAME_TAGS + ("POS",):
        return None  # "X, the company chairman", "X, the company's largest shareholder": not a company
    return head


def _noun_before(sdoc, k: int) -> int | None:
    """The noun right before the name at token ``k`` ("the militia X", "commander X"), or None; not after
    "a"/"an" ("a company X bought": X is the buyer)."""
    j = k - 1
    if j < 0 or sdoc[j].tag_ != "NN":
        return None
    d = j - 1
    while d >= 0 and j - d <= 4 and sdoc[d].tag_ in _MODIFIERS:
        d -= 1
    if d >= 0 and sdoc[d].lower_ in ("a", "an"):  # "a company Acme Corp bought": a relative clause
        return None
    return j


# --- the resolution half -------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Seen:
    start: int
    end: int
    sent: int
    eid: str
    name: tuple[int, int]  # offsets of the name this mention (or the chain it continues) stands for
    adjective: bool = False  # NER's NORP ("Iraqi", "the Kurds"): never what "it" refers to
    subject: bool = False  # stands where a subject does (see _subjects)
    modifier: bool = False  # a name before a noun ("U.S. corn prices", "the Trump administration")


@dataclass
class _Document:
    """What resolution knows of one document: its mentions by sentence (names, then each reference as it is
    resolved), where each sentence starts and where its first verb is, and every entity's type and sex."""

    by_sent: dict[int, list[_Seen]]
    starts: list[int]
    verbs: dict[int, int]
    types: dict[str, str]
    sexes: dict[str, str]
    forward: frozenset = frozenset()  # pronouns that may point forward ("x" records)

    def subject_like(self, start: int, sent: int) -> bool:
        """True for a mention before its sentence's first verb: most often the subject."""
        return start < self.verbs.get(sent, 1 << 62)

    def before(self, sent: int, start: int, fits) -> list[_Seen]:
        """The mentions of sentence ``sent`` that end before ``start`` and that ``fits``."""
        return [c for c in self.by_sent.get(sent, ()) if c.end <= start and fits(c)]


def entity_sexes(mentions: list, assign: list[str | None], types: dict[str, str]) -> dict[str, str]:
    """The sex of each PERSON entity ("m" or "f") that its mentions tell: a title (data/title_classes.tsv:
    "Mrs", "Mr") or a given name (data/given_names.tsv); none when they disagree or say nothing."""
    classes = {row[0].lower(): row[1] for row in table("title_classes.tsv")}
    told: dict[str, set[str]] = {}
    names = given_names()
    for m, eid in zip(mentions, assign):
        if eid is None or types.get(eid) != "PERSON":
            continue
        said = told.setdefault(eid, set())
        sex = {"male": "m", "female": "f"}.get(classes.get(m.title.lower(), ""))
        if sex:
            said.add(sex)
        words = name_tokens(match_key(m.text))
        if len(words) > 1 and names.get(words[0]) in ("m", "f"):
            said.add(names[words[0]])
    return {eid: next(iter(s)) for eid, s in told.items() if len(s) == 1}


def resolve_references(refs: list[tuple], named: list[tuple], types: dict[str, str], sexes: dict[str, str],
                       doc: str, sentence_starts: list[int]) -> list[tuple]:
    """The coreferent mentions of one document, each with the entity it refers to.

    ``refs``: the document's records from referring_expressions (offsets into the document, sentence
    indexes of the document); ``named``: its name mentions (extract.Mention) with their entities;
    ``types``: every entity's type; ``sexes``: see entity_sexes; ``sentence_starts``: where each sentence
    starts. A coreferent mention is a Mention with ``via`` "pronoun" or "description" and ``antecedent``:
    the offsets of the name it stands for.
    """
    from .extract import Mention  # extract imports this module for its other half

    d = _Document({}, sentence_starts, {}, types, sexes, frozenset(r[1] for r in refs if r[0] == "x"))
    for r in refs:
        if r[0] == "v":
            d.verbs[r[1]] = min(d.verbs.get(r[1], r[2]), r[2])
    spans = {kind: sorted((r[1], r[2]) for r in refs if r[0] == kind) for kind in ("s", "q", "m")}

    def marked(kind: str, m) -> bool:  # whether a record of ``kind`` overlaps the name
        k = bisect_right(spans[kind], (m.end,)) - 1  # the last one starting before the name ends
        return k >= 0 and spans[kind][k][1] > m.start

    for m, eid in named:
        if not m.role and not marked("q", m):  # a name in a quote is no antecedent
            subject = marked("s", m) and d.subject_like(m.start, m.sent)  # (bracket-joined sentences)
            d.by_sent.setdefault(m.sent, []).append(_Seen(m.start, m.end, m.sent, eid, (m.start, m.end),
                                                          m.label == "NORP", subject, marked("m", m)))
    learned = _learned_nouns(refs, named)
    tails = sorted((r for r in refs if r[0] == "t"), key=lambda r: max(r[1:]))
    resolved: list[tuple] = []
    cleared: set[tuple[str, int]] = set()  # (entity, end) of descriptions resolved: no block for it
    for ref in sorted((r for r in refs if r[0] in ("p", "d")), key=lambda r: r[1]):
        kind, start, end, text, sent, quoted, what, block, _ = ref
        if quoted:
            continue
        if kind == "p":
            found = _pronoun_antecedent(ref, d, _block(block, what, start, tails), cleared)
        else:
            found = _description_antecedent(ref, d, learned)
        if found is None:
            continue
        via = "pronoun" if kind == "p" else "description"
        resolved.append((Mention(doc, start, end, text, "", sent, via=via, antecedent=found.name), found.eid))
        d.by_sent.setdefault(sent, []).append(replace(found, start=start, end=end, sent=sent,
                                                      subject=d.subject_like(start, sent) and not ref[8]))
        if kind == "d":
            cleared.add((found.eid, end))
    return resolved


def _learned_nouns(refs: list[tuple], named: list[tuple]) -> list[tuple[int, str, str]]:
    """``(position, noun, entity)`` of every description the document gives a name ("a" records, matched
    to the name mentions they overlap) and of every title ("General Soleimani": "general")."""
    out = []
    starts = sorted((m.start, m.end, eid) for m, eid in named)
    for r in refs:
        if r[0] != "a":
            continue
        _, s, e, noun = r
        for ms, me, eid in starts[max(0, bisect_right(starts, (s,)) - 1):]:
            if ms >= e:
                break
            if me > s:
                out.append((ms, noun, eid))
                break
    for m, eid in named:
        if m.title:
            out.append((m.start, m.title.split()[-1].lower(), eid))
    return sorted(out)


def _block(block: int, cls: str, start: int, tails: list[tuple]) -> int:
    """The end of the last noun before a pronoun that could be meant instead (from earlier chunks when its
    own has none)."""
    if block >= 0:
        return block
    k = _BLOCK_KIND[cls] + 1
    before = [t[k] for t in tails if 0 <= t[k] < start]
    return max(before, default=-1)


def _pronoun_antecedent(ref: tuple, d: _Document, block: int, cleared: set) -> _Seen | None:
    """The mention a pronoun refers to, or None (see the module docstring). In its own sentence: the one
    entity that fits before it (an object form, "him", never means one of its own sentence). Else in the
    nearest of the LOOKBACK sentences before with one that fits: the one entity, or of several the one that
    is a subject when the pronoun is one. Else, for "he" and "she", the one person of the document so far
    who fits."""
    _, start, _, _, sent, _, cls, _, inner = ref
    allowed, rivals = _CLASS_TYPES[cls]
    sex = cls if cls in ("m", "f") else ""

    def fits(c: _Seen) -> bool:
        t = d.types.get(c.eid, "")
        if c.modifier or cls == "n" and c.adjective:
            return False  # none refers to "the Acme unit", "it" never to "Iraqi"
        return (t in allowed and (not sex or d.sexes.get(c.eid, sex) == sex)) or t in rivals

    own = d.before(sent, start, fits)
    if not own and start in d.forward and d.before(sent, 1 << 62, lambda c: fits(c) and c.start > start):
        return None  # a name after it in its sentence may be the one meant ("Despite his ..., Smith ...")
    near = own or _seen_at(d, sent, start, fits)
    subject = d.subject_like(start, sent) and not inner
    if own:
        pick = None if inner else _single(own)
    elif near:
        # of several, the one subject, among those whose sex is known to fit if any is ("She": Ardern, not a
        # Modi of unknown sex)
        known = [c for c in near if sex and d.sexes.get(c.eid) == sex]
        pick = _single(near) or (_single([c for c in known or near if c.subject]) if subject else None)
    else:  # far back: only a subject "he"/"she", to the one person of the article ("His car overturned": no)
        pick = _single([c for s in range(sent) for c in d.before(s, start, fits)]) if sex and subject else None
    if pick is None or d.types.get(pick.eid) not in allowed:
        return None
    if cls in ("n", "pl") and not (pick.subject and _nearest(near) == pick.eid):
        return None  # "it" and "they" refer to a subject with nothing that fits nearer ("Acme said it")
    if cls == "pl":  # a plural noun anywhere since the name's sentence began ("Bakeries in Mola ... their")
        return None if block >= d.starts[pick.sent] else pick
    return None if pick.end <= block and (pick.eid, block) not in cleared else pick


def _seen_at(d: _Document, sent: int, start: int, fits, own: bool = False) -> list[_Seen]:
    """The mentions before ``start`` that fit in the nearest of the LOOKBACK sentences before ``sent`` (with
    ``own``: ``sent`` first) that has any."""
    for s in range(sent if own else sent - 1, max(-1, sent - LOOKBACK - 1), -1):
        if seen := d.before(s, start, fits):
            return seen
    return []


def _nearest(seen: list[_Seen]) -> str | None:
    """The entity of the last of ``seen``."""
    return max(seen, key=lambda c: c.end).eid if seen else None


def _single(seen: list[_Seen]) -> _Seen | None:
    """The last of ``seen`` when they are all one entity's mentions, else None."""
    if not seen or len({c.eid for c in seen}) != 1:
        return None
    return max(seen, key=lambda c: c.end)


def _description_antecedent(ref: tuple, d: _Document, learned: list[tuple[int, str, str]]) -> _Seen | None:
    """The mention a description refers to: the last of the one entity its document described with its
    noun before it; else ("near" nouns) the one entity of its type in the nearest sentence with one (its
    own, then LOOKBACK before), when that mention is a subject ("Exxon said ... The company")."""
    _, start, _, _, sent, _, noun, _, _ = ref
    kind, when = _nouns().get(noun, ("", ""))
    told = {eid for pos, n, eid in learned if pos < start and n == noun and _agrees(kind, d.types.get(eid, ""))}
    if len(told) > 1 or (not told and when != "near"):
        return None
    if told:
        eid = next(iter(told))
        return _single([c for s in range(sent, -1, -1) for c in d.before(s, start, lambda c: c.eid == eid)])
    seen = _seen_at(d, sent, start, lambda c: _agrees(kind, d.types.get(c.eid, "")) and not c.adjective
                    and not c.modifier, own=True)
    pick = _single(seen)
    return pick if pick is not None and pick.subject else None


def _agrees(kind: str, entity_type: str) -> bool:
    """True when a description's type (data/descriptions.tsv) fits an entity's ("the town": a GPE or a LOC)."""
    return kind == entity_type or {kind, entity_type} <= {"GPE", "LOC"}
