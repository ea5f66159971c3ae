import { type Locale, pickLocale } from "~/i18n/locales";
import { getUser } from "./auth.server";

/** The language to answer this request in: the person's choice, else their browser's. */
export async function localeOf(request: Request): Promise<Locale> {
  const user = await getUser(request);
  return pickLocale(user?.locale, request.headers.get("Accept-Language"));
}
