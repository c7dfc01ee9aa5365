"""Engine answers as plain text for a terminal; every quote carries its speaker, date and source."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from typing import Any

from bot.models import (
    CompareResult,
    PositionResult,
    SearchHit,
    Source,
    StatementView,
    StatusResult,
    TimelineResult,
)

WIDTH = 100


def _wrap(text: str, indent: str = "    ") -> str:
    return textwrap.fill(
        " ".join(text.split()), WIDTH, initial_indent=indent, subsequent_indent=indent
    )


def statement(view: StatementView, number: int | None = None) -> str:
    who = view.speaker or "(unnamed)"
    head = f"[{number}] " if number is not None else ""
    topics = f"  topics: {', '.join(view.topics)}" if view.topics else ""
    return "\n".join(
        [
            f"{head}{view.party or 'no party'} · {who} · {view.kind}{topics}",
            _wrap(f"“{view.text}”"),
            f"    — {view.document.source_label()}, {view.document.date_label()}"
            f" ({view.document.date_source})",
        ]
    )


def position(result: PositionResult) -> str:
    on = f" on {result.topic}" if result.topic else ""
    if not result.statements:
        return f"No statement from {result.party}{on} in the corpus."
    lines = [f"{result.party}{on}: latest first", ""]
    lines += [statement(v, i) + "\n" for i, v in enumerate(result.statements, 1)]
    if result.undated:
        lines.append(
            f"Warning: {len(result.undated)} statement(s) come from undated articles and are"
            " ranked last; their order in time is unknown."
        )
    return "\n".join(lines).rstrip()


def compare(result: CompareResult) -> str:
    lines = []
    for topic, row in result.topics.items():
        lines.append(f"== {topic} ==")
        for party, view in row.items():
            if view is None:
                lines.append(f"{party}: no statement on {topic}.")
            else:
                lines.append(statement(view))
        lines.append("")
    return "\n".join(lines).rstrip()


def timeline(result: TimelineResult) -> str:
    on = f" on {result.topic}" if result.topic else ""
    if not result.entries:
        return f"No statement from {result.party}{on} in the corpus."
    lines = [f"{result.party}{on}: oldest first", ""]
    for i, entry in enumerate(result.entries, 1):
        if entry.changed:
            lines.append(f">>> stance changed on {', '.join(entry.changed_topics)}")
        lines.append(statement(entry.statement, i) + "\n")
    return "\n".join(lines).rstrip()


def status(result: StatusResult) -> str:
    lines = ["Where each party stands (latest statement)", ""]
    for party, view in result.latest.items():
        if view is None:
            lines.append(f"{party}: no statement in the corpus.\n")
        else:
            lines.append(statement(view) + "\n")
    lines.append(
        "Topics on which the parties' latest positions differ: "
        + (", ".join(result.differing_topics) or "none found")
    )
    if result.newest:
        lines += ["", "What the newest articles added:", ""]
        lines += [statement(v, i) + "\n" for i, v in enumerate(result.newest, 1)]
    return "\n".join(lines).rstrip()


def hits(results: list[SearchHit], question: str) -> str:
    if not results:
        return f"Nothing in the corpus answers: {question}"
    lines = []
    for i, hit in enumerate(results, 1):
        who = ""
        if hit.statement is not None:
            who = f" · {hit.statement.party or 'no party'} · {hit.statement.speaker or '(unnamed)'}"
        lines.append(f"[{i}] score {hit.score:.2f}{who}")
        lines.append(_wrap(f"“{hit.text}”"))
        lines.append(
            f"    — {hit.document.source_label()}, {hit.document.date_label()},"
            f" chars {hit.start}-{hit.end}\n"
        )
    return "\n".join(lines).rstrip()


def table(rows: Iterable[dict[str, Any]], columns: list[str]) -> str:
    rows = [{c: "" if r.get(c) is None else str(r.get(c)) for c in columns} for r in rows]
    widths = {c: min(max([len(c), *(len(r[c]) for r in rows)]), 48) for c in columns}
    out = ["  ".join(c.ljust(widths[c]) for c in columns)]
    out.append("  ".join("-" * widths[c] for c in columns))
    for r in rows:
        out.append("  ".join(_cell(r[c], widths[c]) for c in columns))
    return "\n".join(out)


def _cell(value: str, width: int) -> str:
    return (value[: width - 1] + "…" if len(value) > width else value).ljust(width)


def sources(rows: list[Source]) -> str:
    if not rows:
        return "Nothing is indexed yet. Run: negobot index seeds/"
    shown = [
        {
            **r.to_json(),
            "date": r.document.date_label().replace("about ", "~"),
            "sha256": r.sha256[:12],
        }
        for r in rows
    ]
    return table(
        shown, ["path", "title", "date", "date_source", "author", "outlet", "sentences", "sha256"]
    )


def attributed(found: dict[str, Any], number: int) -> str:
    """One statement of `negobot attribute`, with its offsets for correcting the extractor."""
    topics = ", ".join(found["topics"]) or "-"
    return "\n".join(
        [
            f"[{number}] {found['party'] or 'no party'} · {found['speaker'] or '(unnamed)'}"
            f" · {found['kind']} · topics: {topics}",
            _wrap(f"“{found['text']}”"),
            f"    chars {found['start']}-{found['end']}, speaker {found['speaker_start']}-"
            f"{found['speaker_end']}, content {found['content_start']}-{found['content_end']}",
        ]
    )
