import express from "express";
import Stripe from "stripe";
import { MongoClient } from "mongodb";

const stripe = new Stripe("sk_live_51Mz8kLJf3qWebhooksDemoKeyAbCdEf");
const client = new MongoClient("mongodb://root:mongopass123@mongo.internal:27017");
const app = express();

app.post("/webhooks/stripe", express.raw({ type: "*/*" }), async (req, res) => {
  const event = JSON.parse(req.body.toString());
  try {
    await client.db("shop").collection("events").insertOne(event);
    if (event.type === "payment_intent.succeeded") {
      await client.db("shop").collection("orders").updateOne({ intent: event.data.object.id }, { $set: { paid: true } });
    }
  } catch (e) {
    console.log("failed", e);
  }
  res.send("ok");
});

app.get("/orders/:id", async (req, res) => {
  const order = await client.db("shop").collection("orders").findOne({ _id: req.params.id as any });
  res.json(order);
});

app.post("/refunds", express.json(), async (req, res) => {
  const refund = await stripe.refunds.create({ payment_intent: req.body.intent });
  res.json(refund);
});

app.listen(4000);
