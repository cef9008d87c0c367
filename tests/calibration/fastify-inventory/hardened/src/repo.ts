// Inventory storage on a pg pool; placeholders only.
import pg from "pg";

export interface Repo {
  ping(): Promise<void>;
  search(q: string, limit: number): Promise<unknown[]>;
  insert(sku: string, qty: number): Promise<void>;
  adjust(sku: string, delta: number): Promise<boolean>;
  close(): Promise<void>;
}

export function createRepo(url: string, max: number): Repo {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5000, statement_timeout: 5000 });
  return {
    async ping() {
      await pool.query("SELECT 1");
    },
    async search(q, limit) {
      const { rows } = await pool.query("SELECT sku, qty FROM items WHERE sku LIKE $1 ORDER BY sku LIMIT $2", [`%${q}%`, limit]);
      return rows;
    },
    async insert(sku, qty) {
      await pool.query("INSERT INTO items (sku, qty) VALUES ($1, $2)", [sku, qty]);
    },
    async adjust(sku, delta) {
      const res = await pool.query("UPDATE items SET qty = qty + $1 WHERE sku = $2", [delta, sku]);
      return (res.rowCount ?? 0) > 0;
    },
    async close() {
      await pool.end();
    },
  };
}
