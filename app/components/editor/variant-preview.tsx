// A preview that looks like the network's post: the account, the text with its links and
// hashtags marked, a link card and the media. Not pixel-exact; close enough to judge.
import { networkNames, type NetworkKind } from "~/domain/networks";
import { useI18n } from "~/i18n/use-i18n";

type Props = { network: NetworkKind; channelName: string; text: string; link?: string | null; mediaUrls?: readonly string[]; truncateAt?: number };

const token = /(https?:\/\/[^\s]+|[#@][\p{L}\p{N}_]+)/gu;

export function VariantPreview({ network, channelName, text, link, mediaUrls = [], truncateAt }: Props) {
  const { t } = useI18n();
  // LinkedIn and Facebook fold long posts behind "see more"; the preview folds the same.
  const folded = truncateAt && text.length > truncateAt ? `${text.slice(0, truncateAt).trimEnd()}…` : text;
  const parts = folded.split(token);
  return (
    <figure className={`preview preview-${network}`} aria-label={t.editor.previewOf(networkNames[network])}>
      <div className="preview-account">
        <span className="avatar" aria-hidden="true">
          {channelName.slice(0, 1).toUpperCase()}
        </span>
        <span>
          <strong>{channelName}</strong>
          <span className="muted"> · {networkNames[network]}</span>
        </span>
      </div>
      <p className="preview-text">
        {parts.map((part, i) => (i % 2 === 1 ? <span key={i} className="preview-token">{part}</span> : part))}
        {folded !== text ? <span className="muted"> {t.editor.seeMore}</span> : null}
      </p>
      {link ? (
        <div className="preview-link">
          <span className="muted">{safeHost(link)}</span>
          <span>{link}</span>
        </div>
      ) : null}
      {mediaUrls.length ? (
        <div className="preview-media">
          {mediaUrls.map((url) => (
            <span key={url} className="media-tile">
              {safeHost(url)}
            </span>
          ))}
        </div>
      ) : null}
    </figure>
  );
}

function safeHost(url: string) {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
