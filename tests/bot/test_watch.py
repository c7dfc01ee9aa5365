"""A watched folder, scanned as `negobot watch FOLDER` scans it, into a real database."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest_asyncio

from bot.embedding import Encoder
from bot.ingest import IngestOutcome
from bot.parties import PartyBook
from bot.settings import SEEDS_DIR
from bot.watch import FolderWatcher, watch_folder
from storage import Database

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"
SEED = sorted(SEEDS_DIR.glob("*.txt"))[0]


@pytest_asyncio.fixture(loop_scope="function")
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "negobot.sqlite3")
    yield database
    await database.close()


def statuses(outcomes: list[IngestOutcome]) -> list[tuple[str, str]]:
    return [(Path(o.display).name, o.status) for o in outcomes]


async def count_documents(db: Database) -> int:
    row = await db.fetchone("SELECT COUNT(*) FROM documents")
    assert row is not None
    return int(row[0])


async def test_a_dropped_file_is_indexed_once_it_stops_changing(
    db: Database, encoder: Encoder, book: PartyBook, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    watcher = FolderWatcher(db, inbox, encoder=encoder, book=book)
    assert await watcher.scan() == []

    article = (FIXTURES / "qatar-talks-continue.html").read_text(encoding="utf-8")
    head, tail = article[: len(article) // 2], article[len(article) // 2 :]
    target = inbox / "qatar.html"
    target.write_text(head, encoding="utf-8")
    assert await watcher.scan() == []  # just appeared
    with target.open("a", encoding="utf-8") as handle:
        handle.write(tail)  # still being copied
    assert await watcher.scan() == []
    assert statuses(await watcher.scan()) == [("qatar.html", "indexed")]
    assert await watcher.scan() == []
    row = await db.fetchone("SELECT path, text FROM documents")
    assert row is not None
    assert row[0] == str(target)
    assert "we remain committed to our role as a mediator" in row[1]  # the whole file, not half

    # An edited file is indexed again, in place of its old version.
    target.write_text(article.replace("coming days", "coming week"), encoding="utf-8")
    assert await watcher.scan() == []
    assert statuses(await watcher.scan()) == [("qatar.html", "replaced")]
    assert await count_documents(db) == 1


async def test_bad_files_are_reported_once_and_the_rest_indexed(
    db: Database, encoder: Encoder, book: PartyBook, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "sub").mkdir(parents=True)
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (inbox / "report.pdf").write_bytes(b"%PDF-1.7")
    (inbox / "download.html.part").write_text("<html>", encoding="utf-8")
    (inbox / ".hidden.txt").write_text("not for us", encoding="utf-8")
    shutil.copy(SEED, inbox / "sub" / "seed.txt")
    shutil.copy(SEED, inbox / "seed-again.txt")  # the same article under a second name

    watcher = FolderWatcher(db, inbox, encoder=encoder, book=book)
    await watcher.scan()
    outcomes = {Path(o.display).name: o for o in await watcher.scan()}
    assert sorted(outcomes) == [
        "binary.txt",
        "empty.txt",
        "report.pdf",
        "seed-again.txt",
        "seed.txt",
    ]
    assert outcomes["empty.txt"].status == "error"
    assert "empty" in outcomes["empty.txt"].message
    assert outcomes["binary.txt"].status == "error"
    assert outcomes["report.pdf"].message == "unsupported file type .pdf"
    assert sorted([outcomes["seed.txt"].status, outcomes["seed-again.txt"].status]) == [
        "duplicate",
        "indexed",
    ]
    assert await count_documents(db) == 1
    assert await watcher.scan() == []  # reported once, not at every scan


async def test_a_restarted_watch_indexes_nothing_twice(
    db: Database, encoder: Encoder, book: PartyBook, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SEED, inbox / SEED.name)
    first = FolderWatcher(db, inbox, encoder=encoder, book=book)
    await first.scan()
    assert statuses(await first.scan()) == [(SEED.name, "indexed")]
    second = FolderWatcher(db, inbox, encoder=encoder, book=book)
    await second.scan()
    assert statuses(await second.scan()) == [(SEED.name, "unchanged")]
    assert await count_documents(db) == 1


async def test_watch_folder_runs_until_stopped(
    db: Database, encoder: Encoder, book: PartyBook, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    seen: list[IngestOutcome] = []
    stop = asyncio.Event()
    task = asyncio.create_task(
        watch_folder(
            db, inbox, encoder=encoder, book=book, interval=0.05, stop=stop, on_outcome=seen.append
        )
    )
    await asyncio.sleep(0.1)
    shutil.copy(FIXTURES / "mediators-return.html", inbox / "mediators.html")
    async with asyncio.timeout(10):
        while not seen:
            await asyncio.sleep(0.05)
    stop.set()
    await asyncio.wait_for(task, 2)
    assert statuses(seen) == [("mediators.html", "indexed")]
