import { describe, it } from "vitest";

describe("orders", () => {
  it("lists orders", async () => {
    // TODO
  });
});
