const express = require("express");
const configure = require("./config/express");
const { authLimiter } = require("./middlewares/rateLimiter");

const app = express();
configure(app);
app.use("/v1/auth", authLimiter);

module.exports = app;
