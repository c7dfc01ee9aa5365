"""What a plain direct message asks for: a guide, a party's position, or a free-text search.

The names come from the party book (party names, short names, people and their aliases; topic
keys, labels and aliases), so following another negotiation needs another parties file, not
other code. Names are matched as whole words, longest first, so "Naim Qassem" is not read as
"Naim"; all-caps short names ("US", "PIJ") match only in capitals, so "tell us" names nobody.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot.parties import PartyBook

GREETING = re.compile(
    r"^\s*(hi|hello|hey|hiya|yo|good (morning|afternoon|evening)|help|start|\?|"
    r"what can you do|how does this work|commands)\s*[!.?]*\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DmRequest:
    kind: Literal["help", "position", "ask"]
    text: str
    party: str | None = None
    topic: str | None = None


@dataclass(frozen=True)
class _Name:
    pattern: re.Pattern[str]
    length: int
    kind: Literal["party", "topic"]
    value: str  # canonical party name or topic key


_cache: dict[str, list[_Name]] = {}


def _pattern(name: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(w) for w in name.replace("\u2019", "'").split())
    flags = 0 if name.isupper() else re.IGNORECASE
    return re.compile(rf"(?<!\w){words}(?!\w)", flags)


def _names(book: PartyBook) -> list[_Name]:
    if book.digest not in _cache:
        names: list[_Name] = []
        for party in book.parties:
            spellings = {party.name, *party.short_names}
            for person in party.people:
                spellings |= {person.name, *person.aliases}
            names += [_Name(_pattern(s), len(s), "party", party.name) for s in spellings]
        for topic in book.topics:
            for s in {topic.key, topic.label, *topic.aliases}:
                names.append(_Name(_pattern(s), len(s), "topic", topic.key))
        _cache[book.digest] = sorted(names, key=lambda n: -n.length)
    return _cache[book.digest]


def _find(text: str, book: PartyBook) -> tuple[list[str], list[str]]:
    """Parties and topics named in the text, in order of appearance, overlaps to the longest."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, str, str]] = []
    for name in _names(book):
        for match in name.pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            found.append((start, name.kind, name.value))
    found.sort()
    parties = list(dict.fromkeys(v for _, k, v in found if k == "party"))
    topics = list(dict.fromkeys(v for _, k, v in found if k == "topic"))
    return parties, topics


def parse(text: str, book: PartyBook) -> DmRequest:
    """One party named: its position (on the first topic named); a greeting: help; else search."""
    cleaned = " ".join(text.replace("\u2019", "'").split())
    if not cleaned or GREETING.match(cleaned):
        return DmRequest("help", cleaned)
    parties, topics = _find(cleaned, book)
    if len(parties) == 1:
        return DmRequest("position", cleaned, parties[0], topics[0] if topics else None)
    return DmRequest("ask", cleaned)
