// A person's notifications (the bell and its list) and their settings. Every query is by the
// person's own id, and lists only notices of workspaces they still belong to.
import { type NotificationSettings, readNotificationSettings, withoutMail } from "~/domain/notification-settings";
import { type NotificationKind, notificationKinds } from "~/domain/notifications";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import type { Unsubscription } from "~/utils/unsubscribe-token.server";
import { recordAudit } from "./audit.server";

const ofMine = (userId: string): Prisma.NotificationWhereInput => ({ userId, workspace: { memberships: { some: { userId } } } });

export const unreadCount = (userId: string) => prisma.notification.count({ where: { ...ofMine(userId), readAt: null } });

export function listNotifications(userId: string, limit = 100) {
  return prisma.notification.findMany({
    where: ofMine(userId),
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, kind: true, data: true, readAt: true, createdAt: true, workspace: { select: { name: true, slug: true, timeZone: true } } },
  });
}

/** Marks one notice (or all) read; only the person's own. */
export async function markRead(userId: string, id: string | "all"): Promise<number> {
  const { count } = await prisma.notification.updateMany({ where: { userId, readAt: null, ...(id === "all" ? {} : { id }) }, data: { readAt: new Date() } });
  return count;
}

/** Opening a post reads the person's notices about it. */
export function markPostRead(userId: string, postId: string) {
  return prisma.notification.updateMany({ where: { userId, postId, readAt: null }, data: { readAt: new Date() } });
}

export async function notificationSettingsOf(userId: string): Promise<NotificationSettings> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { notificationSettings: true } });
  return readNotificationSettings(user.notificationSettings);
}

export function saveNotificationSettings(userId: string, settings: NotificationSettings) {
  return prisma.user.update({ where: { id: userId }, data: { notificationSettings: settings as Prisma.InputJsonValue }, select: { id: true } });
}

/** What an unsubscribe link names, for its confirmation page (null: it names nothing that exists). */
export async function describeUnsubscription(what: Unsubscription): Promise<{ workspace: string | null } | null> {
  if (what.kind === "member") return (await prisma.user.count({ where: { id: what.userId } })) ? { workspace: null } : null;
  const link = await prisma.shareLink.findUnique({ where: { id: what.linkId }, select: { workspace: { select: { name: true } } } });
  return link && { workspace: link.workspace.name };
}

/** One click in a mail: that kind of mail stops (the bell keeps it), or a client's link stops mailing. */
export async function unsubscribe(what: Unsubscription): Promise<boolean> {
  if (what.kind === "client") {
    return prisma.$transaction(async (tx) => {
      const link = await tx.shareLink.findUnique({ where: { id: what.linkId }, select: { workspaceId: true, clientEmail: true } });
      if (!link) return false;
      if (link.clientEmail) {
        await tx.shareLink.update({ where: { id: what.linkId }, data: { clientEmail: null }, select: { id: true } });
        await recordAudit(tx, { workspaceId: link.workspaceId, actorId: null, action: "share.client-unsubscribed", targetType: "share-link", targetId: what.linkId });
      }
      return true;
    });
  }
  const user = await prisma.user.findUnique({ where: { id: what.userId }, select: { notificationSettings: true } });
  if (!user) return false;
  let settings = readNotificationSettings(user.notificationSettings);
  const kinds: readonly NotificationKind[] = what.notice === "digest" ? notificationKinds.filter((k) => settings.kinds[k] === "digest") : [what.notice];
  for (const kind of kinds) settings = withoutMail(settings, kind);
  await saveNotificationSettings(what.userId, settings);
  return true;
}
