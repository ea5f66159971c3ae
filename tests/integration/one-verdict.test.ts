// One verdict everywhere: a plan exported from the app and checked by `rytm lint` gets the
// same violations, post by post, as the app's own plan check for the same range.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { mixRulesSchema } from "~/domain/mix-rules-settings";
import { prisma } from "~/utils/db.server";
import { createBrand, makePost } from "../support/brand";
import { unique } from "../support/fixtures";

describe("one verdict", () => {
  it("gives the same violations for the same posts in the app and in rytm lint on the exported plan", async () => {
    const b = await createBrand({ approvalsRequired: 0 });
    const owner = b.people.owner.client;
    const { hook, x, linkedin } = b.channels;
    const shared = `Evening tours of the old town every Thursday, with a curator and a lantern, from six o clock ${unique("w")}`;
    // A plan with something of everything: a promotional pair, a copied text, shared words in
    // one post, a near-duplicate, an X text too long, a weekly series, a busy day.
    await makePost(b, owner, { title: "Sale starts", category: "promotional", days: 2, time: "09:00", variants: [[linkedin.id, `Winter sale starts today ${unique("w")}`]] });
    await makePost(b, owner, { title: "Sale continues", category: "promotional", days: 3, time: "09:00", variants: [[linkedin.id, `Still on sale this week ${unique("w")}`]] });
    await makePost(b, owner, { title: "Tours", days: 2, time: "12:00", variants: [[hook.id, shared], [linkedin.id, shared]] });
    await makePost(b, owner, { title: "Tours again", days: 4, time: "12:00", variants: [[x.id, shared]] });
    await makePost(b, owner, { title: "Tours nearly", days: 5, time: "12:00", variants: [[hook.id, `${shared} and Fridays`]] });
    await makePost(b, owner, { title: "Long", days: 5, time: "15:00", variants: [[x.id, "A text far too long for X. ".repeat(12)]] });
    await makePost(b, owner, { title: "Weekly", days: 6, time: "08:00", variants: [[x.id, `Every week the same words ${unique("w")}`]], extra: { repeat: "weekly", interval: "1", ends: "count", count: "3" } });
    for (const time of ["07:00", "07:20", "07:40", "08:00"]) await makePost(b, owner, { title: `Busy ${time}`, days: 7, time, variants: [[hook.id, `Busy morning ${time} ${unique("w")}`]] });

    const from = DateTime.now().setZone(b.zone).plus({ days: 1 }).startOf("day");
    const to = from.plus({ days: 30 });
    const exported = await owner.get(`/w/${b.workspace.slug}/export?${new URLSearchParams({ from: from.toISODate()!, to: to.minus({ days: 1 }).toISODate()! })}`);
    expect(exported.status).toBe(200);
    const csv = await exported.text();
    const rows = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true }).data;
    const workspace = await prisma.workspace.findUniqueOrThrow({ where: { id: b.workspace.id }, select: { mixRules: true, channels: { select: { name: true, network: true, enabled: true, settings: true } } } });
    const dir = mkdtempSync(path.join(tmpdir(), "rytm-verdict-"));
    writeFileSync(path.join(dir, "plan.csv"), csv);
    writeFileSync(path.join(dir, "rules.json"), JSON.stringify({ ...mixRulesSchema.parse(workspace.mixRules), channels: workspace.channels }));
    const lint = spawnSync("node", ["bin/rytm.mjs", "lint", path.join(dir, "plan.csv"), "--rules", path.join(dir, "rules.json"), "--timezone", b.zone, "--format", "json"], { encoding: "utf8" });
    expect(lint.stderr).toBe("");
    const report = JSON.parse(lint.stdout) as { violations: { ruleId: string; severity: string; message: string; rows: number[] }[] };
    const byPost = (pairs: [string, string][]) => {
      const map = new Map<string, string[]>();
      for (const [postId, text] of pairs) map.set(postId, [...(map.get(postId) ?? []), text].sort());
      return Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)));
    };
    const fromLint = byPost(report.violations.filter((v) => v.ruleId !== "quiet-channel").map((v) => [rows[v.rows[0]! - 2]!.id!, `${v.severity} ${v.message}`]));

    const response = await owner.get(`/w/${b.workspace.slug}/plan-check?${new URLSearchParams({ from: from.toUTC().toISO()!, to: to.toUTC().toISO()! })}`);
    const { badges } = (await response.json()) as { badges: Record<string, { block: number; warn: number; messages: string[]; severities: string[] }> };
    const fromApp = byPost(Object.entries(badges).flatMap(([postId, badge]) => badge.messages.map((m, i): [string, string] => [postId, `${badge.severities[i]} ${m}`])));
    // Every kind of finding above was found.
    const rules = new Set(report.violations.map((v) => v.ruleId));
    for (const rule of ["self-promotion", "duplicate", "shared-words", "near-duplicate", "channel-length", "network-duplicate", "daily-cap", "spacing"]) expect(rules).toContain(rule);
    expect(fromLint).toEqual(fromApp);
  });
});
