"""The held-out gold must stay consistent with its articles, or every score measured on it lies.

An edited article can silently move or duplicate an excerpt, and a mislabelled `latest` makes
the latest-position score wrong; these checks catch both before anyone reads a score.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from bot.manifest import load_manifest
from bot.parties import PartyBook

HERE = Path(__file__).resolve().parent
GOLD = tomllib.loads((HERE / "gold.toml").read_text(encoding="utf-8"))
KINDS = {"quote", "reported", "stance", "denial"}


def _text(name: str) -> str:
    return (HERE / name).read_text(encoding="utf-8").replace("\xa0", " ")


def _spans(text: str, excerpt: str) -> list[int]:
    found, at = [], text.find(excerpt)
    while at != -1:
        found.append(at)
        at = text.find(excerpt, at + 1)
    return found


@pytest.mark.parametrize("article", GOLD["article"], ids=lambda a: a["file"])
def test_excerpts_occur_exactly_once_and_avoid_furniture(article: dict) -> None:
    text = _text(article["file"])
    furniture = []
    for excerpt in article["furniture"]:
        assert len(_spans(text, excerpt)) == 1, f"furniture {excerpt!r}"
        at = text.find(excerpt)
        furniture.append((at, at + len(excerpt)))
    for st in article["statement"]:
        assert len(_spans(text, st["text"])) == 1, f"statement {st['text']!r}"
        at = text.find(st["text"])
        end = at + len(st["text"])
        assert all(end <= f0 or at >= f1 for f0, f1 in furniture), st["text"]


@pytest.mark.parametrize("article", GOLD["article"], ids=lambda a: a["file"])
def test_labels_use_known_parties_topics_and_kinds(article: dict, book: PartyBook) -> None:
    for st in article["statement"]:
        assert st.get("party") is None or st["party"] in book.party_names(), st["text"]
        assert set(st["topics"]) <= set(book.topic_keys()), st["text"]
        assert st["kind"] in KINDS, st["text"]


def test_manifest_dates_match_gold() -> None:
    entries = load_manifest(HERE / "manifest.toml")
    dates = {path.name: entry.published for path, entry in entries.items()}
    gold = {a["file"]: dt.date.fromisoformat(a["published"]) for a in GOLD["article"]}
    assert dates == gold


def test_latest_is_each_partys_last_statement_by_date_then_position() -> None:
    last: dict[str, tuple[dt.date, int, str]] = {}
    marked: dict[str, list[str]] = {}
    for article in GOLD["article"]:
        text = _text(article["file"])
        published = dt.date.fromisoformat(article["published"])
        for st in article["statement"]:
            party = st.get("party")
            if party is None:
                continue
            key = (published, text.find(st["text"]), st["text"])
            if party not in last or key[:2] > last[party][:2]:
                last[party] = key
            if st.get("latest"):
                marked.setdefault(party, []).append(st["text"])
    assert marked == {party: [key[2]] for party, key in last.items()}
