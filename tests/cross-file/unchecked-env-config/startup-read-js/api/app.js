const express = require("express");
const mongoose = require("mongoose");

const app = express();
// The start-up read: reported here, where the variable must be required.
mongoose.connect(process.env.DB_URL);

app.use("/reports", require("./controllers/reports"));
app.listen(3000);
