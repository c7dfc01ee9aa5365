"""Reading an article's metadata (dates, byline, dateline) out of the lines a page copy carries.

Dates are recognised with regexes rather than a fuzzy parser: a fuzzy parser finds a "date" in
almost any line, and taking a stray number for a publication date is worse than having no date.
Where a date stands decides what it means: a date line above the headline is usually the day the
page was saved (`page_date`), one under the headline, in the byline or in the dateline is the
article's own (`text_date`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.textclean import Layout, Unit

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<{g}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?"
_ORD = r"(?:st|nd|rd|th)?"
_DATE_PATTERNS = [
    re.compile(
        rf"\b{_MONTH.format(g='m')}\s+(?P<d>\d{{1,2}}){_ORD},?\s+(?P<y>(?:19|20)\d\d)\b", re.I
    ),
    re.compile(
        rf"\b(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?{_MONTH.format(g='m')},?\s+(?P<y>(?:19|20)\d\d)\b",
        re.I,
    ),
    re.compile(r"\b(?P<y>(?:19|20)\d\d)[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"),
]
_TIME = r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*\(?[A-Z]{2,4}\)?)?"
_ISO_TIME = r"T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?"
_RELATIVE = r"\b(?:\d+|an?|one)\s+(?:second|sec|minute|min|hour|hr|day|week|month)s?\s+ago\b"
# What may stand around a date on a line that is nothing but a date ("Updated: Fri, 3 May 2024
# 10:15 GMT", "Published on ... | 4 min read").
_DATE_LINE_FILLER = re.compile(
    rf"{_ISO_TIME}|{_TIME}|{_RELATIVE}|\b{_WEEKDAY}\b|\b(?:published|updated|posted|last|modified|date|on|at"
    r"|gmt|utc|est|edt|et|pt|bst|cet|ist|ast|yesterday|today|just|now|min|mins|read)\b|\d+"
    r"|[\s,|:\u00b7\u2022/\-\u2013\u2014()]",
    re.I,
)
_BYLINE = re.compile(
    r"^(?:by|written\s+by|words\s+by|story\s+by|author:?|reporter:?)\s+"
    r"(?P<name>[A-Z][\w.'\u2019-]*(?:\s+(?:[A-Z][\w.'\u2019-]*|de|al|el|bin|van|von|and|&)){0,7})",
    re.I,
)
_NAME_CUT = re.compile(
    r"\s*(?:[|\u2022\u00b7,;]|\s[-\u2013\u2014]\s|\b(?:published|updated|on|in|from)\b).*$", re.I
)
_PLACE_WORD = r"[A-Z][A-Z.'\u2019]*[A-Z.]"
_DATELINE = re.compile(
    rf"^\W{{0,3}}(?P<place>{_PLACE_WORD}(?:[ -]{_PLACE_WORD}){{0,3}})"
    r"(?P<rest>,[^\n\-\u2013\u2014:]{1,60}?)?\s*(?:\([A-Za-z. /]{1,30}\))?"
    r"\s*(?:[-\u2013\u2014]+|:)\s*(?=\S)"
)
# "Cairo (AFP) - ...": a place in ordinary capitals is a dateline only with the agency after it.
_AGENCY_DATELINE = re.compile(
    r"^\W{0,3}(?P<place>[A-Z][a-z'\u2019]+(?:[ -][A-Z][a-z'\u2019]+){0,3})"
    r"(?P<rest>,[^\n\-\u2013\u2014:()]{1,60}?)?\s*\([A-Z][A-Za-z.]*(?:[ /][A-Z][A-Za-z.]*){0,3}\)"
    r"\s*[-\u2013\u2014]+\s*(?=\S)"
)


@dataclass(frozen=True)
class Metadata:
    title: str | None
    author: str | None
    dateline: str | None
    text_date: dt.date | None
    page_date: dt.date | None


def find_date(text: str) -> tuple[dt.date, re.Match[str]] | None:
    """The first full calendar date (with a year) written in `text`, and where it is."""
    found: list[tuple[int, dt.date, re.Match[str]]] = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            month = match.group("m")
            number = int(month) if month.isdigit() else _MONTHS[month[:3].lower()]
            try:
                day = dt.date(int(match.group("y")), number, int(match.group("d")))
            except ValueError:
                continue
            found.append((match.start(), day, match))
            break
    if not found:
        return None
    _, day, match = min(found, key=lambda item: item[0])
    return day, match


def is_date_line(text: str) -> bool:
    """A line that only says when ("December 26, 2023 - 22:43", "Updated 3 hours ago")."""
    found = find_date(text)
    rest = text if found is None else text[: found[1].start()] + " " + text[found[1].end() :]
    if found is None and not re.search(_RELATIVE, text, re.I):
        return False
    return not _DATE_LINE_FILLER.sub("", rest).strip()


def byline_author(text: str) -> str | None:
    """The name in a byline line ("By Ali Karbalaei", "By Jane Roe | May 3, 2024")."""
    if len(text.split()) > 14:
        return None
    match = _BYLINE.match(text.strip())
    if match is None:
        return None
    name = _NAME_CUT.sub("", match.group("name")).strip(" .")
    words = name.split()
    if not words or not all(_is_name_word(w) for w in words):
        return None
    return name


_NAME_JOINERS = {"de", "al", "el", "bin", "van", "von", "and", "&", "with"}


def _is_name_word(word: str) -> bool:
    return word[0].isupper() or word.lower() in _NAME_JOINERS or bool(_PREFIXED.match(word))


_PREFIXED = re.compile(r"(?:al|el|ad|an|as|ash|az|ibn|bin|abu|de|da|di)-[A-Z]")


def dateline_of(paragraph: str) -> tuple[str, dt.date | None] | None:
    """The place (and the date, if the dateline gives one) opening a wire paragraph."""
    match = _DATELINE.match(paragraph) or _AGENCY_DATELINE.match(paragraph)
    if match is None:
        return None
    place = match.group("place").strip(" .")
    if sum(ch.isalpha() for ch in place) < 3:
        return None
    rest = match.group("rest") or ""
    found = find_date(rest)
    return place, (found[0] if found else None)


def extract_metadata(layout: Layout) -> Metadata:
    """Title, byline, dateline and dates from where they stand around the article's body."""
    title = layout.title
    author = None
    text_date = None
    page_date = None
    for unit in layout.before_body:
        if unit.label == "byline":
            author = author or byline_author(unit.plain)
        found = find_date(unit.plain) if _may_date(unit, layout.title_index) else None
        if found is None:
            continue
        if unit.label == "date" and (layout.title_index is None or unit.index < layout.title_index):
            page_date = page_date or found[0]
        else:
            text_date = text_date or found[0]
    dateline = None
    if layout.body:
        opening = dateline_of(layout.body[0].plain)
        if opening is not None:
            dateline = opening[0]
            text_date = text_date or opening[1]
    return Metadata(
        title=title, author=author, dateline=dateline, text_date=text_date, page_date=page_date
    )


def _may_date(unit: Unit, title_index: int | None) -> bool:
    """A line above the body that dates the page: a date line, a byline, or a short line under
    the headline such as "8 July 2024 | Diplomatic desk"."""
    if unit.label in ("date", "byline"):
        return True
    below_title = title_index is not None and unit.index > title_index
    return below_title and unit.label == "titlelike" and len(unit.plain.split()) <= _SHORT_LINE


_SHORT_LINE = 10
