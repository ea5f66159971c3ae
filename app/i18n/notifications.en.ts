// Notifications in English: what each kind says in the bell, in mails and in the team's chat,
// the preferences page, approval deadlines and the client's page.
import type { ClientState } from "~/domain/client-view";
import type { DeliveryChoice, EventData, NotificationKind } from "~/domain/notifications";

const count = (n: number, one: string, many: string) => `${new Intl.NumberFormat("en").format(n)} ${n === 1 ? one : many}`;
const quote = (title?: string) => `“${title ?? "a post"}”`;
const said = (comment?: string) => (comment ? `: “${comment}”` : "");

/** One notice in a sentence; `when` formats a time in the workspace's zone. */
const line = (kind: NotificationKind, d: EventData, workspace: string, when: (iso: string) => string): string => {
  switch (kind) {
    case "review-requested":
      return `${quote(d.title)} awaits your approval${d.at ? ` by ${when(d.at)}` : ""} (sent by ${d.actorName ?? "someone"}).`;
    case "approved":
      return `${d.actorName ?? "Someone"} approved ${quote(d.title)}${d.approvals && d.approvals.need > 1 ? ` (${d.approvals.have} of ${d.approvals.need})` : ""}${d.scheduled ? "; it is on the schedule" : ""}.`;
    case "changes-requested":
      return `${d.actorName ?? "Someone"} asked for changes to ${quote(d.title)}${said(d.comment)}`;
    case "client-decision":
      return d.decision === "approve"
        ? `The client (${d.clientName ?? "?"}) approved ${quote(d.title)}${d.scheduled ? "; it is on the schedule" : ""}.`
        : `The client (${d.clientName ?? "?"}) asked for changes to ${quote(d.title)}${said(d.comment)}`;
    case "publish-failed":
      return `${quote(d.title)} was not published on ${d.channelName ?? "a channel"}: ${d.reason ?? "the network refused it"}`;
    case "publish-unknown":
      return `Did ${quote(d.title)} go out on ${d.channelName ?? "a channel"}? The network's answer was lost; check and decide.`;
    case "publish-held":
      return `${quote(d.title)} is held on ${d.channelName ?? "a channel"}: the plan changed and it now breaks a blocking rule.`;
    case "channel-needs-reconnect":
      return `${d.channelName ?? "A channel"} needs to be connected again${d.reason ? `: ${d.reason}` : ""}. Its posts wait until then.`;
    case "publishing-paused":
      return `${d.actorName ?? "Someone"} paused publishing in ${workspace}${d.reason ? `: ${d.reason}` : ""}.`;
    case "publishing-resumed":
      return `${d.actorName ?? "Someone"} resumed publishing in ${workspace}.${d.held ? ` ${count(d.held, "post", "posts")} whose time passed meanwhile ${d.held === 1 ? "waits" : "wait"} for a decision.` : ""}`;
    case "mention":
      return `${d.actorName ?? "Someone"} mentioned you on ${quote(d.title)}${said(d.comment)}`;
    case "approval-reminder":
      return `Reminder: ${quote(d.title)} needs approval by ${d.at ? when(d.at) : "its time"} to go out on time.`;
    case "approval-expired":
      return `${quote(d.title)} did not go out${d.at ? ` at ${when(d.at)}` : ""}: it was not approved in time. Give it a new time.`;
  }
};

const kinds: Record<NotificationKind, string> = {
  "review-requested": "A post awaits my approval",
  approved: "My post was approved",
  "changes-requested": "Changes were requested on my post",
  "client-decision": "A client decided on a post",
  "publish-failed": "A post failed to publish",
  "publish-unknown": "A post's outcome is unknown",
  "publish-held": "A post is held by the rules",
  "channel-needs-reconnect": "A channel needs reconnecting",
  "publishing-paused": "Publishing was paused",
  "publishing-resumed": "Publishing was resumed",
  mention: "Someone mentioned me",
  "approval-reminder": "Reminder before an approval deadline",
  "approval-expired": "A post missed its time unapproved",
};

const choices: Record<DeliveryChoice, string> = { "in-app": "In Rytm only", email: "E-mail now", digest: "Daily digest", off: "Nothing" };

const clientStates: Record<ClientState, string> = {
  "awaiting-you": "Waiting for your approval",
  "you-approved": "You approved it; the team may still need other approvals",
  "changes-asked": "Changes were asked for; the team is revising it",
  approved: "Approved",
  "on-its-way": "Approved and planned to go out",
  published: "Published",
  "with-the-team": "With the team",
};

