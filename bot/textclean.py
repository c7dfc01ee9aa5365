"""Telling an article's own paragraphs from the page furniture copied along with it.

A saved page mixes the article with navigation, adverts, share buttons, captions, cross-links,
comment forms and sidebars of other stories. Quoting any of that as a party's position is a
defect, and so is dropping one of the article's sentences, so every line is judged by what it
looks like (a sentence or not, a known class of UI prompt, a date, a byline, a caption, a
hashtag run) and by where it stands (before the first sentence of the body, inside a sidebar or
after a comment-section heading, repeated elsewhere on the page).

Sidebars of other stories ("Related coverage", "Most read") stand in the middle of wire copy as
often as at the foot of the page, so a sidebar heading cuts only its own links and teasers; the
body resumes when the prose after them carries on the story. Comment sections, author boxes and
anything after the article's sign-off (reporting credit, editorial note) end the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.metadata import byline_author, is_date_line

# Labels a unit (a paragraph or a lone line) can carry.
HEADING = "heading"  # a markdown "# ..." heading
FURNITURE = "furniture"  # UI prompt, share buttons, hashtags, cross-link, disclaimer
DATE = "date"
BYLINE = "byline"
CAPTION = "caption"
SIDEBAR = "sidebar"  # heading of links to other stories: the links are not the article
CLOSING = "closing"  # comment-section or author-box heading: the article is over
SENTENCE = "sentence"
TITLELIKE = "titlelike"  # no sentence ending: headline, deck, subheading, teaser

_TERMINAL = ".!?\u2026"
_CLOSERS = "\"'\u201d\u2019\u00bb)]*_"
_OPENERS = "\"\u201c\u2018\u00ab'"
_WIRE_CREDIT = re.compile(r"(?<=[.!?\u201d\"])\s*\([^()]{1,40}\)\s*$")

_UI_PHRASES = re.compile(
    r"""(?:
      advertisement|advert|ads?|sponsored(?:\ content)?|promoted
    | story\ continues\ below(?:\ advertisement)?|continue\ reading(?:\ below)?
    | (?:scroll|swipe)(?:\ down)?\ to\ (?:continue|read)(?:\ reading)?
    | article\ continues\ (?:below|after\ (?:this\ )?advertisement)
    | skip\ to\ (?:main\ )?content|skip\ navigation|jump\ to\ .{1,30}|toggle\ navigation
    | skip\ (?:this\ )?ad(?:vertisement)?|reuse\ this\ content|gift\ this\ article
    | please\ (?:turn\ on|enable)\ javascript.*|join\ our\ .{1,30}\ (?:channel|group|community)\b.*
    | menu|search|close|home|back\ to\ top|open\ in\ app
    | listen(?:\ to\ (?:this\ )?(?:article|story))?(?:\ \d+\ min(?:utes?)?)?
    | getting\ your\ .{1,40}\ ready.*|loading.*
    | (?:\d+|one)\ min(?:ute)?s?\ (?:read|listen)
    | share(?:\ (?:this|the))?(?:\ (?:article|story|post|page))?(?:\ (?:on|via)\ .{1,30})?
    | print(?:\ this\ (?:article|page))?|e-?mail(?:\ this)?|copy\ (?:the\ )?link|link\ copied
    | leave\ a\ (?:comment|reply)|post\ a\ comment|add\ a\ comment|comments?(?:\ \(\d+\))?
    | \d+\ (?:comments?|replies|responses)|(?:view|show|hide)\ comments
    | join\ the\ (?:conversation|discussion)|cancel\ reply|reply
    | please\ enter\ your\ .{1,30}|your\ email\ address\ will\ not\ be\ published.*
    | required\ fields\ are\ marked.*|save\ my\ name.*|notify\ me\ of\ .*
    | this\ site\ uses\ akismet.*
    | sign\ up.*|subscribe.*|.*\bnewsletters?\b.*|.*\bin\ your\ inbox\b.*
    | already\ (?:a\ subscriber|have\ an\ account).*|log\ ?in|sign\ in|register|create\ an?\ account
    | .*\bwe\ use\ cookies\b.*|.*\bcookie\ (?:policy|settings|preferences|consent)\b.*
    | accept(?:\ all)?(?:\ cookies)?|reject\ all|manage\ (?:cookies|preferences|settings)
    | privacy\ policy|terms\ (?:of|and)\ (?:use|service|conditions)
    | (?:©|copyright\ ©|copyright\ \d{4}|\(c\)\ \d{4}).*|.*\ball\ rights\ reserved\b.*
    | follow\ us\b.*|click\ here\b.*|download\ (?:our|the)\ app\b.*
    | (?:tags?|topics?|filed\ under|categories|category)\s*:.*
    )""",
    re.I | re.X,
)
_UI_MAX_WORDS = 40

# Lines that close an article: credits and production notes. A sidebar after one of them is the
# page's, not a break in the story.
_SIGN_OFF = re.compile(
    r"""(?:
      (?:additional\ )?(?:reporting|editing|writing)\ by\ .*
    | this\ (?:article|story|content|report)\ (?:was|has\ been|is)\ (?:auto-?)?
      (?:created|generated|written|produced|translated)\ (?:using|with|by|from)\ .*
    )""",
    re.I | re.X,
)

# Editorial notes about the article itself (print edition, corrections, syndication, copyright):
# they open the paragraph and may run long, and none of them is anybody's position.
_EDITORIAL_NOTE = re.compile(
    r"""(?:
      a\ version\ of\ this\ (?:article|story|report|piece)\ (?:appear|was\ (?:first\ )?publish)
    | an\ earlier\ version\ of\ this\ (?:article|story|report|piece)\b
    | (?:corrections?|clarification|editor'?s\ note)\s*(?:appended|\([^()]{1,40}\))?\s*:
    | this\ (?:article|story|piece)\ (?:(?:was|has\ been|is)\ )?(?:originally|first)
      \ (?:published|appeared|posted|ran)\b
    | this\ (?:article|story|piece)\ (?:was|has\ been)\ (?:updated|amended|corrected)\b
    | this\ (?:article|story|piece)\ (?:is|was)\ republished\b
    | ©|(?:copyright\ )?\(c\)\ \d{4}|copyright\ (?:©\ ?)?(?:\d{4}|by\b)
    )""",
    re.I | re.X,
)
_NOTE_MAX_WORDS = 80

_SHARE_WORDS = {
    "share", "shares", "tweet", "facebook", "twitter", "x", "whatsapp", "telegram", "linkedin",
    "pinterest", "reddit", "email", "mail", "e", "print", "copy", "link", "messenger", "flipboard",
    "tumblr", "icon", "social", "threads", "bluesky", "google", "sms", "on", "via", "this",
    "article",
}  # fmt: skip

_CROSS_LINK = re.compile(
    r"^(?:read\s+also|also\s+read|read\s+more|read|related(?:\s+(?:article|story|news|coverage))?"
    r"|see\s+also|also\s+see|recommended|more\s+on\s+this(?:\s+story)?|further\s+reading"
    r"|suggested\s+reading|don'?t\s+miss|must\s+read|watch|listen|more|explainer|opinion)"
    r"\s*[:|\u00bb>]\s*\S",
    re.I,
)

_SIDEBAR_HEADINGS = re.compile(
    r"""(?:
      latest(?:\ (?:news|stories|articles|posts|headlines|updates))?
    | more\ (?:articles|stories|news|posts)(?:\ like\ this)?|more\ like\ this
    | more\ (?:from|in|on)\ .{1,40}
    | related(?:\ (?:articles|stories|posts|news|content|coverage|reading|topics|links))?
    | you\ (?:may|might)\ (?:also\ )?(?:like|enjoy|be\ interested\ in)
    | recommended(?:\ (?:for\ you|stories|articles|reading))?
    | most\ (?:read|popular|viewed|shared|commented)(?:\ (?:stories|articles|news))?
    | trending(?:\ (?:now|stories|news|topics))?|read\ next|up\ next|what\ to\ read\ next
    | popular(?:\ (?:posts|stories|now|articles))?|top\ stories|editor'?s?\ picks?
    | in\ other\ news|other\ news|must\ read|don'?t\ miss|further\ reading
    | from\ (?:around|across)\ the\ web|sponsored\ (?:links|stories|content)
    )""",
    re.I | re.X,
)

_CLOSING_HEADINGS = re.compile(
    r"""(?:
      comments?(?:\s*\(?\d+\)?)?|leave\ a\ (?:comment|reply)|post\ a\ comment
    | \d+\ (?:comments?|responses?|replies)|join\ the\ (?:conversation|discussion)
    | about\ the\ authors?
    )""",
    re.I | re.X,
)

_CAPTION_CREDIT = re.compile(
    r"\b(?:photo|image|picture|pic|photograph|credit|illustration|video)s?\b\s*(?:by\b|:|/|courtesy)"
    r"|getty\s+images|\(ap\s+photo|/\s*(?:reuters|afp|ap|epa|anadolu)\b|\bfile\s+photo\b"
    r"|shutterstock|\bvia\s+reuters\b|\b(?:reuters|afp|ap|epa)\s*/\s*[A-Z]",
    re.I,
)
_TRAILING_PAREN = re.compile(r"\(([^()]{1,60})\)\s*$")
# Who took or supplied a picture, as its caption credits it in parentheses: an agency or stock
# library, optionally with "Photo", "File" or the photographer ("AP Photo/Hatem Moussa",
# "Mahmoud Issa - Anadolu Agency", "AFP via Getty Images", "File photo").
_PHOTO_SOURCE = (
    r"(?:AFP|AP|Reuters|EPA(?:-EFE)?|Anadolu(?:\s+Agency)?|Xinhua|WAFA|UPI|Getty|Shutterstock"
    r"|Alamy|Pool|Handout|Supplied|File|Photo|Image)"
    r"(?:\s+(?:photos?|images?|pictures?|file|via\s+\w+))*"
)
_PHOTO_CREDIT = re.compile(
    rf"(?:[^()/|]{{1,40}}?\s*[-/|,:]\s*)?{_PHOTO_SOURCE}(?:\s*[-/|,:]\s*[^()]{{1,40}})?", re.I
)
_SENTENCE_BREAK = re.compile(r"[.!?][\"'\u201d\u2019]?\s+(?=[A-Z\"\u201c])")
_PHOTO_CAPTION_MAX_WORDS = 40
_NAV_SEPARATOR = re.compile(r"\s[|\u00bb\u203a>/\u00b7\u2022]\s")
_HANDLE_OR_URL = re.compile(r"^(?:@\w+|#\w+|https?://\S+|www\.\S+)$", re.I)
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
# Markup opening a markdown line (heading hashes, list bullet, blockquote), left out of the span.
_MD_MARKER = re.compile(r"(?:#{1,6}|>|[-*+]|\d+[.)])[ \t]+")
# A list bullet opening a line of any page ("• Hamas denied the accusation."), left out of the span
# so that the sentence, and whoever speaks at its start, begins at the first word.
_BULLET = re.compile(r"[-*\u2022\u00b7\u25aa\u25cf\u25e6\u2023\u2043][ \t]+")
_MD_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_WORD = re.compile(r"[^\W\d_][\w'\u2019.-]*")
# "Minister of Foreign Affairs Jeyhun Bayramov stated:": a verb of saying, not a heading
_LEAD_IN = re.compile(
    r"\s(?:said|says|stated|states|added|adds|wrote|writes|posted|declared|announced|tweeted"
    r"|continued|explained|warned|responded|replied)(?:\s+[\w.'\u2019-]+){0,4}:$"
)
_SMALL_WORDS = {"a", "an", "the", "of", "in", "on", "to", "for", "and", "or", "as", "at", "by"}
_BIO_VERB = r"\s+(?:is|was|has|covers|reports|writes|joined|previously)\b"
_FOLLOW = re.compile(r"\bfollow\s+(?:him|her|them|me|us)\s+(?:on|at)\b", re.I)


@dataclass
class Unit:
    """One paragraph of the page: `start:end` is its whitespace-stripped span in the text."""

    index: int
    start: int
    end: int
    raw: str
    plain: str  # without markdown markup, for judging what the unit is
    block: int = 0  # which run of lines between blank lines the unit stands in
    heading: bool = False
    image: bool = False
    label: str = TITLELIKE


@dataclass
class Layout:
    units: list[Unit]
    body: list[Unit] = field(default_factory=list)
    title_index: int | None = None
    before_body: list[Unit] = field(default_factory=list)

    @property
    def title(self) -> str | None:
        return None if self.title_index is None else self.units[self.title_index].plain


def article_paragraphs(text: str, markdown: bool = False) -> list[tuple[int, int]]:
    """[start, end) spans of the article's own paragraphs in `text`, in order."""
    return [(u.start, u.end) for u in analyse(text, markdown).body]


def analyse(text: str, markdown: bool = False) -> Layout:
    units = split_units(text, markdown)
    for unit in units:
        unit.label = classify(unit)
    layout = Layout(units)
    first = _first_body(units)
    if first is None:
        layout.before_body = units
        layout.title_index = _title_index(units)
        return layout
    layout.before_body = units[:first]
    layout.title_index = _title_index(units[:first])
    article = units[:first] + _article_units(units, first)
    repeats = _repeated(article)
    body = [u for u in article[first:] if u.label == SENTENCE and u.index not in repeats]
    author = next((byline_author(u.plain) for u in layout.before_body if u.label == BYLINE), None)
    layout.body = _without_trailing_bio(body, author)
    return layout


def split_units(text: str, markdown: bool = False) -> list[Unit]:
    """Paragraphs: blocks between blank lines, split into lines unless the block is wrapped prose.

    Page copies put unrelated items on adjacent lines ("- Advertisement -" above the audio-player
    prompt, a date above a deck), so a line is its own unit unless it visibly continues the
    previous one (hard-wrapped prose).
    """
    lines = [
        (m.start(), m.end())
        for m in re.finditer(r"[^\r\n]*", text)
        if m.start() == 0 or text[m.start() - 1] in "\r\n"
    ]
    blocks: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for start, end in lines:
        if text[start:end].strip():
            current.append(_strip_span(text, start, end))
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    spans = [
        (number, span)
        for number, block in enumerate(blocks)
        for span in _join_wrapped(text, block, markdown)
    ]
    return [_make_unit(text, i, s, e, markdown, number) for i, (number, (s, e)) in enumerate(spans)]


def classify(unit: Unit) -> str:
    plain = unit.plain
    words = plain.split()
    core = re.sub(r"^\W+|\W+$", "", plain)
    if not core:
        return FURNITURE
    if len(words) <= 8 and _CLOSING_HEADINGS.fullmatch(core):
        return CLOSING
    if len(words) <= 8 and _SIDEBAR_HEADINGS.fullmatch(core):
        return SIDEBAR
    if unit.heading:
        return HEADING
    if unit.image:
        return CAPTION
    if len(words) <= _UI_MAX_WORDS and (_UI_PHRASES.fullmatch(core) or _SIGN_OFF.fullmatch(core)):
        return FURNITURE
    if len(words) <= _NOTE_MAX_WORDS and _EDITORIAL_NOTE.match(core):
        return FURNITURE
    if _CROSS_LINK.match(plain) or _is_share_run(plain) or _is_links_or_tags(words):
        return FURNITURE
    if is_date_line(plain):
        return DATE
    if byline_author(plain) and not _ends_sentence(plain):
        return BYLINE
    if _is_caption(plain):
        return CAPTION
    if _ends_sentence(plain) and len(_WORD.findall(plain)) >= 3:
        return SENTENCE
    if plain[:1] in _OPENERS and len(words) >= 6 and not _closes_quote(plain):
        return SENTENCE  # a paragraph of a quotation that runs on into the next
    if plain.endswith(":") and (
        (len(_WORD.findall(plain)) >= 6 and not _title_cased(plain)) or _LEAD_IN.search(plain)
    ):
        return SENTENCE  # a lead-in naming who is quoted next ("Katz responded on X:")
    if len(_NAV_SEPARATOR.findall(plain)) >= 2:
        return FURNITURE  # breadcrumbs and menus
    return TITLELIKE


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _join_wrapped(text: str, block: list[tuple[int, int]], markdown: bool) -> list[tuple[int, int]]:
    if len(block) == 1:
        return block
    lengths = [e - s for s, e in block]
    if (
        len(block) >= 3
        and all(50 <= n <= 100 for n in lengths[:-1])
        and max(lengths[:-1]) - min(lengths[:-1]) <= 30
        and not any(markdown and _MD_HEADING.match(text[s:e]) for s, e in block)
    ):
        return [(block[0][0], block[-1][1])]
    out = [block[0]]
    for start, end in block[1:]:
        prev = text[out[-1][0] : out[-1][1]]
        line = text[start:end]
        if _continues(prev, line, markdown):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _continues(prev: str, line: str, markdown: bool) -> bool:
    if markdown and (_MD_HEADING.match(line) or _MD_LIST.match(line) or _MD_HEADING.match(prev)):
        return False
    if prev[-1] in _TERMINAL or len(prev.split()) < 8:
        return False
    return line[:1].islower() or (len(prev) >= 60 and (prev[-1].isalnum() or prev[-1] in ",;"))


def _make_unit(text: str, index: int, start: int, end: int, markdown: bool, block: int = 0) -> Unit:
    heading = image = False
    if markdown:
        marker = _MD_MARKER.match(text, start, end)
        heading = bool(marker and "#" in marker.group())
        start = marker.end() if marker else start
    bullet = _BULLET.match(text, start, end)
    start = bullet.end() if bullet else start
    raw = text[start:end]
    plain = " ".join(raw.split())
    if markdown:
        image = bool(_MD_IMAGE.fullmatch(plain))
        plain = _MD_LINK.sub(r"\1", _MD_IMAGE.sub(r"\1", plain))
        plain = re.sub(r"(\*\*|__|(?<!\w)[*_]|[*_](?!\w))", "", plain).strip()
    return Unit(index, start, end, raw, plain, block=block, heading=heading, image=image)


def _ends_sentence(plain: str) -> bool:
    core = _WIRE_CREDIT.sub("", plain).rstrip()
    core = core.rstrip(_CLOSERS + " ")
    if core.endswith(("...", "\u2026")) and plain.rstrip()[-1:] not in "\"\u201d\u2019'":
        return False  # a truncated teaser of another story
    return bool(core) and core[-1] in _TERMINAL


def _closes_quote(plain: str) -> bool:
    rest = plain[1:]
    return any(mark in rest for mark in '"\u201d\u00bb') or bool(re.search(r"\u2019(?!\w)", rest))


def _is_share_run(plain: str) -> bool:
    tokens = re.findall(r"[a-z]+", plain.lower())
    return bool(tokens) and all(t in _SHARE_WORDS for t in tokens) and len(plain) < 200


def _is_links_or_tags(words: list[str]) -> bool:
    return bool(words) and all(_HANDLE_OR_URL.match(w.strip(",;|")) for w in words)


def _is_caption(plain: str) -> bool:
    if _ends_with_photo_credit(plain):
        return True
    if len(plain.split()) > 30:
        return False
    if _CAPTION_CREDIT.search(plain):
        return True
    trailing = _TRAILING_PAREN.search(plain)
    if trailing is None:
        return False
    before = plain[: trailing.start()].strip()
    return len(before.split()) <= 15 and len(trailing.group(1).split()) <= 6


def _ends_with_photo_credit(plain: str) -> bool:
    """A picture's caption: a sentence or two describing it, closed by its credit ("... (AFP)").

    Such a caption reads as a full sentence and often names what a party announced, so unless it
    is told apart it is quoted as a statement. Wire copy names its agency in the dateline
    ("GAZA CITY (AP) -") or mid-text instead, and a quotation marks the article's own reporting,
    so only a short unquoted paragraph whose last words are a photo credit counts.
    """
    trailing = _TRAILING_PAREN.search(plain)
    if trailing is None or not _PHOTO_CREDIT.fullmatch(trailing.group(1).strip()):
        return False
    before = plain[: trailing.start()].strip()
    return (
        len(before.split()) <= _PHOTO_CAPTION_MAX_WORDS
        and len(_SENTENCE_BREAK.findall(before)) <= 1
        and not any(mark in before for mark in '"\u201c\u201d')
    )


def _title_cased(plain: str) -> bool:
    words = [w for w in _WORD.findall(plain) if w.lower() not in _SMALL_WORDS]
    if not 3 <= len(words) <= 15:
        return False
    return sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _first_body(units: list[Unit]) -> int | None:
    """The first sentence of the body, passing over a deck (standfirst) that ends in a full stop.

    A deck stands right under the headline with the byline or date still to come before the
    next sentence; a sentence after the byline or date block is the body's own.
    """
    sentences = [u for u in units if u.label == SENTENCE and not _title_cased(u.plain)]
    if not sentences:
        return None
    first = sentences[0]
    if len(sentences) > 1 and _is_deck(units, first, sentences[1]):
        return sentences[1].index
    return first.index


def _is_deck(units: list[Unit], unit: Unit, following: Unit) -> bool:
    before = [u for u in units[: unit.index] if u.label != FURNITURE]
    between = units[unit.index + 1 : following.index]
    return (
        len(unit.plain.split()) <= _DECK_MAX_WORDS
        and bool(before)
        and before[-1].label in (TITLELIKE, HEADING)
        and not any(u.label in (BYLINE, DATE) for u in before)
        and any(u.label in (BYLINE, DATE) for u in between)
    )


_DECK_MAX_WORDS = 60


def _title_index(units: list[Unit]) -> int | None:
    """The first heading, else the first headline-sized line without a sentence ending.

    Section labels and breadcrumbs ("World | Middle East") and the outlet's short name stand
    above the headline in many copies, so separator lines never count and longer lines are
    preferred.
    """
    passes = ((HEADING, 1), (TITLELIKE, 5), (TITLELIKE, 3), (TITLELIKE, 2), (SENTENCE, 2))
    for label, min_words in passes:
        for unit in units:
            if (
                unit.label == label
                and len(unit.plain.split()) >= min_words
                and not _NAV_SEPARATOR.search(unit.plain)
            ):
                return unit.index
    return None


def _article_units(units: list[Unit], first: int) -> list[Unit]:
    """The units from the first body sentence on, less every sidebar and what closes the page.

    A sidebar heading in the middle of a story is skipped with its links and teasers, and the
    story resumes after them; the page ends at a comment or author-box heading, at a sidebar
    that follows the article's sign-off, and at a sidebar after which the story does not resume.
    """
    kept: list[Unit] = []
    index = first
    while index < len(units):
        unit = units[index]
        if unit.label not in (SIDEBAR, CLOSING):
            kept.append(unit)
            index += 1
            continue
        if unit.label == CLOSING or any(_signs_off(u) for u in kept):
            break
        resume = _story_after(units, index)
        if resume is None:
            break
        index = resume
    return kept


def _signs_off(unit: Unit) -> bool:
    core = re.sub(r"^\W+|\W+$", "", unit.plain)
    return unit.label == FURNITURE and bool(
        _SIGN_OFF.fullmatch(core) or _EDITORIAL_NOTE.match(core)
    )


def _past_sidebar(units: list[Unit], heading: int) -> int:
    """The first unit after a sidebar heading's links, headlines and teasers.

    When a blank line sets the heading apart, the link-sized lines printed under it without one
    are its list; a page copied without blank lines runs the story on under the heading the
    same way. Past them, the sidebar holds headlines, teasers cut off with an ellipsis, captions
    and furniture, and its first item, if headline-sized, even when it ends in a full stop.
    """
    index = heading + 1
    block = [u for u in units[index:] if u.block == units[heading].block]
    set_apart = units[heading - 1].block != units[heading].block
    if set_apart and all(len(u.plain.split()) <= _LINK_MAX_WORDS for u in block):
        index += len(block)
    items = index - heading - 1
    while index < len(units):
        unit = units[index]
        if unit.label in (SIDEBAR, CLOSING):
            break
        if unit.label == SENTENCE and not (
            _title_cased(unit.plain) or (items == 0 and _is_link_sized(unit.plain))
        ):
            break
        items += unit.label != FURNITURE
        index += 1
    return index


_LINK_MAX_WORDS = 25


def _is_link_sized(plain: str) -> bool:
    """One short sentence: a headline that happens to end in a full stop."""
    return len(plain.split()) <= 15 and not re.search(r"[.!?]\s+[A-Z\"\u201c]", plain)


def _story_after(units: list[Unit], heading: int) -> int | None:
    """Where the story resumes after the sidebar at `heading`, or None when it does not.

    The other stories' teasers under a sidebar are single paragraphs between headlines; the
    story goes on for paragraphs, or picks up someone it already introduced ("He added", "The
    official said"), or goes on after a further sidebar. A byline means another article.
    """
    index = _past_sidebar(units, heading)
    if any(u.label == BYLINE for u in units[heading:index]):
        return None
    run: list[Unit] = []
    stop = len(units)
    for unit in units[index:]:
        if unit.label == SENTENCE:
            run.append(unit)
        elif unit.label not in (FURNITURE, CAPTION):
            stop = unit.index
            break
    words = sum(len(u.plain.split()) for u in run)
    if (run and _REFERS_BACK.match(run[0].plain)) or (
        len(run) >= _RESUME_MIN_PARAGRAPHS and words >= _RESUME_MIN_WORDS
    ):
        return index
    if stop < len(units) and units[stop].label == SIDEBAR and _story_after(units, stop) is not None:
        return index
    return None


_RESUME_MIN_PARAGRAPHS = 2
_RESUME_MIN_WORDS = 40
_REFERS_BACK = re.compile(
    r"""[\"\u201c]?(?:
      (?:he|she|they|it|his|her|their|its|this|these|those)\b
    | the\ (?:official|officials|spokes(?:man|woman|person)|minister|group|movement|source|sources
      |envoy|delegation|statement|leader|president|ministry|office)\b
    | (?:but|however|meanwhile|still|separately|earlier|later)\b
    )""",
    re.I | re.X,
)


def _key(plain: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", plain.lower()).split())


def _repeated(units: list[Unit]) -> set[int]:
    """Units whose words recur in a longer (or later identical) unit: decks and pull quotes.

    Containment is only sought among nearby units (decks and pull quotes sit near their
    source), which keeps long pages linear.
    """
    keys = [(u.index, _key(u.plain)) for u in units if len(u.plain.split()) >= 5]
    out: set[int] = set()
    for position, (index, key) in enumerate(keys):
        nearby = keys[max(0, position - _REPEAT_WINDOW) : position + _REPEAT_WINDOW]
        for other, other_key in nearby:
            if other == index or key not in other_key:
                continue
            if len(key) < len(other_key) or index < other:
                out.add(index)
                break
    return out


_REPEAT_WINDOW = 40


def _without_trailing_bio(body: list[Unit], author: str | None) -> list[Unit]:
    """Drop the author's bio and follow-me lines that close many articles."""
    names = [n for n in re.split(r"\s+(?:and|&)\s+|,\s*", author or "") if n]
    while body:
        plain = body[-1].plain
        is_bio = any(re.match(re.escape(name) + _BIO_VERB, plain) for name in names)
        if not (is_bio or (_FOLLOW.search(plain) and len(plain.split()) <= 40)):
            break
        body = body[:-1]
    return body
