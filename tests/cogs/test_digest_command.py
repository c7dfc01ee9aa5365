"""/digest and the daily tick, with the bot's clock injected."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from article import ARTICLE
from fakediscord import CHANNEL_ID, GUILD_ID, MANAGE_GUILD, FakeDiscord

from bot import digest, positions, render
from bot.client import NegoBot
from bot.ingest import ingest_bytes

pytestmark = pytest.mark.asyncio(loop_scope="session")

ADMIN = 800000000000000005


def opt(name: str, value: object, kind: int = 3) -> dict[str, object]:
    return {"name": name, "type": kind, "value": value}


def posts(fake: FakeDiscord, start: int = 0, channel: int = CHANNEL_ID) -> list:
    return [
        r
        for r in fake.requests[start:]
        if r.method == "POST" and r.path == f"/channels/{channel}/messages"
    ]


async def configure(fake: FakeDiscord, channel: int = CHANNEL_ID, **extra: str) -> object:
    options = [opt("channel", str(channel), kind=7)]
    options += [opt(k, v) for k, v in extra.items()]
    sub = [{"name": "channel", "type": 1, "options": options}]
    resolved = {"channels": {str(channel): {**fake.channels[channel], "permissions": "0"}}}
    return await fake.interact(
        "digest", sub, user_id=ADMIN, permissions=MANAGE_GUILD, resolved=resolved
    )


async def add_article(bot: NegoBot) -> None:
    outcome = await ingest_bytes(
        bot.engine.db, "new.txt", ARTICLE, encoder=await bot.encoder(), book=bot.engine.book
    )
    assert outcome.status == "indexed", outcome


async def test_non_manager_cannot_configure(bot: NegoBot, fake: FakeDiscord) -> None:
    sub = [{"name": "channel", "type": 1, "options": [opt("channel", str(CHANNEL_ID), kind=7)]}]
    resolved = {"channels": {str(CHANNEL_ID): {**fake.channels[CHANNEL_ID], "permissions": "0"}}}
    answer = await fake.interact("digest", sub, resolved=resolved)  # @everyone permissions
    assert answer.ephemeral and "only members who can Manage Server" in answer.text()
    assert await digest.get(bot.engine.db, GUILD_ID) is None


async def test_digest_is_per_server(bot: NegoBot, fake: FakeDiscord) -> None:
    answer = await fake.interact("digest", [{"name": "now", "type": 1}], dm=True)
    assert answer.ephemeral and "The digest is per server" in answer.text()


async def test_daily_digest_posts_once_and_survives_a_restart(
    start_bot: object, fake: FakeDiscord, clock: object
) -> None:
    bot: NegoBot = await start_bot()  # type: ignore[operator]
    clock.now = datetime(2026, 3, 2, 5, 0, tzinfo=UTC)  # type: ignore[attr-defined]
    reply = await configure(fake, time="09:00", timezone="Asia/Jerusalem")  # 07:00 UTC
    assert "every day at 09:00 (Asia/Jerusalem)" in reply.text()
    cog = bot.get_cog("Digest")
    assert await cog.tick() == 0  # type: ignore[union-attr]

    before = await positions.latest_ingest(bot.engine.db)
    await add_article(bot)
    new = await positions.statements_since(bot.engine.db, bot.engine.book, before)
    assert new, "the new article has attributed statements"

    clock.now = datetime(2026, 3, 2, 7, 1, tzinfo=UTC)  # type: ignore[attr-defined]
    start = len(fake.requests)
    assert await cog.tick() == 1  # type: ignore[union-attr]
    sent = posts(fake, start)
    assert sent
    text = "\n".join(r.text() for r in sent)
    for view in new:
        assert render.quoted(view.text) in text
        assert view.document.date_label() in text
    assert "Status now" in text
    assert await cog.tick() == 0  # type: ignore[union-attr]

    # A restart later the same day: the new process does not post it again.
    await bot.close()
    bot = await start_bot()  # type: ignore[operator]
    clock.now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # type: ignore[attr-defined]
    start = len(fake.requests)
    assert await bot.get_cog("Digest").tick() == 0  # type: ignore[union-attr]
    assert posts(fake, start) == []

    # The next day, nothing new: one short line.
    clock.now = datetime(2026, 3, 3, 7, 0, tzinfo=UTC)  # type: ignore[attr-defined]
    assert await bot.get_cog("Digest").tick() == 1  # type: ignore[union-attr]
    (line,) = posts(fake, start)
    assert line.content.startswith("Digest: nothing new since") and not line.embeds


async def test_downtime_gives_one_digest_covering_the_gap(
    bot: NegoBot, fake: FakeDiscord, clock: object
) -> None:
    clock.now = datetime(2026, 3, 2, 5, 0, tzinfo=UTC)  # type: ignore[attr-defined]
    await configure(fake, time="06:30")
    await add_article(bot)
    clock.now = datetime(2026, 3, 6, 7, 0, tzinfo=UTC)  # type: ignore[attr-defined]
    start = len(fake.requests)
    cog = bot.get_cog("Digest")
    assert await cog.tick() == 1  # type: ignore[union-attr]
    assert await cog.tick() == 0  # type: ignore[union-attr]
    titles = [e["title"] for r in posts(fake, start) for e in r.embeds]
    assert sum(t.startswith("Status now") for t in titles) == 1  # one digest, not four


async def test_quiet_day_can_post_nothing(bot: NegoBot, fake: FakeDiscord, clock: object) -> None:
    clock.now = datetime(2026, 3, 2, 5, 0, tzinfo=UTC)  # type: ignore[attr-defined]
    await configure(fake, time="06:30", quiet_days="nothing")
    clock.now = datetime(2026, 3, 2, 6, 31, tzinfo=UTC)  # type: ignore[attr-defined]
    start = len(fake.requests)
    assert await bot.get_cog("Digest").tick() == 0  # type: ignore[union-attr]
    assert posts(fake, start) == []


async def test_broken_channel_is_reported_and_other_servers_still_get_theirs(
    bot: NegoBot, fake: FakeDiscord, clock: object
) -> None:
    clock.now = datetime(2026, 3, 2, 5, 0, tzinfo=UTC)  # type: ignore[attr-defined]
    gone = await fake.add_text_channel("news")
    await configure(fake, channel=gone, time="06:30")
    other_guild = 123456789012345678
    await digest.configure(
        bot.engine.db, other_guild, CHANNEL_ID, post_time="06:30", timezone="UTC",
        post_when_empty=True, user_id=1, now=clock.now,  # type: ignore[attr-defined]
    )  # fmt: skip
    del fake.channels[gone]  # deleted while the bot was not looking
    clock.now = datetime(2026, 3, 2, 6, 31, tzinfo=UTC)  # type: ignore[attr-defined]
    start = len(fake.requests)
    assert await bot.get_cog("Digest").tick() == 1  # type: ignore[union-attr]
    assert len(posts(fake, start)) == 1  # the other server's
    stored = await digest.get(bot.engine.db, GUILD_ID)
    assert stored is not None and "no longer exists" in (stored.last_error or "")

    # Whoever configured it hears about it on their next command, privately, once.
    answer = await fake.interact("help", user_id=ADMIN)
    assert "The digest could not be posted: the channel no longer exists." in answer.text()
    assert answer.replies[-1].flags & 64
    again = await fake.interact("help", user_id=ADMIN)
    assert "could not be posted" not in again.text()


async def test_missing_permission_is_reported(
    bot: NegoBot, fake: FakeDiscord, clock: object
) -> None:
    clock.now = datetime(2026, 3, 2, 5, 0, tzinfo=UTC)  # type: ignore[attr-defined]
    await configure(fake, time="06:30")
    fake.forbidden_channels.add(CHANNEL_ID)
    clock.now = datetime(2026, 3, 2, 6, 31, tzinfo=UTC)  # type: ignore[attr-defined]
    assert await bot.get_cog("Digest").tick() == 0  # type: ignore[union-attr]
    stored = await digest.get(bot.engine.db, GUILD_ID)
    assert stored is not None and "missing permission" in (stored.last_error or "")


async def test_digest_now_and_off(bot: NegoBot, fake: FakeDiscord, clock: object) -> None:
    clock.now = datetime(2026, 3, 2, 5, 0, tzinfo=UTC)  # type: ignore[attr-defined]
    await configure(fake)
    await add_article(bot)
    now = await fake.interact(
        "digest", [{"name": "now", "type": 1}], user_id=ADMIN, permissions=MANAGE_GUILD
    )
    assert "New from" in now.text() and "Status now" in now.text()
    off = await fake.interact(
        "digest", [{"name": "off", "type": 1}], user_id=ADMIN, permissions=MANAGE_GUILD
    )
    assert "The daily digest is off." in off.text()
    assert await digest.scheduled(bot.engine.db) == []


async def test_bad_time_or_zone_is_refused(bot: NegoBot, fake: FakeDiscord) -> None:
    answer = await configure(fake, time="25:00")
    assert answer.ephemeral and "HH:MM" in answer.text()
    answer = await configure(fake, timezone="Mars/Olympus")
    assert answer.ephemeral and "IANA" in answer.text()
    assert await digest.get(bot.engine.db, GUILD_ID) is None


async def test_the_minute_loop_posts_a_due_digest_by_itself(
    start_bot: object, fake: FakeDiscord, settings: object, clock: object
) -> None:
    """Production wiring: with the scheduler on, nobody calls tick(); the loop does at start."""
    from storage import Database

    db = await Database.open(settings.db)  # type: ignore[attr-defined]
    try:
        await digest.configure(
            db, GUILD_ID, CHANNEL_ID, post_time="06:30", timezone="UTC", post_when_empty=True,
            user_id=ADMIN, now=datetime(2026, 3, 1, 12, 0, tzinfo=UTC),
        )  # fmt: skip
    finally:
        await db.close()
    clock.now = datetime(2026, 3, 2, 6, 31, tzinfo=UTC)  # type: ignore[attr-defined]
    start = len(fake.requests)
    await start_bot(run_scheduler=True)  # type: ignore[operator]
    await fake._until(lambda: posts(fake, start))
    (line,) = posts(fake, start)
    assert line.content.startswith("Digest: nothing new since")


def delivered_digests(fake: FakeDiscord, known: set[int]) -> list[dict]:
    """Messages the channel received since `known` (a refused request delivers nothing)."""
    return [
        m for i, m in fake.messages.items() if i not in known and m["channel_id"] == str(CHANNEL_ID)
    ]


async def test_a_server_error_loses_no_digest_and_the_next_tick_posts_it_once(
    bot: NegoBot, fake: FakeDiscord, clock: object
) -> None:
    clock.now = datetime(2026, 3, 2, 5, 0, tzinfo=UTC)  # type: ignore[attr-defined]
    await configure(fake, time="06:30")
    before = await positions.latest_ingest(bot.engine.db)
    await add_article(bot)
    new = await positions.statements_since(bot.engine.db, bot.engine.book, before)
    known = set(fake.messages)
    # 503: discord.py raises at once (it retries 500, 502, 504 and 524 itself, see below).
    fake.fail_once("POST", f"/channels/{CHANNEL_ID}/messages", 503)
    cog = bot.get_cog("Digest")
    clock.now = datetime(2026, 3, 2, 6, 31, tzinfo=UTC)  # type: ignore[attr-defined]
    assert await cog.tick() == 0  # type: ignore[union-attr]
    assert delivered_digests(fake, known) == []
    stored = await digest.get(bot.engine.db, GUILD_ID)
    assert stored is not None and stored.last_post_date is None and stored.last_error is None

    clock.now = datetime(2026, 3, 2, 6, 32, tzinfo=UTC)  # type: ignore[attr-defined]
    assert await cog.tick() == 1  # type: ignore[union-attr]
    assert await cog.tick() == 0  # type: ignore[union-attr]
    clock.now = datetime(2026, 3, 2, 23, 0, tzinfo=UTC)  # type: ignore[attr-defined]
    assert await cog.tick() == 0  # type: ignore[union-attr]
    messages = delivered_digests(fake, known)
    titles = [e["title"] for m in messages for e in m["embeds"]]
    assert sum(t.startswith("Status now") for t in titles) == 1
    text = "\n".join(e.get("description") or "" for m in messages for e in m["embeds"])
    for view in new:  # the retry covers what the failed post would have
        assert render.quoted(view.text) in text


async def test_a_500_is_retried_by_discord_py_and_posted_once(
    bot: NegoBot, fake: FakeDiscord, clock: object
) -> None:
    clock.now = datetime(2026, 3, 2, 5, 0, tzinfo=UTC)  # type: ignore[attr-defined]
    await configure(fake, time="06:30")
    known = set(fake.messages)
    fake.fail_once("POST", f"/channels/{CHANNEL_ID}/messages", 500)
    clock.now = datetime(2026, 3, 2, 6, 31, tzinfo=UTC)  # type: ignore[attr-defined]
    cog = bot.get_cog("Digest")
    assert await cog.tick() == 1  # type: ignore[union-attr]
    assert await cog.tick() == 0  # type: ignore[union-attr]
    (line,) = delivered_digests(fake, known)
    assert line["content"].startswith("Digest: nothing new since")


async def test_a_digest_cut_off_midway_is_not_posted_again(
    bot: NegoBot, fake: FakeDiscord, clock: object, caplog: pytest.LogCaptureFixture
) -> None:
    """Part of it is in the channel already: posting it again would repeat that part."""
    clock.now = datetime(2026, 3, 2, 5, 0, tzinfo=UTC)  # type: ignore[attr-defined]
    await configure(fake, time="06:30")
    async with bot.engine.db.transaction() as conn:  # the first digest covers every seed
        await conn.execute("UPDATE guild_settings SET last_digest_at = NULL")
    built = await digest.build_digest(bot.engine.db, bot.engine.book, None)
    parts = len(render.digest_messages(built))
    assert parts > 1, "the seeds make a digest of several messages"
    known = set(fake.messages)
    fake.fail_once("POST", f"/channels/{CHANNEL_ID}/messages", 503, after=1)
    cog = bot.get_cog("Digest")
    clock.now = datetime(2026, 3, 2, 6, 31, tzinfo=UTC)  # type: ignore[attr-defined]
    assert await cog.tick() == 1  # type: ignore[union-attr]
    clock.now = datetime(2026, 3, 2, 6, 32, tzinfo=UTC)  # type: ignore[attr-defined]
    assert await cog.tick() == 0  # type: ignore[union-attr]
    assert len(delivered_digests(fake, known)) == 1  # the first part, once
    assert f"posted only in part (1 of {parts} messages)" in caplog.text
