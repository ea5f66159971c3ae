import { describe, expect, it } from "vitest";
import { can, permissions, roles, type Permission, type Role } from "~/domain/permissions";

// The table the README documents; written out here so that a change to the code that is
// not a deliberate change to the table fails.
const expected: Record<Role, Permission[]> = {
  OWNER: [...permissions],
  EDITOR: ["workspace:read", "workspace:pause", "member:read", "channel:read", "post:read", "post:write", "post:comment"],
  APPROVER: ["workspace:read", "member:read", "channel:read", "post:read", "post:approve", "post:comment"],
  VIEWER: ["workspace:read", "member:read", "channel:read", "post:read"],
};

describe("role permissions", () => {
  for (const role of roles) {
    for (const permission of permissions) {
      const allowed = expected[role].includes(permission);
      it(`${role} ${allowed ? "may" : "may not"} ${permission}`, () => {
        expect(can(role, permission)).toBe(allowed);
      });
    }
  }

  it("only owners manage members, channels and settings", () => {
    for (const permission of ["member:manage", "channel:manage", "workspace:update", "rules:override"] as const) {
      expect(roles.filter((role) => can(role, permission))).toEqual(["OWNER"]);
    }
  });
});
