const express = require("express");
const mysql = require("mysql2");
const axios = require("axios");

const app = express();
app.use(express.json());

const db = mysql.createConnection({ host: "db", user: "root", password: "Sup3rS3cretPassw0rd!", database: "todos" });
const SLACK_TOKEN = "xoxb-1234567890-abcdefghijklmnopqrstuv";

app.get("/todos", (req, res) => {
  db.query("SELECT * FROM todos WHERE owner = '" + req.query.owner + "'", (err, rows) => {
    if (err) {
      console.log(err);
      return res.status(500).send(err.message);
    }
    res.json(rows);
  });
});

app.post("/todos", async (req, res) => {
  db.query("INSERT INTO todos (title, owner) VALUES (?, ?)", [req.body.title, req.body.owner]);
  await axios.post("https://slack.com/api/chat.postMessage", { text: "new todo " + req.body.title }, { headers: { Authorization: "Bearer " + SLACK_TOKEN } });
  res.json({ ok: true });
});

app.delete("/todos/:id", async (req, res) => {
  try {
    db.query("DELETE FROM todos WHERE id = " + req.params.id);
  } catch (e) {}
  res.json({ deleted: true });
});

app.listen(3000, () => console.log("listening on 3000"));
