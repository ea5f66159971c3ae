import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { VariantActions } from "~/components/variant-actions";
import { can } from "~/domain/permissions";
import { variantActionSchema } from "~/domain/publish-actions";
import { getPost } from "~/models/post.server";
import { applyVariantAction } from "~/models/variant-actions.server";
import { formatDateTime } from "~/utils/dates";
import { notFound, requireWorkspace } from "~/utils/permissions.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace, role } = await requireWorkspace(request, params.slug, "post:read");
  const post = await getPost(workspace.id, params.postId ?? "");
  if (!post) notFound("This post");
  return { workspace, post, canWrite: can(role, "post:write") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { workspace, user } = await requireWorkspace(request, params.slug, "post:write");
  const post = await getPost(workspace.id, params.postId ?? "");
  if (!post) notFound("This post");
  const submission = parseWithZod(await request.formData(), { schema: variantActionSchema });
  if (submission.status !== "success") return data({ error: Object.values(submission.error ?? {}).flat().join(" ") }, { status: 400 });
  if (!post.variants.some((v) => v.id === submission.value.variantId)) notFound("This variant");
  const error = await applyVariantAction(workspace, user.id, submission.value);
  return error ? data({ error }, { status: 409 }) : { error: null };
}

const stateLabel = (status: string, failureClass: string | null) =>
  failureClass === "paused" && status === "SCHEDULED" ? "held (paused)" : status === "UNKNOWN" ? "unknown: did it go out?" : status.toLowerCase();

export default function PostPage() {
  const { workspace, post, canWrite } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <main className="page">
      <p>
        <Link to={`/w/${workspace.slug}`}>← Plan</Link>
      </p>
      <h1>{post.title}</h1>
      <p>
        <span className="pill">{post.category}</span> <span className="pill">{post.status.toLowerCase().replace("_", " ")}</span>
        {post.campaignTag ? <span className="pill">{post.campaignTag}</span> : null}
      </p>
      <p className="muted">
        {post.scheduledAt ? `Planned for ${formatDateTime(post.scheduledAt, workspace.timeZone)} (${workspace.timeZone})` : "Not scheduled"}
        {post.author ? ` · by ${post.author.name}` : ""}
      </p>
      {result?.error ? (
        <p className="form-error" role="alert">
          {result.error}
        </p>
      ) : null}
      <h2>Variants</h2>
      <ul className="cards">
        {post.variants.map((variant) => (
          <li key={variant.id} className="card">
            <strong>{variant.channel.name}</strong> <span className="muted">({variant.channel.network})</span>
            <p style={{ whiteSpace: "pre-wrap" }}>{variant.text}</p>
            {variant.link ? <p className="muted">{variant.link}</p> : null}
            <span className="pill" data-testid="variant-state">
              {stateLabel(variant.status, variant.failureClass)}
            </span>
            {variant.externalUrl ? <a href={variant.externalUrl}> published post</a> : null}
            {variant.lastError ? <p className="field-error">{variant.lastError}</p> : null}
            {canWrite ? <VariantActions variantId={variant.id} status={variant.status} held={variant.failureClass === "paused"} /> : null}
          </li>
        ))}
      </ul>
    </main>
  );
}
