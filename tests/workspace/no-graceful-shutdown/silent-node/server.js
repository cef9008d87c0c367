const express = require("express");
const app = express();
app.use(express.json());

app.get("/orders", (req, res) => res.json([]));

const server = app.listen(3000);
process.on("SIGTERM", () => server.close(() => process.exit(0)));
