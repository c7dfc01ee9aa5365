"""From files to indexed documents: read, clean, segment, attribute, embed, store.

Each document is written in one transaction, so an interrupted run leaves every document either
fully indexed or absent, and running it again finishes the job. Documents are prepared and
encoded in batches because the encoder is the bottleneck and is fastest on large batches.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import aiosqlite
import numpy as np

from bot.attribution import Attribution, Statement, attribute
from bot.embedding import Encoder
from bot.manifest import ManifestEntry, manifest_key, manifests_for
from bot.page import NoArticleText, Page, parse_page
from bot.parties import PartyBook
from bot.readers import Found, ReadError, decode, discover, kind_of, read_bytes
from bot.segment import Sentence, split_sentences
from bot.topics import TopicTagger
from storage import Database

DEFAULT_MAX_BYTES = 2_000_000
BATCH_DOCUMENTS = 32


@dataclass(frozen=True)
class IngestOutcome:
    """What happened to one input; `status` is indexed, replaced, unchanged, duplicate or error."""

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


@dataclass(frozen=True)
class DatedBy:
    published: dt.date | None
    source: str
    approximate: bool


@dataclass
class Prepared:
    display: str
    sha256: str
    page: Page
    dated: DatedBy
    title: str | None
    author: str | None
    outlet: str | None
    url: str | None
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


def prepare(
    display: str,
    data: bytes,
    book: PartyBook,
    *,
    max_bytes: int,
    entry: ManifestEntry | None = None,
    url: str | None = None,
    published: dt.date | None = None,
    date_source: str | None = None,
) -> Prepared:
    """All the CPU work on one file but the embeddings; raises ReadError or NoArticleText."""
    kind = kind_of(display)
    if kind is None:
        raise ReadError("unsupported file type; use .txt, .md or .html")
    text = decode(data, max_bytes)
    page = parse_page(text, kind)
    sentences = split_sentences(page.text, page.paragraphs)
    if not sentences:
        raise NoArticleText("no article sentences left after removing page furniture")
    entry = entry or ManifestEntry()
    return Prepared(
        display=display,
        sha256=hashlib.sha256(data).hexdigest(),
        page=page,
        dated=resolve_date(page, entry, published, date_source),
        title=entry.title or page.title,
        author=entry.author or page.author,
        outlet=entry.outlet or page.outlet,
        url=url or entry.url or page.url,
        sentences=sentences,
        attribution=attribute(page.text, sentences, book),
    )


def statement_vectors(
    statements: Sequence[tuple[int, int]], sentences: Sequence[Sentence], vectors: np.ndarray
) -> np.ndarray:
    """A statement's vector is the normalised mean of the sentences it overlaps."""
    out = np.zeros((len(statements), vectors.shape[1] if len(vectors) else 0), dtype=np.float32)
    for i, (start, end) in enumerate(statements):
        rows = [j for j, s in enumerate(sentences) if s.start < end and s.end > start]
        if rows:
            mean = vectors[rows].mean(axis=0)
            out[i] = mean / (np.linalg.norm(mean) or 1.0)
    return out


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
    for seq, (st, keys) in enumerate(zip(statements, topics, strict=True)):
        cur = await conn.execute(
            "INSERT INTO statements (document_id, seq, kind, party, speaker, speaker_start,"
            " speaker_end, start, end, content_start, content_end, quote_start, quote_end)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                document_id, seq, st.kind, st.party, st.speaker, st.speaker_start,
                st.speaker_end, st.start, st.end, st.content_start, st.content_end,
                st.quote_start, st.quote_end,
            ),
        )  # fmt: skip
        await conn.executemany(
            "INSERT INTO statement_topics (statement_id, topic) VALUES (?, ?)",
            [(cur.lastrowid, key) for key in dict.fromkeys(keys)],
        )
    await conn.executemany(
        "INSERT INTO mentions (document_id, party, start, end) VALUES (?, ?, ?, ?)",
        [(document_id, m.party, m.start, m.end) for m in attribution.mentions],
    )


