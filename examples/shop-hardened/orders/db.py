"""SQLite access with parameterised queries; one connection per request context."""
import sqlite3

from flask import Flask, current_app, g


def get_db() -> sqlite3.Connection:
    if "db" not in g:
        g.db = sqlite3.connect(current_app.config["DATABASE_PATH"], timeout=5)
        g.db.row_factory = sqlite3.Row
    return g.db


def close_db(_exc: BaseException | None = None) -> None:
    db = g.pop("db", None)
    if db is not None:
        db.close()


def init_app(app: Flask) -> None:
    app.teardown_appcontext(close_db)


def insert_order(item: str, qty: int) -> int:
    db = get_db()
    with db:
        cur = db.execute("INSERT INTO orders (item, qty) VALUES (?, ?)", (item, qty))
    return int(cur.lastrowid)


def find_order(order_id: int) -> dict | None:
    row = get_db().execute("SELECT id, item, qty FROM orders WHERE id = ?", (order_id,)).fetchone()
    return dict(row) if row else None


def ping() -> None:
    get_db().execute("SELECT 1").fetchone()
