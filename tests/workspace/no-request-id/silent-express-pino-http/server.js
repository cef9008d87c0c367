const express = require("express");
const app = express();
const pinoHttp = require("pino-http");
app.use(pinoHttp());
app.use(express.json());

app.get("/orders", (req, res) => res.json([]));

app.listen(3000);
