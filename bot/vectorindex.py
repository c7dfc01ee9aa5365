"""The nearest-neighbour index behind /ask, kept in a file beside the database.

A year of news is a million sentence vectors: exact search costs ~90 ms a query and holding them
as float32 takes 1.5 GB. So past FLAT_UNTIL vectors the index becomes an inverted file (faiss
IVF, NLIST lists trained once on the vectors then present, float16 codes): a query scans the
NPROBE lists nearest to it, a few milliseconds at recall@10 ~0.99, and adding a vector is one
assignment to a list, so indexing an article never rebuilds anything. (An HNSW graph searches
faster but took tens of minutes to build at a million of these vectors on two cores.)

The database stays the truth: the index covers every vector of the model up to `covered_id` plus
the removals logged up to `removals_seq` (migration 004), and catches up from there. It is saved
every SAVE_EVERY new vectors (and by `persist`), so a restart re-adds at most that many; a file
that does not match its database (another model, another or an older database, a save cut
short) is rebuilt from the embeddings table.
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

FLAT_UNTIL = 50_000  # below this, exact search is fast enough and needs no training
NLIST = 1024  # ~sqrt of a year of news
NPROBE = 16
SAVE_EVERY = 50_000  # re-adding that many at start-up takes under a second
CHUNK = 20_000  # vectors read and added at a time, so a rebuild never holds them all twice
TOKEN_KEY = "vector_index_token"


@dataclass
class Coverage:
    """What the saved index holds, written beside it."""

    model: str
    dimension: int
    token: str  # the database's own, so an index is never used with another database
    covered_id: int = 0
    removals_seq: int = 0
    file_size: int = 0  # of the index file this was written with: a save cut short shows
    file_mtime_ns: int = 0


def index_path(db_path: Path, model: str) -> Path | None:
    """`<db>.<model>.faiss` beside the database; None for an in-memory database."""
    if str(db_path) == ":memory:":
        return None
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", model)
    return db_path.with_name(f"{db_path.name}.{slug}.faiss")


def _flat(dimension: int) -> Any:
    import faiss

    return faiss.IndexIDMap2(faiss.IndexFlatIP(dimension))


def _inverted(flat: Any) -> Any:
    """The exact index's vectors moved into an inverted file trained on them."""
    import faiss

    ids = faiss.vector_to_array(flat.id_map).astype(np.int64)
    vectors = flat.index.reconstruct_n(0, flat.ntotal)
    index = faiss.index_factory(vectors.shape[1], f"IVF{NLIST},SQfp16", faiss.METRIC_INNER_PRODUCT)
    index.train(vectors)
    index.nprobe = NPROBE
    index.add_with_ids(vectors, ids)
    return index


