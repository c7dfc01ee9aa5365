"""/feeds: the operators choose the news feeds the bot follows; a background loop polls them.

The loop ticks every minute but each feed has its own schedule in the database (its poll
interval, or its back-off after errors), so a tick with nothing due costs one query and never
waits for the embedding model. The bookkeeping is in `bot.feeds`; this module talks to Discord.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from urllib.parse import urlsplit

import discord
from discord import app_commands
from discord.ext import commands, tasks

from bot.client import NO_MENTIONS, NegoBot, Refusal
from bot.feeds import Feed, FeedPollResult, add_feed, list_feeds, poll_due, remove_feed
from bot.fetch import FetchPolicy
from bot.render import CONTENT_MAX, bare_link, clip, safe

log = logging.getLogger("negobot.feeds")

OPERATORS_ONLY = "Sorry, only the operators of this bot can manage its news feeds."


def describe(feed: Feed) -> str:
    """One feed's state in a few lines, so an operator can tell why a feed is quiet."""
    keywords = f" (keywords: {safe(', '.join(feed.keywords))})" if feed.keywords else ""
    if feed.last_status is None:
        state = "not checked yet"
    else:
        state = f"{feed.last_status.replace('_', ' ')}, checked {feed.last_checked}"
        if feed.consecutive_errors:
            state += f", {feed.consecutive_errors} errors in a row"
    lines = [
        f"**{safe(clip(feed.title or urlsplit(feed.url).hostname or '', 100))}**{keywords}",
        bare_link(feed.url),
        f"{state}; next check {feed.next_poll}",
        f"{feed.entries_indexed} articles indexed, {feed.entries_seen} entries seen, "
        f"{feed.entries_pending} waiting",
    ]
    if feed.last_error:
        lines.append(f"last error: {safe(clip(feed.last_error, 200))}")
    return "\n".join(lines)


class Feeds(commands.Cog):
    group = app_commands.Group(
        name="feeds",
        description="The news feeds the bot follows (operators)",
        allowed_contexts=app_commands.AppCommandContext(
            guild=True, dm_channel=True, private_channel=True
        ),
        allowed_installs=app_commands.AppInstallationType(guild=True, user=True),
    )

    def __init__(self, bot: NegoBot) -> None:
        self.bot = bot
        self._lock = asyncio.Lock()

    async def cog_load(self) -> None:
        if self.bot.run_scheduler:
            self.loop.start()

    async def cog_unload(self) -> None:
        self.loop.cancel()

    @tasks.loop(minutes=1)
    async def loop(self) -> None:
        try:
            await self.tick()
        except Exception:  # a bad minute (say, a locked database) must not end the polling
            log.exception("feed poll failed")

    @loop.before_loop
    async def _before(self) -> None:
        await self.bot.wait_until_ready()

    async def tick(self) -> list[FeedPollResult]:
        """Poll the feeds that are due; one round at a time."""
        async with self._lock:
            db = self.bot.engine.db
            now = self.bot.now()
            if not any(dt.datetime.fromisoformat(f.next_poll) <= now for f in await list_feeds(db)):
                return []
            results = await poll_due(
                db,
                encoder=await self.bot.encoder(),
                book=self.bot.engine.book,
                policy=FetchPolicy.from_settings(self.bot.settings),
                now=now,
            )
            for result in results:
                log.log(
                    logging.WARNING if result.status == "error" else logging.INFO, result.line()
                )
            return results

    async def _check_operator(self, interaction: discord.Interaction) -> None:
        if not await self.bot.is_operator(interaction.user):
            raise Refusal(OPERATORS_ONLY)

    @group.command(name="add", description="Follow an RSS or Atom news feed")
    @app_commands.describe(
        url="The feed's address (http or https)",
        keywords="Only stories mentioning one of these words, comma-separated (default: all)",
    )
    async def add(
        self, interaction: discord.Interaction, url: str, keywords: str | None = None
    ) -> None:
        await self._check_operator(interaction)
        words = [w for w in (keywords or "").split(",") if w.strip()]
        try:
            feed = await add_feed(self.bot.engine.db, url, words, now=self.bot.now())
        except ValueError as exc:
            raise Refusal(safe(str(exc))) from None
        only = f", keeping stories that mention {safe(', '.join(feed.keywords))}" if words else ""
        await interaction.response.send_message(
            f"Following {bare_link(feed.url)}{only}. It will be checked within a minute.",
            ephemeral=True,
            allowed_mentions=NO_MENTIONS,
        )

    @group.command(name="list", description="The feeds the bot follows and how each is doing")
    async def list_(self, interaction: discord.Interaction) -> None:
        await self._check_operator(interaction)
        feeds = await list_feeds(self.bot.engine.db)
        if not feeds:
            text = "No feeds yet; add one with /feeds add."
        else:
            blocks, used = [], 0
            for i, feed in enumerate(feeds):
                block = describe(feed)
                rest = f"…and {len(feeds) - i} more (see `negobot feeds list`)"
                if used + len(block) + len(rest) + 4 > CONTENT_MAX:
                    blocks.append(rest)
                    break
                blocks.append(block)
                used += len(block) + 2
            text = "\n\n".join(blocks)
        await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)

    @group.command(name="remove", description="Stop following a feed (its articles stay indexed)")
    @app_commands.describe(url="The feed's address, as /feeds list shows it")
    async def remove(self, interaction: discord.Interaction, url: str) -> None:
        await self._check_operator(interaction)
        if not await remove_feed(self.bot.engine.db, url):
            raise Refusal(f"I don't follow {bare_link(url)}; /feeds list shows the feeds I do.")
        await interaction.response.send_message(
            f"No longer following {bare_link(url)}. Its articles stay indexed.",
            ephemeral=True,
            allowed_mentions=NO_MENTIONS,
        )


async def setup(bot: NegoBot) -> None:
    await bot.add_cog(Feeds(bot))
