// What each workspace role may do. The single source of truth: every loader and action
// asks `can(role, permission)` through requireWorkspace(), and the README's table is
// this table.
export const roles = ["OWNER", "EDITOR", "APPROVER", "VIEWER"] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  "workspace:read",
  "workspace:update",
  "workspace:pause",
  "member:read",
  "member:manage",
  "channel:read",
  "channel:manage",
  "post:read",
  "post:write",
  "post:approve",
  "post:comment",
  "rules:override",
] as const;
export type Permission = (typeof permissions)[number];

const grants: Record<Role, readonly Permission[]> = {
  OWNER: permissions,
  EDITOR: ["workspace:read", "workspace:pause", "member:read", "channel:read", "post:read", "post:write", "post:comment"],
  APPROVER: ["workspace:read", "member:read", "channel:read", "post:read", "post:approve", "post:comment"],
  VIEWER: ["workspace:read", "member:read", "channel:read", "post:read"],
};

export function can(role: Role, permission: Permission): boolean {
  return grants[role].includes(permission);
}

/** An owner of a workspace that asks its owners for two-factor sign-in, without it: nothing there (reading included) until it is on. */
export function needsTwoFactorFirst(role: Role, ownersNeedTwoFactor: boolean, hasTwoFactor: boolean): boolean {
  return role === "OWNER" && ownersNeedTwoFactor && !hasTwoFactor;
}

export const permissionDescriptions: Record<Permission, string> = {
  "workspace:read": "see the workspace and its calendar",
  "workspace:update": "rename the workspace, change its time zone and rules",
  "workspace:pause": "pause and resume publishing (crisis mode)",
  "member:read": "see who belongs to the workspace",
  "member:manage": "invite members, change and remove roles",
  "channel:read": "see the connected channels",
  "channel:manage": "connect, edit and disconnect channels",
  "post:read": "see posts and their variants",
  "post:write": "create, edit, submit and schedule posts",
  "post:approve": "approve posts or request changes",
  "post:comment": "comment on posts",
  "rules:override": "override a blocking rule with a written reason",
};
