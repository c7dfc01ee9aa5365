"""The cleaner keeps every sentence of the article and none of the page furniture around it."""

# ruff: noqa: RUF001 (the seeds' curly quotes are quoted verbatim)

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from bot.textclean import article_paragraphs

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
PAGES = ROOT / "tests" / "fixtures" / "pages"
HELDOUT9 = ROOT / "tests" / "heldout9"


def kept(path: Path, markdown: bool = False) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [text[s:e] for s, e in article_paragraphs(text, markdown=markdown)]


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def assert_clean(paragraphs: list[str], body: list[str], furniture: list[str]) -> None:
    joined = "\n".join(paragraphs)
    for sentence in body:
        assert sentence in joined, f"article sentence dropped: {sentence!r}"
    for line in furniture:
        assert not any(line in p for p in paragraphs), f"furniture kept: {line!r}"


SEED_CASES = {
    "000": (
        33,
        [
            "TEHRAN- Hamas and Palestinian Islamic Jihad have confirmed",
            "They are not falling for an Israeli trick to accept another truce for a number of "
            "days.",
            'The resistance group said, "We reiterate that there can be no negotiations',
            '"Hamas leadership seeks a permanent cessation to the aggression',
            '"Our people want to see this aggression completely halted',
            "This is an indication that the Palestinians in Gaza are wary",
            "it wasn't in favor of temporary truces.\"",
        ],
        [
            "By Ali Karbalaei",
            "Hamas rejects any temporary truce",
            "December 26, 2023",
            "Palestinian resistance firm on its stance toward a ceasefire",
            "Leave a Comment",
        ],
    ),
    "001": (
        24,
        [
            "TEHRAN - A Hamas delegation in the Egyptian capital Cairo",
            "There are several examples that have been pointed out and criticized.",
            "Among the most important points is a permanent ceasefire.",
            "Neither side trusts the other which is why the Palestinians are seeking written",
        ],
        [
            "Skip to main content",
            "4 min read",
            "Hamas refuses to yield in negotiations amid U.S. pressure",
            "Hamas refuses to yield in negotiations amid US pressure",
        ],
    ),
    "002": (
        19,
        [
            "Israel has firmly rejected Hamas’s demand for a permanent ceasefire",
            "A senior Hamas official told that a “total ceasefire",
            "“We are fighting until victory.",
            "“But we want to stop the aggression [completely].”",
            "further jeopardizing the lives of those caught in the crossfire.",
        ],
        [
            "Friday, November 22, 2024",
            "Israel Says No Chance",
            'A senior Hamas official told that a "total ceasefire',
            "Must Read",
            "Advertisement",
            "Trinity Audio",
            "This article was created using automation technology",
            "LEAVE A REPLY",
            "Please enter your",
            "Latest News",
            "Hezbollah Leader Qassem",
            "In his third public address",
            "More Articles Like This",
        ],
    ),
    "003": (
        10,
        [
            "GAZA: Hamas official Osama Hamdan has stated",
            "“We do not see a need for new negotiations,” asserted Hamdan",
            "calls for political accountability and leadership change persist.",
        ],
        [
            "Hamas Rejects New Talks as Israel Faces Mounting Pressure",
            "Sun May 26 2024",
            "icon-facebook",
        ],
    ),
    "004": (
        19,
        [
            "Hamas refused to participate in a new round of ceasefire talks",
            "Successive rounds of talks since late December have failed to bridge the gap.",
            "in the event of a full-blown conflict. (The Guardian/Z-2)",
            "“We must force the occupation government (Israel) to stop",
        ],
        [
            "Hamas Refuses to Engage in Gaza Ceasefire Negotiations",
            "Hamas leader Yahya Sinwar.(Al-Jazeera Doc)",
            "Read also:",
            "Also read:",
            "#Hamas",
            "Share:",
            "Facebook",
            "Pinterest",
            "LinkedIn",
            "Leave a Reply",
            "Your email address will not be published",
            "Akismet",
        ],
    ),
}


