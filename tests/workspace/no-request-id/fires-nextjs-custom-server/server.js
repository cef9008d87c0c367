const express = require("express");
const next = require("next");

const nextApp = next({ dev: false });
const handle = nextApp.getRequestHandler();

nextApp.prepare().then(() => {
  const app = express();
  app.get("/status", (req, res) => res.json({ up: true }));
  app.all("*", (req, res) => handle(req, res));
  app.listen(3000);
});
