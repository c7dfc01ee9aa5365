"""The Discord bot: one process holds one database, one party book and one embedding model.

Command registration policy:

- Global commands are registered only by `negobot sync`. Starting the bot never touches them:
  global registration is rate-limited and can take up to an hour to reach every client, so it is
  an explicit release step, not a side effect of a restart.
- `negobot sync --guild ID` registers the commands in one server only; they appear at once.
- With `NEGOBOT_DEV_GUILD` set, `negobot run` copies every command to that server and syncs it
  at each start, so a developer sees a change without waiting for the global cache. (Users of
  that server then see each command twice, once global and once guild: use a test server.)
"""

from __future__ import annotations

import asyncio
import logging
import pkgutil
import sys
from collections.abc import Callable
from datetime import datetime

import discord
from discord import app_commands
from discord.ext import commands

import cogs
from bot.clock import utc_now
from bot.embedding import Encoder
from bot.engine import Engine, open_engine
from bot.ingest import ensure_current
from bot.parties import UnknownName
from bot.render import NO_MENTIONS, safe
from bot.search import warm_up
from bot.settings import Settings

log = logging.getLogger("negobot")

__all__ = ["NO_MENTIONS", "NegoBot", "Refusal", "run_bot", "sync_commands"]

FAILURE = "Something went wrong; the operator has been told."
NO_PERMISSION = "Sorry, you do not have the permission to do that here."
REJECTED = (
    "negobot: Discord rejected the bot token (DISCORD_TOKEN); reset it in the Developer Portal"
)


class Refusal(app_commands.AppCommandError):
    """A polite no for the user (permission, wrong place, bad input); not a failure to log."""


class NegoTree(app_commands.CommandTree):
    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        """Every failure becomes one short private line; only real faults reach the log."""
        cause = getattr(error, "original", error)
        if isinstance(cause, UnknownName):
            text = safe(str(cause))
        elif isinstance(cause, Refusal):
            text = str(cause)
        elif isinstance(error, app_commands.CheckFailure):
            text = NO_PERMISSION
        elif isinstance(error, app_commands.TransformerError):
            text = f"Sorry, I cannot use {safe(str(error.value))} here."
        else:
            name = interaction.command.qualified_name if interaction.command else "?"
            log.error("/%s failed", name, exc_info=cause)
            text = FAILURE
        await reply_privately(interaction, text)


async def reply_privately(interaction: discord.Interaction, text: str) -> None:
    try:
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
        else:
            await interaction.response.send_message(
                text, ephemeral=True, allowed_mentions=NO_MENTIONS
            )
    except discord.HTTPException:
        log.exception("could not tell the user about an error")


class NegoBot(commands.Bot):
    """The bot; `now` is its clock (injectable so the digest schedule can be tested)."""

    def __init__(
        self,
        settings: Settings,
        *,
        now: Callable[[], datetime] = utc_now,
        load_model: bool = True,
        run_scheduler: bool = True,
        **options: object,
    ) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=discord.Intents.default(),  # no privileged intent: DM text arrives anyway
            help_command=None,
            allowed_mentions=NO_MENTIONS,
            tree_cls=NegoTree,
            **options,
        )
        self.settings = settings
        self.now = now
        self.load_model = load_model
        self.run_scheduler = run_scheduler
        self._engine: Engine | None = None
        self._encoder_task: asyncio.Task[Encoder] | None = None
        self._model_task: asyncio.Task[None] | None = None
        self._watch_task: asyncio.Task[None] | None = None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            raise RuntimeError("the bot has not been set up")
        return self._engine

    async def setup_hook(self) -> None:
        self._engine = await open_engine(self.settings)
        if self.load_model:
            self._model_task = asyncio.create_task(self._prepare_model(), name="prepare-model")
        for module in pkgutil.iter_modules(cogs.__path__):
            await self.load_extension(f"{cogs.__name__}.{module.name}")
        if self.settings.watch_folder is not None:
            self._watch_task = asyncio.create_task(self._watch(), name="watch-folder")

    async def _watch(self) -> None:
        """Index what is dropped into NEGOBOT_WATCH_FOLDER while the bot runs."""
        from bot.watch import watch_folder

        await watch_folder(
            self.engine.db,
            self.settings.watch_folder,
            encoder=await self.encoder(),
            book=self.engine.book,
            max_bytes=self.settings.max_file_bytes,
        )

    async def encoder(self) -> Encoder:
        """The engine's embedding model, loaded in a thread; the first callers wait for it."""
        if self._encoder_task is None:
            self._encoder_task = asyncio.create_task(
                asyncio.to_thread(self.engine.encoder), name="load-encoder"
            )
        return await asyncio.shield(self._encoder_task)

    async def _prepare_model(self) -> None:
        """At start-up, in the background: load the model, give statements re-attributed without
        it their topics by meaning, then load the /ask index and run the model once, so that the
        first /ask is as fast as any."""
        try:
            encoder = await self.encoder()
            await ensure_current(self.engine.db, self.engine.book, encoder)
            await warm_up(self.engine.db, encoder)
        except Exception:
            log.exception("preparing the embedding model failed; /ask will retry on first use")

    async def is_operator(self, user: discord.abc.User) -> bool:
        """The application's owner or team members, or a user listed in NEGOBOT_OWNER_IDS."""
        return user.id in self.settings.owner_ids or await self.is_owner(user)

    async def close(self) -> None:
        await super().close()
        for task in (self._watch_task, self._model_task):
            if task is not None:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
        if self._encoder_task is not None and not self._encoder_task.done():
            await asyncio.gather(self._encoder_task, return_exceptions=True)
        if self._engine is not None:
            await self._engine.close()
            self._engine = None


def _token(settings: Settings) -> str | None:
    secret = settings.discord_token
    value = secret.get_secret_value().strip() if secret else ""
    if not value:
        print(
            "negobot: no Discord bot token; set DISCORD_TOKEN in the environment or in .env",
            file=sys.stderr,
        )
        return None
    return value


async def run_bot(settings: Settings, **options: object) -> int:
    """Log in and serve until stopped; 2 when the token is missing or rejected."""
    token = _token(settings)
    if token is None:
        return 2
    bot = NegoBot(settings, **options)  # type: ignore[arg-type]
    async with bot:
        try:
            await bot.login(token)
        except discord.LoginFailure:
            print(REJECTED, file=sys.stderr)
            return 2
        if settings.dev_guild is not None:
            guild = discord.Object(settings.dev_guild)
            bot.tree.copy_global_to(guild=guild)
            synced = await bot.tree.sync(guild=guild)
            log.info("synced %d commands to the development server %s", len(synced), guild.id)
        await bot.connect()
    return 0


async def sync_commands(settings: Settings, guild: int | None = None) -> int:
    """Register the slash commands globally, or in one server when `guild` is given."""
    token = _token(settings)
    if token is None:
        return 2
    bot = NegoBot(settings, load_model=False, run_scheduler=False)
    async with bot:
        try:
            await bot.login(token)
        except discord.LoginFailure:
            print(REJECTED, file=sys.stderr)
            return 2
        target = discord.Object(guild) if guild is not None else None
        if target is not None:
            bot.tree.copy_global_to(guild=target)
        synced = await bot.tree.sync(guild=target)
    where = (
        f"server {guild}" if guild is not None else "all servers (global; may take up to an hour)"
    )
    print(f"registered {len(synced)} commands for {where}")
    return 0
