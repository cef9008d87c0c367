// The service logger: JSON lines on stdout, with the request id bound per request.
const pino = require("pino");

const logger = pino({ level: process.env.LOG_LEVEL || "info" });

module.exports = logger;
