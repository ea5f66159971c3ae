// Rule badges for the calendar: every post's own violations in a range (the verdict the
// editor, the post page and `rytm lint` give it). A separate request so the calendar shows
// at once and the badges follow.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { planInstantSchema } from "~/domain/calendar-dates";
import { localizeViolations } from "~/domain/violations";
import { checkWorkspacePlan } from "~/models/plan-check.server";
import { localeOf } from "~/utils/locale.server";
import { requireWorkspace } from "~/utils/permissions.server";

const MAX_RANGE_MS = 62 * 86_400_000;
const rangeSchema = z
  .object({ from: planInstantSchema("from must be an ISO date-time in a plan's years"), to: planInstantSchema("to must be an ISO date-time in a plan's years") })
  .refine((r) => Date.parse(r.from) < Date.parse(r.to) && Date.parse(r.to) - Date.parse(r.from) <= MAX_RANGE_MS, "The range must be forward and at most 62 days");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace } = await requireWorkspace(request, params.slug, "post:read");
  const parsed = rangeSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return Response.json({ error: parsed.error.issues.map((i) => i.message).join("; ") }, { status: 400 });
  const violations = localizeViolations(await checkWorkspacePlan(workspace.id, new Date(parsed.data.from), new Date(parsed.data.to)), await localeOf(request));
  const badges: Record<string, { block: number; warn: number; messages: string[]; severities: string[] }> = {};
  for (const v of violations) {
    // A quiet channel is about the channel, shown in the mix panel, not on a post.
    const postId = v.postIds[0];
    if (!postId || v.ruleId === "quiet-channel") continue;
    const badge = (badges[postId] ??= { block: 0, warn: 0, messages: [], severities: [] });
    badge[v.severity]++;
    badge.messages.push(v.message);
    badge.severities.push(v.severity);
  }
  return Response.json({ badges });
}
