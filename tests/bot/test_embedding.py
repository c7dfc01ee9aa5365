"""The embedding model: offline, normalised vectors, and one question agreeing with a batch."""

from __future__ import annotations

import numpy as np
import pytest

from bot.embedding import BF16_MIN_TEXTS, Encoder, _choose_precision, resolve_model_path


def test_an_unknown_model_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="neither a folder nor an installed model package"):
        resolve_model_path("no-such-model-package")


def test_vectors_are_normalised_float32(encoder: Encoder) -> None:
    vectors = encoder.encode(["Hamas rejected the proposal.", "Israel sent a delegation."])
    assert vectors.dtype == np.float32
    assert vectors.shape == (2, encoder.dimension)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert encoder.encode([]).shape == (0, encoder.dimension)


def test_a_question_alone_matches_the_same_text_in_a_batch(encoder: Encoder) -> None:
    """A question is encoded alone (fp32) and statements in batches (bf16 where the CPU has it):
    the two must land in the same place, or /ask would rank by precision noise."""
    question = "What did Qatar say about the hostage exchange?"
    batch = [question] + [f"Statement number {i} about the talks." for i in range(BF16_MIN_TEXTS)]
    alone = encoder.encode([question])[0]
    together = encoder.encode(batch)[0]
    assert float(alone @ together) > 0.999


def test_precision_is_checked() -> None:
    assert _choose_precision("fp32") == "fp32"
    with pytest.raises(ValueError, match="unknown precision"):
        _choose_precision("fp8")
