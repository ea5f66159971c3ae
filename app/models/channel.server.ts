// Connected channels of one workspace. Credentials go in encrypted and never come out
// of these functions in clear: the UI only learns whether a channel has them.
import type { ConnectedChannel } from "~/channels/connect-form";
import type { Prisma } from "~/generated/prisma/client";
import type { NetworkKind } from "~/generated/prisma/enums";
import { prisma } from "~/utils/db.server";
import { encrypt } from "~/utils/encryption.server";
import { recordAudit } from "./audit.server";
import { notify } from "./notification-events.server";
import { holdClasses } from "./scheduling.server";

export async function listChannels(workspaceId: string) {
  const channels = await prisma.channel.findMany({
    where: { workspaceId },
    orderBy: [{ network: "asc" }, { name: "asc" }],
    select: { id: true, network: true, name: true, enabled: true, needsReconnect: true, credentials: true, settings: true, createdAt: true },
  });
  // Of the settings, only the instance leaves: reconnecting a Mastodon channel signs in there again.
  return channels.map(({ credentials, settings, ...channel }) => {
    const instanceUrl = (settings as { instanceUrl?: unknown }).instanceUrl;
    return { ...channel, hasCredentials: credentials !== null, instanceUrl: typeof instanceUrl === "string" ? instanceUrl : null };
  });
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

/** A webhook channel's new signing secret: the old one stops signing at once (version +1). */
export function replaceWebhookSecret(workspaceId: string, actorId: string, id: string, credentials: { secret: string }) {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.channel.updateMany({
      where: { id, workspaceId, network: "webhook" },
      data: { credentials: encrypt(JSON.stringify(credentials)), needsReconnect: false, credentialsVersion: { increment: 1 } },
    });
    if (count) await recordAudit(tx, { workspaceId, actorId, action: "channel.secret-rotated", targetType: "channel", targetId: id, data: { network: "webhook" } });
    return count === 1;
  });
}

/** A channel's stored credentials and their version, for the token lifecycle (token-refresh.server.ts). */
export function channelGrantRow(id: string) {
  return prisma.channel.findUnique({ where: { id }, select: { id: true, network: true, settings: true, credentials: true, credentialsVersion: true, needsReconnect: true } });
}

/** The enabled channels of these networks that hold credentials and are not waiting for a reconnect, sealed (the renewal sweep decides from their expiry). */
export function channelsHoldingGrants(networks: NetworkKind[]) {
  return prisma.channel.findMany({ where: { network: { in: networks }, enabled: true, needsReconnect: false, credentials: { not: null } }, select: { id: true, network: true, credentials: true } });
}

/** Stores refreshed credentials only if nobody changed them since `version` was read (compare-and-set). */
export async function storeRefreshedCredentials(id: string, version: number, sealed: string): Promise<boolean> {
  const { count } = await prisma.channel.updateMany({ where: { id, credentialsVersion: version, needsReconnect: false }, data: { credentials: sealed, credentialsVersion: version + 1 } });
  return count === 1;
}

export const HOLD_NEEDS_RECONNECT = "needs-reconnect" satisfies (typeof holdClasses)[number];

/**
 * The network refused the grant (expired or revoked): the channel needs reconnecting, and
 * every variant planned on it waits, held with that reason — not failed, not lost.
 */
export async function markNeedsReconnect(id: string, version: number) {
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.channel.updateMany({ where: { id, credentialsVersion: version }, data: { needsReconnect: true } });
    if (!count) return;
    // The owners are told once per channel state, with the same commit that marks it.
    const { workspaceId } = await tx.channel.findUniqueOrThrow({ where: { id }, select: { workspaceId: true } });
    await notify(workspaceId, { kind: "channel-needs-reconnect", channelId: id, reason: "The network no longer accepts this channel's sign-in." }, tx);
    await tx.variant.updateMany({
      where: { channelId: id, status: "SCHEDULED", OR: [{ failureClass: null }, { failureClass: { notIn: [...holdClasses] } }] },
      data: { failureClass: HOLD_NEEDS_RECONNECT, lastError: "Held: the channel needs reconnecting; the network no longer accepts its sign-in." },
    });
  });
}

