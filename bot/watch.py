"""Indexing whatever is dropped into a folder, by polling it (no inotify: works on every OS and
on network shares, and needs no extra dependency).

A file is indexed once its size and modification time have stayed the same for a whole
interval, so a file still being copied is not read half-written. Each version of a file is
indexed once: the watcher remembers the version it indexed, and ingest recognises content it
already has (also after a restart, and when the same article is dropped under two names).
Indexing goes through `ingest_paths`, exactly as `negobot index FILE` does, so a folder's
manifest.toml dates its files here too. A bad file is reported and the watch goes on.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from bot.embedding import Encoder
from bot.ingest import DEFAULT_MAX_BYTES, IngestOutcome, ingest_paths
from bot.parties import PartyBook
from bot.readers import MANIFEST_NAME, kind_of
from storage import Database

log = logging.getLogger(__name__)

# Names that editors, browsers and copy tools give files that are not finished yet.
PARTIAL_SUFFIXES = (".part", ".partial", ".tmp", ".crdownload", ".download", ".swp")

Signature = tuple[int, int]  # size, mtime in ns


def _log_outcome(outcome: IngestOutcome) -> None:
    level = logging.WARNING if outcome.status in ("error", "duplicate") else logging.INFO
    log.log(level, "%s", outcome.line())


def _files(folder: Path) -> Iterator[tuple[Path, Signature]]:
    """Every regular file under `folder`, skipping hidden entries and linked folders."""
    try:
        entries = list(os.scandir(folder))
    except OSError as exc:
        log.warning("cannot list %s: %s", folder, exc.strerror or exc)
        return
    for entry in entries:
        if entry.name.startswith((".", "~")):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _files(Path(entry.path))
            elif entry.is_file():
                stat = entry.stat()
                yield Path(entry.path), (stat.st_size, stat.st_mtime_ns)
        except OSError:
            continue  # vanished or unreadable between listing and stat; seen again next scan


class FolderWatcher:
    """The watcher's memory between scans; `scan` is one pass (the loop is `watch_folder`)."""

    def __init__(
        self,
        db: Database,
        folder: Path,
        *,
        encoder: Encoder,
        book: PartyBook,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        self.db = db
        self.folder = folder
        self.encoder = encoder
        self.book = book
        self.max_bytes = max_bytes
        self._last_seen: dict[Path, Signature] = {}
        self._handled: dict[Path, Signature] = {}

    async def scan(self) -> list[IngestOutcome]:
        """Index the files that are new or changed and have not moved since the last scan."""
        current = dict(_files(self.folder))
        outcomes = []
        for path, signature in sorted(current.items()):
            steady = self._last_seen.get(path) == signature
            if not steady or self._handled.get(path) == signature:
                continue
            self._handled[path] = signature
            if path.name.endswith(PARTIAL_SUFFIXES) or path.name == MANIFEST_NAME:
                continue
            if kind_of(path.name) is None:
                why = f"unsupported file type {path.suffix or '(none)'}"
                outcomes.append(IngestOutcome(str(path), "error", why))
                continue
            outcomes.append(await self._index(path))
        self._last_seen = current
        self._handled = {p: s for p, s in self._handled.items() if p in current}
        return outcomes

    async def _index(self, path: Path) -> IngestOutcome:
        try:
            report = await ingest_paths(
                self.db, [str(path)], encoder=self.encoder, book=self.book, max_bytes=self.max_bytes
            )
        except Exception as exc:  # one bad file must not end the watch
            log.exception("indexing %s failed", path)
            return IngestOutcome(str(path), "error", f"internal error: {exc}")
        if not report.outcomes:
            return IngestOutcome(str(path), "error", "vanished before it could be read")
        return report.outcomes[0]


async def watch_folder(
    db: Database,
    folder: Path | str,
    *,
    encoder: Encoder,
    book: PartyBook,
    interval: float = 5.0,
    stop: asyncio.Event | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_outcome: Callable[[IngestOutcome], None] = _log_outcome,
) -> None:
    """Scan `folder` every `interval` seconds until `stop` is set (or forever)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise NotADirectoryError(f"not a folder: {folder}")
    watcher = FolderWatcher(db, folder, encoder=encoder, book=book, max_bytes=max_bytes)
    stop = stop or asyncio.Event()
    while not stop.is_set():
        for outcome in await watcher.scan():
            on_outcome(outcome)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), interval)
