"""From files to indexed documents: read, clean, segment, attribute, embed, store.

Each document is written in one transaction, so an interrupted run leaves every document either
fully indexed or absent, and running it again finishes the job. Documents are prepared and
encoded in batches because the encoder is the bottleneck and is fastest on large batches.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import sqlite3
import sys
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO, TypeVar

import aiosqlite
import numpy as np

from bot.attribution import Attribution, Statement, attribute, issuer_of
from bot.clock import utc_now
from bot.embedding import Encoder
from bot.manifest import ManifestEntry, manifest_key, manifests_for
from bot.page import NoArticleText, Page, parse_page
from bot.parties import PartyBook
from bot.positions import statement_vectors
from bot.readers import Found, ReadError, decode, discover, kind_of, read_bytes
from bot.segment import Sentence, split_sentences
from bot.topics import TopicTagger
from storage import Database

DEFAULT_MAX_BYTES = 2_000_000
BATCH_DOCUMENTS = 32
T = TypeVar("T")
STATUSES = ("indexed", "replaced", "updated", "unchanged", "duplicate", "error")


@dataclass(frozen=True)
class IngestOutcome:
    """What happened to one input: indexed, replaced, updated (same article, its manifest facts
    corrected), unchanged, duplicate or error."""

    display: str
    status: str
    message: str = ""
    document_id: int | None = None
    sentences: int = 0
    statements: int = 0

    def line(self) -> str:
        detail = f": {self.message}" if self.message else ""
        return f"{self.display}: {self.status}{detail}"


@dataclass
class IngestReport:
    outcomes: list[IngestOutcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def errors(self) -> list[IngestOutcome]:
        return [o for o in self.outcomes if o.status in ("error", "duplicate")]

    def summary(self) -> str:
        """ "2 indexed, 1 updated, 3 unchanged": every status that occurred, in a fixed order."""
        counts = [f"{self.count(s)} {s}" for s in STATUSES if self.count(s)]
        return ", ".join(counts) or "nothing"


@dataclass(frozen=True)
class DatedBy:
    published: dt.date | None
    source: str
    approximate: bool


@dataclass(frozen=True)
class Facts:
    """What a document row says about its article besides its text: the manifest's word when it
    has one, else the page's (or the feed's)."""

    title: str | None
    author: str | None
    outlet: str | None
    url: str | None
    dated: DatedBy

    def columns(self) -> dict[str, object]:
        """The `documents` columns these facts fill, as stored."""
        published = self.dated.published
        return {
            "title": self.title,
            "author": self.author,
            "outlet": self.outlet,
            "url": self.url,
            "published": published.isoformat() if published else None,
            "date_source": self.dated.source,
            "approximate": int(self.dated.approximate),
        }


@dataclass
class Prepared:
    display: str
    sha256: str
    text_sha256: str
    manifest_digest: str | None
    page: Page
    facts: Facts
    sentences: list[Sentence]
    attribution: Attribution

    def sentence_texts(self) -> list[str]:
        return [self.page.text[s.start : s.end] for s in self.sentences]


def resolve_date(
    page: Page, entry: ManifestEntry | None, known: dt.date | None, known_source: str | None
) -> DatedBy:
    """Manifest, then the article's byline or dateline, then the caller's date, then the page."""
    if entry is not None and entry.published is not None:
        return DatedBy(entry.published, "manifest", entry.approximate)
    if page.text_date is not None:
        return DatedBy(page.text_date, "text", False)
    if known is not None:
        return DatedBy(known, known_source or "feed", False)
    if page.page_date is not None:
        return DatedBy(page.page_date, "page", False)
    return DatedBy(None, "unknown", False)


def document_facts(
    page: Page,
    entry: ManifestEntry | None,
    *,
    url: str | None = None,
    published: dt.date | None = None,
    date_source: str | None = None,
) -> Facts:
    entry = entry or ManifestEntry()
    return Facts(
        title=entry.title or page.title,
        author=entry.author or page.author,
        outlet=entry.outlet or page.outlet,
        url=url or entry.url or page.url,
        dated=resolve_date(page, entry, published, date_source),
    )


def read_page(display: str, data: bytes, max_bytes: int) -> Page:
    """Decode and clean one file; raises ReadError or NoArticleText."""
    kind = kind_of(display)
    if kind is None:
        raise ReadError("unsupported file type; use .txt, .md or .html")
    return parse_page(decode(data, max_bytes), kind)


def article_hash(page: Page) -> str:
    """An article's identity is its own paragraphs, not the page around them: a page fetched
    again with new adverts, timestamps or sidebars is the article already held, not a new one."""
    return content_hash("\n\n".join(page.text[a:b] for a, b in page.paragraphs))


def prepare(
    display: str,
    data: bytes,
    page: Page,
    facts: Facts,
    book: PartyBook,
    manifest_digest: str | None,
) -> Prepared:
    """All the CPU work on one file but the embeddings; raises NoArticleText."""
    sentences = split_sentences(page.text, page.paragraphs)
    if not sentences:
        raise NoArticleText("no article sentences left after removing page furniture")
    return Prepared(
        display=display,
        sha256=hashlib.sha256(data).hexdigest(),
        text_sha256=article_hash(page),
        manifest_digest=manifest_digest,
        page=page,
        facts=facts,
        sentences=sentences,
        attribution=attribute(page.text, sentences, book, issuer_of(book, facts.outlet, facts.url)),
    )


def _spans(sentences: Sequence[Sentence]) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in sentences]


async def _model_id(conn: aiosqlite.Connection, encoder: Encoder) -> int:
    await conn.execute(
        "INSERT INTO models (name, dimension) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
        (encoder.name, encoder.dimension),
    )
    async with conn.execute("SELECT id FROM models WHERE name = ?", (encoder.name,)) as cur:
        return int((await cur.fetchone())[0])


async def write_statements(
    conn: aiosqlite.Connection,
    document_id: int,
    statements: Sequence[Statement],
    topics: Sequence[Iterable[str]],
    attribution: Attribution,
) -> None:
    """Replace a document's statements and mentions, inside the caller's transaction."""
    await conn.execute("DELETE FROM statements WHERE document_id = ?", (document_id,))
    await conn.execute("DELETE FROM mentions WHERE document_id = ?", (document_id,))
    # Three calls for the whole document rather than two a statement: each call is a round trip
    # to the database thread, on a CPU the encoder needs. Ids are the ones SQLite would give.
    async with conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM statements") as cur:
        first = int((await cur.fetchone())[0])
    await conn.executemany(
        "INSERT INTO statements (id, document_id, seq, kind, party, speaker, speaker_start,"
        " speaker_end, start, end, content_start, content_end, quote_start, quote_end)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                first + seq, document_id, seq, st.kind, st.party, st.speaker, st.speaker_start,
                st.speaker_end, st.start, st.end, st.content_start, st.content_end,
                st.quote_start, st.quote_end,
            )
            for seq, st in enumerate(statements)
        ],
    )  # fmt: skip
    await _write_topics(conn, [(first + seq, keys) for seq, keys in enumerate(topics)])
    await conn.executemany(
        "INSERT INTO mentions (document_id, party, start, end) VALUES (?, ?, ?, ?)",
        [(document_id, m.party, m.start, m.end) for m in attribution.mentions],
    )


async def _write_topics(
    conn: aiosqlite.Connection, tagged: Iterable[tuple[int, Iterable[str]]]
) -> None:
    await conn.executemany(
        "INSERT INTO statement_topics (statement_id, topic) VALUES (?, ?)",
        [(statement_id, key) for statement_id, keys in tagged for key in dict.fromkeys(keys)],
    )


def _seen_before(display: str, known_path: str) -> IngestOutcome:
    if known_path == display:
        return IngestOutcome(display, "unchanged", "already indexed")
    return IngestOutcome(display, "duplicate", f"same content as {known_path}")


_STORED = (
    "SELECT id, path, manifest_digest, title, author, outlet, url, published, date_source,"
    " approximate FROM documents"
)


async def _stored(db: Database, column: str, value: str) -> sqlite3.Row | None:
    """The document whose `sha256` (bytes) or `text_sha256` (article) is `value`."""
    return await db.fetchone(f"{_STORED} WHERE {column} = ?", (value,))


async def _store(
    db: Database,
    prep: Prepared,
    vectors: np.ndarray,
    encoder: Encoder,
    tagger: TopicTagger,
    book: PartyBook,
) -> IngestOutcome:
    statements = prep.attribution.statements
    spans = [(s.start, s.end) for s in statements]
    topics = tagger.tag(
        [prep.page.text[a:b] for a, b in spans],
        statement_vectors(spans, _spans(prep.sentences), vectors),
    )
    now = utc_now().isoformat(timespec="microseconds")
    async with db.transaction() as conn:
        async with conn.execute(
            "SELECT path FROM documents WHERE text_sha256 = ?", (prep.text_sha256,)
        ) as c:
            if (known := await c.fetchone()) is not None:  # stored meanwhile by another writer
                return _seen_before(prep.display, known[0])
        async with conn.execute("SELECT id FROM documents WHERE path = ?", (prep.display,)) as c:
            old = await c.fetchone()
        if old is not None:
            await conn.execute("DELETE FROM documents WHERE id = ?", (old[0],))
        page, facts = prep.page, prep.facts.columns()
        cur = await conn.execute(
            "INSERT INTO documents (sha256, text_sha256, manifest_digest, parties_digest, path,"
            " url, title, author, outlet, dateline, published, date_source, approximate,"
            " page_date, text, ingested_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                prep.sha256, prep.text_sha256, prep.manifest_digest, book.digest, prep.display,
                facts["url"], facts["title"], facts["author"], facts["outlet"], page.dateline,
                facts["published"], facts["date_source"], facts["approximate"],
                page.page_date.isoformat() if page.page_date else None, page.text, now,
            ),
        )  # fmt: skip
        document_id = int(cur.lastrowid)
        await conn.executemany(
            "INSERT INTO paragraphs (document_id, seq, start, end) VALUES (?, ?, ?, ?)",
            [(document_id, i, a, b) for i, (a, b) in enumerate(page.paragraphs)],
        )
        texts = prep.sentence_texts()
        first = await _next_sentence_id(conn)
        await conn.executemany(
            "INSERT INTO sentences (id, document_id, seq, paragraph, start, end, text)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (first + i, document_id, i, s.paragraph, s.start, s.end, texts[i])
                for i, s in enumerate(prep.sentences)
            ],
        )
        model_id = await _model_id(conn, encoder)
        await conn.executemany(
            "INSERT INTO embeddings (sentence_id, model_id, content_hash, vector)"
            " VALUES (?, ?, ?, ?)",
            [
                (first + i, model_id, content_hash(texts[i]), vectors[i].tobytes())
                for i in range(len(texts))
            ],
        )
        await write_statements(conn, document_id, statements, topics, prep.attribution)
    status = "replaced" if old is not None else "indexed"
    return IngestOutcome(
        prep.display,
        status,
        f"{len(texts)} sentences, {len(statements)} statements",
        document_id,
        len(texts),
        len(statements),
    )


async def _refresh(
    db: Database,
    display: str,
    row: sqlite3.Row,
    sha256: str,
    manifest_digest: str | None,
    facts: Facts,
) -> IngestOutcome:
    """The article at `display` is held already: remember its page's bytes (so the next run skips
    it unread) and, when its manifest entry changed, the facts that entry now gives.

    Only a manifest change moves the facts: a page fetched again may carry a new crawl date or
    headline in its chrome, and that must not re-date or re-title an article already held.
    """
    changes: dict[str, object] = {}
    if row["manifest_digest"] != manifest_digest:
        changes = {k: v for k, v in facts.columns().items() if row[k] != v}
    columns = {"sha256": sha256, "manifest_digest": manifest_digest, **changes}
    # A new outlet or address may make the page a party's own release: attribute it again.
    publisher_changed = bool({"outlet", "url"} & set(changes))
    if publisher_changed:
        columns["parties_digest"] = None
    async with db.transaction() as conn:
        cur = await conn.execute(
            f"UPDATE documents SET {', '.join(f'{k} = ?' for k in columns)}"
            " WHERE id = ? AND path = ?",
            (*columns.values(), row["id"], display),
        )
        if cur.rowcount and publisher_changed:
            await db.set_meta(conn, "parties_digest", "")
    if cur.rowcount == 0 or not changes:  # none: replaced meanwhile by another writer
        return IngestOutcome(display, "unchanged", "already indexed", row["id"])
    said = ", ".join(f"{k} {row[k]} -> {v}" for k, v in changes.items())
    return IngestOutcome(display, "updated", said, row["id"])


async def _next_sentence_id(conn: aiosqlite.Connection) -> int:
    async with conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM sentences") as cur:
        return int((await cur.fetchone())[0])


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


async def _encode_all(encoder: Encoder, batch: list[Prepared]) -> list[np.ndarray]:
    """One encoder call for a batch of documents, in a thread so the event loop stays free."""
    texts = [t for prep in batch for t in prep.sentence_texts()]
    vectors = await asyncio.to_thread(encoder.encode, texts)
    out, offset = [], 0
    for prep in batch:
        out.append(vectors[offset : offset + len(prep.sentences)])
        offset += len(prep.sentences)
    return out


async def ingest_paths(
    db: Database,
    inputs: list[str],
    *,
    encoder: Encoder,
    book: PartyBook,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_progress: Callable[[IngestOutcome], None] | None = None,
    on_total: Callable[[int], None] | None = None,
) -> IngestReport:
    """Index files and folders; every bad input becomes an error outcome and the rest go on."""
    await ensure_current(db, book, encoder)
    found, problems = discover(inputs)
    report = IngestReport()
    entries = manifests_for([f.path for f in found])
    tagger = TopicTagger(book.topics, encoder)

    def done(outcome: IngestOutcome) -> None:
        report.outcomes.append(outcome)
        if on_progress:
            on_progress(outcome)

    if on_total:
        on_total(len(found) + len(problems))
    for given, why in problems:
        done(IngestOutcome(given, "error", why))

    # While the encoder works through one batch in its thread, the next batch is prepared and
    # the previous one stored here: the encoder, the bottleneck, never waits for them. Stores
    # and reports keep the serial order, so ids and outcomes are those of one batch at a time.
    seen: dict[str, str] = {}  # article hash -> file, over the run: stores lag preparation
    encoding: asyncio.Task[list[np.ndarray]] | None = None
    try:
        previous: _Batch | None = None
        for start in range(0, len(found), BATCH_DOCUMENTS):
            batch = _Batch()
            for item in found[start : start + BATCH_DOCUMENTS]:
                prepared = await _prepare_found(db, item, book, max_bytes, entries, seen)
                if isinstance(prepared, IngestOutcome):
                    batch.skipped.append(prepared)
                else:
                    batch.prepared.append(prepared)
            vectors = None if encoding is None else await _uninterrupted(encoding)
            encoding = asyncio.create_task(_encode_all(encoder, batch.prepared))
            if previous is not None and vectors is not None:
                await _store_batch(db, previous, vectors, encoder, tagger, book, done)
            previous = batch
        if previous is not None and encoding is not None:
            await _store_batch(
                db, previous, await _uninterrupted(encoding), encoder, tagger, book, done
            )
    finally:
        if encoding is not None and not encoding.done():
            # A thread cannot be stopped: wait for the encoder, so that nothing outlives the call.
            await asyncio.wait([encoding])
    return report


@dataclass
class _Batch:
    """Files prepared together: those settled without encoding, then those to encode."""

    skipped: list[IngestOutcome] = field(default_factory=list)
    prepared: list[Prepared] = field(default_factory=list)


async def _store_batch(
    db: Database,
    batch: _Batch,
    vectors: list[np.ndarray],
    encoder: Encoder,
    tagger: TopicTagger,
    book: PartyBook,
    done: Callable[[IngestOutcome], None],
) -> None:
    for outcome in batch.skipped:
        done(outcome)
    for prep, vecs in zip(batch.prepared, vectors, strict=True):
        done(await _uninterrupted(_store(db, prep, vecs, encoder, tagger, book)))


async def _uninterrupted(step: Awaitable[T]) -> T:
    """Run `step` to its end even when the caller is cancelled meanwhile, then let the
    cancellation through: a document's transaction, or the encoder's thread, is never cut short
    and nothing of an ingest runs on after it returned."""
    task = asyncio.ensure_future(step)
    try:
        return await asyncio.shield(task)
    except asyncio.CancelledError:
        await asyncio.wait([task])
        raise


async def _prepare_found(
    db: Database,
    item: Found,
    book: PartyBook,
    max_bytes: int,
    entries: dict[Path, ManifestEntry],
    seen: dict[str, str],
) -> IngestOutcome | Prepared:
    """An outcome when the file's article is held already (or unreadable); else its analysis.

    Bytes seen before at this path under the same manifest entry are skipped unread; anything
    else is read, and recognised by its article text.
    """
    entry = entries.get(manifest_key(item.path))
    manifest_digest = (entry or ManifestEntry()).digest()
    try:
        data = read_bytes(item.path, max_bytes)
        sha = hashlib.sha256(data).hexdigest()
        row = await _stored(db, "sha256", sha)
        if row is not None and (
            row["path"] != item.display or row["manifest_digest"] == manifest_digest
        ):
            return _seen_before(item.display, row["path"])
        page = read_page(item.display, data, max_bytes)
        if row is None:
            text_sha = article_hash(page)
            if (known := seen.get(text_sha)) is not None:
                return _seen_before(item.display, known)
            row = await _stored(db, "text_sha256", text_sha)
            if row is not None and row["path"] != item.display:
                return _seen_before(item.display, row["path"])
        facts = document_facts(page, entry)
        if row is not None:
            return await _refresh(db, item.display, row, sha, manifest_digest, facts)
        prep = prepare(item.display, data, page, facts, book, manifest_digest)
    except (ReadError, NoArticleText) as exc:
        return IngestOutcome(item.display, "error", str(exc))
    seen[prep.text_sha256] = item.display
    return prep


async def ingest_bytes(
    db: Database,
    name: str,
    data: bytes,
    *,
    encoder: Encoder,
    book: PartyBook,
    url: str | None = None,
    published: dt.date | None = None,
    date_source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> IngestOutcome:
    """Index one article received as bytes (an upload, a fetched page); `name` gives its kind.

    A page fetched again whose article text did not change is "unchanged", whatever changed
    around it, and keeps the facts and the ingested_at it had.
    """
    await ensure_current(db, book, encoder)
    sha = hashlib.sha256(data).hexdigest()
    if (row := await _stored(db, "sha256", sha)) is not None:
        return _seen_before(name, row["path"])
    try:
        page = read_page(name, data, max_bytes)
        facts = document_facts(page, None, url=url, published=published, date_source=date_source)
        if (row := await _stored(db, "text_sha256", article_hash(page))) is not None:
            if row["path"] != name:
                return _seen_before(name, row["path"])
            return await _refresh(db, name, row, sha, row["manifest_digest"], facts)
        prep = prepare(name, data, page, facts, book, None)
    except (ReadError, NoArticleText) as exc:
        return IngestOutcome(name, "error", str(exc))
    (vectors,) = await _encode_all(encoder, [prep])
    return await _store(db, prep, vectors, encoder, TopicTagger(book.topics, encoder), book)


async def ensure_current(db: Database, book: PartyBook, encoder: Encoder | None) -> None:
    """Bring stored analysis up to date with the parties file and the embedding model.

    Statements depend on the parties file and vectors on the model; when either changed since
    the last run, everything derived from it is recomputed, so answers never mix two versions.
    Without an encoder, statements are re-attributed and tagged by cue words at once, and the
    tagging by meaning that ingest adds for statements without a cue waits for the next call
    with an encoder. Tasks of one process take turns on the maintenance lock; other processes
    are kept from redoing or undoing a document by the per-document checks in each step.
    """
    async with db.maintenance_lock:
        await _hash_articles(db)
        if encoder is not None and await db.get_meta("embedding_model") != encoder.name:
            await _embed_missing(db, encoder)
        if await db.get_meta("parties_digest") != book.digest:
            await reattribute(db, book, encoder)
        if encoder is not None:
            await _tag_by_meaning(db, book, encoder)


async def _hash_articles(db: Database) -> None:
    """Give documents indexed before article hashes existed (migration 005) theirs.

    Two such documents with the same article keep one hash between them (the first); the other
    keeps none, as it did, and is found again here each time.
    """
    rows = await db.fetchall("SELECT id, text FROM documents WHERE text_sha256 IS NULL")
    for document_id, text in rows:
        paragraphs = await db.fetchall(
            "SELECT start, end FROM paragraphs WHERE document_id = ? ORDER BY seq", (document_id,)
        )
        digest = content_hash("\n\n".join(text[a:b] for a, b in paragraphs))
        async with db.transaction() as conn:
            await conn.execute(
                "UPDATE OR IGNORE documents SET text_sha256 = ? WHERE id = ?",
                (digest, document_id),
            )


async def _embed_missing(db: Database, encoder: Encoder) -> None:
    async with db.transaction() as conn:
        model_id = await _model_id(conn, encoder)
    rows = await db.fetchall(
        "SELECT s.id, s.text FROM sentences s WHERE NOT EXISTS (SELECT 1 FROM embeddings e"
        " WHERE e.sentence_id = s.id AND e.model_id = ?) ORDER BY s.id",
        (model_id,),
    )
    for start in range(0, len(rows), 4096):
        chunk = rows[start : start + 4096]
        vectors = await asyncio.to_thread(encoder.encode, [r[1] for r in chunk])
        async with db.transaction() as conn:
            await conn.executemany(
                "INSERT OR IGNORE INTO embeddings (sentence_id, model_id, content_hash, vector)"
                " VALUES (?, ?, ?, ?)",
                [
                    (r[0], model_id, content_hash(r[1]), v.tobytes())
                    for r, v in zip(chunk, vectors, strict=True)
                ],
            )
    async with db.transaction() as conn:
        await db.set_meta(conn, "embedding_model", encoder.name)


async def _sentence_vectors(
    db: Database, document_id: int, encoder: Encoder | None
) -> tuple[list[Sentence], np.ndarray | None]:
    """A document's sentences and their stored vectors (None when some have none)."""
    name = encoder.name if encoder else await db.get_meta("embedding_model") or ""
    rows = await db.fetchall(
        "SELECT s.start, s.end, s.paragraph, e.vector FROM sentences s LEFT JOIN embeddings e"
        " ON e.sentence_id = s.id AND e.model_id = (SELECT id FROM models WHERE name = ?)"
        " WHERE s.document_id = ? ORDER BY s.seq",
        (name, document_id),
    )
    sentences = [Sentence(r[0], r[1], r[2]) for r in rows]
    if not rows or any(r[3] is None for r in rows):
        return sentences, None
    return sentences, np.stack([np.frombuffer(r[3], dtype=np.float32) for r in rows])


