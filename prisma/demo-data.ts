// The demo: a freelancer who runs two brand calendars (a Warsaw museum and a New York
// coffee roaster), their colleagues in each role, channels, a week of published history and
// four weeks of posts (prisma/demo-plan.ts) in every state of the approval workflow.
import { DateTime } from "luxon";
import type { NetworkKind, Role } from "../app/generated/prisma/client.ts";
import { defaultMixRules } from "../app/domain/mix-rules-settings.ts";
import { variantFingerprint } from "../app/models/plan-check.server.ts";
import { encrypt } from "../app/utils/encryption.server.ts";
import { prisma } from "../app/utils/db.server.ts";
import { hashPassword } from "../app/utils/password.server.ts";
import { type DemoPost, coffeePlan, museumPlan } from "./demo-plan.ts";

export const DEMO_PASSWORD = "rytm-demo-password";

export const demoUsers = [
  { key: "owner", email: "ola@rytm.example", name: "Ola Nowak (freelancer)" },
  { key: "editor", email: "marek@rytm.example", name: "Marek Wiśniewski" },
  { key: "approver", email: "joanna@rytm.example", name: "Joanna Kowalczyk" },
  { key: "viewer", email: "sam@rytm.example", name: "Sam Rivera" },
] as const;
type UserKey = (typeof demoUsers)[number]["key"];

const demoWorkspaces: {
  slug: string;
  name: string;
  timeZone: string;
  members: [UserKey, Role][];
  /** Who writes the posts and who approves them. */
  author: UserKey;
  approver: UserKey;
  /** Network, channel name, and the address a published post of it lives at. */
  channels: [NetworkKind, string, string][];
  /** ISO weekdays the brand posts on, and its usual times in turn. */
  weekdays: number[];
  times: string[];
  plan: DemoPost[];
}[] = [
  {
    slug: "muzeum-miasta",
    name: "Muzeum Miasta",
    timeZone: "Europe/Warsaw",
    members: [["owner", "OWNER"], ["editor", "EDITOR"], ["approver", "APPROVER"], ["viewer", "VIEWER"]],
    author: "editor",
    approver: "approver",
    channels: [
      ["facebook", "Muzeum Miasta (Facebook)", "https://www.facebook.com/muzeummiasta/posts/"],
      ["x", "@MuzeumMiasta", "https://x.com/MuzeumMiasta/status/"],
      ["linkedin", "Muzeum Miasta (LinkedIn)", "https://www.linkedin.com/feed/update/urn:li:share:"],
      ["mastodon", "@muzeum@mastodon.social", "https://mastodon.social/@muzeum/"],
    ],
    weekdays: [1, 2, 3, 4, 5],
    times: ["09:00", "12:30", "18:00"],
    plan: museumPlan,
  },
  {
    slug: "northwind-coffee",
    name: "Northwind Coffee",
    timeZone: "America/New_York",
    members: [["owner", "OWNER"], ["viewer", "APPROVER"]],
    author: "owner",
    approver: "viewer",
    channels: [
      ["instagram", "@northwindcoffee", "https://www.instagram.com/p/"],
      ["x", "@NorthwindCoffee", "https://x.com/NorthwindCoffee/status/"],
      ["bluesky", "northwind.coffee", "https://bsky.app/profile/northwind.coffee/post/"],
    ],
    weekdays: [1, 3, 5],
    times: ["08:00", "15:00"],
    plan: coffeePlan,
  },
];

/** The local day of a planning slot: the nth posting day after today (before it, for a negative n). */
function slotDay(today: DateTime, slot: number, weekdays: readonly number[]): DateTime {
  let day = today;
  for (let n = 0; n < Math.abs(slot); ) {
    day = day.plus({ days: Math.sign(slot) });
    if (weekdays.includes(day.weekday)) n++;
  }
  return day;
}

