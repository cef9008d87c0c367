import { Hono } from "hono";
import home from "./routes/home";
import links from "./routes/links";

const app = new Hono();
app.route("/", home);
app.route("/links", links);

export default app;
