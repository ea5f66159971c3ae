// The buttons for a variant that needs a person — publish now, a new time, cancel, and for
// an unknown outcome "it did go out" — each shown only when the gate would allow it.
import { Form } from "@remix-run/react";
import { useI18n } from "~/i18n/use-i18n";

type Allowed = Record<"variant-publish-now" | "variant-reschedule" | "variant-cancel" | "variant-mark-published", { allowed: boolean }>;
type Props = { variantId: string; status: string; held: boolean; allowed: Allowed };

export function VariantActions({ variantId, status, held, allowed }: Props) {
  const { t } = useI18n();
  // A variant that simply waits for its time moves with its post; these are for one that needs a person.
  if (!(status === "FAILED" || status === "UNKNOWN" || held) || !Object.values(allowed).some((a) => a.allowed)) return null;
  return (
    <div className="stack" style={{ marginTop: "0.5rem" }}>
      <Form method="post" className="inline">
        <input type="hidden" name="variantId" value={variantId} />
        {allowed["variant-publish-now"].allowed ? (
          <button type="submit" name="intent" value="publish-now">
            {held ? t.variantActions.publishNow : t.variantActions.publishAgain}
          </button>
        ) : null}
        {allowed["variant-cancel"].allowed ? (
          <button type="submit" name="intent" value="cancel" className="secondary">
            {t.variantActions.cancel}
          </button>
        ) : null}
      </Form>
      {allowed["variant-reschedule"].allowed ? (
        <Form method="post" className="inline">
          <input type="hidden" name="intent" value="reschedule" />
          <input type="hidden" name="variantId" value={variantId} />
          <label className="inline">
            <span>{t.variantActions.newTime}</span>
            <input type="datetime-local" name="at" required />
          </label>
          <button type="submit" className="secondary">
            {t.variantActions.reschedule}
          </button>
        </Form>
      ) : null}
      {allowed["variant-mark-published"].allowed && status === "UNKNOWN" ? (
        <Form method="post" className="inline">
          <input type="hidden" name="intent" value="mark-published" />
          <input type="hidden" name="variantId" value={variantId} />
          <label className="inline">
            <span>{t.variantActions.wentOutAt}</span>
            <input type="url" name="url" />
          </label>
          <button type="submit" className="secondary">
            {t.variantActions.markPublished}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
