// "Needs approval by … to go out on time" on a post in review; once its time has passed
// unapproved, that it will not go out (approval-deadline.ts).
import { approvalDeadline, isExpired } from "~/domain/approval-deadline";
import type { PostStatus } from "~/domain/post-gate";
import { useI18n } from "~/i18n/use-i18n";
import { formatDateTime } from "~/utils/dates";

export function ApprovalDeadline({ status, scheduledAt, zone }: { status: PostStatus; scheduledAt: string | Date | null; zone: string }) {
  const { t, locale } = useI18n();
  const post = { status, scheduledAt: scheduledAt ? new Date(scheduledAt) : null };
  const when = (at: Date) => formatDateTime(at, zone, locale);
  if (isExpired(post, new Date())) {
    return (
      <p className="deadline passed" data-testid="approval-deadline">
        {t.notifications.deadline.passed(when(post.scheduledAt!))}
      </p>
    );
  }
  const deadline = approvalDeadline(post);
  return deadline ? (
    <p className="deadline" data-testid="approval-deadline">
      {t.notifications.deadline.needsBy(when(deadline))}
    </p>
  ) : null;
}
