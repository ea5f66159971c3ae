// CSV export of a date range in the import / `rytm lint` format (one row per variant), so
// a plan can go out to a spreadsheet and come back.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { planDateSchema } from "~/domain/calendar-dates";
import { writePlanCsv } from "~/domain/plan-csv";
import { planExportRows } from "~/models/plan-export.server";
import { requireWorkspace } from "~/utils/permissions.server";

const rangeSchema = z.object({ from: planDateSchema("from: choose a real day, written YYYY-MM-DD"), to: planDateSchema("to: choose a real day, written YYYY-MM-DD") }).refine((r) => r.from <= r.to, "from must not be after to");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace } = await requireWorkspace(request, params.slug, "post:read");
  const parsed = rangeSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return new Response(`Bad range: ${parsed.error.issues.map((i) => i.message).join("; ")}\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const { from, to } = parsed.data;
  return new Response(writePlanCsv(await planExportRows(workspace, from, to)), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${workspace.slug}-${from}-${to}.csv"` },
  });
}
