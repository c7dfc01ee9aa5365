"""The /ask index stays equal to the database: it catches up, survives restarts, and forgets
what the database forgot, including when a sentence id is reused. Random unit vectors stand in
for sentence embeddings, so no model is loaded."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from bot import vectorindex
from bot.vectorindex import VectorIndex, index_path
from storage import Database

DIM = 16
MODEL = "test-model"


def unit(rng: np.random.Generator, n: int) -> np.ndarray:
    v = rng.standard_normal((n, DIM)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


async def add_document(db: Database, doc_id: int, first_sentence: int, vectors: np.ndarray) -> None:
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO models (id, name, dimension) VALUES (1, ?, ?) ON CONFLICT DO NOTHING",
            (MODEL, DIM),
        )
        await conn.execute(
            "INSERT INTO documents (id, sha256, path, date_source, text, ingested_at)"
            " VALUES (?, ?, ?, 'unknown', 'x', 'now')",
            (doc_id, f"sha{doc_id}", f"d{doc_id}"),
        )
        for i, vector in enumerate(vectors):
            sid = first_sentence + i
            await conn.execute(
                "INSERT INTO sentences (id, document_id, seq, paragraph, start, end, text)"
                " VALUES (?, ?, ?, 0, 0, 1, 'x')",
                (sid, doc_id, i),
            )
            await conn.execute(
                "INSERT INTO embeddings (sentence_id, model_id, content_hash, vector)"
                " VALUES (?, 1, 'h', ?)",
                (sid, vector.tobytes()),
            )


async def best(index: VectorIndex, db: Database, vector: np.ndarray) -> int:
    return (await index.nearest(db, vector, 1))[0][0]


async def test_new_sentences_are_found_and_a_restart_reloads_instead_of_rebuilding(
    tmp_path: Path,
) -> None:
    rng = np.random.default_rng(0)
    path = tmp_path / "n.sqlite3"
    first, second = unit(rng, 50), unit(rng, 50)
    async with await Database.open(path) as db:
        await add_document(db, 1, 1, first)
        index = VectorIndex(MODEL, index_path(path, MODEL))
        assert await best(index, db, first[7]) == 8
        await add_document(db, 2, 51, second)
        assert await best(index, db, second[3]) == 54
        await index.persist()
    async with await Database.open(path) as db:
        reopened = VectorIndex(MODEL, index_path(path, MODEL))
        await reopened.refresh(db)
        assert len(reopened) == 100 and reopened.unsaved == 0
        assert await best(reopened, db, first[20]) == 21


async def test_a_replaced_document_is_forgotten_even_when_its_ids_are_reused(
    tmp_path: Path,
) -> None:
    rng = np.random.default_rng(1)
    path = tmp_path / "n.sqlite3"
    old, new = unit(rng, 10), unit(rng, 10)
    async with await Database.open(path) as db:
        await add_document(db, 1, 1, old)
        index = VectorIndex(MODEL, index_path(path, MODEL))
        assert await best(index, db, old[4]) == 5
        async with db.transaction() as conn:
            await conn.execute("DELETE FROM documents WHERE id = 1")
        await add_document(db, 2, 1, new)  # ingest numbers sentences from MAX(id) + 1
        found = await index.nearest(db, old[4], 10)
        assert len(found) == 10
        by_id = dict(found)
        assert by_id[5] == pytest.approx(float(new[4] @ old[4]), abs=1e-5)
        assert await best(index, db, new[4]) == 5


async def test_an_index_file_from_another_database_or_a_cut_short_save_is_rebuilt(
    tmp_path: Path,
) -> None:
    rng = np.random.default_rng(2)
    vectors = unit(rng, 30)
    path = tmp_path / "n.sqlite3"
    async with await Database.open(path) as db:
        await add_document(db, 1, 1, vectors)
        index = VectorIndex(MODEL, index_path(path, MODEL))
        await index.refresh(db)
        await index.persist()
    other = tmp_path / "other.sqlite3"
    async with await Database.open(other) as db:
        await add_document(db, 1, 1, vectors[::-1].copy())
        index_path(path, MODEL).rename(index_path(other, MODEL))
        Path(f"{index_path(path, MODEL)}.json").rename(f"{index_path(other, MODEL)}.json")
        stranger = VectorIndex(MODEL, index_path(other, MODEL))
        assert await best(stranger, db, vectors[0]) == 30
    async with await Database.open(path) as db:
        index = VectorIndex(MODEL, index_path(path, MODEL))
        await index.refresh(db)
        await index.persist()
        index_path(path, MODEL).write_bytes(b"truncated")
        again = VectorIndex(MODEL, index_path(path, MODEL))
        assert await best(again, db, vectors[0]) == 1


async def test_past_the_exact_size_it_becomes_an_inverted_file_and_still_finds_neighbours(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(vectorindex, "FLAT_UNTIL", 400)
    monkeypatch.setattr(vectorindex, "NLIST", 4)
    monkeypatch.setattr(vectorindex, "NPROBE", 4)
    rng = np.random.default_rng(3)
    vectors = unit(rng, 600)
    async with await Database.open(tmp_path / "n.sqlite3") as db:
        await add_document(db, 1, 1, vectors[:300])
        index = VectorIndex(MODEL, None)
        await index.refresh(db)
        await add_document(db, 2, 301, vectors[300:])
        assert await best(index, db, vectors[450]) == 451
        assert "IVF" in type(index.index).__name__
        assert len(index) == 600
