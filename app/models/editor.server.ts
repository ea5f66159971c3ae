// The editor's server half: what it needs to show, and handling what it sends.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "@remix-run/node";
import { DateTime } from "luxon";
import type { EditorValues } from "~/components/editor/post-editor";
import { mixRulesSchema } from "~/domain/mix-rules-settings";
import type { NetworkKind } from "~/channels/networks";
import type { Role } from "~/domain/permissions";
import { type GatePost, decide } from "~/domain/post-gate";
import { can } from "~/domain/permissions";
import { postFormSchema } from "~/domain/post-form";
import { localizeViolations } from "~/domain/violations";
import { refusalText } from "~/i18n/refusal";
import { prisma } from "~/utils/db.server";
import { localeOf } from "~/utils/locale.server";
import { attachmentsOf, pickableMedia, variantAttachments } from "./media.server";
import { type WorkspaceRef, gatePostOf, loadGateRow, memberActor, policyOf } from "./post-gate.server";
import { saveFromEditor } from "./series-editor.server";
import { loadSeries, occurrenceOf, repetitionOf, textFor } from "./series.server";

export async function editorData(workspaceId: string) {
  const workspace = await prisma.workspace.findUniqueOrThrow({
    where: { id: workspaceId },
    select: { mixRules: true, channels: { orderBy: { name: "asc" }, select: { id: true, name: true, network: true, enabled: true, settings: true } } },
  });
  return {
    channels: workspace.channels.map((c) => ({ ...c, network: c.network as NetworkKind })),
    categories: mixRulesSchema.parse(workspace.mixRules ?? {}).categories,
    library: await pickableMedia(workspaceId),
  };
}

const freshDraft: GatePost = { status: "DRAFT", authorId: "", approvedBy: [], time: "none", variants: [] };

/**
 * The editor's buttons, asked of the gate as the post stands (a new one is a fresh draft):
 * "submit" where the post can go to review, "schedule" where this person may put it on the
 * schedule with the approvals it has. The time and the words are still being typed, so the
 * gate is asked for a time ahead and a clean verdict; the save itself asks again with both.
 */
export async function editorButtons(workspace: WorkspaceRef, user: { id: string }, role: Role, postId?: string) {
  const row = postId ? await loadGateRow(prisma, workspace.id, postId) : null;
  const post = row ? gatePostOf(row) : { ...freshDraft, authorId: user.id };
  const actor = memberActor(user, role);
  const ask = (kind: "submit" | "schedule") => decide({ ...post, time: "future" }, { kind }, actor, policyOf(workspace), { blocking: false }).ok;
  return { canSubmit: ask("submit"), canSchedule: ask("schedule"), canOverride: can(role, "rules:override") };
}

const noRepeat = { repeat: "none", interval: "1", byWeekday: [] as string[], ends: "never", until: "", count: "", missing: "last-day" };

export async function postForEditor(workspaceId: string, postId: string, zone: string) {
  const post = await prisma.post.findFirst({
    where: { id: postId, workspaceId },
    select: {
      id: true,
      title: true,
      body: true,
      category: true,
      campaignTag: true,
      status: true,
      scheduledAt: true,
      seriesId: true,
      occurrenceKey: true,
      variants: { select: { channelId: true, text: true, link: true, mediaUrls: true, status: true, media: variantAttachments } },
    },
  });
  if (!post) return null;
  const series = post.seriesId ? await loadSeries(prisma, workspaceId, post.seriesId) : null;
  const index = series && post.occurrenceKey ? (occurrenceOf(series, post.occurrenceKey)?.index ?? null) : null;
  const repetition = series && repetitionOf(series);
  // The texts this channel uses after this post, in turn.
  const alternatesOf = (channelId: string) => {
    const channel = series?.channels.find((c) => c.channelId === channelId);
    return channel && index !== null ? Array.from({ length: channel.texts.length - 1 }, (_, k) => textFor(channel, index + 1 + k)) : [];
  };
  const local = post.scheduledAt ? DateTime.fromJSDate(post.scheduledAt, { zone }) : null;
  const values: EditorValues = {
    title: post.title,
    body: post.body,
    category: post.category,
    campaignTag: post.campaignTag ?? "",
    date: local?.toISODate() ?? "",
    time: local?.toFormat("HH:mm") ?? "",
    ...(repetition
      ? {
          repeat: repetition.freq,
          interval: String(repetition.interval),
          byWeekday: repetition.byWeekday,
          ends: repetition.until ? "until" : repetition.count ? "count" : "never",
          until: repetition.until ?? "",
          count: repetition.count ? String(repetition.count) : "",
          missing: repetition.missing,
        }
      : noRepeat),
    variants: post.variants.map((v) => ({ channelId: v.channelId, text: v.text, link: v.link ?? "", media: v.mediaUrls.join("\n"), attachments: attachmentsOf(v.media), alternates: alternatesOf(v.channelId) })),
  };
  return { post, values, series: series && { id: series.id, number: index === null ? null : index + 1 } };
}

/** Parses, saves, and answers the editor: a redirect to the post, or what to fix (400/404/409/422). */
export async function handleEditorSubmit(request: Request, workspace: WorkspaceRef & { slug: string }, actor: { id: string; role: Role }, postId: string | null) {
  const locale = await localeOf(request);
  const submission = parseWithZod(await request.formData(), { schema: postFormSchema });
  if (submission.status !== "success") {
    const fieldErrors = Object.fromEntries(Object.entries(submission.error ?? {}).map(([key, value]) => [key || "form", value ?? []]));
    return data({ fieldErrors, message: "Some fields need attention.", dstChoice: null, violations: [], consequences: [] }, { status: 400 });
  }
  const result = await saveFromEditor(workspace, { kind: "member", ...actor }, postId, submission.value);
  if (!result.ok) {
    return data(
      {
        fieldErrors: result.fieldErrors,
        message: result.refusal ? refusalText(result.refusal, locale) : result.message,
        dstChoice: result.dstChoice ?? null,
        violations: localizeViolations(result.check?.own ?? [], locale),
        consequences: localizeViolations(result.check?.consequences ?? [], locale),
      },
      { status: result.httpStatus },
    );
  }
  const report = result.series && (result.series.updated || result.series.removed || result.series.kept.length) ? `?${new URLSearchParams({ updated: String(result.series.updated), removed: String(result.series.removed), kept: String(result.series.kept.length) })}` : "";
  return redirect(`/w/${workspace.slug}/posts/${result.postId}${report}`);
}
