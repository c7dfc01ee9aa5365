"""Engine answers as Discord embeds that always fit Discord's limits.

Every quote is a numbered block ([1], [2], ...) carrying its speaker, party, date (with "about",
"date unknown" and doubtful provenance spelled out) and source, so a reader can always tell who
said what and when. Blocks are packed whole into pages: a page break never falls inside a quote.
Only a single quote too long for any page is continued on the next one, marked as such.
Quoted text is escaped so it can neither format nor ping.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import discord

from bot.digest import Digest
from bot.models import (
    CompareResult,
    DocumentRef,
    PositionResult,
    SearchHit,
    Source,
    StatementView,
    StatusResult,
    TimelineEntry,
    TimelineResult,
)
from bot.parties import PartyBook

# Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits)
TITLE_MAX = 256
FOOTER_MAX = 2048
EMBEDS_PER_MESSAGE = 10
CHARS_PER_MESSAGE = 6000
CONTENT_MAX = 2000

# A page's text budget, leaving room for the title and the footer within 6000 in total.
PAGE_BUDGET = 3800
COLOR = discord.Colour.blurple()
NO_MENTIONS = discord.AllowedMentions.none()  # on every send: quoted text never pings anyone
CHANGED = "⚠️ **Stance changed** on"


def safe(text: str) -> str:
    """Text from an article, made inert: no markdown, no mentions."""
    return discord.utils.escape_mentions(discord.utils.escape_markdown(text))


def clip(text: str, limit: int) -> str:
    """For titles and labels only, never for quoted text."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def date_line(doc: DocumentRef) -> str:
    provenance = {"text": "date from the article's text", "feed": "date from the feed"}
    label = doc.date_label()
    extra = provenance.get(doc.date_source)
    return f"{label}, {extra}" if extra and doc.published else label


def source_line(doc: DocumentRef) -> str:
    label = safe(doc.source_label())
    if doc.url and doc.url.startswith(("http://", "https://")):
        url = doc.url.replace(")", "%29").replace(" ", "%20")
        return f"[{label}]({url})"
    return label


def bare_link(url: str) -> str:
    """A link shown without a preview, as `<url>`. The brackets and spaces in the URL itself are
    percent-encoded: a `>` would end the link early and let the rest render as markdown."""
    for char, code in (("<", "%3C"), (">", "%3E"), (" ", "%20")):
        url = url.replace(char, code)
    return f"<{safe(url)}>"


def quoted(text: str) -> str:
    return "\n".join(f"> {safe(line.strip())}" for line in text.splitlines() if line.strip())


def who(view: StatementView) -> str:
    speaker = safe(view.speaker) if view.speaker else "unnamed source"
    party = safe(view.party) if view.party else "no party"
    return f"**{speaker}** ({party})"


def statement_block(number: int, view: StatementView, note: str = "") -> str:
    head = f"**[{number}]** {who(view)}"
    if view.topics:
        head += f" · on {', '.join(view.topics)}"
    lines = [note, head] if note else [head]
    lines += [quoted(view.text), f"— {date_line(view.document)} · {source_line(view.document)}"]
    return "\n".join(lines)


CONTINUED = " *(continued on the next page)*"


def _split_long(block: str, budget: int) -> list[str]:
    """A block larger than a page, cut between words, each piece but the last marked continued."""
    limit = budget - len(CONTINUED)
    pieces: list[str] = []
    current = ""
    for word in block.split(" "):
        while len(word) > limit:  # one "word" longer than a page: no cleaner cut exists
            if current:
                pieces.append(current)
                current = ""
            pieces.append(word[:limit])
            word = word[limit:]
        candidate = f"{current} {word}" if current else word
        if len(candidate) > limit:
            pieces.append(current)
            current = word
        else:
            current = candidate
    pieces.append(current)
    return [p + CONTINUED for p in pieces[:-1]] + pieces[-1:]


