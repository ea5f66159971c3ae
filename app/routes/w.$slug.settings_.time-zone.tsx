// Changing the workspace's time zone: the owner picks the zone and whether planned posts keep
// their local times or their moments, sees what moves (GET), then confirms (POST).
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { DateTime } from "luxon";
import { z } from "zod";
import { TimeZoneSelect } from "~/components/time-zone-select";
import { timeZoneNames } from "~/domain/time-zones";
import { timeZoneSchema } from "~/domain/workspace-schemas";
import { zoneChangeModes } from "~/domain/zone-change";
import { localizedTitle } from "~/i18n/meta";
import { useI18n } from "~/i18n/use-i18n";
import { changeTimeZone, previewZoneChange } from "~/models/time-zone-change.server";
import { requireWorkspace } from "~/utils/permissions.server";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, (t) => t.zoneChange.heading);

const changeSchema = z.object({ zone: timeZoneSchema, mode: z.enum(zoneChangeModes).default("keep-local") });
const SHOWN = 50;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace } = await requireWorkspace(request, params.slug, "workspace:update");
  const url = new URL(request.url);
  const asked = url.searchParams.has("zone") ? changeSchema.safeParse(Object.fromEntries(url.searchParams)) : null;
  const preview = asked?.success && asked.data.zone !== workspace.timeZone ? await previewZoneChange(workspace.id, workspace.timeZone, asked.data.zone, asked.data.mode) : null;
  const count = (name: string) => {
    const n = Number(url.searchParams.get(name));
    return Number.isSafeInteger(n) && n >= 0 ? n : 0;
  };
  return {
    workspace: { slug: workspace.slug, timeZone: workspace.timeZone },
    // After a change: the zone it is now in (the workspace's own, not the query's) and how many posts moved.
    changed: url.searchParams.has("changed") ? { zone: workspace.timeZone, moved: count("moved"), removed: count("removed") } : null,
    zones: timeZoneNames(),
    asked: asked?.success ? asked.data : null,
    invalid: asked && !asked.success ? asked.error.issues.map((i) => i.message).join(" ") : null,
    preview: preview && {
      ...preview,
      moving: preview.moving.slice(0, SHOWN),
      movingCount: preview.moving.length,
      planned: preview.planned.slice(0, SHOWN),
      plannedCount: preview.planned.length,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { workspace, user } = await requireWorkspace(request, params.slug, "workspace:update");
  const submission = parseWithZod(await request.formData(), { schema: changeSchema });
  if (submission.status !== "success") return data({ error: Object.values(submission.error ?? {}).flat().join(" ") }, { status: 400 });
  const { moved, removed } = await changeTimeZone(workspace.id, user.id, submission.value.zone, submission.value.mode);
  return redirect(`/w/${workspace.slug}/settings/time-zone?${new URLSearchParams({ changed: "1", moved: String(moved), removed: String(removed) })}`);
}

export default function TimeZoneChange() {
  const { workspace, changed, zones, asked, invalid, preview } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const at = (iso: string | Date, zone: string) => DateTime.fromJSDate(new Date(iso), { zone }).setLocale(locale).toFormat("ccc d LLL yyyy, HH:mm");
  return (
    <main className="page">
      <p>
        <Link to={`/w/${workspace.slug}/settings`}>← {t.settings.heading}</Link>
      </p>
      <h1>{t.zoneChange.heading}</h1>
      {changed ? (
        <p role="status" className="notice">
          {t.zoneChange.done(changed.zone, changed.moved, changed.removed)}
        </p>
      ) : null}
      <p>{t.zoneChange.current(workspace.timeZone)}</p>
      {result?.error || invalid ? (
        <p className="form-error" role="alert">
          {result?.error ?? invalid}
        </p>
      ) : null}
      <Form method="get" className="stack" style={{ maxWidth: "36rem" }}>
        <label>
          {t.zoneChange.newZone}
          <TimeZoneSelect zones={zones} name="zone" defaultValue={asked?.zone ?? workspace.timeZone} />
        </label>
        <fieldset>
          <legend>{t.zoneChange.modeLegend}</legend>
          {zoneChangeModes.map((mode) => (
            <label key={mode} className="check">
              <input type="radio" name="mode" value={mode} defaultChecked={(asked?.mode ?? "keep-local") === mode} /> {t.zoneChange.mode[mode]}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="secondary">
          {t.zoneChange.show}
        </button>
      </Form>
      {asked && !preview ? <p className="muted">{t.zoneChange.same}</p> : null}
      {preview ? (
        <section aria-labelledby="what-changes" className="zone-preview">
          <h2 id="what-changes">{t.zoneChange.mode[preview.mode]}</h2>
          {preview.mode === "keep-local" ? (
            <>
              {preview.movingCount === 0 ? <p>{t.zoneChange.nothingPlanned}</p> : <p>{t.zoneChange.moving(preview.movingCount)}</p>}
              <ul>
                {preview.moving.map((m) => (
                  <li key={m.postId}>
                    {m.title}: {at(m.from, preview.to)} → {at(m.to, preview.to)} ({preview.to})
                  </li>
                ))}
              </ul>
              {preview.movingCount > preview.moving.length ? <p className="muted">{t.zoneChange.more(preview.movingCount - preview.moving.length)}</p> : null}
              {preview.kept.length ? (
                <ul>
                  {preview.kept.map((k) => (
                    <li key={k.postId}>
                      {k.title} ({at(k.at, preview.to)}): {k.reason === "passed" ? t.zoneChange.keptPassed : t.zoneChange.keptSeries}
                    </li>
                  ))}
                </ul>
              ) : null}
              {preview.leaving.length ? (
                <ul>
                  {preview.leaving.map((k) => (
                    <li key={k.postId}>
                      {k.title} ({at(k.at, preview.from)}, {preview.from}): {t.zoneChange.skippedByClock}
                    </li>
                  ))}
                </ul>
              ) : null}
              {preview.series.length ? <p>{t.zoneChange.seriesFollow(preview.series.length)}</p> : null}
            </>
          ) : (
            <>
              {preview.plannedCount ? <p>{t.zoneChange.stays(preview.plannedCount)}</p> : <p>{t.zoneChange.nothingPlanned}</p>}
              <ul>
                {preview.planned.map((p) => (
                  <li key={p.postId}>
                    {p.title}: {at(p.at, preview.from)} ({preview.from}) = {at(p.at, preview.to)} ({preview.to})
                  </li>
                ))}
              </ul>
              {preview.plannedCount > preview.planned.length ? <p className="muted">{t.zoneChange.more(preview.plannedCount - preview.planned.length)}</p> : null}
              {preview.series.length ? <p>{t.zoneChange.seriesStay(preview.series.length)}</p> : null}
            </>
          )}
          <p className="muted">{t.zoneChange.untouched}</p>
          <Form method="post">
            <input type="hidden" name="zone" value={preview.to} />
            <input type="hidden" name="mode" value={preview.mode} />
            <button type="submit">{t.zoneChange.confirm(preview.to)}</button>
          </Form>
        </section>
      ) : null}
    </main>
  );
}
