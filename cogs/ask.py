"""/ask: free-text questions answered by the passages nearest in meaning."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot import render
from bot.client import NegoBot
from bot.paging import send_pages
from bot.search import ask


async def answer(bot: NegoBot, question: str) -> list[discord.Embed]:
    engine = bot.engine
    hits = await ask(engine.db, await bot.encoder(), question)
    return render.ask_pages(question, hits)


class Ask(commands.Cog):
    def __init__(self, bot: NegoBot) -> None:
        self.bot = bot

    @app_commands.command(name="ask", description="Ask a question; get the nearest passages")
    @app_commands.describe(question="For example: who rejected a temporary truce?")
    @app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)
    @app_commands.allowed_installs(guilds=True, users=True)
    async def ask(
        self, interaction: discord.Interaction, question: app_commands.Range[str, 1, 300]
    ) -> None:
        await interaction.response.defer(thinking=True)
        await send_pages(interaction, await answer(self.bot, question))


async def setup(bot: NegoBot) -> None:
    await bot.add_cog(Ask(bot))
