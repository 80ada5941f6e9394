"""Settings: the one place that reads the environment (CAIRN_ prefix)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_SECRET = "dev-insecure-secret-change-me-dev-insecure-secret"  # noqa: S105
PROJECT_ROOT = Path(__file__).resolve().parents[2]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CAIRN_", extra="ignore")

    env: Literal["development", "test", "production"] = "development"
    database_url: str = f"sqlite:///{PROJECT_ROOT / 'var' / 'cairn.db'}"
    secret_key: str = DEFAULT_SECRET
    jwt_issuer: str = "cairn"
    jwt_audience: str = "cairn-api"
    access_token_minutes: int = Field(default=15, ge=1, le=60)
    refresh_token_days: int = Field(default=14, ge=1, le=90)
    cors_origins: list[str] = Field(default_factory=list)
    spa_dist: Path = PROJECT_ROOT / "frontend" / "dist"
    log_level: str = "INFO"
    # Database connections: the API runs sync endpoints on AnyIO's thread pool
    # (40 threads), so pool_size + max_overflow matches it.
    db_pool_size: int = Field(default=20, ge=1)
    db_max_overflow: int = Field(default=20, ge=0)
    # Sign-in throttling (see docs/security.md).
    login_ip_limit_per_minute: int = Field(default=60, ge=30)
    login_account_failures_before_lockout: int = Field(default=5, ge=3, le=20)
    login_lockout_base_seconds: int = Field(default=60, ge=1)
    login_lockout_max_seconds: int = Field(default=900, ge=60)
    max_body_bytes: int = 1024 * 1024
    # A directory import's upload (POST /directory/import): a SAMHSA locator file of several
    # thousand facilities runs to a few MiB (docs/interoperability.md).
    directory_import_max_bytes: int = Field(default=32 * 1024 * 1024, ge=1024 * 1024)
    run_worker_in_process: bool = True
    # May webhooks go to private, loopback and link-local addresses (api/webhooks/egress.py)?
    # Unset: yes outside production (the demo and tests use 127.0.0.1), no in production.
    webhook_private_addresses: bool | None = None

    @model_validator(mode="after")
    def _production_needs_a_real_secret(self) -> Settings:
        if self.env == "production" and (
            self.secret_key == DEFAULT_SECRET or len(self.secret_key) < 32
        ):
            raise ValueError(
                "CAIRN_SECRET_KEY must be set to a random value of at least 32 characters "
                "in production (for example: python -c 'import secrets; "
                "print(secrets.token_urlsafe(48))')"
            )
        return self

    @property
    def webhooks_may_reach_private_addresses(self) -> bool:
        if self.webhook_private_addresses is not None:
            return self.webhook_private_addresses
        return self.env != "production"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


@lru_cache
def get_settings() -> Settings:
    return Settings()
