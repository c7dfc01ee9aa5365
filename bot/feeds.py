"""Keeping the corpus current from RSS/Atom feeds and from article links.

A feed is only a list of pointers: each new entry's page is fetched and indexed like any other
article, so a story that arrives from a feed and from a pasted link is one document (the same
URL is one document; the same bytes are one document whatever the URL).

Dates, in order of trust: the article's own byline or dateline, then the feed's publication date
for the entry (recorded with provenance "feed"), then a lone date found on the page (which may be
a crawl or print date). A byline outranks the feed because feeds re-date stories they update;
the feed outranks a lone page date because it is stated for this story. `bot.ingest` applies it.

Entries are recorded 'pending' together with the feed's new ETag, and become final only after
their document is committed, so a crash or restart loses nothing and indexes nothing twice: a
pending entry is retried (at most `MAX_ATTEMPTS` fetches), and re-ingesting committed content is
a no-op because ingest recognises the bytes.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import io
import json
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import feedparser

from bot.clock import utc_now
from bot.embedding import Encoder
from bot.fetch import Fetcher, FetchError, FetchPolicy, FetchResult
from bot.ingest import IngestOutcome, ingest_bytes
from bot.parties import PartyBook
from bot.readers import kind_of
from storage import Database

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3  # fetches of one entry's page before it is given up as 'failed'
MAX_ENTRIES_PER_POLL = 25  # the rest stay pending for the next poll; a big backlog can't stall
MAX_BACKOFF = dt.timedelta(hours=24)
FINAL_OK = ("indexed", "replaced", "unchanged", "duplicate", "known")

ARTICLE_TYPES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "text/markdown": ".md",
}


class FeedError(Exception):
    """A feed that was fetched but is not a usable RSS or Atom document."""


@dataclass(frozen=True)
class Feed:
    """A feed and its polling state, as `negobot feeds list` and `/feeds list` show it."""

    id: int
    url: str
    title: str | None
    keywords: tuple[str, ...]
    etag: str | None
    last_modified: str | None
    added_at: str
    last_checked: str | None
    last_status: str | None  # ok | not_modified | error | None (never polled)
    last_error: str | None
    consecutive_errors: int
    next_poll: str
    entries_seen: int  # entries with a final status
    entries_pending: int
    entries_indexed: int  # entries that added or replaced a document

    def to_json(self) -> dict[str, Any]:
        out = {k: v for k, v in self.__dict__.items() if k not in ("id", "etag", "last_modified")}
        out["keywords"] = list(self.keywords)
        return out


@dataclass(frozen=True)
class FeedPollResult:
    """One feed's poll: the feed's own status and what happened to each entry processed."""

    url: str
    status: str  # ok | not_modified | error
    error: str | None = None
    new_entries: int = 0
    filtered: int = 0
    known: int = 0
    outcomes: list[IngestOutcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    def line(self) -> str:
        if self.status == "error":
            return f"{self.url}: error: {self.error}"
        indexed = self.count("indexed") + self.count("replaced")
        problems = self.count("error")
        return (
            f"{self.url}: {self.status}, {self.new_entries} new entries, {indexed} indexed, "
            f"{self.filtered} filtered out, {self.known} already known, {problems} errors"
        )


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def canonical_url(url: str) -> str:
    """The URL without its fragment and tracking parameters, so one story has one address."""
    parts = urlsplit(url.strip())
    query = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in query if not k.lower().startswith("utm_")]
    return urlunsplit(
        parts._replace(query=urlencode(kept) if kept != query else parts.query, fragment="")
    )


def _check_feed_url(url: str) -> str:
    url = canonical_url(url)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) feed URL: {url!r}")
    return url


async def add_feed(
    db: Database, url: str, keywords: Iterable[str] = (), *, now: dt.datetime | None = None
) -> Feed:
    """Add a feed (due at once); adding it again replaces its keywords."""
    url = _check_feed_url(url)
    words = sorted({k.strip() for k in keywords if k.strip()}, key=str.lower)
    stamp = _stamp(now or utc_now())
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO feeds (url, keywords, added_at, next_poll) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (url) DO UPDATE SET keywords = excluded.keywords",
            (url, json.dumps(words), stamp, stamp),
        )
    feed = await get_feed(db, url)
    assert feed is not None
    return feed


async def remove_feed(db: Database, url: str) -> bool:
    """Stop polling a feed; the documents it brought stay indexed. False when it wasn't there."""
    async with db.transaction() as conn:
        cursor = await conn.execute("DELETE FROM feeds WHERE url = ?", (canonical_url(url),))
        return cursor.rowcount > 0


