"""Resolve stage: group mentions into entities (aliases, acronyms, spelling variants, surnames, type voting)."""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Iterable, Sequence

from rapidfuzz import fuzz

from .aliases import AliasTable
from .extract import Mention
from .text import is_acronym, match_key, slug

__all__ = [
    "Entity", "Resolution", "ResolveConfig", "resolve", "find_acronym_definitions",
    "fuzzy_match", "load_demonyms", "TYPE_PRIORITY",
]

log = logging.getLogger("graphbuild")

#: Tie-break order of type voting.
TYPE_PRIORITY = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW",
                 "WORK_OF_ART", "LANGUAGE")
#: Name particles skipped when comparing surnames ("al-Muhandis" ~ "Muhandis").
PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "von", "van", "der", "de", "da", "di", "du", "le", "la"})
#: First words of an Arabic kunya or nasab ("Abu Mahdi"): such a two-word form may match a full name's start.
KUNYA = frozenset({"abu", "umm", "ibn", "bin", "bint"})
#: Words skipped when taking initials ("Joint Comprehensive Plan of Action" -> JCPOA also tried).
INITIAL_STOPWORDS = frozenset({"of", "the", "and", "for", "in", "on", "to", "de", "du", "des", "a",
                               "an", "al", "el", "at", "&"})
_VOWELS = re.compile(r"[aeiouy]")
_DEF_RE = re.compile(r"((?:[A-Z][\w'’-]*\s+|(?:of|the|and|for|in|on|de|al|el)\s+){1,9}?[A-Z][\w'’-]*)"
                     r"\s+\(\s*([A-Z][A-Za-z.&-]{1,9})\s*\)")


@dataclass
class Entity:
    """A resolved entity: a node of the graph."""

    id: str
    label: str
    type: str
    aliases: list[str]
    mentions: int
    documents: int


@dataclass
class ResolveConfig:
    """Options of the resolve stage."""

    aliases: AliasTable = field(default_factory=AliasTable)
    demonyms: str = "map"  # map | drop | keep
    demonym_table: dict[str, str] | None = None
    fuzzy: bool = True
    min_token_ratio: float = 70.0


@dataclass
class Resolution:
    """The result of resolution: entities, the entity of each mention, and the audit trail."""

    entities: dict[str, Entity]
    assign: list[str | None]
    merges: list[dict]


@lru_cache(maxsize=1)
def load_demonyms() -> dict[str, str]:
    """The packaged demonym table: match key of a demonym -> state name."""
    text = resources.files("graphbuild.data").joinpath("demonyms.tsv").read_text("utf-8")
    out = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        dem, _, state = line.partition("\t")
        if state.strip():
            out[match_key(dem)] = state.strip()
    return out


def find_acronym_definitions(text: str) -> list[tuple[str, str]]:
    """Find "Long Form Name (ACRO)" definitions whose initials spell the acronym.

    >>> find_acronym_definitions("Iraq's Popular Mobilization Forces (PMF), an umbrella group")
    [('PMF', 'Popular Mobilization Forces')]
    """
    out = []
    for m in _DEF_RE.finditer(text):
        acro = m.group(2).replace(".", "")
        words = m.group(1).split()
        # take the shortest tail of capitalised words whose initials spell the acronym
        for i in range(len(words) - 1, -1, -1):
            tail = words[i:]
            if not tail[0][:1].isupper():
                continue
            if _initials_match(acro, tail):
                out.append((m.group(2), " ".join(tail)))
                break
    return out


def _initials(words: Sequence[str], skip_stop: bool) -> str:
    parts = []
    for w in words:
        for piece in re.split(r"[-\s]+", w):
            if not piece or (skip_stop and piece.lower() in INITIAL_STOPWORDS):
                continue
            parts.append(piece[0])
    return "".join(parts).upper()


def _initials_match(acro: str, words: Sequence[str]) -> bool:
    acro = acro.upper().replace(".", "")
    return len(words) >= 2 and acro in (_initials(words, True), _initials(words, False))


def _skeleton(token: str) -> str:
    s = _VOWELS.sub("", token)
    return re.sub(r"(.)\1+", r"\1", s)


