// Approve or request changes, with a comment: the post page, the review queue and the
// client's share link all decide with this form, showing only what the gate would take.
// `name` is the field the choice is sent as.
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";

type Props = {
  postId?: string;
  /** The revision shown: deciding on words changed since is refused. */
  revision: number;
  name: "intent" | "decision";
  canApprove?: boolean;
  labels: { comment: string; approve: string; requestChanges: string; form?: string };
  children?: ReactNode;
};

export function DecisionForm({ postId, revision, name, canApprove = true, labels, children }: Props) {
  return (
    <Form method="post" className="stack review-form" aria-label={labels.form}>
      {postId ? <input type="hidden" name="postId" value={postId} /> : null}
      <input type="hidden" name="revision" value={revision} />
      {children}
      <label>
        {labels.comment}
        <textarea name="comment" rows={2} maxLength={2000} />
      </label>
      <div className="inline">
        {canApprove ? (
          <button type="submit" name={name} value="approve">
            {labels.approve}
          </button>
        ) : null}
        <button type="submit" name={name} value="request-changes" className="secondary">
          {labels.requestChanges}
        </button>
      </div>
    </Form>
  );
}