_FEED_COLUMNS = """
    f.id, f.url, f.title, f.keywords, f.etag, f.last_modified, f.added_at, f.last_checked,
    f.last_status, f.last_error, f.consecutive_errors, f.next_poll,
    (SELECT COUNT(*) FROM feed_entries e WHERE e.feed_id = f.id AND e.status != 'pending'),
    (SELECT COUNT(*) FROM feed_entries e WHERE e.feed_id = f.id AND e.status = 'pending'),
    (SELECT COUNT(*) FROM feed_entries e WHERE e.feed_id = f.id
        AND e.status IN ('indexed', 'replaced'))
"""


def _feed(row: Sequence[Any]) -> Feed:
    values = list(row)
    values[3] = tuple(json.loads(values[3]))
    return Feed(*values)


async def list_feeds(db: Database) -> list[Feed]:
    rows = await db.fetchall(f"SELECT {_FEED_COLUMNS} FROM feeds f ORDER BY f.url")
    return [_feed(r) for r in rows]


async def get_feed(db: Database, url: str) -> Feed | None:
    row = await db.fetchone(
        f"SELECT {_FEED_COLUMNS} FROM feeds f WHERE f.url = ?", (canonical_url(url),)
    )
    return None if row is None else _feed(row)


def parse_feed(result: FetchResult) -> feedparser.FeedParserDict:
    """The parsed feed; raises FeedError for anything that is not RSS or Atom with entries or a
    well-formed empty feed. Slightly malformed feeds that still yield identifiable entries are
    accepted, as feed readers do."""
    parsed = feedparser.parse(
        io.BytesIO(result.body),
        response_headers={
            "content-location": result.url,
            "content-type": result.content_type or "application/xml",
        },
    )
    usable = any(entry_key(entry) is not None for entry in parsed.entries)
    if not usable and (parsed.bozo or not parsed.version):
        why = parsed.get("bozo_exception") or "no RSS or Atom content"
        raise FeedError(f"not a readable RSS or Atom feed: {why}")
    return parsed


def entry_key(entry: dict[str, Any]) -> str | None:
    """The entry's id, else its link, else its title with its date; None when it has none."""
    if entry.get("id"):
        return f"id:{entry['id']}"
    if entry.get("link"):
        return f"link:{canonical_url(entry['link'])}"
    if entry.get("title"):
        return f"title:{entry['title']}|{entry.get('published') or entry.get('updated') or ''}"
    return None


def entry_date(entry: dict[str, Any], today: dt.date) -> dt.date | None:
    """The entry's publication date, in the publisher's own time zone when the feed gives one.

    Only `published` (RSS pubDate, Atom published) counts: Atom's `updated` is when a story
    was last edited, not when it was said. A date more than a day in the future is a feed
    error and is ignored.
    """
    raw = entry.get("published")
    found: dt.date | None = None
    if raw:
        try:
            found = email.utils.parsedate_to_datetime(raw).date()
        except (TypeError, ValueError, IndexError):
            try:
                found = dt.datetime.fromisoformat(raw.strip()).date()
            except ValueError:
                parsed = entry.get("published_parsed")
                if parsed:
                    found = dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    if found is not None and found > today + dt.timedelta(days=1):
        return None
    return found


def matches_keywords(entry: dict[str, Any], keywords: Sequence[str]) -> bool:
    """Any keyword at the start of a word of the title, summary or categories (case-blind)."""
    if not keywords:
        return True
    text = " ".join(
        [entry.get("title") or "", entry.get("summary") or ""]
        + [t.get("term") or "" for t in entry.get("tags") or []]
    )
    return any(re.search(rf"\b{re.escape(k)}", text, re.IGNORECASE) for k in keywords)


def article_name(url: str, content_type: str | None) -> str:
    """A document name for a fetched page: its URL, with the kind ingest needs to read it.

    Ingest picks the reader from the name's extension; pages rarely end in ".html", so the
    extension is added as a fragment ("...#.html"), which still opens the same page.
    """
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    if mime:
        suffix = ARTICLE_TYPES.get(mime)
        if suffix is None:
            raise FetchError(f"not an article page (content type {mime})")
    else:
        suffix = ".html"
    if kind_of(url) == kind_of(f"x{suffix}"):
        return url
    return f"{url}#{suffix}"


