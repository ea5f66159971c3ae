// Renders a mail in the recipient's language as plain text and HTML, with absolute links.
// Pure: the outbox stores what this returns, the worker only sends it.
import type { EventData, NotificationKind } from "~/domain/notifications";
import { targetPath } from "~/domain/notifications";
import { mail as en } from "~/i18n/mail.en";
import { mail as pl } from "~/i18n/mail.pl";
import type { Locale } from "~/i18n/locales";
import { notifications as notificationsEn } from "~/i18n/notifications.en";
import { notifications as notificationsPl } from "~/i18n/notifications.pl";
import { formatDateTime } from "~/utils/dates";

export type MailWorkspace = { name: string; slug: string; timeZone: string };
export type MailNotice = { kind: NotificationKind; data: EventData; workspace: MailWorkspace };

export type MailContent =
  | { template: "sign-up"; path: string }
  | { template: "sign-up-existing"; email: string }
  | { template: "password-reset"; path: string }
  | { template: "password-changed" | "two-factor-on" | "two-factor-off"; email: string }
  /** One notice, mailed now; `unsubscribe` is the path of its one-click unsubscribe link. */
  | ({ template: "notification"; unsubscribe: string } & MailNotice)
  | { template: "digest"; notices: MailNotice[]; unsubscribe: string }
  /** To a client: posts of their link await them (or, as a reminder, soon need them). */
  | { template: "client-posts"; reminder: boolean; workspace: MailWorkspace; posts: { title: string; at: string }[]; path: string; unsubscribe: string };

export type RenderedMail = { subject: string; text: string; html: string; headers: Record<string, string> };

const catalogues = { en, pl };
const noticeCatalogues = { en: notificationsEn, pl: notificationsPl };

/** A paragraph of words, or a link standing on its own line. */
type Block = string | { link: string };

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const oneLine = (text: string, max = 150) => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

type Rendered = { subject: string; blocks: Block[]; unsubscribe?: string };

function blocksOf(content: MailContent, locale: Locale, origin: string): Rendered {
  const t = catalogues[locale];
  const n = noticeCatalogues[locale];
  const at = (path: string) => ({ link: new URL(path, `${origin}/`).toString() });
  const whenIn = (zone: string) => (iso: string) => formatDateTime(iso, zone, locale);
  const noticeLine = (notice: MailNotice) => n.line(notice.kind, notice.data, notice.workspace.name, whenIn(notice.workspace.timeZone));
  const noticeLink = (notice: MailNotice) => at(`/w/${notice.workspace.slug}${targetPath(notice.kind, notice.data)}`);
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
    case "notification": {
      const line = noticeLine(content);
      return {
        subject: `${content.workspace.name}: ${oneLine(line)}`,
        blocks: [line, n.mail.open, noticeLink(content), n.mail.why(content.workspace.name), n.mail.change, at(content.unsubscribe)],
        unsubscribe: content.unsubscribe,
      };
    }
    case "digest": {
      const blocks: Block[] = [n.mail.digestIntro(content.notices.length)];
      for (const notice of content.notices) blocks.push(`${notice.workspace.name}: ${noticeLine(notice)}`, noticeLink(notice));
      blocks.push(n.mail.change, at(content.unsubscribe));
      return { subject: n.mail.digestSubject(content.notices.length), blocks, unsubscribe: content.unsubscribe };
    }
    case "client-posts": {
      const when = whenIn(content.workspace.timeZone);
      const lines = content.posts.map((p) => (content.reminder ? n.mail.clientReminder(p.title, when(p.at)) : n.mail.clientAwaits(p.title, when(p.at))));
      return {
        subject: content.reminder ? n.mail.clientReminderSubject(content.workspace.name) : n.mail.clientSubject(content.workspace.name),
        blocks: [...lines, n.mail.clientOpen, at(content.path), n.mail.clientWhy(content.workspace.name), n.mail.clientStop, at(content.unsubscribe)],
        unsubscribe: content.unsubscribe,
      };
    }
  }
}

/** `origin` is the public address links point to (APP_URL), e.g. https://rytm.example.com. */
export function renderMail(content: MailContent, locale: Locale, origin: string): RenderedMail {
  const base = origin.replace(/\/$/, "");
  const { subject, blocks, unsubscribe } = blocksOf(content, locale, base);
  const all = [...blocks, catalogues[locale].signOff];
  const text = `${all.map((b) => (typeof b === "string" ? b : b.link)).join("\n\n")}\n`;
  const body = all
    .map((b) => (typeof b === "string" ? `<p>${escapeHtml(b)}</p>` : `<p><a href="${escapeHtml(b.link)}">${escapeHtml(b.link)}</a></p>`))
    .join("\n");
  const html = `<!doctype html>\n<html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>\n<body style="font-family: system-ui, sans-serif; line-height: 1.45; color: #1d2125">\n${body}\n</body></html>\n`;
  // RFC 2369 and RFC 8058: mail programs offer "unsubscribe", and may do it with one POST.
  const headers: Record<string, string> = unsubscribe ? { "List-Unsubscribe": `<${new URL(unsubscribe, `${base}/`).toString()}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } : {};
  return { subject, text, html, headers };
}
