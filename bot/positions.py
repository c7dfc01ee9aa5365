"""Queries over attributed statements: position, compare, timeline, status, sources.

Order is always latest publication date first, then reading order within an article; undated
articles rank last. None of this needs the embedding model, so these commands start fast.

At a year of news a party has said hundreds of thousands of things; a query first picks the
statement ids it needs from an index kept in answer order (migration 004), then joins and sorts
only those, so its cost does not grow with what the party ever said.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from bot.models import (
    CompareResult,
    DocumentRef,
    PositionResult,
    Source,
    StatementView,
    StatusResult,
    TimelineEntry,
    TimelineResult,
)
from bot.parties import PartyBook
from storage import Database

if TYPE_CHECKING:
    import numpy as np

STATEMENT_SELECT = """
SELECT s.id, s.seq, s.kind, s.party, s.speaker, s.start, s.end,
       substr(d.text, s.start + 1, s.end - s.start) AS text,
       CASE WHEN s.quote_start IS NULL THEN NULL
            ELSE substr(d.text, s.quote_start + 1, s.quote_end - s.quote_start) END AS quote,
       (SELECT group_concat(t.topic, ',') FROM statement_topics t
         WHERE t.statement_id = s.id) AS topics,
       d.id AS document_id, d.path, d.title, d.outlet, d.url, d.published, d.date_source,
       d.approximate
FROM statements s JOIN documents d ON d.id = s.document_id
"""
_LATEST_FIRST = "ORDER BY d.published IS NULL, d.published DESC, d.id DESC, s.seq ASC"
# The same order as _LATEST_FIRST on the copies of the document's date (SQLite sorts NULL last
# when descending), so the planner walks the `*_party_latest` indexes and stops at the limit.
_PARTY_LATEST = (
    "s.id IN (SELECT id FROM statements WHERE party = ?"
    " ORDER BY published DESC, document_id DESC, seq{limit})"
)
_PARTY_TOPIC_LATEST = (
    "s.id IN (SELECT statement_id FROM statement_topics WHERE topic = ? AND party = ?"
    " ORDER BY published DESC, document_id DESC, seq{limit})"
)
NEWEST_DOCUMENTS = 2
NEWEST_STATEMENTS = 10


def document_ref(row: sqlite3.Row) -> DocumentRef:
    return DocumentRef(
        id=row["document_id"],
        path=row["path"],
        title=row["title"],
        outlet=row["outlet"],
        url=row["url"],
        published=row["published"],
        date_source=row["date_source"],
        approximate=bool(row["approximate"]),
    )


def statement_view(row: sqlite3.Row) -> StatementView:
    return StatementView(
        id=row["id"],
        text=row["text"],
        quote=row["quote"],
        speaker=row["speaker"],
        party=row["party"],
        kind=row["kind"],
        topics=tuple(sorted(row["topics"].split(","))) if row["topics"] else (),
        start=row["start"],
        end=row["end"],
        seq=row["seq"],
        document=document_ref(row),
    )


async def _statements(
    db: Database, where: Sequence[str], params: Sequence[Any], order: str, limit: int | None
) -> list[StatementView]:
    sql = STATEMENT_SELECT + ("WHERE " + " AND ".join(where) if where else "") + f" {order}"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [statement_view(r) for r in await db.fetchall(sql, params)]


async def _latest(
    db: Database, party: str, topic: str | None, limit: int | None
) -> list[StatementView]:
    """A party's statements (on a topic), latest first, read from the answer-order indexes."""
    bound = "" if limit is None else f" LIMIT {int(limit)}"
    if topic is None:
        where, params = _PARTY_LATEST.format(limit=bound), [party]
    else:
        where, params = _PARTY_TOPIC_LATEST.format(limit=bound), [topic, party]
    return await _statements(db, [where], params, _LATEST_FIRST, limit)


async def position(
    db: Database, book: PartyBook, party: str, topic: str | None = None, limit: int | None = 10
) -> PositionResult:
    """A party's statements, latest first; UnknownName for a party or topic not in the book."""
    name = book.party(party).name
    key = book.topic(topic).key if topic else None
    return PositionResult(name, key, await _latest(db, name, key, limit))


async def compare(
    db: Database, book: PartyBook, parties: Sequence[str], topic: str | None = None
) -> CompareResult:
    names = list(dict.fromkeys(book.party(p).name for p in parties))
    keys = [book.topic(topic).key] if topic else book.topic_keys()
    table: dict[str, dict[str, StatementView | None]] = {}
    for key in keys:
        row = {}
        for name in names:
            found = await _latest(db, name, key, 1)
            row[name] = found[0] if found else None
        table[key] = row
    return CompareResult(names, table)


