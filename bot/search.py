"""Free-text questions answered by the stored sentences nearest in meaning.

Vectors of the encoder's model are held in memory as one matrix, refreshed only with the rows
indexed since it was built, so a query costs one matrix product, not a table scan.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

import numpy as np

from bot.embedding import Encoder
from bot.models import SearchHit, StatementView
from bot.positions import STATEMENT_SELECT, document_ref, statement_view
from storage import Database

# Below this cosine similarity a sentence does not answer the question (all-MiniLM-L6-v2 scale).
MIN_SCORE = 0.35


@dataclass
class VectorIndex:
    model: str
    ids: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    matrix: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32))
    last_id: int = 0

    async def refresh(self, db: Database) -> None:
        rows = await db.fetchall(
            "SELECT e.sentence_id, e.vector FROM embeddings e JOIN models m ON m.id = e.model_id"
            " WHERE m.name = ? AND e.sentence_id > ? ORDER BY e.sentence_id",
            (self.model, self.last_id),
        )
        if not rows:
            return
        ids = np.array([r[0] for r in rows], dtype=np.int64)
        new = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32).reshape(len(rows), -1)
        if self.matrix.size:
            self.matrix = np.vstack([self.matrix, new])
            self.ids = np.concatenate([self.ids, ids])
        else:
            self.matrix, self.ids = new.copy(), ids
        self.last_id = int(ids[-1])

    def nearest(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        if not self.matrix.size:
            return []
        scores = self.matrix @ vector
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [(int(self.ids[i]), float(scores[i])) for i in top]


_indexes: dict[tuple[int, str], VectorIndex] = {}


async def vector_index(db: Database, model: str) -> VectorIndex:
    """The in-memory index of one database and model, brought up to date."""
    index = _indexes.setdefault((id(db), model), VectorIndex(model))
    await index.refresh(db)
    return index


async def ask(db: Database, encoder: Encoder, question: str, k: int = 5) -> list[SearchHit]:
    """Sentences nearest the question, each with the statement it belongs to; [] when none fits."""
    index = await vector_index(db, encoder.name)
    (query,) = encoder.encode([question])
    hits = [(sid, score) for sid, score in index.nearest(query, k) if score >= MIN_SCORE]
    return [await _hit(db, sid, score) for sid, score in hits]


async def _hit(db: Database, sentence_id: int, score: float) -> SearchHit:
    row = await db.fetchone(
        "SELECT s.document_id, s.start, s.end, s.text, d.path, d.title, d.outlet, d.url,"
        " d.published, d.date_source, d.approximate FROM sentences s"
        " JOIN documents d ON d.id = s.document_id WHERE s.id = ?",
        (sentence_id,),
    )
    assert row is not None
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
