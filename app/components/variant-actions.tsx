// The buttons for a variant that needs a person: publish now, reschedule, cancel, and for
// an unknown outcome "it did go out".
import { Form } from "@remix-run/react";
import { useI18n } from "~/i18n/use-i18n";

type Props = { variantId: string; status: string; held: boolean };

export function VariantActions({ variantId, status, held }: Props) {
  const { t } = useI18n();
  if (!(status === "FAILED" || status === "UNKNOWN" || held)) return null;
  return (
    <div className="stack" style={{ marginTop: "0.5rem" }}>
      <Form method="post" className="inline">
        <input type="hidden" name="variantId" value={variantId} />
        <button type="submit" name="intent" value="publish-now">
          {held ? t.variantActions.publishNow : t.variantActions.publishAgain}
        </button>
        <button type="submit" name="intent" value="cancel" className="secondary">
          {t.variantActions.cancel}
        </button>
      </Form>
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
      {status === "UNKNOWN" ? (
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
