import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { PostEditor } from "~/components/editor/post-editor";
import { describeTimeZone } from "~/domain/time-zones";
import { useI18n } from "~/i18n/use-i18n";
import { editorButtons, editorData, handleEditorSubmit, postForEditor } from "~/models/editor.server";
import { notFound, requireWorkspace } from "~/utils/permissions.server";
import { localizedTitle } from "~/i18n/meta";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, (t) => t.editor.editHeading);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, role, user } = await requireWorkspace(request, params.slug, "post:write");
  const found = await postForEditor(workspace.id, params.postId ?? "", workspace.timeZone);
  if (!found) notFound("This post");
  return {
    workspace: { slug: workspace.slug, timeZone: workspace.timeZone },
    zoneLabel: describeTimeZone(workspace.timeZone),
    ...(await editorData(workspace.id)),
    post: { id: found.post.id, title: found.post.title },
    series: found.series,
    values: found.values,
    ...(await editorButtons(workspace, user, role, found.post.id)),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { workspace, user, role } = await requireWorkspace(request, params.slug, "post:write");
  return handleEditorSubmit(request, workspace, { id: user.id, role }, params.postId ?? "");
}

export default function EditPost() {
  const { workspace, zoneLabel, channels, categories, library, post, series, values, canSubmit, canSchedule, canOverride } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <main className="page wide">
      <p>
        <Link to={`/w/${workspace.slug}/posts/${post.id}`}>← {post.title}</Link>
      </p>
      <h1>{t.editor.editHeading}</h1>
      <PostEditor
        slug={workspace.slug}
        postId={post.id}
        zone={workspace.timeZone}
        zoneLabel={zoneLabel}
        channels={channels}
        categories={categories}
        library={library}
        initial={values}
        result={result}
        canSubmit={canSubmit}
        canSchedule={canSchedule}
        canOverride={canOverride}
        series={series}
      />
    </main>
  );
}
