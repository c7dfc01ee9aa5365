"""Stored analysis kept true to its inputs: a changed parties file, a corrected manifest entry,
and a page fetched again around an unchanged article."""

from __future__ import annotations

import asyncio
import io
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.embedding import Encoder
from bot.engine import open_engine
from bot.ingest import ensure_current, ingest_bytes, ingest_paths, progress_printer, reattribute
from bot.parties import PartyBook, load_party_book
from bot.positions import position, statements_since
from bot.settings import Settings
from storage import Database

HAMAS = '[[party]]\nname = "Hamas"\n'
RENAMED = "Islamic Resistance Movement (Hamas)"
PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"


def parties_renaming_hamas(seeds_dir: Path, folder: Path) -> Path:
    """The seeds' parties file giving Hamas another canonical name ("Hamas" stays a short name)."""
    text = (seeds_dir / "parties.toml").read_text(encoding="utf-8")
    assert HAMAS in text
    path = folder / "parties.toml"
    path.write_text(text.replace(HAMAS, f'[[party]]\nname = "{RENAMED}"\n'), encoding="utf-8")
    return path


def parties_of(rows: list[tuple[object, ...]]) -> set[object]:
    return {r[3] for r in rows}


def analysis(db: Path, *, topics: bool = True) -> list[tuple[object, ...]]:
    """Every stored statement as a user would see it: where, who, which party, about what."""
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT d.path, s.seq, s.kind, s.party, s.speaker, s.start, s.end,"
        " (SELECT group_concat(topic, ',') FROM (SELECT topic FROM statement_topics t"
        "  WHERE t.statement_id = s.id ORDER BY topic))"
        " FROM statements s JOIN documents d ON d.id = s.document_id ORDER BY d.path, s.seq"
    ).fetchall()
    conn.close()
    return [r if topics else r[:-1] for r in rows]


async def index_fresh(path: Path, corpus: Path, encoder: Encoder, book: PartyBook) -> None:
    db = await Database.open(path)
    try:
        report = await ingest_paths(db, [str(corpus)], encoder=encoder, book=book)
        assert report.count("indexed") == 5
    finally:
        await db.close()


async def test_opening_the_engine_reattributes_with_a_changed_parties_file_as_ingest_would(
    seeded_db_copy: Path, seeds_dir: Path, tmp_path: Path, encoder: Encoder
) -> None:
    parties = parties_renaming_hamas(seeds_dir, tmp_path)
    new_book = load_party_book(parties)
    fresh = tmp_path / "fresh.sqlite3"
    await index_fresh(fresh, seeds_dir, encoder, new_book)
    old = analysis(seeded_db_copy)
    assert "Hamas" in parties_of(old) and RENAMED not in parties_of(old)
    assert RENAMED in parties_of(analysis(fresh))

    engine = await open_engine(Settings(db=seeded_db_copy, parties=parties, model=encoder.name))
    try:
        said = (await position(engine.db, engine.book, "Hamas", limit=None)).statements
        assert said and {v.party for v in said} == {RENAMED}
        assert analysis(seeded_db_copy, topics=False) == analysis(fresh, topics=False)
        await ensure_current(engine.db, engine.book, encoder)  # what the bot does once loaded
    finally:
        await engine.close()
    assert analysis(seeded_db_copy) == analysis(fresh)


