import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { toRRule } from "~/domain/recurrence";
import { materialiseRecurringPosts } from "~/models/recurrence.server";
import { prisma } from "~/utils/db.server";
import { createWorkspace } from "../support/fixtures";

describe("recurring posts", () => {
  it("are materialised as draft posts for the horizon, at the local time, once", async () => {
    const workspace = await createWorkspace(undefined, "Europe/Warsaw");
    const channel = await prisma.channel.create({ data: { workspaceId: workspace.id, network: "linkedin", name: "LinkedIn" }, select: { id: true } });
    const first = DateTime.fromISO("2027-03-20T09:00", { zone: "Europe/Warsaw" }).toJSDate();
    const series = await prisma.post.create({
      data: {
        workspaceId: workspace.id,
        title: "Weekly museum fact",
        category: "educational",
        scheduledAt: first,
        recurrenceRule: toRRule({ freq: "weekly", interval: 1 }),
        variants: { create: { workspaceId: workspace.id, channelId: channel.id, text: "Did you know…", scheduledAt: first } },
      },
      select: { id: true },
    });
    const now = DateTime.fromISO("2027-03-19T12:00", { zone: "Europe/Warsaw" }).toJSDate();
    await materialiseRecurringPosts(now, 28);
    await materialiseRecurringPosts(now, 28);
    const made = await prisma.post.findMany({
      where: { recurrenceParentId: series.id },
      orderBy: { scheduledAt: "asc" },
      select: { status: true, scheduledAt: true, variants: { select: { text: true, textHash: true } } },
    });
    // Within 28 days of 19 March: 27 Mar, 3 Apr, 10 Apr (the DST change on 29 Mar does not move 09:00).
    expect(made.map((p) => DateTime.fromJSDate(p.scheduledAt!, { zone: "Europe/Warsaw" }).toFormat("dd.MM HH:mm"))).toEqual(["27.03 09:00", "03.04 09:00", "10.04 09:00"]);
    expect(made.every((p) => p.status === "DRAFT" && p.variants[0]!.text === "Did you know…" && p.variants[0]!.textHash)).toBe(true);
  });
});
