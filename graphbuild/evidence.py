"""The evidence of a tie: the records (doc, start, end, text) behind an edge, as every format holds them.

Each record also carries its document's ``title``, ``date`` (ISO 8601), ``url`` and ``source`` (the
outlet), those the document has (see meta.py). An edge's ``evidence`` attribute is JSON text in a
built graph, in GraphML and in GEXF (attributes there are strings), and a list in node-link JSON.
This module writes that text and reads it back from any of them, for every reader (queries,
tables, the page, node-link JSON).
"""

from __future__ import annotations

import json

__all__ = ["dump_evidence", "evidence_of"]


def dump_evidence(records: list[dict]) -> str:
    """The JSON text stored on an edge.

    >>> dump_evidence([{"doc": "a.txt", "start": 0, "end": 12, "text": "Ali met Bo."}])
    '[{"doc": "a.txt", "start": 0, "end": 12, "text": "Ali met Bo."}]'
    """
    return json.dumps(records, ensure_ascii=False)


def evidence_of(edge: dict) -> list[dict]:
    """The evidence records of an edge's attributes: parsed from JSON text, taken as they are from a
    list, ``[]`` when there are none or the text is not a JSON list of records (a graph made by
    another tool).

    >>> evidence_of({"evidence": '[{"doc": "a.txt", "start": 0, "end": 12, "text": "Ali met Bo."}]'})[0]["doc"]
    'a.txt'
    >>> evidence_of({"evidence": "not json"}), evidence_of({"weight": 2})
    ([], [])
    """
    value = edge.get("evidence")
    if isinstance(value, str):
        try:
            value = json.loads(value) if value else []
        except ValueError:
            return []
    if not isinstance(value, list):
        return []
    return [r for r in value if isinstance(r, dict)]
