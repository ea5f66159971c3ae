// "All my brands" (/calendar): one person's week across every workspace they belong to and
// only those, each time in the brand's zone and in theirs; and pausing several brands at
// once through the pause page's own model function, refused where the role may not pause.
import { beforeEach, describe, expect, it } from "vitest";
import type { Role } from "~/domain/permissions";
import { prisma } from "~/utils/db.server";
import { pauseFlagged } from "~/utils/pause-flag.server";
import { addMember, createUser, createWorkspace, signedIn, unique } from "../support/fixtures";
import type { Client } from "../support/http-client";
import { waitFor } from "../support/processes";

// Wednesday 10 March 2027: London is on GMT, Warsaw on CET (+1), New York still on EST (−5,
// its DST starts on the 14th), Tokyo on +9.
const WEEK = "2027-03-10";
type Brand = Awaited<ReturnType<typeof createWorkspace>>;

async function planPost(brand: Brand, title: string, utc: string, network: "mastodon" | "x" = "mastodon") {
  const channel = await prisma.channel.create({ data: { workspaceId: brand.id, network, name: `${brand.name} ${network}` }, select: { id: true } });
  const scheduledAt = new Date(utc);
  return prisma.post.create({
    data: { workspaceId: brand.id, title, category: "educational", status: "APPROVED", scheduledAt, variants: { create: { workspaceId: brand.id, channelId: channel.id, text: `${title} text`, scheduledAt } } },
    select: { id: true },
  });
}

let person: Awaited<ReturnType<typeof createUser>>;
let client: Client;
let warsaw: Brand, newYork: Brand, tokyo: Brand, approverBrand: Brand, stranger: Brand;

async function brandIn(zone: string, role: Role | null) {
  const brand = await createWorkspace(unique("brand"), zone);
  if (role) await addMember(brand.id, person.id, role);
  return brand;
}

beforeEach(async () => {
  person = await createUser();
  warsaw = await brandIn("Europe/Warsaw", "OWNER");
  newYork = await brandIn("America/New_York", "EDITOR");
  tokyo = await brandIn("Asia/Tokyo", "VIEWER");
  approverBrand = await brandIn("Europe/Warsaw", "APPROVER");
  stranger = await brandIn("Europe/Warsaw", null);
  await planPost(warsaw, "Warsaw launch", "2027-03-10T08:00:00Z");
  await planPost(newYork, "New York brunch", "2027-03-10T14:00:00Z", "x");
  await planPost(tokyo, "Tokyo sakura", "2027-03-11T00:00:00Z");
  await planPost(stranger, "Someone else's secret", "2027-03-10T10:00:00Z");
  client = await signedIn(person);
  client.setCookie("rytm_zone", encodeURIComponent("Europe/London"));
});

const page = async (query = "") => {
  const response = await client.get(`/calendar?date=${WEEK}${query}`);
  expect(response.status).toBe(200);
  return response.text();
};

