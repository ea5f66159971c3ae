// Components read their words through this hook: the root loader chose the locale.
import { useRouteLoaderData } from "@remix-run/react";
import { messages } from "./messages";
import type { Locale } from "./locales";

export function useI18n() {
  const root = useRouteLoaderData<{ locale: Locale }>("root");
  const locale = root?.locale ?? "en";
  return { locale, t: messages[locale] };
}