@pytest.mark.parametrize("prefix", sorted(SEED_CASES))
def test_seed_keeps_article_and_drops_furniture(prefix: str) -> None:
    count, body, furniture = SEED_CASES[prefix]
    paragraphs = kept(seed(prefix))
    assert_clean(paragraphs, body, furniture)
    assert len(paragraphs) == count


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_spans_are_ordered_stripped_and_disjoint(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    spans = article_paragraphs(text)
    assert spans == sorted(spans)
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end <= start
    for start, end in spans:
        assert text[start:end] == text[start:end].strip()


def test_every_sentence_of_a_seed_body_is_kept() -> None:
    """Count what a reader would: 004's body is every line between the caption and hashtags."""
    text = seed("004").read_text(encoding="utf-8")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    body = lines[2 : lines.index("#Hamas #Refuses #Engage #Gaza #Ceasefire #Negotiations")]
    expected = [line for line in body if not line.lower().startswith(("read also", "also read"))]
    assert kept(seed("004")) == expected


def test_wire_copy_with_cookie_banner_share_bar_newsletter_and_bio() -> None:
    paragraphs = kept(PAGES / "wire_copy.txt")
    assert_clean(
        paragraphs,
        [
            "CAIRO, May 3, 2024 (Reuters) - Egyptian and Qatari mediators",
            '"We have given our answer and the ball is now',
            "The talks resumed on Thursday.",
            '"That is our position and it will not change."',
        ],
        [
            "cookies",
            "Skip to content",
            "Updated 3 hours ago",
            "min read",
            "REUTERS/",
            "Share this article",
            "newsletter",
            "Related:",
            "Reporting by",
            "Cairo-based correspondent",
            "Markets slide",
            "Analysts expect",
            "All rights reserved",
        ],
    )
    assert len(paragraphs) == 5


def test_hard_wrapped_paragraphs_are_joined_and_comments_cut() -> None:
    paragraphs = kept(PAGES / "wrapped_newsletter.txt")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("JERUSALEM: Hamas has accepted")
    assert paragraphs[0].endswith("to a permanent ceasefire.")
    assert_clean(
        paragraphs,
        ['"This is a real chance, and we hope Israel will not waste it," the source\nsaid.'],
        ["Listen to this article", "Getty Images", "Advertisement", "Read more", "Great article"],
    )


def test_markdown_headings_lists_and_quotes() -> None:
    paragraphs = kept(PAGES / "briefing.md", markdown=True)
    assert paragraphs == [
        "DOHA — Israel and Hamas blamed each other on Monday for the lack of progress in talks on "
        "a truce in Gaza, as mediators tried to secure a deal before Ramadan.",
        'Hamas said it had shown "the necessary flexibility" and accused Israel of\nrefusing to '
        "commit to a permanent ceasefire and to the return of displaced\npeople to northern Gaza.",
        "Hamas wants a permanent ceasefire and a full Israeli withdrawal.",
        "Israel wants the release of all hostages and says the war will continue.",
        '"We will not accept a deal that does not end the aggression," senior Hamas official '
        "Basem Naim said.",
        "Israel did not send a delegation to Cairo on Sunday.",
    ]


def test_deck_repeating_a_body_paragraph_is_dropped_but_the_body_copy_kept() -> None:
    text = (
        "Talks stall in Cairo\n\n"
        "Hamas said it will not free hostages before a permanent ceasefire.\n\n"
        "CAIRO - Hamas said it will not free hostages before a permanent ceasefire.\n\n"
        "Israel said the war would go on.\n"
    )
    paragraphs = [text[s:e] for s, e in article_paragraphs(text)]
    assert paragraphs == [
        "CAIRO - Hamas said it will not free hostages before a permanent ceasefire.",
        "Israel said the war would go on.",
    ]


def test_crlf_text_offsets_point_at_the_paragraphs() -> None:
    text = "Headline Of The Story\r\n\r\nThe talks resumed on Monday in Doha.\r\nAdvertisement\r\n"
    assert [text[s:e] for s, e in article_paragraphs(text)] == [
        "The talks resumed on Monday in Doha."
    ]


@pytest.mark.parametrize(
    "note",
    [
        "A version of this article appears in print on Jan. 9, 2024, Section A, Page 6 with the "
        "headline: Talks Stall.",
        "Correction: An earlier version of this article misstated the day the talks resumed.",
        "An earlier version of this story gave the wrong name for the Qatari spokesman.",
        "This article was originally published by The Example Post.",
        "This story has been updated with a statement from Hamas.",
        "Copyright 2024 The Example Post. All rights reserved.",
        "© 2024 Example News Agency",
    ],
)
def test_editorial_notes_about_the_article_are_dropped(note: str) -> None:
    text = f"Talks Stall Again\n\nCAIRO - The talks stalled on Monday.\n\n{note}\n"
    assert [text[s:e] for s, e in article_paragraphs(text)] == [
        "CAIRO - The talks stalled on Monday."
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The report was published on Monday by the UN agency.",
        "The article published by the paper said Hamas had agreed.",
        "Copyright law was not at issue, the official said.",
    ],
)
def test_sentences_about_other_publications_are_kept(sentence: str) -> None:
    text = f"Talks Stall Again\n\nCAIRO - The talks stalled on Monday.\n\n{sentence}\n"
    assert [text[s:e] for s, e in article_paragraphs(text)][-1] == sentence


