import pino from "pino";

/** Structured JSON logs on stdout, one line per event. */
export function createLogger(name: string, level: string) {
  return pino({ name, level, base: { service: name, pid: process.pid } });
}
