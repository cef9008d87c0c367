import express from "express";

const app = express();
const db = process.env.DATABASE_URL;
const secret = process.env.JWT_SECRET;
const redis = process.env.REDIS_URL;

app.get("/orders", (req, res) => res.json({ db: Boolean(db), secret: Boolean(secret), redis: Boolean(redis) }));
app.listen(3000);
