// The gate's promise as a property over the real HTTP actions: random sequences of what
// members and clients can do — the editor, the post page, the review queue, the pause page,
// a client's link, drag and drop, an import — under random approval policies, with the real
// server and worker. After every step, in the database: no variant is scheduled, publishing
// or published unless its post passed the gate; a post that came onto the schedule in this
// step had its approvals (or a person with the right to schedule without them) and a verdict
// that did not block; a scheduled variant has a time; a client's link never counts twice for one version of a post.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isCleared } from "~/domain/post-gate";
import { checkPostNow } from "~/models/plan-check.server";
import { prisma } from "~/utils/db.server";
import { startWebhookReceiver } from "../fakes/webhook-receiver";
import { type Brand, createBrand, editorForm, localDate } from "../support/brand";
import { Client } from "../support/http-client";

const SEQUENCES = Number(process.env.GATE_SEQUENCES ?? 200);
const BRANDS = 4;

let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
const brands: { brand: Brand; links: string[] }[] = [];

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  for (let i = 0; i < BRANDS; i++) {
    const brand = await createBrand({}, receiver.url);
    const links: string[] = [];
    for (const label of ["Client A", "Client B"]) {
      const response = await brand.people.owner.client.post(`/w/${brand.workspace.slug}/share`, { intent: "create", label, from: localDate(brand.zone, 0), to: localDate(brand.zone, 30), days: "30" });
      links.push(/\/share\/([A-Za-z0-9_-]{20,})/.exec(await response.text())![1]!);
    }
    brands.push({ brand, links });
  }
}, 120_000);
afterAll(() => receiver.close());

// Words to build posts from: clean ones, one that X refuses for its length, and a pair that copy each other.
const texts = ["Guided tour on Saturday morning", "New prints of the old town in our shop", "How the tower was rebuilt in 1953", "Copied words shared by two posts", "Too long for X. ".repeat(20)];
const categories = ["news", "educational", "promotional", "offer"];
type Role = "owner" | "editor" | "approver" | "approver2" | "viewer";
const postIntents = ["submit", "approve", "request-changes", "schedule", "unschedule", "cancel", "move"] as const;
const variantIntents = ["publish-now", "reschedule", "cancel", "mark-published"] as const;

// The side paths — a variant's own actions, the pause page, a client's link — come up more
// often than a fair share: they are where the gate was once missing.
const weighted = <T,>(...choices: [T, number][]) => fc.oneof(...choices.map(([value, weight]) => ({ arbitrary: fc.constant(value), weight })));
const stepArb = fc.record({
  kind: weighted<"edit" | "new" | "post" | "review" | "client" | "variant" | "pause-variant" | "drag" | "import">(
    ["edit", 2],
    ["new", 1],
    ["post", 3],
    ["review", 1],
    ["client", 2],
    ["variant", 3],
    ["pause-variant", 2],
    ["drag", 2],
    ["import", 1],
  ),
  role: weighted<Role>(["owner", 2], ["editor", 4], ["approver", 2], ["approver2", 1], ["viewer", 1]),
  post: fc.nat(5),
  variant: fc.nat(2),
  intent: fc.constantFrom(...postIntents),
  variantIntent: fc.constantFrom(...variantIntents),
  saveIntent: fc.constantFrom("save", "submit", "schedule"),
  text: fc.nat(texts.length - 1),
  category: fc.constantFrom(...categories),
  day: fc.integer({ min: -1, max: 8 }),
  hour: fc.integer({ min: 7, max: 20 }),
  // One edit in six clears the post's date and time.
  undated: fc.nat(5),
  link: fc.nat(1),
  name: fc.constantFrom("Anna", "Bob", "Cécile"),
});
const policyArb = fc.record({ approvalsRequired: fc.constantFrom(0, 1, 2), editorsMaySchedule: fc.boolean(), keepApprovalOnMove: fc.boolean() });
const seedArb = fc.array(fc.record({ text: fc.nat(texts.length - 1), category: fc.constantFrom(...categories), day: fc.integer({ min: 1, max: 8 }), channels: fc.subarray(["hook", "x", "linkedin"] as const, { minLength: 1 }) }), { minLength: 1, maxLength: 3 });

type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;
type Seed = typeof seedArb extends fc.Arbitrary<infer T> ? T : never;

const variantsOf = (brand: Brand, channels: readonly ("hook" | "x" | "linkedin")[], text: number, salt: string): [string, string][] =>
  channels.map((c) => [brand.channels[c].id, texts[text] === texts[3] ? texts[3]! : `${texts[text]} ${salt}`]);

async function postsOf(workspaceId: string) {
  return prisma.post.findMany({ where: { workspaceId }, orderBy: { createdAt: "asc" }, select: { id: true, title: true, status: true, variants: { orderBy: { channelId: "asc" }, select: { id: true, channelId: true } } } });
}

