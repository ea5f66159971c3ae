// Connected channels of one workspace. Credentials go in encrypted and never come out
// of these functions in clear: the UI only learns whether a channel has them.
import type { ConnectedChannel } from "~/channels/connect-form";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { encrypt } from "~/utils/encryption.server";
import { recordAudit } from "./audit.server";

export async function listChannels(workspaceId: string) {
  const channels = await prisma.channel.findMany({
    where: { workspaceId },
    orderBy: [{ network: "asc" }, { name: "asc" }],
    select: { id: true, network: true, name: true, enabled: true, credentials: true, createdAt: true },
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
