"""The parties file: parties and topics are data, and look-ups forgive how users type them."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.parties import PartyBook, UnknownName, load_party_book

PARTIES = {
    "Hamas", "Palestinian Islamic Jihad", "Israel", "United States", "Egypt", "Qatar", "Iran",
    "Hezbollah",
}  # fmt: skip


def test_seed_book_lists_parties_and_topics(book: PartyBook) -> None:
    assert set(book.party_names()) >= PARTIES
    assert book.topic_keys() == [
        "ceasefire", "withdrawal", "prisoners", "aid", "guarantees", "governance", "talks",
    ]  # fmt: skip
    assert len(book.digest) == 64


@pytest.mark.parametrize(
    ("typed", "party"),
    [
        ("hamas", "Hamas"),
        ("PIJ", "Palestinian Islamic Jihad"),
        ("al-Rishq", "Hamas"),
        ("al-Nakhala", "Palestinian Islamic Jihad"),
        ("netanyahu", "Israel"),
        ("u.s.", "United States"),
        ("Amos Hochstein", "United States"),
    ],
)
def test_party_lookup_accepts_names_short_names_and_people(
    book: PartyBook, typed: str, party: str
) -> None:
    assert book.party(typed).name == party


def test_unknown_party_suggests_the_closest_names(book: PartyBook) -> None:
    with pytest.raises(UnknownName) as caught:
        book.party("Hamass")
    assert caught.value.kind == "party"
    assert caught.value.suggestions[0] == "Hamas"
    assert str(caught.value) == 'unknown party "Hamass"; did you mean: Hamas?'


def test_topic_lookup_by_key_or_alias(book: PartyBook) -> None:
    assert book.topic("hostages").key == "prisoners"
    assert book.topic("Ceasefire").key == "ceasefire"
    with pytest.raises(UnknownName) as caught:
        book.topic("ceasfire")
    assert caught.value.kind == "topic" and "ceasefire" in caught.value.suggestions


def test_completion_by_prefix(book: PartyBook) -> None:
    assert "Hezbollah" in book.complete_party("hez")
    assert book.complete_topic("host") == ["prisoners"]
    assert book.complete_topic("zzz") == []


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "parties.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_another_negotiation_is_just_another_file(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        '[[party]]\nname = "Union"\nshort_names = ["UAW"]\n'
        '[[party.person]]\nname = "Shawn Fain"\naliases = ["Fain"]\n'
        '[[topic]]\nkey = "pay"\naliases = ["wages"]\ncues = ["wage"]\n',
    )
    book = load_party_book(path)
    assert book.party("fain").name == "Union"
    assert book.topic("wages").key == "pay"
    before = book.digest
    path.write_text(path.read_text() + "\n# edited\n", encoding="utf-8")
    assert load_party_book(path).digest != before


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("[[party]\nname = 1", "cannot read"),
        ('[[topic]]\nkey = "x"\n', "no [[party]]"),
        ('[[party]]\nshort_names = ["X"]\n', "'name'"),
        ('[[party]]\nname = "A"\nshort_names = "A"\n', "'short_names' must be a list"),
        ('[[party]]\nname = "A"\nshort_names = ["Z"]\n[[party]]\nname = "B"\nphrases = ["z"]\n',
         "names both A and B"),
    ],
)  # fmt: skip
def test_bad_files_name_the_file_and_the_reason(tmp_path: Path, body: str, reason: str) -> None:
    path = _write(tmp_path, body)
    with pytest.raises(ValueError) as caught:
        load_party_book(path)
    assert str(path) in str(caught.value)
    assert reason in str(caught.value)


@pytest.mark.parametrize(
    ("outlet", "url", "party"),
    [
        ("Prime Minister's Office (Israel)", None, "Israel"),
        ("Ministry of Foreign Affairs of the State of Qatar", None, "Qatar"),
        (None, "https://www.gov.il/en/departments/news/statement", "Israel"),
        (None, "https://mofa.gov.qa/en/statements", "Qatar"),
        ("Reuters", "https://www.reuters.com/world/", None),
        ("The Times of Israel", "https://www.timesofisrael.com/", None),
        (None, "https://notgov.il/", None),
    ],
)
def test_a_party_is_the_publisher_of_its_own_channels(
    book: PartyBook, outlet: str | None, url: str | None, party: str | None
) -> None:
    found = book.publisher(outlet, url)
    assert (found.name if found else None) == party