async def timeline(
    db: Database, book: PartyBook, party: str, topic: str | None = None, limit: int = 50
) -> TimelineResult:
    """The party's last `limit` statements, oldest first, each marked where its stance flipped."""
    from bot import stance

    name = book.party(party).name
    key = book.topic(topic).key if topic else None
    latest = await _latest(db, name, key, limit)
    entries: list[TimelineEntry] = []
    previous: dict[str, StatementView] = {}
    for view in reversed(latest):
        changed = tuple(
            t for t in view.topics if t in previous and stance.flipped(previous[t].text, view.text)
        )
        entries.append(TimelineEntry(view, bool(changed), changed))
        previous.update(dict.fromkeys(view.topics, view))
    return TimelineResult(name, key, entries)


async def status(db: Database, book: PartyBook) -> StatusResult:
    latest: dict[str, StatementView | None] = {}
    for name in book.party_names():
        found = await _latest(db, name, None, 1)
        latest[name] = found[0] if found else None
    differing = []
    for key in book.topic_keys():
        views = []
        for name in book.party_names():
            views.extend(await _latest(db, name, key, 1))
        if len(views) >= 2 and not await _all_agree(db, views):
            differing.append(key)
    newest_docs = await db.fetchall(
        "SELECT id FROM documents ORDER BY published DESC, id DESC LIMIT ?",
        (NEWEST_DOCUMENTS,),
    )
    ids = [r[0] for r in newest_docs]
    newest = await _statements(
        db,
        [f"s.document_id IN ({','.join('?' * len(ids))})", "s.party IS NOT NULL"] if ids else ["0"],
        ids,
        _LATEST_FIRST,
        NEWEST_STATEMENTS,
    )
    return StatusResult(latest, differing, newest)


async def _all_agree(db: Database, views: list[StatementView]) -> bool:
    from bot import stance

    vectors = [await statement_vector(db, v) for v in views]
    first, first_vector = views[0], vectors[0]
    return all(
        stance.agree(first.text, v.text, first_vector, vec)
        for v, vec in zip(views[1:], vectors[1:], strict=True)
    )


def statement_vectors(
    statements: Sequence[tuple[int, int]],
    sentences: Sequence[tuple[int, int]],
    vectors: np.ndarray,
) -> np.ndarray:
    """A statement's vector is the normalised mean of the vectors of the sentences it overlaps
    (`sentences` are their spans, row for row with `vectors`); zero when it overlaps none."""
    import numpy as np

    out = np.zeros((len(statements), vectors.shape[1] if len(vectors) else 0), dtype=np.float32)
    for i, (start, end) in enumerate(statements):
        rows = [j for j, (a, b) in enumerate(sentences) if a < end and b > start]
        if rows:
            mean = vectors[rows].mean(axis=0)
            out[i] = mean / (np.linalg.norm(mean) or 1.0)
    return out


async def statement_vector(db: Database, view: StatementView) -> np.ndarray | None:
    """The statement's vector from the stored sentence vectors of the current model."""
    rows = await db.fetchall(
        "SELECT s.start, s.end, e.vector FROM sentences s JOIN embeddings e"
        " ON e.sentence_id = s.id JOIN models m ON m.id = e.model_id"
        " WHERE s.document_id = ? AND s.start < ? AND s.end > ?"
        " AND m.name = (SELECT value FROM meta WHERE key = 'embedding_model')",
        (view.document.id, view.end, view.start),
    )
    if not rows:
        return None
    import numpy as np

    matrix = np.stack([np.frombuffer(r[2], dtype=np.float32) for r in rows])
    spans = [(r[0], r[1]) for r in rows]
    return statement_vectors([(view.start, view.end)], spans, matrix)[0]


async def statements_since(db: Database, book: PartyBook, since: str | None) -> list[StatementView]:
    """Party statements of documents indexed after `since` (UTC ISO), by party, latest first."""
    where = ["s.party IS NOT NULL"]
    params: list[Any] = []
    if since is not None:
        where.append("d.ingested_at > ?")
        params.append(since)
    views = await _statements(db, where, params, _LATEST_FIRST, None)
    order = {name: i for i, name in enumerate(book.party_names())}
    return sorted(views, key=lambda v: order.get(v.party or "", len(order)))


async def latest_ingest(db: Database) -> str | None:
    row = await db.fetchone("SELECT MAX(ingested_at) FROM documents")
    return None if row is None else row[0]


async def sources(db: Database) -> list[Source]:
    """What is indexed, with each date and where it came from."""
    rows = await db.fetchall(
        "SELECT d.id AS document_id, d.path, d.title, d.published, d.date_source, d.approximate,"
        " d.author, d.outlet, d.url, d.sha256,"
        " (SELECT COUNT(*) FROM sentences s WHERE s.document_id = d.id) AS sentences"
        " FROM documents d ORDER BY d.published IS NULL, d.published DESC, d.id"
    )
    return [Source(document_ref(r), r["author"], r["sentences"], r["sha256"]) for r in rows]
