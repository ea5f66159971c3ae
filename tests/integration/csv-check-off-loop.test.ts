// Issue 11, finding 2: a CSV check of thousands of similar rows held the web server's event
// loop (4,000 rows: 19 s, and a `GET /login` sent meanwhile waited 18.8 s). The parsing and the
// rules now run in a worker thread: other requests keep being answered while a check is under
// way (how fast is `npm run bench -- csv`'s to say), and the check's answer is the one the
// rules give (its findings, a problem on a broken row).
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { workspaceWithMember } from "../support/fixtures";

const ROWS = 6000;

function similarRows(channel: string) {
  const start = DateTime.now().setZone("Europe/Warsaw").plus({ days: 2 }).set({ hour: 8, minute: 0 });
  const lines = ["date;time;channel;category;title;text"];
  for (let i = 0; i < ROWS; i++) {
    const at = start.plus({ minutes: i * 53 });
    // Each row a near-duplicate of the one before; the last is over X's limit.
    const text = i === ROWS - 1 ? "x".repeat(300) : `Our spring workshop on sourdough baking is open for sign-ups: join us and bring a friend. Seat ${i}`;
    lines.push(`${at.toFormat("yyyy-MM-dd")};${at.toFormat("HH:mm")};${channel};educational;Row ${i};${text}`);
  }
  return `${lines.join("\n")}\n`;
}

describe("the CSV check of thousands of similar rows", () => {
  it("leaves the server answering other requests while it runs, and finds what the rules find", async () => {
    const { client, workspace } = await workspaceWithMember("EDITOR");
    await prisma.channel.create({ data: { workspaceId: workspace.id, network: "x", name: "Brand X" } });
    const form = new FormData();
    form.set("intent", "check");
    form.set("file", new Blob([similarRows("x")], { type: "text/csv" }), "plan.csv");

    // Other requests, one after another, for as long as the check runs. On a held event loop
    // they stall for most of the check; in a thread they keep being answered.
    const started = Date.now();
    const answeredAt: number[] = [];
    let done = false;
    const checking = client.request(`/w/${workspace.slug}/transfer/upload`, { method: "POST", body: form, headers: { Origin: client.baseUrl } }).then(async (response) => {
      const body = await response.json();
      done = true;
      return { status: response.status, body, ms: Date.now() - started };
    });
    while (!done) {
      const login = await fetch(new URL("/login", client.baseUrl));
      await login.text();
      if (!done) answeredAt.push(Date.now() - started);
      expect(login.status).toBe(200);
    }
    const check = await checking;
    const gaps = answeredAt.map((at, i) => at - (answeredAt[i - 1] ?? 0));
    expect(answeredAt.length).toBeGreaterThan(5);
    expect(Math.max(...gaps)).toBeLessThan(check.ms / 2);

    expect(check.status).toBe(200);
    expect(check.body.total).toBe(ROWS);
    expect(check.body.problems).toEqual([expect.objectContaining({ row: ROWS + 1, message: expect.stringMatching(/X allows 280/) })]);
    const [first, second] = check.body.rows;
    expect(first.violations).toEqual([]);
    expect(second.violations).toEqual(expect.arrayContaining([expect.objectContaining({ message: expect.stringMatching(/% the same as one planned/) })]));
    expect(await prisma.post.count({ where: { workspaceId: workspace.id } })).toBe(0);
  });
});
