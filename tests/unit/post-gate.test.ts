import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Role } from "~/domain/permissions";
import {
  type ApprovalPolicy,
  type GateAction,
  type GateActor,
  type GatePost,
  type Passed,
  type PostStatus,
  type VariantStatus,
  approverKey,
  decide,
  isCleared,
  maySchedule,
  needsVerdict,
  rollUp,
} from "~/domain/post-gate";

const policy = (p: Partial<ApprovalPolicy> = {}): ApprovalPolicy => ({ approvalsRequired: 1, editorsMaySchedule: false, keepApprovalOnMove: true, ...p });
const post = (p: Partial<GatePost> = {}): GatePost => ({ status: "DRAFT", authorId: "editor", approvedBy: [], time: "future", variants: [{ id: "v1", status: "DRAFT", held: false }], ...p });
const member = (id: string, role: Role): GateActor => ({ kind: "member", id, role });
const editor = member("editor", "EDITOR");
const approver = member("approver", "APPROVER");
const owner = member("owner", "OWNER");
const viewer = member("viewer", "VIEWER");
const client = (linkId: string): GateActor => ({ kind: "client", linkId });
const clean = { blocking: false };
const blocked = { blocking: true };
const scheduledVariants = [{ id: "v1", status: "SCHEDULED" as const, held: false }];

