"""A party's stance or negotiating act told as fact, with no verb of saying."""

from __future__ import annotations

import re

from bot.attribution.phrases import _is_plural, _norm
from bot.attribution.results import Statement
from bot.attribution.speakers import _Speakers
from bot.attribution.units import _Unit
from bot.attribution.vocabulary import (
    ACTING_PARTICIPLES,
    JOINT_REFERENCE,
    MODIFIER_CUTS,
    NEGOTIATION_TEXTS,
    NEGOTIATION_WORDS,
    PASSIVE_AGENT,
    PASSIVE_AUXILIARIES,
    SAYING_PARTICIPLES,
    STANCE,
    STANCE_COMPLEMENT,
    TIME_CLAUSE,
    TRANSMISSION,
    VIEW_HEADS,
    VIEW_VERBS,
    WEAK_STANCE,
    WITH_CLAUSE,
    WORD,
)


class _Stances(_Speakers):
    """Stances and acts of a party: "Hamas refused", "with the US abstaining", "drawn up by
    Cairo"."""

    def _stances(self, unit: _Unit, masked: str) -> list[Statement]:
        """Clauses whose subject is a party and whose verb is a stance or a negotiating act.

        "Hamas refused to participate", "Israel has firmly rejected", "Washington has engaged
        in discussions"; and views of experts or observers, which speak for no party.
        """
        out: list[Statement] = []
        base = unit.start
        breaks = list(re.finditer(rf",\s+(?:but|and|while|whereas)\s+|;\s+|{TIME_CLAUSE}", masked))
        clauses = list(
            zip(
                [0] + [m.end() for m in breaks],
                [m.start() for m in breaks] + [len(masked)],
                strict=True,
            )
        )
        for c_start, c_end in clauses:
            found = self._stance_clause(base + c_start, base + c_end)
            if found is None:
                continue
            (np_start, np_end), parties = found
            if parties and set(parties) <= {st.party for st in out}:
                continue  # "Hamas is open to it; the movement has agreed": one stance a party
            span = (
                (unit.start, unit.end)
                if len(clauses) == 1
                else self._strip(base + c_start, base + c_end)
            )
            for party in parties or [None]:
                out.append(
                    Statement(
                        start=span[0], end=span[1], kind="stance",
                        speaker=self.text[np_start:np_end], speaker_start=np_start,
                        speaker_end=np_end, party=party, content_start=span[0],
                        content_end=span[1], quote_start=None, quote_end=None,
                    )
                )  # fmt: skip
        return out

    def _stance_clause(self, start: int, end: int) -> tuple[tuple[int, int], list[str]] | None:
        np_start, _ = self._clean_np(start, end)
        lead = re.match(r"(?:What|Even)\s+", self.text[np_start:end])
        if lead:
            np_start += lead.end()
        words = list(WORD.finditer(self.text, np_start, end))[:14]
        for i, w in enumerate(words):
            word = _norm(w.group(0))
            if i and word in VIEW_VERBS:
                s, e = self._clean_np(np_start, w.start())
                cut = MODIFIER_CUTS.search(self.text, s, e)
                core = self.text[s : cut.start() if cut else e].split()
                if core and core[-1].lower() in VIEW_HEADS:
                    return (s, e), []
            if (word not in STANCE and word not in STANCE_COMPLEMENT) or i == 0:
                continue
            if word.endswith("ed") and _norm(words[i - 1].group(0)) in PASSIVE_AUXILIARIES:
                return None  # "It was offered an amnesty": done to it, not by it
            complement = STANCE_COMPLEMENT.get(word)
            if complement is not None and not re.match(complement, self.text[w.end() : end]):
                return None
            if word in WEAK_STANCE:
                nxt = [_norm(x) for x in WORD.findall(self.text[w.end() : w.end() + 40])]
                if word == "remains" and not (nxt and nxt[0] in {"steadfast", "committed"}):
                    return None
                met_party = word == "met" and any(  # "He met Netanyahu", not "met Hamas fighters"
                    t.kind == "person" and t.start - w.end() <= 2
                    for t in self.lexicon.find(self.text, w.end(), min(end, w.end() + 40))
                )
                if (
                    word in {"engaged", "met", "continues"}
                    and not set(nxt[:3]) & NEGOTIATION_WORDS
                    and not met_party
                ):
                    return None
            if word in TRANSMISSION:
                nxt = [_norm(x) for x in WORD.findall(self.text[w.end() : w.end() + 60])]
                if nxt[:1] == ["out"]:
                    return None  # "carried out strikes", "passed out"
                if not set(nxt[:6]) & NEGOTIATION_TEXTS:
                    return None
            s, e = self._clean_np(np_start, w.start())
            if s >= e or len(re.sub(r",[^,]*(?:,|$)", "", self.text[s:e]).split()) > 10:
                return None
            if self.text[s:e] == "It":
                body = self._body_just_before(start)
                return ((s, e), [body.party]) if body and body.party else None
            if JOINT_REFERENCE.fullmatch(self.text[s:e].lower()):
                joint = self._joint_parties(s)
                return ((s, e), joint) if joint else None
            terms = self.lexicon.find(self.text, s, e)
            if not terms or (terms[0].kind == "reference" and terms[0].start != s):
                return None
            if not self._valid_np(s, e):
                return None
            parties, anaphoric = self._party_of_np(s, e, start)
            if not parties or (anaphoric and terms[0].kind != "reference"):
                return None
            return (s, e), parties
        return None

    def _body_just_before(self, before: int) -> Statement | None:
        """ "In it, the group proposed a truce. It also demanded ...": "It" opening a sentence
        goes on with the party body that spoke in the sentence just before, and only that."""
        previous = [s for s in self.sentences if s.end <= before]
        if not previous or not self.statements:
            return None
        last = self.statements[-1]
        if last.end < previous[-1].start or last.speaker is None:
            return None
        plural = _is_plural(last.speaker)
        return last if self._is_organisation(last) and not plural else None

    def _absolute_clauses(self, unit: _Unit, masked: str) -> list[Statement]:
        """ "..., with Kyiv accusing Moscow of making demands", "with the US abstaining": a
        party's act hung on the sentence with "with" and a participle."""
        out: list[Statement] = []
        for m in WITH_CLAUSE.finditer(masked):
            verb = m.group("verb").lower()
            if verb not in SAYING_PARTICIPLES | ACTING_PARTICIPLES:
                continue
            np_start, np_end = unit.start + m.start("np"), unit.start + m.end("np")
            terms = self.lexicon.find(self.text, np_start, np_end)
            lead = 4 if self.text.startswith("the ", np_start) else 0
            if not terms or terms[0].kind == "reference" or terms[0].start != np_start + lead:
                continue
            parties, _ = self._party_of_np(np_start, np_end, unit.start)
            clause_end = re.search(r"[,;]", masked[m.end() :])
            end = unit.start + m.end() + clause_end.start() if clause_end else unit.end
            span = self._strip(unit.start + m.start("with"), end)
            kind = "reported" if verb in SAYING_PARTICIPLES else "stance"
            out += [
                Statement(
                    start=span[0], end=span[1], kind=kind, speaker=self.text[np_start:np_end],
                    speaker_start=np_start, speaker_end=np_end, party=party,
                    content_start=span[0], content_end=span[1], quote_start=None, quote_end=None,
                )
                for party in parties
            ]  # fmt: skip
        return out

    def _passive_agents(self, unit: _Unit, masked: str) -> list[Statement]:
        """ "The new plan was drawn up by Cairo and Doha", "The venue was offered by Turkey":
        a negotiating act told in the passive is the act of the parties after "by"."""
        m = PASSIVE_AGENT.search(masked)
        if m is None:
            return []
        np_start, np_end = self._clean_np(unit.start + m.start("np"), unit.start + m.end("np"))
        if np_start >= np_end or not self.lexicon.find(self.text, np_start, np_end):
            return []
        parties, anaphoric = self._party_of_np(np_start, np_end, unit.start)
        if anaphoric or not parties:
            return []
        return [
            Statement(
                start=unit.start, end=unit.end, kind="stance",
                speaker=self.text[np_start:np_end], speaker_start=np_start, speaker_end=np_end,
                party=party, content_start=unit.start, content_end=unit.end,
                quote_start=None, quote_end=None,
            )
            for party in parties
        ]  # fmt: skip
