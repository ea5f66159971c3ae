// How a route answers the gate: the refusal in the person's language with the violations
// behind it (and those the change would cause on other posts), or nothing to report.
import { data } from "@remix-run/node";
import type { PostCheck } from "~/domain/mix-rules";
import type { Refusal } from "~/domain/post-gate";
import { type LocalizedViolation, localizeViolations } from "~/domain/violations";
import type { Locale } from "~/i18n/locales";
import { messages } from "~/i18n/messages";
import { refusalText } from "~/i18n/refusal";

export type GateAnswer = { error: string | null; violations: LocalizedViolation[]; consequences: LocalizedViolation[] };

type Outcome = { ok: true; check: PostCheck | null } | { ok: false; httpStatus: number; refusal: Refusal | null; check: PostCheck | null; message?: string };

export function gateAnswer(outcome: Outcome, locale: Locale) {
  const violations = localizeViolations(outcome.check?.own ?? [], locale);
  const consequences = localizeViolations(outcome.check?.consequences ?? [], locale);
  if (outcome.ok) return data<GateAnswer>({ error: null, violations, consequences });
  const error = outcome.refusal ? refusalText(outcome.refusal, locale) : (outcome.message ?? messages[locale].errors.notFoundPage);
  return data<GateAnswer>({ error, violations, consequences }, { status: outcome.httpStatus });
}