def test_deck_ending_in_a_full_stop_above_the_byline_is_not_body() -> None:
    text = (
        "Hamas and Israel trade blame over stalled talks\n\n"
        "Mediators said the gaps remain wide. Both sides dug in.\n\n"
        "By Jo Bloggs\nJan. 5, 2024\n\n"
        "DOHA — Mediators said on Friday that talks had stalled.\n\n"
        "Hamas said Israel was to blame.\n"
    )
    assert [text[s:e] for s, e in article_paragraphs(text)] == [
        "DOHA — Mediators said on Friday that talks had stalled.",
        "Hamas said Israel was to blame.",
    ]


def test_first_paragraph_between_timestamps_is_body_not_deck() -> None:
    text = (
        "Gaza talks live: mediators meet in Cairo\n\n"
        "Mon 25 Mar 2024 18.20 GMT\n\n"
        "Hamas said it welcomed the resolution.\n\n"
        "Mon 25 Mar 2024 17.40 GMT\n\n"
        "Israel said the delegation would not travel.\n"
    )
    assert [text[s:e] for s, e in article_paragraphs(text)] == [
        "Hamas said it welcomed the resolution.",
        "Israel said the delegation would not travel.",
    ]


@pytest.mark.parametrize(
    "lead_in",
    [
        "Israel's foreign minister, Israel Katz, responded to the vote on X:",
        "Minister of Foreign Affairs Israel Katz stated:",  # title-cased but for its verb
    ],
)
def test_lead_in_naming_the_quoted_speaker_is_kept(lead_in: str) -> None:
    text = (
        "UN vote on Gaza ceasefire\n\n"
        "The council passed the resolution on Monday.\n\n"
        f"{lead_in}\n\n"
        "Israel will not cease fire.\n\n"
        "Read more:\n"
    )
    assert [text[s:e] for s, e in article_paragraphs(text)] == [
        "The council passed the resolution on Monday.",
        lead_in,
        "Israel will not cease fire.",
    ]


def test_story_resumes_after_mid_article_sidebars_and_ends_at_the_page_sidebar() -> None:
    paragraphs = kept(PAGES / "related_midstory.txt")
    assert [p.split()[0] for p in paragraphs] == [
        "CAIRO,",
        '"Any',
        "Egyptian",
        "Israel's",
        "Qatar's",
        "The",
    ]
    assert paragraphs[-1] == 'The spokesman said the mediators would keep working "day and night".'
    assert_clean(
        paragraphs,
        [],
        [
            "Related coverage",
            "Israel Weighs Rafah Operation",
            "Hostage families rally",
            "Most read",
            "Five things to know",
            "Ceasefire Talks Resume In Doha.",
            "Latest News",
            "In his third public address",
            "Oil Prices Rise",
            "Markets slid on Monday",
        ],
    )


WIRE_STORY = (
    "Qatar pauses mediation\n\nBy Jane Roe\n\n"
    "DOHA, Nov 9 (Wire) - Qatar has paused its mediation, a spokesman said on Saturday.\n\n"
    "{sidebar}\n\n"
    "{after}"
)
SECOND_HALF = (
    "A senior Hamas official said the group had not been asked to leave Doha.\n\n"
    "Israeli officials said Israel would not end the war while Hamas remained in power, "
    "and that the mediators knew it.\n\n"
    "Egypt's state-linked media reported that Cairo was preparing a new proposal for a truce."
)


@pytest.mark.parametrize(
    "sidebar",
    [
        "Related coverage\nIsrael strikes Beirut suburbs as Lebanon talks drag on",
        "Most read\n1. Five things to know about the Rafah crossing\n2. Oil prices rise",
        "Related:\n\nIsrael strikes Beirut suburbs.",
        "Recommended\n\nIsrael Strikes Beirut Suburbs As Talks Drag On\n\n- Advertisement -",
    ],
)
@pytest.mark.parametrize("newline", ["\n", "\n\n"], ids=["lines", "blank-lines"])
def test_mid_article_sidebar_cuts_only_its_own_links(sidebar: str, newline: str) -> None:
    """Pages copied without blank lines (as HTML extraction gives them) resume the same way."""
    text = WIRE_STORY.format(sidebar=sidebar, after=SECOND_HALF).replace("\n\n", newline)
    paragraphs = [text[s:e] for s, e in article_paragraphs(text)]
    assert paragraphs[1:] == SECOND_HALF.split("\n\n")
    assert paragraphs[0].startswith("DOHA, Nov 9")


@pytest.mark.parametrize(
    "after",
    [
        "He added that Doha would resume its role when both sides were serious.",
        "The official said the pause would last until the parties showed willingness.",
    ],
)
def test_a_single_paragraph_referring_back_to_the_story_resumes_it(after: str) -> None:
    text = WIRE_STORY.format(sidebar="Related coverage\nIsrael strikes Beirut suburbs", after=after)
    assert [text[s:e] for s, e in article_paragraphs(text)][-1] == after


