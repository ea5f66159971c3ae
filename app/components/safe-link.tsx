// The one way a web address that came from a person, a file or a network becomes a link.
// Only http(s) is ever put in an href; anything else — a `javascript:` address stored
// before the forms refused it, say — is shown as text, where it cannot run.
import type { ReactNode } from "react";
import { isHttpUrl } from "~/domain/http-url";

type Props = { href: string | null | undefined; children: ReactNode; className?: string };

export function SafeLink({ href, children, className }: Props) {
  if (!href) return null;
  if (!isHttpUrl(href)) {
    return (
      <span className={className} data-unsafe-url="">
        {children} <span className="muted">({href})</span>
      </span>
    );
  }
  return (
    <a href={href} className={className} rel="noreferrer nofollow">
      {children}
    </a>
  );
}
