"""Who said what: statements and party mentions of an article, as verbatim spans.

Rules over sentences, because the product's promise is precision: a quote given to the wrong
party is worse than a quote left out. The grammar of attribution (reporting verbs, "according
to", pronouns, "the official", experts and media) is code; every party name comes from the
party book. A speaker's party is taken from the speaker as written (its name, an apposition,
a possessive, a nationality adjective); a speaker with no known party keeps party None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.parties import Party, PartyBook
from bot.segment import Sentence

REPORTING = {
    "said", "says", "say", "told", "tells", "stated", "states", "asserted", "asserts", "added",
    "adds", "reiterated", "reiterates", "revealed", "reveals", "argued", "argues", "argue",
    "insisted", "insists", "insist", "claimed", "claims", "claim", "noted", "notes", "warned",
    "warns", "emphasized", "emphasised", "emphasizes", "stressed", "stresses", "cautioned",
    "expressed", "indicated", "indicates", "referenced", "explained", "announced", "announces",
    "confirmed", "confirms", "accused", "accuses", "reported", "reports", "suggested",
    "declared", "affirmed", "reaffirmed", "acknowledged", "wrote", "reiterating", "saying",
    "adding", "insisting", "telling", "warning", "stating", "pointed", "echoed", "believes",
    "denied", "denies", "deny", "dismissed", "dismisses",
}  # fmt: skip
DENIAL = {"denied", "denies", "deny", "dismissed", "dismisses"}
# "X has echoed this position" / "Hamas refused to ..."; a party's act or stance told as fact.
STANCE = {
    "refused", "refuses", "refuse", "rejected", "rejects", "reject", "approved", "approves",
    "accepted", "accepts", "agreed", "agrees", "wants", "want", "seeks", "seeking", "sought",
    "demands", "demanded", "offered", "offers", "proposed", "proposes", "echoed", "willing",
    "unwilling", "ready", "open", "keen", "determined", "maintains", "maintained", "remains",
    "opposes", "opposed", "supports", "welcomed", "welcomes", "declined", "declines", "stance",
    "position", "met", "continues", "engaged", "insists", "threatened", "threatens", "vowed",
    "vows", "pledged", "pledges", "walked", "suspended", "resumed", "withdrew",
}  # fmt: skip
# After "engaged", "met" or "continues", only negotiation acts count ("engaged in talks", not
# "engaged in a war").
NEGOTIATION_WORDS = {
    "talks", "discussions", "negotiations", "consultations", "efforts", "with", "contacts",
}  # fmt: skip
WEAK_STANCE = {"engaged", "met", "continues", "remains", "open"}
AUXILIARIES = {
    "has", "have", "had", "is", "are", "was", "were", "will", "would", "also", "later",
    "recently", "both", "then", "now", "previously", "earlier", "reportedly", "repeatedly",
    "firmly", "again", "already", "only", "this", "week", "on", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "widely", "believed", "to",
    "appears", "appeared", "seems", "further", "still", "not", "never", "did", "does",
}  # fmt: skip
INTRO_WORDS = {
    "in", "on", "at", "after", "before", "despite", "during", "earlier", "later", "meanwhile",
    "however", "separately", "speaking", "yet", "also", "but", "and", "still", "instead",
    "then", "fearing", "while", "since", "last", "this", "as", "with", "for", "under", "so",
    "moreover", "furthermore", "nevertheless", "elsewhere", "asked", "addressing",
}  # fmt: skip
# Speakers who voice no party's position, whatever party they talk about.
NO_PARTY_HEADS = {
    "expert", "experts", "analyst", "analysts", "observer", "observers", "commentator",
    "commentators", "critic", "critics", "researcher", "researchers", "scholar", "scholars",
    "media", "report", "reports", "newspaper", "newspapers", "agency", "press", "outlet",
    "television", "channel", "broadcaster", "museum", "association", "center", "centre",
    "diplomats", "diplomat", "governments", "survey", "poll", "institute", "group's",
}  # fmt: skip
NO_PARTY_PREFIXES = ("according to", "experts", "analysts", "observers", "some ", "most ")
PRONOUNS = {"he", "she"}
ANAPHORIC_HEADS = {
    "official", "spokesman", "spokeswoman", "spokesperson", "source", "statement", "envoy",
    "minister", "leader", "negotiator", "president", "diplomat", "prime",
}  # fmt: skip
MODIFIER_CUTS = re.compile(
    r"\s+(?:familiar with|close to|briefed on|involved in|with knowledge of|who|which|that"
    r"|speaking|for|in|on|at|from|during|led by)\s",
    re.IGNORECASE,
)
CLAUSE_BREAK = re.compile(r"(?:,\s+(?:but|and|while|with|whereas)\s+|;\s+|:\s+|,?\s+but\s+)")
QUOTE = re.compile(r"“[^“”]*(?:”|$)|\"[^\"]*(?:\"|$)", re.MULTILINE)
WORD = re.compile(r"[\w’'.-]+")
DATELINE = re.compile(r"^[A-Z][A-Z .]{2,}\s*[-–—:]\s*")


@dataclass(frozen=True)
class Statement:
    start: int
    end: int
    kind: str
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    party: str | None
    content_start: int
    content_end: int
    quote_start: int | None
    quote_end: int | None


@dataclass(frozen=True)
class Mention:
    party: str
    start: int
    end: int


@dataclass(frozen=True)
class Attribution:
    statements: list[Statement]
    mentions: list[Mention]


@dataclass(frozen=True)
class _Term:
    start: int
    end: int
    party: str
    kind: str  # name | person | phrase | reference


class _Lexicon:
    """Every way the book names a party, matched as whole words."""

    def __init__(self, book: PartyBook) -> None:
        exact: dict[str, tuple[str, str]] = {}
        folded: dict[str, tuple[str, str]] = {}
        self.references: dict[str, list[str]] = {}
        for party in book.parties:
            for name in (party.name, *party.short_names):
                exact[name] = (party.name, "name")
            for person in party.people:
                for name in (person.name, *person.aliases):
                    exact[name] = (party.name, "person")
            for phrase in party.phrases:
                folded[phrase.casefold()] = (party.name, "phrase")
            for ref in party.references:
                self.references.setdefault(ref.casefold(), []).append(party.name)
        self.exact = exact
        self.folded = folded
        self._exact_re = _alternation(exact, 0)
        self._folded_re = _alternation(
            {**folded, **dict.fromkeys(self.references, ("", ""))}, re.IGNORECASE
        )

    def find(self, text: str, start: int, end: int) -> list[_Term]:
        found: list[_Term] = []
        if self._exact_re:
            for m in self._exact_re.finditer(text, start, end):
                party, kind = self.exact[m.group(0)]
                found.append(_Term(m.start(), m.end(), party, kind))
        if self._folded_re:
            for m in self._folded_re.finditer(text, start, end):
                key = m.group(0).casefold()
                if key in self.references:
                    found.append(_Term(m.start(), m.end(), "", "reference"))
                else:
                    party, kind = self.folded[key]
                    found.append(_Term(m.start(), m.end(), party, kind))
        found.sort(key=lambda t: (t.start, -(t.end - t.start)))
        out: list[_Term] = []
        for term in found:
            if out and term.start < out[-1].end:
                continue
            out.append(term)
        return out


def _alternation(names: dict[str, tuple[str, str]], flags: int) -> re.Pattern[str] | None:
    if not names:
        return None
    ordered = sorted(names, key=len, reverse=True)
    body = "|".join(re.escape(n) for n in ordered)
    return re.compile(rf"(?<![\w’'-])(?:{body})(?![\w-])", flags)


@dataclass
class _Unit:
    start: int
    end: int
    first: int  # index of its first sentence
    quotes: list[tuple[int, int]]  # quotation mark spans, marks included


def _quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    for m in QUOTE.finditer(text, start, end):
        if m.end() - m.start() > 2:
            spans.append((m.start(), m.end()))
    return spans


def _units(text: str, sentences: list[Sentence]) -> list[_Unit]:
    """Sentences, with a quotation running over several paragraphs grouped into one unit.

    Journalistic convention: a paragraph of a continuing quotation ends without a closing mark
    and the next paragraph opens with a new opening mark.
    """
    units: list[_Unit] = []
    i = 0
    while i < len(sentences):
        s = sentences[i]
        unit = _Unit(s.start, s.end, i, _quote_spans(text, s.start, s.end))
        j = i
        while _ends_open(text, unit) and j + 1 < len(sentences):
            nxt = sentences[j + 1]
            if nxt.paragraph == sentences[j].paragraph or text[nxt.start] not in "“\"":
                break
            unit.end = nxt.end
            unit.quotes += _quote_spans(text, nxt.start, nxt.end)
            j += 1
        units.append(unit)
        i = j + 1
    return units


def _ends_open(text: str, unit: _Unit) -> bool:
    if not unit.quotes:
        return False
    q_start, q_end = unit.quotes[-1]
    return q_end == unit.end and text[q_end - 1] not in "”\"" or (
        q_end - q_start > 1 and text[q_end - 1] not in "”\""
    )


def _mask_quotes(text: str, unit: _Unit) -> str:
    """The unit's own words with quoted words blanked, offsets kept."""
    chars = list(text[unit.start : unit.end])
    for q_start, q_end in unit.quotes:
        for k in range(q_start, q_end):
            chars[k - unit.start] = " "
    return "".join(chars)


