"""The database: one SQLite file reached through aiosqlite, owned by this package alone."""

from storage.db import Database, SchemaError

__all__ = ["Database", "SchemaError"]
