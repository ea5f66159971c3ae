// Uploads pictures and videos to the workspace's library: a file picker, a drop zone and
// paste, several files at once, each in its own request with its own progress bar (the
// server streams each one to storage). Used by the library page and the post editor.
import { useId, useRef, useState } from "react";
import { useI18n } from "~/i18n/use-i18n";

export type UploadedMedia = { id: string; kind: "IMAGE" | "GIF" | "VIDEO"; fileName: string; altText: string; hasThumbnail: boolean };

type Progress = { key: string; name: string; loaded: number; total: number; state: "uploading" | "done" | "failed"; error?: string };

const ACCEPT = "image/jpeg,image/png,image/webp,image/gif,video/mp4,video/quicktime";

function send(url: string, file: File, onProgress: (loaded: number, total: number) => void): Promise<{ media?: UploadedMedia; error?: string }> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.setRequestHeader("Accept", "application/json");
    request.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    request.onload = () => {
      try {
        resolve(JSON.parse(request.responseText) as { media?: UploadedMedia; error?: string });
      } catch {
        resolve({ error: `HTTP ${request.status}` });
      }
    };
    request.onerror = () => resolve({});
    const form = new FormData();
    form.append("file", file, file.name);
    request.send(form);
  });
}

export function MediaUploader({ slug, onUploaded }: { slug: string; onUploaded: (media: UploadedMedia) => void }) {
  const { t } = useI18n();
  const m = t.media.upload;
  const [uploads, setUploads] = useState<Progress[]>([]);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();

  const update = (key: string, change: Partial<Progress>) => setUploads((all) => all.map((u) => (u.key === key ? { ...u, ...change } : u)));

  const start = (files: Iterable<File>) => {
    for (const file of files) {
      const key = `${file.name}-${file.size}-${Math.random()}`;
      setUploads((all) => [...all, { key, name: file.name || "clipboard", loaded: 0, total: file.size, state: "uploading" }]);
      void send(`/w/${slug}/media/upload`, file, (loaded, total) => update(key, { loaded, total })).then((answer) => {
        if (answer.media) {
          update(key, { state: "done", loaded: file.size });
          onUploaded(answer.media);
        } else update(key, { state: "failed", error: answer.error ?? m.network });
      });
    }
  };

  return (
    <div
      className={`media-drop${over ? " media-drop-over" : ""}`}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        event.preventDefault();
        setOver(false);
        start(event.dataTransfer.files);
      }}
      onPaste={(event) => {
        if (event.clipboardData.files.length) {
          event.preventDefault();
          start(event.clipboardData.files);
        }
      }}
    >
      <p id={hintId}>
        {m.drop} <span className="muted">{m.accepted}</span>
      </p>
      <label className="button">
        {m.choose}
        <input
          ref={input}
          type="file"
          name="file"
          multiple
          accept={ACCEPT}
          aria-describedby={hintId}
          className="visually-hidden"
          onChange={(event) => {
            start(Array.from(event.currentTarget.files ?? []));
            event.currentTarget.value = "";
          }}
        />
      </label>
      {uploads.length ? (
        <ul className="media-progress" aria-live="polite">
          {uploads.map((u) => (
            <li key={u.key}>
              {u.state === "uploading" ? (
                <>
                  <span>{m.uploading(u.name)}</span> <progress max={u.total || 1} value={u.loaded} />
                </>
              ) : u.state === "done" ? (
                <span>{m.done(u.name)}</span>
              ) : (
                <span role="alert">{m.failed(u.name, u.error ?? m.network)}</span>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
