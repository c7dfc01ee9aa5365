from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storage import Database, SchemaError
from storage.db import _migrations


async def test_new_database_is_migrated_to_the_latest_schema_with_wal_and_foreign_keys(
    tmp_path: Path,
) -> None:
    async with await Database.open(tmp_path / "a" / "n.sqlite3") as db:
        assert await db.schema_version() == _migrations()[-1][0]
        assert (await db.fetchone("PRAGMA journal_mode"))[0] == "wal"
        assert (await db.fetchone("PRAGMA foreign_keys"))[0] == 1
        tables = {r[0] for r in await db.fetchall("SELECT name FROM sqlite_master")}
        assert {"documents", "sentences", "embeddings", "statements", "guild_settings"} <= tables


async def test_reopening_keeps_data_and_does_not_migrate_twice(tmp_path: Path) -> None:
    path = tmp_path / "n.sqlite3"
    async with await Database.open(path) as db, db.transaction() as conn:
        await db.set_meta(conn, "k", "v")
    async with await Database.open(path) as db:
        assert await db.get_meta("k") == "v"


async def test_a_database_from_a_newer_negobot_is_refused_not_damaged(tmp_path: Path) -> None:
    path = tmp_path / "n.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(SchemaError, match="newer"):
        await Database.open(path)


async def test_a_failed_transaction_leaves_nothing_behind(tmp_path: Path) -> None:
    async with await Database.open(tmp_path / "n.sqlite3") as db:
        with pytest.raises(RuntimeError):
            async with db.transaction() as conn:
                await db.set_meta(conn, "half", "written")
                raise RuntimeError("boom")
        assert await db.get_meta("half") is None


async def test_deleting_a_document_removes_everything_derived_from_it(tmp_path: Path) -> None:
    async with await Database.open(tmp_path / "n.sqlite3") as db:
        async with db.transaction() as conn:
            await conn.execute(
                "INSERT INTO documents (id, sha256, path, date_source, text, ingested_at)"
                " VALUES (1, 'x', 'p', 'unknown', 'Hello.', '2024-01-01')"
            )
            await conn.execute(
                "INSERT INTO sentences (document_id, seq, paragraph, start, end, text)"
                " VALUES (1, 0, 0, 0, 6, 'Hello.')"
            )
        async with db.transaction() as conn:
            await conn.execute("DELETE FROM documents WHERE id = 1")
        assert (await db.fetchone("SELECT COUNT(*) FROM sentences"))[0] == 0


async def test_reads_beside_an_open_transaction_see_only_committed_data(tmp_path: Path) -> None:
    async with await Database.open(tmp_path / "n.sqlite3") as db:
        async with db.transaction() as conn:
            await db.set_meta(conn, "k", "before")
        with pytest.raises(RuntimeError):
            async with db.transaction() as conn:
                await db.set_meta(conn, "k", "uncommitted")
                assert await db.get_meta("k") == "before"
                raise RuntimeError("rolled back")
        assert await db.get_meta("k") == "before"