describe("the gate", () => {
  it("goes draft → in review → scheduled with one approval, the last approval putting a timed post on the schedule", () => {
    expect(decide(post(), { kind: "submit" }, editor, policy(), clean)).toEqual({ ok: true, status: "IN_REVIEW" });
    expect(decide(post({ status: "IN_REVIEW" }), { kind: "approve" }, approver, policy(), clean)).toEqual({ ok: true, status: "SCHEDULED", records: "approval", schedules: true });
    expect(decide(post({ status: "IN_REVIEW", time: "none" }), { kind: "approve" }, approver, policy(), null)).toEqual({ ok: true, status: "APPROVED", records: "approval" });
  });

  it("lets the last approval of a post that breaks a blocking rule approve it, not schedule it — for a member and a client alike", () => {
    for (const who of [approver, client("link-1")]) {
      expect(decide(post({ status: "IN_REVIEW" }), { kind: "approve" }, who, policy(), blocked)).toEqual({ ok: true, status: "APPROVED", records: "approval" });
    }
  });

  it("counts a share link once, whatever names are typed into it, and a member once", () => {
    const two = policy({ approvalsRequired: 2 });
    const once = post({ status: "IN_REVIEW", approvedBy: [approverKey(client("link-1"))] });
    expect(decide(once, { kind: "approve" }, client("link-1"), two, clean)).toEqual({ ok: false, refusal: { code: "already-approved" } });
    expect(decide(once, { kind: "approve" }, client("link-2"), two, clean)).toMatchObject({ ok: true, status: "SCHEDULED" });
    const byMember = post({ status: "IN_REVIEW", approvedBy: [approverKey(approver)] });
    expect(decide(byMember, { kind: "approve" }, approver, two, clean)).toEqual({ ok: false, refusal: { code: "already-approved" } });
    expect(decide(byMember, { kind: "approve" }, owner, two, clean)).toMatchObject({ ok: true, status: "SCHEDULED" });
  });

  it("with no approvals required, submitting approves", () => {
    expect(decide(post(), { kind: "submit" }, editor, policy({ approvalsRequired: 0 }), clean)).toEqual({ ok: true, status: "APPROVED" });
  });

  it("refuses with a reason code a person can act on", () => {
    const refusal = (d: ReturnType<typeof decide>) => (d.ok ? null : d.refusal);
    expect(refusal(decide(post({ status: "IN_REVIEW" }), { kind: "approve" }, member("editor", "OWNER"), policy(), clean))).toEqual({ code: "own-post" });
    expect(refusal(decide(post(), { kind: "submit" }, approver, policy(), clean))).toEqual({ code: "not-writer" });
    expect(refusal(decide(post(), { kind: "submit" }, editor, policy(), blocked))).toEqual({ code: "blocked" });
    expect(refusal(decide(post({ status: "APPROVED", variants: [{ id: "v1", status: "PUBLISHED", held: false }] }), { kind: "move", to: "future" }, editor, policy(), clean))).toEqual({ code: "live" });
    expect(refusal(decide(post(), { kind: "schedule" }, editor, policy(), clean))).toEqual({ code: "needs-approvals", missing: 1 });
    expect(refusal(decide(post({ time: "none" }), { kind: "schedule" }, owner, policy(), clean))).toEqual({ code: "needs-time" });
    expect(refusal(decide(post({ time: "past" }), { kind: "schedule" }, owner, policy(), clean))).toEqual({ code: "needs-future-time" });
    expect(refusal(decide(post({ status: "APPROVED" }), { kind: "request-changes" }, viewer, policy(), null))).toEqual({ code: "not-approver" });
    expect(refusal(decide(post({ status: "SCHEDULED" }), { kind: "approve" }, client("l"), policy(), clean))).toEqual({ code: "not-in-review" });
  });

  it("editors may schedule without approval only when the workspace allows it; owners always may; nobody past a blocking rule", () => {
    expect(decide(post(), { kind: "schedule" }, editor, policy({ editorsMaySchedule: true }), clean)).toMatchObject({ ok: true, status: "SCHEDULED" });
    expect(decide(post(), { kind: "schedule" }, owner, policy(), clean)).toMatchObject({ ok: true, status: "SCHEDULED" });
    expect(decide(post(), { kind: "schedule" }, owner, policy(), blocked)).toMatchObject({ ok: false, refusal: { code: "blocked" } });
    expect(maySchedule(post(), editor, policy())).toBe(false);
    expect(maySchedule(post({ approvedBy: ["user:approver"] }), editor, policy())).toBe(true);
    expect(maySchedule(post(), client("l"), policy({ approvalsRequired: 0 }))).toBe(false);
  });

  it("sends a post whose words change back to review; details alone keep its state", () => {
    expect(decide(post({ status: "APPROVED", approvedBy: ["user:a"] }), { kind: "edit-content" }, editor, policy(), null)).toEqual({ ok: true, status: "IN_REVIEW", newRevision: true, unschedules: false });
    expect(decide(post({ status: "SCHEDULED", variants: scheduledVariants }), { kind: "edit-content" }, editor, policy(), null)).toEqual({ ok: true, status: "IN_REVIEW", newRevision: true, unschedules: true });
    expect(decide(post({ status: "APPROVED" }), { kind: "edit-details" }, editor, policy(), null)).toEqual({ ok: true, status: "APPROVED" });
    expect(decide(post({ status: "SCHEDULED", variants: scheduledVariants }), { kind: "edit-details" }, editor, policy(), blocked)).toMatchObject({ ok: false, refusal: { code: "blocked" } });
  });

  it("moves an approved post keeping or losing its approval as the workspace says, and never onto a blocking slot", () => {
    const scheduled = post({ status: "SCHEDULED", approvedBy: ["user:a"], variants: scheduledVariants });
    expect(decide(scheduled, { kind: "move", to: "future" }, editor, policy(), clean)).toEqual({ ok: true, status: "SCHEDULED", schedules: true });
    expect(decide(scheduled, { kind: "move", to: "future" }, editor, policy(), blocked)).toMatchObject({ ok: false, refusal: { code: "blocked" } });
    expect(decide(scheduled, { kind: "move", to: "past" }, editor, policy(), clean)).toMatchObject({ ok: false, refusal: { code: "needs-future-time" } });
    expect(decide(scheduled, { kind: "move", to: "future" }, editor, policy({ keepApprovalOnMove: false }), null)).toEqual({ ok: true, status: "IN_REVIEW", newRevision: true, unschedules: true });
    expect(decide(post(), { kind: "move", to: "future" }, editor, policy(), null)).toEqual({ ok: true, status: "DRAFT" });
  });

  it("lets approvals given in review count after a move only where moves keep approvals", () => {
    const halfApproved = post({ status: "IN_REVIEW", approvedBy: ["user:a"] });
    const twoNeeded = { approvalsRequired: 2 as const };
    expect(decide(halfApproved, { kind: "move", to: "future" }, editor, policy({ ...twoNeeded, keepApprovalOnMove: false }), null)).toEqual({ ok: true, status: "IN_REVIEW", newRevision: true });
    expect(decide(halfApproved, { kind: "move", to: "future" }, editor, policy({ ...twoNeeded, keepApprovalOnMove: true }), null)).toEqual({ ok: true, status: "IN_REVIEW" });
    expect(decide(post({ status: "IN_REVIEW" }), { kind: "move", to: "future" }, editor, policy({ keepApprovalOnMove: false }), null)).toEqual({ ok: true, status: "IN_REVIEW" });
  });

  it("lets a variant be published now or rescheduled only on a cleared post, never past a blocking rule", () => {
    const failed = [{ id: "v1", status: "FAILED" as VariantStatus, held: false }];
    for (const status of ["DRAFT", "IN_REVIEW", "CHANGES_REQUESTED", "APPROVED"] as PostStatus[]) {
      expect(decide(post({ status, variants: failed }), { kind: "variant-publish-now", variantId: "v1" }, owner, policy(), clean)).toMatchObject({ ok: false, refusal: { code: "not-cleared" } });
    }
    expect(decide(post({ status: "CANCELLED", variants: failed }), { kind: "variant-publish-now", variantId: "v1" }, owner, policy(), clean)).toMatchObject({ ok: false, refusal: { code: "cancelled" } });
    expect(decide(post({ status: "FAILED", variants: failed }), { kind: "variant-publish-now", variantId: "v1" }, editor, policy(), clean)).toEqual({ ok: true, status: "SCHEDULED", variant: { variantId: "v1", to: "SCHEDULED" } });
    expect(decide(post({ status: "FAILED", variants: failed }), { kind: "variant-publish-now", variantId: "v1" }, editor, policy(), blocked)).toMatchObject({ ok: false, refusal: { code: "blocked" } });
    expect(decide(post({ status: "FAILED", variants: failed }), { kind: "variant-reschedule", variantId: "v1", to: "future" }, editor, policy({ keepApprovalOnMove: false }), clean)).toMatchObject({
      ok: false,
      refusal: { code: "move-needs-approval" },
    });
    expect(decide(post({ status: "FAILED", variants: failed }), { kind: "variant-publish-now", variantId: "nope" }, editor, policy(), clean)).toMatchObject({ ok: false, refusal: { code: "variant-state" } });
  });

  it("rolls a cleared post's status up from its variants when a person settles one", () => {
    const variants = [
      { id: "a", status: "PUBLISHED" as VariantStatus, held: false },
      { id: "b", status: "UNKNOWN" as VariantStatus, held: false },
    ];
    expect(decide(post({ status: "FAILED", variants }), { kind: "variant-mark-published", variantId: "b" }, editor, policy(), null)).toEqual({ ok: true, status: "PUBLISHED", variant: { variantId: "b", to: "PUBLISHED" } });
    expect(decide(post({ status: "FAILED", variants }), { kind: "variant-cancel", variantId: "b" }, editor, policy(), null)).toEqual({ ok: true, status: "PUBLISHED", variant: { variantId: "b", to: "CANCELLED" } });
    expect(rollUp([{ status: "CANCELLED" }])).toBe("CANCELLED");
    expect(rollUp([{ status: "SCHEDULED" }, { status: "PUBLISHED" }])).toBe("SCHEDULED");
  });

  it("asks the worker's claim for a fresh verdict and holds a post the plan now blocks", () => {
    const scheduled = post({ status: "SCHEDULED", variants: scheduledVariants });
    expect(decide(scheduled, { kind: "claim", variantId: "v1" }, { kind: "system" }, policy(), clean)).toEqual({ ok: true, status: "SCHEDULED" });
    expect(decide(scheduled, { kind: "claim", variantId: "v1" }, { kind: "system" }, policy(), blocked)).toMatchObject({ ok: false, refusal: { code: "blocked" } });
    expect(decide(post({ status: "IN_REVIEW", variants: scheduledVariants }), { kind: "claim", variantId: "v1" }, { kind: "system" }, policy(), clean)).toMatchObject({ ok: false, refusal: { code: "not-cleared" } });
    expect(decide(scheduled, { kind: "claim", variantId: "v1" }, owner, policy(), clean)).toMatchObject({ ok: false, refusal: { code: "not-system" } });
  });

  it("refuses an import whose rows break a blocking rule, and lets only writers import", () => {
    expect(decide(post(), { kind: "import" }, editor, policy(), blocked)).toMatchObject({ ok: false, refusal: { code: "blocked" } });
    expect(decide(post(), { kind: "import" }, approver, policy(), clean)).toMatchObject({ ok: false, refusal: { code: "not-writer" } });
    expect(decide(post(), { kind: "create" }, { kind: "system" }, policy(), null)).toEqual({ ok: true, status: "DRAFT" });
  });
});

