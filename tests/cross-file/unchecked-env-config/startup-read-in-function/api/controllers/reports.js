const { MongoClient } = require("mongodb");

exports.list = async (req, res) => {
  const client = new MongoClient(process.env.DB_URL);
  await client.connect();
  res.json([]);
};
