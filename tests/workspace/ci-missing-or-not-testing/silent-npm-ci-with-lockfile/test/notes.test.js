const test = require("node:test");
const assert = require("node:assert");
const app = require("../src/server");
test("app exists", () => { assert.ok(app); });
