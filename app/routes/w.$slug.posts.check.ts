// The editor's rule check as you type: the same form the editor would save, checked and
// nothing written. Answers the violations (localized) and, on a DST change day, the choice.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs } from "@remix-run/node";
import { channelSettingsSchema, checkVariant } from "~/domain/channel-rules";
import type { NetworkKind } from "~/domain/networks";
import { postFormSchema } from "~/domain/post-form";
import { localizeViolations } from "~/domain/violations";
import { instantFor } from "~/models/post-editor.server";
import { checkDraftPost } from "~/models/plan-check.server";
import { prisma } from "~/utils/db.server";
import { localeOf } from "~/utils/locale.server";
import { requireWorkspace } from "~/utils/permissions.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const { workspace } = await requireWorkspace(request, params.slug, "post:write");
  const formData = await request.formData();
  // Checked while still being written: a missing title must not hide the rules.
  formData.set("intent", "save");
  if (!String(formData.get("title") ?? "").trim()) formData.set("title", "…");
  const submission = parseWithZod(formData, { schema: postFormSchema });
  if (submission.status !== "success") return Response.json({ violations: [], message: Object.values(submission.error ?? {}).flat().join(" ") }, { status: 400 });
  const form = submission.value;
  const postId = new URL(request.url).searchParams.get("postId") ?? "new";
  const channels = await prisma.channel.findMany({ where: { workspaceId: workspace.id, id: { in: form.variants.map((v) => v.channelId) } }, select: { id: true, name: true, network: true, settings: true } });
  const variants = form.variants.filter((v) => channels.some((c) => c.id === v.channelId)).map((v) => ({ channelId: v.channelId, text: v.text, link: v.link || null, mediaUrls: v.media ?? [] }));
  const locale = await localeOf(request);
  if (form.date && form.time) {
    const resolved = instantFor(form.date, form.time, workspace.timeZone, form.dst);
    if ("error" in resolved) return Response.json({ violations: [], message: resolved.error, dstChoice: resolved.choice ?? null });
    const violations = await checkDraftPost(workspace.id, { postId, category: form.category, at: resolved.at, variants });
    return Response.json({ violations: localizeViolations(violations, locale), dstChoice: null });
  }
  // Without a time only the channels' own limits apply.
  const violations = variants.flatMap((v) => {
    const channel = channels.find((c) => c.id === v.channelId)!;
    const settings = channelSettingsSchema.safeParse(channel.settings ?? {});
    return checkVariant(channel.network as NetworkKind, v, settings.success ? settings.data : {}, { postId, channelId: channel.id, channelName: channel.name }).violations;
  });
  return Response.json({ violations: localizeViolations(violations, locale), dstChoice: null });
}
