"""/ingest: an operator adds an article by uploading it or giving its link."""

from __future__ import annotations

import hashlib
from pathlib import PurePath

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import NO_MENTIONS, NegoBot, Refusal
from bot.feeds import ingest_url
from bot.fetch import FetchPolicy
from bot.ingest import ingest_bytes
from bot.render import CONTENT_MAX, safe

KINDS = (".txt", ".md", ".html", ".htm")
SAID = {
    "indexed": "Indexed",
    "replaced": "Indexed (replacing an earlier version)",
    "unchanged": "Already indexed, unchanged",
    "duplicate": "Not indexed: the same text is already indexed",
    "error": "Not indexed",
}


def stored_name(name: str, data: bytes) -> str:
    """The document path of an upload: file names repeat ("statement.txt" from two parties), so
    a prefix of the content's hash keeps one upload from replacing another, while the same bytes
    uploaded again map to the same document and are found unchanged."""
    return f"uploads/{hashlib.sha256(data).hexdigest()[:12]}/{name}"


class Ingest(commands.Cog):
    def __init__(self, bot: NegoBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="ingest", description="Add an article: a file or a link (txt, md or html; operators)"
    )
    @app_commands.describe(
        file="The article as a .txt, .md or .html file", url="The article's web address"
    )
    @app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)
    @app_commands.allowed_installs(guilds=True, users=True)
    async def ingest(
        self,
        interaction: discord.Interaction,
        file: discord.Attachment | None = None,
        url: str | None = None,
    ) -> None:
        if not await self.bot.is_operator(interaction.user):
            raise Refusal("Sorry, only the operators of this bot can add articles.")
        if (file is None) == (url is None):
            raise Refusal("Give either a file or a url, one article at a time.")
        if file is not None:
            name = PurePath(file.filename).name
            if not name.lower().endswith(KINDS):
                kinds = ", ".join(KINDS)
                raise Refusal(f"I can read {kinds} files; {safe(name)} is none of these.")
            if file.size > self.bot.settings.max_file_bytes:
                raise Refusal(
                    f"{safe(name)} is {file.size:,} bytes;"
                    f" the limit is {self.bot.settings.max_file_bytes:,}."
                )
        await interaction.response.defer(thinking=True, ephemeral=True)
        engine = self.bot.engine
        if url is not None:
            name = url
            outcome = await ingest_url(
                engine.db,
                url,
                encoder=await self.bot.encoder(),
                book=engine.book,
                policy=FetchPolicy.from_settings(self.bot.settings),
            )
        else:
            data = await file.read()
            outcome = await ingest_bytes(
                engine.db,
                stored_name(name, data),
                data,
                encoder=await self.bot.encoder(),
                book=engine.book,
                max_bytes=self.bot.settings.max_file_bytes,
            )
        detail = f": {safe(outcome.message)}" if outcome.message else ""
        counts = (
            f" ({outcome.sentences} sentences, {outcome.statements} attributed statements)"
            if outcome.status in ("indexed", "replaced")
            else ""
        )
        text = f"{SAID.get(outcome.status, outcome.status)}: {safe(name)}{counts}{detail}"
        await interaction.followup.send(
            text[:CONTENT_MAX], ephemeral=True, allowed_mentions=NO_MENTIONS
        )


async def setup(bot: NegoBot) -> None:
    await bot.add_cog(Ingest(bot))