def paginate(title: str, blocks: Iterable[str], *, note: str = "") -> list[discord.Embed]:
    """Whole blocks into pages of at most PAGE_BUDGET characters; the footer numbers them."""
    texts: list[str] = []
    current = ""
    for block in blocks:
        for piece in _split_long(block, PAGE_BUDGET) if len(block) > PAGE_BUDGET else [block]:
            candidate = f"{current}\n\n{piece}" if current else piece
            if len(candidate) <= PAGE_BUDGET:
                current = candidate
            else:
                texts.append(current)
                current = piece
    texts.append(current or "Nothing to show.")
    pages = []
    for i, text in enumerate(texts, 1):
        embed = discord.Embed(title=clip(title, TITLE_MAX), description=text, colour=COLOR)
        footer = [note] if note else []
        if len(texts) > 1:
            footer.append(f"Page {i}/{len(texts)}")
        if footer:
            embed.set_footer(text=clip(" · ".join(footer), FOOTER_MAX))
        pages.append(embed)
    return pages


def _label(key: str | None, labels: Mapping[str, str] | None) -> str | None:
    if key is None:
        return None
    return (labels or {}).get(key, key)


def _undated_note(views: Sequence[StatementView]) -> str:
    undated = [v for v in views if v.document.published is None]
    if not undated:
        return ""
    return (
        f"\n\n*{len(undated)} statement(s) come from undated articles; they are listed last and"
        " their place in time is unknown.*"
    )


def position_pages(
    result: PositionResult, labels: Mapping[str, str] | None = None
) -> list[discord.Embed]:
    on = _label(result.topic, labels)
    title = f"{result.party}: latest statements" + (f" on {on}" if on else "")
    if not result.statements:
        return [
            discord.Embed(
                title=clip(title, TITLE_MAX),
                description=f"No statement from {safe(result.party)}"
                + (f" on {safe(on)}" if on else "")
                + " in the indexed articles.",
                colour=COLOR,
            )
        ]
    blocks = [statement_block(i, v) for i, v in enumerate(result.statements, 1)]
    blocks[-1] += _undated_note(result.statements)
    return paginate(title, blocks, note="Latest first.")


def compare_pages(
    result: CompareResult, labels: Mapping[str, str] | None = None
) -> list[discord.Embed]:
    title = "Compared: " + " vs ".join(result.parties)
    blocks: list[str] = []
    number = 0
    for topic, row in result.topics.items():
        lines = [f"__**{safe(_label(topic, labels) or topic)}**__"]
        for party, view in row.items():
            if view is None:
                lines.append(f"*{safe(party)}: no statement on this.*")
            else:
                number += 1
                lines.append(statement_block(number, view))
        blocks.append("\n".join(lines))
    return paginate(title, blocks, note="Each party's latest statement per topic.")


def timeline_pages(
    result: TimelineResult, labels: Mapping[str, str] | None = None
) -> list[discord.Embed]:
    on = _label(result.topic, labels)
    title = f"{result.party}: timeline" + (f" on {on}" if on else "")
    if not result.entries:
        return position_pages(PositionResult(result.party, result.topic, []), labels)
    blocks = [
        statement_block(i, e.statement, note=_changed_note(e, labels))
        for i, e in enumerate(result.entries, 1)
    ]
    return paginate(title, blocks, note="Oldest first; ⚠️ marks a change of stance.")


def _changed_note(entry: TimelineEntry, labels: Mapping[str, str] | None) -> str:
    if not entry.changed:
        return ""
    topics = ", ".join(_label(t, labels) or t for t in entry.changed_topics)
    return f"{CHANGED} {safe(topics)}"


def status_pages(
    result: StatusResult, labels: Mapping[str, str] | None = None
) -> list[discord.Embed]:
    return paginate("Where the talks stand", status_blocks(result, labels))


def status_blocks(result: StatusResult, labels: Mapping[str, str] | None = None) -> list[str]:
    blocks = []
    number = 0
    for party, view in result.latest.items():
        if view is None:
            blocks.append(f"*{safe(party)}: no statement indexed.*")
        else:
            number += 1
            blocks.append(f"__{safe(party)}__, latest:\n" + statement_block(number, view))
    if result.differing_topics:
        topics = ", ".join(safe(_label(t, labels) or t) for t in result.differing_topics)
        blocks.append(f"**The parties' latest statements differ on:** {topics}")
    return blocks


