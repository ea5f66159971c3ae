// Producing notifications (decision 0032): an event row written in the same transaction as
// the change it tells of, keyed so that the same happening is written once. That is all the
// action pays — one insert; a statement trigger wakes the worker (pg_notify), which fans the
// event out to people, mail and chat. Publishing problems are written by a trigger on
// Variant (the migration), so no path of the worker has to remember them.
import type { EventData, NotificationKind } from "~/domain/notifications";
import { mentionedIn } from "~/domain/mentions";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";

type Db = Prisma.TransactionClient | typeof prisma;

export type NewEvent = { key: string; workspaceId: string; kind: NotificationKind; actorId?: string | null; data: EventData };

/** Writes events not yet written (by key); returns how many were new. */
export async function recordEvents(db: Db, events: readonly NewEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const { count } = await db.notificationEvent.createMany({
    data: events.map((e) => ({ key: e.key.slice(0, 200), workspaceId: e.workspaceId, kind: e.kind, actorId: e.actorId ?? null, data: e.data as Prisma.InputJsonValue })),
    skipDuplicates: true,
  });
  return count;
}

/** One step of the approval workflow, as the gate carried it out. */
export type PostStep = {
  workspaceId: string;
  post: { id: string; title: string; authorId: string | null; scheduledAt: Date | null };
  /** The revision the post has after the step. */
  revision: number;
  from: string;
  to: string;
  action: string;
  newRevision: boolean;
  actor: { kind: "member"; id: string } | { kind: "client"; linkId: string; name: string } | { kind: "system" };
  comment?: string;
  /** Approvals of the current revision after the step, and how many the workspace asks. */
  approvals?: { have: number; need: number };
};

const excerpt = (text?: string) => (text && text.length > 280 ? `${text.slice(0, 279)}…` : text);

/** The events one workflow step makes: review requested, approved, changes requested, a client's decision. */
export function eventsOfStep(step: PostStep): NewEvent[] {
  const { post, workspaceId } = step;
  const actorId = step.actor.kind === "member" ? step.actor.id : null;
  const base: EventData = { postId: post.id, title: post.title, ...(post.scheduledAt ? { at: post.scheduledAt.toISOString() } : {}) };
  const scheduled = step.to === "SCHEDULED";
  const events: NewEvent[] = [];
  if (step.to === "IN_REVIEW" && (step.from !== "IN_REVIEW" || step.newRevision)) {
    events.push({ key: `review:${post.id}:${step.revision}`, workspaceId, kind: "review-requested", actorId, data: { ...base } });
  }
  const who = step.actor.kind === "client" ? `link:${step.actor.linkId}` : `user:${actorId}`;
  if (step.action === "approve" || step.action === "request-changes") {
    const decided = step.action === "approve" ? "approve" : "request-changes";
    // request-changes starts a new revision: the key names the one decided on.
    const revision = step.action === "approve" ? step.revision : step.revision - 1;
    if (step.actor.kind === "client") {
      events.push({
        key: `client:${post.id}:${revision}:${step.actor.linkId}:${decided}`,
        workspaceId,
        kind: "client-decision",
        data: { ...base, decision: decided, clientName: step.actor.name, comment: excerpt(step.comment), scheduled },
      });
    } else {
      events.push({
        key: `${decided === "approve" ? "approved" : "changes"}:${post.id}:${revision}:${who}`,
        workspaceId,
        kind: decided === "approve" ? "approved" : "changes-requested",
        actorId,
        data: { ...base, comment: excerpt(step.comment), approvals: step.approvals, scheduled },
      });
    }
  }
  return events;
}

/** A comment's @mentions of members of the workspace, as an event. */
export async function mentionEvent(db: Db, input: { workspaceId: string; commentId: string; actorId: string; post: { id: string; title: string }; body: string }): Promise<NewEvent | null> {
  if (!input.body.includes("@")) return null;
  const members = await db.membership.findMany({ where: { workspaceId: input.workspaceId }, select: { userId: true, user: { select: { name: true, email: true } } } });
  const mentioned = mentionedIn(
    input.body,
    members.map((m) => ({ userId: m.userId, name: m.user.name, email: m.user.email })),
  ).filter((id) => id !== input.actorId);
  if (mentioned.length === 0) return null;
  return { key: `mention:${input.commentId}`, workspaceId: input.workspaceId, kind: "mention", actorId: input.actorId, data: { postId: input.post.id, title: input.post.title, comment: excerpt(input.body), mentioned } };
}

/**
 * Tells the people of a workspace that something happened outside the workflow. The one
 * function other parts of Rytm call, e.g. the channel connections when a token stops working:
 *   notify(workspaceId, { kind: "channel-needs-reconnect", channelId, reason })
 * Told once per channel state: a second call before the channel changes is harmless.
 */
export async function notify(workspaceId: string, event: { kind: "channel-needs-reconnect"; channelId: string; reason?: string }, db: Db = prisma): Promise<boolean> {
  const channel = await db.channel.findFirst({ where: { id: event.channelId, workspaceId }, select: { id: true, name: true, updatedAt: true } });
  if (!channel) return false;
  const written = await recordEvents(db, [
    {
      key: `reconnect:${channel.id}:${channel.updatedAt.getTime()}`,
      workspaceId,
      kind: "channel-needs-reconnect",
      data: { channelId: channel.id, channelName: channel.name, reason: excerpt(event.reason) },
    },
  ]);
  return written > 0;
}
