"""Ingest overlaps encoding with preparing and storing: the result must be that of one batch at
a time, whatever the overlap, and stopping it midway must leave whole documents only."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

import bot.ingest
from bot.embedding import Encoder
from bot.ingest import IngestOutcome, ingest_paths
from bot.parties import PartyBook
from storage import Database

TABLES = {
    "documents": "SELECT id, sha256, text_sha256, path, title, published, date_source, text"
    " FROM documents ORDER BY id",
    "sentences": "SELECT id, document_id, seq, paragraph, start, end, text FROM sentences"
    " ORDER BY id",
    "embeddings": "SELECT sentence_id, content_hash, vector FROM embeddings ORDER BY sentence_id",
    "statements": "SELECT id, document_id, seq, kind, party, speaker, start, end, content_start,"
    " content_end, quote_start, quote_end, published FROM statements ORDER BY id",
    "topics": "SELECT statement_id, topic FROM statement_topics ORDER BY statement_id, topic",
    "mentions": "SELECT document_id, party, start, end FROM mentions ORDER BY id",
}


def corpus(seeds_dir: Path, folder: Path) -> list[str]:
    """The seeds with their manifest, a byte copy, an article copy under new page chrome, and a
    file with no article: duplicates and an error across batches, not only within one."""
    folder.mkdir()
    for seed in sorted(seeds_dir.glob("*.txt")):
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / "manifest.toml").write_bytes((seeds_dir / "manifest.toml").read_bytes())
    first = sorted(seeds_dir.glob("*.txt"))[0].read_text(encoding="utf-8")
    (folder / "005_copy.txt").write_text(first, encoding="utf-8")
    (folder / "006_empty.txt").write_bytes(b"")
    (folder / "007_rechromed.txt").write_text("Advertisement\n\n" + first, encoding="utf-8")
    return [str(p) for p in sorted(folder.glob("*.txt"))]


def contents(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        return {name: conn.execute(sql).fetchall() for name, sql in TABLES.items()}
    finally:
        conn.close()


async def ingest(
    path: Path, files: list[str], encoder: Encoder, book: PartyBook
) -> list[IngestOutcome]:
    seen: list[IngestOutcome] = []
    async with await Database.open(path) as db:
        await ingest_paths(db, files, encoder=encoder, book=book, on_progress=seen.append)
    return seen


async def test_overlapped_batches_store_and_report_exactly_what_one_batch_at_a_time_does(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    seeds_dir: Path,
    encoder: Encoder,
    book: PartyBook,
) -> None:
    files = corpus(seeds_dir, tmp_path / "corpus")
    monkeypatch.setattr(bot.ingest, "BATCH_DOCUMENTS", 2)
    overlapped = await ingest(tmp_path / "overlapped.sqlite3", files, encoder, book)
    one_at_a_time: list[IngestOutcome] = []
    for start in range(0, len(files), 2):  # a call holds a single batch: nothing overlaps
        pair = files[start : start + 2]
        one_at_a_time += await ingest(tmp_path / "serial.sqlite3", pair, encoder, book)
    assert overlapped == one_at_a_time
    statuses = [o.status for o in overlapped]
    assert sorted(statuses) == ["duplicate", "duplicate", "error", *["indexed"] * 5]
    expected = contents(tmp_path / "serial.sqlite3")
    assert all(expected.values())
    assert contents(tmp_path / "overlapped.sqlite3") == expected


async def test_a_cancelled_ingest_keeps_whole_documents_and_a_rerun_completes_it(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    seeds_dir: Path,
    encoder: Encoder,
    book: PartyBook,
) -> None:
    files = corpus(seeds_dir, tmp_path / "corpus")
    monkeypatch.setattr(bot.ingest, "BATCH_DOCUMENTS", 2)
    path = tmp_path / "n.sqlite3"
    async with await Database.open(path) as db:
        first_stored = asyncio.Event()

        def on_progress(outcome: IngestOutcome) -> None:
            if outcome.status == "indexed":
                first_stored.set()

        task = asyncio.create_task(
            ingest_paths(db, files, encoder=encoder, book=book, on_progress=on_progress)
        )
        await first_stored.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        conn = sqlite3.connect(path)
        stored, whole = conn.execute(
            "SELECT COUNT(*), SUM((SELECT COUNT(*) FROM sentences s JOIN embeddings e"
            " ON e.sentence_id = s.id WHERE s.document_id = d.id) = (SELECT COUNT(*)"
            " FROM sentences s WHERE s.document_id = d.id)) FROM documents d"
        ).fetchone()
        conn.close()
        assert 1 <= stored < 5 and whole == stored
        report = await ingest_paths(db, files, encoder=encoder, book=book)
        assert report.count("indexed") == 5 - stored and report.count("unchanged") == stored
    await ingest(tmp_path / "fresh.sqlite3", files, encoder, book)
    assert contents(path)["statements"] == contents(tmp_path / "fresh.sqlite3")["statements"]
