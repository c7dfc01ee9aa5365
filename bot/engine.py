"""The engine's open state, shared by the CLI, the bot and tests: database, parties, model."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot.embedding import Encoder, load_encoder
from bot.parties import PartyBook, load_party_book
from bot.search import save_indexes
from bot.settings import SEEDS_DIR, Settings
from storage import Database

PARTIES_NAME = "parties.toml"


@dataclass
class Engine:
    settings: Settings
    db: Database
    book: PartyBook
    _encoder: Encoder | None = field(default=None, repr=False)
    _loading: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def encoder(self) -> Encoder:
        """The embedding model, loaded on first use: only commands that need vectors pay for it.

        Blocking for seconds; the bot calls it in a thread, hence the lock."""
        with self._loading:
            if self._encoder is None:
                self._encoder = load_encoder(self.settings.model)
            return self._encoder

    async def close(self) -> None:
        """Save the /ask index first, so the next start re-adds nothing to it."""
        try:
            await save_indexes(self.db)
        finally:
            await self.db.close()


async def parties_path(settings: Settings, db: Database, corpus: Sequence[str] = ()) -> Path:
    """--parties or NEGOBOT_PARTIES, else the corpus's own, else the last used, else the seeds'."""
    if settings.parties is not None:
        return settings.parties
    for given in corpus:
        candidate = Path(given) / PARTIES_NAME
        if candidate.is_file():
            return candidate.resolve()
    remembered = await db.get_meta("parties_path")
    if remembered and Path(remembered).is_file():
        return Path(remembered)
    return SEEDS_DIR / PARTIES_NAME


async def open_engine(settings: Settings, corpus: Sequence[str] = ()) -> Engine:
    """Open the database and the parties file that applies to it (remembered for later queries).

    When that file changed since the stored statements were attributed, they are attributed
    again here, before any query: an answer never names the party an old file gave a speaker.
    """
    db = await Database.open(settings.db)
    try:
        path = await parties_path(settings, db, corpus)
        book = load_party_book(path)
        if await db.get_meta("parties_path") != str(path):
            async with db.transaction() as conn:
                await db.set_meta(conn, "parties_path", str(path))
        if await db.get_meta("parties_digest") != book.digest:
            from bot.ingest import ensure_current  # its imports cost queries ~0.25 s otherwise

            await ensure_current(db, book, None)
    except BaseException:
        await db.close()
        raise
    return Engine(settings, db, book)
