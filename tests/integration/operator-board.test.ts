import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD, demoUsers } from "../../prisma/demo-data";
import { createUser, signedIn } from "../support/fixtures";
import { Client } from "../support/http-client";

describe("the queue dashboard", () => {
  it("opens for an instance operator", async () => {
    const operator = await new Client().signIn(demoUsers[0].email, DEMO_PASSWORD);
    const response = await operator.get("/admin/queues");
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/bull/i);
    const api = await operator.get("/admin/queues/api/queues");
    expect(api.status).toBe(200);
    expect(JSON.stringify(await api.json())).toContain("publish");
  });

  it("is not there for anyone else, signed in or not", async () => {
    expect((await (await signedIn(await createUser())).get("/admin/queues")).status).toBe(404);
    expect((await new Client().get("/admin/queues/api/queues")).status).toBe(404);
  });
});
