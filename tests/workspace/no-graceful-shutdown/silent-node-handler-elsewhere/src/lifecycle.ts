import type { Server } from "http";

export function closeOnSignal(server: Server) {
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
}
