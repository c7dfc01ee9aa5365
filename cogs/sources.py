"""/sources: what is indexed, and how each article's date is known."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot import positions, render
from bot.client import NegoBot
from bot.paging import send_pages


class Sources(commands.Cog):
    def __init__(self, bot: NegoBot) -> None:
        self.bot = bot

    @app_commands.command(name="sources", description="The indexed articles and their dates")
    @app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)
    @app_commands.allowed_installs(guilds=True, users=True)
    async def sources(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        found = await positions.sources(self.bot.engine.db)
        await send_pages(interaction, render.sources_pages(found))


async def setup(bot: NegoBot) -> None:
    await bot.add_cog(Sources(bot))
