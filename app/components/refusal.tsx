// Why something was refused, with the rule violations behind it (moves, approvals, submits).
import type { LocalizedViolation } from "~/domain/violations";
import { ViolationList } from "./violation-list";

type Props = { message: string; violations: readonly LocalizedViolation[]; slug: string | null; zone: string; selfId?: string | null };

export function Refusal({ message, violations, slug, zone, selfId }: Props) {
  return (
    <div className="form-error" role="alert">
      <p>{message}</p>
      <ViolationList violations={violations.filter((v) => v.severity === "block")} slug={slug} zone={zone} selfId={selfId} />
    </div>
  );
}
