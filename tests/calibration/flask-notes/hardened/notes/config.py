"""Settings from the environment; start-up fails when a required one is missing."""
import os
from dataclasses import dataclass


class ConfigError(RuntimeError):
    pass


def required(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise ConfigError(f"{name} is required")
    return value


@dataclass(frozen=True)
class Config:
    database_url: str
    secret_key: str
    api_token: str
    log_level: str
    debug: bool

    @classmethod
    def from_env(cls) -> "Config":
        return cls(
            database_url=required("DATABASE_URL"),
            secret_key=required("SECRET_KEY"),
            api_token=required("NOTES_API_TOKEN"),
            log_level=os.environ.get("LOG_LEVEL", "INFO"),
            debug=os.environ.get("FLASK_DEBUG") == "1",
        )
