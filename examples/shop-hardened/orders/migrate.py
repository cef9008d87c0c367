"""Applies migrations/*.sql in order, once each (recorded in schema_migrations)."""
import logging
import sqlite3
from pathlib import Path

from .config import Config
from .logging_setup import configure_logging

logger = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def migrate(database_path: str) -> list[str]:
    applied = []
    with sqlite3.connect(database_path, timeout=5) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY)")
        done = {row[0] for row in conn.execute("SELECT name FROM schema_migrations")}
        for path in sorted(MIGRATIONS.glob("*.sql")):
            if path.name in done:
                continue
            conn.executescript(path.read_text(encoding="utf-8"))
            conn.execute("INSERT INTO schema_migrations (name) VALUES (?)", (path.name,))
            applied.append(path.name)
            logger.info("migration applied", extra={"migration": path.name})
    return applied


if __name__ == "__main__":
    config = Config.from_env()
    configure_logging(config.log_level)
    migrate(config.database_path)
