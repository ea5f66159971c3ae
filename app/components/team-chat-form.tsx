// The settings' team-chat section: a Slack- or Teams-compatible incoming webhook that gets
// the workspace's notifications.
import { Form } from "@remix-run/react";
import { chatFormats } from "~/domain/chat-message";
import { useI18n } from "~/i18n/use-i18n";

type Props = { chat: { format: "slack" | "teams"; host: string } | null; saved: boolean; error: string | null };

export function TeamChatForm({ chat, saved, error }: Props) {
  const { t } = useI18n();
  const c = t.notifications.chat;
  return (
    <section aria-labelledby="team-chat-heading">
      <h2 id="team-chat-heading">{c.heading}</h2>
      <p>{c.intro}</p>
      <p className="muted">{chat ? `${c.on(c.formats[chat.format])} · ${chat.host}` : c.off}</p>
      <Form method="post" className="stack" style={{ maxWidth: "28rem" }}>
        <label>
          {c.url}
          <input type="url" name="url" required maxLength={2048} autoComplete="off" placeholder="https://hooks.slack.com/services/…" />
        </label>
        <label>
          {c.format}
          <select name="format" defaultValue={chat?.format ?? "slack"}>
            {chatFormats.map((f) => (
              <option key={f} value={f}>
                {c.formats[f]}
              </option>
            ))}
          </select>
        </label>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="inline">
          <button type="submit" name="intent" value="chat">
            {c.save}
          </button>
          {saved ? <span role="status">{c.saved}</span> : null}
        </div>
      </Form>
      {chat ? (
        <Form method="post">
          <button type="submit" name="intent" value="chat-off" className="secondary">
            {c.remove}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