describe("the week across all my brands", () => {
  it("shows every brand the person belongs to, each time in the brand's zone and in theirs, and nothing of others", async () => {
    const html = await page();
    expect(html).toContain("Warsaw launch");
    expect(html).toContain("09:00 Warsaw · 08:00 your time");
    expect(html).toContain("New York brunch");
    expect(html).toContain("09:00 New York · 14:00 your time");
    // 09:00 in Tokyo on Thursday is still Thursday 00:00 in London.
    expect(html).toContain("Tokyo sakura");
    expect(html).toContain("09:00 Tokyo · 00:00 your time");
    // Each on the person's own day: 00:00 on Thursday in London is Thursday's first minute.
    expect(html).toContain('aria-label="Wed 10 Mar 2027, 2 posts"');
    expect(html).toContain('aria-label="Thu 11 Mar 2027, 1 post"');
    expect(html).not.toContain("Someone else&#x27;s secret");
    expect(html).not.toContain("Someone else's secret");
    expect(html).not.toContain(stranger.name);
    for (const brand of [warsaw, newYork, tokyo, approverBrand]) expect(html).toContain(brand.name);
    // A post opens in its own workspace.
    const post = await prisma.post.findFirstOrThrow({ where: { workspaceId: newYork.id }, select: { id: true } });
    expect(html).toContain(`href="/w/${newYork.slug}/posts/${post.id}"`);
  });

  it("puts a post on the person's own day and names the brand's weekday when it differs", async () => {
    client.setCookie("rytm_zone", encodeURIComponent("America/Los_Angeles"));
    const html = await page();
    // Thursday 09:00 in Tokyo is Wednesday 16:00 in Los Angeles (PST, −8).
    expect(html).toContain("Thu 09:00 Tokyo · 16:00 your time");
    expect(html).toContain("Los Angeles");
    expect(html).toContain('aria-label="Wed 10 Mar 2027, 3 posts"');
  });

  it("says when the person's zone is not known yet and shows their times in UTC", async () => {
    const html = await (await signedIn(person)).get(`/calendar?date=${WEEK}`).then((r) => r.text());
    expect(html).toContain("Your time zone is not known yet");
    expect(html).toContain("09:00 Warsaw · 08:00 your time");
    const confused = await signedIn(person);
    confused.setCookie("rytm_zone", "Mars%2FOlympus");
    expect(await (await confused.get(`/calendar?date=${WEEK}`)).text()).toContain("Your time zone is not known yet");
  });

  it("drops a brand at once when the membership is removed", async () => {
    expect(await page()).toContain("Tokyo sakura");
    await prisma.membership.deleteMany({ where: { userId: person.id, workspaceId: tokyo.id } });
    const html = await page();
    expect(html).not.toContain("Tokyo sakura");
    expect(html).not.toContain(tokyo.name);
    expect(html).toContain("Warsaw launch");
  });

  it("filters by brand, state and channel, and a brand the person is not in shows nothing", async () => {
    const onlyWarsaw = await page(`&brand=${warsaw.id}`);
    expect(onlyWarsaw).toContain("Warsaw launch");
    expect(onlyWarsaw).not.toContain("New York brunch");
    const foreign = await page(`&brand=${stranger.id}`);
    expect(foreign).not.toContain("Someone else");
    expect(foreign).toContain("Nothing planned this week");
    const onX = await page("&network=x");
    expect(onX).toContain("New York brunch");
    expect(onX).not.toContain("Warsaw launch");
    expect(await page("&status=DRAFT")).not.toContain("Warsaw launch");
    // Junk in the address is ignored, never a 500.
    expect(await page("&view=grid&status=LOST&network=fax&brand=not%20an%20id")).toContain("Warsaw launch");
  });

  it("leaves out a brand whose owners need two-factor sign-in, for an owner without it", async () => {
    await prisma.workspace.update({ where: { id: warsaw.id }, data: { ownersNeedTwoFactor: true } });
    const html = await page();
    expect(html).not.toContain("Warsaw launch");
    expect(html).toContain("turn on two-factor sign-in to see it");
    expect(html).toContain("Tokyo sakura");
  });

  it("shows the list view of the same week, in Polish too", async () => {
    const list = await page("&view=list");
    expect(list).toContain("09:00 New York · 14:00 your time");
    await prisma.user.update({ where: { id: person.id }, data: { locale: "pl" } });
    const polish = await page("&view=list");
    expect(polish).toContain("Wszystkie moje marki");
    expect(polish).toContain("09:00 New York · 14:00 u Ciebie");
    expect(polish).toContain("śr. 10 mar 2027");
  });

  it("asks to sign in first", async () => {
    const { Client: Anonymous } = await import("../support/http-client");
    const response = await new Anonymous().get("/calendar");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toContain("/login");
  });
});

const pauseForm = (intent: string, brands: string[], reason?: string) => {
  const form = new URLSearchParams({ intent });
  if (reason !== undefined) form.set("reason", reason);
  for (const id of brands) form.append("brand", id);
  return form;
};

