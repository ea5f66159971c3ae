// CSV import (the `rytm lint` format) into a workspace: parse, match channels, check every
// post against the rules and the stored plan, then create drafts. Rows of one post (the
// same id, or title, time and category) become one post with a variant per channel — one
// idea, several channels, judged as `rytm lint` judges them. The gate takes an import only
// when no post breaks a blocking rule: a blocking violation is a problem like a bad date.
import { mixRulesSchema } from "~/domain/mix-rules-settings";
import type { NetworkKind } from "~/channels/networks";
import { type CsvProblem, type PlanRow, groupIdeas } from "~/domain/plan-csv";
import type { PlanItem } from "~/domain/plan-index";
import { decide } from "~/domain/post-gate";
import type { Violation } from "~/domain/violations";
import { refusalText } from "~/i18n/refusal";
import { runPlanTask } from "~/utils/cpu-pool.server";
import { prisma } from "~/utils/db.server";
import { recordAudit } from "./audit.server";
import { checkUnsavedItems, variantFingerprint, verdictOf } from "./plan-check.server";
import { type Actor, type WorkspaceRef, policyOf } from "./post-gate.server";

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 10_000;

type Matched = PlanRow & { workspaceChannelId: string };
type MatchedIdea = { postId: string; rows: Matched[] };

export type ImportPreview = {
  rows: Matched[];
  ideas: MatchedIdea[];
  /** Everything that stops the import: the file's own problems and every blocking violation, by row. */
  problems: CsvProblem[];
  /** Every violation, each on the row of the channel it is about. */
  violations: { row: number; violation: Violation }[];
};

export async function previewImport(workspace: { id: string; timeZone: string }, content: string): Promise<ImportPreview> {
  const stored = await prisma.workspace.findUniqueOrThrow({ where: { id: workspace.id }, select: { mixRules: true, channels: { select: { id: true, name: true, network: true, enabled: true } } } });
  const categories = mixRulesSchema.parse(stored.mixRules ?? {}).categories;
  const channels = stored.channels.map((c) => ({ ...c, network: c.network as NetworkKind }));
  const parsed = await runPlanTask({ kind: "parse", content, options: { defaultTimeZone: workspace.timeZone, categories, channels } });
  const problems: CsvProblem[] = [...parsed.problems];
  if (parsed.rows.length > MAX_IMPORT_ROWS) {
    problems.push({ row: 0, column: null, message: { en: `At most ${MAX_IMPORT_ROWS} rows per file; this one has ${parsed.rows.length}`, pl: `Najwyżej ${MAX_IMPORT_ROWS} wierszy w pliku; ten ma ${parsed.rows.length}` } });
  }
  const matched: Matched[] = [];
  for (const row of parsed.rows) {
    const byName = row.channelId.startsWith("name:") ? channels.find((c) => c.name === row.channelName) : undefined;
    const ofKind = channels.filter((c) => c.network === row.network);
    const channel = byName ?? (ofKind.length === 1 ? ofKind[0] : undefined);
    if (!channel) {
      problems.push({
        row: row.row,
        column: "channel",
        message:
          ofKind.length > 1
            ? { en: `several ${row.channelName} channels are connected; write the channel's name`, pl: `podłączono kilka kanałów ${row.channelName}; wpisz nazwę kanału` }
            : { en: `no ${row.channelName} channel is connected to this workspace`, pl: `do tej przestrzeni nie podłączono kanału ${row.channelName}` },
      });
      continue;
    }
    matched.push({ ...row, channelId: channel.id, channelName: channel.name, workspaceChannelId: channel.id });
  }
  const grouped = groupIdeas(matched);
  problems.push(...grouped.problems);
  const ideas: MatchedIdea[] = grouped.ideas.map((idea, i) => ({ postId: `row:${idea.rows[0]!.row}:${i}`, rows: idea.rows as Matched[] }));
  const rowOf = new Map(ideas.flatMap((idea) => idea.rows.map((r) => [`${idea.postId}|${r.workspaceChannelId}`, r.row] as const)));
  const items: PlanItem[] = ideas.flatMap((idea) =>
    idea.rows.map((r) => ({
      postId: idea.postId,
      channelId: r.workspaceChannelId,
      channelName: r.channelName,
      network: r.network,
      category: r.category,
      title: r.title,
      seriesId: r.series,
      at: r.at,
      text: r.text,
      link: r.link,
      mediaUrls: r.mediaUrls,
    })),
  );
  const found = problems.length ? [] : await checkUnsavedItems(workspace.id, items);
  const violations = found.map((violation) => ({ row: rowOf.get(`${violation.postIds[0]}|${violation.channelId}`) ?? Number(violation.postIds[0]?.split(":")[1] ?? 0), violation }));
  // The gate's word on each post: a blocking rule stops the import, named on its row.
  for (const { row, violation } of violations) {
    if (violation.severity === "block") problems.push({ row, column: null, message: violation.message });
  }
  return { rows: matched, ideas, problems: problems.sort((a, b) => a.row - b.row), violations };
}

/** Imports a checked file as drafts; nothing is written when any row has a problem or any post a blocking violation. */
export async function importPlan(workspace: WorkspaceRef, actor: Actor & { kind: "member" }, content: string): Promise<{ ok: true; posts: number } | { ok: false; problems: CsvProblem[] }> {
  const preview = await previewImport(workspace, content);
  if (preview.problems.length) return { ok: false, problems: preview.problems };
  const blocked = new Set(preview.violations.filter((v) => v.violation.severity === "block").map((v) => v.violation.postIds[0]));
  for (const idea of preview.ideas) {
    const verdict = verdictOf(blocked.has(idea.postId) ? preview.violations.filter((v) => v.violation.postIds[0] === idea.postId).map((v) => v.violation) : [], []);
    const decision = decide({ status: "DRAFT", authorId: actor.id, approvedBy: [], time: "future", variants: [] }, { kind: "import" }, actor, policyOf(workspace), verdict);
    if (!decision.ok) return { ok: false, problems: [{ row: idea.rows[0]!.row, column: null, message: { en: refusalText(decision.refusal, "en"), pl: refusalText(decision.refusal, "pl") } }] };
  }
  await prisma.$transaction(
    async (tx) => {
      const posts = await tx.post.createManyAndReturn({
        data: preview.ideas.map(({ rows: [first] }) => ({
          workspaceId: workspace.id,
          authorId: actor.id,
          title: (first!.title || first!.text.split("\n")[0]!).slice(0, 200),
          body: first!.text,
          category: first!.category,
          scheduledAt: new Date(first!.at),
          status: "DRAFT" as const,
        })),
        select: { id: true },
      });
      await tx.variant.createMany({
        data: preview.ideas.flatMap((idea, i) =>
          idea.rows.map((r) => ({ workspaceId: workspace.id, postId: posts[i]!.id, channelId: r.workspaceChannelId, text: r.text, link: r.link, mediaUrls: r.mediaUrls, scheduledAt: new Date(r.at), ...variantFingerprint(r.text) })),
        ),
      });
      await recordAudit(tx, { workspaceId: workspace.id, actorId: actor.id, action: "plan.imported", targetType: "workspace", targetId: workspace.id, data: { rows: preview.rows.length, posts: posts.length, role: actor.role } });
    },
    { timeout: 60_000 },
  );
  return { ok: true, posts: preview.ideas.length };
}
