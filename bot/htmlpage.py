"""Extracting an HTML page's article text and metadata with trafilatura.

Precision is favoured over recall: a missed paragraph costs one quote, while navigation or a
comment extracted as article text can be quoted as a party's position.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import trafilatura


@dataclass(frozen=True)
class Extracted:
    text: str
    title: str | None
    author: str | None
    date: dt.date | None
    sitename: str | None
    url: str | None


def extract_html(content: str) -> Extracted | None:
    """The article text and metadata trafilatura finds, or None when it finds no article."""
    doc = trafilatura.bare_extraction(
        content,
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        with_metadata=True,
        # Only dates the page declares for the article (meta tags, <time>, the URL), the
        # original rather than an update: a date found anywhere in the page's text may be the
        # crawl date or another story's, and would be shown as the article's own.
        date_extraction_params={
            "original_date": True,
            "extensive_search": False,
            "max_date": dt.date.today().isoformat(),
        },
    )
    if doc is None or not (doc.text or "").strip():
        return None
    return Extracted(
        text=doc.text,
        title=_clean(doc.title),
        author=_clean(doc.author),
        date=_iso_date(doc.date),
        sitename=_clean(doc.sitename),
        url=_clean(doc.url),
    )


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _iso_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
