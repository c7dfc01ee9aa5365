"""Free-text questions answered by the stored sentences nearest in meaning.

The nearest sentences come from the model's HNSW index (`bot.vectorindex`), one per database and
model per process, loaded from its file and caught up with the database before each search.
"""

from __future__ import annotations

import asyncio
import sqlite3
import weakref

from bot.embedding import Encoder
from bot.models import SearchHit, StatementView
from bot.positions import STATEMENT_SELECT, document_ref, statement_view
from bot.vectorindex import VectorIndex, index_path
from storage import Database

# Below this cosine similarity a sentence does not answer the question (all-MiniLM-L6-v2 scale).
MIN_SCORE = 0.35

_indexes: weakref.WeakKeyDictionary[Database, dict[str, VectorIndex]] = weakref.WeakKeyDictionary()


def _index(db: Database, model: str) -> VectorIndex:
    """One index per open database and model: it lives as long as the database object."""
    of_db = _indexes.setdefault(db, {})
    if model not in of_db:
        of_db[model] = VectorIndex(model, index_path(db.path, model))
    return of_db[model]


async def vector_index(db: Database, model: str) -> VectorIndex:
    """The index of one database and model in this process, caught up with the database."""
    index = _index(db, model)
    await index.refresh(db)
    return index


async def save_indexes(db: Database) -> None:
    """Persist this database's indexes; `Engine.close` calls it before closing the database."""
    for index in _indexes.get(db, {}).values():
        await index.persist()


async def warm_up(db: Database, encoder: Encoder) -> None:
    """Load the index and run the model once, so the first /ask after start-up is as fast as any."""
    await vector_index(db, encoder.name)
    await asyncio.to_thread(encoder.encode, ["warm-up"])


async def ask(db: Database, encoder: Encoder, question: str, k: int = 5) -> list[SearchHit]:
    """Sentences nearest the question, each with the statement it belongs to; [] when none fits."""
    index = _index(db, encoder.name)
    (query,) = encoder.encode([question])
    hits = [(sid, score) for sid, score in await index.nearest(db, query, k) if score >= MIN_SCORE]
    found = [await _hit(db, sid, score) for sid, score in hits]
    return [hit for hit in found if hit is not None]


async def _hit(db: Database, sentence_id: int, score: float) -> SearchHit | None:
    row = await db.fetchone(
        "SELECT s.document_id, s.start, s.end, s.text, d.path, d.title, d.outlet, d.url,"
        " d.published, d.date_source, d.approximate FROM sentences s"
        " JOIN documents d ON d.id = s.document_id WHERE s.id = ?",
        (sentence_id,),
    )
    if row is None:  # removed after the index caught up: a document replaced meanwhile
        return None
    statement = await _statement_over(db, row["document_id"], row["start"], row["end"])
    return SearchHit(
        text=row["text"],
        score=score,
        start=row["start"],
        end=row["end"],
        document=document_ref(row),
        statement=statement,
    )


async def _statement_over(
    db: Database, document_id: int, start: int, end: int
) -> StatementView | None:
    rows: list[sqlite3.Row] = await db.fetchall(
        STATEMENT_SELECT + "WHERE s.document_id = ? AND s.start < ? AND s.end > ?"
        " ORDER BY s.party IS NULL, s.seq LIMIT 1",
        (document_id, end, start),
    )
    return statement_view(rows[0]) if rows else None
