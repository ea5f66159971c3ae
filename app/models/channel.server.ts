// Connected channels of one workspace. Credentials go in encrypted and never come out
// of these functions in clear: the UI only learns whether a channel has them.
import type { ConnectedChannel } from "~/channels/connect-form";
import type { Prisma } from "~/generated/prisma/client";
import type { NetworkKind } from "~/generated/prisma/enums";
import { prisma } from "~/utils/db.server";
import { encrypt } from "~/utils/encryption.server";
import { recordAudit } from "./audit.server";

export async function listChannels(workspaceId: string) {
  const channels = await prisma.channel.findMany({
    where: { workspaceId },
    orderBy: [{ network: "asc" }, { name: "asc" }],
    select: { id: true, network: true, name: true, enabled: true, needsReconnect: true, credentials: true, createdAt: true },
  });
  return channels.map(({ credentials, ...channel }) => ({ ...channel, hasCredentials: credentials !== null }));
}

/** Credentials are stored as the JSON object the network's adapter reads, encrypted. */
export function createChannel(workspaceId: string, actorId: string, input: ConnectedChannel) {
  return prisma.$transaction(async (tx) => {
    const channel = await tx.channel.create({
      data: {
        workspaceId,
        network: input.network,
        name: input.name,
        settings: input.settings as Prisma.InputJsonObject,
        credentials: input.credentials ? encrypt(JSON.stringify(input.credentials)) : null,
      },
      select: { id: true },
    });
    await recordAudit(tx, { workspaceId, actorId, action: "channel.created", targetType: "channel", targetId: channel.id, data: { network: input.network, name: input.name } });
    return channel;
  });
}

/**
 * A channel from an OAuth connection; or, reconnecting, new credentials for the channel it
 * names (in this workspace, same network): its version moves on and it no longer needs reconnecting.
 */
export function saveConnectedChannel(workspaceId: string, actorId: string, input: { network: NetworkKind; channelId: string | null; name: string; settings: Record<string, unknown>; credentials: Record<string, string> }) {
  return prisma.$transaction(async (tx) => {
    const credentials = encrypt(JSON.stringify(input.credentials));
    if (input.channelId) {
      const updated = await tx.channel.updateMany({
        where: { id: input.channelId, workspaceId, network: input.network },
        data: { credentials, settings: input.settings as Prisma.InputJsonObject, needsReconnect: false, credentialsVersion: { increment: 1 } },
      });
      if (!updated.count) return null;
      await recordAudit(tx, { workspaceId, actorId, action: "channel.reconnected", targetType: "channel", targetId: input.channelId, data: { network: input.network } });
      return { id: input.channelId };
    }
    const channel = await tx.channel.create({
      data: { workspaceId, network: input.network, name: input.name.slice(0, 100), settings: input.settings as Prisma.InputJsonObject, credentials },
      select: { id: true },
    });
    await recordAudit(tx, { workspaceId, actorId, action: "channel.created", targetType: "channel", targetId: channel.id, data: { network: input.network, name: input.name, via: "oauth" } });
    return channel;
  });
}