def test_a_query_after_a_parties_change_answers_anew_without_loading_the_model(
    seeded_db_copy: Path, seeds_dir: Path, tmp_path: Path
) -> None:
    parties = parties_renaming_hamas(seeds_dir, tmp_path)
    probe = (
        "import sys; from bot.cli import main; "
        f"code = main(['--db', {str(seeded_db_copy)!r}, '--parties', {str(parties)!r},"
        " 'position', 'Hamas', '--limit', '100', '--json']); "
        "assert 'torch' not in sys.modules and 'sentence_transformers' not in sys.modules; "
        "sys.exit(code)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    said = json.loads(done.stdout)["statements"]
    assert said and {s["party"] for s in said} == {RENAMED}


async def test_two_processes_reattributing_at_once_redo_each_document_once(
    seeded_db_copy: Path, seeds_dir: Path, tmp_path: Path
) -> None:
    book = load_party_book(parties_renaming_hamas(seeds_dir, tmp_path))
    first, second = await Database.open(seeded_db_copy), await Database.open(seeded_db_copy)
    try:
        done = await asyncio.gather(reattribute(first, book, None), reattribute(second, book, None))
        assert sum(done) == 5
        assert await first.get_meta("parties_digest") == book.digest
    finally:
        await first.close()
        await second.close()
    assert RENAMED in parties_of(analysis(seeded_db_copy))
    assert "Hamas" not in parties_of(analysis(seeded_db_copy))


def stored(db: Path, name: str) -> sqlite3.Row:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    row = conn.execute(
        "SELECT d.*, (SELECT group_concat(DISTINCT s.published) FROM statements s"
        " WHERE s.document_id = d.id) AS statement_dates FROM documents d WHERE d.path LIKE ?",
        (f"%{name}",),
    ).fetchone()
    conn.close()
    return row


async def test_a_corrected_manifest_entry_reaches_an_article_already_indexed(
    seeds_dir: Path, tmp_path: Path, encoder: Encoder, book: PartyBook
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir, corpus)
    path = tmp_path / "n.sqlite3"
    await index_fresh(path, corpus, encoder, book)
    name = "003_e3389f4aefd411e0.txt"
    before = stored(path, name)
    assert (before["published"], before["statement_dates"]) == ("2024-05-26", "2024-05-26")
    manifest = corpus / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    entry = f'file = "{name}"\npublished = 2024-05-26\n'
    assert entry in text
    manifest.write_text(
        text.replace(entry, f'file = "{name}"\npublished = 2024-05-27\noutlet = "Reuters"\n'),
        encoding="utf-8",
    )

    db = await Database.open(path)
    try:
        lines = io.StringIO()
        on_total, on_progress = progress_printer(lines)
        report = await ingest_paths(
            db, [str(corpus)], encoder=encoder, book=book, on_total=on_total,
            on_progress=on_progress,
        )  # fmt: skip
        assert report.summary() == "1 updated, 4 unchanged"
        (line,) = lines.getvalue().splitlines()
        assert line.endswith(
            f"{name}: updated: outlet None -> Reuters, published 2024-05-26 -> 2024-05-27"
        )
        after = stored(path, name)
        assert (after["published"], after["outlet"], after["statement_dates"]) == (
            "2024-05-27", "Reuters", "2024-05-27",
        )  # fmt: skip
        assert after["ingested_at"] == before["ingested_at"]  # not news for the digest

        again = await ingest_paths(db, [str(corpus)], encoder=encoder, book=book)
        assert again.summary() == "5 unchanged"

        manifest.write_text(text.replace(entry, f'file = "{name}"\n'), encoding="utf-8")
        dropped = await ingest_paths(db, [str(corpus)], encoder=encoder, book=book)
        assert dropped.summary() == "1 updated, 4 unchanged"
        row = stored(path, name)
        assert row["date_source"] != "manifest" and row["outlet"] is None
    finally:
        await db.close()


def refetched(html: str, stamp: str) -> bytes:
    """The same article page with other adverts, other headlines around it, a new timestamp."""
    return (
        html.replace(
            '<div class="ad">Advertisement</div>', f'<div class="ad">Sale ends {stamp}</div>'
        )
        .replace("Markets slide after surprise rate decision", f"Live: storms at {stamp}")
        .replace("All rights reserved.", f"Page generated {stamp}.")
        .encode("utf-8")
    )


async def test_a_page_fetched_again_around_an_unchanged_article_is_not_news_again(
    tmp_path: Path, encoder: Encoder, book: PartyBook
) -> None:
    html = (PAGES / "news_article.html").read_text(encoding="utf-8")
    name = "https://gazette.example.com/world/qatar-truce-talks#.html"
    db = await Database.open(tmp_path / "n.sqlite3")
    try:
        first = await ingest_bytes(db, name, html.encode("utf-8"), encoder=encoder, book=book)
        assert first.status == "indexed" and first.statements
        watermark = await db.fetchone("SELECT ingested_at FROM documents")
        for stamp in ("2026-03-02 08:15", "2026-03-03 09:40"):
            again = await ingest_bytes(db, name, refetched(html, stamp), encoder=encoder, book=book)
            assert again.status == "unchanged"
        assert await db.fetchone("SELECT ingested_at FROM documents") == watermark
        assert await statements_since(db, book, watermark[0]) == []
        copy = await ingest_bytes(
            db, "https://mirror.example.org/qatar#.html", refetched(html, "x"), encoder=encoder,
            book=book,
        )  # fmt: skip
        assert copy.status == "duplicate"

        edited = html.replace("were at a delicate stage", "had reached a critical stage")
        changed = await ingest_bytes(db, name, edited.encode("utf-8"), encoder=encoder, book=book)
        assert changed.status == "replaced"
        assert await statements_since(db, book, watermark[0])
    finally:
        await db.close()


def test_documents_indexed_before_article_hashes_are_recognised(
    capsys: pytest.CaptureFixture[str], seeded_db_copy: Path, seeds_dir: Path, tmp_path: Path
) -> None:
    from bot.cli import main

    conn = sqlite3.connect(seeded_db_copy)
    conn.execute("UPDATE documents SET text_sha256 = NULL, manifest_digest = NULL")
    conn.commit()
    conn.close()
    copy = tmp_path / "copy"
    copy.mkdir()
    source = seeds_dir / "003_e3389f4aefd411e0.txt"
    (copy / "renamed.txt").write_bytes(source.read_bytes() + b"\n\n")
    assert main(["--db", str(seeded_db_copy), "index", "-q", str(seeds_dir), str(copy)]) == 0
    _, err = capsys.readouterr()
    assert "5 unchanged, 1 duplicate" in err
    assert "renamed.txt: duplicate: same content as" in err
    conn = sqlite3.connect(seeded_db_copy)
    missing = conn.execute("SELECT COUNT(*) FROM documents WHERE text_sha256 IS NULL").fetchone()
    conn.close()
    assert missing == (0,)
