// Page titles in the person's language: meta functions read the locale the root loader chose.
import type { MetaArgs } from "@remix-run/node";
import type { Locale } from "./locales";
import { type Messages, messages } from "./messages";

export function localizedTitle(matches: MetaArgs["matches"], pick: (t: Messages) => string) {
  const locale = (matches.find((m) => m.id === "root")?.data as { locale?: Locale } | undefined)?.locale ?? "en";
  return [{ title: `${pick(messages[locale])} · Rytm` }];
}
