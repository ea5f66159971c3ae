import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Role } from "~/domain/permissions";
import { type ApprovalPolicy, type WorkflowAction, type WorkflowPost, approvalsMissing, postStatuses, transition } from "~/domain/post-workflow";

const policy = (p: Partial<ApprovalPolicy> = {}): ApprovalPolicy => ({ approvalsRequired: 1, editorsMaySchedule: false, keepApprovalOnMove: true, ...p });
const post = (p: Partial<WorkflowPost> = {}): WorkflowPost => ({ status: "DRAFT", authorId: "editor", approvals: 0, approvedBy: [], hasTime: true, live: false, blocked: false, ...p });
const editor = { id: "editor", role: "EDITOR" as Role };
const approver = { id: "approver", role: "APPROVER" as Role };
const owner = { id: "owner", role: "OWNER" as Role };

describe("the approval workflow", () => {
  it("goes draft → in review → scheduled with one approval, the last approval putting a timed post on the schedule", () => {
    const submitted = transition(post(), { kind: "submit" }, editor, policy());
    expect(submitted).toEqual({ ok: true, status: "IN_REVIEW" });
    expect(transition(post({ status: "IN_REVIEW" }), { kind: "approve" }, approver, policy())).toEqual({ ok: true, status: "SCHEDULED", schedules: true });
    expect(transition(post({ status: "IN_REVIEW", hasTime: false }), { kind: "approve" }, approver, policy())).toEqual({ ok: true, status: "APPROVED" });
  });

  it("needs two different people when the workspace asks for two approvals", () => {
    const two = policy({ approvalsRequired: 2 });
    expect(transition(post({ status: "IN_REVIEW" }), { kind: "approve" }, approver, two)).toEqual({ ok: true, status: "IN_REVIEW" });
    const once = post({ status: "IN_REVIEW", approvals: 1, approvedBy: ["approver"] });
    expect(transition(once, { kind: "approve" }, approver, two)).toMatchObject({ ok: false, reason: "You already approved this version of the post." });
    expect(transition(once, { kind: "approve" }, owner, two)).toMatchObject({ ok: true, status: "SCHEDULED" });
  });

  it("with no approvals required, submitting approves", () => {
    expect(transition(post(), { kind: "submit" }, editor, policy({ approvalsRequired: 0 }))).toEqual({ ok: true, status: "APPROVED" });
  });

  it("refuses with a reason a person can act on", () => {
    expect(transition(post({ status: "IN_REVIEW" }), { kind: "approve" }, { id: "editor", role: "OWNER" }, policy())).toMatchObject({ reason: "You wrote this post; someone else has to approve it." });
    expect(transition(post(), { kind: "submit" }, approver, policy())).toMatchObject({ reason: "Only owners and editors can submit posts." });
    expect(transition(post({ blocked: true }), { kind: "submit" }, editor, policy())).toMatchObject({ ok: false, reason: expect.stringContaining("blocking rule") });
    expect(transition(post({ status: "APPROVED", live: true }), { kind: "move" }, editor, policy())).toMatchObject({ ok: false, reason: expect.stringContaining("publishing or published") });
    expect(transition(post(), { kind: "schedule" }, editor, policy())).toMatchObject({ reason: "It needs 1 more approval before it can be scheduled." });
    expect(transition(post({ hasTime: false }), { kind: "schedule" }, owner, policy())).toMatchObject({ reason: "Give the post a date and time first." });
    expect(transition(post({ status: "APPROVED" }), { kind: "request-changes" }, { id: "v", role: "VIEWER" }, policy())).toMatchObject({ ok: false });
  });

  it("editors may schedule without approval only when the workspace allows it; owners always may", () => {
    expect(transition(post(), { kind: "schedule" }, editor, policy({ editorsMaySchedule: true }))).toMatchObject({ ok: true, status: "SCHEDULED" });
    expect(transition(post(), { kind: "schedule" }, owner, policy())).toMatchObject({ ok: true, status: "SCHEDULED" });
  });

  it("editing an approved or scheduled post's content sends it back to review", () => {
    expect(transition(post({ status: "APPROVED", approvals: 1 }), { kind: "edit-content" }, editor, policy())).toEqual({ ok: true, status: "IN_REVIEW", clearsApprovals: true, unschedules: false });
    expect(transition(post({ status: "SCHEDULED", approvals: 1 }), { kind: "edit-content" }, editor, policy())).toEqual({ ok: true, status: "IN_REVIEW", clearsApprovals: true, unschedules: true });
  });

  it("moving an approved post keeps or loses its approval as the workspace says", () => {
    const scheduled = post({ status: "SCHEDULED", approvals: 1 });
    expect(transition(scheduled, { kind: "move" }, editor, policy())).toMatchObject({ ok: true, status: "SCHEDULED", schedules: true });
    expect(transition(scheduled, { kind: "move" }, editor, policy({ keepApprovalOnMove: false }))).toMatchObject({ ok: true, status: "IN_REVIEW", clearsApprovals: true, unschedules: true });
  });
});

