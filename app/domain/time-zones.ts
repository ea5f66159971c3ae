// IANA time zones. A workspace keeps a zone name, never a fixed offset: offsets change at
// DST and a post at 09:00 Europe/Warsaw must stay at 09:00 all year.
import { DateTime, IANAZone } from "luxon";

// Asking the platform whether a zone exists is slow; a large import asks once per row.
const known = new Map<string, boolean>();

export function isTimeZone(name: string): boolean {
  let valid = known.get(name);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(name) && !/^(Etc\/)?(GMT|UTC)[+-]/.test(name);
    if (known.size < 1000) known.set(name, valid);
  }
  return valid;
}

/**
 * The zone's name as the platform spells it ("europe/warsaw" → "Europe/Warsaw"), or null
 * when it is not a zone Rytm accepts. Names are stored in this form, so that two spellings
 * of one zone never look like two zones.
 */
export function canonicalTimeZone(name: string): string | null {
  if (name.length > 64 || !isTimeZone(name)) return null;
  // Asking the platform costs a formatter each time; a 10,000-row file asks once per row.
  let canonical = canonicalNames.get(name);
  if (canonical === undefined) {
    canonical = new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
    if (canonicalNames.size < 1000) canonicalNames.set(name, canonical);
  }
  return canonical;
}
const canonicalNames = new Map<string, string>();

/** Zones offered in pickers: the platform's canonical list, plus UTC. */
export function timeZoneNames(): string[] {
  const names = Intl.supportedValuesOf("timeZone");
  return names.includes("UTC") ? names : ["UTC", ...names];
}

/** "Europe/Warsaw (UTC+01:00)" at the given moment. */
export function describeTimeZone(name: string, at: Date = new Date()): string {
  return `${name} (UTC${DateTime.fromJSDate(at, { zone: name }).toFormat("ZZ")})`;
}
