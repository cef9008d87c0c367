// migrate-mongo migration: unique indexes the webhook idempotency relies on.
module.exports = {
  async up(db) {
    await db.collection("orders").createIndex({ intent: 1 }, { unique: true });
  },
  async down(db) {
    await db.collection("orders").dropIndex("intent_1");
  },
};
