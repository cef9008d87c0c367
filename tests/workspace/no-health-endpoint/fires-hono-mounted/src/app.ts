import { Hono } from "hono";
import links from "./routes/links";

const app = new Hono();

app.route("/links", links);

export default app;
