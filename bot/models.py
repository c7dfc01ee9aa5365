"""The engine's answers: plain data the CLI prints as text or JSON and the cogs render as embeds."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class DocumentRef:
    """Where a quote comes from, with its date and how that date is known."""

    id: int
    path: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None  # ISO date
    date_source: str  # manifest | text | page | feed | unknown
    approximate: bool

    def date_label(self) -> str:
        """The date as a reader must see it: approximate and unknown dates say so."""
        if self.published is None:
            return "date unknown"
        label = f"about {self.published}" if self.approximate else self.published
        return label if self.date_source != "page" else f"{label} (page date, may be crawl date)"

    def source_label(self) -> str:
        return " · ".join(p for p in (self.title or self.path, self.outlet) if p)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "title": self.title,
            "outlet": self.outlet,
            "url": self.url,
            "published": self.published,
            "date_source": self.date_source,
            "approximate": self.approximate,
        }


@dataclass(frozen=True)
class Source:
    """An indexed article, as `sources` lists it."""

    document: DocumentRef
    author: str | None
    sentences: int
    sha256: str

    def to_json(self) -> dict[str, Any]:
        return {
            **self.document.to_json(),
            "author": self.author,
            "sentences": self.sentences,
            "sha256": self.sha256,
        }


@dataclass(frozen=True)
class StatementView:
    """One attributed statement; `text` and `quote` are verbatim spans of the document's text."""

    id: int
    text: str
    quote: str | None
    speaker: str | None
    party: str | None
    kind: str
    topics: tuple[str, ...]
    start: int
    end: int
    seq: int
    document: DocumentRef

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "quote": self.quote,
            "speaker": self.speaker,
            "party": self.party,
            "kind": self.kind,
            "topics": list(self.topics),
            "start": self.start,
            "end": self.end,
            "document": self.document.to_json(),
        }


@dataclass(frozen=True)
class PositionResult:
    party: str
    topic: str | None
    statements: list[StatementView]

    @property
    def undated(self) -> list[StatementView]:
        return [s for s in self.statements if s.document.published is None]

    def to_json(self) -> dict[str, Any]:
        return {
            "party": self.party,
            "topic": self.topic,
            "statements": [s.to_json() for s in self.statements],
        }


@dataclass(frozen=True)
class CompareResult:
    """For each topic, each party's latest statement on it (None when the party said nothing)."""

    parties: list[str]
    topics: dict[str, dict[str, StatementView | None]]

    def to_json(self) -> dict[str, Any]:
        return {
            "parties": self.parties,
            "topics": {
                topic: {p: (s.to_json() if s else None) for p, s in row.items()}
                for topic, row in self.topics.items()
            },
        }


@dataclass(frozen=True)
class TimelineEntry:
    statement: StatementView
    changed: bool  # the stance on one of its topics differs from the party's previous one
    changed_topics: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            **self.statement.to_json(),
            "changed": self.changed,
            "changed_topics": list(self.changed_topics),
        }


@dataclass(frozen=True)
class TimelineResult:
    party: str
    topic: str | None
    entries: list[TimelineEntry]  # oldest first

    def to_json(self) -> dict[str, Any]:
        return {
            "party": self.party,
            "topic": self.topic,
            "entries": [e.to_json() for e in self.entries],
        }


@dataclass(frozen=True)
class StatusResult:
    latest: dict[str, StatementView | None]  # every party of the parties file
    differing_topics: list[str]
    newest: list[StatementView] = field(default_factory=list)  # what the newest articles added

    def to_json(self) -> dict[str, Any]:
        return {
            "latest": {p: (s.to_json() if s else None) for p, s in self.latest.items()},
            "differing_topics": self.differing_topics,
            "newest": [s.to_json() for s in self.newest],
        }


@dataclass(frozen=True)
class SearchHit:
    """A sentence near a free-text query, with the statement it belongs to, if any."""

    text: str
    score: float
    start: int
    end: int
    document: DocumentRef
    statement: StatementView | None = None

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["document"] = self.document.to_json()
        out["statement"] = self.statement.to_json() if self.statement else None
        return out
