"""The one wall clock: aware UTC, so stored stamps and schedules never mix naive local times."""

from __future__ import annotations

import datetime as dt


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
