// The media library: every picture and video of the workspace, its alt text, and the posts
// that use it. Deleting an item that a scheduled post still carries asks first, naming them.
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { DateTime } from "luxon";
import { z } from "zod";
import { MediaUploader } from "~/components/media-uploader";
import { can } from "~/domain/permissions";
import { MAX_ALT_TEXT } from "~/domain/media-type";
import { recordIdSchema } from "~/domain/text-input";
import { localizedTitle } from "~/i18n/meta";
import { messages } from "~/i18n/messages";
import { useI18n } from "~/i18n/use-i18n";
import { deleteMedia, listMedia, updateAltText } from "~/models/media.server";
import { localeOf } from "~/utils/locale.server";
import { mediaStorage } from "~/utils/media-storage.server";
import { notFound, requireWorkspace } from "~/utils/permissions.server";

export const meta: MetaFunction = ({ matches }) => localizedTitle(matches, (t) => t.media.title);

const librarySchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("alt"), mediaId: recordIdSchema("Which item?"), altText: z.string().trim().max(MAX_ALT_TEXT).default("") }),
  z.object({ intent: z.literal("delete"), mediaId: recordIdSchema("Which item?"), confirmed: z.literal("yes").optional() }),
]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, role } = await requireWorkspace(request, params.slug, "post:read");
  return { workspace: { slug: workspace.slug, timeZone: workspace.timeZone }, canWrite: can(role, "post:write"), items: await listMedia(workspace.id) };
}

type ActionAnswer = { error: string | null; done: string | null; inUse: { mediaId: string; posts: { id: string; title: string; scheduledAt: Date | null; channel: string }[] } | null };

export async function action({ request, params }: ActionFunctionArgs) {
  const { workspace } = await requireWorkspace(request, params.slug, "post:write");
  const locale = await localeOf(request);
  const t = messages[locale].media;
  const submission = parseWithZod(await request.formData(), { schema: librarySchema });
  if (submission.status !== "success") {
    return data<ActionAnswer>({ error: Object.values(submission.error ?? {}).flat().join(" "), done: null, inUse: null }, { status: 400 });
  }
  const value = submission.value;
  if (value.intent === "alt") {
    if (!(await updateAltText(workspace.id, value.mediaId, value.altText))) notFound("This media item");
    return data<ActionAnswer>({ error: null, done: t.alt.saved, inUse: null });
  }
  const outcome = await deleteMedia(workspace.id, value.mediaId, value.confirmed === "yes");
  if (outcome.kind === "not-found") notFound("This media item");
  if (outcome.kind === "in-use") return data<ActionAnswer>({ error: t.delete.inUse(outcome.posts.length), done: null, inUse: { mediaId: value.mediaId, posts: outcome.posts } }, { status: 409 });
  // The row is gone first: bytes left by a failed removal are unreachable, never a broken item.
  await Promise.all(outcome.storageKeys.map((key) => mediaStorage().remove(key).catch(() => undefined)));
  return data<ActionAnswer>({ error: null, done: t.delete.deleted(outcome.fileName), inUse: null });
}

export default function MediaLibrary() {
  const { workspace, canWrite, items } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const revalidator = useRevalidator();
  const { t, locale } = useI18n();
  const m = t.media;
  const when = (at: string | Date | null) => (at ? DateTime.fromJSDate(new Date(at), { zone: workspace.timeZone }).setLocale(locale).toLocaleString(DateTime.DATETIME_MED) : "");
  const base = `/w/${workspace.slug}`;
  return (
    <main className="page">
      <h1>{m.title}</h1>
      <p>{m.intro}</p>
      {canWrite ? <MediaUploader slug={workspace.slug} onUploaded={() => revalidator.revalidate()} /> : null}
      {answer?.error ? <p role="alert" className="form-error">{answer.error}</p> : null}
      {answer?.done ? <p role="status">{answer.done}</p> : null}
      {answer?.inUse ? (
        <div className="callout">
          <ul>
            {answer.inUse.posts.map((p) => (
              <li key={`${p.id}-${p.channel}`}>
                <Link to={`${base}/posts/${p.id}`}>{p.title}</Link> · {p.channel} · {when(p.scheduledAt)}
              </li>
            ))}
          </ul>
          <Form method="post">
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="mediaId" value={answer.inUse.mediaId} />
            <input type="hidden" name="confirmed" value="yes" />
            <button type="submit" className="danger">
              {m.delete.confirm}
            </button>
          </Form>
        </div>
      ) : null}
      {items.length === 0 ? <p>{m.empty}</p> : null}
      <ul className="media-grid">
        {items.map((item) => (
          <li key={item.id} className="media-item" data-media-id={item.id}>
            {item.kind === "VIDEO" ? (
              <video src={`${base}/media/${item.id}`} preload="metadata" muted aria-label={item.altText || item.fileName} />
            ) : (
              <img src={`${base}/media/${item.id}${item.hasThumbnail ? "?size=thumbnail" : ""}`} alt={item.altText} loading="lazy" />
            )}
            <p className="media-meta">
              <strong>{item.fileName}</strong> · {m.kind[item.kind]} · {m.size(item.byteSize)}
              {item.width && item.height ? ` · ${m.dimensions(item.width, item.height)}` : ""}
            </p>
            {canWrite ? (
              <Form method="post" className="media-alt">
                <input type="hidden" name="intent" value="alt" />
                <input type="hidden" name="mediaId" value={item.id} />
                <label>
                  {m.alt.label}
                  <textarea name="altText" defaultValue={item.altText} maxLength={MAX_ALT_TEXT} rows={2} placeholder={m.alt.hint} />
                </label>
                <button type="submit">{m.alt.save}</button>
              </Form>
            ) : (
              <p>{item.altText || <em>{m.alt.missing}</em>}</p>
            )}
            {!item.altText ? <p className="warning">{m.alt.missing}</p> : null}
            <p>{m.usedBy(new Set(item.usedBy.map((u) => u.post.id)).size)}</p>
            {item.usedBy.length ? (
              <ul className="media-usage">
                {item.usedBy.map((u) => (
                  <li key={u.id}>
                    <Link to={`${base}/posts/${u.post.id}`}>{u.post.title}</Link> · {u.channel.name} · {t.variantState[u.status]} {u.scheduledAt ? `· ${when(u.scheduledAt)}` : ""}
                  </li>
                ))}
              </ul>
            ) : null}
            {canWrite ? (
              <Form method="post">
                <input type="hidden" name="intent" value="delete" />
                <input type="hidden" name="mediaId" value={item.id} />
                <button type="submit" className="danger">
                  {m.delete.button}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
    </main>
  );
}
