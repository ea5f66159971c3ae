// A preview that looks like the network's post: the account, the text with its links and
// hashtags marked, a link card and the media. Not pixel-exact; close enough to judge. The
// network's module says how: its colour, the avatar's shape, where a long text folds.
import type { CSSProperties } from "react";
import { type NetworkKind, networkModules } from "~/channels/networks";
import { useI18n } from "~/i18n/use-i18n";

export type PreviewMedia = { src: string | null; alt: string; name: string };

type Props = {
  network: NetworkKind;
  channelName: string;
  text: string;
  link?: string | null;
  mediaUrls?: readonly string[];
  /** Library items, in order: a thumbnail (none for a video) and the alt text it goes with. */
  media?: readonly PreviewMedia[];
  /** Fold a long text behind "see more" where the network's feed does (the editor's view of the feed). */
  folded?: boolean;
};

const token = /(https?:\/\/[^\s]+|[#@][\p{L}\p{N}_]+)/gu;

export function VariantPreview({ network, channelName, text, link, mediaUrls = [], media = [], folded: fold = false }: Props) {
  const { t } = useI18n();
  const { name, icon, preview } = networkModules[network];
  const foldAt = fold ? preview.foldAt : null;
  const folded = foldAt && text.length > foldAt ? `${text.slice(0, foldAt).trimEnd()}…` : text;
  const parts = folded.split(token);
  return (
    <figure className="preview" style={{ "--network-color": icon.color } as CSSProperties} aria-label={t.editor.previewOf(name)}>
      <div className="preview-account">
        <span className={`avatar avatar-${preview.avatar}`} aria-hidden="true">
          {channelName.slice(0, 1).toUpperCase()}
        </span>
        <span>
          <strong>{channelName}</strong>
          <span className="muted"> · {name}</span>
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
      {mediaUrls.length || media.length ? (
        <div className="preview-media">
          {media.map((item, k) =>
            item.src ? (
              <img key={`${k}-${item.src}`} className="media-tile" src={item.src} alt={item.alt} />
            ) : (
              <span key={`${k}-${item.name}`} className="media-tile" role="img" aria-label={item.alt || item.name}>
                ▶ {item.name}
              </span>
            ),
          )}
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
