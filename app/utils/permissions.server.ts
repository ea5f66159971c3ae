// The guard every workspace loader and action calls first. The workspace comes from the
// URL but is only reached through the signed-in user's membership: a workspace you do
// not belong to answers 404 (its existence is not revealed), a right your role lacks 403.
import { redirect } from "@remix-run/node";
import { can, needsTwoFactorFirst, permissionDescriptions, type Permission } from "~/domain/permissions";
import { findMembership } from "~/models/workspace.server";
import { requireUser } from "./auth.server";

// The layout and the page of one request both ask; the database is asked once.
const membershipsByRequest = new WeakMap<Request, Map<string, ReturnType<typeof findMembership>>>();

function membershipFor(request: Request, userId: string, slug: string) {
  let bySlug = membershipsByRequest.get(request);
  if (!bySlug) membershipsByRequest.set(request, (bySlug = new Map()));
  let membership = bySlug.get(slug);
  if (!membership) bySlug.set(slug, (membership = findMembership(userId, slug)));
  return membership;
}

export async function requireWorkspace(request: Request, slug: string | undefined, permission: Permission) {
  const user = await requireUser(request);
  const membership = slug ? await membershipFor(request, user.id, slug) : null;
  // Thrown as a Response (not data()) so that resource routes answer it too, not only pages.
  if (!membership) throw Response.json({ message: "There is no such workspace, or you are not a member of it." }, { status: 404 });
  if (needsTwoFactorFirst(membership.role, membership.workspace.ownersNeedTwoFactor, user.twoFactor)) throw twoFactorFirst(request, membership.workspace.slug);
  if (!can(membership.role, permission)) {
    const role = membership.role.toLowerCase();
    throw Response.json({ message: `As ${role === "approver" ? "an" : "a"} ${role} you cannot ${permissionDescriptions[permission]}.` }, { status: 403 });
  }
  return { user, role: membership.role, workspace: membership.workspace };
}

/**
 * The workspace asks its owners for two-factor sign-in and this owner has none: before
 * anything else (reading included: an owner's session can do everything), they are sent to
 * set it up, and back afterwards.
 */
function twoFactorFirst(request: Request, slug: string): Response {
  const url = new URL(request.url);
  // A client-side navigation asks for <page>.data?_routes=…: back to the page itself.
  url.searchParams.delete("_routes");
  const back = request.method === "GET" ? `${url.pathname.replace(/\.data$/, "")}${url.search}` : `/w/${slug}`;
  return redirect(`/account/two-factor?${new URLSearchParams({ workspace: slug, redirectTo: back })}`);
}

export function notFound(what: string): never {
  throw Response.json({ message: `${what} was not found in this workspace.` }, { status: 404 });
}