// A small world: one post, random people (members of each role, two client links, the
// system) doing random things under a random policy, with a random verdict at each step.
// Whatever the sequence, a post is cleared only when the gate's conditions held at that moment.
const actors: GateActor[] = [editor, member("editor2", "EDITOR"), approver, member("approver2", "APPROVER"), owner, viewer, client("l1"), client("l2"), { kind: "system" }];
const actionKinds = [
  "create",
  "import",
  "edit-content",
  "edit-details",
  "submit",
  "approve",
  "request-changes",
  "schedule",
  "unschedule",
  "move",
  "cancel",
  "variant-reschedule",
  "variant-publish-now",
  "variant-cancel",
  "variant-mark-published",
  "claim",
] as const;
const outcomes: VariantStatus[] = ["PUBLISHED", "FAILED", "UNKNOWN"];

type World = { post: GatePost; revision: number; approvals: { key: string; revision: number }[] };

const actionOf = (kind: (typeof actionKinds)[number], to: "future" | "past"): GateAction => {
  if (kind === "move" || kind === "variant-reschedule") return kind === "move" ? { kind, to } : { kind, to, variantId: "v1" };
  if (kind.startsWith("variant-") || kind === "claim") return { kind, variantId: "v1" } as GateAction;
  return { kind } as GateAction;
};

