"""/ingest: an operator adds an article by uploading it."""

from __future__ import annotations

from pathlib import PurePath

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import NO_MENTIONS, NegoBot, Refusal
from bot.ingest import ingest_bytes
from bot.render import safe

KINDS = (".txt", ".md", ".html", ".htm")
SAID = {
    "indexed": "Indexed",
    "replaced": "Indexed (replacing an earlier version)",
    "unchanged": "Already indexed, unchanged",
    "duplicate": "Not indexed: the same text is already indexed",
    "error": "Not indexed",
}


class Ingest(commands.Cog):
    def __init__(self, bot: NegoBot) -> None:
        self.bot = bot

    @app_commands.command(name="ingest", description="Add an article (txt, md or html; operators)")
    @app_commands.describe(file="The article as a .txt, .md or .html file")
    @app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)
    @app_commands.allowed_installs(guilds=True, users=True)
    async def ingest(self, interaction: discord.Interaction, file: discord.Attachment) -> None:
        if not await self.bot.is_operator(interaction.user):
            raise Refusal("Sorry, only the operators of this bot can add articles.")
        name = PurePath(file.filename).name
        if not name.lower().endswith(KINDS):
            raise Refusal(f"I can read {', '.join(KINDS)} files; {safe(name)} is none of these.")
        limit = self.bot.settings.max_file_bytes
        if file.size > limit:
            raise Refusal(f"{safe(name)} is {file.size:,} bytes; the limit is {limit:,}.")
        await interaction.response.defer(thinking=True, ephemeral=True)
        data = await file.read()
        engine = self.bot.engine
        outcome = await ingest_bytes(
            engine.db,
            name,
            data,
            encoder=await self.bot.encoder(),
            book=engine.book,
            max_bytes=limit,
        )
        detail = f": {safe(outcome.message)}" if outcome.message else ""
        counts = (
            f" ({outcome.sentences} sentences, {outcome.statements} attributed statements)"
            if outcome.status in ("indexed", "replaced")
            else ""
        )
        text = f"{SAID.get(outcome.status, outcome.status)}: {safe(name)}{counts}{detail}"
        await interaction.followup.send(text[:2000], ephemeral=True, allowed_mentions=NO_MENTIONS)


async def setup(bot: NegoBot) -> None:
    await bot.add_cog(Ingest(bot))
