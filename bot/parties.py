"""The parties and topics of a negotiation, read from a TOML file.

Parties are data, never code: following another negotiation means writing another file. The
book also answers the fuzzy look-ups users type in commands ("hamas", "PIJ", "Netanyahu",
"hostages"), and says which names were meant when a look-up fails.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Person:
    name: str
    aliases: tuple[str, ...]
    role: str | None


@dataclass(frozen=True)
class Party:
    name: str
    short_names: tuple[str, ...]
    people: tuple[Person, ...]
    phrases: tuple[str, ...]
    references: tuple[str, ...] = ()  # "the movement": resolve to the party named most recently
    publishers: tuple[str, ...] = ()  # its own channels: an outlet's name or a web domain


@dataclass(frozen=True)
class Topic:
    key: str
    label: str
    aliases: tuple[str, ...]
    cues: tuple[str, ...]
    description: str


class UnknownName(ValueError):
    def __init__(self, kind: str, name: str, suggestions: list[str]) -> None:
        self.kind = kind
        self.name = name
        self.suggestions = suggestions
        hint = f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f'unknown {kind} "{name}"{hint}')


def _fold(name: str) -> str:
    """Case, curly apostrophes, dots and spacing do not distinguish names a user types."""
    return " ".join(name.replace("\u2019", "'").replace(".", "").casefold().split())


@dataclass
class PartyBook:
    parties: list[Party]
    topics: list[Topic]
    digest: str
    _party_keys: dict[str, Party] = field(default_factory=dict, repr=False)
    _topic_keys: dict[str, Topic] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for party in self.parties:
            names = [party.name, *party.short_names]
            for person in party.people:
                names += [person.name, *person.aliases]
            for name in names:
                self._party_keys.setdefault(_fold(name), party)
        for topic in self.topics:
            for name in (topic.key, topic.label, *topic.aliases):
                self._topic_keys.setdefault(_fold(name), topic)

    def publisher(self, outlet: str | None, url: str | None) -> Party | None:
        """The party whose own channel published a page: its press release or statement
        speaks for it. An outlet matches by name, a note in brackets aside ("Prime Minister's
        Office (Israel)"); a web address matches by domain ("www.gov.il" is "gov.il")."""
        name = _fold(re.sub(r"\s*\([^)]*\)\s*$", "", outlet or ""))
        host = (urlsplit(url).hostname or "") if url else ""
        for party in self.parties:
            for channel in party.publishers:
                domain = channel.lower() if "." in channel and " " not in channel else ""
                if (name and _fold(channel) == name) or (
                    domain and host and (host == domain or host.endswith("." + domain))
                ):
                    return party
        return None

    def party(self, name: str) -> Party:
        found = self._party_keys.get(_fold(name))
        if found is None:
            raise UnknownName("party", name, self._suggest(name, self._party_keys, "party"))
        return found

    def topic(self, name: str) -> Topic:
        found = self._topic_keys.get(_fold(name))
        if found is None:
            raise UnknownName("topic", name, self._suggest(name, self._topic_keys, "topic"))
        return found

    def party_names(self) -> list[str]:
        return [p.name for p in self.parties]

    def topic_keys(self) -> list[str]:
        return [t.key for t in self.topics]

    def complete_party(self, prefix: str) -> list[str]:
        folded = _fold(prefix)
        return [
            p.name
            for p in self.parties
            if any(
                _fold(n).startswith(folded)
                for n in (p.name, *p.short_names, *(x.name for x in p.people))
            )
        ]

    def complete_topic(self, prefix: str) -> list[str]:
        folded = _fold(prefix)
        return [
            t.key
            for t in self.topics
            if any(_fold(n).startswith(folded) for n in (t.key, t.label, *t.aliases))
        ]

    @staticmethod
    def _suggest(name: str, keys: dict[str, Party] | dict[str, Topic], kind: str) -> list[str]:
        close = difflib.get_close_matches(_fold(name), list(keys), n=5, cutoff=0.6)
        out: list[str] = []
        for key in close:
            item = keys[key]
            canonical = item.name if kind == "party" else item.key  # type: ignore[union-attr]
            if canonical not in out:
                out.append(canonical)
        return out[:3]


def _strings(raw: dict[str, object], key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"{where}: '{key}' must be a list of non-empty strings")
    return tuple(value)


def _text(raw: dict[str, object], key: str, where: str, *, required: bool = True) -> str | None:
    value = raw.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{where}: '{key}' must be a non-empty string")
    return value.strip()


def _party(raw: dict[str, object], where: str) -> Party:
    name = _text(raw, "name", where)
    assert name is not None
    people = []
    raw_people = raw.get("person", [])
    if not isinstance(raw_people, list):
        raise ValueError(f"{where}: 'person' must be an array of tables ([[party.person]])")
    for j, rp in enumerate(raw_people, start=1):
        pw = f"{where}, person #{j}"
        if not isinstance(rp, dict):
            raise ValueError(f"{pw}: must be a table")
        person_name = _text(rp, "name", pw)
        assert person_name is not None
        people.append(
            Person(person_name, _strings(rp, "aliases", pw), _text(rp, "role", pw, required=False))
        )
    return Party(
        name=name,
        short_names=_strings(raw, "short_names", where),
        people=tuple(people),
        phrases=_strings(raw, "phrases", where),
        references=_strings(raw, "references", where),
        publishers=_strings(raw, "publishers", where),
    )


def _topic(raw: dict[str, object], where: str) -> Topic:
    key = _text(raw, "key", where)
    assert key is not None
    return Topic(
        key=key,
        label=_text(raw, "label", where, required=False) or key,
        aliases=_strings(raw, "aliases", where),
        cues=_strings(raw, "cues", where),
        description=_text(raw, "description", where, required=False) or "",
    )


def load_party_book(path: Path) -> PartyBook:
    """Read and check a parties file; every error names the file and what to fix."""
    try:
        content = path.read_bytes()
        data = tomllib.loads(content.decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"{path}: cannot read parties file: {exc}") from exc
    raw_parties = data.get("party", [])
    raw_topics = data.get("topic", [])
    if not isinstance(raw_parties, list) or not raw_parties:
        raise ValueError(f"{path}: no [[party]] tables")
    if not isinstance(raw_topics, list):
        raise ValueError(f"{path}: 'topic' must be an array of tables ([[topic]])")
    parties = [_party(rp, f"{path}: party #{i}") for i, rp in enumerate(raw_parties, start=1)]
    topics = [_topic(rt, f"{path}: topic #{i}") for i, rt in enumerate(raw_topics, start=1)]
    owner: dict[str, str] = {}
    for party in parties:
        names = [party.name, *party.short_names, *party.phrases]
        for person in party.people:
            names += [person.name, *person.aliases]
        for name in set(map(_fold, names)):
            if owner.setdefault(name, party.name) != party.name:
                raise ValueError(
                    f'{path}: "{name}" names both {owner[name]} and {party.name}; '
                    "a name may stand for one party only"
                )
    for kind, items in (("party", [p.name for p in parties]), ("topic", [t.key for t in topics])):
        dupes = {n for n in items if items.count(n) > 1}
        if dupes:
            raise ValueError(f"{path}: {kind} defined twice: {', '.join(sorted(dupes))}")
    return PartyBook(parties, topics, hashlib.sha256(content).hexdigest())