@pytest.mark.parametrize(
    ("sidebar", "after"),
    [
        # teasers of other stories, each a lone paragraph under its headline
        (
            "Latest News\n\nHezbollah Chief Sets Terms For Lebanon Truce",
            "Naim Qassem said the group had reviewed a ceasefire proposal sent by Washington.\n\n"
            "Oil Prices Rise As Gulf Tensions Mount\n\n"
            "Markets slid on Monday after a surprise rate decision in Europe.",
        ),
        # a teaser cut off with an ellipsis, then another sidebar
        (
            "Most read",
            "Hezbollah Chief Sets Terms\n\nIn his third address, Naim Qassem said that...\n\n"
            "More Articles Like This\n\n- Advertisement -",
        ),
        # the article signed off: whatever follows the sidebar is the page's
        (
            "(Reporting by Wire staff; Editing by Sam Lee)\n\nMost Read",
            SECOND_HALF,
        ),
        # a byline under the sidebar starts another article
        ("Up next\n\nIsrael Recalls Its Negotiators\n\nBy Jo Bloggs", SECOND_HALF),
    ],
    ids=["teasers", "ellipsis", "signed-off", "next-article"],
)
def test_sidebar_at_the_end_of_the_page_cuts_everything_after_it(sidebar: str, after: str) -> None:
    text = WIRE_STORY.format(sidebar=sidebar, after=after)
    assert [text[s:e] for s, e in article_paragraphs(text)] == [
        "DOHA, Nov 9 (Wire) - Qatar has paused its mediation, a spokesman said on Saturday."
    ]


def test_prose_after_a_comment_heading_is_never_the_article() -> None:
    text = WIRE_STORY.format(sidebar="Comments (3)", after=SECOND_HALF)
    assert len(article_paragraphs(text)) == 1


def test_photo_caption_closed_by_its_credit_is_dropped_from_a_saved_page() -> None:
    paragraphs = kept(HELDOUT9 / "003_arabnews_hamas_accepts_rafah_crossing.txt")
    assert_clean(
        paragraphs,
        ["CAIRO: Hamas said on Monday it had accepted a ceasefire proposal put forward"],
        ["Palestinians celebrate in Rafah after Hamas announced it had accepted a ceasefire"],
    )


@pytest.mark.parametrize(
    "caption",
    [
        "Palestinians celebrate in Rafah after Hamas announced it had accepted a ceasefire "
        "proposal, on May 6, 2024. (AFP)",
        "A man walks past the rubble of a house in Khan Younis. (AP Photo/Hatem Moussa)",
        "Smoke rises over northern Gaza after an Israeli strike. (Reuters)",
        "Hamas official Khalil al-Hayya speaks in Doha. (Getty Images)",
        "Israeli tanks near the Rafah crossing. (File photo)",
        "Mourners gather outside a hospital in Deir al-Balah. (EPA)",
        "Palestinians inspect the rubble in Gaza City. ( Mahmoud Issa - Anadolu Agency )",
    ],
)
def test_photo_captions_ending_in_a_credit_are_dropped(caption: str) -> None:
    text = (
        f"Truce Talks Resume\n\n{caption}\n\nCAIRO - Hamas said on Monday it had accepted the "
        "plan.\n\nIsrael said the terms fell short of its demands.\n"
    )
    assert [text[s:e] for s, e in article_paragraphs(text)] == [
        "CAIRO - Hamas said on Monday it had accepted the plan.",
        "Israel said the terms fell short of its demands.",
    ]


@pytest.mark.parametrize(
    "paragraph",
    [
        "GAZA CITY (AP) — Hamas said on Monday it had accepted the Egyptian plan.",
        "Cairo (AFP) - Egyptian mediators said the talks would resume on Tuesday.",
        "A Hamas official told Reuters (Reuters) the group had accepted the plan.",
        "An Israeli official said the version Hamas approved was softened (AFP) and unacceptable.",
        '"The ball is now in the court of the occupation," Khalil al-Hayya, the group\'s deputy '
        "chief in Gaza, told reporters. (AFP)",
        "Hamas accepted the plan put forward by Egyptian and Qatari mediators, the group said in "
        "a statement. (With AFP)",
        "Western governments have prepared contingency plans to evacuate their citizens in the "
        "event of a full-blown conflict. (The Guardian/Z-2)",
    ],
)
def test_datelines_and_credits_inside_article_prose_are_kept(paragraph: str) -> None:
    text = f"Truce Talks Resume\n\n{paragraph}\n\nIsrael said the terms fell short of its demands."
    assert [text[s:e] for s, e in article_paragraphs(text)] == [
        paragraph,
        "Israel said the terms fell short of its demands.",
    ]
