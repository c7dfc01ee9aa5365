"""/position, /compare, /timeline and /status: what each party said, quoted, latest first."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot import positions, render
from bot.client import NegoBot
from bot.paging import send_pages

CONTEXTS = {"guilds": True, "dms": True, "private_channels": True}
INSTALLS = {"guilds": True, "users": True}


def _bot(interaction: discord.Interaction) -> NegoBot:
    return interaction.client  # type: ignore[return-value]


async def party_choices(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    names = _bot(interaction).engine.book.complete_party(current)
    return [app_commands.Choice(name=n[:100], value=n[:100]) for n in names[:25]]


async def topic_choices(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    book = _bot(interaction).engine.book
    keys = book.complete_topic(current)
    return [
        app_commands.Choice(name=f"{book.topic(k).label} ({k})"[:100], value=k[:100])
        for k in keys[:25]
    ]


def check_names(bot: NegoBot, parties: list[str], topic: str | None) -> None:
    """Unknown names fail here, before the answer is deferred, so the error stays private."""
    for party in parties:
        bot.engine.book.party(party)
    if topic:
        bot.engine.book.topic(topic)


def topic_labels(bot: NegoBot) -> dict[str, str]:
    book = bot.engine.book
    return {key: book.topic(key).label for key in book.topic_keys()}


class Positions(commands.Cog):
    def __init__(self, bot: NegoBot) -> None:
        self.bot = bot

    @app_commands.command(name="position", description="A party's latest statements, quoted")
    @app_commands.describe(party="Who", topic="On what (optional)")
    @app_commands.autocomplete(party=party_choices, topic=topic_choices)
    @app_commands.allowed_contexts(**CONTEXTS)
    @app_commands.allowed_installs(**INSTALLS)
    async def position(
        self, interaction: discord.Interaction, party: str, topic: str | None = None
    ) -> None:
        engine = self.bot.engine
        check_names(self.bot, [party], topic)
        await interaction.response.defer(thinking=True)
        result = await positions.position(engine.db, engine.book, party, topic)
        await send_pages(interaction, render.position_pages(result, topic_labels(self.bot)))

    @app_commands.command(name="compare", description="Two parties side by side, per topic")
    @app_commands.describe(party_a="One party", party_b="The other", topic="On what (optional)")
    @app_commands.autocomplete(party_a=party_choices, party_b=party_choices, topic=topic_choices)
    @app_commands.allowed_contexts(**CONTEXTS)
    @app_commands.allowed_installs(**INSTALLS)
    async def compare(
        self,
        interaction: discord.Interaction,
        party_a: str,
        party_b: str,
        topic: str | None = None,
    ) -> None:
        engine = self.bot.engine
        check_names(self.bot, [party_a, party_b], topic)
        await interaction.response.defer(thinking=True)
        result = await positions.compare(engine.db, engine.book, [party_a, party_b], topic)
        await send_pages(interaction, render.compare_pages(result, topic_labels(self.bot)))

    @app_commands.command(name="timeline", description="A party's statements over time")
    @app_commands.describe(party="Who", topic="On what (optional)")
    @app_commands.autocomplete(party=party_choices, topic=topic_choices)
    @app_commands.allowed_contexts(**CONTEXTS)
    @app_commands.allowed_installs(**INSTALLS)
    async def timeline(
        self, interaction: discord.Interaction, party: str, topic: str | None = None
    ) -> None:
        engine = self.bot.engine
        check_names(self.bot, [party], topic)
        await interaction.response.defer(thinking=True)
        result = await positions.timeline(engine.db, engine.book, party, topic)
        await send_pages(interaction, render.timeline_pages(result, topic_labels(self.bot)))

    @app_commands.command(name="status", description="Where every party stands now")
    @app_commands.allowed_contexts(**CONTEXTS)
    @app_commands.allowed_installs(**INSTALLS)
    async def status(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        engine = self.bot.engine
        result = await positions.status(engine.db, engine.book)
        await send_pages(interaction, render.status_pages(result, topic_labels(self.bot)))


async def setup(bot: NegoBot) -> None:
    await bot.add_cog(Positions(bot))
