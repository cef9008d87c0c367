import express from "express";
import serverless from "serverless-http";

const app = express();
app.use(express.json());

app.get("/notes", async (_req, res) => {
  res.json([]);
});

export const handler = serverless(app);
