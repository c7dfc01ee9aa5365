"""The order in which the rules read each unit of an article."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.attribution.quotes import _Quotes
from bot.attribution.reported import _Reported
from bot.attribution.results import Attribution, Mention, Statement
from bot.attribution.stances import _Stances
from bot.attribution.transcripts import _Transcripts
from bot.attribution.units import _mask_quotes, _Unit, _units
from bot.attribution.vocabulary import (
    ALL_QUOTE_MARKS,
    DOCUMENTS,
    JOINT_ACTORS,
    READER_ADDRESSED,
    TRANSCRIPT_LABEL,
)


class _Attributor(_Transcripts, _Reported, _Stances, _Quotes):
    """Each unit read by each rule in turn; which rule wins is decided here."""

    @staticmethod
    def _only_a_source(reported: list[Statement], stances: list[Statement], masked: str) -> bool:
        """ "The group proposed a truce, according to a copy of its response": a party's own
        document that reports its stance does not replace the party as its speaker."""
        source = re.search(r"\b[Aa]ccording to\s+(?:\w+\s+){0,3}?(?:" + DOCUMENTS + r")\b", masked)
        return (
            any(st.party for st in stances)
            and all(st.party is None for st in reported)
            and source is not None
        )

    def _ending_before(self, st: Statement, clause: int) -> Statement:
        """ "Tehran called it '...', and Hezbollah's leader said ...": Tehran's statement stops
        at the comma before the clause of the second speaker."""
        comma = self.text.rfind(",", st.start, clause)
        if not st.start < clause < st.end or comma <= st.start:
            return st
        closes = self.text[comma + 1 : comma + 2] in ALL_QUOTE_MARKS  # '"a trap," and ...'
        end = comma + 2 if closes else self._strip(st.start, comma)[1]
        quote_end = min(st.quote_end, end) if st.quote_end is not None else None
        quoted = st.quote_start is not None and quote_end is not None and st.quote_start < quote_end
        content = (min(st.content_start, end), min(st.content_end, end))
        if content[0] >= content[1]:
            content = (st.start, end)
        return replace(
            st, end=end, content_start=content[0], content_end=content[1],
            quote_start=st.quote_start if quoted else None, quote_end=quote_end if quoted else None,
        )  # fmt: skip

    def _issuer_voice(self, unit: _Unit, masked: str) -> list[Statement]:
        """A sentence of a party's own release with no source of its own is the party's, when
        it is about the negotiation (a topic's cue word) and names no other party (whose acts
        it tells in the party's words, not the other's), and does not address the reader ("If
        you have Telegram, join ...", "For more information, contact ...": what is left of
        the page around the release)."""
        if self.issuer is None or self.cue_hits is None or len(masked.split()) < 4:
            return []
        sentence = self.text[unit.start : unit.end]
        others = {  # a reference ("the movement") counts when it cannot be the publisher
            t.party or "?"
            for t in self.lexicon.find(self.text, unit.start, unit.end)
            if t.party != self.issuer.party
            and not (t.kind == "reference" and self.issuer.party in self._referents(t))
        }
        if others or READER_ADDRESSED.search(sentence) or not any(self.cue_hits(sentence)):
            return []
        if JOINT_ACTORS.search(sentence):
            return []  # "The Parties did not sign the Annex": the sides' act, in its words
        q_start, q_end = self._quote_in(unit, (unit.start, unit.end))
        return [
            Statement(
                start=unit.start, end=unit.end, kind="reported", speaker=self.issuer.name,
                speaker_start=None, speaker_end=None, party=self.issuer.party,
                content_start=unit.start, content_end=unit.end, quote_start=q_start,
                quote_end=q_end,
            )
        ]  # fmt: skip

    def run(self) -> Attribution:
        mentions: list[Mention] = []
        units = _units(self.text, self.sentences)
        transcript = self._transcript()
        intro: list[Statement] = []  # "X wrote on X:" awaiting its quotation paragraph
        intro_paragraph = -1
        answered: set[int] = set()
        for index, unit in enumerate(units):
            paragraph = self.sentences[unit.first].paragraph
            if paragraph > intro_paragraph + 1:
                intro = []
            label = TRANSCRIPT_LABEL.match(self.text, unit.start, unit.end) if transcript else None
            if label and paragraph not in transcript:
                unit.start = label.end()  # a host's line: what it reports, not "HOST NAME:"
            terms = self.lexicon.find(self.text, unit.start, unit.end)
            self.recent_party += [(t.start, t.party) for t in terms if t.kind != "reference"]
            self.recent_people += [t for t in terms if t.kind == "person"]
            masked = _mask_quotes(self.text, unit)
            if paragraph in transcript or masked.rstrip(" \n\xa0").endswith("?"):
                answer = transcript.get(paragraph)
                found = [answer] if answer is not None and paragraph not in answered else []
                answered.add(paragraph)
                self.statements.extend(found)
                mentions += [
                    Mention(t.party, t.start, t.end)
                    for t in terms
                    if t.kind != "reference" and not (answer and answer.speaker_start == t.start)
                ]
                continue
            found = self._stances(unit, masked)
            closing = self._closing_speaker(unit, masked)
            if closing and all((st.speaker_end or 0) <= closing[0] for st in found):
                found = []  # "Israel and Hamas have agreed to extend the truce, Qatar said"
            if not found or (len(found) == 1 and found[0].start == unit.start):
                reported = self._reported(unit, masked)
                if found and all(
                    r.speaker_start is not None and r.speaker_start < unit.start for r in reported
                ):
                    # "Araghchi hailed what he called a victory": "he" is the subject here, not
                    # the last speaker of an earlier sentence
                    reported = []
                apart = all(r.start >= st.end for r in reported for st in found)
                if reported and apart:
                    found += reported
                elif reported and not self._only_a_source(reported, found, masked):
                    found = reported
            second = self._second_speakers(unit, masked, found)
            if second:  # each party's statement ends where the other's clause begins
                found = [self._ending_before(st, min(o.start for o in second)) for st in found]
            found += self._rejoinders(unit, masked) + second
            found += self._absolute_clauses(unit, masked)
            if not found:
                found = self._passive_agents(unit, masked)
            if not found and intro and paragraph == intro_paragraph + 1:
                found = [self._block_quote(unit, st) for st in intro]
                self.statements = [st for st in self.statements if st not in intro]
            if not found:
                found = self._standalone_quote(unit, units[index + 1 : index + 2])
            if not found:
                found = self._issuer_voice(unit, masked)
            found = [piece for st in found for piece in self._by_sentence(unit, st)]
            if self._introduces_block(unit, masked, found):
                intro, intro_paragraph = found, paragraph
            self.statements.extend(found)
            speakers = [
                (st.speaker_start, st.speaker_end)
                for st in found
                if st.speaker_start is not None and st.speaker_end is not None
            ]
            for term in terms:
                if term.kind == "reference" or any(s <= term.start < e for s, e in speakers):
                    continue
                mentions.append(Mention(term.party, term.start, term.end))
        return Attribution(self.statements, mentions)
