// Approval deadlines. A post in review must be approved before its time to go out on time:
// the gate schedules the last approval only while the time is ahead (post-gate.ts), so a post
// whose time passes unapproved is never published — it is "expired" and waits for a person to
// move it. Approvers are reminded a workspace-chosen number of hours before.
import type { PostStatus } from "./post-gate";

export type DeadlinePost = { status: PostStatus; scheduledAt: Date | null };

/** When the post must be approved by, if it waits for approval and has a time. */
export const approvalDeadline = (post: DeadlinePost): Date | null => (post.status === "IN_REVIEW" && post.scheduledAt ? post.scheduledAt : null);

/**
 * Missed its time for want of approval: still in review, or approved only after its time
 * (the gate then approves without scheduling), and not on the schedule.
 */
export const isExpired = (post: DeadlinePost, now: Date): boolean =>
  (post.status === "IN_REVIEW" || post.status === "APPROVED") && post.scheduledAt !== null && post.scheduledAt.getTime() <= now.getTime();

/** Whether approvers should be reminded now: within the last `hours` before the deadline. */
export function reminderDue(post: DeadlinePost, hours: number, now: Date): boolean {
  const deadline = approvalDeadline(post);
  if (!deadline || hours <= 0) return false;
  const left = deadline.getTime() - now.getTime();
  return left > 0 && left <= hours * 3_600_000;
}
