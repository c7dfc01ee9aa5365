"""Plain direct messages: questions answered like /position or /ask, greetings get the guide."""

from __future__ import annotations

import pytest
from fakediscord import CHANNEL_ID, GUILD_ID, FakeDiscord

from bot import positions, render
from bot.client import NegoBot

pytestmark = pytest.mark.asyncio(loop_scope="session")

USER = 800000000000000077


def sent_messages(requests: list) -> list:
    return [
        r for r in requests if r.method == "POST" and r.path == f"/channels/{USER + 1}/messages"
    ]


async def test_party_and_topic_question_is_answered_like_position(
    bot: NegoBot, fake: FakeDiscord
) -> None:
    replies = sent_messages(
        await fake.send_dm("what does Israel say about withdrawal?", user_id=USER)
    )
    assert len(replies) == 1
    assert "Israel: latest statements on Withdrawal of forces" in replies[0].text()

    expected = await positions.position(bot.engine.db, bot.engine.book, "Hamas", "ceasefire")
    assert expected.statements, "the seeds hold Hamas's statements on the ceasefire"
    replies = sent_messages(await fake.send_dm("Hamas on the truce?", user_id=USER))
    assert len(replies) == 1
    assert render.statement_block(1, expected.statements[0]) in replies[0].text()


async def test_other_questions_are_searched(bot: NegoBot, fake: FakeDiscord) -> None:
    replies = sent_messages(await fake.send_dm("who rejected a temporary truce?", user_id=USER))
    assert len(replies) == 1
    assert "Q: who rejected a temporary truce?" in replies[0].text()


async def test_greeting_gets_the_guide(bot: NegoBot, fake: FakeDiscord) -> None:
    replies = sent_messages(await fake.send_dm("hello", user_id=USER))
    assert len(replies) == 1 and "/position" in replies[0].text()


async def test_messages_in_a_server_are_ignored(bot: NegoBot, fake: FakeDiscord) -> None:
    message = fake._store_message(CHANNEL_ID, {"content": "what does Israel say?"}, author_id=USER)
    message["guild_id"] = str(GUILD_ID)
    start = len(fake.requests)
    await fake.dispatch("MESSAGE_CREATE", message)
    await fake.settle()
    assert fake.requests[start:] == []


async def test_the_question_is_shown_as_typed_never_formatted(
    bot: NegoBot, fake: FakeDiscord
) -> None:
    replies = sent_messages(await fake.send_dm("who said **no deal** to @everyone?", user_id=USER))
    assert len(replies) == 1
    text = replies[0].text()
    assert "Q: who said \\*\\*no deal\\*\\* to @\u200beveryone?" in text
    assert "**no deal**" not in text
