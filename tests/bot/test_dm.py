"""Plain direct messages read as questions, with the real seeds' party book."""

from __future__ import annotations

import pytest

from bot import dm
from bot.parties import PartyBook


@pytest.mark.parametrize(
    ("text", "party", "topic"),
    [
        ("what does Israel say about withdrawal?", "Israel", "withdrawal"),
        ("What did Haniyeh say on hostages", "Hamas", "prisoners"),
        ("Naim Qassem on the ceasefire", "Hezbollah", "ceasefire"),
        ("What is the Israeli government position on the day after?", "Israel", "governance"),
        ("where does Qatar stand", "Qatar", None),
        ("what\u2019s Hamas\u2019 line on the truce?", "Hamas", "ceasefire"),
    ],
)
def test_one_party_named_is_a_position_question(
    book: PartyBook, text: str, party: str, topic: str | None
) -> None:
    request = dm.parse(text, book)
    assert (request.kind, request.party, request.topic) == ("position", party, topic)


@pytest.mark.parametrize(
    "text",
    [
        "tell us about the truce",  # "us" is not the United States
        "Did the US and Qatar agree on anything?",  # two parties: a search, not one position
        "who rejected a temporary truce?",
    ],
)
def test_anything_else_is_a_search(book: PartyBook, text: str) -> None:
    request = dm.parse(text, book)
    assert request.kind == "ask"
    assert request.text == text


@pytest.mark.parametrize("text", ["hi", "Hello!", "help", "  ", "what can you do?"])
def test_greetings_get_the_guide(book: PartyBook, text: str) -> None:
    assert dm.parse(text, book).kind == "help"


def test_the_longest_name_wins(book: PartyBook) -> None:
    # "Naim" alone is Basem Naim of Hamas; "Naim Qassem" is Hezbollah's leader.
    assert dm.parse("what did Naim say?", book).party == "Hamas"
    assert dm.parse("what did Naim Qassem say?", book).party == "Hezbollah"
