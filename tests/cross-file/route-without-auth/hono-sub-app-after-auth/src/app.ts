import { Hono } from "hono";
import { jwtAuth } from "./middlewares/auth";
import hooks from "./routes/hooks";
import projects from "./routes/projects";

const app = new Hono();
// Mounted before the auth middleware: open.
app.route("/hooks", hooks);
app.use("/api/*", jwtAuth());
app.route("/api/projects", projects);

export default app;
