"""The minute loops of the digest and the feeds: a failing minute is logged, the next one runs."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest

from bot.client import NegoBot

pytestmark = pytest.mark.asyncio(loop_scope="session")


@pytest.mark.parametrize(
    ("cog_name", "logged"), [("Digest", "digest tick failed"), ("Feeds", "feed poll failed")]
)
async def test_a_failing_minute_is_logged_and_the_loop_goes_on(
    bot: NegoBot, caplog: pytest.LogCaptureFixture, cog_name: str, logged: str
) -> None:
    cog = bot.get_cog(cog_name)
    real_tick = cog.tick  # type: ignore[union-attr]
    calls = 0

    async def tick_failing_once() -> object:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise sqlite3.OperationalError("database is locked")
        return await real_tick()

    cog.tick = tick_failing_once  # type: ignore[union-attr]
    cog.loop.change_interval(seconds=0.05)  # type: ignore[union-attr]
    cog.loop.start()  # type: ignore[union-attr]
    try:
        async with asyncio.timeout(10):
            while calls < 3:
                await asyncio.sleep(0.02)
        assert cog.loop.is_running()  # type: ignore[union-attr]
    finally:
        cog.loop.cancel()  # type: ignore[union-attr]
    failures = [r for r in caplog.records if r.getMessage() == logged]
    assert len(failures) == 1
    assert "database is locked" in str(failures[0].exc_info[1])  # type: ignore[index]
