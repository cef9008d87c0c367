"""Settings from the environment; start-up fails when a required one is missing."""
import os


class SettingsError(RuntimeError):
    pass


def required(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise SettingsError(f"{name} is required")
    return value


def load() -> dict:
    return {
        "SQLALCHEMY_DATABASE_URI": required("DATABASE_URL"),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "SECRET_KEY": required("SECRET_KEY"),
        "API_TOKEN": required("FEEDBACK_API_TOKEN"),
        "SENTIMENT_URL": required("SENTIMENT_URL"),
        "SENTIMENT_TIMEOUT": float(os.environ.get("SENTIMENT_TIMEOUT_SECONDS", "3")),
        "LOG_LEVEL": os.environ.get("LOG_LEVEL", "INFO"),
        "DEBUG": os.environ.get("FLASK_DEBUG") == "1",
    }