def ask_pages(question: str, hits: Sequence[SearchHit]) -> list[discord.Embed]:
    title = clip(f"Q: {safe(question)}", TITLE_MAX)
    if not hits:
        return [
            discord.Embed(
                title=title,
                description="Nothing in the indexed articles answers that.",
                colour=COLOR,
            )
        ]
    blocks = []
    for i, hit in enumerate(hits, 1):
        if hit.statement is not None:
            blocks.append(statement_block(i, hit.statement))
        else:
            blocks.append(
                f"**[{i}]** *(not attributed to a party)*\n{quoted(hit.text)}\n"
                f"— {date_line(hit.document)} · {source_line(hit.document)}"
            )
    return paginate(title, blocks, note="Passages nearest your question, best first.")


def sources_pages(sources: Sequence[Source]) -> list[discord.Embed]:
    blocks = []
    for i, s in enumerate(sources, 1):
        by = f" · by {safe(s.author)}" if s.author else ""
        blocks.append(
            f"**[{i}]** {source_line(s.document)}{by}\n{date_line(s.document)}"
            f" (date source: {s.document.date_source}) · {s.sentences} sentences"
        )
    if not blocks:
        blocks = ["No article is indexed yet."]
    return paginate(f"Indexed articles ({len(sources)})", blocks)


HELP = (
    "I quote what each party in the negotiation said, with speaker, date and source.\n\n"
    "**/position** party [topic] — a party's latest statements\n"
    "**/compare** party_a party_b [topic] — side by side, per topic\n"
    "**/timeline** party [topic] — oldest first, with changes of stance marked\n"
    "**/status** — where every party stands now\n"
    "**/ask** question — passages nearest a free-text question\n"
    "**/sources** — the indexed articles and how each is dated\n"
    "**/digest** now | channel | off — the daily digest of a server\n"
    "**/ingest** file or url — add an article (bot operators only)\n\n"
    "In a direct message, just write a question, e.g. *what does {party} say about {topic}?*\n"
    "Dates marked *about* are approximate; *date unknown* means the article gives none."
)


def help_embed(book: PartyBook) -> discord.Embed:
    """The example question names a party and topic of this negotiation's own parties file."""
    party = book.party_names()[0] if book.party_names() else "a party"
    topic = book.topic_keys()[0] if book.topic_keys() else "a topic"
    return discord.Embed(
        title="negobot", description=HELP.format(party=party, topic=topic), colour=COLOR
    )


def pack_messages(embeds: Sequence[discord.Embed]) -> list[list[discord.Embed]]:
    """Consecutive embeds grouped into messages of at most 10 embeds and 6000 characters."""
    messages: list[list[discord.Embed]] = []
    size = 0
    for embed in embeds:
        n = len(embed)
        if not messages or len(messages[-1]) == EMBEDS_PER_MESSAGE or size + n > CHARS_PER_MESSAGE:
            messages.append([])
            size = 0
        messages[-1].append(embed)
        size += n
    return messages


def digest_messages(
    digest: Digest, labels: Mapping[str, str] | None = None
) -> list[list[discord.Embed]]:
    """A non-empty digest as messages: new statements by party, changes marked, status in short."""
    since = f" since {digest.since[:16].replace('T', ' ')} UTC" if digest.since else ""
    embeds: list[discord.Embed] = []
    number = 0
    for party, views in digest.by_party().items():
        blocks = []
        for view in views:
            number += 1
            topics = digest.changed.get(view.id)
            note = (
                f"{CHANGED} {safe(', '.join(_label(t, labels) or t for t in topics))}"
                if topics
                else ""
            )
            blocks.append(statement_block(number, view, note=note))
        embeds += paginate(f"New from {party}{since}", blocks, note="Latest first.")
    embeds += status_short(digest.status, labels)
    return pack_messages(embeds)


def status_short(
    result: StatusResult, labels: Mapping[str, str] | None = None
) -> list[discord.Embed]:
    """One line per party: when it was last heard and where; the topics they differ on."""
    lines = []
    for party, view in result.latest.items():
        if view is None:
            lines.append(f"**{safe(party)}**: no statement indexed")
        else:
            lines.append(
                f"**{safe(party)}**: last heard {date_line(view.document)}"
                f" · {source_line(view.document)}"
            )
    if result.differing_topics:
        topics = ", ".join(safe(_label(t, labels) or t) for t in result.differing_topics)
        lines.append(f"Latest statements differ on: {topics}")
    return paginate("Status now (/status for the quotes)", ["\n".join(lines)])


def nothing_new(digest: Digest) -> str:
    since = digest.since[:10] if digest.since else "the start"
    return f"Digest: nothing new since {since}."
