"""parse_page on held-out articles it was not tuned on: gold furniture out, gold statements in.

The gold (tests/heldout/gold.toml) was written by reading the articles, so these checks measure
whether the parser generalises: a furniture excerpt inside a kept paragraph could be quoted as a
party's position, and a statement outside every kept paragraph can never be found.
"""

# ruff: noqa: RUF001 (the articles' curly quotes are quoted verbatim)

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from bot.page import Page, parse_page

HELDOUT = Path(__file__).resolve().parents[1] / "heldout"
GOLD = tomllib.loads((HELDOUT / "gold.toml").read_text(encoding="utf-8"))
ARTICLES = {article["file"]: article for article in GOLD["article"]}

# title, text_date (the article's own), page_date (a crawl-style date above the headline)
EXPECTED = {
    "001_ledger_biden_netanyahu.txt": (
        "Biden Says Netanyahu Is Not Doing Enough for a Hostage Deal",
        dt.date(2024, 9, 3),
        None,
    ),
    "002_liveblog_un_resolution.txt": (
        "Israel-Gaza war live: UN security council demands immediate ceasefire as US abstains; "
        "Netanyahu cancels delegation’s Washington trip",
        dt.date(2024, 3, 25),
        None,
    ),
    "003_afp_hamas_response.txt": (
        "Hamas delegation in Cairo as Netanyahu dismisses truce terms as 'delusional'",
        dt.date(2024, 2, 8),
        None,
    ),
    "004_levant24_bridging_proposal.txt": (
        "Hamas says US ‘bridging proposal’ caters to Netanyahu’s conditions",
        None,
        dt.date(2024, 10, 16),
    ),
    "005_courier_rafah_crossing.txt": (
        "Israel says Hamas-backed truce text ‘far from’ its demands, sends troops into Rafah "
        "crossing",
        dt.date(2024, 5, 7),
        None,
    ),
}


def parsed(name: str) -> Page:
    return parse_page((HELDOUT / name).read_text(encoding="utf-8"), "text")


def span_of(text: str, excerpt: str) -> tuple[int, int]:
    at = text.find(excerpt)
    assert at != -1, f"excerpt not in the article: {excerpt!r}"
    return at, at + len(excerpt)


def test_every_heldout_article_has_expectations() -> None:
    files = {path.name for path in HELDOUT.glob("*.txt")}
    assert files == set(ARTICLES) == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_gold_furniture_is_outside_the_kept_paragraphs(name: str) -> None:
    page = parsed(name)
    for excerpt in ARTICLES[name]["furniture"]:
        start, end = span_of(page.text, excerpt)
        overlapping = [page.text[s:e] for s, e in page.paragraphs if s < end and start < e]
        assert not overlapping, f"furniture kept: {excerpt!r}"


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_gold_statements_lie_inside_kept_paragraphs(name: str) -> None:
    page = parsed(name)
    for statement in ARTICLES[name]["statement"]:
        if statement.get("optional"):
            continue
        start, end = span_of(page.text, statement["text"])
        assert any(s <= start and end <= e for s, e in page.paragraphs), (
            f"statement dropped: {statement['text']!r}"
        )


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_title_and_dates(name: str) -> None:
    page = parsed(name)
    assert (page.title, page.text_date, page.page_date) == EXPECTED[name]


def test_article_dates_agree_with_the_manifest() -> None:
    """Where the page dates its article, the date must be the true publication day."""
    manifest = tomllib.loads((HELDOUT / "manifest.toml").read_text(encoding="utf-8"))
    for entry in manifest["article"]:
        page = parsed(entry["file"])
        if entry.get("approximate"):
            assert page.text_date is None, entry["file"]
        else:
            assert page.text_date == entry["published"], entry["file"]
