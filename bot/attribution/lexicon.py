"""The party book as a matcher: every name, person, phrase and reference of a party."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.attribution.vocabulary import (
    ARTICLES,
    HONORIFICS,
    INTRO_WORDS,
    NOT_FIRST_NAMES,
    PERSON_HEADS,
    SUBORDINATORS,
)
from bot.parties import PartyBook
from bot.segment import APOSTROPHE

# A party's name inside the proper name of an institution or a newspaper ("the Israel Democracy
# Institute", "The Washington Post").
INSIDE_INSTITUTION = re.compile(
    r"(?:\s+[A-Z][\w&-]*){0,4}?\s+(?:Center|Centre|Institute|University|Foundation|Endowment"
    r"|Forum|Society|College|School|Fund|Programme|Program|Project|Studies"
    r"|Post|Times|Journal|Herald|Tribune|Gazette|Telegraph|Hayom|Conference|Church)\b"
)


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
        self.given: dict[str, set[str]] = {}  # a surname alone -> words of its bearer's names
        self.references: dict[str, list[str]] = {}
        for party in book.parties:
            for name in (party.name, *party.short_names):
                exact[_straight(name)] = (party.name, "name")
            for person in party.people:
                names = [_straight(n) for n in (person.name, *person.aliases)]
                for name in names:
                    for spelling in _transliterations(name):
                        exact.setdefault(spelling, (party.name, "person"))
                        given = _given_names(spelling, names)
                        if given is not None:
                            self.given.setdefault(spelling, set()).update(given)
            for phrase in map(_straight, party.phrases):
                folded[phrase.casefold()] = (party.name, "phrase")
                bare = phrase[4:] if phrase.casefold().startswith("the ") else ""
                if bare[:1].isupper():  # "White House press secretary", "Pentagon officials"
                    exact.setdefault(bare, (party.name, "phrase"))
            for ref in party.references:
                self.references.setdefault(_straight(ref).casefold(), []).append(party.name)
        self.exact = exact
        self.folded = folded
        self._exact_re = _alternation(exact, 0)
        # Apart, so that a reference ("the government") does not hide a phrase that starts
        # inside it ("government's negotiating delegation")
        self._folded_re = _alternation(folded, re.IGNORECASE)
        self._reference_re = _alternation(dict.fromkeys(self.references, ("", "")), re.IGNORECASE)
        heads = sorted({ref.split()[-1] for ref in self.references if ref.startswith("the ")})
        # "the Iran-backed group", "the Lebanese militant group": a reference with modifiers
        self._modified_re = (
            re.compile(
                rf"(?<![\w-])the(?:\s+[\w]+(?:-[\w]+)?){{1,2}}?\s+(?:{'|'.join(heads)})(?![\w-])",
                re.IGNORECASE,
            )
            if heads
            else None
        )

    def reference_key(self, phrase: str) -> str:
        """The book's reference a phrase stands for: itself, or "the group" for "the
        Iran-backed group"."""
        folded = _straight(phrase).casefold()
        return folded if folded in self.references else f"the {folded.split()[-1]}"

    def party_named(self, words: str) -> str | None:
        """The one party whose name a phrase holds, whatever its case: transcript labels are
        in capitals ("HAMAS SPOKESMAN"), which the case-sensitive matcher does not see."""
        folded = words.casefold()
        parties = {
            party
            for name, (party, kind) in self.exact.items()
            if kind == "name"
            and re.search(rf"(?<![\w-]){re.escape(name.casefold())}(?![\w-])", folded)
        }
        return parties.pop() if len(parties) == 1 else None

    def find(self, text: str, start: int, end: int) -> list[_Term]:
        found: list[_Term] = []
        if self._exact_re:
            for m in self._exact_re.finditer(text, start, end):
                if INSIDE_INSTITUTION.match(text, m.end()):
                    continue  # "the Carnegie Russia Eurasia Center" is not Russia
                party, kind = self.exact[_straight(m.group(0))]
                if kind == "person" and self.another_bearer(text, m.start(), m.group(0)):
                    continue
                found.append(_Term(m.start(), m.end(), party, kind))
        if self._folded_re:
            for m in self._folded_re.finditer(text, start, end):
                if INSIDE_INSTITUTION.match(text, m.end()):
                    continue  # "the Colombian Episcopal Conference" is not Colombia
                party, kind = self.folded[_straight(m.group(0)).casefold()]
                found.append(_Term(m.start(), m.end(), party, kind))
        if self._reference_re:
            found += [
                _Term(m.start(), m.end(), "", "reference")
                for m in self._reference_re.finditer(text, start, end)
            ]
        if self._modified_re:
            named = [t for t in found if t.kind != "reference"]
            for m in self._modified_re.finditer(text, start, end):
                head = m.group(0).split()[-1]
                if (
                    head.islower()  # "The International Crisis Group" is a name
                    and self.reference_key(m.group(0)) in self.references
                    and not any(m.start() <= t.start < m.end() for t in named)  # "the Hamas group"
                    and not any(  # "the Palestinian group Hamas" names it at once
                        t.start > m.end() and not text[m.end() : t.start].strip() for t in named
                    )
                ):
                    found.append(_Term(m.start(), m.end(), "", "reference"))
        found.sort(key=lambda t: (t.start, -(t.end - t.start)))
        out: list[_Term] = []
        for term in found:
            if out and term.start < out[-1].end:
                if (
                    out[-1].kind == "reference"
                    and term.kind != "reference"
                    and term.end > out[-1].end
                ):
                    out[-1] = term  # "The government's negotiating delegation": the phrase
                continue
            out.append(term)
        return out

    def another_bearer(self, text: str, start: int, surname: str) -> bool:
        """ "Yossi Katz", "Ahmed Hamad": a surname of the book after a first name that is not
        its bearer's, nor a title ("Defense Minister Katz"), names someone else; and so does the
        surname alone when the article last introduced it with such a first name ("Hamas
        spokesman Hazem Qassem said ... Qassem said" is not the book's Naim Qassem)."""
        given = self.given.get(_straight(surname))
        if given is None:
            return False
        window = text[max(0, start - 40) : start]
        before = re.search(r"([A-Z][\w.'\u2019-]*)[ \t]+$", window)
        if before is not None and _ends_sentence(before.group(1)):
            before = None  # "... in Banjska. Vucic has denied": the word before closed a sentence
        if re.search(r"\b(?:bin|ibn|bint|ben)\s+\S+\s+$", window):
            return False  # "Mohammed bin Abdulrahman bin Jassim Al Thani": a chain of names
        if before is not None:
            return not self._bearer(before.group(1), given)
        introduced = last_introduction(text, start, surname)
        return introduced is not None and not self._bearer(introduced[2], given)

    def _bearer(self, word: str, given: set[str]) -> bool:
        """A first name of the book's bearer, in any spelling ("Ziyad" for "Ziad": they share
        their first letter), an initial ("Antony J. Blinken"), a possessive, a title, a word
        that opens a sentence or a date, or a party's name ("Hezbollah Qassem")."""
        word = _straight(word)
        lower = word.lower().rstrip(".").split("-")[0]
        return (
            word[:1] in {g[:1] for g in given}
            or re.fullmatch(r"[A-Z]\.", word) is not None
            or word.endswith("'s")
            or lower in NOT_FIRST_NAMES | PERSON_HEADS | HONORIFICS | INTRO_WORDS | SUBORDINATORS
            or _straight(word) in self.exact
            or word.casefold() in self.folded
        )