/** Replaces any earlier demo data with a fresh copy planned from today on. */
export async function seedDemo(now: Date = new Date()) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await prisma.workspace.deleteMany({ where: { slug: { in: demoWorkspaces.map((w) => w.slug) } } });
  await prisma.user.deleteMany({ where: { email: { in: demoUsers.map((u) => u.email) } } });
  const users = new Map<UserKey, string>();
  for (const user of demoUsers) {
    // The demo's freelancer also runs the instance, so the queue dashboard can be seen. Demo
    // addresses count as confirmed: they sign in with the README's password, no mail needed.
    const created = await prisma.user.create({ data: { email: user.email, name: user.name, passwordHash, isOperator: user.key === "owner", emailVerifiedAt: new Date() }, select: { id: true } });
    users.set(user.key, created.id);
  }
  let posts = 0;
  for (const spec of demoWorkspaces) {
    const workspace = await prisma.workspace.create({
      data: {
        slug: spec.slug,
        name: spec.name,
        timeZone: spec.timeZone,
        mixRules: defaultMixRules(),
        memberships: { create: spec.members.map(([key, role]) => ({ userId: users.get(key)!, role })) },
        channels: {
          create: spec.channels.map(([network, name]) => ({ network, name, credentials: encrypt(`demo-token-${network}`) })),
        },
      },
      select: { id: true, channels: { select: { id: true, network: true } } },
    });
    const today = DateTime.fromJSDate(now, { zone: spec.timeZone }).startOf("day");
    const channels = new Map(workspace.channels.map((c) => [c.network, c]));
    const urls = new Map(spec.channels.map(([network, , url]) => [network, url]));
    const author = users.get(spec.author)!;
    const approver = users.get(spec.approver)!;
    for (const [i, idea] of spec.plan.entries()) {
      const [hour, minute] = (idea.time ?? spec.times[Math.abs(idea.slot) % spec.times.length]!).split(":").map(Number);
      // Wall-clock time in the workspace's zone; luxon resolves the UTC instant, DST included.
      const at = slotDay(today, idea.slot, spec.weekdays).set({ hour, minute }).toJSDate();
      const published = idea.status === "PUBLISHED";
      const approved = published || idea.status === "APPROVED";
      const post = await prisma.post.create({
        data: {
          workspaceId: workspace.id,
          authorId: author,
          title: idea.title,
          body: Object.values(idea.texts)[0]!,
          category: idea.category,
          campaignTag: idea.campaignTag ?? null,
          status: idea.status,
          scheduledAt: at,
          // A request for changes closes the revision it was made on.
          revision: idea.changes ? 2 : 1,
          variants: {
            create: Object.entries(idea.texts).map(([network, text], k) => {
              const id = `${1_800_000 + i * 10 + k}`;
              return {
                workspaceId: workspace.id,
                channelId: channels.get(network as NetworkKind)!.id,
                text,
                mediaUrls: idea.media?.[network as NetworkKind] ?? [],
                scheduledAt: at,
                ...variantFingerprint(text),
                ...(published ? { status: "PUBLISHED" as const, publishedAt: at, externalId: id, externalUrl: `${urls.get(network as NetworkKind)}${id}` } : {}),
              };
            }),
          },
          approvals: approved
            ? { create: { approverId: approver, decision: "APPROVED", revision: 1 } }
            : idea.changes
              ? { create: { approverId: approver, decision: "CHANGES_REQUESTED", revision: 1, comment: idea.changes } }
              : undefined,
          comments: idea.changes ? { create: { authorId: approver, body: idea.changes } } : undefined,
        },
        select: { id: true },
      });
      const event = (actorId: string, action: string) => ({ workspaceId: workspace.id, actorId, action, targetType: "post", targetId: post.id, data: {} });
      await prisma.auditEvent.createMany({
        data: [
          event(author, "post.saved"),
          ...(idea.status !== "DRAFT" ? [event(author, "post.submit")] : []),
          ...(approved ? [event(approver, "post.approve")] : []),
          ...(idea.changes ? [event(approver, "post.request-changes")] : []),
        ],
      });
      posts++;
    }
  }
  return { users: demoUsers.length, workspaces: demoWorkspaces.length, posts };
}
