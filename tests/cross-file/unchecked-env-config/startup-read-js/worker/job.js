const { MongoClient } = require("mongodb");

// Outside the api folder (another service): still reported.
async function run() {
  const client = new MongoClient(process.env.DB_URL);
  await client.connect();
}

module.exports = { run };