class _Attributor:
    def __init__(self, text: str, sentences: list[Sentence], book: PartyBook) -> None:
        self.text = text
        self.sentences = sentences
        self.book = book
        self.lexicon = _Lexicon(book)
        self.parties: dict[str, Party] = {p.name: p for p in book.parties}
        self.statements: list[Statement] = []
        self.recent_party: list[tuple[int, str]] = []  # (position, party) of names seen

    # --- speakers -------------------------------------------------------------------------

    def _clean_np(self, start: int, end: int) -> tuple[int, int]:
        """Trim a subject candidate: dateline, introductory phrase, trailing auxiliaries."""
        text = self.text
        while start < end and text[start] in " ,\t\n\xa0":
            start += 1
        dateline = DATELINE.match(text[start:end])
        if dateline:
            start += dateline.end()
        while True:
            first = WORD.match(text, start, end)
            if not first:
                break
            word = first.group(0).lower().rstrip(",")
            comma = text.find(",", start, end)
            if word in {"yet", "but", "and", "so", "however", "meanwhile"}:
                start = first.end()
            elif word in INTRO_WORDS and comma != -1:
                start = comma + 1
            elif word.endswith("ing") and comma != -1 and word not in {"king"}:
                start = comma + 1
            else:
                break
            while start < end and text[start] in " ,\t\n\xa0":
                start += 1
        words = list(WORD.finditer(text, start, end))
        while words and words[-1].group(0).lower().rstrip(",") in AUXILIARIES:
            end = words.pop().start()
        while end > start and text[end - 1] in " ,\t\n\xa0":
            end -= 1
        return start, end

    def _valid_np(self, start: int, end: int) -> bool:
        span = self.text[start:end]
        words = span.split()
        if not words or len(words) > 22:
            return False
        if words[0].lower() in PRONOUNS:
            return len(words) == 1
        if not (words[0][0].isupper() or words[0].lower() in {"a", "an", "the", "one", "some"}):
            return False
        if len(words) == 1 and words[0].lower() in {"the", "a", "an", "it", "this", "that"}:
            return False
        lowered = {w.lower().strip(",") for w in words}
        return not (lowered & (REPORTING | {"is", "are", "was", "were", "there"}))

    def _party_of_np(self, start: int, end: int, sentence_start: int) -> tuple[list[str], bool]:
        """Parties a speaker phrase speaks for, and whether it is a back-reference."""
        span = self.text[start:end]
        lower = span.lower()
        cite = lower.find(", citing ")
        if cite != -1:
            return self._party_of_np(start + cite + 9, end, sentence_start)
        first_part_end = start + len(span.split(",")[0])
        cut = MODIFIER_CUTS.search(self.text, start, first_part_end)
        core_end = cut.start() if cut else first_part_end
        core_words = self.text[start:core_end].split()
        head = core_words[-1].lower().strip(",.") if core_words else ""
        if head in NO_PARTY_HEADS or lower.startswith(NO_PARTY_PREFIXES):
            return [], False
        words = lower.split()
        if len(words) == 1 and words[0] in PRONOUNS:
            return [], True
        parts = [start]
        for m in re.finditer(r",\s*", span):
            parts.append(start + m.end())
        for part_start in parts:
            part_end = self.text.find(",", part_start, end)
            part_end = end if part_end == -1 else part_end
            cut = MODIFIER_CUTS.search(self.text, part_start, part_end)
            part_end = cut.start() if cut else part_end
            terms = self.lexicon.find(self.text, part_start, part_end)
            if terms:
                first = terms[0]
                if first.kind == "reference":
                    return self._resolve_reference(first), True
                parties = [first.party]
                between = self.text[first.end : terms[1].start] if len(terms) > 1 else ""
                if len(terms) > 1 and re.fullmatch(r"\s+and\s+", between):
                    if terms[1].party not in parties and terms[1].kind != "reference":
                        parties.append(terms[1].party)
                return parties, False
        if words[0] in {"the", "this"} and head in ANAPHORIC_HEADS:
            return [], True
        if words[0] in {"an", "a"} and head in ANAPHORIC_HEADS and len(core_words) <= 3:
            subject = self._sentence_subject_party(sentence_start, start)
            return ([subject] if subject else []), False
        return [], False

    def _resolve_reference(self, term: _Term) -> list[str]:
        candidates = self.lexicon.references.get(self.text[term.start : term.end].casefold(), [])
        for _, party in reversed(self.recent_party):
            if party in candidates:
                return [party]
        return []

    def _sentence_subject_party(self, sentence_start: int, before: int) -> str | None:
        """The party that opens the sentence ("A PIJ delegation ..., but an official said")."""
        s, _ = self._clean_np(sentence_start, before)
        terms = self.lexicon.find(self.text, s, before)
        if terms and terms[0].kind != "reference" and terms[0].start - s <= 4:
            return terms[0].party
        return None

    def _antecedent(self, np_start: int, np_end: int) -> Statement | None:
        words = self.text[np_start:np_end].lower().split()
        head = words[-1] if words else ""
        for prev in reversed(self.statements[-6:]):
            if prev.speaker is None or prev.start >= np_start:
                continue
            speaker = prev.speaker.lower()
            if head in PRONOUNS:
                if self._is_party_name(prev.speaker) or speaker.split()[-1].endswith("s"):
                    continue
                return prev
            if head == "statement" or re.search(rf"\b{re.escape(head)}\b", speaker):
                return prev
        return None

    def _is_party_name(self, speaker: str) -> bool:
        return speaker in self.lexicon.exact and self.lexicon.exact[speaker][1] == "name"

    # --- statements ------------------------------------------------------------------------

    def _speaker_statements(
        self, unit: _Unit, np_start: int, np_end: int, kind: str, content: tuple[int, int]
    ) -> list[Statement]:
        sentence_start = unit.start
        parties, anaphoric = self._party_of_np(np_start, np_end, sentence_start)
        speaker_span = (np_start, np_end)
        if anaphoric and not parties:
            antecedent = self._antecedent(np_start, np_end)
            if antecedent is not None:
                parties = [antecedent.party] if antecedent.party else []
                assert antecedent.speaker_start is not None and antecedent.speaker_end is not None
                speaker_span = (antecedent.speaker_start, antecedent.speaker_end)
            elif self.text[np_start:np_end].lower() in PRONOUNS:
                return []
        elif anaphoric and parties:
            antecedent = self._antecedent_of_party(parties[0], np_start)
            if antecedent is not None:
                speaker_span = antecedent
        q_start, q_end = self._quote_in(unit, content)
        return [
            Statement(
                start=unit.start,
                end=unit.end,
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

    def _antecedent_of_party(self, party: str, before: int) -> tuple[int, int] | None:
        for prev in reversed(self.statements[-6:]):
            if prev.party == party and prev.speaker_start is not None and prev.start < before:
                assert prev.speaker_end is not None
                return prev.speaker_start, prev.speaker_end
        return None

    def _quote_in(self, unit: _Unit, content: tuple[int, int]) -> tuple[int | None, int | None]:
        inside = [q for q in unit.quotes if q[0] >= content[0] and q[1] <= content[1]]
        if not inside:
            return None, None
        q_start = inside[0][0] + 1
        q_end = inside[-1][1]
        if self.text[q_end - 1] in "”\"":
            q_end -= 1
        while q_end > q_start and self.text[q_end - 1] in " ,.\n\xa0":
            q_end -= 1
        return q_start, q_end

    def _reported(self, unit: _Unit, masked: str) -> list[Statement]:
        """"X said (that) ...", "..., said X", "“...,” X said", "according to X"."""
        base = unit.start
        according = re.search(r"\b[Aa]ccording to\s+", masked)
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
        for verb in WORD.finditer(masked):
            word = verb.group(0).lower()
            if word not in REPORTING:
                continue
            if word == "pointed" and not masked[verb.end() :].lstrip().startswith("out"):
                continue
            kind = "denial" if word in DENIAL or self._echoes_denial(masked, verb) else None
            v_start, v_end = base + verb.start(), base + verb.end()
            clause = self._clause_start(masked, verb.start())
            np_start, np_end = self._clean_np(base + clause, v_start)
            if np_start < np_end and self._valid_np(np_start, np_end):
                has_quote = any(q[0] >= v_end for q in unit.quotes)
                content = self._strip(v_end, unit.end)
                kind = kind or ("quote" if has_quote else "reported")
                return self._speaker_statements(unit, np_start, np_end, kind, content)
            after = self._post_quote_speaker(unit, masked, verb)
            if after is not None:
                np_start, np_end = after
                content = self._strip(unit.start, base + verb.start())
                return self._speaker_statements(unit, np_start, np_end, kind or "quote", content)
        return []

    def _echoes_denial(self, masked: str, verb: re.Match[str]) -> bool:
        return verb.group(0).lower() == "echoed" and "denial" in masked[verb.end() :][:40]

    def _clause_start(self, masked: str, verb_at: int) -> int:
        start = 0
        for m in CLAUSE_BREAK.finditer(masked, 0, verb_at):
            start = m.end()
        closing = max(masked.rfind("”", 0, verb_at), -1)
        for q in ("  ",):
            k = masked.rfind(q, 0, verb_at)
            if k > start and masked[k:verb_at].strip() and closing == -1:
                start = max(start, k)
        return start

    def _post_quote_speaker(
        self, unit: _Unit, masked: str, verb: re.Match[str]
    ) -> tuple[int, int] | None:
        """“...,” said Ghazi Hamad, a member of ...  /  “...,” he said."""
        base = unit.start
        before = masked[: verb.start()]
        if not unit.quotes:
            return None
        last_q_end = max(q[1] for q in unit.quotes if q[1] <= base + verb.start()) if any(
            q[1] <= base + verb.start() for q in unit.quotes
        ) else None
        if last_q_end is None:
            return None
        gap = self.text[last_q_end : base + verb.start()]
        if gap.strip(" ,\xa0\n") == "":
            tail = masked[verb.end() :]
            m = re.match(r"\s+(.+?)(?:,\s+(?:referring|blaming|adding|speaking|according)|[.;]|$)",
                         tail)
            if not m:
                return None
            np_start = base + verb.end() + m.start(1)
            np_end = base + verb.end() + m.end(1)
            np_start, np_end = self._clean_np(np_start, np_end)
            return (np_start, np_end) if self._valid_np(np_start, np_end) else None
        np_start, np_end = self._clean_np(last_q_end, base + verb.start())
        del before
        return (np_start, np_end) if self._valid_np(np_start, np_end) else None

    def _strip(self, start: int, end: int) -> tuple[int, int]:
        while start < end and self.text[start] in " ,:\t\n\xa0":
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return start, end

    def _stances(self, unit: _Unit, masked: str) -> list[Statement]:
        """Clauses whose subject is a party and whose verb is a stance or negotiating act."""
        out: list[Statement] = []
        base = unit.start
        starts = [0] + [m.end() for m in re.finditer(r",\s+(?:but|and|while)\s+|;\s+", masked)]
        bounds = [*starts[1:], len(masked)]
        for c_start, c_end in zip(starts, bounds, strict=True):
            np_start, _ = self._clean_np(base + c_start, base + c_end)
            skip = re.match(r"(?:What|Even)\s+", self.text[np_start : base + c_end])
            if skip:
                np_start += skip.end()
            terms = self.lexicon.find(self.text, np_start, base + c_end)
            if not terms or terms[0].start != np_start:
                continue
            subject = terms[0]
            if subject.kind == "reference":
                continue
            if subject.kind == "person":
                continue  # persons act through reporting verbs; "Netanyahu's office" is a phrase
            rest_start = subject.end
            rel = re.match(r",\s+(?:which|who)\b[^,]*,", self.text[rest_start : base + c_end])
            if rel:
                rest_start += rel.end()
            following = self._after_subject(rest_start, base + c_end)
            if following is None:
                continue
            word, w_end = following
            if word in WEAK_STANCE:
                nxt = WORD.findall(self.text[w_end : w_end + 40].lower())
                if word in {"remains", "open"}:
                    if word == "open" or (nxt and nxt[0] in {"steadfast", "committed", "open"}):
                        pass
                    else:
                        continue
                elif not (set(nxt[:3]) & NEGOTIATION_WORDS):
                    continue
            parties = [subject.party]
            nxt_terms = terms[1:2]
            if nxt_terms and re.fullmatch(r"\s+and\s+", self.text[subject.end : nxt_terms[0].start]):
                parties.append(nxt_terms[0].party)
            c_s, c_e = self._strip(base + c_start, base + c_end)
            if c_e > c_s and self.text[c_e - 1] == ",":
                c_e -= 1
            single = len(starts) == 1
            span = (unit.start, unit.end) if single else (c_s, c_e)
            for party in dict.fromkeys(parties):
                out.append(
                    Statement(
                        start=span[0],
                        end=span[1],
                        kind="stance",
                        speaker=self.text[subject.start : subject.end],
                        speaker_start=subject.start,
                        speaker_end=subject.end,
                        party=party,
                        content_start=span[0],
                        content_end=span[1],
                        quote_start=None,
                        quote_end=None,
                    )
                )
        return out

    def _after_subject(self, start: int, end: int) -> tuple[str, int] | None:
        """The stance word within a few words after the subject, past auxiliaries."""
        words = list(WORD.finditer(self.text, start, end))[:6]
        for w in words:
            word = w.group(0).lower()
            if word in STANCE:
                return word, w.end()
            if word not in AUXILIARIES and word not in {"is", "to", "its", "in", "negotiating"}:
                if not word.endswith("ly"):
                    return None
        return None

    def _standalone_quote(self, unit: _Unit, index: int) -> list[Statement]:
        """A quotation with no attribution of its own continues the previous speaker's words."""
        if not self.statements or not unit.quotes:
            return []
        masked = _mask_quotes(self.text, unit)
        prev = self.statements[-1]
        prev_sentence = self.sentences[unit.first - 1] if unit.first else None
        own_words = masked.strip(" .,\n\xa0")
        if own_words:
            terms = self.lexicon.find(self.text, unit.start, unit.quotes[0][0])
            people = [t for t in terms if t.kind in {"person", "phrase"}]
            if not people or not masked.rstrip().endswith(":"):
                before = self.text[unit.start : unit.quotes[0][0]].rstrip()
                if not (people and before.endswith(":")):
                    return []
            term = people[0]
            content = (unit.quotes[0][0], unit.end)
            return [
                Statement(
                    unit.start, unit.end, "quote", self.text[term.start : term.end],
                    term.start, term.end, term.party, content[0], content[1],
                    *self._quote_in(unit, content),
                )
            ]  # fmt: skip
        if prev.kind != "quote" or prev_sentence is None or prev.end < prev_sentence.start:
            return []
        content = (unit.start, unit.end)
        return [
            Statement(
                unit.start, unit.end, "quote", prev.speaker, prev.speaker_start, prev.speaker_end,
                prev.party, content[0], content[1], *self._quote_in(unit, content),
            )
        ]  # fmt: skip

    def run(self) -> Attribution:
        mentions: list[Mention] = []
        speaker_spans: set[tuple[int, int]] = set()
        for index, unit in enumerate(_units(self.text, self.sentences)):
            masked = _mask_quotes(self.text, unit)
            found = self._stances(unit, masked)
            if not found or len(found) == 1 and found[0].start == unit.start:
                reported = self._reported(unit, masked)
                if reported:
                    found = reported
            if not found:
                found = self._standalone_quote(unit, index)
            self.statements.extend(found)
            for st in found:
                if st.speaker_start is not None and st.speaker_start >= unit.start:
                    speaker_spans.add((st.speaker_start, st.speaker_end or st.speaker_start))
            for term in self.lexicon.find(self.text, unit.start, unit.end):
                if term.kind == "reference":
                    continue
                self.recent_party.append((term.start, term.party))
                inside_speaker = any(s <= term.start < e for s, e in speaker_spans)
                if not inside_speaker:
                    mentions.append(Mention(term.party, term.start, term.end))
        return Attribution(self.statements, mentions)


def attribute(text: str, sentences: list[Sentence], book: PartyBook) -> Attribution:
    return _Attributor(text, sentences, book).run()
