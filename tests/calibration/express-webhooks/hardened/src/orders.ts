// Orders in MongoDB; webhook events are recorded once (unique event id) so retries are harmless.
import { MongoClient, ObjectId } from "mongodb";

export interface Order {
  id: string;
  intent: string;
  paid: boolean;
}

export interface Orders {
  ping(): Promise<void>;
  find(id: string): Promise<Order | null>;
  markPaid(eventId: string, intent: string): Promise<void>;
  close(): Promise<void>;
}

export function createOrders(uri: string): Orders {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
  const db = client.db();
  return {
    async ping() {
      await db.command({ ping: 1 });
    },
    async find(id) {
      const doc = await db.collection("orders").findOne({ _id: new ObjectId(id) });
      return doc ? { id: doc._id.toHexString(), intent: String(doc.intent), paid: Boolean(doc.paid) } : null;
    },
    async markPaid(eventId, intent) {
      const seen = await db.collection("events").updateOne({ _id: eventId as never }, { $setOnInsert: { at: new Date() } }, { upsert: true });
      if (seen.upsertedCount === 0) return;
      await db.collection("orders").updateOne({ intent }, { $set: { paid: true } });
    },
    async close() {
      await client.close();
    },
  };
}
