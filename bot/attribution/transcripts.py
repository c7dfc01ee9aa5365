"""Briefing and interview transcripts: labelled answers, and the questions that are no one's."""

from __future__ import annotations

import re

from bot.attribution.results import Statement
from bot.attribution.speakers import _Speakers
from bot.attribution.vocabulary import (
    BARE_QUESTION,
    FIRST_PERSON,
    LONE_QUESTION,
    PLEASANTRIES,
    QUESTION_LABELS,
    QUOTE_MARKS,
    REPORTER_INTRO,
    REPORTER_LABELS,
    REPORTER_MENTION,
    TRANSCRIPT_LABEL,
)


class _Transcripts(_Speakers):
    """Paragraphs of a transcript: who answers, and which lines are questions."""

    def _paragraph_spans(self) -> dict[int, tuple[int, int]]:
        spans: dict[int, tuple[int, int]] = {}
        for s in self.sentences:
            start, end = spans.get(s.paragraph, (s.start, s.end))
            spans[s.paragraph] = (min(start, s.start), max(end, s.end))
        return spans

    def _transcript(self) -> dict[int, Statement | None]:
        """Paragraphs of a briefing or interview transcript: a reporter's question ("Q:",
        "QUESTION:") is no one's statement (None); an answer ("Al-Ansari: ...", "MR MILLER: ...")
        is one statement of the labelled speaker, and so is each unlabelled paragraph that
        continues it up to the next labelled line. A label counts only in a dialogue (two
        labelled lines or more) and only when it names a person of the book or of the article.
        """
        spans = self._paragraph_spans()
        labelled: dict[int, tuple[int, int, str] | None] = {}  # paragraph -> label, or question
        reporting: set[int] = set()  # the host's or reporter's own lines: read as narration
        labels = {
            para: m
            for para, (start, end) in spans.items()
            if (m := TRANSCRIPT_LABEL.match(self.text, start, end)) is not None
        }
        interviewer = self._interviewer(labels, spans)
        for para, m in labels.items():
            start = spans[para][0]
            label = m.group("label")
            if label.casefold() in QUESTION_LABELS:
                labelled[para] = None
                continue
            if label.casefold().split()[-1] == interviewer or self._is_reporter(label):
                reporting.add(para)
                continue
            party = self._labelled_person(label, start)
            if party is False and label.isupper() and len(label.split()) >= 2:
                party = None  # "YEHUDA COHEN:", a full name in a broadcast transcript
            if m.group("role") and not isinstance(party, str):
                # "SAMI ABU ZUHRI, HAMAS:": the role names the party of a person not in the book
                party = self.lexicon.party_named(m.group("role")) or party
            if party is not False:
                end = m.end("role") if m.group("role") else m.end("label")
                labelled[para] = (m.start("label"), end, party)  # type: ignore[assignment]
        if len(labelled) + len(reporting) < 2:
            return {}
        for para, (start, end) in spans.items():  # "Q John, is that still the target?"
            if para not in labels and BARE_QUESTION.match(self.text, start, end):
                labelled[para] = None
        roles: dict[int, Statement | None] = {}
        speaker: tuple[int, int, str | None] | None = None
        for para in sorted(spans):
            if para in reporting:
                speaker = None
                continue
            if para not in labelled:
                start, end = spans[para]
                if speaker is not None and self._first_person(start, end):
                    roles[para] = self._answer(spans[para], speaker, start)
                else:
                    speaker = None
                continue
            label = labelled[para]
            if label is None:
                roles[para], speaker = None, None
                continue
            speaker = label
            content = self._strip(label[1] + 1, spans[para][1])[0]
            pleasantry = PLEASANTRIES.fullmatch(self.text, content, spans[para][1])
            asked = LONE_QUESTION.fullmatch(self.text, content, spans[para][1])
            roles[para] = None if pleasantry or asked else self._answer(spans[para], label, content)
        return roles

    def _interviewer(
        self, labels: dict[int, re.Match[str]], spans: dict[int, tuple[int, int]]
    ) -> str | None:
        """The label that asks: the one whose lines end in a question most often, at least
        twice ("MARGARET BRENNAN: ... Why?"). Its lines report others; they are no answers."""
        asked: dict[str, int] = {}
        for para, m in labels.items():
            if self.text[spans[para][1] - 1] == "?":
                key = m.group("label").casefold().split()[-1]  # "MARTA RICHTER", then "RICHTER"
                asked[key] = asked.get(key, 0) + 1
        ranked = sorted(asked.items(), key=lambda item: -item[1])
        if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return None
        return ranked[0][0]

    def _is_reporter(self, label: str) -> bool:
        """ "ESTRIN:" in a broadcast transcript that introduced "DANIEL ESTRIN, BYLINE:": the
        host's and reporters' lines tell what others said; they are nobody's statement."""
        if label.casefold() in REPORTER_LABELS:
            return True
        surname = label.split()[-1].casefold()
        for m in (*REPORTER_INTRO.finditer(self.text), *REPORTER_MENTION.finditer(self.text)):
            if surname in m.group("name").casefold().split():
                return True
        return False

    def _first_person(self, start: int, end: int) -> bool:
        """A paragraph in the speaker's own words, not the reporter's: first person, and no
        quotation marks (a quoted paragraph has its own attribution)."""
        span = self.text[start:end]
        return not any(q in span for q in QUOTE_MARKS) and FIRST_PERSON.search(span) is not None

    def _answer(
        self, span: tuple[int, int], label: tuple[int, int, str | None], content: int
    ) -> Statement:
        return Statement(
            start=span[0], end=span[1], kind="quote", speaker=self.text[label[0] : label[1]],
            speaker_start=label[0], speaker_end=label[1], party=label[2], content_start=content,
            content_end=span[1], quote_start=content, quote_end=span[1],
        )  # fmt: skip
