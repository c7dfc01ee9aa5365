"""Topic tags: cue words decide; an encoder may only rescue a statement with no cue at all."""

from __future__ import annotations

from bot.embedding import Encoder
from bot.parties import PartyBook
from bot.topics import TopicTagger


def test_cues_tag_statements_without_an_encoder(book: PartyBook) -> None:
    tagger = TopicTagger(book.topics)
    tags = tagger.tag(
        [
            "We can allow the entry of 300 or even 400 trucks per day.",
            "After the aggression is stopped and the aid increased, we are ready to discuss "
            "prisoner swaps.",
            "There is no room for negotiation outside of these terms.",
            "His country remains on high alert.",
        ]
    )
    assert tags == [("aid",), ("prisoners", "aid", "talks"), ("talks",), ()]


def test_cues_match_word_starts_only(book: PartyBook) -> None:
    tagger = TopicTagger(book.topics)
    assert tagger.tag(["The hostages were freed."]) == [("prisoners",)]
    assert tagger.tag(["The raid killed ten people."]) == [()]  # "aid" inside "raid"


def test_multiword_cues_match_inflected_and_with_words_between(book: PartyBook) -> None:
    tagger = TopicTagger(book.topics)
    for text in (
        "Hamas wants an end to the Israeli war on Gaza.",
        "The movement demands that Israel ends the war.",
        "He said the fighting would continue until the goals of the war are achieved.",
    ):
        assert "ceasefire" in tagger.tag([text])[0], text
    assert tagger.tag(["Israel would not pull its forces out."]) == [("withdrawal",)]
    # a word of a multiword cue still starts a word: "war" is not found inside "award"
    assert tagger.tag(["The end of the award ceremony."]) == [()]


def test_government_alone_is_not_governance(book: PartyBook) -> None:
    tagger = TopicTagger(book.topics)
    assert tagger.tag(["The government was studying it."]) == [()]
    assert tagger.tag(["Hamas will not remain in power in Gaza."]) == [("governance",)]


def test_encoder_keeps_cue_tags_and_rescues_only_cueless_paraphrases(
    book: PartyBook, encoder: Encoder
) -> None:
    with_cues = ["We want the Israeli forces to withdraw from the whole Strip."]
    plain = TopicTagger(book.topics).tag(with_cues)
    assert TopicTagger(book.topics, encoder).tag(with_cues) == plain == [("withdrawal",)]
    vectors = encoder.encode(["His country remains on high alert."])
    assert TopicTagger(book.topics, encoder).tag(
        ["His country remains on high alert."], vectors
    ) == [()]
