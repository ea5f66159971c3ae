// An absolute link someone must pass on (a client's approval link, a calendar feed): shown in
// full, with a button that copies it. Without the clipboard (an http:// page, an old browser)
// the button selects the text, so Ctrl+C copies it.
import { useRef, useState } from "react";
import { useI18n } from "~/i18n/use-i18n";

export function CopyLink({ url, label, testId }: { url: string; label: string; testId?: string }) {
  const { t } = useI18n();
  const text = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState(false);
  const select = () => {
    const range = document.createRange();
    if (!text.current) return;
    range.selectNodeContents(text.current);
    window.getSelection()?.removeAllRanges();
    window.getSelection()?.addRange(range);
  };
  const copy = () => {
    select();
    void navigator.clipboard?.writeText(url).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <div className="copy-link">
      <span className="visually-hidden">{label}</span>
      <code className="copy" ref={text} data-testid={testId}>
        {url}
      </code>
      <button type="button" className="secondary" onClick={copy} aria-label={`${t.notifications.share.copy}: ${label}`}>
        {copied ? t.notifications.share.copied : t.notifications.share.copy}
      </button>
    </div>
  );
}
