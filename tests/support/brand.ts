// A brand for tests of the gate: a workspace with a policy, one signed-in member in each
// role (two approvers), channels that publish to local fakes, and posts made the way the
// editor makes them.
import { DateTime } from "luxon";
import { prisma } from "~/utils/db.server";
import { encrypt } from "~/utils/encryption.server";
import { WEBHOOK_SECRET } from "../fakes/webhook-receiver";
import { addMember, createUser, createWorkspace, signedIn, unique } from "./fixtures";
import type { Client } from "./http-client";

export type Policy = { approvalsRequired: number; editorsMaySchedule: boolean; keepApprovalOnMove: boolean };
export type Brand = Awaited<ReturnType<typeof createBrand>>;

export async function createBrand(policy: Partial<Policy> = {}, webhookUrl = "http://127.0.0.1:9/never", zone = "Europe/Warsaw") {
  const workspace = await createWorkspace(unique("brand"), zone);
  await prisma.workspace.update({ where: { id: workspace.id }, data: { approvalsRequired: 1, editorsMaySchedule: false, keepApprovalOnMove: true, ...policy } });
  const people = {} as Record<"owner" | "editor" | "approver" | "approver2" | "viewer", { id: string; client: Client }>;
  const roles = { owner: "OWNER", editor: "EDITOR", approver: "APPROVER", approver2: "APPROVER", viewer: "VIEWER" } as const;
  for (const [key, role] of Object.entries(roles) as [keyof typeof roles, (typeof roles)[keyof typeof roles]][]) {
    const user = await createUser();
    await addMember(workspace.id, user.id, role);
    people[key] = { id: user.id, client: await signedIn(user) };
  }
  const channel = (network: "x" | "mastodon" | "webhook" | "linkedin", name: string) =>
    prisma.channel.create({
      data: { workspaceId: workspace.id, network, name, settings: network === "webhook" ? { url: webhookUrl } : {}, credentials: network === "webhook" ? encrypt(JSON.stringify({ secret: WEBHOOK_SECRET })) : null },
      select: { id: true, name: true },
    });
  const channels = { hook: await channel("webhook", "Hook"), x: await channel("x", "X"), linkedin: await channel("linkedin", "LinkedIn") };
  return { workspace, people, channels, zone };
}

export const localDate = (zone: string, days: number) => DateTime.now().setZone(zone).plus({ days }).toISODate()!;

/** The editor's form for a post: one variant per channel given. */
export function editorForm(brand: Brand, fields: { title?: string; category?: string; days?: number; time?: string; intent?: string; variants: [string, string][]; extra?: Record<string, string> }) {
  const form: Record<string, string> = {
    intent: fields.intent ?? "save",
    title: fields.title ?? unique("Post"),
    body: fields.variants[0]?.[1] ?? "",
    category: fields.category ?? "news",
    date: localDate(brand.zone, fields.days ?? 3),
    time: fields.time ?? "10:00",
    ...fields.extra,
  };
  fields.variants.forEach(([channelId, text], i) => {
    form[`variants[${i}].channelId`] = channelId;
    form[`variants[${i}].text`] = text;
  });
  return form;
}

/** A post made in the editor by `client`; its id. */
export async function makePost(brand: Brand, client: Client, fields: Parameters<typeof editorForm>[1]) {
  const response = await client.post(`/w/${brand.workspace.slug}/posts/new`, editorForm(brand, fields));
  if (response.status !== 302) throw new Error(`The editor answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
  return response.headers.get("location")!.split("/").at(-1)!;
}

export const postState = (postId: string) =>
  prisma.post.findUniqueOrThrow({ where: { id: postId }, select: { status: true, scheduledAt: true, revision: true, variants: { orderBy: { channelId: "asc" }, select: { id: true, status: true, scheduledAt: true, failureClass: true } } } });
