// The workspace's plan as an iCalendar feed (RFC 5545) at a secret address: one event per
// post, its title and channels, a link back to the post. 60 days back, a year ahead.
// Times are written in UTC: valid without VTIMEZONE blocks, and every client shows them in
// its own zone. A calendar shows the summary on one line with nothing isolating its parts,
// so titles and channel names lose bidi controls and zero-width spaces (decision 0021).
import type { LoaderFunctionArgs } from "@remix-run/node";
import ical from "ical-generator";
import { withoutInvisibleFormatting } from "~/domain/text-input";
import { prisma } from "~/utils/db.server";
import { hashToken, isTokenShaped, publicOrigin } from "~/utils/secret-token.server";

const DAY = 86_400_000;
const EVENT_MINUTES = 15;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = params.token?.replace(/\.ics$/, "");
  const workspace = isTokenShaped(token)
    ? await prisma.workspace.findUnique({ where: { calendarFeedHash: hashToken(token) }, select: { id: true, name: true, slug: true, timeZone: true } })
    : null;
  if (!workspace) return new Response("This calendar feed does not exist or was turned off.\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const now = Date.now();
  const posts = await prisma.post.findMany({
    where: { workspaceId: workspace.id, status: { not: "CANCELLED" }, scheduledAt: { gte: new Date(now - 60 * DAY), lt: new Date(now + 365 * DAY) } },
    orderBy: { scheduledAt: "asc" },
    take: 20_000,
    select: { id: true, title: true, status: true, scheduledAt: true, updatedAt: true, category: true, variants: { select: { channel: { select: { name: true } } } } },
  });
  const origin = publicOrigin(request);
  const calendar = ical({ name: `${withoutInvisibleFormatting(workspace.name)} · Rytm`, prodId: { company: "Rytm", product: "rytm", language: "EN" }, ttl: 15 * 60 });
  for (const post of posts) {
    const channels = post.variants.map((v) => withoutInvisibleFormatting(v.channel.name)).join(", ");
    const title = withoutInvisibleFormatting(post.title);
    const url = `${origin}/w/${workspace.slug}/posts/${post.id}`;
    calendar.createEvent({
      id: `${post.id}@rytm`,
      start: post.scheduledAt!,
      end: new Date(post.scheduledAt!.getTime() + EVENT_MINUTES * 60_000),
      stamp: post.updatedAt,
      summary: channels ? `${title} (${channels})` : title,
      description: `${post.category} · ${post.status.toLowerCase().replace("_", " ")}${channels ? `\n${channels}` : ""}\n${url}`,
      url,
    });
  }
  return new Response(calendar.toString(), {
    headers: { "Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "private, max-age=300", "Content-Disposition": `inline; filename="${workspace.slug}.ics"` },
  });
}
