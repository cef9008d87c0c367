import createApp from "@/lib/create-app";
import { requireAuth } from "@/middlewares/require-auth";
import admin from "@/modules/admin/admin.index";
import feedback from "@/modules/public/feedback.index";

const app = createApp();

app.route("/feedback", feedback);
app.use("/admin/*", requireAuth);
app.route("/admin", admin);

export default app;
