"""When a digest is due, and the bookkeeping that posts it at most once per server and day."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot import digest
from storage import Database

pytestmark = pytest.mark.asyncio(loop_scope="session")


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "d.sqlite3")
    yield database
    await database.close()


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


async def configured(db: Database, now: datetime, **kw: object) -> digest.GuildDigest:
    args = {
        "post_time": "09:00",
        "timezone": "Asia/Jerusalem",
        "post_when_empty": True,
        "user_id": 7,
    }
    return await digest.configure(db, 1, 10, now=now, **{**args, **kw})  # type: ignore[arg-type]


async def test_time_and_zone_are_validated() -> None:
    assert digest.parse_time("9:05") == "09:05"
    assert digest.parse_time(" 23:59 ") == "23:59"
    for bad in ("24:00", "9", "09:60", "nine"):
        with pytest.raises(ValueError, match="HH:MM"):
            digest.parse_time(bad)
    assert digest.parse_timezone("Europe/Paris") == "Europe/Paris"
    with pytest.raises(ValueError, match="IANA"):
        digest.parse_timezone("Mars/Olympus")


async def test_due_in_the_servers_own_time_zone(db: Database) -> None:
    setting = await configured(db, at("2026-03-02 05:00"))  # 07:00 in Jerusalem (UTC+2)
    assert not digest.is_due(setting, at("2026-03-02 06:59"))
    assert digest.is_due(setting, at("2026-03-02 07:00"))
    # Summer time: 09:00 in Jerusalem is 06:00 UTC.
    summer = replace(setting, last_post_date="2026-07-01")
    assert digest.is_due(summer, at("2026-07-02 06:00"))
    assert not digest.is_due(replace(summer, last_post_date="2026-07-02"), at("2026-07-02 23:00"))


async def test_configuring_after_todays_time_starts_tomorrow(db: Database) -> None:
    setting = await configured(db, at("2026-03-02 12:00"))
    assert setting.last_post_date == "2026-03-02"
    assert not digest.is_due(setting, at("2026-03-02 20:00"))
    assert digest.is_due(setting, at("2026-03-03 07:00"))


async def test_a_digest_is_claimed_once(db: Database) -> None:
    setting = await configured(db, at("2026-03-02 05:00"))
    assert await digest.claim(db, setting, "2026-03-02T06:00:00+00:00", "2026-03-02")
    # A second tick (or a second process) holding the same stale view cannot claim it again.
    assert not await digest.claim(db, setting, "2026-03-02T06:00:00+00:00", "2026-03-02")
    stored = await digest.get(db, 1)
    assert stored is not None
    assert stored.last_digest_at == "2026-03-02T06:00:00+00:00"
    assert not digest.is_due(stored, at("2026-03-02 22:00"))


async def test_refused_post_keeps_the_statements_for_next_time(db: Database) -> None:
    setting = await configured(db, at("2026-03-02 05:00"))
    assert await digest.claim(db, setting, "2026-03-02T06:00:00+00:00", "2026-03-02")
    await digest.release(
        db, setting, today="2026-03-02", error="The digest could not be posted: gone."
    )
    stored = await digest.get(db, 1)
    assert stored is not None
    assert stored.last_digest_at == setting.last_digest_at  # watermark back
    assert stored.last_post_date == "2026-03-02"  # but no retry every minute today
    assert await digest.take_error(db, 1, user_id=8) is None  # not the one who configured it
    assert await digest.take_error(db, 1, user_id=7) == "The digest could not be posted: gone."
    assert await digest.take_error(db, 1, user_id=7) is None  # told once


async def test_failed_post_is_retried_by_the_next_tick(db: Database) -> None:
    setting = await configured(db, at("2026-03-02 05:00"))
    assert await digest.claim(db, setting, "2026-03-02T06:00:00+00:00", "2026-03-02")
    await digest.release(db, setting, today="2026-03-02")
    stored = await digest.get(db, 1)
    assert stored is not None
    assert stored.last_digest_at == setting.last_digest_at
    assert digest.is_due(stored, at("2026-03-02 07:01"))
    assert stored.last_error is None  # a passing outage is nobody's to fix
    assert await digest.claim(db, stored, "2026-03-02T06:00:00+00:00", "2026-03-02")


async def test_release_undoes_only_its_own_claim(db: Database) -> None:
    """Reconfigured while the post was failing: the new setting stands."""
    setting = await configured(db, at("2026-03-02 05:00"))
    assert await digest.claim(db, setting, "2026-03-02T06:00:00+00:00", "2026-03-02")
    moved = await digest.configure(
        db, 1, 11, post_time="09:00", timezone="Asia/Jerusalem", post_when_empty=True,
        user_id=7, now=at("2026-03-02 06:00"),
    )  # fmt: skip
    await digest.release(db, setting, today="2026-03-02")
    assert await digest.get(db, 1) == moved


async def test_off_stops_it(db: Database) -> None:
    await configured(db, at("2026-03-02 05:00"))
    assert [s.guild_id for s in await digest.scheduled(db)] == [1]
    assert await digest.disable(db, 1)
    assert await digest.scheduled(db) == []
    assert not await digest.disable(db, 1)
