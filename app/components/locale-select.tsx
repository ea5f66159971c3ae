// A choice of one of Rytm's languages, each named in itself.
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
