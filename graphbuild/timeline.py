"""Time: the periods ties and entities are counted by, date ranges, and a graph cut to a range.

A build whose documents have dates (see meta.py) counts every tie's weight and documents, and every
entity's mentions and documents, per period: a day, a week (Monday to Sunday) or a calendar month,
chosen by the corpus's span (PERIOD_SPANS) or by ``--period``. A period is named by its first day
(ISO 8601). The counts are one text attribute, ``periods``: ``"1987-03-02:3:2 1987-03-09:1:1"`` is
weight (or mentions) 3 in 2 documents in the week of 2 March, then 1 in 1 the next week; with
``first_date`` and ``last_date`` (the first and last day seen) every export carries them.

Documents dated only to the month or year, and undated ones, count in the totals but in no period.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import networkx as nx

__all__ = ["PERIODS", "PERIOD_SPANS", "day_of", "choose_period", "period_start", "period_end", "format_counts",
           "parse_counts", "DateRange", "parse_range", "restrict", "widened", "is_dated"]

PERIODS = ("day", "week", "month")
#: ``auto`` picks the first period whose span (days from first to last dated document) is at most this.
PERIOD_SPANS = (("day", 92), ("week", 3 * 366))
_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)")
_PARTIAL = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")


def day_of(date: str | None) -> dt.date | None:
    """The day of an ISO 8601 date or time (the local date a time is written in); None when the
    date is missing or less precise than a day.

    >>> day_of("1987-02-26T15:01:01"), day_of("2024-01-31"), day_of("2024-01"), day_of(None)
    (datetime.date(1987, 2, 26), datetime.date(2024, 1, 31), None, None)
    """
    m = _DAY.match(date or "")
    if m is None:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def choose_period(days, period: str = "auto") -> str:
    """``period`` itself, or for ``auto`` the period that suits the span of ``days``.

    >>> d = dt.date(1987, 2, 26)
    >>> choose_period([d, d + dt.timedelta(60)]), choose_period([d, d + dt.timedelta(236)])
    ('day', 'week')
    >>> choose_period([d, d + dt.timedelta(2000)]), choose_period([], "auto"), choose_period([d], "month")
    ('month', 'day', 'month')
    """
    if period != "auto":
        if period not in PERIODS:
            raise ValueError(f"period must be auto, {', '.join(PERIODS)}, not {period!r}")
        return period
    days = list(days)
    span = (max(days) - min(days)).days if days else 0
    return next((p for p, limit in PERIOD_SPANS if span <= limit), "month")


def period_start(day: dt.date, period: str) -> dt.date:
    """The first day of the period holding ``day``.

    >>> period_start(dt.date(1987, 3, 4), "week"), period_start(dt.date(1987, 3, 4), "month")
    (datetime.date(1987, 3, 2), datetime.date(1987, 3, 1))
    """
    if period == "week":
        return day - dt.timedelta(day.weekday())
    if period == "month":
        return day.replace(day=1)
    return day


def period_end(start: dt.date, period: str) -> dt.date:
    """The last day of the period that starts on ``start``.

    >>> period_end(dt.date(1987, 3, 2), "week"), period_end(dt.date(1988, 2, 1), "month")
    (datetime.date(1987, 3, 8), datetime.date(1988, 2, 29))
    """
    if period == "week":
        return start + dt.timedelta(6)
    if period == "month":
        nxt = (start.replace(day=28) + dt.timedelta(4)).replace(day=1)
        return nxt - dt.timedelta(1)
    return start


def format_counts(counts: dict[dt.date, tuple[int, int]]) -> str:
    """The ``periods`` text of ``{period start: (weight, documents)}``, in time order.

    >>> format_counts({dt.date(1987, 3, 9): (1, 1), dt.date(1987, 3, 2): (3, 2)})
    '1987-03-02:3:2 1987-03-09:1:1'
    """
    return " ".join(f"{p.isoformat()}:{w}:{d}" for p, (w, d) in sorted(counts.items()))


def parse_counts(text) -> dict[dt.date, tuple[int, int]]:
    """``{period start: (weight, documents)}`` of a ``periods`` text; entries that are not
    ``date:int:int`` are left out (a graph edited by hand still loads).

    >>> parse_counts("1987-03-02:3:2 1987-03-09:1:1 junk")
    {datetime.date(1987, 3, 2): (3, 2), datetime.date(1987, 3, 9): (1, 1)}
    """
    out = {}
    for item in str(text or "").split():
        parts = item.split(":")
        day = day_of(parts[0])
        if len(parts) == 3 and day is not None and parts[1].isdigit() and parts[2].isdigit():
            out[day] = (int(parts[1]), int(parts[2]))
    return out


@dataclass(frozen=True)
class DateRange:
    """The days from ``since`` to ``until``, both included; None is open."""

    since: dt.date | None = None
    until: dt.date | None = None

    def __contains__(self, day: dt.date | None) -> bool:
        return day is not None and (self.since is None or day >= self.since) and \
            (self.until is None or day <= self.until)

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        return (self.since is None or end >= self.since) and (self.until is None or start <= self.until)

    def __str__(self) -> str:
        return f"{self.since or ''}..{self.until or ''}"


def _bound(text: str, last: bool) -> dt.date:
    """The first (or ``last``) day of a year, month or day written as ISO 8601."""
    m = _PARTIAL.fullmatch(text.strip())
    if m is None:
        raise ValueError(f"{text!r} is not a date (write 2024, 2024-01 or 2024-01-31)")
    y, mo, d = m.group(1), m.group(2), m.group(3)
    try:
        if d:
            return dt.date(int(y), int(mo), int(d))
        if mo:
            first = dt.date(int(y), int(mo), 1)
            return period_end(first, "month") if last else first
        return dt.date(int(y), 12, 31) if last else dt.date(int(y), 1, 1)
    except ValueError:
        raise ValueError(f"{text!r} is not a date (write 2024, 2024-01 or 2024-01-31)") from None


def parse_range(since: str | None = None, until: str | None = None, spec: str | None = None) -> DateRange:
    """A DateRange from ``--since``/``--until`` values or from one ``spec``: a year, month or day
    (all of it) or ``FROM..TO`` (either side may be left open).

    >>> str(parse_range("1987-03", "1987-04")), str(parse_range(spec="1987-03"))
    ('1987-03-01..1987-04-30', '1987-03-01..1987-03-31')
    >>> str(parse_range(spec="1987-03-02..")), str(parse_range(until="1987"))
    ('1987-03-02..', '..1987-12-31')
    """
    if spec is not None:
        a, sep, b = spec.partition("..")
        since, until = (a or None, b or None) if sep else (a, a)
    r = DateRange(_bound(since, False) if since else None, _bound(until, True) if until else None)
    if r.since and r.until and r.since > r.until:
        raise ValueError(f"the range {r} ends before it starts")
    return r


def is_dated(G: nx.Graph) -> bool:
    """True when G was built with periods (see the module's docstring)."""
    return G.graph.get("period") in PERIODS


def _cut(d: dict, rng: DateRange, period: str) -> tuple[int, int] | None:
    """Cut the attributes ``d`` of a node or tie to ``rng`` in place: its periods, its totals (weight or
    mentions, documents), first and last date clipped to the range. None when nothing is left."""
    kept = {p: c for p, c in parse_counts(d.get("periods")).items() if rng.overlaps(p, period_end(p, period))}
    if not kept:
        return None
    d["periods"] = format_counts(kept)
    first, last = day_of(d.get("first_date")), day_of(d.get("last_date"))
    lo, hi = min(kept), period_end(max(kept), period)
    lo, hi = max(lo, rng.since or lo), min(hi, rng.until or hi)
    if first is not None:
        d["first_date"] = max(first, lo).isoformat()
    if last is not None:
        d["last_date"] = min(last, hi).isoformat()
    return sum(w for w, _ in kept.values()), sum(n for _, n in kept.values())


def restrict(G: nx.Graph, rng: DateRange) -> nx.Graph:
    """G cut to the documents in ``rng``, as near as its periods tell: a tie keeps the weight and
    documents of its periods that overlap the range (so a range is widened to whole periods: see
    widened), the evidence from documents dated in the range; an entity keeps its mentions in those
    periods, and is left out with none. Measures stored on the nodes are dropped (recompute them)."""
    from .analysis import MEASURES

    if not is_dated(G):
        raise ValueError("the graph has no dates: build it from articles with dates (see `graphbuild build "
                         "--help`) to use --since/--until")
    from .evidence import dump_evidence, evidence_of

    period = G.graph["period"]
    H = nx.Graph()
    H.graph.update(G.graph)
    for n, d in G.nodes(data=True):
        d = {k: v for k, v in d.items() if k not in MEASURES and k != "community"}
        cut = _cut(d, rng, period)
        if cut is not None:
            d["mentions"], d["documents"] = cut
            H.add_node(n, **d)
    for u, v, d in G.edges(data=True):
        if u not in H or v not in H:
            continue
        d = dict(d)
        cut = _cut(d, rng, period)
        if cut is None:
            continue
        d["weight"], d["documents"] = cut
        if "evidence" in d:
            d["evidence"] = dump_evidence([e for e in evidence_of(d) if day_of(e.get("date")) in rng])
        H.add_edge(u, v, **d)
    docs = {p: c for p, c in parse_counts(G.graph.get("document_periods")).items()
            if rng.overlaps(p, period_end(p, period))}
    H.graph["document_periods"] = format_counts(docs)
    H.graph["range"] = str(rng)
    return H


def widened(G: nx.Graph, rng: DateRange) -> DateRange:
    """The range as G's periods can count it: from the start of the period holding ``since`` to the
    end of the one holding ``until``.

    >>> G = nx.Graph(period="week")
    >>> str(widened(G, parse_range("1987-03-04", "1987-03-10")))
    '1987-03-02..1987-03-15'
    """
    period = G.graph["period"]
    return DateRange(rng.since and period_start(rng.since, period),
                     rng.until and period_end(period_start(rng.until, period), period))
