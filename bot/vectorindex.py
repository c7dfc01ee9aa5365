"""The nearest-neighbour index behind /ask: an HNSW graph (usearch) in a file beside the database.

A year of news is a million sentence vectors: exact search costs ~90 ms a query and holding them
as float32 takes 1.5 GB, so /ask searches a graph of float16 vectors instead (well under a
millisecond, recall@10 ~0.99). The database stays the truth: the graph covers every vector of
the model up to `covered_id` plus the removals logged up to `removals_seq` (migration 004), and
it catches up from there, so indexing an article adds its vectors and never rebuilds the graph.
It is saved every SAVE_EVERY new vectors (and when built), so a restart re-adds at most that many;
a file that does not match its database (another model, another or an older database) is rebuilt.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from storage import Database

SAVE_EVERY = 10_000
CHUNK = 20_000  # vectors read and added at a time, so a rebuild never holds them all twice
CONNECTIVITY = 16
EXPANSION_ADD = 128
EXPANSION_SEARCH = 128
TOKEN_KEY = "vector_index_token"


@dataclass
class Coverage:
    """What the saved graph holds, written beside it."""

    model: str
    dimension: int
    token: str  # the database's own, so a graph is never used with another database
    covered_id: int = 0
    removals_seq: int = 0


def index_path(db_path: Path, model: str) -> Path | None:
    """`<db>.<model>.usearch` beside the database; None for an in-memory database."""
    if str(db_path) == ":memory:":
        return None
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", model)
    return db_path.with_name(f"{db_path.name}.{slug}.usearch")


def _new_graph(dimension: int) -> Any:
    from usearch.index import Index

    return Index(
        ndim=dimension,
        metric="cos",
        dtype="f16",
        connectivity=CONNECTIVITY,
        expansion_add=EXPANSION_ADD,
        expansion_search=EXPANSION_SEARCH,
        multi=False,
    )


class VectorIndex:
    """One model's vectors of one database; every method runs under one lock."""

    def __init__(self, model: str, path: Path | None) -> None:
        self.model = model
        self.path = path
        self.graph: Any = None
        self.coverage: Coverage | None = None
        self.unsaved = 0
        self._lock = asyncio.Lock()
        self._saving: asyncio.Task[None] | None = None

    async def nearest(self, db: Database, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        """Sentence ids and cosine similarities, best first, after catching up with `db`."""
        async with self._lock:
            await self._catch_up(db)
            if self.graph is None or len(self.graph) == 0:
                return []
            found = self.graph.search(vector, min(k, len(self.graph)))
            return [
                (int(key), 1.0 - float(distance))
                for key, distance in zip(found.keys, found.distances, strict=True)
            ]

    async def refresh(self, db: Database) -> None:
        """Catch up with the database now (after an ingest, or at start-up)."""
        async with self._lock:
            await self._catch_up(db)

    async def persist(self) -> None:
        """Save what is not saved yet (at shutdown, so the next start re-adds nothing)."""
        async with self._lock:
            if self.unsaved:
                await asyncio.to_thread(self.save)

    def __len__(self) -> int:
        return 0 if self.graph is None else len(self.graph)

    async def _catch_up(self, db: Database) -> None:
        model = await db.fetchone("SELECT id, dimension FROM models WHERE name = ?", (self.model,))
        if model is None:
            return
        model_id, dimension = int(model[0]), int(model[1])
        if self.graph is None:
            await self._load_or_start(db, dimension)
        coverage = self.coverage
        assert coverage is not None
        removed = await db.fetchall(
            "SELECT seq, sentence_id FROM embedding_removals WHERE seq > ? AND model_id = ?",
            (coverage.removals_seq, model_id),
        )
        last = await db.fetchone("SELECT COALESCE(MAX(seq), 0) FROM embedding_removals")
        if removed:
            keys = np.array([r[1] for r in removed], dtype=np.uint64)
            keys = keys[self.graph.contains(keys)]
            if len(keys):
                self.graph.remove(keys)
            await self._add(
                db,
                "SELECT sentence_id, vector FROM embeddings WHERE model_id = ? AND sentence_id IN"
                " (SELECT sentence_id FROM embedding_removals WHERE seq > ? AND model_id = ?)"
                " AND sentence_id <= ?",
                (model_id, coverage.removals_seq, model_id, coverage.covered_id),
            )
        coverage.removals_seq = int(last[0])
        while True:
            added = await self._add(
                db,
                "SELECT sentence_id, vector FROM embeddings WHERE model_id = ? AND sentence_id > ?"
                f" ORDER BY sentence_id LIMIT {CHUNK}",
                (model_id, coverage.covered_id),
            )
            if not added:
                break
            coverage.covered_id = added
        saving = self._saving is not None and not self._saving.done()
        if self.unsaved >= SAVE_EVERY and self.path is not None and not saving:
            self._saving = asyncio.create_task(self._save_soon())

    async def _add(self, db: Database, sql: str, params: tuple[Any, ...]) -> int:
        """Add the rows `sql` selects; returns the largest sentence id added, 0 when none."""
        rows = await db.fetchall(sql, params)
        if not rows:
            return 0
        keys = np.array([r[0] for r in rows], dtype=np.uint64)
        vectors = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32)
        vectors = vectors.reshape(len(rows), -1)
        present = self.graph.contains(keys)
        if present.any():  # a graph saved just before its coverage was: adding is idempotent
            self.graph.remove(keys[present])
        await asyncio.to_thread(self.graph.add, keys, vectors)
        self.unsaved += len(rows)
        return int(keys.max())

    async def _load_or_start(self, db: Database, dimension: int) -> None:
        token = await db.get_meta(TOKEN_KEY)
        if token is None:
            token = uuid.uuid4().hex
            async with db.transaction() as conn:
                await db.set_meta(conn, TOKEN_KEY, token)
        saved = await asyncio.to_thread(self._read_saved, dimension, token)
        if saved is not None and await self._consistent(db, saved):
            self.graph, self.coverage = saved
            return
        self.graph, self.coverage = _new_graph(dimension), Coverage(self.model, dimension, token)

    def _read_saved(self, dimension: int, token: str) -> tuple[Any, Coverage] | None:
        if self.path is None or not self.path.is_file():
            return None
        try:
            coverage = Coverage(**json.loads(self._coverage_path().read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None
        if (coverage.model, coverage.dimension, coverage.token) != (self.model, dimension, token):
            return None
        graph = _new_graph(dimension)
        try:
            graph.load(str(self.path))
        except (OSError, RuntimeError, ValueError):
            return None
        return graph, coverage

    @staticmethod
    async def _consistent(db: Database, saved: tuple[Any, Coverage]) -> bool:
        """A graph ahead of its database (restored from an older copy) cannot be caught up."""
        coverage = saved[1]
        top = await db.fetchone("SELECT COALESCE(MAX(sentence_id), 0) FROM embeddings")
        last = await db.fetchone("SELECT COALESCE(MAX(seq), 0) FROM embedding_removals")
        return coverage.covered_id <= int(top[0]) and coverage.removals_seq <= int(last[0])

    def _coverage_path(self) -> Path:
        assert self.path is not None
        return self.path.with_name(self.path.name + ".json")

    async def _save_soon(self) -> None:
        async with self._lock:
            await asyncio.to_thread(self.save)

    def save(self) -> None:
        """Write graph then coverage, each atomically; a crash between them costs a re-add."""
        if self.path is None or self.graph is None or self.coverage is None:
            return
        graph_tmp = self.path.with_name(self.path.name + ".tmp")
        self.graph.save(str(graph_tmp))
        os.replace(graph_tmp, self.path)
        coverage_tmp = self.path.with_name(self.path.name + ".json.tmp")
        coverage_tmp.write_text(json.dumps(asdict(self.coverage)), encoding="utf-8")
        os.replace(coverage_tmp, self._coverage_path())
        self.unsaved = 0
