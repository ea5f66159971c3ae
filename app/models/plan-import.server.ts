// CSV import (the `rytm lint` format) into a workspace: parse, match channels, check every
// row against the rules and the stored plan, then create drafts. Rows sharing a title, time
// and category become one post with a variant per channel — one idea, several channels.
import { mixRulesSchema } from "~/domain/mix-rules-settings";
import type { NetworkKind } from "~/domain/networks";
import { type CsvProblem, type PlanRow, parsePlanCsv } from "~/domain/plan-csv";
import { type Violation, isBlocking } from "~/domain/violations";
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { checkUnsavedItems, variantFingerprint } from "./plan-check.server";

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 10_000;

type Matched = PlanRow & { workspaceChannelId: string };

export async function previewImport(workspace: { id: string; timeZone: string }, content: string) {
  const stored = await prisma.workspace.findUniqueOrThrow({ where: { id: workspace.id }, select: { mixRules: true, channels: { select: { id: true, name: true, network: true, enabled: true } } } });
  const categories = mixRulesSchema.parse(stored.mixRules ?? {}).categories;
  const channels = stored.channels.map((c) => ({ ...c, network: c.network as NetworkKind }));
  const { rows, problems } = parsePlanCsv(content, { defaultTimeZone: workspace.timeZone, categories, channels });
  if (rows.length > MAX_IMPORT_ROWS) problems.push({ row: 0, column: null, message: `At most ${MAX_IMPORT_ROWS} rows per file; this one has ${rows.length}` });
  const matched: Matched[] = [];
  for (const row of rows) {
    const byName = row.channelId.startsWith("name:") ? channels.find((c) => c.name === row.channelName) : undefined;
    const ofKind = channels.filter((c) => c.network === row.network);
    const channel = byName ?? (ofKind.length === 1 ? ofKind[0] : undefined);
    if (!channel) {
      problems.push({
        row: row.row,
        column: "channel",
        message: ofKind.length > 1 ? `several ${row.channelName} channels are connected; write the channel's name` : `no ${row.channelName} channel is connected to this workspace`,
      });
      continue;
    }
    matched.push({ ...row, channelName: channel.name, workspaceChannelId: channel.id });
  }
  const violations: Violation[] = problems.length
    ? []
    : await checkUnsavedItems(
        workspace.id,
        matched.map((r) => ({ postId: `row:${r.row}`, channelId: r.workspaceChannelId, channelName: r.channelName, network: r.network, category: r.category, at: r.at, text: r.text, link: r.link, mediaUrls: r.mediaUrls })),
      );
  return { rows: matched, problems: problems.sort((a, b) => a.row - b.row), violations };
}

/** Imports a checked file as drafts; nothing is written when any row has a problem. */
export async function importPlan(workspace: { id: string; timeZone: string }, actorId: string, content: string): Promise<{ ok: true; posts: number } | { ok: false; problems: CsvProblem[] }> {
  const preview = await previewImport(workspace, content);
  if (preview.problems.length) return { ok: false, problems: preview.problems };
  const ideas = new Map<string, Matched[]>();
  for (const row of preview.rows) {
    const key = `${row.title}\u0000${row.at}\u0000${row.category}`;
    ideas.set(key, [...(ideas.get(key) ?? []), row]);
  }
  const groups = [...ideas.values()].map((group) => [...new Map(group.map((r) => [r.workspaceChannelId, r])).values()]);
  await prisma.$transaction(
    async (tx) => {
      const posts = await tx.post.createManyAndReturn({
        data: groups.map((group) => ({ workspaceId: workspace.id, authorId: actorId, title: group[0]!.title.slice(0, 200), body: group[0]!.text, category: group[0]!.category, scheduledAt: new Date(group[0]!.at), status: "DRAFT" as const })),
        select: { id: true },
      });
      await tx.variant.createMany({
        data: groups.flatMap((group, i) =>
          group.map((r) => ({ workspaceId: workspace.id, postId: posts[i]!.id, channelId: r.workspaceChannelId, text: r.text, link: r.link, mediaUrls: r.mediaUrls, scheduledAt: new Date(r.at), ...variantFingerprint(r.text) })),
        ),
      });
      await recordAudit(tx, { workspaceId: workspace.id, actorId, action: "plan.imported", targetType: "workspace", targetId: workspace.id, data: { rows: preview.rows.length, posts: posts.length, blocking: isBlocking(preview.violations) } });
    },
    { timeout: 60_000 },
  );
  return { ok: true, posts: groups.length };
}
