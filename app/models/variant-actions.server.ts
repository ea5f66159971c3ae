// A person's decision on one variant (publish now, a new time, cancel, "it did go out"),
// asked of the gate like every other decision on a post.
import type { z } from "zod";
import type { variantActionSchema } from "~/domain/publish-actions";
import { resolveLocalTime } from "~/domain/local-time";
import { type Actor, type GateOutcome, type WorkspaceRef, act } from "./post-gate.server";
import { postOfVariant } from "./post-page.server";

export type VariantAction = z.infer<typeof variantActionSchema>;

export async function applyVariantAction(workspace: WorkspaceRef, actor: Actor, action: VariantAction): Promise<GateOutcome | { ok: false; httpStatus: 422; message: string }> {
  const postId = await postOfVariant(workspace.id, action.variantId);
  if (!postId) return { ok: false, httpStatus: 404, refusal: null, check: null };
  const variantId = action.variantId;
  switch (action.intent) {
    case "publish-now":
      return act(workspace, actor, postId, { kind: "variant-publish-now", variantId });
    case "reschedule": {
      const [date, time] = action.at.split("T") as [string, string];
      // A time the clocks go back over is taken the first time it happens; a skipped one is refused.
      const local = resolveLocalTime(date, time, workspace.timeZone);
      if (local.kind === "missing") return { ok: false, httpStatus: 422, message: local.message };
      const at = local.instant;
      return act(workspace, actor, postId, { kind: "variant-reschedule", variantId, to: at.getTime() > Date.now() ? "future" : "past" }, { at });
    }
    case "cancel":
      return act(workspace, actor, postId, { kind: "variant-cancel", variantId });
    case "mark-published":
      return act(workspace, actor, postId, { kind: "variant-mark-published", variantId }, { url: action.url || null });
  }
}
