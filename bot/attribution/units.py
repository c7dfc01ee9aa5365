"""The units attribution reads: sentences, with a quotation over several paragraphs as one."""

from __future__ import annotations

from dataclasses import dataclass

from bot.attribution.vocabulary import ALL_QUOTE_MARKS, DATELINE, QUOTE
from bot.segment import Sentence


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

    A dateline ("TEHRAN - ") is not part of what anyone said, so units start after it.

    Journalistic convention: a paragraph of a continuing quotation ends without a closing mark
    and the next paragraph opens with a new opening mark.
    """
    units: list[_Unit] = []
    i = 0
    while i < len(sentences):
        s = sentences[i]
        dateline = DATELINE.match(text[s.start : s.end])
        start = (
            s.start + dateline.end() if dateline and dateline.end() < s.end - s.start else s.start
        )
        unit = _Unit(start, s.end, i, _quote_spans(text, start, s.end))
        j = i
        while _ends_open(text, unit) and j + 1 < len(sentences):
            nxt = sentences[j + 1]
            if nxt.paragraph == sentences[j].paragraph or text[nxt.start] not in ALL_QUOTE_MARKS:
                break
            unit.end = nxt.end
            unit.quotes += _quote_spans(text, nxt.start, nxt.end)
            j += 1
        units.append(unit)
        i = j + 1
    return units


def _ends_open(text: str, unit: _Unit) -> bool:
    """The unit's last quotation has no closing mark: it continues in the next paragraph."""
    return bool(unit.quotes) and text[unit.quotes[-1][1] - 1] not in ALL_QUOTE_MARKS


def _mask_quotes(text: str, unit: _Unit) -> str:
    """The unit's own words with quoted words blanked, offsets kept."""
    chars = list(text[unit.start : unit.end])
    for q_start, q_end in unit.quotes:
        for k in range(q_start, q_end):
            chars[k - unit.start] = " "
    return "".join(chars)
