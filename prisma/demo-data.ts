// The demo: a freelancer who runs two brand calendars (a Warsaw museum and a New York
// coffee roaster), their colleagues in each role, channels and four weeks of posts.
import { DateTime } from "luxon";
import type { NetworkKind, PostStatus, Role } from "../app/generated/prisma/client.ts";
import { defaultMixRules } from "../app/domain/mix-rules-settings.ts";
import { variantFingerprint } from "../app/models/plan-check.server.ts";
import { encrypt } from "../app/utils/encryption.server.ts";
import { prisma } from "../app/utils/db.server.ts";
import { hashPassword } from "../app/utils/password.server.ts";

export const DEMO_PASSWORD = "rytm-demo-password";

export const demoUsers = [
  { key: "owner", email: "ola@rytm.example", name: "Ola Nowak (freelancer)" },
  { key: "editor", email: "marek@rytm.example", name: "Marek Wiśniewski" },
  { key: "approver", email: "joanna@rytm.example", name: "Joanna Kowalczyk" },
  { key: "viewer", email: "sam@rytm.example", name: "Sam Rivera" },
] as const;
type UserKey = (typeof demoUsers)[number]["key"];

type DemoPost = { title: string; category: string; texts: Partial<Record<NetworkKind, string>> };

const demoWorkspaces: {
  slug: string;
  name: string;
  timeZone: string;
  members: [UserKey, Role][];
  channels: [NetworkKind, string][];
  times: string[];
  posts: DemoPost[];
}[] = [
  {
    slug: "muzeum-miasta",
    name: "Muzeum Miasta",
    timeZone: "Europe/Warsaw",
    members: [["owner", "OWNER"], ["editor", "EDITOR"], ["approver", "APPROVER"], ["viewer", "VIEWER"]],
    channels: [["facebook", "Muzeum Miasta (Facebook)"], ["x", "@MuzeumMiasta"], ["linkedin", "Muzeum Miasta (LinkedIn)"], ["mastodon", "@muzeum@mastodon.social"]],
    times: ["09:00", "12:30", "18:00"],
    posts: [
      { title: "Ten dzień 80 lat temu", category: "educational", texts: { facebook: "Ten dzień 80 lat temu: jak wyglądała ulica Długa o świcie? Opowiadamy na podstawie relacji świadków.", x: "80 lat temu, o świcie, na Długiej… Wątek z relacjami świadków 🧵", mastodon: "Relacje świadków sprzed 80 lat: ulica Długa o świcie." } },
      { title: "Za kulisami konserwacji", category: "behind-the-scenes", texts: { facebook: "Zajrzyjcie do pracowni konserwatorskiej: tak ratujemy jedwabny sztandar z 1863 roku.", linkedin: "Jak wygląda praca konserwatorki tkanin? Rozmowa o ratowaniu sztandaru z 1863 roku." } },
      { title: "Nowa wystawa czasowa", category: "promotional", texts: { facebook: "Od piątku nowa wystawa czasowa „Miasto w kadrze”. Bilety już w sprzedaży!", x: "„Miasto w kadrze” – nowa wystawa od piątku. Bilety online." } },
      { title: "Zagadka z archiwum", category: "engagement", texts: { facebook: "Zagadka: co przedstawia ta fotografia z 1936 roku? Odpowiedzi w komentarzach!", mastodon: "Zagadka z archiwum: rozpoznacie to miejsce z 1936 roku?" } },
      { title: "Polecamy lekturę", category: "curated", texts: { linkedin: "Polecamy artykuł o cyfryzacji zbiorów muzealnych w Europie Środkowej.", x: "Dobra lektura o cyfryzacji zbiorów muzealnych." } },
      { title: "Bezpłatny wtorek", category: "offer", texts: { facebook: "We wtorki wstęp na wystawę stałą jest bezpłatny. Zapraszamy!" } },
    ],
  },
  {
    slug: "northwind-coffee",
    name: "Northwind Coffee",
    timeZone: "America/New_York",
    members: [["owner", "OWNER"], ["viewer", "APPROVER"]],
    channels: [["instagram", "@northwindcoffee"], ["x", "@NorthwindCoffee"], ["bluesky", "northwind.coffee"]],
    times: ["08:00", "15:00"],
    posts: [
      { title: "How we roast", category: "educational", texts: { instagram: "Light, medium, dark: what actually changes in the roaster? A short guide.", bluesky: "What changes between a light and a dark roast? Our roaster explains." } },
      { title: "Meet the farmers", category: "behind-the-scenes", texts: { instagram: "Meet Ana and Luis, who grow our Huila beans at 1,700 m.", x: "The people behind our Colombian single origin: Ana and Luis." } },
      { title: "Weekend bundle", category: "offer", texts: { instagram: "This weekend: two bags, one grinder, 20% off.", x: "Weekend bundle: 20% off two bags and a grinder." } },
      { title: "Your brew method?", category: "engagement", texts: { bluesky: "Pour-over, French press or espresso: how do you brew at home?", x: "Poll time: how do you brew your morning cup?" } },
      { title: "Seasonal blend launch", category: "promotional", texts: { instagram: "Our winter blend is back: cocoa, orange peel, molasses.", bluesky: "The winter blend returns on Monday." } },
    ],
  },
];

const statuses: PostStatus[] = ["APPROVED", "IN_REVIEW", "DRAFT", "APPROVED", "CHANGES_REQUESTED"];

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
    // Four weeks, weekdays only, one slot a day rotating through the brand's usual times.
    for (let day = 1, n = 0; day <= 28; day++) {
      const date = today.plus({ days: day });
      if (date.weekday > 5) continue;
      const idea = spec.posts[n % spec.posts.length]!;
      const [hour, minute] = spec.times[n % spec.times.length]!.split(":").map(Number);
      // Wall-clock time in the workspace's zone; luxon resolves the UTC instant, DST included.
      const at = date.set({ hour, minute }).toJSDate();
      await prisma.post.create({
        data: {
          workspaceId: workspace.id,
          authorId: users.get("owner"),
          title: idea.title,
          category: idea.category,
          status: statuses[n % statuses.length],
          scheduledAt: at,
          variants: {
            create: workspace.channels
              .filter((c) => idea.texts[c.network])
              .map((c) => ({
                workspaceId: workspace.id,
                channelId: c.id,
                text: idea.texts[c.network]!,
                scheduledAt: at,
                ...variantFingerprint(idea.texts[c.network]!),
              })),
          },
        },
      });
      n++;
      posts++;
    }
  }
  return { users: demoUsers.length, workspaces: demoWorkspaces.length, posts };
}
