import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { PostEditor } from "~/components/editor/post-editor";
import { isPlanDate } from "~/domain/calendar-dates";
import { describeTimeZone } from "~/domain/time-zones";
import { useI18n } from "~/i18n/use-i18n";
import { editorButtons, editorData, handleEditorSubmit } from "~/models/editor.server";
import { requireWorkspace } from "~/utils/permissions.server";
import { localizedTitle } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, (t) => t.editor.newHeading);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, role, user } = await requireWorkspace(request, params.slug, "post:write");
  const date = new URL(request.url).searchParams.get("date");
  return {
    workspace: { slug: workspace.slug, timeZone: workspace.timeZone },
    zoneLabel: describeTimeZone(workspace.timeZone),
    ...(await editorData(workspace.id)),
    date: isPlanDate(date) ? date : "",
    ...(await editorButtons(workspace, user, role)),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { workspace, user, role } = await requireWorkspace(request, params.slug, "post:write");
  return handleEditorSubmit(request, workspace, { id: user.id, role }, null);
}

export default function NewPost() {
  const { workspace, zoneLabel, channels, categories, library, date, canSubmit, canSchedule, canOverride } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <main className="page wide">
      <h1>{t.editor.newHeading}</h1>
      <PostEditor
        slug={workspace.slug}
        postId={null}
        zone={workspace.timeZone}
        zoneLabel={zoneLabel}
        channels={channels}
        categories={categories}
        library={library}
        initial={{ title: "", body: "", category: categories[0]?.id ?? "", campaignTag: "", date, time: date ? "09:00" : "", repeat: "none", interval: "1", byWeekday: [], ends: "never", until: "", count: "", missing: "last-day", variants: [] }}
        result={result}
        canSubmit={canSubmit}
        canSchedule={canSchedule}
        canOverride={canOverride}
        series={null}
      />
    </main>
  );
}