async def reattribute(db: Database, book: PartyBook, encoder: Encoder | None) -> int:
    """Re-run attribution and topic tagging over every document attributed with another parties
    file; returns how many were redone here.

    Each document is redone in its own transaction, which first checks it still needs it, so an
    interrupted run resumes where it stopped and two processes never redo one twice. The
    parties digest in meta (the quick check) is set only once no document is left behind.
    """
    tagger = TopicTagger(book.topics, encoder)
    stale = await db.fetchall(
        "SELECT id, text, outlet, url FROM documents WHERE parties_digest IS NOT ? ORDER BY id",
        (book.digest,),
    )
    done = 0
    for document_id, text, outlet, url in stale:
        sentences, matrix = await _sentence_vectors(db, document_id, encoder)
        attribution = attribute(text, sentences, book, issuer_of(book, outlet, url))
        spans = [(s.start, s.end) for s in attribution.statements]
        vectors = None if matrix is None else statement_vectors(spans, _spans(sentences), matrix)
        topics = tagger.tag([text[a:b] for a, b in spans], vectors)
        async with db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE documents SET parties_digest = ?, topics_pending = ?"
                " WHERE id = ? AND parties_digest IS NOT ?",
                (book.digest, int(encoder is None), document_id, book.digest),
            )
            if cur.rowcount:
                await write_statements(
                    conn, document_id, attribution.statements, topics, attribution
                )
                done += 1
    async with (
        db.transaction() as conn,
        conn.execute(
            "SELECT 1 FROM documents WHERE parties_digest IS NOT ? LIMIT 1", (book.digest,)
        ) as cur,
    ):
        if await cur.fetchone() is None:
            await db.set_meta(conn, "parties_digest", book.digest)
    return done


