// The worker's fan-out (decision 0032): events not yet fanned out are claimed (FOR UPDATE SKIP
// LOCKED, so several workers share them), and in the same transaction each becomes its
// people's notifications, their mails (outbox rows keyed by event and person), the client's
// mail and the team chat's message; then the event is marked done. A worker killed halfway
// rolls everything back, and the next run does it all once: never twice, never lost.
import { randomUUID } from "node:crypto";
import { type ChatWebhook, chatPayload } from "~/domain/chat-message";
import { choiceFor, readNotificationSettings } from "~/domain/notification-settings";
import { type EventData, type Member, type NotificationKind, clientKinds, isNotificationKind, recipientsOf, targetPath } from "~/domain/notifications";
import type { Role } from "~/domain/permissions";
import type { Prisma } from "~/generated/prisma/client";
import { isLocale } from "~/i18n/locales";
import { messages } from "~/i18n/messages";
import type { MailWorkspace } from "~/mail/templates";
import { prisma } from "~/utils/db.server";
import { decrypt, encrypt } from "~/utils/encryption.server";
import { unsubscribePath } from "~/utils/unsubscribe-token.server";
import { type QueuedMail, insertMails, mailLocale, mailOrigin } from "./outbox.server";
import { formatDateTime } from "~/utils/dates";

type Tx = Prisma.TransactionClient;
type EventRow = { id: string; workspaceId: string; kind: string; actorId: string | null; data: EventData };

export type FanOutResult = { events: number; notifications: number; mailIds: string[]; chatIds: string[] };

const BATCH = 200;

/** Fans out every pending event, a batch per transaction; returns what it made (the caller queues the mails and chat messages). */
export async function fanOutPending(batch = BATCH): Promise<FanOutResult> {
  const total: FanOutResult = { events: 0, notifications: 0, mailIds: [], chatIds: [] };
  for (;;) {
    const result = await prisma.$transaction((tx) => fanOutBatch(tx, batch), { timeout: 60_000 });
    total.events += result.events;
    total.notifications += result.notifications;
    total.mailIds.push(...result.mailIds);
    total.chatIds.push(...result.chatIds);
    if (result.events < batch) return total;
  }
}

export async function fanOutBatch(tx: Tx, batch = BATCH): Promise<FanOutResult> {
  const events = await tx.$queryRaw<EventRow[]>`
    SELECT id, "workspaceId", kind, "actorId", data FROM "NotificationEvent"
    WHERE "fannedOutAt" IS NULL ORDER BY "createdAt" LIMIT ${batch} FOR UPDATE SKIP LOCKED`;
  if (events.length === 0) return { events: 0, notifications: 0, mailIds: [], chatIds: [] };
  const context = await loadContext(tx, events);
  const notifications: Prisma.NotificationCreateManyInput[] = [];
  const mails: QueuedMail[] = [];
  const chats: Prisma.ChatMessageCreateManyInput[] = [];
  for (const event of events) {
    const workspace = context.workspaces.get(event.workspaceId);
    if (!workspace || !isNotificationKind(event.kind)) continue;
    const kind = event.kind;
    const post = event.data.postId ? context.posts.get(event.data.postId) : undefined;
    const data = enrich(event, context, post);
    const ref: MailWorkspace = { name: workspace.name, slug: workspace.slug, timeZone: workspace.timeZone };
    for (const userId of recipientsOf({ kind, actorId: event.actorId, authorId: post?.authorId ?? null, data }, workspace.members)) {
      const user = workspace.users.get(userId)!;
      const choice = choiceFor(readNotificationSettings(user.notificationSettings), kind);
      if (choice === "off") continue;
      notifications.push({
        id: randomUUID(),
        eventId: event.id,
        userId,
        workspaceId: workspace.id,
        kind,
        postId: data.postId ?? null,
        data: data as Prisma.InputJsonValue,
        mail: choice === "email" ? "NOW" : choice === "digest" ? "DIGEST" : "NONE",
      });
      if (choice === "email") {
        mails.push({
          key: `notify:${event.id}:${userId}`,
          to: user.email,
          locale: mailLocale(user.locale),
          content: { template: "notification", kind, data, workspace: ref, unsubscribe: unsubscribePath({ kind: "member", userId, notice: kind }) },
        });
      }
    }
    if (clientKinds.includes(kind) && post?.scheduledAt) mails.push(...clientMails(event, kind, data, post.scheduledAt, ref, context.links.get(workspace.id) ?? []));
    if (workspace.chatWebhook) chats.push(chatMessage(event, kind, data, workspace, workspace.chatWebhook));
  }
  if (notifications.length) await tx.notification.createMany({ data: notifications, skipDuplicates: true });
  const mailIds = await insertMails(mails, tx);
  const chatIds = chats.length ? (await tx.chatMessage.createManyAndReturn({ data: chats, skipDuplicates: true, select: { id: true } })).map((c) => c.id) : [];
  await tx.notificationEvent.updateMany({ where: { id: { in: events.map((e) => e.id) } }, data: { fannedOutAt: new Date() } });
  return { events: events.length, notifications: notifications.length, mailIds, chatIds };
}

type Context = Awaited<ReturnType<typeof loadContext>>;

