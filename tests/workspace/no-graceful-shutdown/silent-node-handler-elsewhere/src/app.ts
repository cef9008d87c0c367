import express from "express";

export const app = express();
app.get("/todos", (req, res) => res.json([]));
