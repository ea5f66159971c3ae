import { en } from "./en";
import type { Locale } from "./locales";
import { pl } from "./pl";

export type Messages = typeof en;
export const messages: Record<Locale, Messages> = { en, pl };
