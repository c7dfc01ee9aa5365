"""The real NegoBot logged in to a fake Discord on 127.0.0.1, over a copy of the seeded db."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from pathlib import Path

import discord
import pytest
from fakediscord import FakeDiscord

from bot.client import NegoBot
from bot.embedding import Encoder
from bot.settings import Settings

TOKEN = "fake-token"


class Clock:
    """The bot's clock, set by the test."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
async def fake(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    server = FakeDiscord(token=TOKEN)
    await server.start()
    monkeypatch.setattr(discord.http.Route, "BASE", server.rest_base)
    monkeypatch.setattr(
        discord.gateway.DiscordWebSocket,
        "DEFAULT_GATEWAY",
        discord.utils.yarl.URL(server.gateway_url),
    )
    yield server
    await server.stop()
    assert server.problems == [], "requests Discord would reject:\n" + "\n".join(server.problems)


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 3, 2, 8, 0, tzinfo=UTC))


@pytest.fixture
def settings(seeded_db_copy: Path, encoder: Encoder) -> Settings:
    return Settings(
        db=seeded_db_copy,
        model=encoder.name,
        parties=None,
        discord_token=TOKEN,
        owner_ids=[],
        dev_guild=None,
    )


@pytest.fixture
async def start_bot(
    fake: FakeDiscord, settings: Settings, clock: Clock
) -> AsyncIterator[Callable[..., object]]:
    """Start a bot (several in turn for a restart); every one is closed at the end."""
    running: list[tuple[NegoBot, asyncio.Task[None]]] = []

    async def start(**overrides: object) -> NegoBot:
        """Tests drive the digest with tick() unless they ask for the real scheduler."""
        options = {"now": clock, "run_scheduler": False, "guild_ready_timeout": 0.05, **overrides}
        bot = NegoBot(options.pop("settings", settings), **options)  # type: ignore[arg-type]
        task = asyncio.create_task(bot.start(TOKEN))
        running.append((bot, task))
        async with asyncio.timeout(30):
            while not bot.is_ready():
                if task.done():
                    task.result()
                    raise AssertionError("the bot stopped before it was ready")
                await asyncio.sleep(0.01)
        return bot

    yield start
    for bot, task in running:
        await bot.close()
        await asyncio.gather(task, return_exceptions=True)


@pytest.fixture
async def bot(start_bot: Callable[..., object]) -> NegoBot:
    return await start_bot()  # type: ignore[misc]
