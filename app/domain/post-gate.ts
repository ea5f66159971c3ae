// The one gate. Every way a post can move toward its audience — the editor, the post page,
// the review queue, a client's link, drag and drop, the pause page, an import, a recurring
// series and the worker's claim — asks `decide`, and nothing else decides. The UI asks the
// same function to show or hide a button.
//
//   draft → in review → approved → scheduled → published / failed
//
// A post is *cleared* for publishing when it is SCHEDULED, FAILED or PUBLISHED: only then
// may any of its variants be scheduled, publishing or published. Only the gate clears a
// post: with the approvals the workspace's policy asks for (or by a person allowed to
// schedule without them), a time ahead and a rule verdict that does not block.
import type { Role } from "./permissions";

export const postStatuses = ["DRAFT", "IN_REVIEW", "CHANGES_REQUESTED", "APPROVED", "SCHEDULED", "PUBLISHED", "FAILED", "CANCELLED"] as const;
export type PostStatus = (typeof postStatuses)[number];

export const variantStatuses = ["DRAFT", "SCHEDULED", "PUBLISHING", "PUBLISHED", "FAILED", "UNKNOWN", "CANCELLED"] as const;
export type VariantStatus = (typeof variantStatuses)[number];

export const clearedStatuses: readonly PostStatus[] = ["SCHEDULED", "FAILED", "PUBLISHED"];
export const isCleared = (status: PostStatus) => clearedStatuses.includes(status);

export type ApprovalPolicy = { approvalsRequired: 0 | 1 | 2; editorsMaySchedule: boolean; keepApprovalOnMove: boolean };

/** A member of the workspace, a client through a share link, or Rytm itself (imports, series, the worker). */
export type GateActor = { kind: "member"; id: string; role: Role } | { kind: "client"; linkId: string } | { kind: "system" };

/** Who an approval came from: a member counts once, and so does a share link, whatever names are typed into it. */
export const approverKey = (actor: GateActor) => (actor.kind === "member" ? `user:${actor.id}` : actor.kind === "client" ? `link:${actor.linkId}` : "system");

/** The rules' verdict where the post stands (or would stand after the action). */
export type Verdict = { blocking: boolean };

export type GateVariant = { id: string; status: VariantStatus; held: boolean };

export type GatePost = {
  status: PostStatus;
  authorId: string | null;
  /** Approver keys (`approverKey`) of the approvals of the current revision. */
  approvedBy: readonly string[];
  /** Whether the post has a time, and whether it is still ahead. */
  time: "none" | "past" | "future";
  variants: readonly GateVariant[];
};

export type GateAction =
  | { kind: "create" }
  | { kind: "import" }
  | { kind: "edit-content" }
  | { kind: "edit-details" }
  | { kind: "submit" }
  | { kind: "approve" }
  | { kind: "request-changes" }
  | { kind: "schedule" }
  | { kind: "unschedule" }
  | { kind: "move"; to: "future" | "past" }
  | { kind: "cancel" }
  | { kind: "variant-reschedule"; variantId: string; to: "future" | "past" }
  | { kind: "variant-publish-now"; variantId: string }
  | { kind: "variant-cancel"; variantId: string }
  | { kind: "variant-mark-published"; variantId: string }
  | { kind: "claim"; variantId: string };
export type GateActionKind = GateAction["kind"];

export const refusalCodes = [
  "exists",
  "not-writer",
  "not-approver",
  "not-system",
  "published",
  "live",
  "unknown-outcome",
  "cancelled",
  "not-submittable",
  "blocked",
  "not-in-review",
  "own-post",
  "already-approved",
  "not-decidable",
  "already-scheduled",
  "needs-time",
  "needs-future-time",
  "needs-approvals",
  "not-scheduled",
  "not-cleared",
  "variant-state",
  "move-needs-approval",
  "stale",
] as const;
export type RefusalCode = (typeof refusalCodes)[number];
export type Refusal = { code: RefusalCode; missing?: number };

export type VariantChange = { variantId: string; to: "SCHEDULED" | "CANCELLED" | "PUBLISHED" };

export type Passed = {
  ok: true;
  status: PostStatus;
  /** Record this actor's decision (an approval or a request for changes) against the current revision. */
  records?: "approval" | "changes-requested";
  /** A new revision: earlier approvals stop counting. */
  newRevision?: boolean;
  /** Every variant not yet out goes on the schedule (again, with a new version). */
  schedules?: boolean;
  /** Every scheduled, failed or unknown variant comes off the schedule. */
  unschedules?: boolean;
  /** One variant's own change (the post's status is the roll-up of its variants). */
  variant?: VariantChange;
};
export type GateDecision = Passed | { ok: false; refusal: Refusal };

