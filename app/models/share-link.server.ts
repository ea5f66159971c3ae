// Client approval links: a date range of one workspace, shown to whoever holds the link,
// who may approve posts or ask for changes — nothing else. A link counts as one approver,
// whatever names are typed into it, and its decisions go through the same gate as
// everyone's.
import { DateTime } from "luxon";
import type { Locale } from "~/i18n/locales";
import { prisma } from "~/utils/db.server";
import { decrypt, encrypt } from "~/utils/encryption.server";
import { hashToken, isTokenShaped, newSecretToken } from "~/utils/secret-token.server";
import { recordAudit } from "./audit.server";
import { decide } from "~/domain/post-gate";
import { withoutPosts } from "~/domain/violations";
import { checkWorkspacePlan, verdictOf } from "./plan-check.server";
import { type WorkspaceRef, act, gatePostOf, gateSelect, policyOf } from "./post-gate.server";

export type ClientContact = { email: string | null; locale: Locale };

export async function createShareLink(workspace: { id: string; timeZone: string }, actorId: string, input: { label: string; from: string; to: string; days: number; client?: ClientContact }) {
  const token = newSecretToken();
  const fromDate = DateTime.fromISO(input.from, { zone: workspace.timeZone }).startOf("day").toJSDate();
  const toDate = DateTime.fromISO(input.to, { zone: workspace.timeZone }).plus({ days: 1 }).startOf("day").toJSDate();
  await prisma.$transaction(async (tx) => {
    const link = await tx.shareLink.create({
      data: {
        workspaceId: workspace.id,
        tokenHash: hashToken(token),
        // Kept encrypted so the owner can copy the link again and the worker can mail it (decision 0032).
        tokenCipher: encrypt(token),
        label: input.label,
        fromDate,
        toDate,
        expiresAt: new Date(Date.now() + input.days * 86_400_000),
        createdById: actorId,
        clientEmail: input.client?.email ?? null,
        clientLocale: input.client?.locale ?? "en",
      },
      select: { id: true },
    });
    await recordAudit(tx, { workspaceId: workspace.id, actorId, action: "share.created", targetType: "share-link", targetId: link.id, data: { label: input.label, from: input.from, to: input.to } });
  });
  return token;
}

/** The workspace's links, each with its token when it can be shown again (links made before were shown once). */
export async function listShareLinks(workspaceId: string) {
  const links = await prisma.shareLink.findMany({
    where: { workspaceId },
    orderBy: { createdAt: "desc" },
    select: { id: true, label: true, fromDate: true, toDate: true, expiresAt: true, revokedAt: true, tokenCipher: true, clientEmail: true, clientLocale: true },
  });
  return links.map(({ tokenCipher, ...link }) => {
    let token: string | null = null;
    if (tokenCipher && !link.revokedAt) {
      try {
        token = decrypt(tokenCipher);
      } catch {
        // Under a key no longer listed: shown as a link made before.
      }
    }
    return { ...link, token };
  });
}

/** The owner sets (or clears) the client's address of a link. */
export async function setClientContact(workspaceId: string, actorId: string, linkId: string, client: ClientContact) {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.shareLink.updateMany({ where: { id: linkId, workspaceId, revokedAt: null }, data: { clientEmail: client.email, clientLocale: client.locale } });
    if (count) await recordAudit(tx, { workspaceId, actorId, action: "share.client-contact", targetType: "share-link", targetId: linkId, data: { email: client.email, locale: client.locale } });
    return count > 0;
  });
}

export async function revokeShareLink(workspaceId: string, actorId: string, linkId: string) {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.shareLink.updateMany({ where: { id: linkId, workspaceId, revokedAt: null }, data: { revokedAt: new Date() } });
    if (count) await recordAudit(tx, { workspaceId, actorId, action: "share.revoked", targetType: "share-link", targetId: linkId });
    return count > 0;
  });
}

/** The link behind a token, if it is well-formed, known, not revoked and not expired. */
export async function openShareLink(token: string | undefined) {
  if (!isTokenShaped(token)) return null;
  const link = await prisma.shareLink.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      fromDate: true,
      toDate: true,
      expiresAt: true,
      revokedAt: true,
      workspace: { select: { id: true, name: true, timeZone: true, approvalsRequired: true, editorsMaySchedule: true, keepApprovalOnMove: true } },
    },
  });
  if (!link || link.revokedAt || link.expiresAt < new Date()) return null;
  return link;
}
export type OpenLink = NonNullable<Awaited<ReturnType<typeof openShareLink>>>;

const inRange = (link: OpenLink) => ({ workspaceId: link.workspace.id, scheduledAt: { gte: link.fromDate, lt: link.toDate }, status: { notIn: ["CANCELLED" as const, "DRAFT" as const] } });

/**
 * The range's posts, each with the rules' verdict the team sees and the decisions the gate
 * would take from this link now (the page shows only those buttons).
 */
export async function listSharedPosts(link: OpenLink) {
  const [posts, rows, violations] = await Promise.all([
    prisma.post.findMany({
      where: inRange(link),
      orderBy: { scheduledAt: "asc" },
      select: {
        id: true,
        revision: true,
        title: true,
        status: true,
        scheduledAt: true,
        variants: { where: { status: { not: "CANCELLED" } }, select: { id: true, text: true, link: true, mediaUrls: true, channel: { select: { name: true, network: true } } } },
        // What the client may read of the discussion: what the team marked for them.
        comments: { where: { visibleToClient: true }, orderBy: { createdAt: "asc" }, select: { id: true, body: true, createdAt: true, author: { select: { name: true } } } },
        // Their own decisions through this link, with what they wrote.
        approvals: { where: { shareLinkId: link.id }, orderBy: { createdAt: "asc" }, select: { id: true, decision: true, comment: true, approverName: true, createdAt: true } },
      },
    }),
    prisma.post.findMany({ where: inRange(link), select: gateSelect }),
    checkWorkspacePlan(link.workspace.id, link.fromDate, link.toDate),
  ]);
  const gateRows = new Map(rows.map((row) => [row.id, row]));
  const client = { kind: "client" as const, linkId: link.id };
  const policy = policyOf(link.workspace);
  // A client sees the posts of the link's range, and only those: a violation names no other
  // post (a draft, or one outside the range) to them.
  const visible = new Set(posts.map((p) => p.id));
  return posts.map((post) => {
    const own = violations
      .filter((v) => v.postIds[0] === post.id)
      .map((v) => withoutPosts(v, (id) => visible.has(id)));
    const gatePost = gatePostOf(gateRows.get(post.id)!);
    const verdict = verdictOf(own, gateRows.get(post.id)!.overrideRules);
    return {
      ...post,
      violations: own,
      approvedByThisLink: gatePost.approvedBy.includes(`link:${link.id}`),
      mayApprove: decide(gatePost, { kind: "approve" }, client, policy, verdict).ok,
      mayRequestChanges: decide(gatePost, { kind: "request-changes" }, client, policy, null).ok,
    };
  });
}

/** A client's decision on one post of the link's range; any other post is "not found". */
export async function clientDecision(link: OpenLink, input: { postId: string; decision: "approve" | "request-changes"; name: string; comment?: string; revision?: number }) {
  const row = await prisma.post.findFirst({ where: { id: input.postId, ...inRange(link) }, select: { id: true } });
  if (!row) return { ok: false as const, httpStatus: 404 as const, refusal: null, check: null };
  const workspace: WorkspaceRef = link.workspace;
  return act(workspace, { kind: "client", linkId: link.id, name: input.name }, input.postId, { kind: input.decision }, { comment: input.comment || undefined, revision: input.revision });
}