async def _tag_by_meaning(db: Database, book: PartyBook, encoder: Encoder) -> None:
    """Finish what attribution without the model left: the statements with no cue word get the
    topic their meaning gives, exactly as ingest would have tagged them."""
    pending = await db.fetchall(
        "SELECT id, text FROM documents WHERE topics_pending = 1 AND parties_digest = ?",
        (book.digest,),
    )
    tagger = TopicTagger(book.topics, encoder)
    for document_id, text in pending:
        untagged = await db.fetchall(
            "SELECT s.id, s.start, s.end FROM statements s WHERE s.document_id = ? AND NOT"
            " EXISTS (SELECT 1 FROM statement_topics t WHERE t.statement_id = s.id)"
            " ORDER BY s.seq",
            (document_id,),
        )
        spans = [(r[1], r[2]) for r in untagged]
        sentences, matrix = await _sentence_vectors(db, document_id, encoder)
        vectors = None if matrix is None else statement_vectors(spans, _spans(sentences), matrix)
        topics = tagger.tag([text[a:b] for a, b in spans], vectors)
        async with db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE documents SET topics_pending = 0"
                " WHERE id = ? AND topics_pending = 1 AND parties_digest = ?",
                (document_id, book.digest),
            )
            if cur.rowcount:
                await _write_topics(
                    conn, [(r[0], keys) for r, keys in zip(untagged, topics, strict=True)]
                )


