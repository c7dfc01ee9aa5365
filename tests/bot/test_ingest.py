"""Indexing as a user runs it: `negobot index`, then `negobot sources --json`."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.cli import main

CP1252_ARTICLE = (
    "Talks resume in Cairo\n\n"
    "CAIRO - Egyptian mediators met both delegations on Monday, officials said.\n\n"
    "“We are ready to discuss a pause,” said an Egyptian official, speaking at the café "
    "near the ministry. The délégation left at noon.\n"
)

SEED_FILES = sorted(p.name for p in (Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
FURNITURE = [
    "Skip to main content",
    "Advertisement",
    "Trinity Audio",
    "Must Read",
    "Latest News",
    "More Articles Like This",
    "Leave a Comment",
    "LEAVE A REPLY",
    "Please enter your comment",
    "Your email address will not be published",
    "Akismet",
    "icon-facebook",
    "Share:",
    "Read also:",
    "Also read:",
    "#Hamas #Refuses",
    "min read",
    "Hezbollah Leader Qassem Demands",
    "(Al-Jazeera Doc)",
]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def sources(capsys: pytest.CaptureFixture[str], db: Path) -> dict[str, dict]:
    code, out, _ = run(capsys, "--db", str(db), "sources", "--json")
    assert code == 0
    return {Path(d["path"]).name: d for d in json.loads(out)}


def test_seeds_are_indexed_with_manifest_dates_and_provenance(
    capsys: pytest.CaptureFixture[str], seeds_dir: Path, tmp_path: Path
) -> None:
    db = tmp_path / "n.sqlite3"
    code, out, _ = run(capsys, "--db", str(db), "index", str(seeds_dir))
    assert code == 0
    assert "Hamas rejects any temporary truce" in out  # the sources table is printed
    docs = sources(capsys, db)
    assert sorted(docs) == SEED_FILES
    expected = {
        "000_c3c2e161cbe09d10.txt": ("2023-12-26", False),
        "001_1839c4edc04cbc6b.txt": ("2024-05-04", True),
        "002_ba4e27dd51c8de91.txt": ("2023-12-22", True),
        "003_e3389f4aefd411e0.txt": ("2024-05-26", False),
        "004_fc220f2e4f6cd485.txt": ("2024-08-15", True),
    }
    for name, (published, approximate) in expected.items():
        doc = docs[name]
        assert (doc["published"], doc["approximate"], doc["date_source"]) == (
            published,
            approximate,
            "manifest",
        ), name
        assert doc["path"] == os.path.join(str(seeds_dir), name)
        assert doc["sentences"] > 5 and len(doc["sha256"]) == 64
    assert docs["000_c3c2e161cbe09d10.txt"]["author"] == "Ali Karbalaei"
    assert docs["000_c3c2e161cbe09d10.txt"]["outlet"] == "Tehran Times"
    assert docs["004_fc220f2e4f6cd485.txt"]["title"] == (
        "Hamas Refuses to Engage in Gaza Ceasefire Negotiations"
    )


def test_without_the_manifest_dates_come_from_the_articles_own_text_or_the_page(
    capsys: pytest.CaptureFixture[str], seeds_dir: Path, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in SEED_FILES:
        shutil.copy(seeds_dir / name, corpus / name)
    db = tmp_path / "n.sqlite3"
    code, _, err = run(capsys, "--db", str(db), "index", "-q", str(corpus))
    assert code == 0, err
    docs = sources(capsys, db)
    dated = {name: (d["published"], d["date_source"]) for name, d in docs.items()}
    assert dated == {
        "000_c3c2e161cbe09d10.txt": ("2023-12-26", "text"),
        "001_1839c4edc04cbc6b.txt": (None, "unknown"),
        # The lone date at the top of 002 is the page's crawl date: kept, but ranked as such.
        "002_ba4e27dd51c8de91.txt": ("2024-11-22", "page"),
        "003_e3389f4aefd411e0.txt": ("2024-05-26", "text"),
        "004_fc220f2e4f6cd485.txt": (None, "unknown"),
    }


def test_no_stored_sentence_contains_page_furniture(seeded_db_path: Path) -> None:
    conn = sqlite3.connect(seeded_db_path)
    sentences = [r[0] for r in conn.execute("SELECT text FROM sentences")]
    conn.close()
    for sentence in sentences:
        for furniture in FURNITURE:
            assert furniture not in sentence, sentence


def test_every_article_sentence_is_kept(seeded_db_path: Path) -> None:
    conn = sqlite3.connect(seeded_db_path)
    stored = " ".join(r[0] for r in conn.execute("SELECT text FROM sentences"))
    conn.close()
    for sentence in [
        "There are several examples that have been pointed out and criticized.",
        "Successive rounds of talks since late December have failed to bridge the gap.",
        "They are not falling for an Israeli trick to accept another truce for a number of days.",
        "Neither side trusts the other which is why the Palestinians are seeking written",
        "The involvement of international actors adds a layer of complexity to the negotiations.",
        "Hamas refused to participate in a new round of ceasefire talks in Gaza on Thursday",
        "(The Guardian/Z-2)",
    ]:
        assert sentence in stored


def test_sentences_are_verbatim_spans_of_the_stored_text(seeded_db_path: Path) -> None:
    conn = sqlite3.connect(seeded_db_path)
    rows = conn.execute(
        "SELECT s.text, substr(d.text, s.start + 1, s.end - s.start) FROM sentences s"
        " JOIN documents d ON d.id = s.document_id"
    ).fetchall()
    conn.close()
    assert rows and all(a == b for a, b in rows)


def test_indexing_twice_changes_nothing(
    capsys: pytest.CaptureFixture[str], seeded_db_copy: Path, seeds_dir: Path
) -> None:
    before = sources(capsys, seeded_db_copy)
    code, _, err = run(capsys, "--db", str(seeded_db_copy), "index", "-q", str(seeds_dir))
    assert code == 0 and "5 unchanged" in err
    assert sources(capsys, seeded_db_copy) == before


def test_a_changed_file_replaces_its_old_version(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seeds_dir: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_bytes((seeds_dir / SEED_FILES[3]).read_bytes())
    db = tmp_path / "n.sqlite3"
    run(capsys, "--db", str(db), "index", "-q", str(article))
    article.write_text(
        article.read_text(encoding="utf-8") + "\nHamas said it would send a delegation to Cairo.\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "--db", str(db), "index", "-q", str(article))
    assert code == 0 and "1 replaced" in err
    (doc,) = sources(capsys, db).values()
    conn = sqlite3.connect(db)
    texts = [r[0] for r in conn.execute("SELECT text FROM sentences")]
    orphans = conn.execute(
        "SELECT COUNT(*) FROM embeddings e LEFT JOIN sentences s ON s.id = e.sentence_id"
        " WHERE s.id IS NULL"
    ).fetchone()[0]
    conn.close()
    assert "Hamas said it would send a delegation to Cairo." in texts
    assert doc["sentences"] == len(texts) and orphans == 0


def test_each_bad_input_gets_one_clear_line_and_the_rest_is_indexed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seeds_dir: Path
) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "good.txt").write_bytes((seeds_dir / SEED_FILES[0]).read_bytes())
    (batch / "copy.txt").write_bytes((seeds_dir / SEED_FILES[0]).read_bytes())
    (batch / "empty.txt").write_bytes(b"")
    (batch / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (batch / "huge.txt").write_bytes(b"Hamas said no. " * 200_000)
    (batch / "legacy.txt").write_bytes(CP1252_ARTICLE.encode("cp1252"))
    (batch / "nothing.html").write_text(
        "<html><head><title>x</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
        encoding="utf-8",
    )
    (batch / "loop.txt").symlink_to(batch / "loop.txt")
    empty_folder = tmp_path / "nothing-here"
    empty_folder.mkdir()
    (empty_folder / "notes.pdf").write_bytes(b"%PDF")
    db = tmp_path / "n.sqlite3"
    code, _, err = run(
        capsys, "--db", str(db), "index", "-q", str(batch), str(tmp_path / "missing"),
        str(empty_folder),
    )  # fmt: skip
    assert code == 0
    lines = [line for line in err.splitlines() if line.startswith("skipped ")]
    reasons = {Path(line.removeprefix("skipped ").split(": ")[0]).name: line for line in lines}
    assert "no such file" in reasons["missing"]
    assert "no .txt, .md or .html" in reasons["nothing-here"]
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "limit" in reasons["huge.txt"]
    assert "cannot read" in reasons["loop.txt"]
    assert "article" in reasons["nothing.html"]
    assert "same content as" in reasons["good.txt"] or "same content as" in reasons["copy.txt"]
    assert len(lines) == 8
    names = {Path(p).name for p in sources(capsys, db)}
    assert names == {"legacy.txt", next(n for n in ("copy.txt", "good.txt") if n not in reasons)}


def test_legacy_encoded_text_is_read_correctly(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(CP1252_ARTICLE.encode("cp1252"))
    db = tmp_path / "n.sqlite3"
    run(capsys, "--db", str(db), "index", "-q", str(path))
    conn = sqlite3.connect(db)
    stored = conn.execute("SELECT text FROM documents").fetchone()[0]
    conn.close()
    assert stored == CP1252_ARTICLE and "“" in stored and "é" in stored


def test_an_interrupted_index_leaves_the_database_consistent_and_a_rerun_finishes(
    tmp_path: Path, seeds_dir: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    # Seed 1's article runs to its last line, so each appended sentence makes another article.
    base = (seeds_dir / SEED_FILES[1]).read_text(encoding="utf-8")
    for i in range(120):
        (corpus / f"a{i:03}.txt").write_text(
            base + f"\nHamas official number {i} said talks would resume on day {i}.\n",
            encoding="utf-8",
        )
    db = tmp_path / "n.sqlite3"
    cmd = [sys.executable, "-m", "bot.cli", "--db", str(db), "index", "-q", str(corpus)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    indexed = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                conn = sqlite3.connect(db, timeout=0.1)
                indexed = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
                conn.close()
            except sqlite3.OperationalError:
                continue
            if indexed >= 1:
                break
    assert proc.poll() is None and indexed >= 1, "indexing finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    incomplete = conn.execute(
        "SELECT COUNT(*) FROM documents d WHERE NOT EXISTS"
        " (SELECT 1 FROM sentences s JOIN embeddings e ON e.sentence_id = s.id"
        "  WHERE s.document_id = d.id)"
    ).fetchone()[0]
    partial = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    conn.close()
    assert incomplete == 0 and partial < 120
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 120
    conn.close()
