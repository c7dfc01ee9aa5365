"""Sentence spans: what a user sees quoted must start and end where a reader would cut."""

from __future__ import annotations

from pathlib import Path

from bot.page import parse_page
from bot.segment import split_sentences


def _sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text, [(0, len(text))])]


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    text = (
        "The U.S. Secretary of State met Gen. Smith at 9 a.m. on Monday. "
        "Mr. Jones said prices rose 3.5 percent. "
        "Said H.A. Hellyer of the institute: nothing changed."
    )
    assert _sentences(text) == [
        "The U.S. Secretary of State met Gen. Smith at 9 a.m. on Monday.",
        "Mr. Jones said prices rose 3.5 percent.",
        "Said H.A. Hellyer of the institute: nothing changed.",
    ]


def test_question_exclamation_and_closing_quote_end_sentences() -> None:
    text = 'Is this the end? No! "We will fight on," he said. “It is over.” Talks resume today.'
    assert _sentences(text) == [
        "Is this the end?",
        "No!",
        '"We will fight on," he said.',
        "“It is over.”",
        "Talks resume today.",
    ]


def test_a_quotation_that_continues_is_not_split() -> None:
    text = "Netanyahu said: “We are fighting until victory. We will not stop the war.” Aid waits."
    assert _sentences(text) == [
        "Netanyahu said: “We are fighting until victory. We will not stop the war.”",
        "Aid waits.",
    ]


def test_an_abbreviation_before_a_new_quotation_ends_the_sentence() -> None:
    text = 'The ministry denied any proposal from the U.N. "There is nothing new," she said.'
    assert _sentences(text) == [
        "The ministry denied any proposal from the U.N.",
        '"There is nothing new," she said.',
    ]


def test_an_abbreviation_before_a_quoted_phrase_does_not_end_the_sentence() -> None:
    text = 'Cairo sent the U.K. "working paper" back on Friday. It was short.'
    assert _sentences(text) == [
        'Cairo sent the U.K. "working paper" back on Friday.',
        "It was short.",
    ]


def test_sentences_never_cross_paragraphs_and_are_stripped() -> None:
    text = "First paragraph without a full stop\n\n  Second one. Third one.  "
    paragraphs = [(0, 35), (37, len(text))]
    found = split_sentences(text, paragraphs)
    assert [(text[s.start : s.end], s.paragraph) for s in found] == [
        ("First paragraph without a full stop", 0),
        ("Second one.", 1),
        ("Third one.", 1),
    ]


def test_seed_sentences_are_verbatim_and_inside_their_paragraphs(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        page = parse_page(text, "text")
        for sentence in split_sentences(page.text, page.paragraphs):
            p_start, p_end = page.paragraphs[sentence.paragraph]
            assert p_start <= sentence.start < sentence.end <= p_end
            span = page.text[sentence.start : sentence.end]
            assert span == span.strip()
