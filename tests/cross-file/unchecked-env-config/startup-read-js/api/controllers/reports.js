const { MongoClient } = require("mongodb");

exports.list = async (req, res) => {
  // Same variable as the start-up read: the same gap, not reported again.
  const client = new MongoClient(process.env.DB_URL);
  await client.connect();
  res.json(await client.db().collection("reports").find().toArray());
};

exports.archive = async (req, res) => {
  // The nearest trap: another variable, read nowhere at start-up.
  const client = new MongoClient(process.env.ARCHIVE_URL);
  await client.connect();
  res.json({ ok: true });
};
