// Carrying out a person's decision on one variant, scoped to the workspace.
import type { z } from "zod";
import { resolveLocalTime } from "~/domain/local-time";
import type { variantActionSchema } from "~/domain/publish-actions";
import { markPublished, scheduleVariant, unscheduleVariant } from "./scheduling.server";

export type VariantAction = z.infer<typeof variantActionSchema>;

/** Returns an error message for the person, or null when done. */
export async function applyVariantAction(workspace: { id: string; timeZone: string }, actorId: string, action: VariantAction): Promise<string | null> {
  switch (action.intent) {
    case "publish-now":
      return (await scheduleVariant(workspace.id, action.variantId, new Date())) ? null : "This variant cannot be published again (it is publishing or published).";
    case "reschedule": {
      const [date, time] = action.at.split("T") as [string, string];
      const local = resolveLocalTime(date, time, workspace.timeZone);
      if (local.kind === "missing") return local.message;
      if (local.instant.getTime() < Date.now()) return "Choose a time in the future.";
      return (await scheduleVariant(workspace.id, action.variantId, local.instant)) ? null : "This variant cannot be rescheduled (it is publishing or published).";
    }
    case "cancel":
      return (await unscheduleVariant(workspace.id, action.variantId, "CANCELLED")) ? null : "Only a scheduled, failed or unknown variant can be cancelled.";
    case "mark-published":
      return (await markPublished(workspace.id, actorId, action.variantId, action.url || null)) ? null : "Only a failed or unknown variant can be marked as published.";
  }
}
