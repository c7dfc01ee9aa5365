"""The indexed queries of `bot.positions` answer in exactly the documented order: latest
publication date first, undated last, newest document first among equal dates, then reading
order; and the dates copied onto statements follow their document (migration 004)."""

from __future__ import annotations

import random
from pathlib import Path

from bot.parties import PartyBook, load_party_book
from bot.positions import compare, position, timeline
from bot.settings import SEEDS_DIR
from storage import Database

REFERENCE = (
    "SELECT s.id FROM statements s JOIN documents d ON d.id = s.document_id WHERE s.party = ?"
    " {topic} ORDER BY d.published IS NULL, d.published DESC, d.id DESC, s.seq ASC"
)
ON_TOPIC = (
    "AND EXISTS (SELECT 1 FROM statement_topics t WHERE t.statement_id = s.id AND t.topic = ?)"
)


async def random_corpus(db: Database, book: PartyBook, rng: random.Random) -> None:
    parties, topics = book.party_names(), book.topic_keys()
    dates = [None, "2024-01-01", "2024-01-02", "2024-03-15", "2023-12-31"]
    statement_id = 0
    async with db.transaction() as conn:
        for doc in range(1, 61):
            await conn.execute(
                "INSERT INTO documents (id, sha256, path, published, date_source, text,"
                " ingested_at) VALUES (?, ?, ?, ?, 'manifest', ?, 'now')",
                (doc, f"s{doc}", f"p{doc}", rng.choice(dates), "x" * 200),
            )
            for seq in range(rng.randrange(0, 8)):
                statement_id += 1
                await conn.execute(
                    "INSERT INTO statements (id, document_id, seq, kind, party, start, end,"
                    " content_start, content_end) VALUES (?, ?, ?, 'quote', ?, ?, ?, 0, 1)",
                    (statement_id, doc, seq, rng.choice([*parties[:3], None]), seq, seq + 5),
                )
                for topic in rng.sample(topics, rng.randrange(0, 3)):
                    await conn.execute(
                        "INSERT INTO statement_topics (statement_id, topic) VALUES (?, ?)",
                        (statement_id, topic),
                    )


async def reference(db: Database, party: str, topic: str | None) -> list[int]:
    sql = REFERENCE.format(topic=ON_TOPIC if topic else "")
    rows = await db.fetchall(sql, (party, topic) if topic else (party,))
    return [r[0] for r in rows]


async def test_indexed_order_equals_the_documented_order_for_every_party_and_topic(
    tmp_path: Path,
) -> None:
    book = load_party_book(SEEDS_DIR / "parties.toml")
    async with await Database.open(tmp_path / "n.sqlite3") as db:
        await random_corpus(db, book, random.Random(7))
        async with db.transaction() as conn:  # a date corrected after indexing moves its statements
            await conn.execute("UPDATE documents SET published = '2025-01-01' WHERE id = 5")
            await conn.execute("UPDATE documents SET published = NULL WHERE id = 6")
        checked = 0
        for party in book.party_names()[:3]:
            for topic in [None, *book.topic_keys()]:
                expected = await reference(db, party, topic)
                for limit in (1, 10, None):
                    got = await position(db, book, party, topic, limit)
                    assert [s.id for s in got.statements] == expected[:limit]
                line = await timeline(db, book, party, topic, 10)
                assert [e.statement.id for e in line.entries] == expected[:10][::-1]
                checked += len(expected)
        assert checked > 100
        table = await compare(db, book, book.party_names()[:3])
        for key, row in table.topics.items():
            for party, view in row.items():
                expected = await reference(db, party, key)
                assert (view.id if view else None) == (expected[0] if expected else None)
