import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DateTime } from "luxon";
import { describeTimeZone } from "~/domain/time-zones";
import { listPostsBetween, listUnscheduledPosts } from "~/models/post.server";
import { dayKey, formatDay, formatTime } from "~/utils/dates";
import { requireWorkspace } from "~/utils/permissions.server";

const HORIZON_DAYS = 28;

// The list view of the plan: today and the next four weeks, in the workspace's zone.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { workspace } = await requireWorkspace(request, params.slug, "post:read");
  const start = DateTime.now().setZone(workspace.timeZone).startOf("day");
  const end = start.plus({ days: HORIZON_DAYS });
  const [posts, drafts] = await Promise.all([
    listPostsBetween(workspace.id, start.toJSDate(), end.toJSDate()),
    listUnscheduledPosts(workspace.id),
  ]);
  return { workspace, posts, drafts, zone: describeTimeZone(workspace.timeZone) };
}

export default function Plan() {
  const { workspace, posts, drafts, zone } = useLoaderData<typeof loader>();
  const days = new Map<string, typeof posts>();
  for (const post of posts) {
    const key = dayKey(post.scheduledAt!, workspace.timeZone);
    days.set(key, [...(days.get(key) ?? []), post]);
  }
  return (
    <main className="page">
      <h1>{workspace.name}: the next four weeks</h1>
      <p className="muted">Times are in {zone}.</p>
      {posts.length === 0 ? <p>Nothing is planned for the next four weeks.</p> : null}
      {[...days].map(([day, list]) => (
        <section key={day} className="day" aria-label={formatDay(day, workspace.timeZone)}>
          <h2>{formatDay(day, workspace.timeZone)}</h2>
          <table>
            <tbody>
              {list.map((post) => (
                <tr key={post.id}>
                  <td style={{ width: "5rem" }}>{formatTime(post.scheduledAt!, workspace.timeZone)}</td>
                  <td>
                    <Link to={`posts/${post.id}`}>{post.title}</Link>
                    <ul className="variant-states" aria-label="Channels">
                      {post.variants.length === 0 ? <li className="muted">no channels yet</li> : null}
                      {post.variants.map((v) => (
                        <li key={v.id} className={`state state-${v.status.toLowerCase()}`}>
                          {v.channel.name}: {v.status === "UNKNOWN" ? "did it go out?" : v.status.toLowerCase()}
                          {v.externalUrl ? (
                            <>
                              {" "}
                              <a href={v.externalUrl}>view</a>
                            </>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    <span className="pill">{post.category}</span>
                  </td>
                  <td>
                    <span className="pill">{post.status.toLowerCase().replace("_", " ")}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      {drafts.length ? (
        <>
          <h2>Not scheduled yet</h2>
          <ul>
            {drafts.map((post) => (
              <li key={post.id}>
                <Link to={`posts/${post.id}`}>{post.title}</Link> <span className="pill">{post.category}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </main>
  );
}
