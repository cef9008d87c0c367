const express = require("express");
const mongoose = require("mongoose");

const app = express();

function connectLater() {
  // Not a top-level statement: it may never run at start-up.
  mongoose.connect(process.env.DB_URL);
}

app.post("/connect", (req, res) => {
  connectLater();
  res.sendStatus(204);
});
app.listen(3000);
