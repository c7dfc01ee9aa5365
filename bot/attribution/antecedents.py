"""What a back-reference stands for: "he", "it", "the group", "the two groups", "its office"."""

from __future__ import annotations

import re

from bot.attribution.article import _Article
from bot.attribution.lexicon import _Term
from bot.attribution.phrases import _is_organisation_name, _is_plural, _norm
from bot.attribution.results import Statement
from bot.attribution.vocabulary import (
    AGE,
    ANAPHORIC_HEADS,
    DETERMINERS,
    GROUP_HEADS,
    NAME_WORD,
    PERSON_HEADS,
    PRONOUNS,
    WORD,
)


class _Antecedents(_Article):
    """Back-references resolved against the statements and names found so far."""

    def _joint_parties(self, before: int) -> list[str]:
        """ "Hamas and Islamic Jihad handed over their reply. ... the two groups said": the
        parties that last acted together, within the last few statements."""
        recent = [st for st in self.statements[-4:] if st.start < before and st.party]
        for st in reversed(recent):
            together = [o.party for o in recent if (o.start, o.end) == (st.start, st.end)]
            if len(set(together)) >= 2:
                return list(dict.fromkeys(p for p in together if p))
        return []

    def _resolve_reference(self, term: _Term) -> list[str]:
        """The party a reference ("the group") names: the last one it can stand for, unless an
        organisation of no party spoke since ("The Families Forum urged ... , the group said")."""
        candidates = self._referents(term)
        head = self.lexicon.reference_key(self.text[term.start : term.end]).split()[-1]
        for prev in reversed(self.statements[-2:]):
            # "The government's negotiating delegation said ... the ELN must stop. '...,' the
            # delegation said": the speaker it names again, not the party named last
            if (
                prev.party in candidates
                and prev.speaker_start is not None
                and prev.start < term.start
                and re.search(rf"\b{re.escape(head)}\b", (prev.speaker or "").lower())
            ):
                return [prev.party]
        for position, party in reversed(self.recent_party):
            if position < term.start and party in candidates:
                if self._organisation_since(position, term.start) is not None:
                    return []
                return [party]
        return []

    def _organisation_since(self, after: int, before: int) -> Statement | None:
        """The last organisation of no party to speak between two points, within 2 sentences."""
        horizon = max(after, self._sentence_back(before, 2))
        for prev in reversed(self.statements[-3:]):
            if (
                prev.party is None
                and prev.speaker is not None
                and prev.speaker_start is not None
                and horizon <= prev.speaker_start < before
                and _is_organisation_name(prev.speaker)
            ):
                return prev
        return None

    def _recent_person(self, before: int) -> _Term | None:
        """ "His office said", "a claim he denies": the person named last, within 3 sentences."""
        horizon = self._sentence_back(before, 3)
        for term in reversed(self.recent_people):
            if horizon <= term.start < before:
                return term
        return None

    def _near(self, prev: Statement, before: int) -> bool:
        """Spoken in this sentence or the one before: "they" reaches no further ("Serbian
        nationalists protested against the plan, which they say ..." is not about speakers
        three sentences back)."""
        return prev.end > self._sentence_back(before, 2)

    def _sentence_back(self, before: int, back: int) -> int:
        """Where the sentence starts that lies `back` sentences back, counting the one the
        point is in as the first: how far a back-reference may reach."""
        starts = [s.start for s in self.sentences if s.start < before]
        return starts[-back] if len(starts) >= back else 0

    def _referents(self, term: _Term) -> list[str]:
        """The parties a reference ("the movement") may stand for, by the parties file."""
        key = self.lexicon.reference_key(self.text[term.start : term.end])
        return self.lexicon.references.get(key, [])

    def _antecedent(self, np_start: int, np_end: int) -> Statement | None:
        words = self.text[np_start:np_end].lower().split()
        head = words[-1] if words else ""
        first = words[0] if words else ""
        for prev in reversed(self.statements[-6:]):
            if prev.speaker_start is None or prev.start >= np_start:
                continue  # no speaker, or the page's publisher: nothing to point back to
            speaker = (prev.speaker or "").lower()
            plural = _is_plural(prev.speaker or "")
            if head == "they":
                if plural and self._near(prev, np_start):
                    return prev
                continue
            if head == "it":
                if self._is_organisation(prev) and not plural:
                    return prev
                continue
            if head in PRONOUNS or AGE.fullmatch(head):  # "he", "the 74-year-old"
                if self._is_organisation(prev) or plural:
                    continue
                return prev
            if first in {"its", "their"}:
                return prev if prev.party else None
            if head in GROUP_HEADS and prev.party is None and _is_organisation_name(speaker):
                return prev
            if head == "statement" or re.search(rf"\b{re.escape(head)}\b", speaker):
                return prev
        return None

    def _is_organisation(self, statement: Statement) -> bool:
        """ "The RSF", "Qatar's foreign ministry": a party's body, not a person speaking for it.

        A person shows as a capitalised word outside the party's names ("Sami Abu Zuhri, a senior
        Hamas official") or as a role ("Hamas official", "the spokesman").
        """
        if statement.speaker_start is None or statement.speaker_end is None:
            return False
        start = statement.speaker_start
        comma = self.text.find(",", start, statement.speaker_end)
        end = statement.speaker_end if comma == -1 else comma
        terms = self.lexicon.find(self.text, start, end)
        if not terms or any(term.kind == "person" for term in terms):
            return False
        rest = self.text[end + 1 : statement.speaker_end] if comma != -1 else ""
        if re.fullmatch(rf"\s*{NAME_WORD}(?:\s+{NAME_WORD})+\s*", rest):
            return False  # "Hezbollah's deputy secretary-general, Naim Qassem"
        for word in WORD.finditer(self.text, start, end):
            inside = any(term.start <= word.start() < term.end for term in terms)
            lowered = _norm(word.group(0))
            roles = {lowered, *lowered.split("-")}  # "secretary-general"
            if roles & (PERSON_HEADS | ANAPHORIC_HEADS) - {"office", "statement"}:
                return False
            if not inside and word.group(0)[0].isupper() and lowered not in DETERMINERS:
                return False
        return True

    def _parties_with(self, statement: Statement) -> list[str]:
        """The parties of a statement and of those it was made with ("a joint statement of the
        US and Ukraine"): a later "the statement" speaks for all of them."""
        together = [
            st.party
            for st in self.statements[-6:]
            if (st.start, st.end, st.speaker_start)
            == (statement.start, statement.end, statement.speaker_start)
            and st.party
        ]
        return list(dict.fromkeys(together)) or ([statement.party] if statement.party else [])

    def _antecedent_of_party(self, party: str, before: int) -> tuple[int, int] | None:
        for prev in reversed(self.statements[-6:]):
            if prev.party == party and prev.speaker_start is not None and prev.start < before:
                assert prev.speaker_end is not None
                return prev.speaker_start, prev.speaker_end
        return None
