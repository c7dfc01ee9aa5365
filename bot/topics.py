"""Which negotiation topics a statement is about.

Measured on 229 hand-labelled statement-topic pairs (six corpora, `negobot evaluate`): cue words
from the parties file reach precision 0.87 / recall 0.87; embedding similarity to a topic's
description alone reaches at best 0.33 / 0.79, because a wire sentence touches several topics
and its similarity to each stays low. So cues decide. An encoder only rescues a statement that
has no cue at all, with its single closest topic when the meaning is unmistakable.
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


class TopicTagger:
    def __init__(self, topics: list[Topic], encoder: Encoder | None = None) -> None:
        self.topics = topics
        self.encoder = encoder
        self._cues = [
            re.compile(
                r"(?<![\w-])(?:" + "|".join(re.escape(c) for c in t.cues) + ")", re.IGNORECASE
            )
            if t.cues
            else None
            for t in topics
        ]
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
