// A secret Rytm shows this once (a webhook's signing secret), with a button that copies it.
import { useState } from "react";
import { useI18n } from "~/i18n/use-i18n";

export function SecretOnce({ secret }: { secret: string }) {
  const { t } = useI18n();
  const w = t.signIn.webhook;
  const [copied, setCopied] = useState(false);
  return (
    <section className="stack" aria-labelledby="secret-once-heading">
      <h2 id="secret-once-heading">{w.secretHeading}</h2>
      <p>{w.secretOnce}</p>
      <div style={{ display: "flex", flexWrap: "wrap", gap: "0.5rem", alignItems: "center" }}>
        <input type="text" readOnly value={secret} aria-label={w.secretLabel} onFocus={(event) => event.currentTarget.select()} style={{ fontFamily: "monospace", flex: "1 1 18rem", minWidth: 0 }} />
        <button type="button" onClick={() => navigator.clipboard.writeText(secret).then(() => setCopied(true), () => setCopied(false))}>
          {w.copy}
        </button>
      </div>
      <p role="status">{copied ? w.copied : ""}</p>
    </section>
  );
}
