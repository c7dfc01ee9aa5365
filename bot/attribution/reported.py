"""Reported speech: "X said", "..., X said", "according to X", and the clauses hung on it."""

from __future__ import annotations

import re

from bot.attribution.phrases import _head, _norm, _without_relative
from bot.attribution.results import Statement
from bot.attribution.speakers import _Speakers
from bot.attribution.units import _Unit
from bot.attribution.vocabulary import (
    BARE_MINISTRY,
    CALLED_QUOTED,
    CITING,
    CLAUSE_BREAK,
    DENIAL,
    DOCUMENT_HEADS,
    FINAL_ATTRIBUTION,
    FINITE,
    NEEDS_COMPLEMENT,
    NOUN_BEFORE,
    PASSIVE_BEFORE,
    PASSIVE_SOURCE,
    PERSON_HEADS,
    POST_QUOTE_TAIL,
    PREPOSITION,
    PRONOUN_BEFORE,
    PRONOUNS,
    REJOINDER,
    RELATIVE,
    RELATIVE_SUBJECT,
    REPORTING,
    SECOND_CLAUSE,
    SIDE_CLAUSE,
    STANCE,
    TIME_CLAUSE,
    WORD,
)


class _Reported(_Speakers):
    """Statements told with a verb of saying or "according to"."""

    def _speaker_statements(
        self,
        unit: _Unit,
        np_start: int,
        np_end: int,
        kind: str,
        content: tuple[int, int],
        span: tuple[int, int] | None = None,
    ) -> list[Statement]:
        """`span` narrows the statement to its clause when the sentence has another subject."""
        start, end = span or (unit.start, unit.end)
        sentence_start = unit.start
        parties, anaphoric = self._party_of_np(np_start, np_end, sentence_start)
        if not parties and not anaphoric and BARE_MINISTRY.match(self.text[np_start:np_end]):
            parties = self._ministry_country(unit, np_start)
        speaker_span = (np_start, np_end)
        if anaphoric and not parties:
            antecedent = self._antecedent(np_start, np_end)
            if antecedent is not None:
                parties = self._parties_with(antecedent)
                assert antecedent.speaker_start is not None and antecedent.speaker_end is not None
                speaker_span = (antecedent.speaker_start, antecedent.speaker_end)
            else:
                parties = self._person_just_named(unit, np_start, np_end)
                if not parties and self.text[np_start:np_end].lower() in PRONOUNS:
                    return []
        elif anaphoric and parties:
            antecedent = self._antecedent_of_party(parties[0], np_start)
            if antecedent is not None:
                speaker_span = antecedent
        content = (
            min(max(content[0], unit.start), unit.end),
            min(max(content[1], content[0], unit.start), unit.end),
        )
        q_start, q_end = self._quote_in(unit, content)
        return [
            Statement(
                start=start,
                end=end,
                kind=kind,
                speaker=self.text[speaker_span[0] : speaker_span[1]],
                speaker_start=speaker_span[0],
                speaker_end=speaker_span[1],
                party=party,
                content_start=content[0],
                content_end=content[1],
                quote_start=q_start,
                quote_end=q_end,
            )
            for party in (parties or [None])
        ]

    def _reported(self, unit: _Unit, masked: str) -> list[Statement]:
        """ "X said (that) ...", "..., X said", "'...,' X said", "according to X"."""
        final = self._final_attribution(unit, masked) or self._passive_source(unit, masked)
        if final:
            return final
        base = unit.start
        for verb in WORD.finditer(masked):
            word = _norm(verb.group(0))
            if word not in REPORTING or not verb.group(0)[0].islower():
                continue
            if NOUN_BEFORE.search(masked, 0, verb.start()):
                continue  # "resolving the dispute", "its claims": a noun, not a verb
            if PASSIVE_BEFORE.search(masked, 0, verb.start()) and not masked.startswith(
                " to ", verb.end()
            ):
                continue  # "Families were told the guns would fall silent": they were informed
            needs = NEEDS_COMPLEMENT.get(word)
            quoted_verdict = word in {"called", "calls"} and CALLED_QUOTED.match(
                self.text, base + verb.end()
            )
            if needs and not re.match(needs, masked[verb.end() :]) and not quoted_verdict:
                continue
            denial = word in DENIAL or self._echoes_denial(masked, verb)
            kind = "denial" if denial else ("quote" if unit.quotes else "reported")
            v_start, v_end = base + verb.start(), base + verb.end()
            subject = self._coordinated_subject(unit, masked, verb.start())
            if subject is not None:  # "Borrell condemned the attack and said ..."
                return self._speaker_statements(unit, *subject, kind, self._strip(v_end, unit.end))
            antecedent = self._relative_speaker(unit, masked, verb.start())
            if antecedent is not None:
                closing = masked.find(",", verb.end())  # the relative clause ends at its comma
                content = self._strip(v_end, base + closing if closing != -1 else unit.end)
                return self._speaker_statements(unit, *antecedent, kind, content)
            clause = self._clause_start(masked, verb.start())
            pronoun = PRONOUN_BEFORE.search(masked, clause, verb.start())
            if pronoun:  # "the plan, which they say is a surrender": "they" says it
                clause = pronoun.start(1)
            np_start, np_end = self._clean_np(base + clause, v_start)
            np_start, np_end = self._before_coordination(np_start, np_end)
            candidate = self.text[np_start:np_end]
            trailing = None
            apposition = masked[: verb.start()].rstrip().endswith(",")
            listed = self._listed_parties(np_start, np_end)
            if "," in _without_relative(candidate) and not apposition and not listed:
                trailing = self._trailing_speaker(unit, masked, verb.start(), clause)
            if trailing is None and np_start < np_end and self._valid_np(np_start, np_end):
                np_end = self._cut_relative(np_start, np_end)
                after_quote = clause > 0 and not masked[:clause].strip(" ,")
                content = (unit.start, np_start) if after_quote else (v_end, unit.end)
                hung = re.search(rf"(?:{TIME_CLAUSE}|(?P<side>{SIDE_CLAUSE}))$", masked[:clause])
                hung_at = (clause if hung.group("side") else hung.start() + 1) if hung else 0
                span = self._strip(base + hung_at, unit.end) if hung else None
                return self._speaker_statements(
                    unit, np_start, np_end, kind, self._strip(*content), span
                )
            if trailing is None:
                trailing = self._trailing_speaker(unit, masked, verb.start(), clause)
            if trailing is not None:
                np_start, np_end = trailing
                cited = CITING.match(masked, verb.end())
                if cited:  # "..., Al-Qahera News reports, citing a senior official."
                    np_start, np_end = base + cited.start("np"), base + cited.end("np")
                content = self._strip(unit.start, masked.rfind(",", 0, np_start - base) + base)
                if masked[verb.end() :].lstrip().startswith(":"):  # "Asked why, X replied: ..."
                    content = self._strip(v_end, unit.end)
                return self._speaker_statements(unit, np_start, np_end, kind, content)
            after = self._post_quote_speaker(unit, masked, verb)
            if after is not None:
                np_start, np_end = after
                content = self._strip(unit.start, base + verb.start())
                return self._speaker_statements(unit, np_start, np_end, kind, content)
        according = re.search(r"\b[Aa]ccording to\s+", masked)
        if according and masked.startswith("which", according.end()):
            # "The statement issued today by Yerevan, according to which the text is ready"
            np_start, np_end = self._clean_np(unit.start, base + according.start())
            content = self._strip(base + according.end() + len("which"), unit.end)
            if self._valid_np(np_start, np_end):
                return self._speaker_statements(unit, np_start, np_end, "reported", content)
        if according:
            np_start = base + according.end()
            tail = re.search(r"[,.;]|\s+(?:citing|who|on)\s", masked[according.end() :])
            np_end = np_start + (tail.start() if tail else len(masked) - according.end())
            np_start, np_end = self._clean_np(np_start, np_end)
            if according.start() == 0 or masked[: according.start()].strip() == "":
                content = (np_end + 1, unit.end)
            else:
                content = (unit.start, base + according.start())
            content = self._strip(*content)
            if self.text[np_start:np_end].strip():
                return self._speaker_statements(unit, np_start, np_end, "reported", content)
        return []

    def _final_attribution(self, unit: _Unit, masked: str) -> list[Statement]:
        """ "Egypt has told Washington it will not accept it, one of the people said.": the
        attribution that closes a sentence is its source, even when the sentence reports what
        someone else said; a leak of a party's words is the leaker's statement, not the party's.
        A source that speaks for a party keeps the usual reading, and so does "according to",
        which as often names the outlet that relayed a party's words as the leaker.
        """
        closing = self._closing_speaker(unit, masked)
        if closing is None:
            return []
        np_start, np_end, content_end = closing
        inverted = self.text[content_end + 1 : np_start].strip() == "said"
        # "..., Olusegun Obasanjo, the AU's envoy, told a news conference": a speaker in
        # apposition, which the reading from the verb back would run into the clause before
        appositive = "," in self.text[np_start:np_end]
        earlier = {_norm(w) for w in WORD.findall(self.text, unit.start, content_end)}
        if not inverted and not appositive and not REPORTING & earlier:
            return []  # "..., said people familiar with its thinking" needs no other verb
        parties, anaphoric = self._party_of_np(np_start, np_end, unit.start)
        if (parties or anaphoric) and not appositive:
            return []
        content = self._strip(unit.start, content_end)
        return self._speaker_statements(unit, np_start, np_end, "reported", content)

    def _closing_speaker(self, unit: _Unit, masked: str) -> tuple[int, int, int] | None:
        """(start, end) of the speaker of an attribution that closes the sentence ("..., Qatar
        said late Monday", "..., said people familiar with its thinking"), and where what they
        said ends."""
        m = FINAL_ATTRIBUTION.search(masked)
        if m is None:
            return None
        group = "np" if m.group("np") else "after"
        np_start, np_end = self._clean_np(unit.start + m.start(group), unit.start + m.end(group))
        inverted = group == "after"  # "said people familiar ...": the phrase may start lowercase
        if np_start >= np_end or not self._valid_np(np_start, np_end, after_quote=inverted):
            return None
        if inverted and FINITE.search(_without_relative(self.text[np_start:np_end])):
            return None  # "said the attack had hit the one channel": a clause, not a speaker
        if _head(self.text[np_start:np_end]) in DOCUMENT_HEADS:
            return None
        return np_start, np_end, unit.start + m.start()

    def _passive_source(self, unit: _Unit, masked: str) -> list[Statement]:
        m = PASSIVE_SOURCE.match(masked)
        if m is None:
            return []
        np_start, np_end = self._clean_np(unit.start + m.start("np"), unit.start + m.end("np"))
        if np_start >= np_end or not self._valid_np(np_start, np_end):
            return []
        content = self._strip(unit.start + m.end(), unit.end)
        return self._speaker_statements(unit, np_start, np_end, "reported", content)

    def _trailing_speaker(
        self, unit: _Unit, masked: str, verb_at: int, clause: int
    ) -> tuple[int, int] | None:
        """ "Russia will not return to the deal, Kremlin spokesman Dmitry Peskov said." """
        comma = masked.rfind(",", clause, verb_at)
        if comma <= 0 or not masked[:comma].strip():
            return None
        np_start, np_end = self._clean_np(unit.start + comma + 1, unit.start + verb_at)
        if np_start < np_end and self._valid_np(np_start, np_end):
            return np_start, np_end
        return None

    def _before_coordination(self, start: int, end: int) -> tuple[int, int]:
        """ "Amos Hochstein, was in Beirut and warned": the subject ends before "was"."""
        if not re.search(r"\sand$", self.text[start:end]):
            return start, end
        aux = re.search(r"\s(?:was|is|were|are|has|had|have)\s", self.text[start:end])
        if aux is None:
            return start, end
        return self._clean_np(start, start + aux.start())

    def _echoes_denial(self, masked: str, verb: re.Match[str]) -> bool:
        return _norm(verb.group(0)) == "echoed" and "denial" in masked[verb.end() :][:40]

    def _coordinated_subject(
        self, unit: _Unit, masked: str, verb_at: int
    ) -> tuple[int, int] | None:
        """ "Josep Borrell condemned 'the attack' on Kosovo police and said those responsible
        must face justice": a verb of saying joined by "and" to the sentence's first verb has
        that verb's subject, not the words after a quotation."""
        joined = re.search(r"\s+and\s+$", masked[:verb_at])
        if joined is None:
            return None
        first = next(
            (
                w
                for w in WORD.finditer(masked, 0, joined.start())
                if w.group(0).islower() and _norm(w.group(0)) in STANCE | REPORTING
            ),
            None,
        )
        if first is None or first.start() == 0:
            return None
        if re.search(r"\b[Aa]ccording to\b", masked[first.end() : joined.start()]):
            return None  # "X welcomed it, according to Y, and expressed ...": Y's account
        np_start, np_end = self._clean_np(unit.start, unit.start + first.start())
        if np_start >= np_end or not self._valid_np(np_start, np_end):
            return None
        if not self.lexicon.find(self.text, np_start, np_end):
            return None  # a named party or person only: the rest is read as before
        return np_start, np_end

    def _relative_speaker(self, unit: _Unit, masked: str, verb_at: int) -> tuple[int, int] | None:
        """ "Pashinyan faces accusations from the opposition Armenia Alliance, which called the
        route a capitulation": the speaker of a relative clause is the phrase it hangs on, here
        the object of a preposition, not the sentence's subject."""
        relative = RELATIVE_SUBJECT.search(masked, 0, verb_at)
        if relative is None:
            return None
        prepositions = list(PREPOSITION.finditer(masked, 0, relative.start()))
        if not prepositions:
            return None
        preposition = prepositions[-1]
        if re.search(r"\b\w+ed\s+$", masked[: preposition.start() + 1]):
            return None  # "a hostage held by Hamas, who said": "who" is the hostage's kin
        np_start, np_end = unit.start + preposition.end(), unit.start + relative.start()
        if not self._valid_np(np_start, np_end) or "," in self.text[np_start:np_end]:
            return None
        person = any(t.kind == "person" for t in self.lexicon.find(self.text, np_start, np_end))
        if relative.group(0).split()[1] == "who" and not (
            person or _head(self.text[np_start:np_end]) in PERSON_HEADS
        ):
            return None  # "who" stands for a person: the phrase before must name one
        return np_start, np_end

    def _clause_start(self, masked: str, verb_at: int) -> int:
        """Where the verb's clause begins: after a clause break or a blanked quotation."""
        start = 0
        relatives = [r.span() for r in RELATIVE.finditer(masked, 0, verb_at)]
        for m in CLAUSE_BREAK.finditer(masked, 0, verb_at):
            if any(a < m.start() < b for a, b in relatives):
                continue  # "Rubio, who met officials but stayed away, said": still Rubio's clause
            start = m.end()
        blank = masked.rfind("   ", start, verb_at)
        if blank != -1:
            start = blank + 3
        return start

    def _post_quote_speaker(
        self, unit: _Unit, masked: str, verb: re.Match[str]
    ) -> tuple[int, int] | None:
        """ "...," said Ghazi Hamad, a member of ...  /  "...," he said."""
        base = unit.start
        closed = [q[1] for q in unit.quotes if q[1] <= base + verb.start()]
        if not closed:
            return None
        last_q_end = max(closed)
        gap = self.text[last_q_end : base + verb.start()]
        if gap.strip(" ,\xa0\n") == "":
            tail = masked[verb.end() :]
            m = POST_QUOTE_TAIL.match(tail)
            if not m:
                return None
            np_start = base + verb.end() + m.start(1)
            np_end = base + verb.end() + m.end(1)
        else:
            np_start, np_end = last_q_end, base + verb.start()
        np_start, np_end = self._clean_np(np_start, np_end)
        valid = self._valid_np(np_start, np_end, after_quote=True)
        return (np_start, np_end) if valid else None

    def _second_speakers(self, unit: _Unit, masked: str, found: list[Statement]) -> list[Statement]:
        """ "..., as U.S. Secretary of State Antony Blinken urged the group to accept": a second
        party speaking in a trailing clause. Only a named party counts, never a bare pronoun."""
        if not found:
            return []
        out = []
        for m in SECOND_CLAUSE.finditer(masked):
            clause_start = unit.start + m.end()
            if clause_start <= max(s.speaker_end or 0 for s in found):
                continue
            for verb in WORD.finditer(self.text, clause_start, unit.end):
                word = _norm(verb.group(0))
                if word not in REPORTING or not verb.group(0)[0].islower():
                    continue
                np_start, np_end = self._clean_np(clause_start, verb.start())
                terms = self.lexicon.find(self.text, np_start, np_end)
                if (
                    not terms
                    or terms[0].kind == "reference"
                    or not self._valid_np(np_start, np_end)
                ):
                    break
                parties, anaphoric = self._party_of_np(np_start, np_end, unit.start)
                if anaphoric or not parties or set(parties) & {s.party for s in found}:
                    break
                span = self._strip(clause_start, unit.end)
                out += [
                    Statement(
                        start=span[0], end=span[1], kind="reported",
                        speaker=self.text[np_start:np_end], speaker_start=np_start,
                        speaker_end=np_end, party=party, content_start=verb.end(),
                        content_end=span[1], quote_start=None, quote_end=None,
                    )
                    for party in parties
                ]  # fmt: skip
                break
        return out

    def _rejoinders(self, unit: _Unit, masked: str) -> list[Statement]:
        """ "..., an argument Kyiv rejects": a party's answer folded into the sentence."""
        out = []
        for m in REJOINDER.finditer(masked):
            np_start, np_end = unit.start + m.start("np"), unit.start + m.end("np")
            subject = self._sentence_subject_party(unit.start, np_start)
            if m.group("np") in {"it", "they"} and subject:
                parties = [subject]  # "The RSF is accused of killings, which it denies"
            elif m.group("np") in PRONOUNS:
                person = self._recent_person(np_start)
                if person is None:
                    continue
                parties = [person.party]
                np_start, np_end = person.start, person.end
            else:
                terms = self.lexicon.find(self.text, np_start, np_end)
                if not terms or terms[0].kind == "reference":
                    continue
                parties, anaphoric = self._party_of_np(np_start, np_end, unit.start)
                if anaphoric:
                    continue
            if not parties:
                continue
            span = self._strip(unit.start + m.start() + 1, unit.start + m.end())
            for party in parties:
                out.append(
                    Statement(
                        start=span[0], end=span[1], kind="denial",
                        speaker=self.text[np_start:np_end], speaker_start=np_start,
                        speaker_end=np_end, party=party, content_start=span[0],
                        content_end=span[1], quote_start=None, quote_end=None,
                    )
                )  # fmt: skip
        return out