describe("pausing several brands at once", () => {
  it("pauses each brand where the role may pause, through the pause page's function, and refuses the others", async () => {
    const colleague = await createUser();
    await addMember(warsaw.id, colleague.id, "EDITOR");
    const response = await client.post("/calendar", pauseForm("pause", [warsaw.id, newYork.id, tokyo.id, approverBrand.id, stranger.id], "Crisis: a product recall"));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`${warsaw.name}</strong>: publishing paused`);
    expect(html).toContain(`${newYork.name}</strong>: publishing paused`);
    expect(html).toContain(`${tokyo.name}</strong>: refused: your role there may not pause`);
    expect(html).toContain(`${approverBrand.name}</strong>: refused: your role there may not pause`);
    expect(html).toContain("A brand you do not belong to</strong>: refused: not one of your brands");
    expect(html).not.toContain(stranger.name);

    const state = await prisma.workspace.findMany({ where: { id: { in: [warsaw.id, newYork.id, tokyo.id, approverBrand.id, stranger.id] } }, select: { id: true, pausedAt: true, pauseReason: true } });
    const paused = new Map(state.map((w) => [w.id, w]));
    for (const brand of [warsaw, newYork]) {
      expect(paused.get(brand.id)!.pauseReason).toBe("Crisis: a product recall");
      expect(await pauseFlagged(brand.id)).toBe(true);
      expect(await prisma.auditEvent.count({ where: { workspaceId: brand.id, action: "workspace.paused", actorId: person.id } })).toBe(1);
      expect(await prisma.notificationEvent.count({ where: { workspaceId: brand.id, kind: "publishing-paused" } })).toBe(1);
    }
    for (const brand of [tokyo, approverBrand, stranger]) {
      expect(paused.get(brand.id)!.pausedAt).toBeNull();
      expect(await pauseFlagged(brand.id)).toBe(false);
      expect(await prisma.auditEvent.count({ where: { workspaceId: brand.id, action: "workspace.paused" } })).toBe(0);
    }
    // The others in the brand are told, as from its own pause page.
    await waitFor("the colleague's notice", async () => (await prisma.notification.findFirst({ where: { userId: colleague.id, workspaceId: warsaw.id, kind: "publishing-paused" } })) ?? undefined, 20_000);
  });

  it("says which brands were already paused, resumes them, and refuses with 403 when nothing was allowed", async () => {
    await client.post("/calendar", pauseForm("pause", [warsaw.id], "First"));
    const again = await client.post("/calendar", pauseForm("pause", [warsaw.id, newYork.id], "Second"));
    const html = await again.text();
    expect(html).toContain(`${warsaw.name}</strong>: already paused: nothing changed`);
    expect(html).toContain(`${newYork.name}</strong>: publishing paused`);
    expect((await prisma.workspace.findUniqueOrThrow({ where: { id: warsaw.id } })).pauseReason).toBe("First");

    const resumed = await client.post("/calendar", pauseForm("resume", [warsaw.id, newYork.id, tokyo.id]));
    const text = await resumed.text();
    expect(text).toContain(`${warsaw.name}</strong>: publishing resumed`);
    expect(text).toContain(`href="/w/${warsaw.slug}/pause"`);
    expect(text).toContain(`${tokyo.name}</strong>: refused: your role there may not pause`);
    for (const brand of [warsaw, newYork]) {
      expect((await prisma.workspace.findUniqueOrThrow({ where: { id: brand.id } })).pausedAt).toBeNull();
      expect(await pauseFlagged(brand.id)).toBe(false);
      expect(await prisma.notificationEvent.count({ where: { workspaceId: brand.id, kind: "publishing-resumed" } })).toBe(1);
    }
    const refused = await client.post("/calendar", pauseForm("pause", [tokyo.id, stranger.id], "Not mine"));
    expect(refused.status).toBe(403);
    expect((await prisma.workspace.findUniqueOrThrow({ where: { id: tokyo.id } })).pausedAt).toBeNull();
  });

  it("refuses an owner who needs two-factor sign-in first, and still pauses the rest", async () => {
    await prisma.workspace.update({ where: { id: warsaw.id }, data: { ownersNeedTwoFactor: true } });
    const html = await (await client.post("/calendar", pauseForm("pause", [warsaw.id, newYork.id], "Crisis"))).text();
    expect(html).toContain(`${warsaw.name}</strong>: refused: turn on two-factor sign-in first`);
    expect((await prisma.workspace.findUniqueOrThrow({ where: { id: warsaw.id } })).pausedAt).toBeNull();
    expect((await prisma.workspace.findUniqueOrThrow({ where: { id: newYork.id } })).pausedAt).not.toBeNull();
  });

  it.each([
    ["no reason", pauseForm("pause", ["x"]), "Say why publishing is paused"],
    ["no brand", pauseForm("pause", [], "Crisis"), "Choose at least one brand"],
    ["an unknown intent", pauseForm("explode", ["x"], "Crisis"), ""],
  ])("answers %s with a 400", async (_name, form, message) => {
    const response = await client.post("/calendar", form);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(message);
  });
});
