"""The daily digest: what to post, when, and the bookkeeping that makes it post once.

Each server has a channel, a local time and a time zone. A digest is due when the server's
local clock has passed its time and no digest was claimed on that local date; after downtime the
first tick finds it due once and covers everything since the last watermark, so a gap of several
days gives one digest, not one per day.

Posting is at most once. `claim` moves the watermark and the local date in one transaction, and
only if nobody claimed since the caller read them, BEFORE anything is sent. A crash after the
claim can therefore lose that day's digest (its statements are then covered by no digest) but
can never post it twice; a double post spams a whole server, a lost one is visible in the log
and in /digest now. When a post fails before any of its messages was delivered, `release` puts
the watermark back. A refusal that retrying cannot cure (deleted channel, missing permission)
keeps the date, so it is not retried every minute, and stores the error for whoever configured
the digest; the next day's digest covers the gap. Any other failure (a 5xx, a dropped
connection) releases the date too, so the next tick posts that day's digest after all.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, fields
from datetime import datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot import positions
from bot.models import StatementView, StatusResult
from bot.parties import PartyBook
from storage import Database

_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class GuildDigest:
    guild_id: int
    channel_id: int | None
    post_time: str
    timezone: str
    post_when_empty: bool
    configured_by: int | None
    last_digest_at: str | None
    last_post_date: str | None
    last_error: str | None


@dataclass(frozen=True)
class Digest:
    since: str | None  # the watermark of the previous digest (UTC ISO), None: from the start
    until: str | None  # the newest ingest this digest covers: the next watermark
    statements: list[StatementView]  # grouped by party, latest first within a party
    changed: dict[int, tuple[str, ...]]  # statement id -> topics on which the stance changed
    status: StatusResult

    @property
    def empty(self) -> bool:
        return not self.statements

    def by_party(self) -> dict[str, list[StatementView]]:
        groups: dict[str, list[StatementView]] = {}
        for view in self.statements:
            groups.setdefault(view.party or "", []).append(view)
        return groups


def parse_time(text: str) -> str:
    """'9:05' -> '09:05'; ValueError for anything that is not a 24-hour HH:MM."""
    match = _TIME.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a time; use 24-hour HH:MM, e.g. 09:00")
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def parse_timezone(name: str) -> str:
    try:
        ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(
            f"{name!r} is not a time zone; use an IANA name such as Europe/Paris or UTC"
        ) from exc
    return name.strip()


def local_date(setting: GuildDigest, now: datetime) -> str:
    return now.astimezone(ZoneInfo(setting.timezone)).date().isoformat()


def is_due(setting: GuildDigest, now: datetime) -> bool:
    """Past today's posting time in the server's zone, and not yet claimed on that local date."""
    if setting.channel_id is None:
        return False
    local = now.astimezone(ZoneInfo(setting.timezone))
    hour, minute = map(int, setting.post_time.split(":"))
    return local.time() >= time(hour, minute) and setting.last_post_date != local_date(setting, now)


async def build_digest(db: Database, book: PartyBook, since: str | None) -> Digest:
    until = await positions.latest_ingest(db)
    statements = await positions.statements_since(db, book, since)
    changed: dict[int, tuple[str, ...]] = {}
    for party in dict.fromkeys(v.party for v in statements if v.party):
        for entry in (await positions.timeline(db, book, party)).entries:
            if entry.changed:
                changed[entry.statement.id] = entry.changed_topics
    status = await positions.status(db, book)
    return Digest(since, until, statements, changed, status)


_COLUMNS = ", ".join(f.name for f in fields(GuildDigest))  # the columns are named as the fields


def _setting(r: sqlite3.Row) -> GuildDigest:
    return GuildDigest(**{**dict(r), "post_when_empty": bool(r["post_when_empty"])})


async def get(db: Database, guild_id: int) -> GuildDigest | None:
    row = await db.fetchone(
        f"SELECT {_COLUMNS} FROM guild_settings WHERE guild_id = ?", (guild_id,)
    )
    return _setting(row) if row else None


async def scheduled(db: Database) -> list[GuildDigest]:
    rows = await db.fetchall(
        f"SELECT {_COLUMNS} FROM guild_settings WHERE channel_id IS NOT NULL ORDER BY guild_id"
    )
    return [_setting(r) for r in rows]


async def configure(
    db: Database,
    guild_id: int,
    channel_id: int,
    *,
    post_time: str,
    timezone: str,
    post_when_empty: bool,
    user_id: int,
    now: datetime,
) -> GuildDigest:
    """Start (or move) a server's digest; the first one covers what is indexed from now on.

    When today's time has already passed, the first digest is tomorrow's: configuring at 10:00
    for 09:00 should not post at once.
    """
    existing = await get(db, guild_id)
    watermark = (
        existing.last_digest_at
        if existing and existing.channel_id
        else await positions.latest_ingest(db)
    )
    draft = GuildDigest(
        guild_id, channel_id, post_time, timezone, post_when_empty, user_id, watermark, None, None
    )
    today = local_date(draft, now)
    last_post = today if is_due(draft, now) else (existing.last_post_date if existing else None)
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO guild_settings (guild_id, channel_id, post_time, timezone,"
            " post_when_empty, configured_by, last_digest_at, last_post_date, last_error)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)"
            " ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id,"
            " post_time = excluded.post_time, timezone = excluded.timezone,"
            " post_when_empty = excluded.post_when_empty, configured_by = excluded.configured_by,"
            " last_digest_at = excluded.last_digest_at, last_post_date = excluded.last_post_date,"
            " last_error = NULL",
            (guild_id, channel_id, post_time, timezone, int(post_when_empty), user_id, watermark,
             last_post),
        )  # fmt: skip
    result = await get(db, guild_id)
    assert result is not None
    return result


async def disable(db: Database, guild_id: int) -> bool:
    """Stop a server's digest; False when it had none."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "UPDATE guild_settings SET channel_id = NULL, last_error = NULL"
            " WHERE guild_id = ? AND channel_id IS NOT NULL",
            (guild_id,),
        )
        return cursor.rowcount > 0


