"""The corpus manifest: facts about articles that their pages get wrong or leave out.

A folder may hold a `manifest.toml`; its entries apply to files in that folder by relative path
and override what the page itself says (a page's header date is often the crawl date).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tomllib
from dataclasses import asdict, dataclass
from pathlib import Path

from bot.readers import MANIFEST_NAME


@dataclass(frozen=True)
class ManifestEntry:
    published: dt.date | None = None
    approximate: bool = False
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    note: str | None = None

    def digest(self) -> str:
        """Stored with a document, so a corrected entry is noticed without reading the file."""
        facts = json.dumps(asdict(self), default=str, sort_keys=True)
        return hashlib.sha256(facts.encode("utf-8")).hexdigest()


class ManifestError(ValueError):
    pass


_FIELDS = {"file", "published", "approximate", "title", "author", "outlet", "url", "note"}


def manifest_key(path: Path) -> Path:
    """The file's absolute path, its folder resolved; the file itself may be a broken link."""
    return path.parent.resolve() / path.name


def load_manifest(path: Path) -> dict[Path, ManifestEntry]:
    """Entries keyed by the resolved path of the file they describe."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ManifestError(f"{path}: {exc}") from exc
    entries: dict[Path, ManifestEntry] = {}
    for index, raw in enumerate(data.get("article", []), start=1):
        where = f"{path}: article #{index}"
        unknown = set(raw) - _FIELDS
        if unknown:
            raise ManifestError(f"{where}: unknown keys {sorted(unknown)}")
        if "file" not in raw:
            raise ManifestError(f"{where}: missing 'file'")
        published = raw.get("published")
        if published is not None and not isinstance(published, dt.date):
            raise ManifestError(f"{where}: 'published' must be a TOML date like 2024-05-26")
        if isinstance(published, dt.datetime):
            published = published.date()
        entries[manifest_key(path.parent / raw["file"])] = ManifestEntry(
            published=published,
            approximate=bool(raw.get("approximate", False)),
            title=raw.get("title"),
            author=raw.get("author"),
            outlet=raw.get("outlet"),
            url=raw.get("url"),
            note=raw.get("note"),
        )
    return entries


def manifests_for(paths: list[Path]) -> dict[Path, ManifestEntry]:
    """Every manifest found in the folders of `paths` (each folder read once)."""
    entries: dict[Path, ManifestEntry] = {}
    for folder in sorted({manifest_key(p).parent for p in paths}):
        candidate = folder / MANIFEST_NAME
        if candidate.is_file():
            entries.update(load_manifest(candidate))
    return entries