// Random sequences of decisions by random people under random policies.
const actions: WorkflowAction["kind"][] = ["submit", "approve", "request-changes", "schedule", "unschedule", "cancel", "edit-content", "move"];
const people = [editor, approver, owner, { id: "approver2", role: "APPROVER" as Role }, { id: "viewer", role: "VIEWER" as Role }];
const arbitraryRun = fc.record({
  policy: fc.record({ approvalsRequired: fc.constantFrom(0 as const, 1 as const, 2 as const), editorsMaySchedule: fc.boolean(), keepApprovalOnMove: fc.boolean() }),
  steps: fc.array(fc.record({ action: fc.constantFrom(...actions), who: fc.integer({ min: 0, max: people.length - 1 }) }), { maxLength: 30 }),
});

type Run = typeof arbitraryRun extends fc.Arbitrary<infer T> ? T : never;

function run({ policy: p, steps }: Run, check: (before: WorkflowPost, after: WorkflowPost, kind: WorkflowAction["kind"], who: (typeof people)[number]) => void) {
  let state = post();
  for (const step of steps) {
    const who = people[step.who]!;
    const result = transition(state, { kind: step.action }, who, p);
    if (!result.ok) continue;
    const approving = step.action === "approve";
    const next: WorkflowPost = {
      ...state,
      status: result.status,
      approvals: result.clearsApprovals ? 0 : state.approvals + (approving ? 1 : 0),
      approvedBy: result.clearsApprovals ? [] : approving ? [...state.approvedBy, who.id] : state.approvedBy,
    };
    check(state, next, step.action, who);
    state = next;
  }
}

describe("workflow properties", () => {
  it("a post reaches the schedule only with enough approvals, or by an owner, or an editor the workspace trusts", () => {
    fc.assert(
      fc.property(arbitraryRun, (r) => {
        run(r, (before, after, _kind, who) => {
          if (after.status === "SCHEDULED" && before.status !== "SCHEDULED") {
            const trusted = who.role === "OWNER" || (who.role === "EDITOR" && r.policy.editorsMaySchedule);
            expect(approvalsMissing(after, r.policy) === 0 || trusted).toBe(true);
          }
        });
      }),
      { numRuns: 500 },
    );
  });

  it("nobody approves twice, nobody approves their own post, viewers change nothing", () => {
    fc.assert(
      fc.property(arbitraryRun, (r) => {
        run(r, (before, after, kind, who) => {
          expect(who.role).not.toBe("VIEWER");
          if (kind === "approve") {
            expect(before.approvedBy).not.toContain(who.id);
            expect(who.id).not.toBe(before.authorId);
          }
          expect(postStatuses).toContain(after.status);
        });
      }),
      { numRuns: 500 },
    );
  });

  it("after a content edit, an approval-requiring workspace never keeps the post approved or scheduled", () => {
    fc.assert(
      fc.property(arbitraryRun, (r) => {
        run(r, (_before, after, kind) => {
          if (kind === "edit-content" && r.policy.approvalsRequired > 0) expect(["APPROVED", "SCHEDULED"]).not.toContain(after.status);
        });
      }),
      { numRuns: 500 },
    );
  });
});
