"""Quotations: unattributed ones, block quotations, and one statement per quoted sentence."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from bot.attribution.results import Statement
from bot.attribution.speakers import _Speakers
from bot.attribution.units import _mask_quotes, _Unit
from bot.attribution.vocabulary import (
    ALL_QUOTE_MARKS,
    CLAIMED_BY,
    CLAIMED_BY_POSSESSOR,
    CLAIMING_SUBJECT,
    DATELINE,
)
from bot.segment import quoted_sentence_ends


class _Quotes(_Speakers):
    """Quotations whose speaker is found outside their own sentence, and their pieces."""

    def _standalone_quote(self, unit: _Unit, following: list[_Unit]) -> list[Statement]:
        """A quotation with no attribution of its own.

        It continues the previous speaker's quotation, or is claimed by the next sentence
        ("That was the message from X"), or follows a speaker's name and a colon.
        """
        if not unit.quotes:
            return []
        masked = _mask_quotes(self.text, unit)
        start = unit.start
        dateline = DATELINE.match(self.text[start : unit.quotes[0][0]].replace("\n", " "))
        own = masked[dateline.end() :] if dateline else masked
        own_words = own.strip(" .,\n\xa0")
        content = (unit.quotes[0][0], unit.end)
        if own_words:
            before = self.text[start : unit.quotes[0][0]].rstrip()
            terms = self.lexicon.find(self.text, start, unit.quotes[0][0])
            people = [t for t in terms if t.kind in {"person", "phrase"}]
            if not (people and before.endswith(":")):
                return []
            span = (people[0].start, people[0].end)
            return [self._quote_statement(unit, span, people[0].party, content)]
        if following:
            claimed = self._claimed_by(following[0])
            if claimed is not None:
                speaker, party = claimed
                return [self._quote_statement(unit, speaker, party, content)]
        prev = self.statements[-1] if self.statements else None
        prev_sentence = self.sentences[unit.first - 1] if unit.first else None
        if (
            prev is not None
            and prev_sentence is not None
            and self.text[prev_sentence.end - 1] == ":"
            and prev.end >= self.sentences[max(unit.first - 2, 0)].start
            and prev.speaker_start is not None
            and prev.speaker_end is not None
        ):  # "... issued a joint statement. Here is the key passage:" and then the passage
            span = (prev.speaker_start, prev.speaker_end)
            return [
                self._quote_statement(unit, span, party, content)
                for party in self._parties_with(prev) or [None]
            ]
        if (
            prev is not None
            and prev_sentence is not None
            and prev.end >= prev_sentence.start
            and prev.speaker_start is not None
            and prev.speaker_end is not None
            # a quotation goes on; or one follows, in its paragraph, what the speaker did
            # ("Araghchi reiterated the position on X. '...'")
            and (
                prev.kind == "quote"
                or prev_sentence.paragraph == self.sentences[unit.first].paragraph
            )
        ):
            span = (prev.speaker_start, prev.speaker_end)
            return [self._quote_statement(unit, span, prev.party, content)]
        return []

    def _claimed_by(self, nxt: _Unit) -> tuple[tuple[int, int], str | None] | None:
        """The speaker a sentence gives to the quotation before it: "That was the message from
        X", "X delivered that message at a news conference"."""
        claim = CLAIMED_BY.match(self.text, nxt.start, nxt.end)
        if claim:
            np_start, np_end = self._clean_np(claim.end(), nxt.end)
            np_end = self._cut_relative(np_start, np_end)
            tail = re.search(
                r",|\s+(?:according|who|in|on|put|described|summed|framed)\s",
                self.text[np_start:np_end],
            )
            np_end = np_start + tail.start() if tail else np_end
            while np_end > np_start and self.text[np_end - 1] in " .":
                np_end -= 1
        elif owner := CLAIMED_BY_POSSESSOR.match(self.text, nxt.start, nxt.end):
            np_start, np_end = owner.span("np")
        else:
            claim = CLAIMING_SUBJECT.match(self.text, nxt.start, nxt.end)
            if claim is None:
                return None
            np_start, np_end = self._clean_np(nxt.start, claim.end("np"))
        if not self._valid_np(np_start, np_end):
            return None
        parties, _ = self._party_of_np(np_start, np_end, nxt.start)
        return (np_start, np_end), parties[0] if len(parties) == 1 else None

    def _quote_statement(
        self, unit: _Unit, speaker: tuple[int, int], party: str | None, content: tuple[int, int]
    ) -> Statement:
        return Statement(
            start=unit.start, end=unit.end, kind="quote",
            speaker=self.text[speaker[0] : speaker[1]], speaker_start=speaker[0],
            speaker_end=speaker[1], party=party, content_start=content[0],
            content_end=content[1], quote_start=self._quote_in(unit, content)[0],
            quote_end=self._quote_in(unit, content)[1],
        )  # fmt: skip

    def _by_sentence(self, unit: _Unit, st: Statement) -> list[Statement]:
        """A quotation of several sentences gives one statement per sentence, each with the
        speaker: a position is one sentence, and the latest one must not hide in a paragraph.
        A quotation running on into further paragraphs gives each paragraph its own statements.
        """
        if st.kind != "quote" or (st.start, st.end) != (unit.start, unit.end) or not unit.quotes:
            return [st]
        edges = []
        for sentence in self.sentences[unit.first :]:
            if sentence.start >= unit.end:
                break
            start = max(sentence.start, unit.start)
            edges.append(start)
            if self.text[start] in ALL_QUOTE_MARKS:
                edges += quoted_sentence_ends(self.text, start, sentence.end)
        edges.append(unit.end)
        if len(edges) <= 2:
            return [st]
        pieces = []
        for a, b in pairwise(edges):
            a, b = self._strip(a, b)
            if a >= b:
                continue
            c_start, c_end = max(a, st.content_start), min(b, st.content_end)
            if c_start >= c_end:
                c_start, c_end = a, b
            q_start = q_end = None
            if st.quote_start is not None and st.quote_end is not None:
                q_start, q_end = max(a, st.quote_start), min(b, st.quote_end)
                while q_start < q_end and self.text[q_start] in ALL_QUOTE_MARKS + " ":
                    q_start += 1
                while q_end > q_start and self.text[q_end - 1] in ALL_QUOTE_MARKS + " ,\n\xa0":
                    q_end -= 1
                if q_start >= q_end:
                    q_start = q_end = None
            pieces.append(
                replace(
                    st, start=a, end=b, content_start=c_start, content_end=c_end,
                    quote_start=q_start, quote_end=q_end,
                )
            )  # fmt: skip
        return pieces

    def _introduces_block(self, unit: _Unit, masked: str, found: list[Statement]) -> bool:
        """ "The secretary general wrote on X:" with nothing after the colon: what was written
        is the next paragraph, set off as a block quotation without quotation marks."""
        return bool(found) and not unit.quotes and masked.rstrip().endswith(":")

    def _block_quote(self, unit: _Unit, intro: Statement) -> Statement:
        content = self._strip(unit.start, unit.end)
        return replace(
            intro, start=unit.start, end=unit.end, kind="quote", content_start=content[0],
            content_end=content[1], quote_start=content[0], quote_end=content[1],
        )  # fmt: skip
