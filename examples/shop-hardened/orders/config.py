"""Configuration from the environment (12-factor III); start-up fails fast when it is incomplete."""
import os
from dataclasses import dataclass


class ConfigError(RuntimeError):
    """A required setting is missing or malformed."""


def _required(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise ConfigError(f"{name} is required")
    return value


@dataclass(frozen=True)
class Config:
    database_path: str
    payments_url: str
    payments_api_key: str
    api_token: str
    admin_token: str
    payments_timeout: float
    log_level: str

    @classmethod
    def from_env(cls) -> "Config":
        return cls(
            database_path=_required("DATABASE_PATH"),
            payments_url=_required("PAYMENTS_URL"),
            payments_api_key=_required("PAYMENTS_API_KEY"),
            api_token=_required("ORDERS_API_TOKEN"),
            admin_token=_required("ADMIN_TOKEN"),
            payments_timeout=float(os.environ.get("PAYMENTS_TIMEOUT_SECONDS", "5")),
            log_level=os.environ.get("LOG_LEVEL", "INFO"),
        )
