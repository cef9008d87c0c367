import { pinoLogger } from "hono-pino";
import pino from "pino";

export function logging() {
  return pinoLogger({ pino: pino({ level: process.env.LOG_LEVEL ?? "info" }) });
}
