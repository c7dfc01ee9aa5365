"""The tenth held-out gold (Congo-Rwanda and M23 peace talks, 2025) must be internally sound, or
the final measurement it feeds is noise.

These checks read only the gold, the manifest, the articles and this set's own parties file (a
negotiation other than the seeds', written as a user would): a broken excerpt, a latest flag on
the wrong statement or a date that disagrees with the manifest would silently skew the
attribution scores.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest

from bot.page import parse_page
from bot.parties import load_party_book

HERE = Path(__file__).resolve().parent
GOLD = tomllib.loads((HERE / "gold.toml").read_text(encoding="utf-8"))
MANIFEST = tomllib.loads((HERE / "manifest.toml").read_text(encoding="utf-8"))
PARTIES = tomllib.loads((HERE / "parties.toml").read_text(encoding="utf-8"))
KINDS = {"quote", "reported", "stance", "denial"}
ARTICLES = GOLD["article"]


def _plain(name: str) -> str:
    """Gold excerpts are typed with plain spaces, as the evaluation reads them."""
    return (HERE / name).read_text(encoding="utf-8").replace("\xa0", " ")


def _count(text: str, excerpt: str) -> int:
    count, at = 0, text.find(excerpt)
    while at != -1:
        count, at = count + 1, text.find(excerpt, at + 1)
    return count


def _ids(article: dict[str, Any]) -> str:
    return str(article["file"])


@pytest.mark.parametrize("article", ARTICLES, ids=_ids)
def test_every_statement_excerpt_occurs_exactly_once(article: dict[str, Any]) -> None:
    raw = _plain(article["file"])
    parsed = parse_page(raw, "text").text.replace("\xa0", " ")
    for st in article["statement"]:
        assert _count(raw, st["text"]) == 1, st["text"]
        assert _count(parsed, st["text"]) == 1, st["text"]


@pytest.mark.parametrize("article", ARTICLES, ids=_ids)
def test_furniture_occurs_and_never_overlaps_a_statement(article: dict[str, Any]) -> None:
    text = _plain(article["file"])
    starts = [(text.find(st["text"]), len(st["text"])) for st in article["statement"]]
    spans = [(at, at + size) for at, size in starts]
    for excerpt in article["furniture"]:
        at = text.find(excerpt)
        assert at != -1, excerpt
        while at != -1:
            end = at + len(excerpt)
            assert all(end <= s or e <= at for s, e in spans), excerpt
            at = text.find(excerpt, at + 1)


@pytest.mark.parametrize("article", ARTICLES, ids=_ids)
def test_labels_use_known_parties_topics_and_kinds(article: dict[str, Any]) -> None:
    parties = {p["name"] for p in PARTIES["party"]}
    topics = {t["key"] for t in PARTIES["topic"]}
    for st in article["statement"]:
        assert st.get("party") in parties | {None}, st["text"]
        assert set(st["topics"]) <= topics, st["text"]
        assert st["kind"] in KINDS, st["text"]
        assert st["speaker"].strip(), st["text"]


def test_latest_flags_mark_each_partys_last_statement() -> None:
    """Latest = last by publication date, then by position in the article."""
    last: dict[str, tuple[dt.date, int, str, str]] = {}
    flagged: dict[str, list[tuple[str, str]]] = {}
    for article in ARTICLES:
        text = _plain(article["file"])
        published = dt.date.fromisoformat(article["published"])
        for st in article["statement"]:
            party = st.get("party")
            if party is None:
                assert not st.get("latest"), st["text"]
                continue
            key = (published, text.find(st["text"]), article["file"], st["text"])
            if party not in last or key[:2] > last[party][:2]:
                last[party] = key
            if st.get("latest"):
                flagged.setdefault(party, []).append((article["file"], st["text"]))
    assert set(flagged) == set(last)
    for party, (_, _, name, excerpt) in last.items():
        assert flagged[party] == [(name, excerpt)], party


def test_manifest_dates_and_files_match_the_gold() -> None:
    manifest = {a["file"]: a["published"] for a in MANIFEST["article"]}
    gold = {a["file"]: dt.date.fromisoformat(a["published"]) for a in ARTICLES}
    on_disk = {p.name for p in HERE.glob("*.txt")}
    assert manifest == gold
    assert set(gold) == on_disk


@pytest.mark.parametrize("article", ARTICLES, ids=_ids)
def test_articles_are_news_length(article: dict[str, Any]) -> None:
    assert 350 <= len(_plain(article["file"]).split()) <= 600


def test_every_party_speaks_somewhere_in_the_set() -> None:
    """A party with no statement here would leave its attribution unmeasured."""
    parties = {p["name"] for p in PARTIES["party"]}
    spoken = {st.get("party") for article in ARTICLES for st in article["statement"]}
    assert parties <= spoken


def test_the_sets_parties_file_loads_as_a_user_would_pass_it() -> None:
    """The labels are only measurable if negobot reads the same parties and topics from the file."""
    book = load_party_book(HERE / "parties.toml")
    assert book.party_names() == [p["name"] for p in PARTIES["party"]]
    assert [t.key for t in book.topics] == [t["key"] for t in PARTIES["topic"]]