_BUILT: dict[str, _Lexicon] = {}


def lexicon_for(book: PartyBook) -> _Lexicon:
    """One matcher per parties file: building its patterns costs more than reading an article."""
    lexicon = _BUILT.get(book.digest)
    if lexicon is None:
        lexicon = _Lexicon(book)
        _BUILT.clear()  # a new parties file replaces the old one
        _BUILT[book.digest] = lexicon
    return lexicon


def _given_names(alias: str, names: list[str]) -> set[str] | None:
    """The words that may stand before a surname of the book and still name its bearer: those
    before it in the bearer's names ("Naim" before "Qassem", "Ahmed" before "Abu Zeid"). An
    alias that opens a name ("Getachew" of "Getachew Reda") has none; one in no name has the
    names' first words. A full name itself (None) is no surname: nothing is checked before it."""
    parts = alias.split()
    if len(parts) >= len(names[0].split()):
        return None  # the person's name as written in full, in any spelling
    full = [name.split() for name in names if len(name.split()) > len(parts)]
    ends = [
        words[:i] for words in full for i in range(len(words)) if words[i : i + len(parts)] == parts
    ]
    if ends:
        return {w for before in ends for w in before}
    return {words[0] for words in full}


def _ends_sentence(word: str) -> bool:
    """ "Banjska." ends a sentence; "J.", "Gen." and "Dr." do not."""
    stem = word.rstrip(".").lower()
    return word.endswith(".") and len(stem) > 1 and stem not in HONORIFICS | NOT_FIRST_NAMES


def last_introduction(text: str, before: int, surname: str) -> tuple[int, int, str] | None:
    """The last "First Surname" of the text before a point: (start, end, first name)."""
    found = [i for i in _introductions(text, surname) if i[1] <= before]
    return found[-1] if found else None


@lru_cache(maxsize=64)
def _introductions(text: str, surname: str) -> tuple[tuple[int, int, str], ...]:
    """Every "First Surname" of an article, found once however often the surname recurs."""
    pattern = rf"([A-Z][\w.'\u2019-]*)[ \t]+{re.escape(surname)}(?![\w-])"
    return tuple(
        (m.start(), m.end(), m.group(1))
        for m in re.finditer(pattern, text)
        if not _ends_sentence(m.group(1))
    )


def _transliterations(name: str) -> list[str]:
    """ "Abdel Fattah al-Sisi" is also written "el-Sisi", "El-Sisi" and "El Sisi": the Arabic
    article has no one Latin spelling, so a person of the book is found under each."""
    parts = re.split(r"\b([AaEe]l)(?:-|\s(?=[A-Z]))", name)
    if len(parts) == 1:
        return [name]
    joins = [f"{article}-" for article in ARTICLES] + [f"{a} " for a in ARTICLES if a[0].isupper()]
    spellings = [parts[0]]
    for i in range(1, len(parts), 2):
        spellings = [f"{s}{join}{parts[i + 1]}" for s in spellings for join in joins]
    return [name, *(s for s in spellings if s != name)]


def _straight(name: str) -> str:
    """A name with a straight or a typographic apostrophe is one name: pages use either, and so
    may a parties file."""
    return name.replace(APOSTROPHE, "'")


def _alternation(names: dict[str, tuple[str, str]], flags: int) -> re.Pattern[str] | None:
    if not names:
        return None
    ordered = sorted(names, key=len, reverse=True)
    body = "|".join(re.escape(n).replace("'", f"['{APOSTROPHE}]") for n in ordered)
    return re.compile(rf"(?<![\w{APOSTROPHE}'-])(?:{body})(?![\w-])", flags)
