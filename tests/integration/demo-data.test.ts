// The demo the Quick start promises: seeded once per test run by the global set-up.
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { DEMO_PASSWORD, demoUsers } from "../../prisma/demo-data";
import { Client } from "../support/http-client";

describe("demo data", () => {
  it("lets the freelancer owner sign in and see both brand workspaces", async () => {
    const client = await new Client().signIn(demoUsers[0].email, DEMO_PASSWORD);
    const home = await client.get("/workspaces");
    const html = await home.text();
    expect(html).toContain("Muzeum Miasta");
    expect(html).toContain("Northwind Coffee");
  });

  it("has people with confirmed addresses and no second factor: the password alone signs each in", async () => {
    const users = await prisma.user.findMany({ where: { email: { in: demoUsers.map((u) => u.email) } }, select: { emailVerifiedAt: true, totpEnabledAt: true } });
    expect(users).toHaveLength(demoUsers.length);
    for (const user of users) expect(user).toEqual({ emailVerifiedAt: expect.any(Date), totpEnabledAt: null });
    for (const user of demoUsers) expect((await new Client().post("/login", { email: user.email, password: DEMO_PASSWORD })).headers.get("location")).toBe("/");
  });

  it("has one person in each role and two time zones", async () => {
    const workspaces = await prisma.workspace.findMany({
      where: { slug: { in: ["muzeum-miasta", "northwind-coffee"] } },
      select: { timeZone: true, memberships: { select: { role: true } } },
      orderBy: { slug: "asc" },
    });
    expect(workspaces.map((w) => w.timeZone)).toEqual(["Europe/Warsaw", "America/New_York"]);
    expect(workspaces[0]!.memberships.map((m) => m.role).sort()).toEqual(["APPROVER", "EDITOR", "OWNER", "VIEWER"]);
  });

  it("plans four weeks of weekday posts at the brand's local times, after a week of published history", async () => {
    const posts = await prisma.post.findMany({
      where: { workspace: { slug: "muzeum-miasta" } },
      select: { title: true, status: true, scheduledAt: true, variants: { select: { status: true, text: true, externalUrl: true } } },
      orderBy: { scheduledAt: "asc" },
    });
    const now = DateTime.now();
    const future = posts.filter((p) => p.scheduledAt! > now.toJSDate());
    const past = posts.filter((p) => p.scheduledAt! <= now.toJSDate());
    expect(past.length).toBeGreaterThanOrEqual(3);
    for (const post of past) expect(post.variants.every((v) => v.status === "PUBLISHED" && v.externalUrl?.startsWith("https://"))).toBe(true);
    const plan = future.filter((p) => !p.title.startsWith("Przykład:")).map((p) => DateTime.fromJSDate(p.scheduledAt!, { zone: "Europe/Warsaw" }));
    expect(plan.length).toBe(20);
    expect(new Set(plan.map((d) => d.toFormat("HH:mm")))).toEqual(new Set(["09:00", "12:30", "18:00"]));
    expect(plan.every((d) => d.weekday <= 5)).toBe(true);
    expect(plan.at(-1)!.diff(plan[0]!, "days").days).toBeLessThan(28);
    expect(new Set(future.map((p) => p.status))).toEqual(new Set(["APPROVED", "IN_REVIEW", "DRAFT", "CHANGES_REQUESTED"]));
    // Each idea in its own words on each channel.
    const texts = posts.flatMap((p) => p.variants.map((v) => v.text));
    expect(new Set(texts).size).toBe(texts.length - 1);
  });

  it("keeps the demo channel tokens encrypted", async () => {
    const channels = await prisma.channel.findMany({ where: { workspace: { slug: "muzeum-miasta" } }, select: { credentials: true } });
    expect(channels.length).toBe(4);
    for (const c of channels) {
      expect(c.credentials).toMatch(/^v2\.[\w-]{8}\./);
      expect(c.credentials).not.toContain("demo-token");
    }
  });
});
