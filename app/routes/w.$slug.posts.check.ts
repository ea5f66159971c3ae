// The editor's rule check as you type: the same form the editor would save, checked and
// nothing written. Answers the violations (localized) and, on a DST change day, the choice.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs } from "@remix-run/node";
import { postFormSchema } from "~/domain/post-form";
import { localizeViolations } from "~/domain/violations";
import { attachedFacts, instantFor } from "~/models/post-editor.server";
import { checkDraftPost, findPostSeries } from "~/models/plan-check.server";
import { localeOf } from "~/utils/locale.server";
import { requireWorkspace } from "~/utils/permissions.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const { workspace } = await requireWorkspace(request, params.slug, "post:write");
  const formData = await request.formData();
  // Checked while still being written: a missing title must not hide the rules.
  formData.set("intent", "save");
  if (!String(formData.get("title") ?? "").trim()) formData.set("title", "…");
  const submission = parseWithZod(formData, { schema: postFormSchema });
  if (submission.status !== "success") return Response.json({ violations: [], consequences: [], message: Object.values(submission.error ?? {}).flat().join(" ") }, { status: 400 });
  const form = submission.value;
  const postId = new URL(request.url).searchParams.get("postId") ?? "new";
  const stored = postId === "new" ? null : await findPostSeries(workspace.id, postId);
  const attached = await attachedFacts(workspace.id, form.variants);
  const variants = form.variants.map((v, i) => ({ channelId: v.channelId, text: v.text, link: v.link || null, mediaUrls: v.media ?? [], media: attached.media[i] }));
  const locale = await localeOf(request);
  let at: Date | null = null;
  if (form.date && form.time) {
    const resolved = instantFor(form.date, form.time, workspace.timeZone, form.dst);
    if ("error" in resolved) return Response.json({ violations: [], consequences: [], message: resolved.error, dstChoice: resolved.choice ?? null });
    at = resolved.at;
  }
  // The same check the save makes: the post where it would stand, and what it would do to later posts.
  const seriesId = stored?.seriesId ?? (form.repeat !== "none" ? postId : null);
  const check = await checkDraftPost(workspace.id, { postId, title: form.title, category: form.category, seriesId, at, variants });
  return Response.json({ violations: localizeViolations(check.own, locale), consequences: localizeViolations(check.consequences, locale), dstChoice: null });
}
