"""/digest and the daily scheduler: each server's digest of what is new, posted once a day.

The bookkeeping (when a digest is due, claiming it before sending) is in `bot.digest`; this
module only talks to Discord. `tick` is what the one-minute loop runs; tests call it directly
with the bot's clock injected.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands, tasks

from bot import digest, render
from bot.client import NO_MENTIONS, NegoBot, Refusal
from cogs.positions import topic_labels

log = logging.getLogger("negobot.digest")

PER_SERVER = "The digest is per server: use /digest in a server where negobot is installed."


def _manager_only(interaction: discord.Interaction) -> int:
    """The server's id, for a member allowed to Manage Server; a Refusal for anyone else."""
    if interaction.guild_id is None:
        raise Refusal(PER_SERVER)
    if not interaction.permissions.manage_guild:
        raise Refusal("Sorry, only members who can Manage Server can change its digest.")
    return interaction.guild_id


class Digest(commands.Cog):
    group = app_commands.Group(
        name="digest",
        description="The server's daily digest of what is new",
        allowed_contexts=app_commands.AppCommandContext(
            guild=True, dm_channel=True, private_channel=True
        ),
        allowed_installs=app_commands.AppInstallationType(guild=True, user=True),
        default_permissions=discord.Permissions(manage_guild=True),
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
        except Exception:  # a bad minute (say, a locked database) must not end the schedule
            log.exception("digest tick failed")

    @loop.before_loop
    async def _before(self) -> None:
        await self.bot.wait_until_ready()

    async def tick(self) -> int:
        """Post every due digest; returns how many servers got one. One tick at a time."""
        async with self._lock:
            posted = 0
            for setting in await digest.scheduled(self.bot.engine.db):
                try:
                    posted += await self._post_if_due(setting)
                except Exception:
                    log.exception("digest of server %s failed", setting.guild_id)
            return posted

    async def _post_if_due(self, setting: digest.GuildDigest) -> bool:
        now = self.bot.now()
        if not digest.is_due(setting, now):
            return False
        engine = self.bot.engine
        built = await digest.build_digest(engine.db, engine.book, setting.last_digest_at)
        today = digest.local_date(setting, now)
        if not await digest.claim(engine.db, setting, built.until, today):
            return False
        if built.empty and not setting.post_when_empty:
            return False
        messages: list[dict[str, Any]] = (
            [{"content": render.nothing_new(built)}]
            if built.empty
            else [{"embeds": e} for e in render.digest_messages(built, topic_labels(self.bot))]
        )
        delivered = 0
        try:
            channel = self.bot.get_channel(setting.channel_id) or await self.bot.fetch_channel(
                setting.channel_id  # type: ignore[arg-type]
            )
            for message in messages:
                await channel.send(**message, allowed_mentions=NO_MENTIONS)  # type: ignore[union-attr]
                delivered += 1
        except (discord.NotFound, discord.Forbidden) as exc:
            why = (
                "the channel no longer exists"
                if isinstance(exc, discord.NotFound)
                else "negobot may not post in that channel (missing permission)"
            )
            log.warning("digest of server %s not posted: %s", setting.guild_id, why)
            await digest.release(
                engine.db, setting, today=today, error=f"The digest could not be posted: {why}."
            )
            return False
        except Exception:
            if delivered:  # posting the rest again would repeat what the server already has
                log.exception(
                    "digest of server %s posted only in part (%d of %d messages)",
                    setting.guild_id, delivered, len(messages),
                )  # fmt: skip
                return True
            log.exception("digest of server %s not posted; retrying next minute", setting.guild_id)
            await digest.release(engine.db, setting, today=today)
            return False
        return True

    @commands.Cog.listener()
    async def on_app_command_completion(
        self, interaction: discord.Interaction, command: app_commands.Command
    ) -> None:
        """Tell whoever configured a digest that it failed, on their next command there."""
        if interaction.guild_id is None:
            return
        error = await digest.take_error(
            self.bot.engine.db, interaction.guild_id, interaction.user.id
        )
        if error:
            await interaction.followup.send(
                f"{error} Use /digest channel to set it up again.",
                ephemeral=True,
                allowed_mentions=NO_MENTIONS,
            )

    @group.command(
        name="now", description="Show what the next digest would say, without posting it"
    )
    async def now(self, interaction: discord.Interaction) -> None:
        guild_id = _manager_only(interaction)
        await interaction.response.defer(thinking=True)
        engine = self.bot.engine
        setting = await digest.get(engine.db, guild_id)
        since = setting.last_digest_at if setting and setting.channel_id else None
        built = await digest.build_digest(engine.db, engine.book, since)
        if built.empty:
            await interaction.followup.send(render.nothing_new(built), allowed_mentions=NO_MENTIONS)
            return
        for embeds in render.digest_messages(built, topic_labels(self.bot)):
            await interaction.followup.send(embeds=embeds, allowed_mentions=NO_MENTIONS)

    @group.command(name="channel", description="Post the daily digest in a channel")
    @app_commands.describe(
        channel="Where to post",
        time="Local time to post, 24-hour HH:MM (default 09:00)",
        timezone="IANA time zone, e.g. Europe/Paris (default UTC)",
        quiet_days="On a day with nothing new: post one short line (default) or nothing",
    )
    @app_commands.choices(
        quiet_days=[
            app_commands.Choice(name="post one short line", value="line"),
            app_commands.Choice(name="post nothing", value="nothing"),
        ]
    )
    async def channel(
        self,
        interaction: discord.Interaction,
        channel: discord.TextChannel,
        time: str = "09:00",
        timezone: str = "UTC",
        quiet_days: str = "line",
    ) -> None:
        guild_id = _manager_only(interaction)
        try:
            post_time, zone = digest.parse_time(time), digest.parse_timezone(timezone)
        except ValueError as exc:
            raise Refusal(str(exc)) from None
        setting = await digest.configure(
            self.bot.engine.db,
            guild_id,
            channel.id,
            post_time=post_time,
            timezone=zone,
            post_when_empty=quiet_days == "line",
            user_id=interaction.user.id,
            now=self.bot.now(),
        )
        quiet = "one short line" if setting.post_when_empty else "nothing"
        await interaction.response.send_message(
            f"The digest will be posted in {channel.mention} every day at {setting.post_time}"
            f" ({setting.timezone}); on a day with nothing new: {quiet}.",
            allowed_mentions=NO_MENTIONS,
        )

    @group.command(name="off", description="Stop this server's daily digest")
    async def off(self, interaction: discord.Interaction) -> None:
        guild_id = _manager_only(interaction)
        stopped = await digest.disable(self.bot.engine.db, guild_id)
        await interaction.response.send_message(
            "The daily digest is off." if stopped else "This server had no daily digest.",
            allowed_mentions=NO_MENTIONS,
        )


async def setup(bot: NegoBot) -> None:
    await bot.add_cog(Digest(bot))
