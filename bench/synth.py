"""A million-sentence database without a million encodings.

The rows of an ingested corpus (documents, paragraphs, sentences, statements and their topics,
mentions, embeddings) are copied until the database holds the wanted number of sentences. Each
copy of a document gets a new publication date within the year, and each copied vector a small
random perturbation (renormalised), so dates order differently and no two vectors are the same.
The statements' denormalised columns are filled by the database's own triggers, as in ingest.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import numpy as np

from bench.corpus import DAYS, FIRST_DAY

NOISE = 0.3  # norm of the perturbation relative to the unit vector: cosine to the original ~0.96


def _max_id(conn: sqlite3.Connection, table: str, column: str = "id") -> int:
    return int(conn.execute(f"SELECT COALESCE(MAX({column}), 0) FROM {table}").fetchone()[0])


def grow(base: Path, target: Path, sentences: int, *, seed: int = 0) -> int:
    """Copy `base` to `target` and replicate its rows to at least `sentences`; returns the count."""
    shutil.copyfile(base, target)
    conn = sqlite3.connect(target, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    rng = np.random.default_rng(seed)
    tops = {
        t: _max_id(conn, t)
        for t in ("documents", "paragraphs", "sentences", "statements", "mentions")
    }
    base_sentences = int(conn.execute("SELECT COUNT(*) FROM sentences").fetchone()[0])
    rows = conn.execute(
        "SELECT sentence_id, model_id, content_hash, vector FROM embeddings ORDER BY sentence_id"
    ).fetchall()
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    models = [r[1] for r in rows]
    hashes = [r[2] for r in rows]
    vectors = np.frombuffer(b"".join(r[3] for r in rows), dtype=np.float32).reshape(len(rows), -1)
    total, copy = base_sentences, 0
    while total < sentences:
        copy += 1
        off = {t: top * copy for t, top in tops.items()}
        conn.execute("BEGIN")
        conn.execute(
            "INSERT INTO documents (id, sha256, path, url, title, author, outlet, dateline,"
            " published, date_source, approximate, page_date, text, ingested_at)"
            " SELECT id + ?, sha256 || '-' || ?, path || '#' || ?, url, title, author, outlet,"
            " dateline, CASE WHEN published IS NULL THEN NULL ELSE"
            " date(?, printf('+%d days', abs(random()) % ?)) END, date_source, approximate,"
            " page_date, text, ingested_at FROM documents WHERE id <= ?",
            (off["documents"], copy, copy, FIRST_DAY.isoformat(), DAYS, tops["documents"]),
        )
        conn.execute(
            "INSERT INTO paragraphs (id, document_id, seq, start, end) SELECT id + ?,"
            " document_id + ?, seq, start, end FROM paragraphs WHERE id <= ?",
            (off["paragraphs"], off["documents"], tops["paragraphs"]),
        )
        conn.execute(
            "INSERT INTO sentences (id, document_id, seq, paragraph, start, end, text)"
            " SELECT id + ?, document_id + ?, seq, paragraph, start, end, text FROM sentences"
            " WHERE id <= ?",
            (off["sentences"], off["documents"], tops["sentences"]),
        )
        conn.execute(
            "INSERT INTO statements (id, document_id, seq, kind, party, speaker, speaker_start,"
            " speaker_end, start, end, content_start, content_end, quote_start, quote_end)"
            " SELECT id + ?, document_id + ?, seq, kind, party, speaker, speaker_start,"
            " speaker_end, start, end, content_start, content_end, quote_start, quote_end"
            " FROM statements WHERE id <= ?",
            (off["statements"], off["documents"], tops["statements"]),
        )
        conn.execute(
            "INSERT INTO statement_topics (statement_id, topic) SELECT statement_id + ?, topic"
            " FROM statement_topics WHERE statement_id <= ?",
            (off["statements"], tops["statements"]),
        )
        conn.execute(
            "INSERT INTO mentions (id, document_id, party, start, end) SELECT id + ?,"
            " document_id + ?, party, start, end FROM mentions WHERE id <= ?",
            (off["mentions"], off["documents"], tops["mentions"]),
        )
        noise = rng.standard_normal(vectors.shape, dtype=np.float32)
        noise *= NOISE / np.linalg.norm(noise, axis=1, keepdims=True)
        moved = vectors + noise
        moved /= np.linalg.norm(moved, axis=1, keepdims=True)
        conn.executemany(
            "INSERT INTO embeddings (sentence_id, model_id, content_hash, vector)"
            " VALUES (?, ?, ?, ?)",
            (
                (int(i) + off["sentences"], m, h, v.tobytes())
                for i, m, h, v in zip(ids, models, hashes, moved, strict=True)
            ),
        )
        conn.execute("COMMIT")
        total += base_sentences
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return total


def add_article(db_path: Path, document_id: int) -> int:
    """Index a copy of one document as ingest would (new ids, same vectors); returns sentences."""
    conn = sqlite3.connect(db_path, isolation_level=None)
    tops = {t: _max_id(conn, t) for t in ("documents", "sentences")}
    conn.execute("BEGIN")
    conn.execute(
        "INSERT INTO documents (id, sha256, path, published, date_source, text, ingested_at)"
        " SELECT ?1, sha256 || '-' || ?1, path || '#' || ?1, published, date_source, text,"
        " ingested_at FROM documents WHERE id = ?2",
        (tops["documents"] + 1, document_id),
    )
    conn.execute(
        "INSERT INTO sentences (id, document_id, seq, paragraph, start, end, text)"
        " SELECT id - (SELECT MIN(id) FROM sentences WHERE document_id = ?) + ?, ?, seq,"
        " paragraph, start, end, text FROM sentences WHERE document_id = ?",
        (document_id, tops["sentences"] + 1, tops["documents"] + 1, document_id),
    )
    added = conn.execute(
        "INSERT INTO embeddings (sentence_id, model_id, content_hash, vector)"
        " SELECT s.id - (SELECT MIN(id) FROM sentences WHERE document_id = ?) + ?, e.model_id,"
        " e.content_hash, e.vector FROM sentences s JOIN embeddings e ON e.sentence_id = s.id"
        " WHERE s.document_id = ?",
        (document_id, tops["sentences"] + 1, document_id),
    ).rowcount
    conn.execute("COMMIT")
    conn.close()
    return added
