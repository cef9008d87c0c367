// JSON logs on stdout; each request gets a child logger with its request id.
import pino from "pino";

export const logger = pino({ level: process.env.LOG_LEVEL ?? "info" });
