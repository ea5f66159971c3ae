// English and Polish: the browser's language until the person chooses, then their choice.
import { describe, expect, it } from "vitest";
import { messages } from "~/i18n/messages";
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

  it("has every account page in Polish, with Polish plurals", async () => {
    const polish = { "Accept-Language": "pl" };
    const anonymous = new Client();
    for (const [path, text] of [
      ["/signup", "Podaj swój adres e-mail."],
      ["/forgot-password", "Zresetuj hasło"],
      ["/signup/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "Ten link wygasł albo został już użyty."],
      ["/reset-password/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "Ten link wygasł albo został już użyty."],
      ["/login/two-factor", "Logowanie trwało zbyt długo."],
    ] as const) {
      expect(await (await anonymous.request(path, { headers: polish })).text(), path).toContain(text);
    }
    const { client } = await workspaceWithMember("OWNER");
    await client.post("/preferences", { locale: "pl" });
    for (const [path, text] of [
      ["/account", "Twoje konto"],
      ["/account/password", "Obecne hasło"],
      ["/account/sessions", "Wyloguj wszędzie"],
      ["/account/two-factor", "Zeskanuj ten kod aplikacją uwierzytelniającą"],
    ] as const) {
      expect(await (await client.get(path)).text(), path).toContain(text);
    }
    expect([1, 2, 5, 22].map((n) => messages.pl.account.twoFactor.recoveryLeft(n))).toEqual([
      "Pozostało: 1 kod zapasowy.",
      "Pozostało: 2 kody zapasowe.",
      "Pozostało: 5 kodów zapasowych.",
      "Pozostało: 22 kody zapasowe.",
    ]);
    expect(messages.pl.account.tryAgainIn(300)).toBe("Zbyt wiele prób. Spróbuj ponownie za 5 minut.");
    expect(messages.pl.account.tryAgainIn(120)).toBe("Zbyt wiele prób. Spróbuj ponownie za 2 minuty.");
  });
});
