// Pausing or resuming several brands at once, with one reason: only brands where the
// person's role may pause can be chosen; what happened is listed brand by brand.
import { Form, Link } from "@remix-run/react";
import type { BulkPauseOutcome } from "~/domain/all-brands";
import type { Role } from "~/domain/permissions";
import { useI18n } from "~/i18n/use-i18n";

export type PauseResult = { id: string; name: string | null; slug: string | null; outcome: BulkPauseOutcome };
type Brand = { id: string; name: string; colour: string; role: Role; paused: boolean; mayPause: boolean; twoFactorFirst: boolean };

export function BrandPauseForm({ brands, result }: { brands: Brand[]; result: { error: string | null; outcomes: PauseResult[] } | null }) {
  const { t } = useI18n();
  if (brands.length === 0) return null;
  const anyAllowed = brands.some((b) => b.mayPause && !b.twoFactorFirst);
  return (
    <section className="brand-pause" aria-labelledby="brand-pause-heading">
      <h2 id="brand-pause-heading">{t.allBrands.pause.heading}</h2>
      <p>{t.allBrands.pause.intro}</p>
      {result?.error ? (
        <p className="form-error" role="alert">
          {result.error}
        </p>
      ) : null}
      {result?.outcomes.length ? (
        <div role="status">
          <h3>{t.allBrands.pause.outcomes}</h3>
          <ul aria-label={t.allBrands.pause.outcomes}>
            {result.outcomes.map((o) => (
              <li key={o.id}>
                <strong>{o.name ?? t.allBrands.pause.unknownBrand}</strong>
                {`: ${t.allBrands.pause.outcome[o.outcome]}`}
                {o.outcome === "resumed" && o.slug ? (
                  <>
                    {" "}
                    <Link to={`/w/${o.slug}/pause`}>{t.allBrands.pause.overdue}</Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {anyAllowed ? (
        <Form method="post" className="stack brand-pause-form">
          <fieldset>
            <legend>{t.allBrands.pause.choose}</legend>
            {brands.map((b) => {
              const refused = !b.mayPause ? t.allBrands.pause.notAllowed(t.roles[b.role]) : b.twoFactorFirst ? t.allBrands.pause.twoFactorFirst : null;
              return (
                <label key={b.id} className="check">
                  <input type="checkbox" name="brand" value={b.id} disabled={refused !== null} />
                  <span className="brand-swatch" style={{ background: b.colour }} aria-hidden="true" />
                  <span>
                    {b.name}
                    {b.paused ? <span className="muted"> ({t.allBrands.paused})</span> : null}
                    {refused ? <span className="muted"> — {refused}</span> : null}
                  </span>
                </label>
              );
            })}
          </fieldset>
          <label>
            {t.allBrands.pause.reason}
            <input name="reason" maxLength={500} />
          </label>
          <div className="inline">
            <button type="submit" name="intent" value="pause">
              {t.allBrands.pause.pause}
            </button>
            <button type="submit" name="intent" value="resume" className="secondary">
              {t.allBrands.pause.resume}
            </button>
          </div>
        </Form>
      ) : (
        <p className="muted">{t.allBrands.pause.none}</p>
      )}
    </section>
  );
}
