import createApp from "@/lib/create-app";
import { requireAuth } from "@/middlewares/require-auth";
import admin from "@/modules/admin/admin.index";
import feedback from "@/modules/public/feedback.index";
import projects from "./routes/projects";

const app = createApp();

app.route("/feedback", feedback);
app.use("/admin/*", requireAuth);
app.route("/admin", admin);
app.route("/admin/projects", projects);

export default app;
