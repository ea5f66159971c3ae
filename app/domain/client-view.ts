// What a client reads about a post on their approval page: plain words about what it means
// for them, never the team's workflow states.
import type { PostStatus } from "./post-gate";

export const clientStates = ["awaiting-you", "you-approved", "changes-asked", "approved", "on-its-way", "published", "with-the-team"] as const;
export type ClientState = (typeof clientStates)[number];

export function clientStateOf(post: { status: PostStatus; mayApprove: boolean; approvedByThisLink: boolean }): ClientState {
  switch (post.status) {
    case "IN_REVIEW":
      return post.approvedByThisLink ? "you-approved" : post.mayApprove ? "awaiting-you" : "with-the-team";
    case "CHANGES_REQUESTED":
      return "changes-asked";
    case "APPROVED":
      return "approved";
    case "SCHEDULED":
      return "on-its-way";
    case "PUBLISHED":
      return "published";
    default:
      return "with-the-team";
  }
}