def fuzzy_match(a: str, b: str, min_token_ratio: float = 70.0) -> float:
    """Score (0-100) if match keys ``a`` and ``b`` are spelling variants of one name, else 0.

    Guarded for transliterated names: same number of words; every word that differs has the same
    consonant skeleton (vowels and doubled letters dropped: Qassem/Qasem, Hezbollah/Hizballah,
    Quds/Qods), a skeleton of at least 3 letters, and a similarity of at least ``min_token_ratio``.
    Iran/Iraq (skeletons rn/rq) never match.

    >>> fuzzy_match("qassem soleimani", "qasem soleimani") > 0, fuzzy_match("iran", "iraq")
    (True, 0.0)
    """
    ta, tb = a.split(), b.split()
    if a == b or len(ta) != len(tb):
        return 0.0
    for x, y in zip(ta, tb):
        if x == y:
            continue
        if not (x.isalpha() and y.isalpha()):
            return 0.0
        sx = _skeleton(x)
        if sx != _skeleton(y) or len(sx) < 3 or fuzz.ratio(x, y) < min_token_ratio:
            return 0.0
    return round(fuzz.ratio(a, b), 1)


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> int:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra
        return ra


@dataclass
class _Cluster:
    key: str
    count: int = 0
    forms: Counter = field(default_factory=Counter)  # surface forms that may become the label
    extra: Counter = field(default_factory=Counter)  # (alias-only form, rule): demonyms, titled forms
    votes: Counter = field(default_factory=Counter)
    docs: set = field(default_factory=set)
    entry: int | None = None  # alias table entry
    fixed_type: str = ""  # set by demonym mapping
    rule: str = "exact"
    score: float | None = None
    via: str = ""  # key of the cluster it was merged into

    @property
    def n(self) -> int:
        return self.count

    @property
    def acronym(self) -> bool:
        return bool(self.forms) and all(is_acronym(f) for f in self.forms)


def _vote(votes: Counter) -> str:
    if not votes:
        return ""
    best = max(votes.values())
    for t in TYPE_PRIORITY:
        if votes.get(t) == best:
            return t
    return sorted(t for t, v in votes.items() if v == best)[0]


def _name_tokens(key: str) -> list[str]:
    toks = key.split()
    while len(toks) > 1 and toks[0] in PARTICLES:
        toks = toks[1:]
    return [t for i, t in enumerate(toks) if not (t in PARTICLES and i < len(toks) - 1)]


