// Workspace settings: whether owners must use two-factor sign-in.
import { Form } from "@remix-run/react";
import { useI18n } from "~/i18n/use-i18n";

export function OwnersTwoFactorForm({ required, saved, error }: { required: boolean; saved: boolean; error: string | null }) {
  const { t } = useI18n();
  return (
    <>
      <h2>{t.account.twoFactor.heading}</h2>
      <Form method="post" className="stack" style={{ maxWidth: "28rem" }}>
        <input type="hidden" name="intent" value="owners-two-factor" />
        <label className="check">
          <input type="checkbox" name="ownersNeedTwoFactor" defaultChecked={required} aria-describedby="owners-two-factor-hint" />{" "}
          {t.account.workspace.ownersNeedTwoFactor}
        </label>
        <p className="muted" id="owners-two-factor-hint">
          {t.account.workspace.ownersNeedTwoFactorHint}
        </p>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit">{t.account.workspace.save}</button>
        {saved ? <p role="status">{t.settings.saved}</p> : null}
      </Form>
    </>
  );
}
