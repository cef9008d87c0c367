const express = require("express");

const port = process.env.PORT || 4000;
const optionA = process.env.OPTION_A || "Cats";
const optionB = process.env.OPTION_B || "Dogs";

const app = express();
app.get("/votes", (req, res) => res.json({ optionA, optionB }));
app.listen(port);
