"""Sentences of an article's paragraphs, as spans into its text.

Spans, not strings, because every quote the bot shows must be a verbatim slice of its source.
A sentence never crosses a paragraph, and never ends inside an open quotation: a quoted
"We are fighting until victory. We will not stop." stays with the words that attribute it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words whose trailing dot does not end a sentence even before a capital ("U.S. Secretary").
_ABBREVIATIONS = """
    mr mrs ms dr gen lt col sgt capt maj adm gov sen rep st jr sr prof rev fr hon pres
    u.s u.k u.n e.u u.s.a a.m p.m no vs etc e.g i.e inc ltd co corp dept est approx fig
    jan feb mar apr jun jul aug sep sept oct nov dec
"""
ABBREVIATIONS = frozenset(_ABBREVIATIONS.split())
OPEN_QUOTE = "\u201c"  # left double quotation mark
CLOSE_QUOTE = "\u201d"  # right double quotation mark
APOSTROPHE = "\u2019"  # right single quotation mark, the typographic apostrophe
OPEN_SINGLE = "\u2018"  # left single quotation mark
OPENING_QUOTES = OPEN_QUOTE + OPEN_SINGLE
# A quotation in single curly marks: it opens on a letter or a quotation mark, and closes on a
# mark that is not an apostrophe: neither one inside a word ("Hamas\u2019s") nor a plural's
# possessive ("the mediators\u2019 ideas"); one that never closes is no quotation.
SINGLE_QUOTATION = re.compile(
    rf"{OPEN_SINGLE}(?=[^\W\d_]|{OPEN_QUOTE}|\")"
    rf"(?:[^{OPEN_SINGLE}{APOSTROPHE}\n]|{APOSTROPHE}(?=\w)|(?<=s){APOSTROPHE}(?=[ \t]))*"
    rf"{APOSTROPHE}(?!\w)"
)
CLOSING_QUOTES = CLOSE_QUOTE + APOSTROPHE
_END = re.compile(rf"[.?!]+[{CLOSING_QUOTES}\"')\]]*")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
# A name and a verb of saying right after a quotation that ends in "!" or "?": its attribution,
# not a new sentence ('"Thank you!" Donald Trump wrote'); "He said" after it starts one.
_ATTRIBUTION_AFTER = re.compile(
    r"(?!(?:He|She|They|It|We|I|You)\s)(?:[A-Z][\w.'\u2019-]*\s+){1,4}(?:said|says|wrote|writes|told|tells|added|adds|asked"
    r"|posted|tweeted|replied|insisted|declared|warned|announced)\b"
)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int


def _is_abbreviation(text: str, dot: int) -> bool:
    """The dot at `dot` belongs to an abbreviation or an initial, not to a sentence end."""
    match = _WORD_BEFORE.search(text, 0, dot)
    if not match:
        return False
    word = match.group(1).lower().strip(".")
    if word in ABBREVIATIONS:
        return True
    return re.fullmatch(r"[a-z](?:\.[a-z])*", word) is not None  # initials: "John F.", "H.A."


def _quote_depth_changes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(position, depth after it) for each quotation mark in the span.

    Straight quotes toggle; curly ones open and close. A quotation in single curly marks, as
    British and Gulf outlets write them, counts only where `SINGLE_QUOTATION` finds its end:
    the closing mark is also the typographic apostrophe ("Hamas\u2019s", "the mediators\u2019
    ideas", "the \u201890s").
    """
    depth = 0
    out = []
    i = start
    while i < end:
        ch = text[i]
        single = SINGLE_QUOTATION.match(text, i, end) if ch == OPEN_SINGLE and not depth else None
        if single:
            out += [(i, 1), (single.end() - 1, 0)]
            i = single.end()
            continue
        if ch == OPEN_QUOTE:
            depth = 1
        elif ch == CLOSE_QUOTE:
            depth = 0
        elif ch == '"':
            depth = 0 if depth else 1
        else:
            i += 1
            continue
        out.append((i, depth))
        i += 1
    return out


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _ends(text: str, p_start: int, p_end: int) -> list[tuple[int, bool]]:
    """Where sentences of a paragraph may end, and whether each end is inside a quotation."""
    changes = _quote_depth_changes(text, p_start, p_end)
    out = []
    for match in _END.finditer(text, p_start, p_end):
        end = match.end()
        following = text[end : end + 1]
        if following and not following.isspace():
            continue
        rest = text[end:p_end].lstrip()
        if not rest:
            continue
        if not (rest[0].isupper() or rest[0].isdigit() or rest[0] in OPENING_QUOTES + '"'):
            continue
        quote_follows = rest[0] in OPENING_QUOTES + '"'
        exclaims = "!" in match.group() or "?" in match.group()
        closes_quote = any(ch in CLOSING_QUOTES + '"' for ch in match.group())
        if exclaims and closes_quote and _ATTRIBUTION_AFTER.match(rest):
            continue  # '"... Thank you!" Donald Trump wrote on Truth Social.' is one sentence
        if quote_follows and rest[1:2].islower():
            continue  # 'a U.S. "bridging proposal"': a quoted phrase, not a quoted sentence
        single_dot = text[match.start()] == "." and match.end() - match.start() == 1
        if single_dot and not quote_follows and _is_abbreviation(text, match.start()):
            continue
        depth = 0
        for pos, after in changes:
            if pos >= end:
                break
            depth = after
        out.append((end, bool(depth)))
    return out


def split_sentences(text: str, paragraphs: list[tuple[int, int]]) -> list[Sentence]:
    sentences: list[Sentence] = []
    for index, (p_start, p_end) in enumerate(paragraphs):
        cursor = p_start
        for end, quoted in _ends(text, p_start, p_end):
            if quoted:
                continue
            s, e = _strip(text, cursor, end)
            if s < e:
                sentences.append(Sentence(s, e, index))
            cursor = end
        s, e = _strip(text, cursor, p_end)
        if s < e:
            sentences.append(Sentence(s, e, index))
    return sentences


def quoted_sentence_ends(text: str, start: int, end: int) -> list[int]:
    """Ends of the sentences inside a quotation of a sentence ("We will not give in. We will
    win."), which `split_sentences` keeps with the words that attribute them."""
    return [at for at, quoted in _ends(text, start, end) if quoted]
