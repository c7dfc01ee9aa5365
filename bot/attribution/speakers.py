"""Speaker phrases and the parties they speak for."""

from __future__ import annotations

import re

from bot.attribution.antecedents import _Antecedents
from bot.attribution.lexicon import _Term, last_introduction
from bot.attribution.phrases import _norm, _without_relative
from bot.attribution.units import _Unit
from bot.attribution.vocabulary import (
    AGE,
    ALL_QUOTE_MARKS,
    ANAPHORIC_HEADS,
    AUXILIARIES,
    BARE_RELATIVE,
    COPULAS,
    DATE_LEAD,
    DATELINE,
    DETERMINERS,
    FORMER,
    GROUP_HEADS,
    HONORIFICS,
    INTRO_LIST,
    INTRO_WORDS,
    JOINT_REFERENCE,
    LIST_NAME,
    LIST_SEPARATOR,
    MEDIA_WORDS,
    MODIFIER_CUTS,
    NAME_RUN,
    NAME_WORD,
    NO_PARTY_HEADS,
    NO_PARTY_PREFIXES,
    NOT_FIRST_NAMES,
    OF_OWNER,
    PERSON_HEADS,
    PLACE_INTRO,
    PLURAL_GROUP_HEADS,
    PLURAL_SPEAKERS,
    PRONOUNS,
    RELATIVE,
    REPORTING,
    ROLE_FOR,
    SPEAKER_HEADS,
    SUBORDINATORS,
    WORD,
)
from bot.segment import APOSTROPHE


