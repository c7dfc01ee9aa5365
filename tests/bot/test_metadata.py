"""Dates, bylines and datelines read from page lines, and where they count as the article's."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.metadata import byline_author, dateline_of, find_date, is_date_line


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("December 26, 2023 - 22:43", dt.date(2023, 12, 26)),
        ("Sun May 26 2024", dt.date(2024, 5, 26)),
        ("Friday, November 22, 2024", dt.date(2024, 11, 22)),
        ("4 March 2024", dt.date(2024, 3, 4)),
        ("3rd of June, 2024", dt.date(2024, 6, 3)),
        ("Published: 2024-05-26T10:15:00Z", dt.date(2024, 5, 26)),
        ("Updated Sept. 5, 2024 at 10:15 a.m. ET", dt.date(2024, 9, 5)),
        ("Sept. 3, 2024  Updated 7:48 p.m. ET", dt.date(2024, 9, 3)),
        ("Jan. 5, 2024, 10:02 a.m. ET", dt.date(2024, 1, 5)),
        ("7 May 2024, 1:14 am  |  Updated 9:52 am", dt.date(2024, 5, 7)),
    ],
)
def test_date_lines(line: str, expected: dt.date) -> None:
    found = find_date(line)
    assert found is not None and found[0] == expected
    assert is_date_line(line)


@pytest.mark.parametrize("line", ["February 30, 2024", "May 2024", "Page 2024-13-45", "Gaza talks"])
def test_no_date(line: str) -> None:
    assert find_date(line) is None


def test_relative_time_is_a_date_line_without_a_date() -> None:
    assert is_date_line("Updated 3 hours ago")
    assert find_date("Updated 3 hours ago") is None


def test_sentence_with_a_date_is_not_a_date_line() -> None:
    assert not is_date_line("Talks resumed on May 26, 2024 in Cairo.")


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("By Ali Karbalaei\xa0", "Ali Karbalaei"),
        ("By Jane Roe | May 3, 2024", "Jane Roe"),
        ("Written by Omar al-Haddad, Reuters", "Omar al-Haddad"),
        ("By Karim Mansour with Dan Aaron in Jerusalem", "Karim Mansour with Dan Aaron"),
        ("By noon, the talks had collapsed", None),
        ("Hamas said by Friday it would answer", None),
    ],
)
def test_byline_author(line: str, author: str | None) -> None:
    assert byline_author(line) == author


@pytest.mark.parametrize(
    ("paragraph", "place", "date"),
    [
        ("TEHRAN- Hamas and Palestinian Islamic Jihad have confirmed", "TEHRAN", None),
        ("TEHRAN - A Hamas delegation in the Egyptian capital", "TEHRAN", None),
        ("GAZA: Hamas official Osama Hamdan has stated", "GAZA", None),
        ("CAIRO, May 3, 2024 (Reuters) - Egyptian mediators", "CAIRO", dt.date(2024, 5, 3)),
        ("GAZA CITY (AP) — Palestinians fled", "GAZA CITY", None),
        ("Cairo (AFP) - A Hamas delegation arrived", "Cairo", None),
        ("Tel Aviv, May 3, 2024 (Reuters) - Israel said", "Tel Aviv", dt.date(2024, 5, 3)),
    ],
)
def test_dateline(paragraph: str, place: str, date: dt.date | None) -> None:
    assert dateline_of(paragraph) == (place, date)


@pytest.mark.parametrize(
    "paragraph",
    [
        "US officials said on Monday - quietly - that talks resumed.",
        "Hamas said: no deal.",
        "Hamas (in a statement) - rejected the plan.",
        "Israel (AP) said - quietly - it would not go.",
    ],
)
def test_no_dateline(paragraph: str) -> None:
    assert dateline_of(paragraph) is None