async def fetch_and_ingest(
    db: Database,
    fetcher: Fetcher,
    url: str,
    *,
    encoder: Encoder,
    book: PartyBook,
    published: dt.date | None = None,
) -> IngestOutcome:
    """Fetch one article page and index it; raises FetchError when the page can't be had."""
    page = await fetcher.get(url)
    final = canonical_url(page.url)
    return await ingest_bytes(
        db,
        article_name(final, page.content_type),
        page.body,
        encoder=encoder,
        book=book,
        url=final,
        published=published,
        date_source="feed" if published is not None else None,
        max_bytes=fetcher.policy.max_bytes,
    )


async def ingest_url(
    db: Database, url: str, *, encoder: Encoder, book: PartyBook, policy: FetchPolicy
) -> IngestOutcome:
    """Index one article link (`negobot index URL`, `/ingest url:`); failures become outcomes."""
    try:
        async with Fetcher(policy) as fetcher:
            return await fetch_and_ingest(db, fetcher, url, encoder=encoder, book=book)
    except FetchError as exc:
        return IngestOutcome(url, "error", str(exc))


async def _indexed_from(db: Database, link: str) -> tuple[bool, int | None]:
    """Whether this link was already indexed, directly or through any feed, and its document."""
    row = await db.fetchone("SELECT id FROM documents WHERE url = ? LIMIT 1", (link,))
    if row is not None:
        return True, int(row[0])
    row = await db.fetchone(
        "SELECT document_id FROM feed_entries WHERE link = ? AND status IN"
        f" ({', '.join('?' * len(FINAL_OK))}) LIMIT 1",
        (link, *FINAL_OK),
    )
    return (False, None) if row is None else (True, row[0])


async def _record_entries(
    db: Database,
    feed: Feed,
    parsed: feedparser.FeedParserDict,
    result: FetchResult,
    now: dt.datetime,
) -> tuple[int, int, int]:
    """Store the feed's unseen entries and its new validators in one transaction."""
    existing = {
        r[0]
        for r in await db.fetchall(
            "SELECT entry_key FROM feed_entries WHERE feed_id = ?", (feed.id,)
        )
    }
    stamp = _stamp(now)
    rows = []
    new = filtered = known = 0
    for entry in parsed.entries:
        key = entry_key(entry)
        if key is None or key in existing:
            continue
        existing.add(key)
        new += 1
        link = canonical_url(entry["link"]) if entry.get("link") else None
        published = entry_date(entry, now.date())
        status, document_id = "pending", None
        if link is None:
            status = "error"
        elif not matches_keywords(entry, feed.keywords):
            status, filtered = "filtered", filtered + 1
        else:
            seen, document_id = await _indexed_from(db, link)
            if seen:
                status, known = "known", known + 1
        rows.append(
            (
                feed.id, key, link, entry.get("title"),
                published.isoformat() if published else None, status,
                "entry has no link" if link is None else None, document_id, stamp,
                None if status == "pending" else stamp,
            )
        )  # fmt: skip
    title = parsed.feed.get("title") or feed.title
    async with db.transaction() as conn:
        await conn.executemany(
            "INSERT INTO feed_entries (feed_id, entry_key, link, title, published, status,"
            " last_error, document_id, first_seen, done_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        await conn.execute(
            "UPDATE feeds SET etag = ?, last_modified = ?, title = ? WHERE id = ?",
            (result.etag, result.last_modified, title, feed.id),
        )
    return new, filtered, known


