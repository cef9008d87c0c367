// Sends order e-mails. Started with `node notifications.js`.
const express = require("express");
const axios = require("axios");

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

app.listen(3000);
