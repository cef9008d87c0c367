// Trap: the page is rendered from the database on every request.
const express = require("express");
const { Pool } = require("pg");
const app = express();
const pool = new Pool();

app.get("/", async (req, res) => {
  const { rows } = await pool.query("SELECT name, total FROM scores");
  res.render("index", { rows });
});

app.listen(process.env.PORT || 3000);
