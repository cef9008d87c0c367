// JSON logs on stdout; each request gets a child logger bound to its request id.
const pino = require("pino");

module.exports = pino({ level: process.env.LOG_LEVEL || "info" });
