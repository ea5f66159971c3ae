// A choice of one of Rytm's languages, each named in itself.
import { Form, useLocation } from "@remix-run/react";
import { locales } from "~/i18n/locales";
import { useI18n } from "~/i18n/use-i18n";

export function LocaleSelect({ name, defaultValue, label }: { name: string; defaultValue: string; label?: string }) {
  const { t } = useI18n();
  return (
    <select name={name} defaultValue={defaultValue} aria-label={label}>
      {locales.map((l) => (
        <option key={l} value={l}>
          {t.language[l]}
        </option>
      ))}
    </select>
  );
}

/** The top bar's language switch: saved for the person, then back to the page they were on. */
export function LanguageForm() {
  const { t, locale } = useI18n();
  const location = useLocation();
  return (
    <Form method="post" action="/preferences" className="inline">
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <label className="inline">
        <span className="visually-hidden">{t.language.label}</span>
        <LocaleSelect name="locale" defaultValue={locale} label={t.language.label} />
      </label>
      <button type="submit" className="secondary">
        {t.language.save}
      </button>
    </Form>
  );
}
