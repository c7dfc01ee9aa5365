"""Finding article files and reading them into text, with one clear reason for every refusal."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

SUPPORTED = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
MANIFEST_NAME = "manifest.toml"


class ReadError(ValueError):
    """A file that cannot be indexed; the message names the reason a user can act on."""


@dataclass(frozen=True)
class Found:
    """A file to index; `display` is its path as given (or under the folder that was given)."""

    path: Path
    display: str


def kind_of(name: str) -> str | None:
    return SUPPORTED.get(os.path.splitext(name)[1].lower())


def discover(inputs: list[str]) -> tuple[list[Found], list[tuple[str, str]]]:
    """Files to index under the given paths, and (input, reason) for inputs that give none."""
    found: list[Found] = []
    problems: list[tuple[str, str]] = []
    for given in inputs:
        path = Path(given)
        if not os.path.lexists(path):
            problems.append((given, "no such file or folder"))
        elif path.is_dir():
            # Broken links are kept so that they are reported, not silently passed over.
            files = sorted(
                p
                for p in path.rglob("*")
                if (p.is_file() or p.is_symlink()) and kind_of(p.name) is not None
            )
            if not files:
                problems.append((given, "folder has no .txt, .md or .html files"))
            found.extend(Found(p, os.path.join(given, str(p.relative_to(path)))) for p in files)
        elif kind_of(path.name) is None:
            problems.append((given, f"unsupported file type {path.suffix or '(none)'!r}"))
        else:
            found.append(Found(path, given))
    return found, problems


def read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ReadError(f"file is {size:,} bytes, over the {max_bytes:,}-byte limit")
        with path.open("rb") as handle:
            return handle.read(max_bytes + 1)
    except PermissionError as exc:
        raise ReadError("permission denied") from exc
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}") from exc


def decode(data: bytes, max_bytes: int) -> str:
    """UTF-8 when it is; otherwise the legacy Windows/Latin-1 encodings pages were saved in."""
    if len(data) > max_bytes:
        raise ReadError(f"file is {len(data):,} bytes, over the {max_bytes:,}-byte limit")
    if not data.strip():
        raise ReadError("file is empty")
    if _looks_binary(data):
        raise ReadError("file is binary, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return control > len(head) * 0.05