const refuse = (code: RefusalCode, missing?: number): GateDecision => ({ ok: false, refusal: missing === undefined ? { code } : { code, missing } });
const writers: readonly Role[] = ["OWNER", "EDITOR"];
const approverRoles: readonly Role[] = ["OWNER", "APPROVER"];

const isWriter = (actor: GateActor) => actor.kind === "member" && writers.includes(actor.role);
const isApprover = (actor: GateActor) => (actor.kind === "member" && approverRoles.includes(actor.role)) || actor.kind === "client";

/** The approvals a post still lacks under the policy. */
export const approvalsMissing = (post: Pick<GatePost, "approvedBy">, policy: ApprovalPolicy) => Math.max(0, policy.approvalsRequired - post.approvedBy.length);

/**
 * The scheduling right, written once: may this person put the post on the schedule now,
 * approvals aside from what the post already has?
 */
export function maySchedule(post: Pick<GatePost, "approvedBy">, actor: GateActor, policy: ApprovalPolicy): boolean {
  if (!isWriter(actor) || actor.kind !== "member") return false;
  if (approvalsMissing(post, policy) === 0) return true;
  return actor.role === "OWNER" || (actor.role === "EDITOR" && policy.editorsMaySchedule);
}

const liveStates: readonly VariantStatus[] = ["PUBLISHING", "PUBLISHED"];
const isLive = (post: GatePost) => post.variants.some((v) => liveStates.includes(v.status));
const hasUnknown = (post: GatePost) => post.variants.some((v) => v.status === "UNKNOWN");

/**
 * A cleared post's status follows its variants: published when every variant that was not
 * cancelled is out, failed while one failed or may have gone out, else scheduled; a post
 * whose every variant was cancelled is cancelled.
 */
export function rollUp(variants: readonly Pick<GateVariant, "status">[]): PostStatus {
  const remaining = variants.filter((v) => v.status !== "CANCELLED");
  if (remaining.length === 0) return "CANCELLED";
  if (remaining.some((v) => v.status === "FAILED" || v.status === "UNKNOWN")) return "FAILED";
  if (remaining.every((v) => v.status === "PUBLISHED")) return "PUBLISHED";
  return "SCHEDULED";
}

/** Where a post goes when it leaves the schedule or its words change: back to its approvers, or approved as it is when none are needed. */
const afterLosingClearance = (post: GatePost, policy: ApprovalPolicy, keepsApprovals: boolean): PostStatus => {
  if (policy.approvalsRequired === 0) return "APPROVED";
  if (keepsApprovals && approvalsMissing(post, policy) === 0) return "APPROVED";
  return post.status === "DRAFT" || post.status === "CHANGES_REQUESTED" ? post.status : "IN_REVIEW";
};

function needVerdict(verdict: Verdict | null, action: GateActionKind): Verdict {
  if (!verdict) throw new Error(`The gate needs the rules' verdict to decide "${action}".`);
  return verdict;
}

/**
 * Decides one action on one post. `verdict` is the rules' verdict where the post would
 * stand after the action (at the new time for a move); actions that do not depend on the
 * rules accept null.
 */
