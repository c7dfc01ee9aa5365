"""/position, /compare, /timeline, /status through the real client, against the seeded database."""

from __future__ import annotations

import re

import pytest
from fakediscord import FakeDiscord, Interaction

from bot import positions, render
from bot.client import NegoBot

pytestmark = pytest.mark.asyncio(loop_scope="session")


def opt(name: str, value: str, **extra: object) -> dict[str, object]:
    return {"name": name, "type": 3, "value": value, **extra}


def answer_text(answer: Interaction) -> str:
    return answer.text()


async def test_position_quotes_with_speaker_date_and_source(
    bot: NegoBot, fake: FakeDiscord
) -> None:
    engine = bot.engine
    expected = await positions.position(engine.db, engine.book, "Hamas", "ceasefire")
    assert expected.statements, "the seeds hold statements of Hamas on the ceasefire"
    answer = await fake.interact("position", [opt("party", "hamas"), opt("topic", "truce")])
    assert not answer.ephemeral
    assert answer.requests[0].body == {"type": 5}  # deferred, "thinking"
    text = answer.text()
    assert "Hamas: latest statements on Ceasefire" in text
    for number, view in enumerate(expected.statements, 1):
        block = render.statement_block(number, view)
        assert block in text  # number, speaker, party, whole quote, date and source together
        assert view.document.date_label() in block
        assert render.safe(view.document.source_label()) in block


async def test_unknown_party_gets_a_private_did_you_mean(bot: NegoBot, fake: FakeDiscord) -> None:
    answer = await fake.interact("position", [opt("party", "Hamaz")])
    assert answer.ephemeral
    assert len(answer.replies) == 1
    assert 'unknown party "Hamaz"; did you mean: Hamas?' in answer.text()


async def test_unknown_topic_too(bot: NegoBot, fake: FakeDiscord) -> None:
    answer = await fake.interact("timeline", [opt("party", "Israel"), opt("topic", "withdrawl")])
    assert answer.ephemeral
    assert 'unknown topic "withdrawl"; did you mean: withdrawal?' in answer.text()


async def test_compare_shows_both_parties_per_topic(bot: NegoBot, fake: FakeDiscord) -> None:
    engine = bot.engine
    expected = await positions.compare(engine.db, engine.book, ["Hamas", "Israel"], "ceasefire")
    answer = await fake.interact(
        "compare", [opt("party_a", "Hamas"), opt("party_b", "Israel"), opt("topic", "ceasefire")]
    )
    text = answer.text()
    assert "Compared: Hamas vs Israel" in text
    for party, view in expected.topics["ceasefire"].items():
        if view is None:
            assert f"{party}: no statement on this." in text
        else:
            assert render.quoted(view.text) in text


async def test_status_lists_every_party(bot: NegoBot, fake: FakeDiscord) -> None:
    answer = await fake.interact("status")
    text = answer.text()
    for party in bot.engine.book.party_names():
        assert f"__{party}__, latest:" in text or f"*{party}: no statement indexed.*" in text


async def test_autocomplete_offers_party_book_names(bot: NegoBot, fake: FakeDiscord) -> None:
    answer = await fake.interact("position", [opt("party", "ha", focused=True)], kind=4)
    body = answer.requests[0].body
    assert body["type"] == 8
    assert [c["value"] for c in body["data"]["choices"]] == bot.engine.book.complete_party("ha")
    topics = await fake.interact(
        "position", [opt("party", "Hamas"), opt("topic", "host", focused=True)], kind=4
    )
    assert [c["value"] for c in topics.requests[0].body["data"]["choices"]] == ["prisoners"]


async def test_long_timeline_is_paged_with_buttons_and_no_quote_cut(
    bot: NegoBot, fake: FakeDiscord
) -> None:
    engine = bot.engine
    expected = await positions.timeline(engine.db, engine.book, "Hamas")
    user = 800000000000000042
    answer = await fake.interact("timeline", [opt("party", "Hamas")], user_id=user)
    message = answer.message
    assert message is not None
    footer = message["embeds"][0]["footer"]["text"]
    pages = int(re.search(r"Page 1/(\d+)", footer).group(1))  # type: ignore[union-attr]
    assert pages > 1, "the Hamas timeline of the seeds is longer than one message"
    assert [b["custom_id"] for b in message["components"][0]["components"]] == [
        "page:prev",
        "page:next",
    ]
    seen = [message["embeds"][0]["description"]]
    for _ in range(pages - 1):
        await fake.interact(
            "", kind=3, message_id=int(message["id"]), custom_id="page:next", user_id=user
        )
        seen.append(fake.messages[int(message["id"])]["embeds"][0]["description"])
    assert (
        f"Page {pages}/{pages}" in fake.messages[int(message["id"])]["embeds"][0]["footer"]["text"]
    )
    for number, entry in enumerate(expected.entries, 1):
        block = render.quoted(entry.statement.text)
        assert sum(block in page for page in seen) == 1, f"[{number}] is cut or missing"

    # Someone else cannot turn the page under the asker's eyes.
    other = await fake.interact(
        "", kind=3, message_id=int(message["id"]), custom_id="page:prev", user_id=user + 1
    )
    assert other.ephemeral and "Only the person who asked" in other.text()
    assert (
        f"Page {pages}/{pages}" in fake.messages[int(message["id"])]["embeds"][0]["footer"]["text"]
    )


async def test_commands_work_in_a_direct_message(bot: NegoBot, fake: FakeDiscord) -> None:
    answer = await fake.interact("position", [opt("party", "Israel")], dm=True)
    assert "Israel: latest statements" in answer.text()


async def test_buttons_are_removed_when_the_pager_expires(
    bot: NegoBot, fake: FakeDiscord, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bot.paging.TIMEOUT", 0.3)
    answer = await fake.interact("timeline", [opt("party", "Hamas")])
    message = answer.message
    assert message is not None and message["components"]
    await fake._until(lambda: not fake.messages[int(message["id"])]["components"], timeout=5)
    assert fake.messages[int(message["id"])]["embeds"]  # the answer itself stays
