"""/help, and plain direct messages read as questions."""

from __future__ import annotations

import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot import dm, positions, render
from bot.client import FAILURE, NO_MENTIONS, NegoBot
from bot.paging import send_pages_to
from cogs.ask import answer
from cogs.positions import topic_labels

log = logging.getLogger("negobot.dm")


class Help(commands.Cog):
    def __init__(self, bot: NegoBot) -> None:
        self.bot = bot

    @app_commands.command(name="help", description="What negobot does and how to ask it")
    @app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)
    @app_commands.allowed_installs(guilds=True, users=True)
    async def help(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(
            embed=render.help_embed(self.bot.engine.book),
            ephemeral=True,
            allowed_mentions=NO_MENTIONS,
        )

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """A direct message is a question; messages in servers are none of negobot's business."""
        if message.guild is not None or message.author.bot or not message.content:
            return
        try:
            pages = await self._answer(message.content)
        except Exception:
            log.exception("answering a direct message failed")
            await message.channel.send(FAILURE, allowed_mentions=NO_MENTIONS)
            return
        await send_pages_to(message.channel, pages, message.author.id)

    async def _answer(self, text: str) -> list[discord.Embed]:
        engine = self.bot.engine
        request = dm.parse(text, engine.book)
        if request.kind == "help":
            return [render.help_embed(self.bot.engine.book)]
        if request.kind == "position" and request.party:
            result = await positions.position(engine.db, engine.book, request.party, request.topic)
            return render.position_pages(result, topic_labels(self.bot))
        return await answer(self.bot, request.text)


async def setup(bot: NegoBot) -> None:
    await bot.add_cog(Help(bot))
