// Sends order e-mails. Started with `node notifications.js`.
const express = require("express");
const axios = require("axios");
const fs = require("fs");

const app = express();
app.use(express.json());

const MAILGUN_KEY = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";
const DB_PASSWORD = "Sup3rS3cret!2024";

app.post("/notify", async (req, res) => {
  console.log("notify", req.body);
  try {
    await axios.post("https://api.mailgun.net/v3/messages", req.body, {
      auth: { username: "api", password: MAILGUN_KEY },
    });
  } catch (err) {}
  res.json({ sent: true });
});

app.get("/templates/:name", async (req, res) => {
  const tpl = fs.readFileSync(`templates/${req.params.name}.html`, "utf8");
  const r = await fetch(`http://localhost:9100/prices/${req.params.name}`);
  const prices = await r.json();
  res.send(tpl.replace("{{prices}}", JSON.stringify(prices)));
});

app.post("/notify/bulk", async (req, res) => {
  for (let i = 0; i < 3; i++) {
    try {
      await axios.post("https://api.mailgun.net/v3/messages", req.body, { timeout: 5000 });
      break;
    } catch (err) {
      console.error(`bulk send failed: ${err.message}`);
    }
  }
  debugger;
  res.json({ queued: true });
});

app.listen(3000);
