"""What attribution finds, as offsets into the article text, so every span is verbatim."""

from __future__ import annotations

from dataclasses import dataclass


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
class Issuer:
    """A party's own channel that published the page (its press release, its statement): the
    page's sentences in its own voice are the party's, said by `name`, at no span of the text."""

    party: str
    name: str


@dataclass(frozen=True)
class Mention:
    party: str
    start: int
    end: int


@dataclass(frozen=True)
class Attribution:
    statements: list[Statement]
    mentions: list[Mention]