/**
 * After reconnecting: the variants held for it are released. Those whose time is still ahead
 * go back on their schedule (the caller enqueues them); the rest stay held as overdue, for a
 * person to publish now or move, as after a pause.
 */
export async function releaseReconnected(workspaceId: string, channelId: string, now = new Date()) {
  const ahead = await prisma.variant.findMany({
    where: { workspaceId, channelId, status: "SCHEDULED", failureClass: HOLD_NEEDS_RECONNECT, scheduledAt: { gt: now } },
    select: { id: true, scheduleVersion: true, scheduledAt: true, attempts: true },
  });
  await prisma.variant.updateMany({ where: { id: { in: ahead.map((v) => v.id) }, failureClass: HOLD_NEEDS_RECONNECT }, data: { failureClass: null, lastError: null } });
  await prisma.variant.updateMany({
    where: { workspaceId, channelId, status: "SCHEDULED", failureClass: HOLD_NEEDS_RECONNECT },
    data: { failureClass: "paused", lastError: "Held: its time passed while the channel needed reconnecting." },
  });
  return ahead;
}

/** One channel of this workspace, with what its management page says before a change: its planned and published variants. */
export async function channelForManagement(workspaceId: string, id: string) {
  const channel = await prisma.channel.findFirst({ where: { id, workspaceId }, select: { id: true, network: true, name: true, needsReconnect: true, credentials: true, settings: true } });
  if (!channel) return null;
  const [planned, published] = await Promise.all([
    prisma.variant.count({ where: { workspaceId, channelId: id, status: { in: ["SCHEDULED", "PUBLISHING"] } } }),
    prisma.variant.count({ where: { workspaceId, channelId: id, status: "PUBLISHED" } }),
  ]);
  const { credentials, settings, ...shown } = channel;
  const instanceUrl = (settings as { instanceUrl?: unknown }).instanceUrl;
  return { ...shown, connected: credentials !== null, instanceUrl: typeof instanceUrl === "string" ? instanceUrl : null, planned, published };
}

export async function renameChannel(workspaceId: string, actorId: string, id: string, name: string) {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.channel.updateMany({ where: { id, workspaceId }, data: { name } });
    if (count) await recordAudit(tx, { workspaceId, actorId, action: "channel.renamed", targetType: "channel", targetId: id, data: { name } });
    return count === 1;
  });
}

/**
 * Disconnecting forgets the credentials (returned, still sealed, for the caller to revoke at
 * the network) and holds the planned variants until the channel is reconnected.
 */
export async function disconnectChannel(workspaceId: string, actorId: string, id: string) {
  return prisma.$transaction(async (tx) => {
    const channel = await tx.channel.findFirst({ where: { id, workspaceId }, select: { credentials: true, network: true, settings: true } });
    if (!channel) return null;
    await tx.channel.update({ where: { id }, data: { credentials: null, needsReconnect: true, credentialsVersion: { increment: 1 } }, select: { id: true } });
    await tx.variant.updateMany({
      where: { channelId: id, status: "SCHEDULED", OR: [{ failureClass: null }, { failureClass: { notIn: [...holdClasses] } }] },
      data: { failureClass: HOLD_NEEDS_RECONNECT, lastError: "Held: the channel was disconnected; reconnect it to publish." },
    });
    await recordAudit(tx, { workspaceId, actorId, action: "channel.disconnected", targetType: "channel", targetId: id, data: { network: channel.network } });
    return channel;
  });
}

/** Deletes the channel and, with it (the schema cascades), all its variants, planned and published. */
export async function deleteChannel(workspaceId: string, actorId: string, id: string) {
  return prisma.$transaction(async (tx) => {
    const channel = await tx.channel.findFirst({ where: { id, workspaceId }, select: { network: true, name: true } });
    if (!channel) return false;
    await tx.channel.delete({ where: { id }, select: { id: true } });
    await recordAudit(tx, { workspaceId, actorId, action: "channel.deleted", targetType: "channel", targetId: id, data: channel });
    return true;
  });
}
