// Route tests with node:test against an in-process server and a fake mailer.
const test = require("node:test");
const assert = require("node:assert");
const { buildApp } = require("../app");

async function withServer(mailer, fn) {
  const app = buildApp({ mailgunKey: "unused", apiToken: "t0ken", pricesUrl: "http://127.0.0.1:9", templatesDir: ".", mailer });
  const server = app.listen(0);
  try {
    await fn(`http://127.0.0.1:${server.address().port}`);
  } finally {
    server.close();
  }
}

const auth = { "content-type": "application/json", authorization: "Bearer t0ken" };

test("notify needs the token", async () => {
  await withServer({ post: async () => ({}) }, async (base) => {
    const r = await fetch(`${base}/notify`, { method: "POST", body: "{}", headers: { "content-type": "application/json" }, signal: AbortSignal.timeout(2000) });
    assert.strictEqual(r.status, 401);
  });
});

test("invalid body is a 400", async () => {
  await withServer({ post: async () => ({}) }, async (base) => {
    const r = await fetch(`${base}/notify`, { method: "POST", body: "{}", headers: auth, signal: AbortSignal.timeout(2000) });
    assert.strictEqual(r.status, 400);
  });
});

test("mail provider failure is a logged 500 without details", async () => {
  const failing = { post: async () => { throw new Error("ECONNREFUSED 10.0.0.7:443"); } };
  await withServer(failing, async (base) => {
    const r = await fetch(`${base}/notify`, { method: "POST", body: JSON.stringify({ to: "a@b.c", subject: "hi" }), headers: auth, signal: AbortSignal.timeout(2000) });
    assert.strictEqual(r.status, 500);
    assert.ok(!(await r.text()).includes("ECONNREFUSED"));
  });
});
