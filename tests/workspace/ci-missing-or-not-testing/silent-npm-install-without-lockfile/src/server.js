const express = require("express");
const app = express();
app.get("/notes", (req, res) => res.json([]));
module.exports = app;
