"""Feeds and links against a real HTTP server on 127.0.0.1 serving tests/fixtures/feeds,
indexed by the real pipeline into a real database."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import pytest_asyncio
from aiohttp import web

from bot.embedding import Encoder
from bot.feeds import (
    MAX_ATTEMPTS,
    FeedPollResult,
    add_feed,
    get_feed,
    ingest_url,
    list_feeds,
    poll_due,
    remove_feed,
)
from bot.fetch import FetchPolicy, parse_networks
from bot.parties import PartyBook
from storage import Database

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"
T0 = dt.datetime(2024, 6, 1, 12, 0, tzinfo=dt.UTC)
POLICY = FetchPolicy(allowed_networks=parse_networks("127.0.0.1/32"), timeout=2.0)
INTERVAL = dt.timedelta(minutes=POLICY.feed_poll_minutes)


@dataclass
class Server:
    base: str = ""
    port: int = 0
    feeds: dict[str, str] = field(default_factory=dict)  # path -> fixture file name
    failing_pages: set[str] = field(default_factory=set)
    hits: Counter[str] = field(default_factory=Counter)
    not_modified: int = 0

    def url(self, path: str) -> str:
        return self.base + path


def make_app(server: Server) -> web.Application:
    async def feed(request: web.Request) -> web.Response:
        server.hits[request.path] += 1
        name = server.feeds.get(request.path)
        if name is None:
            raise web.HTTPNotFound()
        body = (FIXTURES / name).read_text(encoding="utf-8").replace("{base}", server.base)
        etag = '"' + hashlib.sha256(body.encode()).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            server.not_modified += 1
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(text=body, content_type="application/rss+xml", headers={"ETag": etag})

    async def article(request: web.Request) -> web.Response:
        server.hits[request.path] += 1
        if request.path in server.failing_pages:
            raise web.HTTPServiceUnavailable()
        path = FIXTURES / request.match_info["name"]
        if not path.is_file():
            raise web.HTTPNotFound()
        return web.Response(body=path.read_bytes(), content_type="text/html", charset="utf-8")

    async def broken(request: web.Request) -> web.Response:
        server.hits[request.path] += 1
        raise web.HTTPInternalServerError()

    async def hang(request: web.Request) -> web.Response:
        server.hits[request.path] += 1
        await asyncio.sleep(10)
        return web.Response(text="")

    async def html_not_feed(request: web.Request) -> web.Response:
        server.hits[request.path] += 1
        return web.Response(
            text="<html><body><p>Welcome!</p></body></html>", content_type="text/html"
        )

    async def to_metadata(request: web.Request) -> web.Response:
        server.hits[request.path] += 1
        raise web.HTTPFound("http://169.254.169.254/latest/meta-data/iam/")

    async def pdf(request: web.Request) -> web.Response:
        return web.Response(body=b"%PDF-1.7 ...", content_type="application/pdf")

    app = web.Application()
    app.router.add_get("/feeds/{name}", feed)
    app.router.add_get("/articles/{name}", article)
    app.router.add_get("/broken", broken)
    app.router.add_get("/hang", hang)
    app.router.add_get("/html", html_not_feed)
    app.router.add_get("/to-metadata", to_metadata)
    app.router.add_get("/report.pdf", pdf)
    return app


@pytest_asyncio.fixture(loop_scope="function")
async def server() -> AsyncIterator[Server]:
    server = Server()
    runner = web.AppRunner(make_app(server), shutdown_timeout=0.1)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    server.port = runner.addresses[0][1]
    server.base = f"http://127.0.0.1:{server.port}"
    yield server
    await runner.cleanup()


@pytest_asyncio.fixture(loop_scope="function")
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "negobot.sqlite3")
    yield database
    await database.close()


async def poll(
    db: Database, encoder: Encoder, book: PartyBook, now: dt.datetime, policy: FetchPolicy = POLICY
) -> list[FeedPollResult]:
    return await poll_due(db, encoder=encoder, book=book, policy=policy, now=now)


async def documents(db: Database) -> dict[str, tuple[str | None, str]]:
    rows = await db.fetchall("SELECT url, published, date_source FROM documents")
    return {r[0]: (r[1], r[2]) for r in rows}


async def test_new_entries_are_indexed_once_and_unchanged_feeds_answer_304(
    server: Server, db: Database, encoder: Encoder, book: PartyBook
) -> None:
    server.feeds["/feeds/wire"] = "rss.xml"
    await add_feed(db, server.url("/feeds/wire"), now=T0)

    (first,) = await poll(db, encoder, book, T0)
    assert first.status == "ok", first.line()
    assert (first.new_entries, first.count("indexed")) == (3, 3), first.line()
    assert len(await documents(db)) == 3

    # Not due yet: nothing is fetched.
    assert await poll(db, encoder, book, T0 + INTERVAL / 2) == []
    (second,) = await poll(db, encoder, book, T0 + INTERVAL)
    assert second.status == "not_modified"
    assert server.not_modified == 1
    assert (second.new_entries, second.outcomes) == (0, [])

    # A new story arrives: only its page is fetched and indexed.
    server.feeds["/feeds/wire"] = "rss_updated.xml"
    (third,) = await poll(db, encoder, book, T0 + 2 * INTERVAL)
    assert (third.status, third.new_entries, third.count("indexed")) == ("ok", 1, 1)
    assert server.hits["/articles/qatar-talks-continue.html"] == 1
    assert server.hits["/articles/hamas-studies-proposal.html"] == 1
    assert len(await documents(db)) == 4

    (feed,) = await list_feeds(db)
    assert (feed.title, feed.entries_seen, feed.entries_indexed, feed.entries_pending) == (
        "Test Wire: Middle East",
        4,
        4,
        0,
    )
    assert (feed.last_status, feed.consecutive_errors, feed.last_error) == ("ok", 0, None)
    assert feed.next_poll == (T0 + 3 * INTERVAL).isoformat()


async def test_dates_byline_first_then_feed_in_the_publishers_time_zone(
    server: Server, db: Database, encoder: Encoder, book: PartyBook
) -> None:
    server.feeds["/feeds/wire"] = "rss.xml"
    server.feeds["/feeds/atom"] = "atom.xml"
    await add_feed(db, server.url("/feeds/wire"), now=T0)
    await add_feed(db, server.url("/feeds/atom"), now=T0)
    await poll(db, encoder, book, T0)
    docs = await documents(db)
    # No date on the page: the feed's, as the publisher's own calendar day (21:30 at UTC-4).
    assert docs[server.url("/articles/hamas-studies-proposal.html")] == ("2024-05-06", "feed")
    # The page states its own date (7 May); the feed's 8 May loses. Tracking parameters dropped.
    assert docs[server.url("/articles/israel-delegation.html")] == ("2024-05-07", "text")
    # Atom: a relative link, and `published` (not `updated`) is the date.
    assert docs[server.url("/articles/mediators-return.html")] == ("2024-05-26", "feed")


async def test_keywords_keep_unrelated_stories_out_without_fetching_them(
    server: Server, db: Database, encoder: Encoder, book: PartyBook
) -> None:
    server.feeds["/feeds/wire"] = "rss.xml"
    feed = await add_feed(db, server.url("/feeds/wire"), ["ceasefire", "Hostage"], now=T0)
    assert feed.keywords == ("ceasefire", "Hostage")
    (result,) = await poll(db, encoder, book, T0)
    assert (result.new_entries, result.filtered, result.count("indexed")) == (3, 1, 2)
    assert server.hits["/articles/league-final.html"] == 0
    assert server.url("/articles/league-final.html") not in await documents(db)


async def test_a_story_from_a_link_and_from_a_feed_or_under_new_ids_is_one_document(
    server: Server, db: Database, encoder: Encoder, book: PartyBook
) -> None:
    link = await ingest_url(
        db,
        server.url("/articles/hamas-studies-proposal.html"),
        encoder=encoder,
        book=book,
        policy=POLICY,
    )
    assert link.status == "indexed", link.line()
    again = await ingest_url(
        db,
        server.url("/articles/hamas-studies-proposal.html#comments"),
        encoder=encoder,
        book=book,
        policy=POLICY,
    )
    assert again.status == "unchanged", again.line()

    server.feeds["/feeds/wire"] = "rss.xml"
    await add_feed(db, server.url("/feeds/wire"), now=T0)
    (first,) = await poll(db, encoder, book, T0)
    assert (first.known, first.count("indexed")) == (1, 2), first.line()
    assert server.hits["/articles/hamas-studies-proposal.html"] == 2  # the two links only

    # The feed re-publishes the same stories under new ids: recognised by link, nothing fetched.
    server.feeds["/feeds/wire"] = "rss_new_ids.xml"
    (second,) = await poll(db, encoder, book, T0 + INTERVAL)
    assert (second.new_entries, second.known, second.outcomes) == (3, 3, [])
    assert sum(server.hits[p] for p in server.hits if p.startswith("/articles/")) == 4
    assert len(await documents(db)) == 3


async def test_broken_slow_and_malformed_feeds_back_off_and_do_not_stop_the_others(
    server: Server, db: Database, encoder: Encoder, book: PartyBook
) -> None:
    server.feeds["/feeds/wire"] = "rss.xml"
    server.feeds["/feeds/malformed"] = "malformed.xml"
    fast = FetchPolicy(allowed_networks=POLICY.allowed_networks, timeout=0.5)
    urls = {
        "broken": server.url("/broken"),
        "hang": server.url("/hang"),
        "malformed": server.url("/feeds/malformed"),
        "html": server.url("/html"),
        "missing": server.url("/feeds/nothing-here"),
        "good": server.url("/feeds/wire"),
    }
    for url in urls.values():
        await add_feed(db, url, now=T0)

    results = {r.url: r for r in await poll(db, encoder, book, T0, policy=fast)}
    assert results[urls["good"]].count("indexed") == 3
    expected = {
        "broken": "HTTP 500",
        "hang": "timed out after 0.5 s",
        "malformed": "not a readable RSS or Atom feed",
        "html": "not a readable RSS or Atom feed",
        "missing": "HTTP 404",
    }
    for name, message in expected.items():
        assert results[urls[name]].status == "error"
        assert message in (results[urls[name]].error or ""), results[urls[name]].line()

    state = {f.url: f for f in await list_feeds(db)}
    assert state[urls["good"]].next_poll == (T0 + INTERVAL).isoformat()
    for name in expected:
        feed = state[urls[name]]
        assert (feed.last_status, feed.consecutive_errors) == ("error", 1)
        assert expected[name] in (feed.last_error or "")
        assert feed.next_poll == (T0 + 2 * INTERVAL).isoformat()

    # At the good feed's next poll the failed ones are not due; later they are, and back off more.
    due = await poll(db, encoder, book, T0 + INTERVAL, policy=fast)
    assert [r.url for r in due] == [urls["good"]]
    later = T0 + 2 * INTERVAL
    await poll(db, encoder, book, later, policy=fast)
    broken = await get_feed(db, urls["broken"])
    assert broken is not None
    assert broken.consecutive_errors == 2
    assert broken.next_poll == (later + 4 * INTERVAL).isoformat()

    # Once it recovers, the count resets and normal polling resumes.
    server.feeds["/feeds/malformed"] = "atom.xml"
    much_later = T0 + dt.timedelta(days=1)
    await poll(db, encoder, book, much_later, policy=fast)
    healed = await get_feed(db, urls["malformed"])
    assert healed is not None
    assert (healed.last_status, healed.consecutive_errors, healed.last_error) == ("ok", 0, None)
    assert healed.next_poll == (much_later + INTERVAL).isoformat()


async def test_an_entry_whose_page_fails_stays_pending_and_is_retried_even_after_a_304(
    server: Server, encoder: Encoder, book: PartyBook, tmp_path: Path
) -> None:
    server.feeds["/feeds/wire"] = "rss.xml"
    server.failing_pages.add("/articles/israel-delegation.html")
    async with await Database.open(tmp_path / "restart.sqlite3") as db:
        await add_feed(db, server.url("/feeds/wire"), now=T0)
        (first,) = await poll(db, encoder, book, T0)
        assert (first.count("indexed"), first.count("error")) == (2, 1)
        (feed,) = await list_feeds(db)
        assert (feed.entries_seen, feed.entries_pending) == (2, 1)

    # After a restart the pending entry is still there, though the feed hasn't changed (304).
    server.failing_pages.clear()
    async with await Database.open(tmp_path / "restart.sqlite3") as db:
        (second,) = await poll(db, encoder, book, T0 + INTERVAL)
        assert second.status == "not_modified"
        assert [o.status for o in second.outcomes] == ["indexed"]
        (feed,) = await list_feeds(db)
        assert (feed.entries_seen, feed.entries_pending, feed.entries_indexed) == (3, 0, 3)
        assert len(await documents(db)) == 3


async def test_an_entry_that_keeps_failing_is_given_up_after_its_attempts(
    server: Server, db: Database, encoder: Encoder, book: PartyBook
) -> None:
    server.feeds["/feeds/wire"] = "rss.xml"
    server.failing_pages.add("/articles/league-final.html")
    await add_feed(db, server.url("/feeds/wire"), now=T0)
    for i in range(MAX_ATTEMPTS + 1):
        await poll(db, encoder, book, T0 + i * INTERVAL)
    assert server.hits["/articles/league-final.html"] == MAX_ATTEMPTS
    row = await db.fetchone(
        "SELECT status, attempts, last_error FROM feed_entries WHERE link LIKE '%league-final%'"
    )
    assert row is not None
    assert (row[0], row[1]) == ("failed", MAX_ATTEMPTS)
    assert "HTTP 503" in row[2]


async def test_links_are_refused_when_unsafe_too_big_or_not_articles(
    server: Server, db: Database, encoder: Encoder, book: PartyBook
) -> None:
    async def status(url: str, policy: FetchPolicy = POLICY) -> tuple[str, str]:
        outcome = await ingest_url(db, url, encoder=encoder, book=book, policy=policy)
        return outcome.status, outcome.message

    assert await status("file:///etc/passwd") == (
        "error",
        "refused: only http and https URLs, not 'file'",
    )
    refused, why = await status(server.url("/to-metadata"))
    assert refused == "error" and "cloud metadata" in why
    refused, why = await status(server.url("/articles/israel-delegation.html"), FetchPolicy())
    assert refused == "error" and "127.0.0.1 is a loopback address" in why
    small = FetchPolicy(allowed_networks=POLICY.allowed_networks, max_bytes=1000)
    assert (await status(server.url("/articles/israel-delegation.html"), small))[0] == "error"
    assert await status(server.url("/report.pdf")) == (
        "error",
        "not an article page (content type application/pdf)",
    )
    assert await documents(db) == {}


async def test_feeds_are_added_listed_and_removed(db: Database) -> None:
    with pytest.raises(ValueError, match="not an http"):
        await add_feed(db, "ftp://example.org/feed.xml")
    await add_feed(db, "https://example.org/feed.xml#top", ["truce"], now=T0)
    again = await add_feed(db, "https://example.org/feed.xml", ["hostage", "ceasefire"], now=T0)
    assert again.keywords == ("ceasefire", "hostage")
    (feed,) = await list_feeds(db)
    assert feed.to_json() == {
        "url": "https://example.org/feed.xml",
        "title": None,
        "keywords": ["ceasefire", "hostage"],
        "added_at": T0.isoformat(),
        "last_checked": None,
        "last_status": None,
        "last_error": None,
        "consecutive_errors": 0,
        "next_poll": T0.isoformat(),
        "entries_seen": 0,
        "entries_pending": 0,
        "entries_indexed": 0,
    }
    assert await remove_feed(db, "https://example.org/feed.xml")
    assert not await remove_feed(db, "https://example.org/feed.xml")
    assert await list_feeds(db) == []
