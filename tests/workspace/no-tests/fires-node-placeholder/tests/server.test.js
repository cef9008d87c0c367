const { app } = require("../src/server");
test("x", () => expect(app).toBeDefined());
