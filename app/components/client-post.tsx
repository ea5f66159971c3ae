// One post on the client's page: when it goes out, what it needs from them in plain words,
// the previews per network, what the team shared with them, and the decision form only when
// the gate would take their decision.
import { DecisionForm } from "~/components/decision-form";
import { VariantPreview } from "~/components/editor/variant-preview";
import { ViolationList } from "~/components/violation-list";
import type { ClientState } from "~/domain/client-view";
import type { NetworkKind } from "~/channels/networks";
import type { LocalizedViolation } from "~/domain/violations";
import { useI18n } from "~/i18n/use-i18n";
import { formatDateTime } from "~/utils/dates";

type Post = {
  id: string;
  revision: number;
  title: string;
  scheduledAt: string | Date | null;
  state: ClientState;
  mayApprove: boolean;
  mayRequestChanges: boolean;
  violations: LocalizedViolation[];
  variants: { id: string; text: string; link: string | null; mediaUrls: string[]; channel: { name: string; network: string } }[];
  comments: { id: string; body: string; createdAt: string | Date; author: { name: string } | null }[];
  approvals: { id: string; decision: string; comment: string | null; approverName: string | null; createdAt: string | Date }[];
};

type Props = { post: Post; zone: string; named: boolean; result: { error: string | null; done: string | null } | null };

export function ClientPost({ post, zone, named, result }: Props) {
  const { t, locale } = useI18n();
  const c = t.notifications.client;
  const when = (d: string | Date) => formatDateTime(d, zone, locale);
  const decidable = post.mayApprove || post.mayRequestChanges;
  const thread = [
    ...post.comments.map((m) => ({ id: m.id, who: m.author?.name ?? t.post.someone, body: m.body, at: m.createdAt })),
    ...post.approvals.filter((a) => a.comment).map((a) => ({ id: a.id, who: c.you(a.approverName ?? ""), body: a.comment!, at: a.createdAt })),
  ].sort((a, b) => new Date(a.at).getTime() - new Date(b.at).getTime());
  return (
    <li id={`post-${post.id}`} className="card" aria-label={post.title}>
      <h2>{post.title}</h2>
      <p>
        <span className={`client-state ${post.state}`} data-testid="client-state">
          {c.state[post.state]}
        </span>
      </p>
      {post.scheduledAt ? <p className="muted">{t.client.when(when(post.scheduledAt))}</p> : null}
      {post.state === "awaiting-you" && post.scheduledAt ? <p className="deadline">{c.needsBy(when(post.scheduledAt))}</p> : null}
      <div className="cards">
        {post.variants.map((v) => (
          <VariantPreview key={v.id} network={v.channel.network as NetworkKind} channelName={v.channel.name} text={v.text} link={v.link} mediaUrls={v.mediaUrls} />
        ))}
      </div>
      <ViolationList violations={post.violations} slug={null} zone={zone} selfId={post.id} />
      {thread.length ? (
        <section aria-label={c.comments}>
          <h3>{c.comments}</h3>
          <ol className="thread">
            {thread.map((m) => (
              <li key={m.id}>
                <strong>{m.who}</strong> <span className="muted">{when(m.at)}</span>
                <p>{m.body}</p>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {result ? (
        <p className={result.error ? "form-error" : "notice"} role={result.error ? "alert" : "status"}>
          {result.error ?? result.done}
        </p>
      ) : null}
      {decidable && named ? (
        <DecisionForm postId={post.id} revision={post.revision} name="decision" canApprove={post.mayApprove} labels={{ comment: t.client.comment, approve: t.client.approve, requestChanges: t.client.requestChanges }}>
          <input type="hidden" name="intent" value="decide" />
        </DecisionForm>
      ) : null}
    </li>
  );
}
