// Connected channels of one workspace. Credentials go in encrypted and never come out
// of these functions in clear: the UI only learns whether a channel has them.
import type { NetworkKind } from "~/domain/networks";
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

export function createChannel(workspaceId: string, actorId: string, input: { network: NetworkKind; name: string; token?: string }) {
  return prisma.$transaction(async (tx) => {
    const channel = await tx.channel.create({
      data: { workspaceId, network: input.network, name: input.name, credentials: input.token ? encrypt(input.token) : null },
      select: { id: true },
    });
    await recordAudit(tx, { workspaceId, actorId, action: "channel.created", targetType: "channel", targetId: channel.id, data: { network: input.network, name: input.name } });
    return channel;
  });
}
