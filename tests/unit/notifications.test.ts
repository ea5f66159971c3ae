// The pure parts of notifications: who hears of what, @mentions, settings that never fail to
// read, deadlines, what a client reads, and the chat payloads.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isExpired, reminderDue } from "~/domain/approval-deadline";
import { chatPayload } from "~/domain/chat-message";
import { clientStateOf } from "~/domain/client-view";
import { mentionedIn } from "~/domain/mentions";
import { choiceFor, readNotificationSettings, withoutMail } from "~/domain/notification-settings";
import { type Member, notificationKinds, recipientsOf } from "~/domain/notifications";
import { roles } from "~/domain/permissions";
import { messages } from "~/i18n/messages";

const members: Member[] = [
  { userId: "owner", role: "OWNER" },
  { userId: "editor", role: "EDITOR" },
  { userId: "approver", role: "APPROVER" },
  { userId: "viewer", role: "VIEWER" },
];

describe("recipientsOf", () => {
  it("tells each kind to the people it concerns", () => {
    const of = (kind: (typeof notificationKinds)[number], data = {}) => recipientsOf({ kind, actorId: "editor", authorId: "editor", data }, members).sort();
    expect(of("review-requested")).toEqual(["approver", "owner"]);
    expect(recipientsOf({ kind: "approved", actorId: "approver", authorId: "editor", data: {} }, members)).toEqual(["editor"]);
    expect(of("publish-failed")).toEqual(["owner"]);
    expect(recipientsOf({ kind: "publish-failed", actorId: null, authorId: "editor", data: {} }, members).sort()).toEqual(["editor", "owner"]);
    expect(of("channel-needs-reconnect")).toEqual(["owner"]);
    expect(of("publishing-paused")).toEqual(["approver", "owner", "viewer"]);
    expect(of("mention", { mentioned: ["viewer", "stranger"] })).toEqual(["viewer"]);
    expect(of("approval-reminder", { approvedBy: ["user:owner"] })).toEqual(["approver"]);
  });

  it("never tells the person who acted, someone who is not a member, or anyone twice", () => {
    const member = fc.record({ userId: fc.constantFrom("a", "b", "c", "d"), role: fc.constantFrom(...roles) });
    fc.assert(
      fc.property(fc.constantFrom(...notificationKinds), fc.array(member, { maxLength: 6 }), fc.option(fc.constantFrom("a", "b", "x")), fc.option(fc.constantFrom("a", "b", "x")), (kind, list, actorId, authorId) => {
        const told = recipientsOf({ kind, actorId, authorId, data: { mentioned: ["a", "x"], approvedBy: [] } }, list);
        expect(new Set(told).size).toBe(told.length);
        expect(told).not.toContain(actorId);
        for (const id of told) expect(list.some((m) => m.userId === id)).toBe(true);
      }),
    );
  });
});

describe("mentionedIn", () => {
  const people = [
    { userId: "j", name: "Joanna Kowalska", email: "joanna@rytm.example" },
    { userId: "m", name: "Marek", email: "marek.n@rytm.example" },
    { userId: "a1", name: "Anna Nowak", email: "an@rytm.example" },
    { userId: "a2", name: "Anna Wiśniewska", email: "aw@rytm.example" },
  ];
  it("finds full names, first names, address parts, in any case, each once", () => {
    expect(mentionedIn("@joanna and @Marek, and @JOANNA again", people)).toEqual(["j", "m"]);
    expect(mentionedIn("cc @marek.n", people)).toEqual(["m"]);
    expect(mentionedIn("@Anna Wiśniewska please", people)).toEqual(["a2"]);
  });
  it("a name two members share mentions nobody; an e-mail address or a longer word is not a mention", () => {
    expect(mentionedIn("@Anna look", people)).toEqual([]);
    expect(mentionedIn("write to joanna@rytm.example", people)).toEqual([]);
    expect(mentionedIn("@Marekowi", people)).toEqual([]);
  });
});

describe("settings", () => {
  it("read whatever is stored, falling back to the defaults", () => {
    for (const stored of [null, "nonsense", { kinds: { "review-requested": "carrier pigeon" } }, { digestHour: 99 }]) {
      const settings = readNotificationSettings(stored);
      expect(choiceFor(settings, "review-requested")).toBe("email");
      expect(settings.digestHour).toBe(8);
    }
    const chosen = readNotificationSettings({ kinds: { mention: "off" }, digestHour: 7, timeZone: "Europe/Warsaw" });
    expect(choiceFor(chosen, "mention")).toBe("off");
    expect(choiceFor(withoutMail(chosen, "approved"), "approved")).toBe("in-app");
    expect(choiceFor(withoutMail(chosen, "mention"), "mention")).toBe("off");
  });
});

describe("deadlines and what a client reads", () => {
  const now = new Date("2026-12-01T10:00:00Z");
  it("a post in review expires at its time; approved too late counts too; a reminder comes within the lead", () => {
    expect(isExpired({ status: "IN_REVIEW", scheduledAt: new Date("2026-12-01T09:59:00Z") }, now)).toBe(true);
    expect(isExpired({ status: "APPROVED", scheduledAt: new Date("2026-12-01T09:00:00Z") }, now)).toBe(true);
    expect(isExpired({ status: "SCHEDULED", scheduledAt: new Date("2026-12-01T09:00:00Z") }, now)).toBe(false);
    expect(reminderDue({ status: "IN_REVIEW", scheduledAt: new Date("2026-12-02T09:00:00Z") }, 24, now)).toBe(true);
    expect(reminderDue({ status: "IN_REVIEW", scheduledAt: new Date("2026-12-03T09:00:00Z") }, 24, now)).toBe(false);
    expect(reminderDue({ status: "IN_REVIEW", scheduledAt: new Date("2026-12-02T09:00:00Z") }, 0, now)).toBe(false);
  });
  it("a client reads plain words, in both languages", () => {
    expect(clientStateOf({ status: "IN_REVIEW", mayApprove: true, approvedByThisLink: false })).toBe("awaiting-you");
    expect(clientStateOf({ status: "IN_REVIEW", mayApprove: false, approvedByThisLink: true })).toBe("you-approved");
    expect(clientStateOf({ status: "FAILED", mayApprove: false, approvedByThisLink: true })).toBe("with-the-team");
    expect(messages.pl.notifications.client.state["awaiting-you"]).toBe("Czeka na Twoje zatwierdzenie");
  });
  it("Polish counts agree with their number", () => {
    const t = messages.pl.notifications;
    expect(t.bell(1)).toBe("Powiadomienia: 1 nieprzeczytane");
    expect(t.bell(5)).toBe("Powiadomienia: 5 nieprzeczytanych");
    expect(t.mail.digestSubject(2)).toBe("Rytm: 2 powiadomienia z ostatniej doby");
    expect(t.mail.digestIntro(5)).toBe("Od ostatniego podsumowania wydarzyło się 5 rzeczy:");
    expect(t.client.approvedAll(22, 0)).toBe("22 posty zatwierdzone.");
  });
});

describe("chat payloads", () => {
  it("escape Slack's control characters and carry the link; Teams gets an Adaptive Card", () => {
    expect(chatPayload("slack", "A <b> & c", { url: "https://rytm.example/w/x", label: "Open" })).toEqual({ text: "A &lt;b&gt; &amp; c <https://rytm.example/w/x|Open>" });
    const teams = chatPayload("teams", "Hello", { url: "https://rytm.example/w/x", label: "Open" }) as { attachments: { content: { actions: { url: string }[] } }[] };
    expect(teams.attachments[0]!.content.actions[0]!.url).toBe("https://rytm.example/w/x");
  });
});