/** One step, through the same HTTP request a browser (or a client's browser) sends. */
async function perform(brand: Brand, links: string[], step: Step, n: number) {
  const slug = brand.workspace.slug;
  const client = brand.people[step.role].client;
  const posts = await postsOf(brand.workspace.id);
  const post = posts[step.post % Math.max(1, posts.length)];
  const variant = post?.variants[step.variant % Math.max(1, post.variants.length)];
  const when = { date: localDate(brand.zone, step.day), time: `${String(step.hour).padStart(2, "0")}:15` };
  switch (step.kind) {
    case "new":
      return client.post(`/w/${slug}/posts/new`, editorForm(brand, { intent: step.saveIntent, category: step.category, days: step.day, time: when.time, variants: variantsOf(brand, ["hook", "x"], step.text, `n${n}`) }));
    case "edit": {
      if (!post) return null;
      const channels = post.variants.map((v) => (Object.entries(brand.channels).find(([, c]) => c.id === v.channelId)?.[0] ?? "hook") as "hook" | "x" | "linkedin");
      return client.post(`/w/${slug}/posts/${post.id}/edit`, editorForm(brand, { title: post.title, intent: step.saveIntent, category: step.category, days: step.day, time: when.time, variants: variantsOf(brand, channels.length ? channels : ["hook"], step.text, `e${n}`), extra: step.undated === 0 ? { date: "", time: "" } : {} }));
    }
    case "post":
      if (!post) return null;
      return client.post(`/w/${slug}/posts/${post.id}`, { intent: step.intent, ...(step.intent === "move" ? when : {}), ...(step.intent === "request-changes" ? { comment: "Please change" } : {}) });
    case "review":
      if (!post) return null;
      return client.post(`/w/${slug}/review`, { postId: post.id, intent: step.intent === "request-changes" ? "request-changes" : "approve", comment: "Reviewed" });
    case "client":
      if (!post) return null;
      return new Client().post(`/share/${links[step.link]}`, { postId: post.id, decision: step.intent === "request-changes" ? "request-changes" : "approve", name: step.name, comment: "From the client" });
    case "variant":
    case "pause-variant": {
      if (!post || !variant) return null;
      const path = step.kind === "variant" ? `/w/${slug}/posts/${post.id}` : `/w/${slug}/pause`;
      const extra: Record<string, string> = step.variantIntent === "reschedule" ? { at: `${when.date}T${when.time}` } : step.variantIntent === "mark-published" ? { url: "https://example.com/p/1" } : {};
      return client.post(path, { intent: step.variantIntent, variantId: variant.id, ...extra });
    }
    case "drag":
      if (!post) return null;
      return client.post(`/w/${slug}`, { postId: post.id, ...when });
    case "import": {
      const content = ["date,time,channel,category,title,text", `${when.date},${when.time},Hook,${step.category},Imported ${n},"${texts[step.text]} i${n}"`].join("\n");
      return client.post(`/w/${slug}/transfer`, { intent: "import", content });
    }
  }
}

type Policy = { approvalsRequired: number; editorsMaySchedule: boolean; keepApprovalOnMove: boolean };

async function checkInvariant(brand: Brand, policy: Policy, step: Step, before: Map<string, string>) {
  const posts = await prisma.post.findMany({
    where: { workspaceId: brand.workspace.id },
    select: { id: true, status: true, revision: true, variants: { select: { status: true, scheduledAt: true } }, approvals: { select: { approverId: true, shareLinkId: true, decision: true, revision: true } } },
  });
  for (const post of posts) {
    const cleared = isCleared(post.status);
    for (const v of post.variants) if (["SCHEDULED", "PUBLISHING", "PUBLISHED"].includes(v.status)) expect(cleared, `${post.id}: variant ${v.status} on a ${post.status} post`).toBe(true);
    for (const v of post.variants) if (v.status === "SCHEDULED") expect(v.scheduledAt, `${post.id}: a scheduled variant without a time`).not.toBeNull();
    const approved = post.approvals.filter((a) => a.decision === "APPROVED" && a.revision === post.revision);
    const links = approved.flatMap((a) => (a.shareLinkId ? [a.shareLinkId] : []));
    expect(new Set(links).size, "a link counted twice").toBe(links.length);
    if (!cleared || isCleared((before.get(post.id) ?? "DRAFT") as never)) continue;
    // Onto the schedule in this step: with its approvals or by someone with the right, and past every blocking rule.
    const approvers = new Set(approved.map((a) => a.approverId ?? a.shareLinkId)).size;
    const right = step.kind !== "client" && (step.role === "owner" || (step.role === "editor" && (policy.editorsMaySchedule || policy.approvalsRequired === 0)));
    expect(approvers >= policy.approvalsRequired || right, `${post.id} cleared by ${step.role} via ${step.kind} with ${approvers} approvals`).toBe(true);
    const checked = await checkPostNow(brand.workspace.id, post.id);
    expect(checked!.verdict.blocking, `${post.id} cleared past a blocking rule`).toBe(false);
  }
}

describe("the gate over random sequences of real requests", () => {
  it(`never lets a variant onto the schedule unless its post passed the gate (${SEQUENCES} sequences)`, async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(policyArb, seedArb, fc.array(stepArb, { minLength: 3, maxLength: 7 }), async (policy, seeds: Seed, steps) => {
        const { brand, links } = brands[run++ % brands.length]!;
        await prisma.post.deleteMany({ where: { workspaceId: brand.workspace.id } });
        await prisma.workspace.update({ where: { id: brand.workspace.id }, data: { ...policy, pausedAt: null } });
        for (const [i, seed] of seeds.entries()) {
          await brand.people.editor.client.post(`/w/${brand.workspace.slug}/posts/new`, editorForm(brand, { intent: "save", category: seed.category, days: seed.day, variants: variantsOf(brand, seed.channels, seed.text, `s${run}-${i}`) }));
        }
        for (const [n, step] of steps.entries()) {
          const before = new Map((await prisma.post.findMany({ where: { workspaceId: brand.workspace.id }, select: { id: true, status: true } })).map((p) => [p.id, p.status as string]));
          const response = await perform(brand, links, step, n);
          if (response) expect(response.status, `${step.kind} ${step.intent} by ${step.role}`).toBeLessThan(500);
          await checkInvariant(brand, policy, step, before);
        }
      }),
      { numRuns: SEQUENCES, endOnFailure: true },
    );
  }, 900_000);
});
