-- Orders table. Applied by `python -m orders.migrate` before the service starts.
CREATE TABLE IF NOT EXISTS orders (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item TEXT NOT NULL CHECK (length(item) > 0),
    qty INTEGER NOT NULL CHECK (qty BETWEEN 1 AND 100),
    created_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX IF NOT EXISTS orders_created_at ON orders (created_at);
