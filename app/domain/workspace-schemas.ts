// Workspace, member and channel forms, shared by the browser and the actions.
import { z } from "zod";
import { emailSchema } from "./account-schemas";
import { networkKinds } from "./networks";
import { roles } from "./permissions";
import { isTimeZone } from "./time-zones";


export const workspaceNameSchema = z
  .string({ error: "Enter a name for the workspace" })
  .trim()
  .min(1, "Enter a name for the workspace")
  .max(100, "A workspace name has at most 100 characters");

export const timeZoneSchema = z
  .string({ error: "Choose a time zone" })
  .refine(isTimeZone, "Choose a time zone from the list, such as Europe/Warsaw");

export const createWorkspaceSchema = z.object({ name: workspaceNameSchema, timeZone: timeZoneSchema });

export const updateWorkspaceSchema = createWorkspaceSchema;

const roleSchema = z.enum(roles, { error: "Choose a role: owner, editor, approver or viewer" });

export const inviteSchema = z.object({ intent: z.literal("invite"), email: emailSchema, role: roleSchema });
export const changeRoleSchema = z.object({ intent: z.literal("change-role"), membershipId: z.string().min(1).max(40), role: roleSchema });
export const removeMemberSchema = z.object({ intent: z.literal("remove"), membershipId: z.string().min(1).max(40) });
export const revokeInvitationSchema = z.object({ intent: z.literal("revoke-invitation"), invitationId: z.string().min(1).max(40) });
export const memberActionSchema = z.discriminatedUnion("intent", [inviteSchema, changeRoleSchema, removeMemberSchema, revokeInvitationSchema]);

export const createChannelSchema = z.object({
  network: z.enum(networkKinds, { error: "Choose a network" }),
  name: z.string({ error: "Enter a display name" }).trim().min(1, "Enter a display name").max(100, "At most 100 characters"),
  token: z.string().trim().max(4000, "A token has at most 4000 characters").optional(),
});

// Checkboxes send "on" when ticked and nothing when not.
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

export const approvalPolicySchema = z.object({
  intent: z.literal("approvals"),
  approvalsRequired: z.coerce.number({ error: "Choose 0, 1 or 2 approvals" }).int().min(0, "Choose 0, 1 or 2 approvals").max(2, "Choose 0, 1 or 2 approvals"),
  editorsMaySchedule: checkbox,
  keepApprovalOnMove: checkbox,
});