/** Everything a batch's messages name, in a few queries: workspaces with members, posts, channels, actors, client links. */
async function loadContext(tx: Tx, events: readonly EventRow[]) {
  const ids = (pick: (e: EventRow) => string | null | undefined) => [...new Set(events.map(pick).filter((v): v is string => Boolean(v)))];
  const workspaceIds = ids((e) => e.workspaceId);
  const [workspaces, posts, channels, actors, links] = await Promise.all([
    tx.workspace.findMany({
      where: { id: { in: workspaceIds } },
      select: {
        id: true,
        name: true,
        slug: true,
        timeZone: true,
        chatWebhook: true,
        memberships: { select: { role: true, user: { select: { id: true, email: true, locale: true, notificationSettings: true } } } },
      },
    }),
    tx.post.findMany({ where: { id: { in: ids((e) => e.data.postId) } }, select: { id: true, title: true, authorId: true, scheduledAt: true, revision: true } }),
    tx.channel.findMany({ where: { id: { in: ids((e) => e.data.channelId) } }, select: { id: true, name: true } }),
    tx.user.findMany({ where: { id: { in: ids((e) => e.actorId) } }, select: { id: true, name: true } }),
    tx.shareLink.findMany({
      where: { workspaceId: { in: workspaceIds }, revokedAt: null, expiresAt: { gt: new Date() }, clientEmail: { not: null }, tokenCipher: { not: null } },
      select: { id: true, workspaceId: true, fromDate: true, toDate: true, clientEmail: true, clientLocale: true, tokenCipher: true },
    }),
  ]);
  const linksByWorkspace = new Map<string, typeof links>();
  for (const link of links) linksByWorkspace.set(link.workspaceId, [...(linksByWorkspace.get(link.workspaceId) ?? []), link]);
  return {
    workspaces: new Map(
      workspaces.map((w) => [
        w.id,
        {
          ...w,
          chatWebhook: readChatWebhook(w.chatWebhook),
          members: w.memberships.map((m): Member => ({ userId: m.user.id, role: m.role as Role })),
          users: new Map(w.memberships.map((m) => [m.user.id, m.user])),
        },
      ]),
    ),
    posts: new Map(posts.map((p) => [p.id, p])),
    channels: new Map(channels.map((c) => [c.id, c.name])),
    actors: new Map(actors.map((a) => [a.id, a.name])),
    links: linksByWorkspace,
  };
}

/** The event's words completed from the rows they name (a trigger's event knows only ids). */
function enrich(event: EventRow, context: Context, post: { title: string; scheduledAt: Date | null } | undefined): EventData {
  const data = { ...event.data };
  if (post && !data.title) data.title = post.title;
  if (post?.scheduledAt && !data.at) data.at = post.scheduledAt.toISOString();
  if (data.channelId && !data.channelName) data.channelName = context.channels.get(data.channelId);
  if (event.actorId && !data.actorName) data.actorName = context.actors.get(event.actorId);
  return data;
}

/** The workspace's team-chat setting, if it has one and it opens. */
export function readChatWebhook(sealed: string | null): ChatWebhook | null {
  if (!sealed) return null;
  try {
    return JSON.parse(decrypt(sealed)) as ChatWebhook;
  } catch {
    return null;
  }
}

function chatMessage(event: EventRow, kind: NotificationKind, data: EventData, workspace: MailWorkspace & { id: string }, webhook: ChatWebhook): Prisma.ChatMessageCreateManyInput {
  const locale = isLocale(webhook.locale) ? webhook.locale : "en";
  const t = messages[locale].notifications;
  const when = (iso: string) => formatDateTime(iso, workspace.timeZone, locale);
  const text = `${workspace.name}: ${t.line(kind, data, workspace.name, when)}`;
  const url = new URL(`/w/${workspace.slug}${targetPath(kind, data)}`, `${mailOrigin()}/`).toString();
  const body = chatPayload(webhook.format, text, { url, label: t.page.open });
  return { id: randomUUID(), key: `chat:${event.id}`, workspaceId: workspace.id, body: encrypt(JSON.stringify({ url: webhook.url, body })) };
}

type ClientLink = Context["links"] extends Map<string, infer L> ? L extends readonly (infer One)[] ? One : never : never;

/** A client whose link covers the post is mailed that it awaits them (or, nearer the time, reminded) — unless their link already approved it. */
function clientMails(event: EventRow, kind: NotificationKind, data: EventData, at: Date, workspace: MailWorkspace, links: readonly ClientLink[]): QueuedMail[] {
  const approved = new Set(data.approvedBy ?? []);
  return links
    .filter((link) => link.fromDate <= at && at < link.toDate && !approved.has(`link:${link.id}`))
    .flatMap((link) => {
      let token: string;
      try {
        token = decrypt(link.tokenCipher!);
      } catch {
        return [];
      }
      return [
        {
          key: `client:${event.id}:${link.id}`,
          to: link.clientEmail!,
          locale: mailLocale(link.clientLocale),
          content: {
            template: "client-posts" as const,
            reminder: kind === "approval-reminder",
            workspace,
            posts: [{ title: data.title ?? "", at: at.toISOString() }],
            path: `/share/${token}#post-${data.postId}`,
            unsubscribe: unsubscribePath({ kind: "client", linkId: link.id }),
          },
        },
      ];
    });
}
