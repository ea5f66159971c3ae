// CSV export of a date range in the import / `rytm lint` format (one row per variant), so
// a plan can go out to a spreadsheet and come back.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { DateTime } from "luxon";
import Papa from "papaparse";
import { z } from "zod";
import { seriesOf } from "~/models/plan-check.server";
import { variantsForExport } from "~/models/plan-export.server";
import { requireWorkspace } from "~/utils/permissions.server";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "dates are YYYY-MM-DD").refine((d) => DateTime.fromISO(d).isValid, "not a real date");
const rangeSchema = z.object({ from: day, to: day }).refine((r) => r.from <= r.to, "from must not be after to");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace } = await requireWorkspace(request, params.slug, "post:read");
  const parsed = rangeSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return new Response(`Bad range: ${parsed.error.issues.map((i) => i.message).join("; ")}\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const zone = workspace.timeZone;
  const from = DateTime.fromISO(parsed.data.from, { zone }).startOf("day");
  const to = DateTime.fromISO(parsed.data.to, { zone }).plus({ days: 1 }).startOf("day");
  const variants = await variantsForExport(workspace.id, from.toJSDate(), to.toJSDate());
  const rows = variants.map((v) => {
    const local = DateTime.fromJSDate(v.scheduledAt!, { zone });
    return {
      date: local.toISODate(),
      time: local.toFormat("HH:mm"),
      timezone: zone,
      channel: v.channel.name,
      category: v.post.category,
      title: v.post.title,
      text: v.text,
      link: v.link ?? "",
      media: v.mediaUrls.join(" "),
      // Rows of one post stay one post, and one series one idea, when the file comes back.
      id: v.postId,
      series: seriesOf({ id: v.postId, ...v.post }) ?? "",
    };
  });
  const csv = Papa.unparse(rows, { columns: ["date", "time", "timezone", "channel", "category", "title", "text", "link", "media", "id", "series"], newline: "\r\n" });
  return new Response(`\uFEFF${csv}\r\n`, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${workspace.slug}-${parsed.data.from}-${parsed.data.to}.csv"` },
  });
}
