import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { encrypt } from "~/utils/encryption.server";
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

describe("the mail page", () => {
  it("lists the latest mails for an operator, with the text and clickable links of those that went to the log", async () => {
    const key = `mail-page-${Date.now()}`;
    await prisma.outboxMail.create({
      data: {
        key,
        to: "logged@test.example",
        template: "sign-up",
        locale: "en",
        subject: "Logged mail",
        status: "SENT",
        deliveredVia: "log",
        body: encrypt(JSON.stringify({ text: "Open https://rytm.example/signup/abc now", html: "" })),
      },
    });
    const operator = await new Client().signIn(demoUsers[0].email, DEMO_PASSWORD);
    const html = await (await operator.get("/admin/mail")).text();
    expect(html).toContain("Logged mail");
    expect(html).toContain('<a href="https://rytm.example/signup/abc">https://rytm.example/signup/abc</a>');
    // This run has a mail server: the page says so, and keeps no text of what it sent.
    expect(html).toContain("Mails go out through the mail server");
    await prisma.outboxMail.delete({ where: { key } });
  });

  it("is not there for anyone else, signed in or not", async () => {
    expect((await (await signedIn(await createUser())).get("/admin/mail")).status).toBe(404);
    expect((await new Client().get("/admin/mail")).status).toBe(404);
  });
});