export const notifications = {
  line,
  kinds,
  choices,
  bell: (n: number) => (n ? `Notifications: ${count(n, "unread", "unread")}` : "Notifications"),
  page: {
    title: "Notifications",
    heading: "Notifications",
    none: "Nothing yet. When a post awaits you, is approved, fails or someone mentions you, it appears here.",
    markAll: "Mark all as read",
    markRead: "Mark as read",
    open: "Open",
    unread: "unread",
    settings: "Choose what you are told, and how",
    marked: (n: number) => `${count(n, "notification", "notifications")} marked as read.`,
    back: "Back",
  },
  settings: {
    title: "Notifications",
    menu: "Notifications",
    heading: "What you are told, and how",
    intro: "For each kind: in Rytm only (the bell), also by e-mail at once, in one daily digest e-mail, or nothing. E-mails go to your account's address, in your language.",
    kind: "When…",
    how: "How",
    digestHour: "Daily digest at",
    timeZone: "in the time zone",
    save: "Save",
    saved: "Saved.",
  },
  mail: {
    open: "Open it in Rytm:",
    why: (workspace: string) => `You get this because you are a member of ${workspace} in Rytm.`,
    change: "Choose what you are told, or stop these e-mails:",
    digestSubject: (n: number) => `Rytm: ${count(n, "notification", "notifications")} from the last day`,
    digestIntro: (n: number) => `${count(n, "thing", "things")} happened since your last digest:`,
    clientSubject: (workspace: string) => `${workspace}: posts await your approval`,
    clientReminderSubject: (workspace: string) => `${workspace}: a post needs your approval soon`,
    clientAwaits: (title: string, when: string) => `“${title}”, planned for ${when}, awaits your approval.`,
    clientReminder: (title: string, when: string) => `Reminder: “${title}” needs your approval by ${when} to go out on time.`,
    clientOpen: "See it as it will look, and approve or ask for changes:",
    clientWhy: (workspace: string) => `You get this because ${workspace} asked for your approval in Rytm.`,
    clientStop: "Stop these e-mails:",
  },
  unsubscribe: {
    title: "Stop e-mails",
    heading: "Stop these e-mails?",
    kind: (kind: string) => `You will no longer get e-mails for: ${kind}. They stay in Rytm's bell.`,
    client: (workspace: string) => `You will no longer get e-mails from ${workspace} about posts awaiting your approval.`,
    confirm: "Stop them",
    done: "Done: these e-mails are stopped.",
    invalid: "This link is not valid.",
  },
  deadline: {
    needsBy: (when: string) => `Needs approval by ${when} to go out on time.`,
    passed: (when: string) => `Its time (${when}) passed before it was approved: it will not go out. Give it a new time.`,
  },
  expired: {
    nav: "Expired",
    title: "Expired approvals",
    heading: "Expired approvals",
    intro: "Posts whose time passed before they were approved. None of them went out; give each a new time (it keeps its approvals where the workspace allows) or cancel it.",
    none: "No post missed its time for want of approval.",
    was: (when: string) => `Was planned for ${when}`,
    awaiting: (have: number, need: number) => `${have} of ${need} approvals`,
    lateApproval: "approved after its time",
    newTime: "New time",
    reschedule: "Reschedule",
    tomorrow: "Same time tomorrow",
    cancel: "Cancel post",
    rescheduled: (title: string, when: string) => `“${title}” now goes for ${when}.`,
    cancelled: (title: string) => `“${title}” was cancelled.`,
  },
  confirm: {
    approved: (scheduled: boolean, when: string | null) => (scheduled && when ? `Approved. It goes out ${when}.` : "Approved. The author is told."),
    approvedWaiting: (missing: number) => `Approved. It still needs ${count(missing, "more approval", "more approvals")}.`,
    changesRequested: "Changes requested. The author is told.",
    submitted: "Submitted for review. The approvers are told.",
  },
  client: {
    state: clientStates,
    whoHeading: "Who are you?",
    whoIntro: "Your name goes with your decisions, so the team knows who approved. You are asked once on this device.",
    whoSave: "Continue",
    signedAs: (name: string) => `You decide as ${name}.`,
    notYou: "Not you?",
    approveAll: (n: number) => `Approve all ${count(n, "post", "posts")} shown`,
    approvedAll: (n: number, refused: number) => `${count(n, "post", "posts")} approved.${refused ? ` ${count(refused, "post", "posts")} could not be: see each.` : ""}`,
    approvedOne: "Approved — thank you.",
    changesOne: "Your request for changes is sent to the team.",
    comments: "Comments from the team",
    you: (name: string) => `${name} (you)`,
    needsBy: (when: string) => `Please decide by ${when}.`,
    noDecision: "No decision is possible on this post now.",
  },
  share: {
    copy: "Copy",
    copied: "Copied",
    linkLabel: "Link for the client",
    clientEmail: "Client's e-mail (optional: they are mailed when posts await them, and reminded before the deadline)",
    clientLocale: "Language of the client's e-mails",
    emailSaved: "Saved.",
    setEmail: "Save e-mail",
    mailed: (email: string) => `Mails go to ${email}.`,
    oldLink: "Made before links could be shown again: make a new one to copy it.",
  },
  feed: {
    linkLabel: "Calendar feed address",
    howTo: "In Google Calendar: Other calendars → + → From URL, and paste this address. Apple Calendar and Outlook subscribe to it the same way.",
  },
  chat: {
    heading: "Team chat",
    intro: "Paste a Slack or Microsoft Teams incoming-webhook address: the workspace's notifications are posted there too.",
    url: "Incoming webhook address",
    format: "Format",
    formats: { slack: "Slack (or compatible: Mattermost, Rocket.Chat)", teams: "Microsoft Teams (Workflows)" },
    save: "Save",
    remove: "Remove",
    on: (format: string) => `Notifications go to the team's chat (${format}).`,
    off: "No team chat yet.",
    saved: "Saved.",
  },
  reminderHours: "Remind approvers this many hours before a post's approval deadline (0: never)",
  visibleToClient: "Visible to the client",
  shownToClient: "shown to the client",
};