class VectorIndex:
    """One model's vectors of one database; every method runs under one lock."""

    def __init__(self, model: str, path: Path | None) -> None:
        self.model = model
        self.path = path
        self.index: Any = None
        self.coverage: Coverage | None = None
        self.unsaved = 0
        self._lock = asyncio.Lock()
        self._saving: asyncio.Task[None] | None = None
        self._writing_file = False  # only while holding the lock: the index does not change

    def __len__(self) -> int:
        return 0 if self.index is None else int(self.index.ntotal)

    async def nearest(self, db: Database, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        """Sentence ids and cosine similarities, best first, after catching up with `db`.

        While the index is being written to its file (seconds, at a million vectors) it does not
        change, so a query searches it as it is rather than wait; what was indexed meanwhile is
        found from the next query on.
        """
        if self._writing_file:
            return self._search(vector, k)
        async with self._lock:
            await self._catch_up(db)
            return self._search(vector, k)

    def _search(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        if not len(self):
            return []
        scores, keys = self.index.search(vector.reshape(1, -1).astype(np.float32), k)
        pairs = zip(keys[0], scores[0], strict=True)
        return [(int(key), float(score)) for key, score in pairs if key >= 0]

    async def refresh(self, db: Database) -> None:
        """Catch up with the database now (after an ingest, or at start-up)."""
        async with self._lock:
            await self._catch_up(db)

    async def persist(self) -> None:
        """Save what is not saved yet (at shutdown, so the next start re-adds nothing)."""
        async with self._lock:
            if self.unsaved:
                self._writing_file = True
                try:
                    await asyncio.to_thread(self.save)
                finally:
                    self._writing_file = False

    async def _catch_up(self, db: Database) -> None:
        model = await db.fetchone("SELECT id, dimension FROM models WHERE name = ?", (self.model,))
        if model is None:
            return
        model_id, dimension = int(model[0]), int(model[1])
        if self.index is None:
            await self._load_or_start(db, dimension)
        coverage = self.coverage
        assert coverage is not None
        row = await db.fetchone("SELECT COALESCE(MAX(seq), 0) FROM embedding_removals")
        last = int(row[0])  # removals logged after this are for the next catch-up
        removed = await db.fetchall(
            "SELECT sentence_id FROM embedding_removals WHERE seq > ? AND seq <= ?"
            " AND model_id = ?",
            (coverage.removals_seq, last, model_id),
        )
        if removed:
            self.index.remove_ids(np.array([r[0] for r in removed], dtype=np.int64))
            await self._add(
                db,
                "SELECT sentence_id, vector FROM embeddings WHERE model_id = ? AND sentence_id IN"
                " (SELECT sentence_id FROM embedding_removals WHERE seq > ? AND seq <= ?"
                " AND model_id = ?) AND sentence_id <= ?",
                (model_id, coverage.removals_seq, last, model_id, coverage.covered_id),
            )
        coverage.removals_seq = last
        while added := await self._add(
            db,
            "SELECT sentence_id, vector FROM embeddings WHERE model_id = ? AND sentence_id > ?"
            f" ORDER BY sentence_id LIMIT {CHUNK}",
            (model_id, coverage.covered_id),
        ):
            coverage.covered_id = added
        saving = self._saving is not None and not self._saving.done()
        if self.unsaved >= SAVE_EVERY and self.path is not None and not saving:
            self._saving = asyncio.create_task(self.persist())

    async def _add(self, db: Database, sql: str, params: tuple[Any, ...]) -> int:
        """Add the rows `sql` selects; returns the largest sentence id added, 0 when none."""
        rows = await db.fetchall(sql, params)
        if not rows:
            return 0
        keys = np.array([r[0] for r in rows], dtype=np.int64)
        vectors = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32)
        await asyncio.to_thread(self._add_vectors, keys, vectors.reshape(len(rows), -1))
        self.unsaved += len(rows)
        return int(keys.max())

    def _add_vectors(self, keys: np.ndarray, vectors: np.ndarray) -> None:
        self.index.add_with_ids(vectors, keys)
        if self.index.ntotal >= FLAT_UNTIL and isinstance(self.index, _flat_type()):
            self.index = _inverted(self.index)

    async def _load_or_start(self, db: Database, dimension: int) -> None:
        token = await db.get_meta(TOKEN_KEY)
        if token is None:
            token = uuid.uuid4().hex
            async with db.transaction() as conn:
                await db.set_meta(conn, TOKEN_KEY, token)
        saved = await asyncio.to_thread(self._read_saved, dimension, token)
        if saved is not None and await _consistent(db, saved[1]):
            self.index, self.coverage = saved
            return
        self.index, self.coverage = _flat(dimension), Coverage(self.model, dimension, token)

    def _read_saved(self, dimension: int, token: str) -> tuple[Any, Coverage] | None:
        import faiss

        if self.path is None or not self.path.is_file():
            return None
        try:
            coverage = Coverage(**json.loads(self._coverage_path().read_text(encoding="utf-8")))
            stat = self.path.stat()
        except (OSError, ValueError, TypeError):
            return None
        expected = (self.model, dimension, token, stat.st_size, stat.st_mtime_ns)
        if (
            coverage.model, coverage.dimension, coverage.token, coverage.file_size,
            coverage.file_mtime_ns,
        ) != expected:  # fmt: skip
            return None
        try:
            return faiss.read_index(str(self.path)), coverage
        except RuntimeError:
            return None

    def _coverage_path(self) -> Path:
        assert self.path is not None
        return self.path.with_name(self.path.name + ".json")

    def save(self) -> None:
        """Index, then its coverage naming the index file's size and time, each renamed into
        place: a crash between the two renames leaves a coverage that does not match the file."""
        import faiss

        if self.path is None or self.index is None or self.coverage is None:
            return
        index_tmp = self.path.with_name(self.path.name + ".tmp")
        faiss.write_index(self.index, str(index_tmp))
        stat = index_tmp.stat()
        self.coverage.file_size, self.coverage.file_mtime_ns = stat.st_size, stat.st_mtime_ns
        coverage_tmp = self.path.with_name(self.path.name + ".json.tmp")
        coverage_tmp.write_text(json.dumps(asdict(self.coverage)), encoding="utf-8")
        os.replace(index_tmp, self.path)
        os.replace(coverage_tmp, self._coverage_path())
        self.unsaved = 0


def _flat_type() -> type:
    import faiss

    return faiss.IndexIDMap2


async def _consistent(db: Database, coverage: Coverage) -> bool:
    """An index ahead of its database (restored from an older copy) cannot be caught up."""
    top = await db.fetchone("SELECT COALESCE(MAX(sentence_id), 0) FROM embeddings")
    last = await db.fetchone("SELECT COALESCE(MAX(seq), 0) FROM embedding_removals")
    return coverage.covered_id <= int(top[0]) and coverage.removals_seq <= int(last[0])
