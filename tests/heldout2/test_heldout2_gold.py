"""The blind held-out gold is only an honest measurement if it is internally sound.

A gold excerpt that is missing, ambiguous or inside page furniture would make the evaluation
raise or score the wrong span; a `latest` flag on the wrong statement would silently grade the
"latest position" answer against the wrong quote. These checks need no model.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest

from bot.manifest import load_manifest, manifest_key
from bot.parties import PartyBook

HERE = Path(__file__).resolve().parent
KINDS = {"quote", "reported", "stance", "denial"}


def _gold() -> list[dict[str, Any]]:
    return tomllib.loads((HERE / "gold.toml").read_text(encoding="utf-8"))["article"]


def _plain(article: dict[str, Any]) -> str:
    """As the evaluation reads it: no-break spaces count as plain spaces."""
    return (HERE / article["file"]).read_text(encoding="utf-8").replace("\xa0", " ")


ARTICLES = _gold()


def test_every_article_file_is_labelled_once() -> None:
    labelled = [a["file"] for a in ARTICLES]
    on_disk = sorted(p.name for p in HERE.glob("*.txt"))
    assert sorted(labelled) == on_disk
    assert len(set(labelled)) == len(labelled)


def test_manifest_dates_match_the_gold() -> None:
    manifest = load_manifest(HERE / "manifest.toml")
    for article in ARTICLES:
        entry = manifest[manifest_key(HERE / article["file"])]
        assert entry.published == dt.date.fromisoformat(article["published"]), article["file"]


@pytest.mark.parametrize("article", ARTICLES, ids=[a["file"] for a in ARTICLES])
def test_excerpts_are_unique_and_clear_of_furniture(article: dict[str, Any]) -> None:
    text = _plain(article)
    furniture: list[tuple[int, int, str]] = []
    for excerpt in article["furniture"]:
        at = text.find(excerpt)
        assert at != -1, f"furniture not found: {excerpt!r}"
        while at != -1:
            furniture.append((at, at + len(excerpt), excerpt))
            at = text.find(excerpt, at + 1)
    for statement in article["statement"]:
        excerpt = statement["text"]
        assert text.count(excerpt) == 1, f"not exactly once: {excerpt!r}"
        start = text.find(excerpt)
        end = start + len(excerpt)
        for f_start, f_end, name in furniture:
            assert end <= f_start or f_end <= start, f"{excerpt!r} overlaps furniture {name!r}"


@pytest.mark.parametrize("article", ARTICLES, ids=[a["file"] for a in ARTICLES])
def test_labels_use_known_parties_topics_and_kinds(
    article: dict[str, Any], book: PartyBook
) -> None:
    parties = set(book.party_names())
    topics = set(book.topic_keys())
    for statement in article["statement"]:
        assert statement.get("party") in parties | {None}, statement
        assert statement["kind"] in KINDS, statement
        assert set(statement["topics"]) <= topics, statement
        assert statement["speaker"].strip(), statement


def test_latest_flags_mark_each_partys_last_statement(book: PartyBook) -> None:
    """Latest = last by publication date, then by position in the article."""
    last: dict[str, tuple[dt.date, int, str]] = {}
    flagged: dict[str, list[str]] = {}
    for article in ARTICLES:
        text = _plain(article)
        published = dt.date.fromisoformat(article["published"])
        for statement in article["statement"]:
            party = statement.get("party")
            if party is None:
                continue
            where = (published, text.find(statement["text"]), statement["text"])
            if party not in last or where[:2] > last[party][:2]:
                last[party] = where
            if statement.get("latest"):
                flagged.setdefault(party, []).append(statement["text"])
    assert set(last) == set(book.party_names()), "every party should speak somewhere"
    assert flagged == {party: [where[2]] for party, where in last.items()}
