// Why something was refused, with the rule violations behind it (moves, approvals, submits).
import type { LocalizedViolation } from "~/domain/violations";
import { ViolationList } from "./violation-list";

type Props = {
  message: string;
  violations: readonly LocalizedViolation[];
  slug: string | null;
  zone: string;
  selfId?: string | null;
  /** False where a live region nearby already says the message (it is then said once). */
  alert?: boolean;
};

export function Refusal({ message, violations, slug, zone, selfId, alert = true }: Props) {
  return (
    <div className="form-error" role={alert ? "alert" : undefined}>
      <p>{message}</p>
      <ViolationList violations={violations.filter((v) => v.severity === "block")} slug={slug} zone={zone} selfId={selfId} />
    </div>
  );
}
