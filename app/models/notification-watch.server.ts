// What the worker looks for on its sweep, beside events: approval deadlines coming (a
// reminder to approvers and clients) and passed (the post expired: it will not go out), and
// the daily digests that are due. Each writes keyed rows, so running twice writes once.
import { DateTime } from "luxon";
import { readNotificationSettings } from "~/domain/notification-settings";
import { type EventData, isNotificationKind } from "~/domain/notifications";
import { prisma } from "~/utils/db.server";
import { unsubscribePath } from "~/utils/unsubscribe-token.server";
import { insertMails, mailLocale } from "./outbox.server";

/** Expired posts are looked for this far back: a worker that was down longer does not tell of ancient ones. */
const EXPIRY_LOOKBACK_MS = 7 * 86_400_000;
/** The longest reminder lead a workspace can choose (hours). */
export const MAX_REMINDER_HOURS = 168;

/**
 * Posts in review whose deadline (their time) is within their workspace's reminder lead get a
 * reminder event, once per revision; posts whose time passed while in review (or approved too
 * late) get an expiry event, once per time they were planned for. Two statements.
 */
export async function watchDeadlines(now = new Date()): Promise<{ reminders: number; expired: number }> {
  const horizon = new Date(now.getTime() + MAX_REMINDER_HOURS * 3_600_000);
  const reminders = await prisma.$executeRaw`
    INSERT INTO "NotificationEvent" (id, key, "workspaceId", kind, data)
    SELECT gen_random_uuid()::text, 'reminder:' || p.id || ':' || p.revision, p."workspaceId", 'approval-reminder',
      jsonb_build_object('postId', p.id, 'title', p.title, 'at', to_char(p."scheduledAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'approvedBy', COALESCE((SELECT jsonb_agg(DISTINCT CASE WHEN a."approverId" IS NOT NULL THEN 'user:' || a."approverId" ELSE 'link:' || a."shareLinkId" END)
          FROM "Approval" a WHERE a."postId" = p.id AND a.revision = p.revision AND a.decision = 'APPROVED'), '[]'::jsonb))
    FROM "Post" p JOIN "Workspace" w ON w.id = p."workspaceId"
    WHERE p.status = 'IN_REVIEW' AND p."scheduledAt" > ${now} AND p."scheduledAt" <= ${horizon}
      AND w."approvalReminderHours" > 0 AND p."scheduledAt" - make_interval(hours => w."approvalReminderHours") <= ${now}
    ON CONFLICT (key) DO NOTHING`;
  const expired = await prisma.$executeRaw`
    INSERT INTO "NotificationEvent" (id, key, "workspaceId", kind, data)
    SELECT gen_random_uuid()::text, 'expired:' || p.id || ':' || floor(extract(epoch FROM p."scheduledAt") * 1000)::bigint, p."workspaceId", 'approval-expired',
      jsonb_build_object('postId', p.id, 'title', p.title, 'at', to_char(p."scheduledAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
    FROM "Post" p
    WHERE p.status IN ('IN_REVIEW', 'APPROVED') AND p."scheduledAt" <= ${now} AND p."scheduledAt" > ${new Date(now.getTime() - EXPIRY_LOOKBACK_MS)}
    ON CONFLICT (key) DO NOTHING`;
  return { reminders, expired };
}

/**
 * Daily digests: a person with notices waiting for the digest gets one mail a local day,
 * once their hour has come. The mail's key names the person and the day; the notices it
 * holds are marked in the same transaction.
 */
export async function sendDueDigests(now = new Date()): Promise<string[]> {
  const waiting = await prisma.notification.groupBy({ by: ["userId"], where: { mail: "DIGEST", digestedAt: null } });
  const mailIds: string[] = [];
  for (const { userId } of waiting) {
    const ids = await prisma.$transaction(async (tx) => {
      const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true, locale: true, notificationSettings: true } });
      if (!user) return [];
      const settings = readNotificationSettings(user.notificationSettings);
      const local = DateTime.fromJSDate(now, { zone: settings.timeZone });
      if (local.hour < settings.digestHour) return [];
      const rows = await tx.$queryRaw<{ id: string }[]>`
        SELECT n.id FROM "Notification" n JOIN "Membership" m ON m."userId" = n."userId" AND m."workspaceId" = n."workspaceId"
        WHERE n."userId" = ${userId} AND n.mail = 'DIGEST' AND n."digestedAt" IS NULL
        ORDER BY n."createdAt" LIMIT 200 FOR UPDATE OF n SKIP LOCKED`;
      if (rows.length === 0) return [];
      const notices = await tx.notification.findMany({
        where: { id: { in: rows.map((r) => r.id) } },
        orderBy: { createdAt: "asc" },
        select: { id: true, kind: true, data: true, workspace: { select: { name: true, slug: true, timeZone: true } } },
      });
      const created = await insertMails(
        [
          {
            key: `digest:${userId}:${local.toISODate()}`,
            to: user.email,
            locale: mailLocale(user.locale),
            content: {
              template: "digest",
              notices: notices.flatMap((n) => (isNotificationKind(n.kind) ? [{ kind: n.kind, data: n.data as EventData, workspace: n.workspace }] : [])),
              unsubscribe: unsubscribePath({ kind: "member", userId, notice: "digest" }),
            },
          },
        ],
        tx,
      );
      // Today's digest went already: the rest waits for tomorrow's.
      if (created.length) await tx.notification.updateMany({ where: { id: { in: notices.map((n) => n.id) } }, data: { digestedAt: now } });
      return created;
    });
    mailIds.push(...ids);
  }
  return mailIds;
}

