// Renders a mail in the recipient's language as plain text and HTML, with absolute links.
// Pure: the outbox stores what this returns, the worker only sends it.
import { mail as en } from "~/i18n/mail.en";
import { mail as pl } from "~/i18n/mail.pl";
import type { Locale } from "~/i18n/locales";

export type MailContent =
  | { template: "sign-up"; path: string }
  | { template: "sign-up-existing"; email: string }
  | { template: "password-reset"; path: string }
  | { template: "password-changed" | "two-factor-on" | "two-factor-off"; email: string };

export type RenderedMail = { subject: string; text: string; html: string };

const catalogues = { en, pl };

/** A paragraph of words, or a link standing on its own line. */
type Block = string | { link: string };

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function blocksOf(content: MailContent, t: typeof en, origin: string): { subject: string; blocks: Block[] } {
  const at = (path: string) => ({ link: new URL(path, `${origin}/`).toString() });
  switch (content.template) {
    case "sign-up":
      return { subject: t.signUp.subject, blocks: [t.signUp.before, at(content.path), t.signUp.after] };
    case "sign-up-existing":
      return {
        subject: t.signUpExisting.subject,
        blocks: [t.signUpExisting.before(content.email), at("/login"), t.signUpExisting.reset, at("/forgot-password"), t.signUpExisting.after],
      };
    case "password-reset":
      return { subject: t.passwordReset.subject, blocks: [t.passwordReset.before, at(content.path), t.passwordReset.after] };
    case "password-changed":
      return { subject: t.passwordChanged.subject, blocks: [t.passwordChanged.before(content.email), t.passwordChanged.after, at("/forgot-password")] };
    case "two-factor-on":
      return { subject: t.twoFactorOn.subject, blocks: [t.twoFactorOn.before(content.email), t.twoFactorOn.after, at("/forgot-password")] };
    case "two-factor-off":
      return { subject: t.twoFactorOff.subject, blocks: [t.twoFactorOff.before(content.email), t.twoFactorOff.after, at("/forgot-password")] };
  }
}

/** `origin` is the public address links point to (APP_URL), e.g. https://rytm.example.com. */
export function renderMail(content: MailContent, locale: Locale, origin: string): RenderedMail {
  const t = catalogues[locale];
  const { subject, blocks } = blocksOf(content, t, origin.replace(/\/$/, ""));
  const all = [...blocks, t.signOff];
  const text = `${all.map((b) => (typeof b === "string" ? b : b.link)).join("\n\n")}\n`;
  const body = all
    .map((b) => (typeof b === "string" ? `<p>${escapeHtml(b)}</p>` : `<p><a href="${escapeHtml(b.link)}">${escapeHtml(b.link)}</a></p>`))
    .join("\n");
  const html = `<!doctype html>\n<html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>\n<body style="font-family: system-ui, sans-serif; line-height: 1.45; color: #1d2125">\n${body}\n</body></html>\n`;
  return { subject, text, html };
}
