// Issue 11, finding 5: `redirectTo=/\t/localhost:3198/landed.html` after signing in sent
// the browser to another host, and `\n` or `\v` gave a 500 after the session row was made.
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { PASSWORD, createUser } from "../support/fixtures";
import { Client } from "../support/http-client";

const payloads = [
  "/\t/localhost:3198/landed.html",
  "/\n/localhost:3198/landed.html",
  "/\u000b/localhost:3198/landed.html",
  "/\r/evil.example",
  "//evil.example/landed.html",
  "///evil.example",
  "/\\evil.example",
  "/\\\\evil.example",
  "\\/evil.example",
  "/.//evil.example",
  "/%2e//evil.example",
  "https://evil.example/",
  "http:evil.example",
  "javascript:alert(1)",
  " //evil.example",
  "/\u0000/evil.example",
  "/ż/../..//evil.example",
  "evil.example",
];

/** Where a browser would go from this Location header, given the page it was on. */
const landing = (location: string, base: string) => new URL(location.replace(/[\t\n\r]/g, ""), base);

describe("after signing in", () => {
  it("goes only to a path on this site, whatever redirectTo says", async () => {
    const user = await createUser();
    for (const redirectTo of payloads) {
      const client = new Client();
      const sessionsBefore = await prisma.session.count({ where: { userId: user.id } });
      const response = await client.post("/login", { email: user.email, password: PASSWORD, redirectTo });
      expect(response.status, JSON.stringify(redirectTo)).toBe(302);
      const location = response.headers.get("location")!;
      expect(landing(location, client.baseUrl).origin, JSON.stringify(redirectTo)).toBe(new URL(client.baseUrl).origin);
      expect(location.startsWith("//"), location).toBe(false);
      expect(await prisma.session.count({ where: { userId: user.id } })).toBe(sessionsBefore + 1);
    }
  });

  it("keeps a same-site path with its query", async () => {
    const user = await createUser();
    const response = await new Client().post("/login", { email: user.email, password: PASSWORD, redirectTo: "/w/muzeum?view=week&date=2026-12-03" });
    expect(response.headers.get("location")).toBe("/w/muzeum?view=week&date=2026-12-03");
  });

  it("and after changing the language, too", async () => {
    const client = await new Client().signIn((await createUser()).email, PASSWORD);
    for (const redirectTo of payloads) {
      const response = await client.post("/preferences", { locale: "pl", redirectTo });
      expect(response.status, JSON.stringify(redirectTo)).toBe(302);
      expect(landing(response.headers.get("location")!, client.baseUrl).origin).toBe(new URL(client.baseUrl).origin);
    }
  });
});
