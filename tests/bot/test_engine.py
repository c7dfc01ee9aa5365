"""The engine's and the bot's lifetime: one model loader, the /ask index warmed and saved."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from bot.client import NegoBot
from bot.embedding import Encoder
from bot.engine import open_engine
from bot.search import ask
from bot.settings import Settings
from bot.vectorindex import index_path


def top_sentence(db: Path) -> int:
    conn = sqlite3.connect(db)
    (top,) = conn.execute("SELECT MAX(sentence_id) FROM embeddings").fetchone()
    conn.close()
    return int(top)


def vectors(db: Path) -> int:
    conn = sqlite3.connect(db)
    (count,) = conn.execute("SELECT COUNT(*) FROM embeddings").fetchone()
    conn.close()
    return int(count)


def saved_coverage(db: Path, model: str) -> dict[str, object] | None:
    """What the index file beside the database says it holds, None when there is none."""
    path = index_path(db, model)
    assert path is not None
    coverage = path.with_name(path.name + ".json")
    if not (path.is_file() and coverage.is_file()):
        return None
    return json.loads(coverage.read_text(encoding="utf-8"))


async def test_closing_the_engine_saves_the_ask_index_so_a_restart_rebuilds_nothing(
    seeded_db_copy: Path, encoder: Encoder
) -> None:
    engine = await open_engine(Settings(db=seeded_db_copy, model=encoder.name))
    try:
        assert await ask(engine.db, engine.encoder(), "Will Hamas accept a temporary truce?")
        assert saved_coverage(seeded_db_copy, encoder.name) is None
    finally:
        await engine.close()
    coverage = saved_coverage(seeded_db_copy, encoder.name)
    assert coverage is not None and coverage["covered_id"] == top_sentence(seeded_db_copy)


async def test_the_bot_warms_the_index_once_the_model_loads_and_saves_it_when_it_closes(
    seeded_db_copy: Path, encoder: Encoder
) -> None:
    from bot import search

    bot = NegoBot(Settings(db=seeded_db_copy, model=encoder.name), run_scheduler=False)
    await bot.setup_hook()
    try:
        assert bot._model_task is not None
        await bot._model_task
        assert await bot.encoder() is bot.engine.encoder()  # one loader, the engine's
        warmed = search._indexes[bot.engine.db][encoder.name]
        assert len(warmed) == vectors(seeded_db_copy) > 0
    finally:
        await bot.close()
    coverage = saved_coverage(seeded_db_copy, encoder.name)
    assert coverage is not None and coverage["covered_id"] == top_sentence(seeded_db_copy)


async def test_a_bot_without_the_model_does_not_load_it_at_start(
    seeded_db_copy: Path, encoder: Encoder
) -> None:
    bot = NegoBot(Settings(db=seeded_db_copy, model=encoder.name), load_model=False)
    await bot.setup_hook()
    try:
        assert bot._model_task is None and bot._encoder_task is None
    finally:
        await bot.close()
    assert saved_coverage(seeded_db_copy, encoder.name) is None