async def _process_pending(
    db: Database,
    feed: Feed,
    fetcher: Fetcher,
    *,
    encoder: Encoder,
    book: PartyBook,
    now: dt.datetime,
    limit: int,
) -> list[IngestOutcome]:
    pending = await db.fetchall(
        "SELECT entry_key, link, published, attempts FROM feed_entries"
        " WHERE feed_id = ? AND status = 'pending'"
        " ORDER BY published IS NULL, published DESC, rowid LIMIT ?",
        (feed.id, limit),
    )
    outcomes = []
    for key, link, published, attempts in pending:
        try:
            outcome = await fetch_and_ingest(
                db,
                fetcher,
                link,
                encoder=encoder,
                book=book,
                published=dt.date.fromisoformat(published) if published else None,
            )
        except FetchError as exc:
            outcome = IngestOutcome(link, "error", str(exc))
            status = "failed" if attempts + 1 >= MAX_ATTEMPTS else "pending"
        except Exception as exc:  # one broken page must not stall the feed's other entries
            log.exception("indexing %s failed", link)
            outcome = IngestOutcome(link, "error", f"internal error: {exc}")
            status = "failed" if attempts + 1 >= MAX_ATTEMPTS else "pending"
        else:
            status = outcome.status
        outcomes.append(outcome)
        async with db.transaction() as conn:
            await conn.execute(
                "UPDATE feed_entries SET status = ?, attempts = attempts + 1, last_error = ?,"
                " document_id = ?, done_at = ? WHERE feed_id = ? AND entry_key = ?",
                (
                    status,
                    outcome.message if outcome.status == "error" else None,
                    outcome.document_id,
                    None if status == "pending" else _stamp(now),
                    feed.id,
                    key,
                ),
            )
    return outcomes


def backoff(errors: int, interval: dt.timedelta) -> dt.timedelta:
    """Delay before the next poll after `errors` consecutive failures: doubling, capped."""
    if errors <= 0:
        return interval
    return min(interval * (2**errors), MAX_BACKOFF)


async def _finish(
    db: Database,
    feed: Feed,
    status: str,
    error: str | None,
    now: dt.datetime,
    interval: dt.timedelta,
) -> None:
    errors = feed.consecutive_errors + 1 if status == "error" else 0
    async with db.transaction() as conn:
        await conn.execute(
            "UPDATE feeds SET last_checked = ?, last_status = ?, last_error = ?,"
            " consecutive_errors = ?, next_poll = ? WHERE id = ?",
            (_stamp(now), status, error, errors, _stamp(now + backoff(errors, interval)), feed.id),
        )


async def poll_feed(
    db: Database,
    feed: Feed,
    *,
    encoder: Encoder,
    book: PartyBook,
    policy: FetchPolicy,
    now: dt.datetime | None = None,
    max_entries: int = MAX_ENTRIES_PER_POLL,
) -> FeedPollResult:
    """Fetch one feed (conditionally), record its new entries and index their pages.

    A feed that fails is marked with its error and backed off; its pending entries wait for it
    to come back, so an outage doesn't use up their attempts.
    """
    now = now or utc_now()
    interval = dt.timedelta(minutes=policy.feed_poll_minutes)
    new = filtered = known = 0
    async with Fetcher(policy) as fetcher:
        try:
            result = await fetcher.get(feed.url, etag=feed.etag, last_modified=feed.last_modified)
            if not result.not_modified:
                new, filtered, known = await _record_entries(
                    db, feed, parse_feed(result), result, now
                )
        except (FetchError, FeedError) as exc:
            await _finish(db, feed, "error", str(exc), now, interval)
            return FeedPollResult(feed.url, "error", str(exc))
        status = "not_modified" if result.not_modified else "ok"
        outcomes = await _process_pending(
            db, feed, fetcher, encoder=encoder, book=book, now=now, limit=max_entries
        )
    await _finish(db, feed, status, None, now, interval)
    return FeedPollResult(feed.url, status, None, new, filtered, known, outcomes)


async def poll_due(
    db: Database,
    *,
    encoder: Encoder,
    book: PartyBook,
    policy: FetchPolicy,
    now: dt.datetime | None = None,
    only_due: bool = True,
) -> list[FeedPollResult]:
    """Poll every feed whose time has come (every feed with `only_due=False`), one at a time.

    One feed's failure, even an unexpected one, is recorded on that feed and the round goes on.
    """
    now = now or utc_now()
    results = []
    for feed in await list_feeds(db):
        if only_due and dt.datetime.fromisoformat(feed.next_poll) > now:
            continue
        try:
            results.append(
                await poll_feed(db, feed, encoder=encoder, book=book, policy=policy, now=now)
            )
        except Exception as exc:  # a bug must not silence every other feed
            log.exception("polling %s failed", feed.url)
            interval = dt.timedelta(minutes=policy.feed_poll_minutes)
            await _finish(db, feed, "error", f"internal error: {exc}", now, interval)
            results.append(FeedPollResult(feed.url, "error", f"internal error: {exc}"))
    return results