class _Speakers(_Antecedents):
    """Where a speaker phrase starts and ends, whether it can name a speaker, and for
    which parties it speaks."""

    def _clean_np(self, start: int, end: int) -> tuple[int, int]:
        """Trim a subject candidate: dateline, introductory phrase, trailing auxiliaries."""
        text = self.text
        while start < end and text[start] in " ,\t\n\xa0":
            start += 1
        dateline = DATELINE.match(text[start:end])
        if dateline:
            start += dateline.end()
        when = DATE_LEAD.match(text, start, end)  # "On Monday Netanyahu said"
        if when:
            start = when.end()
        while True:
            first = WORD.match(text, start, end)
            if not first:
                break
            word = _norm(first.group(0))
            comma = text.find(",", start, end)
            if word in {"yet", "but", "and", "so", "however", "meanwhile"} or (
                word in SUBORDINATORS and comma == -1
            ):
                start = first.end()
            elif (word in INTRO_WORDS and comma != -1) or (
                word.endswith("ing") and comma != -1 and word not in {"king"}
            ):
                start = comma + 1
                # "In rounds held in Caracas, Mexico City and Havana, the government ...": the
                # introductory phrase ends after its list
                listed = INTRO_LIST.match(text, start, end)
                after = re.match(r"\s*(\w+)", text[listed.end() : end]) if listed else None
                if after and after.group(1) not in {"which", "who", "whose", "whom"}:
                    start = listed.end()  # not "In Cairo, Hamas and PIJ, which ..., said"
            else:
                break
            while start < end and text[start] in " ,\t\n\xa0":
                start += 1
        words = list(WORD.finditer(text, start, end))
        while words and (
            _norm(words[-1].group(0)) in AUXILIARIES
            or (words[-1].group(0).islower() and words[-1].group(0).endswith("ly"))
        ):
            end = words.pop().start()
        while end > start and text[end - 1] in " ,\t\n\xa0":
            end -= 1
        return start, end

    def _valid_np(self, start: int, end: int, *, after_quote: bool = False) -> bool:
        """A phrase that can name a speaker: a party, a person, a pronoun, a speaking role."""
        span = _without_relative(self.text[start:end])
        words = span.split()
        if not words or len(words) > 22:
            return False
        if words[0].lower() in PRONOUNS:
            return len(words) == 1
        first_ok = (
            words[0][0].isupper()
            or words[0].lower() in DETERMINERS
            or words[0] in PLURAL_SPEAKERS  # ", officials said", "mediators Qatar and Egypt"
            # "In Tehran, foreign ministry spokesman Nasser Kanaani warned"
            or (
                bool({w.lower() for w in words} & PERSON_HEADS)
                and len(words) >= 2
                and all(w[:1].isupper() for w in words[-2:])
                and PLACE_INTRO.search(self.text, max(0, start - 60), start) is not None
            )
        )
        if not (first_ok or after_quote):
            return False
        if len(words) == 1 and words[0].lower() in {"the", "a", "an", "it", "this", "that"}:
            return False
        if len(words) == 2 and words[0].lower() == "the" and AGE.fullmatch(words[1]):
            return True  # "The 74-year-old added": the person just named
        if {w.strip(",") for w in words[:-1] if w.islower()} & (REPORTING | COPULAS):
            return False
        if self.lexicon.find(self.text, start, end):
            return True
        core = re.split(r",|\s+and\s+", span)[0]
        cut = MODIFIER_CUTS.search(core)
        core_words = (core[: cut.start()] if cut else core).split()
        head = core_words[-1].lower().strip(f",.'{APOSTROPHE}") if core_words else ""
        if head in SPEAKER_HEADS:
            return True
        return any(_capitalised(w) for w in core_words[1:]) or (
            len(core_words) == 1 and core_words[0][0].isupper()
        )

    def _party_of_np(self, start: int, end: int, sentence_start: int) -> tuple[list[str], bool]:
        """Parties a speaker phrase speaks for, and whether it is a back-reference."""
        span = self.text[start:end]
        lower = span.lower()
        cite = lower.find(", citing ")
        if cite != -1:
            cited = start + cite + 9
            named = any(t.kind != "reference" for t in self.lexicon.find(self.text, cited, end))
            if named or not set(lower[:cite].split()) & MEDIA_WORDS:
                return self._party_of_np(cited, end, sentence_start)
            return [], False  # "Al-Qahera News, citing a senior source": the outlet's claim
        first_part_end = start + len(re.split(r",|\s+and\s+", span)[0])
        cut = MODIFIER_CUTS.search(self.text, start, first_part_end)
        core_end = cut.start() if cut else first_part_end
        # "a source familiar with the talks" knows them; nothing says whose side it is on
        informed = cut is not None and cut.group().split()[0].lower() in {"familiar", "briefed"}
        of = re.search(r"\s+of\s", self.text[start:core_end])
        core_end = start + of.start() if of else core_end
        core_words = self.text[start:core_end].split()
        named = [w for w in core_words if not w.strip(",.").isdigit()]  # "Channel 12" is a channel
        head = named[-1].lower().strip(",.") if named else ""
        core_terms = [
            t for t in self.lexicon.find(self.text, start, core_end) if t.kind != "reference"
        ]
        head_named = any(term.end >= core_end - 1 for term in core_terms)
        if head in {"diplomat", "diplomats"} and core_terms and len(named) <= 4:
            # "the Qatari diplomat" serves Qatar; "a Western diplomat" serves no party
            adjective = re.search(rf"\s+{re.escape(named[-1])}$", self.text[start:core_end])
            head_named = adjective is not None and core_terms[-1].end == start + adjective.start()
        if "opposition" in lower.split():
            return [], False  # "the opposition Armenia Alliance" is not Armenia's government
        if JOINT_REFERENCE.fullmatch(lower):
            return self._joint_parties(start), False
        if (head in NO_PARTY_HEADS and not head_named) or lower.startswith(NO_PARTY_PREFIXES):
            return [], False
        if set(lower.replace(",", " ").split()) & MEDIA_WORDS:
            return [], False  # "the Israeli daily Haaretz", "Channel 12 news": outlets report
        listed = self._listed_parties(start, end)
        if listed:
            return listed, False
        # A person of the book speaks for their party, whatever else is said of them ("H.E.
        # Minister of State at the Ministry of Foreign Affairs Dr. Mohammed Al-Khulaifi", "Uhuru
        # Kenyatta, the former Kenyan president", a mediator of the AU panel).
        # The person must head the phrase: not "A spokesman for families who met Netanyahu".
        first_part = BARE_RELATIVE.split(span.split(",")[0])[0].rstrip()
        terms_named = [
            t
            for t in self.lexicon.find(self.text, start, start + len(first_part))
            if t.kind != "reference"
        ]
        if (
            terms_named
            and terms_named[-1].kind == "person"
            and terms_named[-1].end == start + len(first_part)
            and len({t.party for t in terms_named}) == 1
        ):
            return [terms_named[-1].party], False
        if any(
            set(m.group(1).lower().split()) & (PERSON_HEADS | SPEAKER_HEADS)
            for m in FORMER.finditer(span)
        ):
            return [], False  # a former official speaks for no one now
        words = lower.split()
        if len(words) == 1 and words[0] in PRONOUNS:
            return [], True
        if len(words) == 2 and words[0] == "the" and AGE.fullmatch(words[1]):
            return [], True
        parts = [start]
        for m in re.finditer(r",\s*", span):
            parts.append(start + m.end())
        for part_start in parts:
            part_end = self.text.find(",", part_start, end)
            part_end = end if part_end == -1 else part_end
            cut = MODIFIER_CUTS.search(self.text, part_start, part_end)
            if cut and part_start > start and ROLE_FOR.match(self.text, part_start, cut.end()):
                cut = MODIFIER_CUTS.search(self.text, cut.end() - 1, part_end)
            if cut and part_start > start and self._works_elsewhere(cut.start(), part_end):
                return [], False
            part_end = cut.start() if cut else part_end
            terms = self.lexicon.find(self.text, part_start, part_end)
            if part_start > start and self._no_party_apposition(part_start, part_end, terms):
                return [], False
            if terms:
                first = terms[0]
                owner = next((t for t in terms[1:] if t.kind != "reference"), None)
                if (
                    first.kind == "reference"
                    and owner
                    and (
                        OF_OWNER.match(self.text, first.end)
                        or not self.text[first.end : owner.start].strip()
                    )
                ):  # "the Ministry of Foreign Affairs of Azerbaijan", "the regional bloc IGAD"
                    return [owner.party], False
                if first.kind == "reference":
                    resolved = self._resolve_reference(first)
                    other = terms[1] if len(terms) > 1 else None
                    if (  # "the government and the ELN agreed"
                        resolved
                        and other is not None
                        and other.kind != "reference"
                        and other.party not in resolved
                        and re.fullmatch(
                            r"\s+and\s+(?:the\s+)?", self.text[first.end : other.start]
                        )
                    ):
                        return [*resolved, other.party], False
                    return resolved, True
                parties = [first.party]
                between = self.text[first.end : terms[1].start] if len(terms) > 1 else ""
                joined = re.fullmatch(r"((?:\s+[a-z]+){0,2}?)\s+and\s+(?:the\s+)?", between)
                if (
                    len(terms) > 1
                    and joined  # "Hamas and Israel", "Congo's government and the M23"
                    and set(joined.group(1).split()) <= SPEAKER_HEADS
                    and terms[1].party not in parties
                    and terms[1].kind != "reference"
                ):
                    parties.append(terms[1].party)
                return parties, False
        if words[0] in {"his", "her"}:
            person = self._recent_person(start)
            return ([person.party] if person else []), False
        if words[0] in {"its", "their"}:
            return [], True
        if head in PLURAL_GROUP_HEADS and words[0] in {"the", "both"}:
            return self._joint_parties(start), False
        if words[0] == "the" and head in GROUP_HEADS:
            subject = self._sentence_subject_party(sentence_start, start)
            if subject:
                return [subject], False
        if words[0] in {"the", "this"} and head in ANAPHORIC_HEADS | GROUP_HEADS:
            return [], True
        if (
            (words[0] in {"an", "a"} or (words[0] == "one" and head in PERSON_HEADS))
            and head in ANAPHORIC_HEADS
            and len(core_words) <= 3
            and not informed
        ):
            subject = self._sentence_subject_party(sentence_start, start)
            if subject is None and self.text[sentence_start] in ALL_QUOTE_MARKS:
                subject = self._previous_subject_party(sentence_start)
            return ([subject] if subject else []), False
        if re.fullmatch(rf"{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}}", span):
            known = self._labelled_person(span, start)  # "Rashwan said", introduced earlier
            if isinstance(known, str):
                return [known], False
        return self._party_of_place(sentence_start, start, core_words), False

    def _party_of_place(self, sentence_start: int, start: int, core_words: list[str]) -> list[str]:
        """ "In Tehran, Foreign Minister Abbas Araghchi hailed": an official or a named person
        introduced by a party's capital speaks for that party."""
        place = re.fullmatch(r"\s*In\s+([A-Z][\w-]+),\s*", self.text[sentence_start:start])
        if place is None:
            return []
        terms = self.lexicon.find(
            self.text, sentence_start + place.start(1), sentence_start + place.end(1)
        )
        person = {w.lower().strip(",.") for w in core_words} & PERSON_HEADS or (
            len(core_words) >= 2 and all(w[:1].isupper() for w in core_words)
        )
        return [terms[0].party] if terms and terms[0].kind == "name" and person else []

    def _listed_parties(self, start: int, end: int) -> list[str]:
        """ "A joint statement by the US, Qatar and Egypt", "The US, Egypt, Qatar and Turkey": a
        phrase ending in a list speaks for each party in it; the list may name others too."""
        end = self._cut_relative(start, end)  # "Qatar, which mediated alongside Egypt and the US"
        while end > start and self.text[end - 1] in " ,":
            end -= 1
        found = self.lexicon.find(self.text, start, end)
        terms = {t.end: t for t in found if t.kind != "reference"}
        parties: list[str] = []
        joined = False  # a list ends "X and Y": "Kosovo, Jeffrey Hovenier" is an apposition
        pos = end
        while True:
            term = terms.get(pos)
            if term is not None:
                item_start = term.start
                parties.insert(0, term.party)
            else:
                name = LIST_NAME.search(self.text, start, pos)
                if name is None:
                    break
                item_start = name.start()
            separator = LIST_SEPARATOR.search(self.text, start, item_start)
            if separator is None:
                break
            joined = joined or " and " in separator.group(0)
            pos = separator.start()
        parties = list(dict.fromkeys(parties))
        return parties if len(parties) >= 2 and joined else []

    def _works_elsewhere(self, cut: int, end: int) -> bool:
        """ "Ali Vaez, Iran project director at the International Crisis Group": a role at an
        institution that is no party's speaks for the institution, not for the party it
        covers."""
        at = re.match(r"\s+at\s+(?:the\s+)?[A-Z]", self.text[cut:end])
        return at is not None and not any(
            t.kind != "reference" for t in self.lexicon.find(self.text, cut, end)
        )

    def _no_party_apposition(self, start: int, end: int, terms: list[_Term]) -> bool:
        """ "Gershon Baskin, an Israeli peace activist with contacts to Hamas": an apposition
        headed by a role that speaks for no one, whatever parties its modifiers name."""
        words = re.split(r"\s+(?:with|of)\s", self.text[start:end])[0].split()
        if not words or words[0].lower() not in {"a", "an", "the"}:
            return False
        head = words[-1].lower().strip(f",.'{APOSTROPHE}")
        core_end = start + len(" ".join(words))
        return head in NO_PARTY_HEADS and not any(core_end - 1 <= t.end <= core_end for t in terms)

    def _sentence_subject_party(self, sentence_start: int, before: int) -> str | None:
        """The party that opens the sentence ("A PIJ delegation ..., but an official said")."""
        s, _ = self._clean_np(sentence_start, before)
        terms = self.lexicon.find(self.text, s, before)
        if terms and terms[0].kind != "reference" and terms[0].start - s <= 4:
            return terms[0].party
        return None

    def _person_just_named(self, unit: _Unit, np_start: int, np_end: int) -> list[str]:
        """ "Trump was more guarded. '...,' the president told reporters"; "Netanyahu speaks
        to Iranians. '...,' he says": a pronoun, a role or an age takes up the person who is
        the subject of the sentence just before, when no statement came between."""
        words = self.text[np_start:np_end].lower().split()
        role = len(words) == 2 and words[0] == "the" and words[1] in PERSON_HEADS
        age = len(words) == 2 and words[0] == "the" and AGE.fullmatch(words[1]) is not None
        pronoun = words in (["he"], ["she"])
        if not (role or age or pronoun) or not unit.first:
            return []
        prev = self.sentences[unit.first - 1]
        if self.sentences[unit.first].paragraph - prev.paragraph > (0 if role else 1):
            return []
        if self.statements and self.statements[-1].end > prev.start:
            return []
        subject, _ = self._clean_np(prev.start, prev.end)
        people = [t for t in self.recent_people if prev.start <= t.start < prev.end]
        # the one person the sentence names: "Netanyahu spoke with Kamala Harris. '...,' she
        # said" is no reading for a rule that knows no gender
        if len({p.party for p in people}) != 1:
            return []
        starts = {p.start for p in people}
        others = [  # names of no one in the book, titles before a person aside
            m
            for m in NAME_RUN.finditer(self.text, subject, prev.end)
            if not any(m.start() < p.end and p.start < m.end() for p in people)
            and not any(start - m.end() in (0, 1) for start in starts)
        ]
        if others and not role:
            return []
        titles = self.text[subject : people[0].start].split()
        return [people[0].party] if all(w[:1].isupper() for w in titles) else []

    def _previous_subject_party(self, sentence_start: int) -> str | None:
        """ "Israeli officials dismissed it. '...,' one senior official told Ynet": a quotation
        opening its sentence leaves the subject to the sentence before, in its paragraph."""
        index = next((i for i, s in enumerate(self.sentences) if s.start == sentence_start), 0)
        if not index:
            return None
        prev = self.sentences[index - 1]
        if prev.paragraph != self.sentences[index].paragraph:
            return None
        return self._sentence_subject_party(prev.start, prev.end)

    def _ministry_country(self, unit: _Unit, np_start: int) -> list[str]:
        """ "Qatar will continue its mediation, the Ministry of Foreign Affairs said"; "Iran is
        watching. Foreign Ministry spokesman X said": a ministry of no named country belongs to
        the party that opens its sentence, or, when the ministry opens it, the previous one."""
        if np_start > unit.start:
            party = self._sentence_subject_party(unit.start, np_start)
            return [party] if party else []
        if not unit.first:
            return []
        prev = self.sentences[unit.first - 1]
        if self.sentences[unit.first].paragraph - prev.paragraph > 1:
            return []
        party = self._sentence_subject_party(prev.start, prev.end)
        return [party] if party else []

    def _cut_relative(self, start: int, end: int) -> int:
        """The speaker of "Kyiv, which was not invited, warned" is "Kyiv"."""
        m = RELATIVE.search(self.text, start, end)
        return m.start() if m else end

    def _labelled_person(self, label: str, before: int) -> str | bool | None:
        """The party of the person a transcript label names ("MR MILLER": Matthew Miller), None
        for a person of no known party, False when the label names no person: a person of the
        book, or one the article introduced earlier ("State Department spokesman Matthew
        Miller", "Majed al-Ansari, the Qatari foreign ministry spokesman")."""
        words = [w for w in label.split() if _norm(w) not in HONORIFICS]
        if not words:
            return False
        folded = " ".join(words).casefold()
        surname = words[-1].casefold()
        if len(words) == 1 and self.lexicon.another_bearer(self.text, before, words[0]):
            introduced = last_introduction(self.text, before, words[0])
            return self._introduced_party(introduced[0], introduced[1]) if introduced else None
        if len(words) == 1:
            # "MILLER:" after "ROBERT MILLER, FORMER NEGOTIATOR:" is not the book's Matthew Miller
            intro = next(
                (
                    m
                    for m in re.finditer(
                        rf"(?m)^((?:{NAME_WORD}[ \t]+)+){re.escape(words[0])}"
                        r"(?:,[ \t]*([^:\n]+))?:",
                        self.text[:before],
                    )
                    if any(_norm(w) not in HONORIFICS for w in m.group(1).split())
                ),
                None,
            )
            full = f"{intro.group(1)}{words[0]}".casefold() if intro else ""
            if intro and not any(
                name.casefold() == full
                for name, (_, kind) in self.lexicon.exact.items()
                if kind == "person"
            ):
                return self.lexicon.party_named(intro.group(2)) if intro.group(2) else None
        known = {
            party
            for name, (party, kind) in self.lexicon.exact.items()
            if kind == "person"
            and (  # "Robert Miller" is not the book's Matthew Miller
                name.casefold() == folded
                or (len(words) == 1 and name.casefold().split()[-1] == surname)
            )
        }
        if len(known) == 1:
            return known.pop()
        if known:
            return False
        pattern = re.compile(rf"(?<![\w-]){re.escape(words[-1])}(?![\w-])", re.IGNORECASE)
        for m in pattern.finditer(self.text, 0, before):
            found = m.group(0)
            if not found[0].isupper() or (len(found) > 1 and found.isupper()):
                continue
            name_start = m.start()
            while True:
                prev = re.search(
                    rf"({NAME_WORD})\s+$", self.text[max(0, name_start - 40) : name_start]
                )
                if prev is None or _norm(prev.group(1)) in HONORIFICS:
                    break
                name_start -= len(prev.group(0))
            if name_start == m.start():
                continue  # a surname alone does not introduce anyone
            given = [w for w in words[:-1] if _norm(w) not in NOT_FIRST_NAMES | PERSON_HEADS]
            full = " ".join([*given, words[-1]]).casefold()
            if given and not self.text[name_start : m.end()].casefold().endswith(full):
                continue  # "LINA QASSEM:" is not the Naim Qassem named earlier
            return self._introduced_party(name_start, m.end())
        return False

    def _introduced_party(self, name_start: int, name_end: int) -> str | None:
        """The party of a person from the titles before the name and the apposition after it;
        none for an apposition of no party ("Camila García, a researcher ... in Bogotá")."""
        if self.text.startswith(", ", name_end):
            stop = re.search(r"[,.;]", self.text[name_end + 2 : name_end + 160])
            end = name_end + 2 + (stop.start() if stop else 0)
            cut = MODIFIER_CUTS.search(self.text, name_end + 1, end)  # "at a foundation in ..."
            core_end = cut.start() if cut else end
            terms = self.lexicon.find(self.text, name_end + 2, core_end)
            if self._no_party_apposition(name_end + 2, core_end, terms):
                return None
        sentence = next((s for s in self.sentences if s.start <= name_start < s.end), None)
        start = sentence.start if sentence else name_start
        clause = max(
            self.text.rfind(",", start, name_start), self.text.rfind(";", start, name_start)
        )
        before = clause + 1 if clause != -1 else start
        if clause != -1 and not self.text[before:name_start].strip():
            # "Trump's Middle East envoy, Steve Witkoff": the title is the clause before
            before = max(self.text.rfind(",", start, clause), start - 1) + 1
        window = [(before, name_end)]
        after = re.match(rf",\s+([\w{APOSTROPHE}'-]+)", self.text[name_end : name_end + 40])
        if after and (
            after.group(1)[0].isupper() or after.group(1) in {"a", "an", "the"} | SPEAKER_HEADS
        ):
            # an apposition ("Ron Dermer, Israel's strategic affairs minister"), not a verb
            # ("Steve Witkoff, met Netanyahu")
            stop = re.search(r"[,.;]", self.text[name_end + 2 : name_end + 120])
            window.append((name_end, name_end + 2 + (stop.start() if stop else 0)))
        parties = {
            t.party
            for a, b in window
            for t in self.lexicon.find(self.text, a, b)
            if t.kind != "reference"
        }
        return parties.pop() if len(parties) == 1 else None


def _capitalised(word: str) -> bool:
    """A word of a name: "Jaber", and "al-Jaber" or "el-Sisi" with the Arabic article."""
    return word[:1].isupper() or re.match(r"(?:al|el)-[A-Z]", word) is not None
