"""/ask, /sources, /help and /ingest through the real client."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path, PurePath

import pytest
from aiohttp import web
from article import ARTICLE, OTHER_ARTICLE
from fakediscord import OWNER_ID, FakeDiscord

from bot import positions, render
from bot.client import NegoBot
from bot.search import ask
from bot.settings import Settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_ask_answers_with_numbered_sourced_passages(bot: NegoBot, fake: FakeDiscord) -> None:
    question = "Did Hamas reject a temporary truce?"
    hits = await ask(bot.engine.db, await bot.encoder(), question)
    assert hits, "the seeds answer this question"
    answer = await fake.interact("ask", [{"name": "question", "type": 3, "value": question}])
    assert answer.requests[0].body == {"type": 5}
    text = answer.text()
    assert f"Q: {question}" in text
    for number, hit in enumerate(hits, 1):
        assert f"**[{number}]**" in text
        assert render.quoted(hit.statement.text if hit.statement else hit.text) in text
        assert hit.document.date_label() in text


async def test_ask_says_so_when_nothing_answers(bot: NegoBot, fake: FakeDiscord) -> None:
    question = "xqzv wplk"
    assert await ask(bot.engine.db, await bot.encoder(), question) == []
    answer = await fake.interact("ask", [{"name": "question", "type": 3, "value": question}])
    assert "Nothing in the indexed articles answers that." in answer.text()


async def test_sources_lists_every_article_with_its_dating(bot: NegoBot, fake: FakeDiscord) -> None:
    found = await positions.sources(bot.engine.db)
    answer = await fake.interact("sources")
    text = answer.text()
    assert f"Indexed articles ({len(found)})" in text
    for number, source in enumerate(found, 1):
        assert f"**[{number}]**" in text
        assert f"(date source: {source.document.date_source})" in text
    assert "about 2024-05-04" in text  # approximate dates say so


async def test_help_is_private(bot: NegoBot, fake: FakeDiscord) -> None:
    answer = await fake.interact("help")
    assert answer.ephemeral
    assert "/position" in answer.text() and "direct message" in answer.text()


def attachment_option(fake: FakeDiscord, name: str, data: bytes) -> tuple[list, dict]:
    attachment = fake.add_attachment(name, data, "text/plain")
    options = [{"name": "file", "type": 11, "value": attachment["id"]}]
    return options, {"attachments": {attachment["id"]: attachment}}


async def test_only_operators_may_ingest(bot: NegoBot, fake: FakeDiscord) -> None:
    options, resolved = attachment_option(fake, "new.txt", ARTICLE)
    before = len(await positions.sources(bot.engine.db))
    answer = await fake.interact("ingest", options, resolved=resolved)
    assert answer.ephemeral
    assert "only the operators of this bot can add articles" in answer.text()
    assert len(await positions.sources(bot.engine.db)) == before


async def test_owner_ingests_an_upload(bot: NegoBot, fake: FakeDiscord) -> None:
    options, resolved = attachment_option(fake, "new.txt", ARTICLE)
    answer = await fake.interact("ingest", options, user_id=OWNER_ID, resolved=resolved)
    assert answer.ephemeral
    assert answer.text().startswith("Indexed: new.txt (")
    assert "new.txt" in [
        PurePath(s.document.path).name for s in await positions.sources(bot.engine.db)
    ]
    again = await fake.interact("ingest", options, user_id=OWNER_ID, resolved=resolved)
    assert again.text().startswith("Already indexed, unchanged: new.txt")


async def test_two_uploads_with_the_same_file_name_are_two_articles(
    bot: NegoBot, fake: FakeDiscord
) -> None:
    """Two parties' reports both called statement.txt: neither replaces the other."""
    before = await positions.sources(bot.engine.db)
    for article in (ARTICLE, OTHER_ARTICLE):
        options, resolved = attachment_option(fake, "statement.txt", article)
        answer = await fake.interact("ingest", options, user_id=OWNER_ID, resolved=resolved)
        assert answer.text().startswith("Indexed: statement.txt ("), answer.text()
    after = await positions.sources(bot.engine.db)
    added = [s for s in after if s not in before]
    assert len(after) == len(before) + 2
    assert [PurePath(s.document.path).name for s in added] == ["statement.txt"] * 2
    said: dict[str, str] = {s.document.path: "" for s in added}
    for view in await positions.statements_since(bot.engine.db, bot.engine.book, None):
        if view.document.path in said:
            said[view.document.path] += view.text
    first, second = sorted(said.values(), key=lambda text: "ready to sign" not in text)
    assert "ready to sign the agreement today" in first and "permanent ceasefire" not in first
    assert "will not agree to a permanent ceasefire" in second


async def test_ingest_refuses_other_kinds_and_big_files(
    start_bot: object, fake: FakeDiscord, settings: object
) -> None:
    bot: NegoBot = await start_bot(  # type: ignore[operator]
        settings=settings.model_copy(update={"max_file_bytes": 100, "owner_ids": [42]})  # type: ignore[attr-defined]
    )
    options, resolved = attachment_option(fake, "photo.png", b"\x89PNG")
    answer = await fake.interact("ingest", options, user_id=42, resolved=resolved)
    assert answer.ephemeral and "is none of these" in answer.text()
    options, resolved = attachment_option(fake, "big.txt", ARTICLE)
    answer = await fake.interact("ingest", options, user_id=42, resolved=resolved)
    assert answer.ephemeral and f"{len(ARTICLE):,} bytes; the limit is 100" in answer.text()
    assert bot.is_ready()


@pytest.fixture
async def article_server() -> AsyncIterator[str]:
    """An article page served on 127.0.0.1, as a news site would serve it."""
    page = (FIXTURES / "feeds" / "qatar-talks-continue.html").read_bytes()

    async def article(_: web.Request) -> web.Response:
        return web.Response(body=page, content_type="text/html")

    app = web.Application()
    app.router.add_get("/news/qatar", article)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    yield f"http://127.0.0.1:{port}/news/qatar"
    await runner.cleanup()


async def test_owner_ingests_a_link_and_private_addresses_need_the_operators_consent(
    start_bot: Callable[..., object],
    fake: FakeDiscord,
    settings: Settings,
    article_server: str,
) -> None:
    options = [{"name": "url", "type": 3, "value": article_server}]
    bot = await start_bot()  # type: ignore[misc]
    refused = await fake.interact("ingest", options, user_id=OWNER_ID)
    assert refused.text().startswith("Not indexed") and "127.0.0.1" in refused.text()
    await bot.close()
    allowed = settings.model_copy(update={"fetch_allowed_networks": ["127.0.0.1/32"]})
    bot = await start_bot(settings=allowed)  # type: ignore[misc]
    before = len(await positions.sources(bot.engine.db))
    answer = await fake.interact("ingest", options, user_id=OWNER_ID)
    assert answer.ephemeral and answer.text().startswith("Indexed: ")
    found = await positions.sources(bot.engine.db)
    assert len(found) == before + 1
    assert any(s.document.url == article_server for s in found)
    neither = await fake.interact("ingest", [], user_id=OWNER_ID)
    assert "either a file or a url" in neither.text()
