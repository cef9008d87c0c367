import { describe, it } from "vitest";
import request from "supertest";
import app from "../src/app";

describe("orders", () => {
  it("lists orders", async () => {
    await request(app).get("/orders").expect(200);
  });
});
