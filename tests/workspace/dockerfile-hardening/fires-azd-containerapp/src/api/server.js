const express = require("express");
const app = express();
app.get("/todos", (req, res) => res.json([]));
app.listen(process.env.PORT || 3100);
