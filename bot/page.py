"""A decoded file turned into the article's own paragraphs and what the page says about it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from bot.htmlpage import extract_html
from bot.metadata import extract_metadata
from bot.textclean import analyse


class NoArticleText(ValueError):
    """The page has no article text left after cleaning (message says why)."""


@dataclass(frozen=True)
class Page:
    text: str  # the text that is stored and that every offset points into
    paragraphs: list[tuple[int, int]]  # [start, end) spans of the article's own paragraphs
    title: str | None
    author: str | None
    dateline: str | None
    outlet: str | None
    url: str | None
    text_date: dt.date | None  # the article's own date (under the headline, byline, dateline)
    page_date: dt.date | None  # a lone date above the headline: often the crawl date


def parse_page(content: str, kind: Literal["text", "markdown", "html"]) -> Page:
    """Text and markdown keep `content` verbatim so offsets point into the file as decoded."""
    if kind == "html":
        return _parse_html(content)
    if kind not in ("text", "markdown"):
        raise ValueError(f"unknown page kind {kind!r}")
    layout = analyse(content, markdown=kind == "markdown")
    if not layout.body:
        raise NoArticleText(_why_empty(content, len(layout.units)))
    meta = extract_metadata(layout)
    return Page(
        text=content,
        paragraphs=[(u.start, u.end) for u in layout.body],
        title=meta.title,
        author=meta.author,
        dateline=meta.dateline,
        outlet=None,
        url=None,
        text_date=meta.text_date,
        page_date=meta.page_date,
    )


def _parse_html(content: str) -> Page:
    extracted = extract_html(content)
    if extracted is None:
        raise NoArticleText("no article text found in the HTML page")
    layout = analyse(extracted.text)
    if not layout.body:
        raise NoArticleText(_why_empty(extracted.text, len(layout.units)))
    meta = extract_metadata(layout)
    return Page(
        text=extracted.text,
        paragraphs=[(u.start, u.end) for u in layout.body],
        title=extracted.title or meta.title,
        author=extracted.author or meta.author,
        dateline=meta.dateline,
        outlet=extracted.sitename,
        url=extracted.url,
        text_date=extracted.date or meta.text_date,
        page_date=None,
    )


def _why_empty(text: str, units: int) -> str:
    if not text.strip():
        return "the page is blank"
    return f"none of the page's {units} lines reads as article prose (only headlines or furniture)"
