// The buttons for a variant that needs a person: publish now, reschedule, cancel, and for
// an unknown outcome "it did go out".
import { Form } from "@remix-run/react";

type Props = { variantId: string; status: string; held: boolean };

export function VariantActions({ variantId, status, held }: Props) {
  if (!(status === "FAILED" || status === "UNKNOWN" || held)) return null;
  return (
    <div className="stack" style={{ marginTop: "0.5rem" }}>
      <Form method="post" className="inline">
        <input type="hidden" name="variantId" value={variantId} />
        <button type="submit" name="intent" value="publish-now">
          {held ? "Publish now" : "Publish again"}
        </button>
        <button type="submit" name="intent" value="cancel" className="secondary">
          Cancel
        </button>
      </Form>
      <Form method="post" className="inline">
        <input type="hidden" name="intent" value="reschedule" />
        <input type="hidden" name="variantId" value={variantId} />
        <label className="inline">
          <span>New time</span>
          <input type="datetime-local" name="at" required />
        </label>
        <button type="submit" className="secondary">
          Reschedule
        </button>
      </Form>
      {status === "UNKNOWN" ? (
        <Form method="post" className="inline">
          <input type="hidden" name="intent" value="mark-published" />
          <input type="hidden" name="variantId" value={variantId} />
          <label className="inline">
            <span>It went out at (URL, optional)</span>
            <input type="url" name="url" />
          </label>
          <button type="submit" className="secondary">
            Mark as published
          </button>
        </Form>
      ) : null}
    </div>
  );
}
