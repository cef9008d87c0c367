// No authentication anywhere: the open route is the gap (route-without-auth); an ownership
// finding on the same line would report it twice.
const express = require("express");
const List = require("./models/list");

const app = express();

app.get("/lists/:listId", async (req, res) => {
  res.json(await List.findById(req.params.listId));
});

app.post("/lists", async (req, res) => {
  res.status(201).json(await List.create({ name: String(req.body.name) }));
});

app.listen(3000);
