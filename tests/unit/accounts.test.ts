import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type SmtpError, classifySmtpError, mailRetryDelayMs } from "~/domain/mail-delivery";
import { looksLikeRecoveryCode, normalizeRecoveryCode, recoveryCodeFrom } from "~/domain/recovery-codes";
import { describeUserAgent } from "~/domain/user-agent";
import { type MailContent, renderMail } from "~/mail/templates";

describe("the sessions list names browsers", () => {
  it.each([
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36", "Chrome", "Windows"],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91", "Edge", "Windows"],
    ["Mozilla/5.0 (Macintosh; Intel Mac OS X 14_2) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15", "Safari", "macOS"],
    ["Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1", "Safari", "iOS"],
    ["Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0", "Firefox", "Linux"],
    ["Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36", "Chrome", "Android"],
  ])("%s", (ua, browser, system) => {
    expect(describeUserAgent(ua)).toEqual({ browser, system });
  });

  it("says nothing for no header or gibberish", () => {
    expect(describeUserAgent(null)).toBeNull();
    expect(describeUserAgent("zzz")).toBeNull();
  });
});

describe("recovery codes", () => {
  it("are xxxxx-xxxxx without look-alike characters, and compare without case, spaces or the dash", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 10, maxLength: 10 }), (bytes) => {
        const code = recoveryCodeFrom(bytes);
        expect(code).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
        expect(looksLikeRecoveryCode(` ${code.toUpperCase().replace("-", " - ")} `)).toBe(true);
        expect(normalizeRecoveryCode(code.toUpperCase())).toBe(code.replace("-", ""));
      }),
    );
  });
});

describe("mail delivery outcomes", () => {
  const error = (e: Partial<SmtpError>): SmtpError => ({ message: "failed", ...e });

  it("tries again only when the server certainly did not take the mail", () => {
    expect(classifySmtpError(error({ code: "EMESSAGE", responseCode: 451, command: "DATA" })).kind).toBe("retry");
    expect(classifySmtpError(error({ code: "ECONNECTION", responseCode: 421, command: "CONN" })).kind).toBe("retry");
    expect(classifySmtpError(error({ code: "ESOCKET", originalCode: "ECONNREFUSED", command: "CONN" })).kind).toBe("retry");
    expect(classifySmtpError(error({ code: "ETIMEDOUT", timeoutType: "GREETING_TIMEOUT", command: "CONN" })).kind).toBe("retry");
    expect(classifySmtpError(error({ code: "EAUTH", responseCode: 535, command: "AUTH PLAIN" })).kind).toBe("retry");
  });

  it("gives up on a permanent refusal of the mail itself", () => {
    expect(classifySmtpError(error({ code: "EENVELOPE", responseCode: 550, command: "RCPT TO" })).kind).toBe("failed");
    expect(classifySmtpError(error({ code: "EMESSAGE", responseCode: 554, command: "DATA" })).kind).toBe("failed");
  });

  it("never resends when the connection died after the mail may have been handed over", () => {
    expect(classifySmtpError(error({ code: "ECONNECTION", command: "CONN" })).kind).toBe("unknown");
    expect(classifySmtpError(error({ code: "ETIMEDOUT", timeoutType: "SOCKET_TIMEOUT", command: "CONN" })).kind).toBe("unknown");
    expect(classifySmtpError(error({})).kind).toBe("unknown");
  });

  it("backs off exponentially up to an hour", () => {
    expect(mailRetryDelayMs(1, () => 0)).toBe(2_500);
    expect(mailRetryDelayMs(1, () => 1)).toBe(5_000);
    expect(mailRetryDelayMs(3, () => 1)).toBe(20_000);
    expect(mailRetryDelayMs(40, () => 1)).toBe(60 * 60_000);
  });
});

describe("mail templates", () => {
  const contents: MailContent[] = [
    { template: "sign-up", path: "/signup/abc" },
    { template: "sign-up-existing", email: "anna@example.com" },
    { template: "password-reset", path: "/reset-password/abc" },
    { template: "password-changed", email: "anna@example.com" },
    { template: "two-factor-on", email: "anna@example.com" },
    { template: "two-factor-off", email: "anna@example.com" },
  ];

  it.each(contents)("%o has a subject, text and HTML in both languages, with absolute links", (content) => {
    for (const locale of ["en", "pl"] as const) {
      const mail = renderMail(content, locale, "https://rytm.example.com/");
      expect(mail.subject.length).toBeGreaterThan(5);
      const links = mail.text.match(/https?:\/\/\S+/g) ?? [];
      expect(links.length).toBeGreaterThan(0);
      for (const link of links) {
        expect(link.startsWith("https://rytm.example.com/")).toBe(true);
        expect(mail.html).toContain(`href="${link}"`);
      }
      expect(mail.html).toContain(`<html lang="${locale}">`);
    }
    expect(renderMail(content, "pl", "https://x").subject).not.toBe(renderMail(content, "en", "https://x").subject);
  });

  it("escapes what it puts into HTML", () => {
    const mail = renderMail({ template: "password-changed", email: "<b>@x.example" }, "en", "https://rytm.example.com");
    expect(mail.html).not.toContain("<b>");
    expect(mail.html).toContain("&#60;b&#62;@x.example");
  });
});
