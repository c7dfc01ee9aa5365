"""Which negotiation topics a statement is about.

Measured on 484 hand-labelled statement-topic pairs (eight corpora, `negobot evaluate`): cue
words from the parties file reach precision 0.86 / recall 0.87 once multiword cues match
inflected and with a few words between ("end the war" in "an end to the Israeli war"). The
encoder adds nothing measurable: a wire sentence touches several topics and its similarity to
each stays low, so similarity to a topic's description alone reaches 0.30 / 0.59, and neither
the closest description nor the closest cue phrase, with a threshold or a margin over the
runner-up, rescues cueless statements without losing more precision than it gains recall. So
cues decide; an encoder only rescues a statement that has no cue at all, with its single
closest topic when the meaning is unmistakable.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np

from bot.parties import Topic

if TYPE_CHECKING:
    from bot.embedding import Encoder

# Cosine similarity of a statement with a topic's description.
MEANING_ALONE = 0.6  # a statement with no cue takes its closest topic only above this
EMBEDDING_ONLY = 0.3  # best threshold for embeddings used alone (reported by evaluate)


# Words a multiword cue may leave out or that may stand between its words: "end the war" also
# matches "ends the war", "an end to the war" and "end to the Israeli war".
FUNCTION_WORDS = frozenset(["a", "an", "the", "of", "to", "this", "its", "their"])
GAP = 3  # other words allowed between two consecutive words of a multiword cue


def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for a topic's cues; every cue word matches at a word start, so stems work.

    Cue words are prefixes ("negotiat", "hostage"), as parties files have always written them.
    A multiword cue also matches with its words inflected and a few words between them,
    because wire copy rarely repeats a phrase word for word.
    """
    alternatives = []
    for cue in cues:
        words = cue.split()
        content = [w for w in words if w.casefold() not in FUNCTION_WORDS] or words
        between = rf"[\w'\u2019-]*(?:\W+[\w'\u2019-]+){{0,{GAP}}}?\W+"
        alternatives.append(between.join(re.escape(w) for w in content))
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + ")", re.IGNORECASE)


class TopicTagger:
    def __init__(self, topics: list[Topic], encoder: Encoder | None = None) -> None:
        self.topics = topics
        self.encoder = encoder
        self._cues = [_cue_pattern(t.cues) if t.cues else None for t in topics]
        self._topic_vectors: np.ndarray | None = None

    def cue_hits(self, text: str) -> list[bool]:
        return [bool(c and c.search(text)) for c in self._cues]

    def similarities(self, texts: list[str], vectors: np.ndarray | None = None) -> np.ndarray:
        """Cosine similarity of each text with each topic (rows: texts)."""
        if self.encoder is None:
            raise ValueError("similarities need an encoder")
        if self._topic_vectors is None:
            self._topic_vectors = self.encoder.encode(
                [f"{t.label}: {t.description}" for t in self.topics]
            )
        if vectors is None:
            vectors = self.encoder.encode(texts)
        return vectors @ self._topic_vectors.T

    def tag(self, texts: list[str], vectors: np.ndarray | None = None) -> list[tuple[str, ...]]:
        """Topic keys per text; `vectors` are the texts' own embeddings when already computed."""
        keys = [t.key for t in self.topics]
        tagged = [
            tuple(k for k, hit in zip(keys, self.cue_hits(t), strict=True) if hit) for t in texts
        ]
        if self.encoder is None or not texts or all(tagged):
            return tagged
        sims = self.similarities(texts, vectors)
        for i, row in enumerate(sims):
            best = int(np.argmax(row))
            if not tagged[i] and row[best] >= MEANING_ALONE:
                tagged[i] = (keys[best],)
        return tagged