async def claim(db: Database, setting: GuildDigest, until: str | None, today: str) -> bool:
    """Mark today's digest as posted unless another tick or process did (see the module doc)."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "UPDATE guild_settings SET last_digest_at = ?, last_post_date = ?"
            " WHERE guild_id = ? AND channel_id = ? AND last_post_date IS ?",
            (until, today, setting.guild_id, setting.channel_id, setting.last_post_date),
        )
        return cursor.rowcount == 1


async def release(
    db: Database, setting: GuildDigest, *, today: str, error: str | None = None
) -> None:
    """Undo `claim(setting, ..., today)` after nothing was delivered (see the module doc).

    With an `error` the day stays claimed; without, the next tick retries. Only this claim is
    undone: a digest configured again meanwhile is left as it is.
    """
    post_date = today if error else setting.last_post_date
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE guild_settings SET last_digest_at = ?, last_post_date = ?,"
            " last_error = COALESCE(?, last_error)"
            " WHERE guild_id = ? AND channel_id = ? AND last_post_date = ?",
            (setting.last_digest_at, post_date, error, setting.guild_id, setting.channel_id,
             today),
        )  # fmt: skip


async def take_error(db: Database, guild_id: int, user_id: int) -> str | None:
    """The stored failure of a server's digest, once, for the user who configured it."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "SELECT last_error FROM guild_settings WHERE guild_id = ? AND configured_by = ?"
            " AND last_error IS NOT NULL",
            (guild_id, user_id),
        )
        row = await cursor.fetchone()
        if row is None:
            return None
        await conn.execute(
            "UPDATE guild_settings SET last_error = NULL WHERE guild_id = ?", (guild_id,)
        )
        return str(row[0])