describe("the gate, over random sequences", () => {
  it("never clears a post short of its approvals, its scheduling right or its rules, and keeps variants off the schedule of uncleared posts", () => {
    const step = fc.record({
      actor: fc.constantFrom(...actors),
      kind: fc.constantFrom(...actionKinds),
      blocking: fc.boolean(),
      to: fc.constantFrom("future" as const, "past" as const),
      // The worker, between people's actions, sending a scheduled variant with some outcome.
      publish: fc.option(fc.constantFrom(...outcomes), { nil: undefined }),
    });
    const policies = fc.record({ approvalsRequired: fc.constantFrom(0 as const, 1 as const, 2 as const), editorsMaySchedule: fc.boolean(), keepApprovalOnMove: fc.boolean() });
    fc.assert(
      fc.property(policies, fc.array(step, { maxLength: 40 }), (rules, steps) => {
        const world: World = { post: post(), revision: 1, approvals: [] };
        for (const s of steps) {
          const action = actionOf(s.kind, s.to);
          const verdict = { blocking: s.blocking };
          const before = world.post;
          const result = decide(before, action, s.actor, rules, needsVerdict(before, action) ? verdict : null);
          if (result.ok) {
            apply(world, result, s.actor);
            moved(world, action);
          }
          const after = world.post;
          if (result.ok && !isCleared(before.status) && isCleared(after.status)) {
            // Cleared now: the rules did not block, and either the approvals are all there
            // or a person with the scheduling right put it on the schedule.
            expect(verdict.blocking).toBe(false);
            const approvals = new Set(world.approvals.filter((a) => a.revision === world.revision).map((a) => a.key)).size;
            const right = s.actor.kind === "member" && (s.actor.role === "OWNER" || (s.actor.role === "EDITOR" && rules.editorsMaySchedule));
            expect(approvals >= rules.approvalsRequired || right).toBe(true);
            expect(before.time === "future" || action.kind === "variant-publish-now").toBe(true);
          }
          for (const v of after.variants) if (["SCHEDULED", "PUBLISHING", "PUBLISHED"].includes(v.status)) expect(isCleared(after.status)).toBe(true);
          if (s.publish && after.variants[0]!.status === "SCHEDULED") {
            const claim = decide(after, { kind: "claim", variantId: "v1" }, { kind: "system" }, rules, verdict);
            if (claim.ok) world.post = { ...after, variants: [{ ...after.variants[0]!, status: s.publish }], status: rollUp([{ status: s.publish }]) };
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});

function apply(world: World, result: Passed, actor: GateActor) {
  if (result.records === "approval") world.approvals.push({ key: approverKey(actor), revision: world.revision });
  if (result.newRevision) world.revision++;
  let variants = world.post.variants.map((v) => ({ ...v }));
  if (result.unschedules) variants = variants.map((v) => (["SCHEDULED", "FAILED", "UNKNOWN"].includes(v.status) ? { ...v, status: result.status === "CANCELLED" ? "CANCELLED" : "DRAFT" } : v));
  if (result.schedules) variants = variants.map((v) => (["PUBLISHING", "PUBLISHED"].includes(v.status) ? v : { ...v, status: "SCHEDULED" }));
  if (result.variant) variants = variants.map((v) => (v.id === result.variant!.variantId ? { ...v, status: result.variant!.to } : v));
  const approvedBy = [...new Set(world.approvals.filter((a) => a.revision === world.revision).map((a) => a.key))];
  world.post = { ...world.post, status: result.status, variants, approvedBy };
}

function moved(world: World, action: GateAction) {
  if (action.kind === "move") world.post = { ...world.post, time: action.to };
}
