import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getPost } from "~/models/post.server";
import { formatDateTime } from "~/utils/dates";
import { notFound, requireWorkspace } from "~/utils/permissions.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace } = await requireWorkspace(request, params.slug, "post:read");
  const post = await getPost(workspace.id, params.postId ?? "");
  if (!post) notFound("This post");
  return { workspace, post };
}

export default function PostPage() {
  const { workspace, post } = useLoaderData<typeof loader>();
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
      <h2>Variants</h2>
      <ul className="cards">
        {post.variants.map((variant) => (
          <li key={variant.id} className="card">
            <strong>{variant.channel.name}</strong> <span className="muted">({variant.channel.network})</span>
            <p style={{ whiteSpace: "pre-wrap" }}>{variant.text}</p>
            {variant.link ? <p className="muted">{variant.link}</p> : null}
            <span className="pill">{variant.status.toLowerCase()}</span>
            {variant.externalUrl ? <a href={variant.externalUrl}> published post</a> : null}
            {variant.lastError ? <p className="field-error">{variant.lastError}</p> : null}
          </li>
        ))}
      </ul>
    </main>
  );
}
