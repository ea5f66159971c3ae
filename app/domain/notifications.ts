// What Rytm tells people, and whom (decision 0032). Pure: the worker's fan-out asks
// `recipientsOf` for each event and `choiceFor` (notification-settings.ts) for each person.
import type { Role } from "./permissions";

export const notificationKinds = [
  "review-requested",
  "approved",
  "changes-requested",
  "client-decision",
  "publish-failed",
  "publish-unknown",
  "publish-held",
  "channel-needs-reconnect",
  "publishing-paused",
  "publishing-resumed",
  "mention",
  "approval-reminder",
  "approval-expired",
] as const;
export type NotificationKind = (typeof notificationKinds)[number];
export const isNotificationKind = (value: unknown): value is NotificationKind => typeof value === "string" && (notificationKinds as readonly string[]).includes(value);

/** How a person hears of one kind: the bell only, the bell and a mail now, the bell and the daily digest, or not at all. */
export const deliveryChoices = ["in-app", "email", "digest", "off"] as const;
export type DeliveryChoice = (typeof deliveryChoices)[number];

/** Until a person chooses: what needs them soon is mailed now; news about the workspace waits in the bell. */
export const defaultChoices: Record<NotificationKind, DeliveryChoice> = {
  "review-requested": "email",
  approved: "email",
  "changes-requested": "email",
  "client-decision": "email",
  "publish-failed": "email",
  "publish-unknown": "email",
  "publish-held": "email",
  "channel-needs-reconnect": "email",
  "publishing-paused": "email",
  "publishing-resumed": "in-app",
  mention: "email",
  "approval-reminder": "email",
  "approval-expired": "email",
};

/** What an event names; each kind fills what its message needs. Snapshotted when it happens. */
export type EventData = {
  postId?: string;
  title?: string;
  /** ISO time of the post (reminders, expiries, client mails). */
  at?: string;
  actorName?: string;
  clientName?: string;
  decision?: "approve" | "request-changes";
  comment?: string;
  /** Approvals of the current revision, and how many the workspace asks. */
  approvals?: { have: number; need: number };
  scheduled?: boolean;
  variantId?: string;
  channelId?: string;
  channelName?: string;
  reason?: string;
  /** Posts held while publishing was paused (on resume). */
  held?: number;
  /** Mentioned members' user ids. */
  mentioned?: string[];
  /** Approver keys that already approved the current revision (reminders skip them). */
  approvedBy?: string[];
};

export type Member = { userId: string; role: Role };
export type EventContext = { kind: NotificationKind; actorId: string | null; authorId: string | null; data: EventData };

const approverRoles: readonly Role[] = ["OWNER", "APPROVER"];

/**
 * The members who hear of an event: never the person who caused it, only current members,
 * each once. Clients (share links with an e-mail address) are told apart, by the fan-out.
 */
export function recipientsOf(event: EventContext, members: readonly Member[]): string[] {
  const withRole = (roles: readonly Role[]) => members.filter((m) => roles.includes(m.role)).map((m) => m.userId);
  const author = event.authorId && members.some((m) => m.userId === event.authorId) ? [event.authorId] : [];
  let wanted: string[];
  switch (event.kind) {
    case "review-requested":
      wanted = withRole(approverRoles).filter((id) => id !== event.authorId);
      break;
    case "approval-reminder": {
      const done = new Set(event.data.approvedBy ?? []);
      wanted = withRole(approverRoles).filter((id) => id !== event.authorId && !done.has(`user:${id}`));
      break;
    }
    case "approved":
    case "changes-requested":
      wanted = author;
      break;
    case "client-decision":
    case "publish-failed":
    case "publish-unknown":
    case "publish-held":
    case "approval-expired":
      wanted = [...author, ...withRole(["OWNER"])];
      break;
    case "channel-needs-reconnect":
      wanted = withRole(["OWNER"]);
      break;
    case "publishing-paused":
    case "publishing-resumed":
      wanted = members.map((m) => m.userId);
      break;
    case "mention": {
      const mentioned = new Set(event.data.mentioned ?? []);
      wanted = members.filter((m) => mentioned.has(m.userId)).map((m) => m.userId);
      break;
    }
  }
  return [...new Set(wanted)].filter((id) => id !== event.actorId);
}

/** Kinds a client (a share link's e-mail address) is mailed about: posts that await them. */
export const clientKinds: readonly NotificationKind[] = ["review-requested", "approval-reminder"];

/** Where a notice leads, as a path under the workspace (`/w/<slug>`). */
export function targetPath(kind: NotificationKind, data: EventData): string {
  if (kind === "channel-needs-reconnect") return "/channels";
  if (kind === "publishing-paused" || kind === "publishing-resumed") return "/pause";
  if (kind === "approval-expired") return "/expired";
  return data.postId ? `/posts/${data.postId}` : "";
}
