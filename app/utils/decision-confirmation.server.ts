// What the screen says after a decision went through: approving, requesting changes or
// submitting is confirmed in words, with what happens next.
import type { Locale } from "~/i18n/locales";
import { messages } from "~/i18n/messages";
import { approvalsStillMissing } from "~/models/expired-approvals.server";
import type { WorkspaceRef } from "~/models/post-gate.server";
import { formatDateTime } from "~/utils/dates";

export async function decisionConfirmation(
  workspace: WorkspaceRef,
  postId: string,
  kind: string,
  outcome: { ok: boolean; status?: string },
  at: Date | null,
  locale: Locale,
): Promise<string | null> {
  if (!outcome.ok) return null;
  const t = messages[locale].notifications.confirm;
  if (kind === "request-changes") return t.changesRequested;
  if (kind === "submit" && outcome.status === "IN_REVIEW") return t.submitted;
  if (kind !== "approve") return null;
  if (outcome.status === "IN_REVIEW") return t.approvedWaiting(await approvalsStillMissing(workspace, postId));
  const when = at ? formatDateTime(at, workspace.timeZone, locale) : null;
  return t.approved(outcome.status === "SCHEDULED", when);
}
