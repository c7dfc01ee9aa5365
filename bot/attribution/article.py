"""The article being read, and what has been found in it so far."""

from __future__ import annotations

from bot.attribution.lexicon import _Term, lexicon_for
from bot.attribution.results import Issuer, Statement
from bot.attribution.units import _Unit
from bot.attribution.vocabulary import ALL_QUOTE_MARKS
from bot.parties import PartyBook
from bot.segment import Sentence
from bot.topics import TopicTagger


class _Article:
    """State shared by every rule: the text, its sentences, the party lexicon, the
    statements found so far and the parties and people named so far."""

    def __init__(
        self, text: str, sentences: list[Sentence], book: PartyBook, issuer: Issuer | None
    ) -> None:
        self.text = text
        self.issuer = issuer
        # which topics' cue words a sentence holds; needed only to read a party's own release
        self.cue_hits = TopicTagger(book.topics).cue_hits if issuer is not None else None
        self.sentences = sentences
        self.lexicon = lexicon_for(book)
        self.statements: list[Statement] = []
        self.recent_party: list[tuple[int, str]] = []  # (position, party) of names seen
        self.recent_people: list[_Term] = []  # people named so far

    def _strip(self, start: int, end: int) -> tuple[int, int]:
        start = min(start, end)
        while start < end and self.text[start] in " ,:\t\n\xa0":
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return start, end

    def _quote_in(self, unit: _Unit, content: tuple[int, int]) -> tuple[int | None, int | None]:
        inside = [q for q in unit.quotes if q[0] >= content[0] and q[1] <= content[1]]
        if not inside:
            return None, None
        q_start = inside[0][0] + 1
        q_end = inside[-1][1]
        if self.text[q_end - 1] in ALL_QUOTE_MARKS:
            q_end -= 1
        while q_end > q_start and self.text[q_end - 1] in " ,.\n\xa0":
            q_end -= 1
        return q_start, q_end
