// The gate's refusals (app/domain/post-gate.ts) in the person's language.
import type { Refusal } from "~/domain/post-gate";
import type { Locale } from "./locales";
import { messages } from "./messages";

export const refusalText = (refusal: Refusal, locale: Locale): string => messages[locale].gate[refusal.code](refusal.missing ?? 0);
