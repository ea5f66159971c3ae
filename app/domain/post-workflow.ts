// The approval workflow of a post, as a pure state machine:
//   draft → in review → approved → scheduled → published / failed
// with "changes requested" sending a post back to its author. The workspace's policy says
// how many approvals a post needs (0, 1 or 2) and whether editors may schedule without them.
// Every refusal carries a reason a person can act on.
import type { Role } from "./permissions";

export const postStatuses = ["DRAFT", "IN_REVIEW", "CHANGES_REQUESTED", "APPROVED", "SCHEDULED", "PUBLISHED", "FAILED", "CANCELLED"] as const;
export type PostStatus = (typeof postStatuses)[number];

export type ApprovalPolicy = { approvalsRequired: 0 | 1 | 2; editorsMaySchedule: boolean; keepApprovalOnMove: boolean };

export type WorkflowPost = {
  status: PostStatus;
  authorId: string | null;
  /** Distinct approvers of the current revision. */
  approvals: number;
  approvedBy: readonly string[];
  hasTime: boolean;
  /** Some variant is publishing or has been published: the post is out of people's hands. */
  live: boolean;
  blocked: boolean;
};

export type WorkflowActor = { id: string; role: Role };

export type WorkflowAction =
  | { kind: "submit" }
  | { kind: "approve" }
  | { kind: "request-changes" }
  | { kind: "schedule" }
  | { kind: "unschedule" }
  | { kind: "cancel" }
  | { kind: "edit-content" }
  | { kind: "move" };

export type Transition = { ok: true; status: PostStatus; clearsApprovals?: boolean; schedules?: boolean; unschedules?: boolean } | { ok: false; reason: string };

const refuse = (reason: string): Transition => ({ ok: false, reason });
const writers: readonly Role[] = ["OWNER", "EDITOR"];
const approvers: readonly Role[] = ["OWNER", "APPROVER"];

/** The approvals a post still lacks under the policy. */
export const approvalsMissing = (post: WorkflowPost, policy: ApprovalPolicy) => Math.max(0, policy.approvalsRequired - post.approvals);

/** May this post be scheduled now, by this person, under this policy? */
function scheduleRight(post: WorkflowPost, policy: ApprovalPolicy, actor: WorkflowActor): string | null {
  if (!post.hasTime) return "Give the post a date and time first.";
  if (post.blocked) return "The post breaks a blocking rule; fix it, or an owner can override it with a reason.";
  if (approvalsMissing(post, policy) === 0) return null;
  if (actor.role === "OWNER") return null;
  if (actor.role === "EDITOR" && policy.editorsMaySchedule) return null;
  const n = approvalsMissing(post, policy);
  return `It needs ${n} more approval${n === 1 ? "" : "s"} before it can be scheduled.`;
}

export function transition(post: WorkflowPost, action: WorkflowAction, actor: WorkflowActor, policy: ApprovalPolicy): Transition {
  if (post.live && action.kind !== "approve") return refuse("Part of this post is publishing or published; it can no longer be changed.");
  if (post.status === "PUBLISHED") return refuse("This post is published; it can no longer be changed.");
  switch (action.kind) {
    case "submit": {
      if (!writers.includes(actor.role)) return refuse("Only owners and editors can submit posts.");
      if (post.status !== "DRAFT" && post.status !== "CHANGES_REQUESTED") return refuse("Only a draft or a post with requested changes can be submitted.");
      if (post.blocked) return refuse("The post breaks a blocking rule; fix it, or an owner can override it with a reason.");
      return policy.approvalsRequired === 0 ? { ok: true, status: "APPROVED" } : { ok: true, status: "IN_REVIEW" };
    }
    case "approve": {
      if (!approvers.includes(actor.role)) return refuse("Only owners and approvers can approve posts.");
      if (post.status !== "IN_REVIEW") return refuse("Only a post in review can be approved.");
      if (post.authorId === actor.id) return refuse("You wrote this post; someone else has to approve it.");
      if (post.approvedBy.includes(actor.id)) return refuse("You already approved this version of the post.");
      const after = { ...post, approvals: post.approvals + 1 };
      if (approvalsMissing(after, policy) > 0) return { ok: true, status: "IN_REVIEW" };
      // The last approval signs off the plan as it stands, its time included: it goes on the schedule.
      return after.hasTime && !after.blocked ? { ok: true, status: "SCHEDULED", schedules: true } : { ok: true, status: "APPROVED" };
    }
    case "request-changes": {
      if (!approvers.includes(actor.role)) return refuse("Only owners and approvers can request changes.");
      if (!["IN_REVIEW", "APPROVED", "SCHEDULED"].includes(post.status)) return refuse("Changes can be requested on a post in review, approved or scheduled.");
      return { ok: true, status: "CHANGES_REQUESTED", clearsApprovals: true, unschedules: post.status === "SCHEDULED" };
    }
    case "schedule": {
      if (!writers.includes(actor.role)) return refuse("Only owners and editors can schedule posts.");
      if (post.status === "SCHEDULED") return refuse("The post is already scheduled.");
      if (post.status === "CANCELLED") return refuse("A cancelled post cannot be scheduled; make a new one.");
      const problem = scheduleRight(post, policy, actor);
      return problem ? refuse(problem) : { ok: true, status: "SCHEDULED", schedules: true };
    }
    case "unschedule": {
      if (!writers.includes(actor.role)) return refuse("Only owners and editors can take posts off the schedule.");
      if (post.status !== "SCHEDULED" && post.status !== "FAILED") return refuse("Only a scheduled post can be taken off the schedule.");
      return { ok: true, status: approvalsMissing(post, policy) === 0 ? "APPROVED" : "DRAFT", unschedules: true };
    }
    case "cancel": {
      if (!writers.includes(actor.role)) return refuse("Only owners and editors can cancel posts.");
      if (post.status === "CANCELLED") return refuse("The post is already cancelled.");
      return { ok: true, status: "CANCELLED", unschedules: true };
    }
    case "edit-content": {
      if (!writers.includes(actor.role)) return refuse("Only owners and editors can edit posts.");
      if (post.status === "CANCELLED") return refuse("A cancelled post cannot be edited.");
      // An approval covers the words it saw: new words need a new approval.
      if (["IN_REVIEW", "APPROVED", "SCHEDULED"].includes(post.status) && policy.approvalsRequired > 0) {
        return { ok: true, status: "IN_REVIEW", clearsApprovals: true, unschedules: post.status === "SCHEDULED" };
      }
      return { ok: true, status: post.status === "FAILED" ? "DRAFT" : post.status, unschedules: post.status === "SCHEDULED" || post.status === "FAILED" };
    }
    case "move": {
      if (!writers.includes(actor.role)) return refuse("Only owners and editors can move posts.");
      if (post.status === "CANCELLED") return refuse("A cancelled post cannot be moved.");
      const approved = post.status === "APPROVED" || post.status === "SCHEDULED";
      if (!approved || policy.keepApprovalOnMove || policy.approvalsRequired === 0) {
        // Keeps its state; a scheduled post is rescheduled at its new time.
        return { ok: true, status: post.status === "FAILED" ? "DRAFT" : post.status, schedules: post.status === "SCHEDULED", unschedules: post.status === "FAILED" };
      }
      return { ok: true, status: "IN_REVIEW", clearsApprovals: true, unschedules: post.status === "SCHEDULED" };
    }
  }
}