def progress_printer(
    stream: TextIO | None = None,
) -> tuple[Callable[[int], None], Callable[[IngestOutcome], None]]:
    """A progress bar on a terminal, and one line per problem or corrected file anywhere."""
    from tqdm import tqdm

    stream = stream or sys.stderr

    bar: list[tqdm] = []

    def on_total(total: int) -> None:
        bar.append(
            tqdm(total=total, unit="file", file=stream, disable=not stream.isatty(), leave=False)
        )

    def on_progress(outcome: IngestOutcome) -> None:
        line = None
        if outcome.status in ("error", "duplicate"):
            line = f"skipped {outcome.line()}"
        elif outcome.status == "updated":
            line = outcome.line()
        if line is not None:
            (bar[0].write if bar else print)(line, file=stream)
        if bar:
            bar[0].update(1)

    return on_total, on_progress


def attribute_file(
    path: Path, book: PartyBook, encoder: Encoder, max_bytes: int = DEFAULT_MAX_BYTES
) -> list[dict[str, object]]:
    """The statements of one article as ingest would store them, without touching a database.

    Offsets are into the file's text as read (decoded), so that slicing gives the speaker and
    the content exactly; this is how the extractor is inspected and corrected.
    """
    data = read_bytes(path, max_bytes)
    page = read_page(str(path), data, max_bytes)
    entry = manifests_for([path]).get(manifest_key(path))
    prep = prepare(str(path), data, page, document_facts(page, entry), book, None)
    text, statements = prep.page.text, prep.attribution.statements
    spans = [(s.start, s.end) for s in statements]
    vectors = encoder.encode(prep.sentence_texts())
    topics = TopicTagger(book.topics, encoder).tag(
        [text[a:b] for a, b in spans], statement_vectors(spans, _spans(prep.sentences), vectors)
    )
    return [
        {
            "text": text[s.start : s.end],
            "quote": text[s.quote_start : s.quote_end] if s.quote_start is not None else None,
            "speaker": s.speaker,
            "party": s.party,
            "kind": s.kind,
            "topics": list(keys),
            "start": s.start,
            "end": s.end,
            "speaker_start": s.speaker_start,
            "speaker_end": s.speaker_end,
            "content_start": s.content_start,
            "content_end": s.content_end,
        }
        for s, keys in zip(statements, topics, strict=True)
    ]
