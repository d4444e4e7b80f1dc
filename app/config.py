"""The one place that reads configuration from the environment."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.api.auth import parse_key_hashes

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = f"sqlite:///{PROJECT_ROOT / 'var' / 'article-facts.db'}"


class Settings(BaseSettings):
    """Settings read once from environment variables (or a `.env` file)."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "info"
    cache_max_age: int = Field(
        default=5,
        ge=0,
        description="Seconds clients may reuse a GET response before revalidating with its ETag.",
    )
    response_cache_mb: int = Field(
        default=64,
        ge=0,
        description="Memory per worker for whole GET responses, replayed until the next ingest (0: off).",
    )
    data_version_ttl: float = Field(
        default=1.0,
        ge=0,
        description=(
            "Seconds a worker trusts the data version it last read before reading it again "
            "(in a worker thread, once for all waiting requests): an ingest by another process "
            "shows in ETags and cached answers within this time, well inside `CACHE_MAX_AGE`; "
            "a write through the worker's own API at once. 0: read for every GET."
        ),
    )
    cors_origins: str = Field(
        default="",
        description="Origins allowed to read the API from a browser: a comma list, or `*`.",
    )
    request_timeout: float = Field(
        default=30, gt=0, description="Seconds a request may take to start its answer (then 504)."
    )
    worker_threads: int = Field(
        default=10,
        ge=1,
        le=40,
        description=(
            "Routes one worker runs at once (its thread pool; the database pool has a "
            "connection for each of up to 40). More wait their turn: Python runs one at a "
            "time anyway, and this bounds the memory big uncached answers take."
        ),
    )
    max_concurrent_requests: int = Field(
        default=200, ge=1, description="Requests one worker handles at once; beyond, 503."
    )
    access_log: bool = Field(
        default=False,
        description=(
            "Log every request as a JSON line with its id and duration (off by default: it "
            "costs about as much as answering from the response cache; errors are always logged)."
        ),
    )
    api_keys: str = Field(
        default="",
        description=(
            "Hashes of the keys allowed to write (`sha256:<hex>`, comma-separated, from "
            "`article-facts api-key`); empty: no write routes at all."
        ),
    )
    max_article_mb: float = Field(
        default=1,
        gt=0,
        le=1,
        description=(
            "Longest article text ingest accepts, in MB of UTF-8 (1 MB = 1,000,000 bytes); "
            "longer ones are refused with a message. At most 1: spaCy parses up to "
            "1,000,000 characters."
        ),
    )
    max_body_mb: float = Field(
        default=5, gt=0, description="Largest request body `POST /articles` accepts, in MB."
    )
    write_rate_limit: int = Field(
        default=60, ge=1, description="Writes a minute each key may make, per worker."
    )

    @property
    def api_key_hashes(self) -> tuple[str, ...]:
        """Raises InvalidKeyHashError (without echoing the value) for a plain key."""
        return parse_key_hashes(self.api_keys)

    @property
    def cors_origin_list(self) -> list[str]:
        """Empty when CORS is off (the default)."""
        return [origin.strip() for origin in self.cors_origins.split(",") if origin.strip()]


@lru_cache
def get_settings() -> Settings:
    return Settings()
