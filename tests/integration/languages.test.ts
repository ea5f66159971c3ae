// English and Polish: the browser's language until the person chooses, then their choice.
import { describe, expect, it } from "vitest";
import { Client } from "../support/http-client";
import { workspaceWithMember } from "../support/fixtures";

describe("languages", () => {
  it("answers a Polish browser in Polish before anyone signs in", async () => {
    const page = await (await new Client().request("/login", { headers: { "Accept-Language": "pl-PL,pl;q=0.9,en;q=0.5" } })).text();
    expect(page).toContain('<html lang="pl">');
    expect(page).toContain("Zaloguj się do Rytm");
    expect(page).toContain("<title>Zaloguj się · Rytm</title>");
  });

  it("keeps a person's choice on their account, with dates and plurals in that language", async () => {
    const { client, workspace } = await workspaceWithMember("OWNER");
    const english = await (await client.get(`/w/${workspace.slug}?view=month&date=2027-03-10`)).text();
    expect(english).toContain("March 2027");
    expect(english).toContain("Times are in Europe/Warsaw");
    const switched = await client.post("/preferences", { locale: "pl", redirectTo: `/w/${workspace.slug}?view=month&date=2027-03-10` });
    expect(switched.status).toBe(302);
    expect(switched.headers.get("location")).toBe(`/w/${workspace.slug}?view=month&date=2027-03-10`);
    const polish = await (await client.get(`/w/${workspace.slug}?view=month&date=2027-03-10`)).text();
    expect(polish).toContain('<html lang="pl">');
    expect(polish).toContain("marzec 2027");
    expect(polish).toContain("Godziny w strefie Europe/Warsaw");
    expect(polish).toContain(">Zespół</a>");
    expect((await client.post("/preferences", { locale: "de" })).status).toBe(400);
    expect((await client.post("/preferences", { locale: "en", redirectTo: "https://evil.example/" })).headers.get("location")).toBe("/");
  });
});
