// A workspace's team chat: the incoming webhook its notifications also go to. The address is
// a bearer secret (anyone holding it can post to the channel), so it is stored encrypted and
// shown back only by its host.
import type { ChatWebhook } from "~/domain/chat-message";
import { prisma } from "~/utils/db.server";
import { encrypt } from "~/utils/encryption.server";
import { recordAudit } from "./audit.server";
import { readChatWebhook } from "./notification-fanout.server";

export async function teamChatOf(workspaceId: string) {
  const workspace = await prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { chatWebhook: true, approvalReminderHours: true } });
  const webhook = readChatWebhook(workspace.chatWebhook);
  return { reminderHours: workspace.approvalReminderHours, chat: webhook && { format: webhook.format, host: new URL(webhook.url).host } };
}

export function setTeamChat(workspaceId: string, actorId: string, webhook: ChatWebhook | null) {
  return prisma.$transaction(async (tx) => {
    await tx.workspace.update({ where: { id: workspaceId }, data: { chatWebhook: webhook ? encrypt(JSON.stringify(webhook)) : null }, select: { id: true } });
    await recordAudit(tx, { workspaceId, actorId, action: webhook ? "workspace.team-chat" : "workspace.team-chat-removed", targetType: "workspace", targetId: workspaceId, data: webhook ? { format: webhook.format, host: new URL(webhook.url).host } : {} });
  });
}