def resolve(
    mentions: Sequence[Mention],
    definitions: Iterable[tuple[str, str, str]] = (),
    config: ResolveConfig | None = None,
) -> Resolution:
    """Resolve mentions to entities.

    ``definitions`` are ``(doc, acronym, long form)`` triples from find_acronym_definitions.
    Rules, in order: alias file (merge/rename/retype/drop), demonyms, exact match key,
    acronyms (defined in the text, then by initials within a type), guarded fuzzy spelling
    variants (complete linkage: no chaining), a person's short form to the one full name that
    ends with it, and type voting over each entity's core forms.
    """
    config = config or ResolveConfig()
    table = config.aliases
    demonyms = config.demonym_table if config.demonym_table is not None else load_demonyms()
    states = {match_key(s) for s in demonyms.values()}
    for e in table.entries:
        if e.type in ("GPE", "LOC"):
            states.update(match_key(n) for n in e.names())

    clusters: list[_Cluster] = []
    by_key: dict[str, int] = {}
    mention_cluster: list[int | None] = []
    dropped_forms: Counter = Counter()
    for m in mentions:
        form = " ".join(m.text.split())
        key = match_key(form)
        state = ""
        dem_key = re.sub(r"^(?:pro|anti|non)\s+", "", key)
        if dem_key in demonyms and config.demonyms != "keep" and (
            m.label == "NORP" or dem_key != match_key(demonyms[dem_key])
        ):
            if config.demonyms == "drop":
                mention_cluster.append(None)
                dropped_forms[(form, "demonym-dropped")] += 1
                continue
            state = demonyms[dem_key]
            key = match_key(state)
        entry = table.index(key)
        if entry is not None and table.entries[entry].drop:
            mention_cluster.append(None)
            dropped_forms[(form, "alias-file:drop")] += 1
            continue
        ci = by_key.get(key)
        if ci is None:
            ci = by_key[key] = len(clusters)
            clusters.append(_Cluster(key, entry=entry))
        c = clusters[ci]
        c.count += 1
        c.docs.add(m.doc)
        if state:
            c.extra[(form, "demonym")] += 1
            c.forms[state] += 0  # the state's name is a label candidate, not the adjective
            c.votes["GPE"] += 1
            c.fixed_type = "GPE"
        else:
            c.forms[form] += 1
            c.votes[m.label] += 1
        if m.title:
            c.extra[(" ".join(f"{m.title} {form}".split()), "title")] += 1
        mention_cluster.append(ci)

    uf = _UnionFind(len(clusters))
    # 1. alias file entries
    first_of_entry: dict[int, int] = {}
    for ci, c in enumerate(clusters):
        if c.entry is None:
            continue
        if c.entry in first_of_entry:
            uf.union(first_of_entry[c.entry], ci)
        else:
            first_of_entry[c.entry] = ci
        c.rule = "alias-file"

    def group_type(root: int, members: dict[int, list[int]]) -> str:
        ms = members[root]
        for ci in ms:
            e = clusters[ci].entry
            if e is not None and table.entries[e].type:
                return table.entries[e].type
        core = [ci for ci in ms if clusters[ci].rule in ("exact", "alias-file", "demonym")
                or clusters[ci].rule.startswith("fuzzy")]
        if any(not clusters[ci].acronym for ci in core):
            core = [ci for ci in core if not clusters[ci].acronym]
        votes = Counter()
        for ci in core or ms:
            votes.update(clusters[ci].votes)
            if clusters[ci].fixed_type:
                votes[clusters[ci].fixed_type] += 10 ** 6
        return _vote(votes)

    def members_of() -> dict[int, list[int]]:
        groups: dict[int, list[int]] = defaultdict(list)
        for ci in range(len(clusters)):
            groups[uf.find(ci)].append(ci)
        return groups

    def fixed_group(ci: int) -> bool:
        return any(clusters[x].entry is not None for x in members[uf.find(ci)])

    # 2. acronyms defined in the text
    members = members_of()
    for doc, acro, long in sorted(set(definitions)):
        a, l = by_key.get(match_key(acro)), by_key.get(match_key(long))
        if a is None or l is None or uf.find(a) == uf.find(l):
            continue
        if fixed_group(a) and fixed_group(l):
            continue
        clusters[a].rule, clusters[a].via = "acronym-defined", clusters[l].key
        ra, rl = uf.find(a), uf.find(l)
        root = uf.union(rl, ra)
        members[root] = members.pop(ra if root == rl else rl) + members.get(root, [])
    # 3. acronyms by initials, within a type
    types = {r: group_type(r, members) for r in members}
    long_forms: dict[str, list[int]] = defaultdict(list)
    for r, ms in members.items():
        for ci in ms:
            c = clusters[ci]
            if not c.acronym and len(c.key.split()) >= 2:
                for form in c.forms:
                    for ini in {_initials(form.split(), True), _initials(form.split(), False)}:
                        if r not in long_forms[ini]:
                            long_forms[ini].append(r)
    for ci, c in enumerate(clusters):
        if not c.acronym or len(members[uf.find(ci)]) > 1 or c.entry is not None:
            continue
        acro = c.key.replace(" ", "").upper()
        own = _vote(c.votes)
        cands = [r for r in long_forms.get(acro, []) if types[r] == own]
        if len(cands) == 1:
            c.rule, c.via = "acronym-initials", clusters[cands[0]].key
            uf.union(cands[0], ci)
    members = members_of()
    types = {r: group_type(r, members) for r in members}

    # 4. guarded fuzzy matching with complete linkage (no chaining). Spelling variants share the
    #    consonant skeleton of every word, so only clusters with the same skeletons are compared.
    if config.fuzzy:
        order = sorted(range(len(clusters)), key=lambda i: (-clusters[i].n, clusters[i].key))
        by_shape: dict[tuple, list[int]] = defaultdict(list)
        for ci in order:
            c = clusters[ci]
            if c.acronym or fixed_group(ci) or len(members[uf.find(ci)]) > 1 and c.rule != "exact":
                continue
            toks = c.key.split()
            t = types[uf.find(ci)]
            shape = (t, tuple(_skeleton(x) for x in toks))
            best = None
            for other in by_shape[shape]:
                if uf.find(other) == uf.find(ci):
                    continue
                group = [x for x in members[uf.find(other)]
                         if not clusters[x].acronym and len(clusters[x].key.split()) == len(toks)]
                scores = [fuzzy_match(c.key, clusters[x].key, config.min_token_ratio) for x in group]
                if group and all(scores):
                    score = min(scores)
                    if best is None or score > best[0]:
                        best = (score, other)
            if best:
                if len(members[uf.find(ci)]) == 1:
                    c.rule, c.score, c.via = f"fuzzy:{best[0]:g}", best[0], clusters[best[1]].key
                ra, rb = uf.find(best[1]), uf.find(ci)
                root = uf.union(ra, rb)
                members[root] = members.pop(ra if root == rb else rb) + members.get(root, [])
                types[root] = t
            else:
                by_shape[shape].append(ci)
        types = {r: group_type(r, members) for r in members}

    # 5. a person's short form to the one full name it ends with (or a kunya it starts with)
    snapshot = {r: list(ms) for r, ms in members.items()}
    # full names indexed by their last one or two words, and by their first two (kunya)
    by_suffix: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
    by_prefix: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
    for r, ms in snapshot.items():
        if types[r] != "PERSON":
            continue
        for ci in ms:
            toks = _name_tokens(clusters[ci].key)
            if len(toks) >= 2 and not clusters[ci].acronym:
                by_suffix[tuple(_skeleton(x) for x in toks[-1:])].append((r, ci, tuple(toks[-1:])))
                if len(toks) >= 3:
                    by_suffix[tuple(_skeleton(x) for x in toks[-2:])].append((r, ci, tuple(toks[-2:])))
                    by_prefix[tuple(toks[:2])].append((r, ci, tuple(toks[:2])))
    for ci, c in enumerate(clusters):
        r = uf.find(ci)
        if len(snapshot.get(r, [])) != 1 or c.entry is not None or c.acronym:
            continue
        toks = _name_tokens(c.key)
        if not 1 <= len(toks) <= 2 or c.key in states:
            continue
        cands = set()
        # the surname as written, or a spelling variant of it (Zelensky ~ Zelenskyy, Soleimani ~ Suleimani)
        options = [o for o in by_suffix.get(tuple(_skeleton(x) for x in toks), ())
                   if list(o[2]) == toks or fuzzy_match(" ".join(toks), " ".join(o[2]), config.min_token_ratio)]
        if toks[0] in KUNYA and len(toks) == 2:
            options += by_prefix.get(tuple(toks), ())
        person_share = c.votes.get("PERSON", 0) / max(1, c.n)
        for fr, fci, _ in options:
            if fr != r and (person_share >= 0.3 or c.docs & clusters[fci].docs):
                cands.add(fr)
        if len(cands) == 1:
            target = cands.pop()
            c.rule, c.via = "surname", clusters[target].key
            uf.union(target, ci)
            types[uf.find(ci)] = types[target]
    members = members_of()
    for r in members:
        if r not in types or any(clusters[ci].rule == "surname" for ci in members[r]):
            types.setdefault(r, group_type(r, members))

    # 6. entities
    entities: dict[str, Entity] = {}
    root_entity: dict[int, str] = {}
    merges: list[dict] = []
    used_ids: set[str] = set()
    roots = sorted(members, key=lambda r: min(clusters[ci].key for ci in members[r]))
    for r in roots:
        ms = members[r]
        etype = types.get(r) or group_type(r, members)
        label = _choose_label(ms, clusters, table, etype)
        base = f"{etype.lower()}:{slug(label)}"
        eid, n = base, 2
        while eid in used_ids:
            eid, n = f"{base}-{n}", n + 1
        used_ids.add(eid)
        aliases = set()
        docs = set()
        count = 0
        for ci in ms:
            c = clusters[ci]
            docs |= c.docs
            count += c.n
            rows = [(f, k, c.rule) for f, k in c.forms.items() if k]
            rows += [(f, k, rule) for (f, rule), k in c.extra.items()]
            for form, k, rule in rows:
                aliases.add(form)
                if rule == "title":
                    continue  # the titled form is an alias; its mention is counted under the name
                if c.entry is not None and rule != "demonym":
                    rule = "alias-file"
                merges.append({"entity": eid, "label": label, "type": etype, "form": form,
                               "mentions": k, "rule": rule,
                               "score": "" if c.score is None else c.score, "via": c.via})
        entities[eid] = Entity(eid, label, etype, sorted(aliases), count, len(docs))
        root_entity[r] = eid
    for (form, rule), k in sorted(dropped_forms.items()):
        merges.append({"entity": "", "label": "", "type": "", "form": form, "mentions": k,
                       "rule": rule, "score": "", "via": ""})
    assign = [None if ci is None else root_entity[uf.find(ci)] for ci in mention_cluster]
    merges.sort(key=lambda row: (row["entity"], -row["mentions"], row["form"]))
    return Resolution(entities, assign, merges)


def _choose_label(ms: list[int], clusters: list[_Cluster], table: AliasTable, etype: str) -> str:
    for ci in ms:
        e = clusters[ci].entry
        if e is not None and table.entries[e].authoritative:
            return table.entries[e].name
    core = [ci for ci in ms if clusters[ci].rule != "surname"] or ms
    forms: Counter = Counter()
    for ci in core:
        forms.update(clusters[ci].forms)  # zero counts too: a demonym's state is a candidate
    if any(not is_acronym(f) for f in forms):
        forms = Counter({f: k for f, k in forms.items() if not is_acronym(f)})

    def rank(f: str):
        ntok = len(f.split()) if etype == "PERSON" else 0
        return (-ntok, -forms[f], -len(f), f)

    return sorted(forms, key=rank)[0]
