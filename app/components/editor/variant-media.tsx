// A variant's pictures and videos in the editor: uploaded right here (the library's
// uploader: drop, paste, choose, with progress) or picked from the library, in order, each
// with its alt text. The form sends them as `variants[i].attachments[k].id/alt`; alt text
// belongs to the item, so the editor keeps one per item for every channel that carries it.
import { MAX_ALT_TEXT } from "~/domain/media-type";
import { useI18n } from "~/i18n/use-i18n";
import { MediaUploader } from "../media-uploader";

export type EditorMedia = { id: string; kind: "IMAGE" | "GIF" | "VIDEO"; fileName: string; altText: string; hasThumbnail: boolean };

type Props = {
  slug: string;
  index: number;
  items: EditorMedia[];
  library: EditorMedia[];
  alts: Record<string, string>;
  onItems: (items: EditorMedia[]) => void;
  onAlt: (mediaId: string, alt: string) => void;
  onUploaded: (item: EditorMedia) => void;
};

export const mediaSrc = (slug: string, item: Pick<EditorMedia, "id" | "hasThumbnail">) => `/w/${slug}/media/${item.id}${item.hasThumbnail ? "?size=thumbnail" : ""}`;

export function VariantMedia({ slug, index, items, library, alts, onItems, onAlt, onUploaded }: Props) {
  const { t } = useI18n();
  const m = t.media;
  const chosen = new Set(items.map((item) => item.id));
  const pickable = library.filter((item) => !chosen.has(item.id));
  const move = (k: number) => onItems(items.map((item, j) => (j === k - 1 ? items[k]! : j === k ? items[k - 1]! : item)));
  return (
    <fieldset className="variant-media">
      <legend>{m.editor.heading}</legend>
      {items.length === 0 ? <p className="muted">{m.editor.none}</p> : null}
      <ol className="variant-media-list">
        {items.map((item, k) => (
          <li key={item.id} aria-label={m.editor.item(k + 1, item.fileName)} data-media-id={item.id}>
            <input type="hidden" name={`variants[${index}].attachments[${k}].id`} value={item.id} />
            {item.kind === "VIDEO" ? (
              <video src={`/w/${slug}/media/${item.id}`} preload="metadata" muted aria-hidden="true" />
            ) : (
              <img src={mediaSrc(slug, item)} alt="" />
            )}
            <div className="stack">
              <label>
                {m.alt.label}: {item.fileName}
                <textarea
                  name={`variants[${index}].attachments[${k}].alt`}
                  rows={2}
                  maxLength={MAX_ALT_TEXT}
                  placeholder={m.alt.hint}
                  value={alts[item.id] ?? item.altText}
                  onChange={(event) => onAlt(item.id, event.currentTarget.value)}
                />
              </label>
              {!(alts[item.id] ?? item.altText).trim() ? <p className="warning">{m.alt.missing}</p> : null}
              <div className="inline">
                {k > 0 ? (
                  <button type="button" className="link" onClick={() => move(k)}>
                    {m.editor.earlier}
                  </button>
                ) : null}
                <button type="button" className="link" onClick={() => onItems(items.filter((other) => other.id !== item.id))}>
                  {m.editor.remove}
                </button>
              </div>
            </div>
          </li>
        ))}
      </ol>
      <MediaUploader slug={slug} onUploaded={onUploaded} />
      <details className="media-picker">
        <summary>{m.editor.pick}</summary>
        {pickable.length === 0 ? <p className="muted">{library.length ? m.editor.allAttached : m.editor.libraryEmpty}</p> : null}
        <ul className="media-picker-grid">
          {pickable.map((item) => (
            <li key={item.id}>
              <button type="button" className="media-pick" aria-label={m.editor.add(item.fileName)} onClick={() => onItems([...items, item])}>
                {item.kind === "VIDEO" ? <span className="media-tile">{m.kind.VIDEO}</span> : <img src={mediaSrc(slug, item)} alt="" loading="lazy" />}
                <span>{item.fileName}</span>
              </button>
            </li>
          ))}
        </ul>
      </details>
    </fieldset>
  );
}