export function decide(post: GatePost, action: GateAction, actor: GateActor, policy: ApprovalPolicy, verdict: Verdict | null): GateDecision {
  const variantActions: GateActionKind[] = ["variant-reschedule", "variant-publish-now", "variant-cancel", "variant-mark-published", "claim"];
  if (!variantActions.includes(action.kind)) {
    if (post.status === "PUBLISHED") return refuse("published");
    if (isLive(post)) return refuse("live");
  }
  // A post comes into being as a draft: creating or importing never lands on one already in the plan.
  const fresh = post.status === "DRAFT" && post.variants.every((v) => v.status === "DRAFT");
  switch (action.kind) {
    case "create":
      if (!fresh) return refuse("exists");
      return isWriter(actor) || actor.kind === "system" ? { ok: true, status: "DRAFT" } : refuse("not-writer");
    case "import": {
      if (!fresh) return refuse("exists");
      if (!isWriter(actor)) return refuse("not-writer");
      return needVerdict(verdict, action.kind).blocking ? refuse("blocked") : { ok: true, status: "DRAFT" };
    }
    case "edit-content": {
      if (!isWriter(actor)) return refuse("not-writer");
      if (post.status === "CANCELLED") return refuse("cancelled");
      if (hasUnknown(post)) return refuse("unknown-outcome");
      const cleared = isCleared(post.status);
      // An approval covers the words it saw: new words need new approvals.
      if (policy.approvalsRequired > 0) {
        const sentBack = post.status === "DRAFT" || post.status === "CHANGES_REQUESTED" ? post.status : "IN_REVIEW";
        return { ok: true, status: sentBack, newRevision: true, unschedules: cleared };
      }
      // Nobody approves in this workspace: a scheduled post stays on the schedule if the rules still let it.
      if (cleared && post.time === "future" && maySchedule(post, actor, policy) && !needVerdict(verdict, action.kind).blocking) {
        return { ok: true, status: "SCHEDULED", newRevision: true, schedules: true };
      }
      return { ok: true, status: post.status === "DRAFT" ? "DRAFT" : "APPROVED", newRevision: true, unschedules: cleared };
    }
    case "edit-details": {
      if (!isWriter(actor)) return refuse("not-writer");
      if (post.status === "CANCELLED") return refuse("cancelled");
      // A new category can change the verdict: a post on the schedule must still pass.
      if (isCleared(post.status) && needVerdict(verdict, action.kind).blocking) return refuse("blocked");
      return { ok: true, status: post.status };
    }
    case "submit": {
      if (!isWriter(actor)) return refuse("not-writer");
      if (post.status !== "DRAFT" && post.status !== "CHANGES_REQUESTED") return refuse("not-submittable");
      if (needVerdict(verdict, action.kind).blocking) return refuse("blocked");
      return { ok: true, status: policy.approvalsRequired === 0 ? "APPROVED" : "IN_REVIEW" };
    }
    case "approve": {
      if (!isApprover(actor)) return refuse("not-approver");
      if (post.status !== "IN_REVIEW") return refuse("not-in-review");
      if (actor.kind === "member" && post.authorId === actor.id) return refuse("own-post");
      if (post.approvedBy.includes(approverKey(actor))) return refuse("already-approved");
      const after = { ...post, approvedBy: [...post.approvedBy, approverKey(actor)] };
      if (approvalsMissing(after, policy) > 0) return { ok: true, status: "IN_REVIEW", records: "approval" };
      // The last approval signs off the plan as it stands, its time included: it goes on the
      // schedule if the rules let it; otherwise it waits, approved, for a fix.
      const schedules = post.time === "future" && !needVerdict(verdict, action.kind).blocking;
      return schedules ? { ok: true, status: "SCHEDULED", records: "approval", schedules: true } : { ok: true, status: "APPROVED", records: "approval" };
    }
    case "request-changes": {
      if (!isApprover(actor)) return refuse("not-approver");
      if (!["IN_REVIEW", "APPROVED", "SCHEDULED", "FAILED"].includes(post.status)) return refuse("not-decidable");
      return { ok: true, status: "CHANGES_REQUESTED", records: "changes-requested", newRevision: true, unschedules: isCleared(post.status) };
    }
    case "schedule": {
      if (!isWriter(actor)) return refuse("not-writer");
      if (post.status === "CANCELLED") return refuse("cancelled");
      if (post.status === "SCHEDULED") return refuse("already-scheduled");
      if (hasUnknown(post)) return refuse("unknown-outcome");
      if (post.time === "none") return refuse("needs-time");
      if (post.time === "past") return refuse("needs-future-time");
      if (!maySchedule(post, actor, policy)) return refuse("needs-approvals", approvalsMissing(post, policy));
      if (needVerdict(verdict, action.kind).blocking) return refuse("blocked");
      return { ok: true, status: "SCHEDULED", schedules: true };
    }
    case "unschedule": {
      if (!isWriter(actor)) return refuse("not-writer");
      if (post.status !== "SCHEDULED" && post.status !== "FAILED") return refuse("not-scheduled");
      return { ok: true, status: afterLosingClearance(post, policy, true), unschedules: true };
    }
    case "move": {
      if (!isWriter(actor)) return refuse("not-writer");
      if (post.status === "CANCELLED") return refuse("cancelled");
      if (hasUnknown(post)) return refuse("unknown-outcome");
      const keeps = policy.keepApprovalOnMove || policy.approvalsRequired === 0;
      const committed = isCleared(post.status) || post.status === "APPROVED";
      // Approvals already given covered the old time: where a move costs them, it costs them in review too.
      if (!committed) return !keeps && post.approvedBy.length > 0 ? { ok: true, status: post.status, newRevision: true } : { ok: true, status: post.status };
      if (action.to === "past") return refuse("needs-future-time");
      if (!keeps) return { ok: true, status: afterLosingClearance(post, policy, false), newRevision: true, unschedules: isCleared(post.status) };
      if (needVerdict(verdict, action.kind).blocking) return refuse("blocked");
      // A post on the schedule is rescheduled at its new time; an approved one stays approved.
      return isCleared(post.status) ? { ok: true, status: "SCHEDULED", schedules: true } : { ok: true, status: "APPROVED" };
    }
    case "cancel": {
      if (!isWriter(actor)) return refuse("not-writer");
      if (post.status === "CANCELLED") return refuse("cancelled");
      return { ok: true, status: "CANCELLED", unschedules: true };
    }
    case "variant-reschedule":
    case "variant-publish-now": {
      if (!isWriter(actor)) return refuse("not-writer");
      const variant = post.variants.find((v) => v.id === action.variantId);
      if (!variant) return refuse("variant-state");
      if (post.status === "CANCELLED") return refuse("cancelled");
      if (!isCleared(post.status)) return refuse("not-cleared");
      if (!(variant.status === "FAILED" || variant.status === "UNKNOWN" || variant.status === "SCHEDULED")) return refuse("variant-state");
      if (action.kind === "variant-reschedule" && action.to === "past") return refuse("needs-future-time");
      // A new time for a variant that is waiting for its own is a move; where moving costs the
      // approval, the whole post has to be moved instead. A retry, or a held variant let go,
      // sends what was approved.
      const retry = variant.status !== "SCHEDULED" || variant.held;
      const moveKeepsApproval = policy.keepApprovalOnMove || policy.approvalsRequired === 0;
      if ((action.kind === "variant-reschedule" || !retry) && !moveKeepsApproval) return refuse("move-needs-approval");
      if (needVerdict(verdict, action.kind).blocking) return refuse("blocked");
      const variants = post.variants.map((v) => (v.id === variant.id ? { ...v, status: "SCHEDULED" as const } : v));
      return { ok: true, status: rollUp(variants), variant: { variantId: variant.id, to: "SCHEDULED" } };
    }
    case "variant-cancel": {
      if (!isWriter(actor)) return refuse("not-writer");
      const variant = post.variants.find((v) => v.id === action.variantId);
      if (!variant || !(variant.status === "SCHEDULED" || variant.status === "FAILED" || variant.status === "UNKNOWN")) return refuse("variant-state");
      const variants = post.variants.map((v) => (v.id === variant.id ? { ...v, status: "CANCELLED" as const } : v));
      return { ok: true, status: isCleared(post.status) ? rollUp(variants) : post.status, variant: { variantId: variant.id, to: "CANCELLED" } };
    }
    case "variant-mark-published": {
      if (!isWriter(actor)) return refuse("not-writer");
      const variant = post.variants.find((v) => v.id === action.variantId);
      if (!variant || !(variant.status === "FAILED" || variant.status === "UNKNOWN")) return refuse("variant-state");
      if (!isCleared(post.status)) return refuse("not-cleared");
      const variants = post.variants.map((v) => (v.id === variant.id ? { ...v, status: "PUBLISHED" as const } : v));
      return { ok: true, status: rollUp(variants), variant: { variantId: variant.id, to: "PUBLISHED" } };
    }
    case "claim": {
      if (actor.kind !== "system") return refuse("not-system");
      const variant = post.variants.find((v) => v.id === action.variantId);
      if (!variant || variant.status !== "SCHEDULED") return refuse("variant-state");
      if (!isCleared(post.status)) return refuse("not-cleared");
      // The plan may have changed since the post was cleared: it is asked again.
      if (needVerdict(verdict, action.kind).blocking) return refuse("blocked");
      return { ok: true, status: post.status };
    }
  }
}

/** Actions whose outcome depends on the rules' verdict (the others ignore it). */
export function needsVerdict(post: GatePost, action: GateAction): boolean {
  switch (action.kind) {
    case "import":
    case "submit":
    case "schedule":
    case "variant-reschedule":
    case "variant-publish-now":
    case "claim":
      return true;
    case "approve":
      return post.time === "future";
    case "edit-details":
      return isCleared(post.status);
    case "edit-content":
      return isCleared(post.status) && post.time === "future";
    case "move":
      return isCleared(post.status) || post.status === "APPROVED";
    default:
      return false;
  }
}
