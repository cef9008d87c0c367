"""Database access with parameterised queries and a pooled engine."""
from sqlalchemy import create_engine, text

_engine = None


def init(url: str) -> None:
    global _engine
    _engine = create_engine(url, pool_pre_ping=True, pool_size=5, pool_timeout=5)


def ping() -> None:
    with _engine.connect() as conn:
        conn.execute(text("SELECT 1"))


def list_notes(owner: str, limit: int) -> list[dict]:
    with _engine.connect() as conn:
        rows = conn.execute(text("SELECT id, body FROM notes WHERE owner = :owner ORDER BY id LIMIT :limit"),
                            {"owner": owner, "limit": limit})
        return [dict(r._mapping) for r in rows]


def add_note(owner: str, body: str) -> int:
    with _engine.begin() as conn:
        row = conn.execute(text("INSERT INTO notes (owner, body) VALUES (:owner, :body) RETURNING id"),
                           {"owner": owner, "body": body})
        return int(row.scalar_one())


def delete_note(note_id: int) -> bool:
    with _engine.begin() as conn:
        return conn.execute(text("DELETE FROM notes WHERE id = :id"), {"id": note_id}).rowcount > 0
