// Workspace and member forms, shared by the browser and the actions (the channel form is
// app/channels/connect-form.ts).
import { z } from "zod";
import { emailSchema } from "./account-schemas";
import { roles } from "./permissions";
import { recordIdSchema, singleLineText } from "./text-input";
import { canonicalTimeZone } from "./time-zones";

export const workspaceNameSchema = singleLineText({ max: 100, required: "Enter a name for the workspace", tooLong: "A workspace name has at most 100 characters" });

/** A zone name in any letter case, stored as the platform spells it ("Europe/Warsaw"). */
export const timeZoneSchema = z.string({ error: "Choose a time zone" }).transform((name, ctx) => {
  const zone = canonicalTimeZone(name.trim());
  if (zone) return zone;
  ctx.addIssue({ code: "custom", message: "Choose a time zone from the list, such as Europe/Warsaw" });
  return z.NEVER;
});

export const createWorkspaceSchema = z.object({ name: workspaceNameSchema, timeZone: timeZoneSchema });

/** The settings form: the name (the zone has a page of its own, app/routes/w.$slug.settings_.time-zone.tsx). */
export const updateWorkspaceSchema = z.object({ name: workspaceNameSchema, timeZone: timeZoneSchema.optional() });

const roleSchema = z.enum(roles, { error: "Choose a role: owner, editor, approver or viewer" });

export const inviteSchema = z.object({ intent: z.literal("invite"), email: emailSchema, role: roleSchema });
export const changeRoleSchema = z.object({ intent: z.literal("change-role"), membershipId: recordIdSchema("Which member?"), role: roleSchema });
export const removeMemberSchema = z.object({ intent: z.literal("remove"), membershipId: recordIdSchema("Which member?") });
export const revokeInvitationSchema = z.object({ intent: z.literal("revoke-invitation"), invitationId: recordIdSchema("Which invitation?") });
export const memberActionSchema = z.discriminatedUnion("intent", [inviteSchema, changeRoleSchema, removeMemberSchema, revokeInvitationSchema]);

// Checkboxes send "on" when ticked and nothing when not.
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

export const approvalPolicySchema = z.object({
  intent: z.literal("approvals"),
  approvalsRequired: z.coerce.number({ error: "Choose 0, 1 or 2 approvals" }).int().min(0, "Choose 0, 1 or 2 approvals").max(2, "Choose 0, 1 or 2 approvals"),
  editorsMaySchedule: checkbox,
  keepApprovalOnMove: checkbox,
  approvalReminderHours: z.coerce.number({ error: "Hours before the deadline, 0 to 168" }).int("Whole hours").min(0, "Hours before the deadline, 0 to 168").max(168, "Hours before the deadline, 0 to 168").default(24),
});
