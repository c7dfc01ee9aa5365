"""Sending a list of pages as one message with Previous/Next buttons.

One message per answer keeps a channel readable; the buttons belong to whoever asked, so one
reader cannot turn the page under another's eyes.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

import discord

from bot.render import NO_MENTIONS

TIMEOUT = 15 * 60


class Pager(discord.ui.View):
    def __init__(self, pages: Sequence[discord.Embed], owner_id: int) -> None:
        super().__init__(timeout=TIMEOUT)
        self.pages = list(pages)
        self.owner_id = owner_id
        self.index = 0
        self.message: discord.Message | discord.WebhookMessage | None = None
        self._sync_buttons()

    async def on_timeout(self) -> None:
        """Dead buttons would answer "This interaction failed"; remove them instead."""
        if self.message is not None:
            with contextlib.suppress(discord.HTTPException):
                await self.message.edit(view=None, allowed_mentions=NO_MENTIONS)

    def _sync_buttons(self) -> None:
        self.previous.disabled = self.index == 0
        self.next.disabled = self.index == len(self.pages) - 1

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(
            "Only the person who asked can turn these pages; ask the same question yourself.",
            ephemeral=True,
            allowed_mentions=NO_MENTIONS,
        )
        return False

    async def _show(self, interaction: discord.Interaction, index: int) -> None:
        self.index = max(0, min(index, len(self.pages) - 1))
        self._sync_buttons()
        await interaction.response.edit_message(
            embed=self.pages[self.index], view=self, allowed_mentions=NO_MENTIONS
        )

    @discord.ui.button(label="Previous", style=discord.ButtonStyle.secondary, custom_id="page:prev")
    async def previous(self, interaction: discord.Interaction, _: discord.ui.Button[Pager]) -> None:
        await self._show(interaction, self.index - 1)

    @discord.ui.button(label="Next", style=discord.ButtonStyle.primary, custom_id="page:next")
    async def next(self, interaction: discord.Interaction, _: discord.ui.Button[Pager]) -> None:
        await self._show(interaction, self.index + 1)


async def send_pages(interaction: discord.Interaction, pages: Sequence[discord.Embed]) -> None:
    """The answer to a deferred interaction: the first page, with buttons when there are more."""
    if len(pages) == 1:
        await interaction.followup.send(embed=pages[0], allowed_mentions=NO_MENTIONS)
        return
    pager = Pager(pages, interaction.user.id)
    pager.message = await interaction.followup.send(
        embed=pages[0], view=pager, allowed_mentions=NO_MENTIONS, wait=True
    )


async def send_pages_to(
    channel: discord.abc.Messageable, pages: Sequence[discord.Embed], owner_id: int
) -> None:
    """The same answer as a plain message (a reply to a direct message)."""
    if len(pages) == 1:
        await channel.send(embed=pages[0], allowed_mentions=NO_MENTIONS)
        return
    pager = Pager(pages, owner_id)
    pager.message = await channel.send(embed=pages[0], view=pager, allowed_mentions=NO_MENTIONS)