async def _store(
    db: Database, prep: Prepared, vectors: np.ndarray, encoder: Encoder, tagger: TopicTagger
) -> IngestOutcome:
    statements = prep.attribution.statements
    spans = [(s.start, s.end) for s in statements]
    topics = tagger.tag(
        [prep.page.text[a:b] for a, b in spans], statement_vectors(spans, prep.sentences, vectors)
    )
    now = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
    async with db.transaction() as conn:
        async with conn.execute(
            "SELECT sha256 FROM documents WHERE sha256 = ?", (prep.sha256,)
        ) as c:
            if await c.fetchone() is not None:
                return IngestOutcome(prep.display, "unchanged", "already indexed")
        async with conn.execute("SELECT id FROM documents WHERE path = ?", (prep.display,)) as c:
            old = await c.fetchone()
        if old is not None:
            await conn.execute("DELETE FROM documents WHERE id = ?", (old[0],))
        page, dated = prep.page, prep.dated
        cur = await conn.execute(
            "INSERT INTO documents (sha256, path, url, title, author, outlet, dateline, published,"
            " date_source, approximate, page_date, text, ingested_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                prep.sha256, prep.display, prep.url, prep.title, prep.author, prep.outlet,
                page.dateline, dated.published.isoformat() if dated.published else None,
                dated.source, int(dated.approximate),
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


async def _next_sentence_id(conn: aiosqlite.Connection) -> int:
    async with conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM sentences") as cur:
        return int((await cur.fetchone())[0])


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


async def _known(db: Database, sha256: str) -> str | None:
    row = await db.fetchone("SELECT path FROM documents WHERE sha256 = ?", (sha256,))
    return None if row is None else str(row[0])


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

    for start in range(0, len(found), BATCH_DOCUMENTS):
        batch: list[Prepared] = []
        seen: dict[str, str] = {}
        for item in found[start : start + BATCH_DOCUMENTS]:
            prepared = await _prepare_found(db, item, book, max_bytes, entries, seen)
            if isinstance(prepared, IngestOutcome):
                done(prepared)
            else:
                batch.append(prepared)
        for prep, vectors in zip(batch, await _encode_all(encoder, batch), strict=True):
            done(await _store(db, prep, vectors, encoder, tagger))
    return report


async def _prepare_found(
    db: Database,
    item: Found,
    book: PartyBook,
    max_bytes: int,
    entries: dict[Path, ManifestEntry],
    seen: dict[str, str],
) -> IngestOutcome | Prepared:
    try:
        data = read_bytes(item.path, max_bytes)
        sha = hashlib.sha256(data).hexdigest()
        if (known := await _known(db, sha) or seen.get(sha)) is not None:
            if known == item.display:
                return IngestOutcome(item.display, "unchanged", "already indexed")
            return IngestOutcome(item.display, "duplicate", f"same content as {known}")
        prep = prepare(
            item.display,
            data,
            book,
            max_bytes=max_bytes,
            entry=entries.get(manifest_key(item.path)),
        )
    except (ReadError, NoArticleText) as exc:
        return IngestOutcome(item.display, "error", str(exc))
    seen[sha] = item.display
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
    """Index one article received as bytes (an upload, a fetched page); `name` gives its kind."""
    await ensure_current(db, book, encoder)
    sha = hashlib.sha256(data).hexdigest()
    if (known := await _known(db, sha)) is not None:
        status = "unchanged" if known == name else "duplicate"
        return IngestOutcome(name, status, f"same content as {known}")
    try:
        prep = prepare(
            name, data, book, max_bytes=max_bytes, url=url, published=published,
            date_source=date_source,
        )  # fmt: skip
    except (ReadError, NoArticleText) as exc:
        return IngestOutcome(name, "error", str(exc))
    (vectors,) = await _encode_all(encoder, [prep])
    return await _store(db, prep, vectors, encoder, TopicTagger(book.topics, encoder))


async def ensure_current(db: Database, book: PartyBook, encoder: Encoder | None) -> None:
    """Bring stored analysis up to date with the parties file and the embedding model.

    Statements depend on the parties file and vectors on the model; when either changed since
    the last run, everything derived from it is recomputed, so answers never mix two versions.
    """
    if encoder is not None and await db.get_meta("embedding_model") != encoder.name:
        await _embed_missing(db, encoder)
    if await db.get_meta("parties_digest") != book.digest:
        await reattribute(db, book, encoder)


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
                "INSERT INTO embeddings (sentence_id, model_id, content_hash, vector)"
                " VALUES (?, ?, ?, ?)",
                [
                    (r[0], model_id, content_hash(r[1]), v.tobytes())
                    for r, v in zip(chunk, vectors, strict=True)
                ],
            )
    async with db.transaction() as conn:
        await db.set_meta(conn, "embedding_model", encoder.name)


async def reattribute(db: Database, book: PartyBook, encoder: Encoder | None) -> int:
    """Re-run attribution and topic tagging over every stored document; returns how many."""
    model = await db.fetchone(
        "SELECT id, dimension FROM models WHERE name = ?",
        (encoder.name if encoder else await db.get_meta("embedding_model") or "",),
    )
    tagger = TopicTagger(book.topics, encoder)
    documents = await db.fetchall("SELECT id, text FROM documents ORDER BY id")
    for document_id, text in documents:
        rows = await db.fetchall(
            "SELECT s.start, s.end, s.paragraph, e.vector FROM sentences s LEFT JOIN embeddings e"
            " ON e.sentence_id = s.id AND e.model_id = ? WHERE s.document_id = ? ORDER BY s.seq",
            (model[0] if model else -1, document_id),
        )
        sentences = [Sentence(r[0], r[1], r[2]) for r in rows]
        attribution = attribute(text, sentences, book)
        spans = [(s.start, s.end) for s in attribution.statements]
        vectors = None
        if model is not None and rows and all(r[3] is not None for r in rows):
            matrix = np.stack([np.frombuffer(r[3], dtype=np.float32) for r in rows])
            vectors = statement_vectors(spans, sentences, matrix)
        topics = tagger.tag([text[a:b] for a, b in spans], vectors)
        async with db.transaction() as conn:
            await write_statements(conn, document_id, attribution.statements, topics, attribution)
    async with db.transaction() as conn:
        await db.set_meta(conn, "parties_digest", book.digest)
    return len(documents)


def progress_printer(
    stream: TextIO | None = None,
) -> tuple[Callable[[int], None], Callable[[IngestOutcome], None]]:
    """A progress bar on a terminal and one line per problem anywhere else."""
    from tqdm import tqdm

    stream = stream or sys.stderr

    bar: list[tqdm] = []

    def on_total(total: int) -> None:
        bar.append(
            tqdm(total=total, unit="file", file=stream, disable=not stream.isatty(), leave=False)
        )

    def on_progress(outcome: IngestOutcome) -> None:
        if outcome.status in ("error", "duplicate"):
            (bar[0].write if bar else print)(f"skipped {outcome.line()}", file=stream)
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
    entries = manifests_for([path])
    prep = prepare(
        str(path), read_bytes(path, max_bytes), book, max_bytes=max_bytes,
        entry=entries.get(manifest_key(path)),
    )  # fmt: skip
    text, statements = prep.page.text, prep.attribution.statements
    spans = [(s.start, s.end) for s in statements]
    vectors = encoder.encode(prep.sentence_texts())
    topics = TopicTagger(book.topics, encoder).tag(
        [text[a:b] for a, b in spans], statement_vectors(spans, prep.sentences, vectors)
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
