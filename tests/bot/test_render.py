"""Embeds within Discord's limits, whole quotes, inert text, honest dates."""

from __future__ import annotations

import discord

from bot import render
from bot.digest import Digest
from bot.models import DocumentRef, PositionResult, StatementView, StatusResult


def doc(**kw: object) -> DocumentRef:
    base = {
        "id": 1,
        "path": "seeds/a.txt",
        "title": "Talks resume",
        "outlet": "Example News",
        "url": "https://example.org/a",
        "published": "2024-05-04",
        "date_source": "manifest",
        "approximate": False,
    }
    return DocumentRef(**{**base, **kw})  # type: ignore[arg-type]


def view(
    i: int, text: str, *, party: str = "Hamas", document: DocumentRef | None = None
) -> StatementView:
    return StatementView(
        id=i,
        text=text,
        quote=None,
        speaker=f"Speaker {i}",
        party=party,
        kind="quote",
        topics=("ceasefire",),
        start=0,
        end=len(text),
        seq=i,
        document=document or doc(),
    )


def within_limits(embed: discord.Embed) -> None:
    data = embed.to_dict()
    assert len(data.get("title", "")) <= 256
    assert len(data.get("description", "")) <= 4096
    assert len(data.get("footer", {}).get("text", "")) <= 2048
    assert len(data.get("fields", [])) <= 25
    assert len(embed) <= 6000


def test_long_answer_is_paged_and_no_quote_is_cut() -> None:
    texts = [f"Statement {i}: " + " ".join(["we want a lasting ceasefire"] * 30) for i in range(25)]
    pages = render.position_pages(
        PositionResult("Hamas", None, [view(i, t) for i, t in enumerate(texts)])
    )
    assert len(pages) > 1
    for page in pages:
        within_limits(page)
    descriptions = [p.description or "" for p in pages]
    for i, text in enumerate(texts):
        block = render.quoted(text)
        assert sum(block in d for d in descriptions) == 1, f"quote {i} is cut or repeated"
        assert sum(f"**[{i + 1}]**" in d for d in descriptions) == 1
    assert pages[0].footer.text and "Page 1/" in pages[0].footer.text


def test_a_quote_longer_than_a_page_is_continued_not_dropped() -> None:
    giant = " ".join(f"word{i}" for i in range(1200))  # about 9,000 characters
    pages = render.position_pages(PositionResult("Hamas", None, [view(1, giant)]))
    assert len(pages) >= 3
    for page in pages:
        within_limits(page)
    joined = " ".join(p.description or "" for p in pages)
    assert "continued on the next page" in joined
    for i in range(1200):
        assert f"word{i}" in joined


def test_quoted_text_cannot_ping_or_format() -> None:
    pages = render.position_pages(
        PositionResult("Hamas", None, [view(1, "@everyone look at **this** <@123> _now_")])
    )
    text = pages[0].description or ""
    assert "@everyone" not in text.replace("@\u200beveryone", "")
    assert "\\*\\*this\\*\\*" in text
    assert "\\_now\\_" in text


def test_dates_say_how_they_are_known() -> None:
    statements = [
        view(1, "exact", document=doc(published="2024-05-26")),
        view(2, "approximate", document=doc(published="2024-05-04", approximate=True)),
        view(3, "undated", document=doc(published=None, date_source="unknown")),
        view(4, "page date", document=doc(published="2024-11-22", date_source="page")),
    ]
    text = render.position_pages(PositionResult("Hamas", None, statements))[0].description or ""
    assert "2024-05-26" in text
    assert "about 2024-05-04" in text
    assert "date unknown" in text
    assert "may be crawl date" in text
    assert "undated articles" in text  # the reader is warned the undated one is out of order
    assert "[Talks resume · Example News](https://example.org/a)" in text


def test_source_without_url_is_plain_text() -> None:
    text = render.statement_block(1, view(1, "x", document=doc(url=None)))
    assert "Talks resume · Example News" in text and "](" not in text


def test_digest_messages_fit_and_mark_changes() -> None:
    statements = [
        view(i, "We accept the proposal. " * 40, party=p)
        for i, p in enumerate(["Hamas"] * 12 + ["Israel"] * 12)
    ]
    status = StatusResult(
        {"Hamas": statements[0], "Israel": statements[12], "Qatar": None}, ["ceasefire"]
    )
    digest = Digest(
        "2026-03-01T07:00:00+00:00",
        "2026-03-02T07:00:00+00:00",
        statements,
        {statements[3].id: ("ceasefire",)},
        status,
    )
    messages = render.digest_messages(digest, {"ceasefire": "Ceasefire"})
    assert len(messages) > 1
    for embeds in messages:
        assert 1 <= len(embeds) <= 10
        assert sum(len(e) for e in embeds) <= 6000
        for embed in embeds:
            within_limits(embed)
    text = "\n".join(e.description or "" for m in messages for e in m)
    assert text.count("Stance changed") == 1
    assert "**[4]**" in text.split("Stance changed")[1].split("\n")[1]
    assert "Qatar**: no statement indexed" in text
    assert "differ on: Ceasefire" in text


def test_a_link_holds_its_whole_address_and_cannot_format() -> None:
    link = render.bare_link("https://example.org/rss>**bold** @everyone")
    assert link.startswith("<https://example.org/rss%3E**bold**%20@")
    assert link.endswith(">") and link.count(">") == 1  # the first > ends the link
    assert "@everyone" not in link
    assert render.bare_link("**not a link**") == "<\\*\\*not%20a%20link\\*\\*>"


def test_the_question_in_a_title_cannot_format() -> None:
    (page,) = render.ask_pages("why **no** deal, @everyone?", [])
    assert page.title == "Q: why \\*\\*no\\*\\* deal, @\u200beveryone?"
