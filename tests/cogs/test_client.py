"""Start-up, tokens, command registration and the one error handler."""

from __future__ import annotations

import asyncio
import logging

import pytest
from fakediscord import GUILD_ID, FakeDiscord
from pydantic import SecretStr

from bot.client import NegoBot, run_bot, sync_commands
from bot.settings import Settings

pytestmark = pytest.mark.asyncio(loop_scope="session")

COMMANDS = {
    "position",
    "compare",
    "timeline",
    "status",
    "ask",
    "sources",
    "digest",
    "ingest",
    "help",
}


async def test_missing_token_is_one_clear_line(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    code = await run_bot(settings.model_copy(update={"discord_token": None}))
    assert code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "DISCORD_TOKEN" in err


async def test_rejected_token_is_one_clear_line_and_never_logged(
    fake: FakeDiscord,
    settings: Settings,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    secret = "not-the-token-" + "x" * 40
    caplog.set_level(logging.DEBUG)
    code = await run_bot(settings.model_copy(update={"discord_token": SecretStr(secret)}))
    assert code == 2
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and "rejected" in captured.err
    assert secret not in captured.err + captured.out + caplog.text
    assert fake.gateway_connections == 0


async def test_sync_registers_every_command_for_guilds_and_dms(
    fake: FakeDiscord, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await sync_commands(settings) == 0
    registered = {c["name"]: c for c in fake.commands["global"]}
    assert set(registered) >= COMMANDS  # and the commands of other cogs (feeds)
    for command in registered.values():
        assert sorted(command["contexts"]) == [0, 1, 2], command["name"]
        assert sorted(command["integration_types"]) == [0, 1], command["name"]
    assert int(registered["digest"]["default_member_permissions"]) == 1 << 5  # Manage Server
    assert {o["name"] for o in registered["digest"]["options"]} == {"now", "channel", "off"}
    assert f"registered {len(registered)} commands" in capsys.readouterr().out

    assert await sync_commands(settings, GUILD_ID) == 0
    assert {c["name"] for c in fake.commands[str(GUILD_ID)]} == set(registered)


async def test_run_syncs_only_the_dev_guild(fake: FakeDiscord, settings: Settings) -> None:
    task = asyncio.create_task(
        run_bot(settings.model_copy(update={"dev_guild": GUILD_ID}), guild_ready_timeout=0.05)
    )
    try:
        await fake.wait_ready()
        assert set(fake.commands) == {str(GUILD_ID)}  # never the global commands
        assert {c["name"] for c in fake.commands[str(GUILD_ID)]} >= COMMANDS
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


async def test_failure_is_private_and_logged_for_the_operator(
    bot: NegoBot,
    fake: FakeDiscord,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("bot.positions.status", broken)
    answer = await fake.interact("status")
    assert answer.text() == "Something went wrong; the operator has been told."
    assert answer.replies[-1].flags & 64  # ephemeral
    assert "disk on fire" in caplog.text and "Traceback" in caplog.text
    assert "disk on fire" not in answer.text()
