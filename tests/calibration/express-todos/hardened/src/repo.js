// Todo storage on a MySQL pool with placeholders only.
const mysql = require("mysql2/promise");

function createRepo(databaseUrl) {
  const pool = mysql.createPool({ uri: databaseUrl, connectionLimit: 10, connectTimeout: 5000 });
  return {
    ping: () => pool.query("SELECT 1"),
    list: async (owner, limit) => (await pool.query("SELECT id, title FROM todos WHERE owner = ? ORDER BY id LIMIT ?", [owner, limit]))[0],
    create: async (owner, title) => (await pool.query("INSERT INTO todos (owner, title) VALUES (?, ?)", [owner, title]))[0].insertId,
    remove: async (owner, id) => (await pool.query("DELETE FROM todos WHERE owner = ? AND id = ?", [owner, id]))[0].affectedRows > 0,
    close: () => pool.end(),
  };
}

module.exports = { createRepo };
