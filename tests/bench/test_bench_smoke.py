"""The benchmark's own parts on tiny inputs (the benchmark itself runs for minutes, outside CI)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import tomllib
from pathlib import Path

import numpy as np
import pytest

from bench import corpus, run, synth
from storage import Database


def test_generated_articles_are_distinct_dated_within_the_year_and_keep_the_parties(
    tmp_path: Path,
) -> None:
    folder = corpus.build_corpus(tmp_path / "c", 15)
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    assert len(texts) == len(set(texts)) == 15
    entries = tomllib.loads((folder / "manifest.toml").read_text(encoding="utf-8"))["article"]
    last = corpus.FIRST_DAY + dt.timedelta(days=corpus.DAYS)
    assert entries and all(corpus.FIRST_DAY <= e["published"] <= last for e in entries)
    assert all("Hamas" in t for t in texts)
    assert (folder / "parties.toml").is_file()


async def tiny_database(path: Path) -> None:
    rng = np.random.default_rng(0)
    async with await Database.open(path) as db, db.transaction() as conn:
        await conn.execute("INSERT INTO models (id, name, dimension) VALUES (1, 'm', 8)")
        await conn.execute(
            "INSERT INTO documents (id, sha256, path, published, date_source, text, ingested_at)"
            " VALUES (1, 'a', 'a.txt', '2024-01-01', 'manifest', 'One. Two.', 'now')"
        )
        for i in (1, 2):
            vector = rng.standard_normal(8).astype(np.float32)
            await conn.execute(
                "INSERT INTO sentences (id, document_id, seq, paragraph, start, end, text)"
                " VALUES (?, 1, ?, 0, 0, 4, 'One.')",
                (i, i),
            )
            await conn.execute(
                "INSERT INTO embeddings (sentence_id, model_id, content_hash, vector)"
                " VALUES (?, 1, 'h', ?)",
                (i, (vector / np.linalg.norm(vector)).tobytes()),
            )
        await conn.execute(
            "INSERT INTO statements (id, document_id, seq, kind, party, start, end,"
            " content_start, content_end) VALUES (1, 1, 0, 'quote', 'Hamas', 0, 4, 0, 4)"
        )
        await conn.execute("INSERT INTO statement_topics (statement_id, topic) VALUES (1, 'truce')")


async def test_grown_database_copies_rows_redates_them_and_perturbs_every_vector(
    tmp_path: Path,
) -> None:
    base, grown = tmp_path / "base.sqlite3", tmp_path / "grown.sqlite3"
    await tiny_database(base)
    assert synth.grow(base, grown, 10) == 10
    with sqlite3.connect(grown) as conn:
        assert conn.execute("SELECT COUNT(*) FROM statements").fetchone()[0] == 5
        dates = conn.execute(
            "SELECT s.published, d.published FROM statements s JOIN documents d"
            " ON d.id = s.document_id"
        ).fetchall()
        assert all(a == b for a, b in dates) and len({d for d, _ in dates}) > 1
        topics = conn.execute("SELECT party FROM statement_topics").fetchall()
        assert topics == [("Hamas",)] * 5
        vectors = np.array(
            [np.frombuffer(v, dtype=np.float32) for (v,) in conn.execute(
                "SELECT vector FROM embeddings"
            )]
        )  # fmt: skip
    assert len(vectors) == 10 and len({v.tobytes() for v in vectors}) == 10
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    assert synth.add_article(grown, 1) == synth.add_article(grown, 1) == 2


def test_two_results_compare_side_by_side(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, value in (("a.json", 10.0), ("b.json", 4.0)):
        (tmp_path / name).write_text(
            json.dumps({"scales": {"1M": {"ask.p95_ms": value}}}), encoding="utf-8"
        )
    assert run.main(["--compare", str(tmp_path / "a.json"), str(tmp_path / "b.json")]) == 0
    out = capsys.readouterr().out
    assert "a.json" in out and "b.json" in out and "ask.p95_ms | 10.0 | 4.0" in out
