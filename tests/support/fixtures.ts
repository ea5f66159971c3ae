// Test data made straight in the database, each with a unique name so that test files
// running in parallel never collide.
import { randomBytes } from "node:crypto";
import type { Role } from "~/domain/permissions";
import { prisma } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { Client } from "./http-client";

export const PASSWORD = "correct horse battery";
let passwordHash: Promise<string> | undefined;

export const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString("hex")}`;

export async function createUser(name = unique("user")) {
  passwordHash ??= hashPassword(PASSWORD);
  return prisma.user.create({
    data: { email: `${name}@test.example`, name, passwordHash: await passwordHash },
    select: { id: true, email: true, name: true },
  });
}

export async function createWorkspace(name = unique("brand"), timeZone = "Europe/Warsaw") {
  return prisma.workspace.create({
    data: { name, slug: name.toLowerCase(), timeZone, mixRules: {} },
    select: { id: true, slug: true, name: true },
  });
}

export function addMember(workspaceId: string, userId: string, role: Role) {
  return prisma.membership.create({ data: { workspaceId, userId, role }, select: { id: true } });
}

export async function signedIn(user: { email: string }) {
  return new Client().signIn(user.email, PASSWORD);
}

/** A fresh workspace with one member in `role`, signed in. */
export async function workspaceWithMember(role: Role = "OWNER") {
  const user = await createUser();
  const workspace = await createWorkspace();
  const membership = await addMember(workspace.id, user.id, role);
  return { user, workspace, membership, client: await signedIn(user) };
}

export async function createPost(workspaceId: string, title = unique("post")) {
  const channel = await prisma.channel.create({ data: { workspaceId, network: "mastodon", name: unique("channel") }, select: { id: true } });
  return prisma.post.create({
    data: {
      workspaceId,
      title,
      category: "educational",
      scheduledAt: new Date(Date.now() + 24 * 60 * 60 * 1000),
      variants: { create: { workspaceId, channelId: channel.id, text: `${title} text` } },
    },
    select: { id: true, title: true },
  });
}
