"""Inventory service: a small but realistic Flask application used as a parsing corpus.

It mixes the constructs incremental parsing has to get right: decorators, nested functions,
f-strings with nested quotes, triple-quoted strings, comments with unicode (✓ 日本語 🚀),
comprehensions, async code, match statements and line continuations.
"""
from __future__ import annotations

import asyncio
import logging
import os
import signal
from dataclasses import dataclass, field
from typing import Any, Iterable

from flask import Flask, abort, jsonify, request

log = logging.getLogger(__name__)
app = Flask(__name__)

DATABASE_URL = os.environ.get("DATABASE_URL", "postgresql://localhost/inventory")
PAGE_SIZE = int(os.getenv("PAGE_SIZE", "50"))
GREETING = "こんにちは, 世界 — welcome 👋"


@dataclass
class Item:
    sku: str
    name: str
    quantity: int = 0
    tags: list[str] = field(default_factory=list)

    def describe(self) -> str:
        return f"{self.name!r} ({self.sku}): {self.quantity} in stock, tags={', '.join(self.tags)}"

    @property
    def available(self) -> bool:
        return self.quantity > 0 and "discontinued" not in self.tags


class Repository:
    """Keeps items in memory; a real one would use the database."""

    def __init__(self, items: Iterable[Item] = ()) -> None:
        self._items: dict[str, Item] = {i.sku: i for i in items}

    def get(self, sku: str) -> Item | None:
        return self._items.get(sku)

    def search(self, query: str, *, limit: int = PAGE_SIZE) -> list[Item]:
        q = query.lower()
        hits = [i for i in self._items.values() if q in i.name.lower() or q in i.sku.lower()]
        return sorted(hits, key=lambda i: (-i.quantity, i.sku))[:limit]

    def adjust(self, sku: str, delta: int) -> Item:
        item = self._items[sku]
        if item.quantity + delta < 0:
            raise ValueError(f"not enough stock for {sku}: have {item.quantity}, need {-delta}")
        item.quantity += delta
        return item


repo = Repository(
    [
        Item("A-100", "Widget", 12, ["blue", "small"]),
        Item("B-200", "Gadget", 0, ["discontinued"]),
        Item("C-300", "Doohickey 🧰", 7),
    ]
)


def parse_query(args: dict[str, Any]) -> tuple[str, int]:
    query = args.get("q", "")
    try:
        limit = int(args.get("limit", PAGE_SIZE))
    except (TypeError, ValueError):
        limit = PAGE_SIZE
    return query, max(1, min(limit, 500))


@app.get("/health")
def health():
    return {"status": "ok"}


@app.route("/items", methods=["GET"])
def list_items():
    query, limit = parse_query(request.args)
    items = repo.search(query, limit=limit)
    return jsonify([{"sku": i.sku, "name": i.name, "qty": i.quantity} for i in items])


@app.route("/items/<sku>", methods=["GET", "PATCH"])
def item(sku: str):
    found = repo.get(sku)
    if found is None:
        abort(404)
    if request.method == "PATCH":
        body = request.get_json(silent=True) or {}
        match body:
            case {"delta": int(delta)}:
                try:
                    found = repo.adjust(sku, delta)
                except ValueError as exc:
                    log.warning("adjust failed: %s", exc)
                    return jsonify({"error": str(exc)}), 409
            case {"tags": [*tags]} if all(isinstance(t, str) for t in tags):
                found.tags = list(tags)
            case _:
                return jsonify({"error": "expected {'delta': int} or {'tags': [str]}"}), 400
    return jsonify({"sku": found.sku, "description": found.describe()})


SQL_REPORT = """
SELECT sku, name, quantity
  FROM items
 WHERE quantity < %(threshold)s  -- low stock
 ORDER BY quantity ASC
"""


async def refresh_forever(interval: float = 30.0) -> None:
    while True:
        total = sum(i.quantity for i in repo._items.values())
        log.info("inventory total=%d, low=%s", total,
                 [i.sku for i in repo._items.values()
                  if i.quantity < 5])
        await asyncio.sleep(interval)


def _shutdown(signum, frame):  # noqa: ARG001
    log.info("received signal %s, shutting down", signum)
    raise SystemExit(0)


signal.signal(signal.SIGTERM, _shutdown)

if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    port = int(os.environ.get("PORT", 8080))
    total = 0
    for n in range(3):
        total += n ** 2 \
            + 1
    app.run(host="0.0.0.0", port=port, debug=False)
