"""Connection, schema migrations and transactions.

Writes go through `transaction()`, which serialises writers with a lock and commits or rolls
back as a whole, so a failure or an interruption never leaves half an article in the file.
Reads (`fetchall`, `fetchone`) go through a second connection: under WAL it sees only committed
data, so a query running beside an ingest never shows half an article or a rolled-back one.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite


class SchemaError(RuntimeError):
    """The database file was written by a newer version of negobot."""


def _migrations() -> list[tuple[int, str]]:
    """Numbered SQL files of `storage/migrations`, in order."""
    found = []
    for entry in resources.files("storage.migrations").iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:3].isdigit():
            found.append((int(name[:3]), entry.read_text(encoding="utf-8")))
    return sorted(found)


class Database:
    """An open negobot database."""

    def __init__(
        self, conn: aiosqlite.Connection, reader: aiosqlite.Connection, path: Path
    ) -> None:
        self.conn = conn
        self.reader = reader
        self.path = path
        self._write_lock = asyncio.Lock()
        # Held by work that rewrites derived data in bulk (re-embedding, re-attribution), so
        # that two tasks noticing the same change do the work once.
        self.maintenance_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path | str) -> Database:
        """Open (creating if needed) and migrate the database file at `path`."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = await _connect(path)
        try:
            async with conn.execute("PRAGMA journal_mode = WAL") as cursor:
                await cursor.fetchone()
            reader = await _connect(path)
        except BaseException:
            await conn.close()
            raise
        db = cls(conn, reader, path)
        try:
            await db._migrate()
        except BaseException:
            await db.close()
            raise
        return db

    async def close(self) -> None:
        await self.reader.close()
        await self.conn.close()

    async def __aenter__(self) -> Database:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def schema_version(self) -> int:
        row = await self.fetchone("PRAGMA user_version")
        return int(row[0])

    async def _migrate(self) -> None:
        current = await self.schema_version()
        migrations = _migrations()
        latest = migrations[-1][0] if migrations else 0
        if current > latest:
            raise SchemaError(
                f"{self.path} has schema version {current}, newer than this negobot ({latest}); "
                "upgrade negobot"
            )
        for version, sql in migrations:
            if version <= current:
                continue
            async with self.transaction():
                for statement in _split_sql(sql):
                    await self.conn.execute(statement)
                await self.conn.execute(f"PRAGMA user_version = {version}")

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """One writer at a time; everything inside commits together or not at all."""
        async with self._write_lock:
            try:
                await self.conn.execute("BEGIN IMMEDIATE")
                yield self.conn
            except BaseException:
                # Also when cancelled during BEGIN: the connection must not stay in a transaction.
                if self.conn.in_transaction:
                    await self.conn.execute("ROLLBACK")
                raise
            await self.conn.execute("COMMIT")

    async def fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        """Committed data only; inside a transaction, read through its own connection instead."""
        async with self.reader.execute(sql, tuple(params)) as cursor:
            return list(await cursor.fetchall())

    async def fetchone(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Row | None:
        async with self.reader.execute(sql, tuple(params)) as cursor:
            return await cursor.fetchone()

    async def get_meta(self, key: str) -> str | None:
        row = await self.fetchone("SELECT value FROM meta WHERE key = ?", (key,))
        return None if row is None else row[0]

    async def set_meta(self, conn: aiosqlite.Connection, key: str, value: str) -> None:
        """Set a meta value inside the caller's transaction."""
        await conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )


def _split_sql(sql: str) -> list[str]:
    """Split a migration into statements; aiosqlite has no executescript inside a transaction."""
    statements, buffer = [], ""
    for line in sql.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements


async def _connect(path: Path) -> aiosqlite.Connection:
    conn = await aiosqlite.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    for pragma in ("busy_timeout = 5000", "foreign_keys = ON", "synchronous = NORMAL"):
        async with conn.execute(f"PRAGMA {pragma}") as cursor:
            await cursor.fetchall()
    return conn
