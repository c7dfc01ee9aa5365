"""parse_page: the article's paragraphs and what the page says about it, for every file kind."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.page import NoArticleText, parse_page

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
PAGES = ROOT / "tests" / "fixtures" / "pages"


def seed_text(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


SEED_META = {
    "000": (
        "Hamas rejects any temporary truce",
        "Ali Karbalaei",
        "TEHRAN",
        dt.date(2023, 12, 26),
        None,
    ),
    "001": ("Hamas refuses to yield in negotiations amid US pressure", None, "TEHRAN", None, None),
    "002": (
        "Hamas asserts no hostage negotiations unless Gaza fighting halts; Israel Says No Chance",
        None,
        None,
        None,
        dt.date(2024, 11, 22),
    ),
    "003": (
        "Hamas Rejects New Talks as Israel Faces Mounting Pressure",
        None,
        "GAZA",
        dt.date(2024, 5, 26),
        None,
    ),
    "004": ("Hamas Refuses to Engage in Gaza Ceasefire Negotiations", None, None, None, None),
}  # fmt: skip


@pytest.mark.parametrize("prefix", sorted(SEED_META))
def test_seed_metadata(prefix: str) -> None:
    content = seed_text(prefix)
    page = parse_page(content, "text")
    assert page.text == content
    assert (page.title, page.author, page.dateline, page.text_date, page.page_date) == SEED_META[
        prefix
    ]
    assert page.outlet is None and page.url is None


def test_crawl_date_above_headline_is_page_date_and_date_under_it_is_text_date() -> None:
    page = parse_page((PAGES / "wrapped_newsletter.txt").read_text(encoding="utf-8"), "text")
    assert page.page_date == dt.date(2024, 9, 10)
    assert page.text_date == dt.date(2024, 7, 8)
    assert page.title == "Hamas drops key demand in bid to revive truce talks"
    assert page.dateline == "JERUSALEM"


def test_wire_copy_metadata() -> None:
    page = parse_page((PAGES / "wire_copy.txt").read_text(encoding="utf-8"), "text")
    assert page.title == "Mediators press for hostage deal as Rafah talks stall"
    assert page.author == "Jane Roe and Omar Haddad"
    assert page.dateline == "CAIRO"
    assert page.text_date == dt.date(
        2024, 5, 3
    )  # from the dateline; "Updated 3 hours ago" has none
    assert page.page_date is None


def test_markdown_page() -> None:
    content = (PAGES / "briefing.md").read_text(encoding="utf-8")
    page = parse_page(content, "markdown")
    assert page.text == content
    assert page.title == "Israel and Hamas trade blame as ceasefire talks falter"
    assert page.author == "Sam Lee"
    assert page.dateline == "DOHA"
    assert page.text_date == dt.date(2024, 3, 4)
    assert all("#" not in content[s:e] for s, e in page.paragraphs)


def test_html_page_with_nav_ads_and_footer() -> None:
    page = parse_page((PAGES / "news_article.html").read_text(encoding="utf-8"), "html")
    paragraphs = [page.text[s:e] for s, e in page.paragraphs]
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("DOHA - Qatar's prime minister said on Saturday")
    assert paragraphs[-1].startswith("Israel has rejected those terms")
    for junk in ("Subscribe", "Advertisement", "Sign up", "Most Read", "Markets slide", "Privacy"):
        assert not any(junk in p for p in paragraphs)
    assert page.title == "Qatar says truce talks at delicate stage"
    assert page.author == "Lina Farah"
    assert page.outlet == "Example Gazette"
    assert page.url == "https://gazette.example.com/world/qatar-truce-talks"
    assert page.text_date == dt.date(2024, 2, 17)
    assert page.dateline == "DOHA"


@pytest.mark.parametrize(
    "section",
    ["World | Middle East", "News \u203a Middle East \u203a Israel", "Israel at War | Day 214"],
)
def test_section_line_above_the_headline_is_never_the_title(section: str) -> None:
    content = (
        f"The Daily Example\n{section}\n\n"
        "Hamas and Israel trade blame over stalled truce talks\n\n"
        "Cabinet votes to press on while negotiators travel to Cairo\n\n"
        "By Jo Bloggs\nSept. 3, 2024  Updated 7:48 p.m. ET\n\n"
        "DOHA, Qatar — Mediators said on Friday that talks had stalled.\n"
    )
    page = parse_page(content, "text")
    assert page.title == "Hamas and Israel trade blame over stalled truce talks"
    assert (page.author, page.dateline) == ("Jo Bloggs", "DOHA")
    assert (page.text_date, page.page_date) == (dt.date(2024, 9, 3), None)


def test_html_page_without_article_raises() -> None:
    with pytest.raises(NoArticleText):
        parse_page((PAGES / "no_article.html").read_text(encoding="utf-8"), "html")


@pytest.mark.parametrize(
    "content",
    [
        "   \n\n",
        "Skip to main content\n\nHome | World | Sport\n\n- Advertisement -\n\nLeave a Reply\n",
        "Ceasefire Talks Live Updates\n\nMust Read\n\nHamas Says No\n",
    ],
)
def test_text_without_article_raises(content: str) -> None:
    with pytest.raises(NoArticleText):
        parse_page(content, "text")


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown page kind"):
        parse_page("Some text.", "pdf")  # type: ignore[arg-type]


def test_story_split_by_sidebars_keeps_both_halves_and_its_metadata() -> None:
    content = (PAGES / "related_midstory.txt").read_text(encoding="utf-8")
    page = parse_page(content, "text")
    paragraphs = [content[s:e] for s, e in page.paragraphs]
    assert paragraphs[0].startswith("CAIRO, March 12 (Wire) - Hamas rejected a draft truce")
    assert paragraphs[-1].startswith("The spokesman said the mediators would keep working")
    assert not any("Qassem revealed" in p or "Markets slid" in p for p in paragraphs)
    assert (page.title, page.author, page.dateline) == (
        "Hamas rejects truce draft as mediators shuttle between Cairo and Doha",
        "Nadia Karim",
        "CAIRO",
    )
    assert (page.text_date, page.page_date) == (dt.date(2024, 3, 12), None)


_TOPBAR_PAGE = """<html><head><title>Talks</title>{meta}</head><body>
<div class="topbar">Friday, November 22, 2024</div>
<article><h1>Hamas and Israel resume talks in Cairo</h1>
<p>CAIRO - Hamas said on Monday it would send a delegation to Cairo for a new round of talks
with Egyptian and Qatari mediators, a senior official said.</p>
<p>Israel's negotiating team will travel to Doha later this week, an Israeli official said,
adding that gaps remained on the withdrawal of forces from Gaza.</p>
<p>Egyptian officials said they were hopeful that an agreement could be reached before the end
of the month, but warned that the talks were fragile.</p></article></body></html>"""


def test_a_date_in_an_html_pages_furniture_is_never_the_articles_date() -> None:
    page = parse_page(_TOPBAR_PAGE.format(meta=""), "html")
    assert page.text_date is None


def test_an_html_pages_declared_publication_date_is_its_date() -> None:
    meta = '<meta property="article:published_time" content="2024-01-15T10:00:00Z">'
    assert parse_page(_TOPBAR_PAGE.format(meta=meta), "html").text_date == dt.date(2024, 1, 15)
